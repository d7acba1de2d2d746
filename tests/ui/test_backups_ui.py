"""The Công cụ menu and the automatic backups on real files: Sao lưu ngay, the restore dialog and
restoring into a new file, Kiểm tra tệp, backups at closing and once a day, failures as messages,
and the operator's name asked once."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from ui_helpers import open_and_wait

from thidua_desktop import paths
from thidua_desktop.services import audit_log, backups, recovery
from thidua_desktop.services import units as unit_svc
from thidua_desktop.services.workbook import inspect
from thidua_desktop.ui.app import app_settings
from thidua_desktop.ui.backup_dialogs import RestoreDialog, integrity_message
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.operator_dialog import TITLE, OperatorDialog


class Recorder:
    """Stands in for a dialog hook: records each call and gives a fixed answer."""

    def __init__(self, answer: object = None) -> None:
        self.answer = answer
        self.calls: list[tuple[tuple, dict]] = []

    def __call__(self, *args: object, **kwargs: object) -> object:
        self.calls.append((args, kwargs))
        return self.answer


class BackupChooser:
    """Builds the real restore dialog, keeps it, and chooses the backup `pick` returns."""

    def __init__(self, pick=lambda infos: infos[0]) -> None:  # noqa: ANN001
        self.pick = pick
        self.dialog: RestoreDialog | None = None

    def __call__(self, parent, infos, **kwargs):  # noqa: ANN001, ANN204
        self.dialog = RestoreDialog(parent, infos, **kwargs)
        chosen = self.pick(infos)
        self.dialog.list.setCurrentRow(infos.index(chosen))
        return self.dialog.chosen()


def reasons(window: MainWindow) -> list[str]:
    """The reasons of the bloc's backups, sorted (several made in one second have no order)."""
    return sorted(b.reason for b in backups.list_backups(window.workbook.bloc_uuid))


def unit_names(window: MainWindow) -> list[str]:
    return sorted(u.official_name for u in unit_svc.list_units(window.workspace))


@pytest.fixture
def problems(window: MainWindow) -> Recorder:
    window.report_problem = Recorder()
    return window.report_problem


def test_tools_menu_is_vietnamese_and_follows_the_open_workbook(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    texts = [a.text() for a in window.tools_menu.actions() if not a.isSeparator()]
    assert texts == ["Sao lưu &ngay", "&Kiểm tra tệp", "Khôi &phục từ bản sao lưu…", "Đổi &tên người thao tác…"]
    assert window.tools_menu.title() == "&Công cụ"
    assert not window.backup_now_action.isEnabled() and not window.check_file_action.isEnabled()
    assert window.restore_action.isEnabled()  # also from the start screen, for a file that no longer opens
    open_and_wait(qtbot, window, bloc_workbook)
    assert window.backup_now_action.isEnabled() and window.check_file_action.isEnabled()


def test_backup_now_is_listed_in_the_restore_dialog_with_its_summary(qtbot, window: MainWindow,
                                                                      bloc_workbook: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    window.backup_now_action.trigger()
    manual = next(b for b in backups.list_backups(window.workbook.bloc_uuid) if b.reason == "manual")
    assert window.statusBar().currentMessage() == f"Đã sao lưu: {manual.path}"
    window.choose_backup = chooser = BackupChooser(lambda infos: None)
    window.ask_save_path = Recorder(None)
    chooser.pick = lambda infos: infos[0]
    window.restore_action.trigger()
    lines = chooser.dialog.lines()
    assert manual.describe() in lines and len(lines) == 2  # and the daily backup made at opening
    assert any("(sao lưu thủ công) — năm 2025, 12 đơn vị" in line for line in lines)
    assert any("(tự động hằng ngày)" in line for line in lines)
    dialog = chooser.dialog
    assert dialog.windowTitle() == "Khôi phục từ bản sao lưu"
    assert dialog.restore_button.text() == "&Khôi phục ra tệp mới…"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"
    assert str(backups.folder_for(window.workbook.bloc_uuid)) in dialog.findChild(object, "backup_folder").text()
    assert window.ask_save_path.calls  # it went on to ask for a new file name; None stopped it


def test_restore_writes_a_new_file_with_the_data_of_that_moment(qtbot, window: MainWindow, bloc_workbook: Path,
                                                                 tmp_path: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    unit_svc.add_unit(window.workspace, "Sở Tư pháp")
    window.backup_now_action.trigger()
    unit_svc.add_unit(window.workspace, "Sở Y tế")
    original = unit_names(window)

    dest = tmp_path / "Khôi phục.thidua"
    window.choose_backup = BackupChooser(lambda infos: next(i for i in infos if i.reason == "manual"))
    window.ask_save_path = Recorder(dest)
    window.ask_question = Recorder(True)
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        window.restore_action.trigger()
    (_, title, suggested), _ = window.ask_save_path.calls[0]
    assert suggested.parent == bloc_workbook.parent and suggested.name.startswith("Khối Đảng 2025 - khôi phục ")
    (_, _, question), kwargs = window.ask_question.calls[0]
    assert question.startswith("Đã khôi phục bản sao lưu lúc ") and question.endswith("vào tệp mới “Khôi phục.thidua”.")
    assert "Sổ đang mở sẽ được đóng" in kwargs["informative"]

    assert window.workbook.path == dest
    assert "Sở Tư pháp" in unit_names(window) and "Sở Y tế" not in unit_names(window)
    assert "Sở Y tế" in original  # the workbook that was open keeps everything
    with closing(sqlite3.connect(bloc_workbook)) as conn:
        assert conn.execute("SELECT count(*) FROM unit").fetchone()[0] == len(original)


def test_restore_never_writes_over_an_existing_file(qtbot, window: MainWindow, bloc_workbook: Path,
                                                    problems: Recorder) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    window.choose_backup = BackupChooser()
    window.ask_save_path = Recorder(bloc_workbook)  # the open workbook itself
    window.ask_question = Recorder(True)
    assert window.backups.restore() is None
    (_, title, text), kwargs = problems.calls[0]
    assert title == "Không khôi phục được" and "tệp mới" in text
    assert kwargs["icon"] is QMessageBox.Icon.Warning
    assert window.ask_question.calls == []


def test_restore_from_the_start_screen_lists_every_bloc(qtbot, window: MainWindow, bloc_workbook: Path,
                                                        demo_workbook: Path, tmp_path: Path) -> None:
    for path in (bloc_workbook, demo_workbook):
        open_and_wait(qtbot, window, path)
        window.close_workbook()
    window.choose_backup = chooser = BackupChooser(lambda infos: infos[-1])
    dest = tmp_path / "cứu.thidua"
    window.ask_save_path = Recorder(dest)
    window.ask_question = Recorder(False)
    assert window.backups.restore() == dest
    assert window.workbook is None and inspect(dest).summary.bloc_name
    lines = chooser.dialog.lines()
    assert any(line.startswith("Khối thi đua các cơ quan Đảng tỉnh — ") for line in lines)
    assert len({b.path.parent for b in recovery.all_backups()}) == 2 == len({line.split(" — ")[0] for line in lines})
    assert chooser.dialog.findChild(object, "backup_folder") is None


def test_no_backup_yet_is_said_plainly(qtbot, window: MainWindow, problems: Recorder) -> None:
    window.backups.restore()
    (_, title, text), _ = problems.calls[0]
    assert (title, text) == ("Khôi phục từ bản sao lưu", "Chưa có bản sao lưu nào.")


def test_closing_makes_a_close_backup(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    uuid = window.workbook.bloc_uuid
    unit_svc.add_unit(window.workspace, "Sở Tư pháp")
    window.close_workbook()
    latest = next(b for b in backups.list_backups(uuid) if b.reason == "close")
    assert latest.summary.counts["unit"] == 13
    assert window.statusBar().currentMessage() == f"Đã tự động sao lưu sổ (khi đóng sổ): {latest.path}"


def test_a_daily_backup_is_made_at_opening_and_by_the_hourly_check(qtbot, window: MainWindow,
                                                                    bloc_workbook: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    assert reasons(window) == ["daily"]
    assert window.backups.timer.isActive() and window.backups.timer.interval() == 60 * 60 * 1000
    window.close_workbook()
    open_and_wait(qtbot, window, bloc_workbook)
    assert reasons(window) == ["close", "daily"]  # not due again within the day
    for info in backups.list_backups(window.workbook.bloc_uuid):
        info.path.unlink()
    window.backups.timer.timeout.emit()
    assert reasons(window) == ["daily"]


def test_a_read_only_workbook_is_backed_up_only_on_request(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    os.chmod(bloc_workbook, 0o444)
    open_and_wait(qtbot, window, bloc_workbook)
    assert window.workbook.read_only
    assert reasons(window) == [] and not window.backups.timer.isActive()
    window.backup_now_action.trigger()
    assert reasons(window) == ["manual"]
    uuid = window.workbook.bloc_uuid
    window.close_workbook()
    assert [b.reason for b in backups.list_backups(uuid)] == ["manual"]


def test_a_failed_backup_is_a_message_not_a_traceback(qtbot, window: MainWindow, bloc_workbook: Path,
                                                       problems: Recorder) -> None:
    uuid = inspect(bloc_workbook).bloc_uuid
    (paths.backup_dir() / uuid).write_text("not a folder", encoding="utf-8")  # the backup folder cannot be made
    open_and_wait(qtbot, window, bloc_workbook)
    assert window.statusBar().currentMessage().startswith("Không tự động sao lưu được: ")
    window.backup_now_action.trigger()
    (_, title, text), kwargs = problems.calls[0]
    assert title == "Không sao lưu được" and kwargs["icon"] is QMessageBox.Icon.Warning
    window.close_workbook()
    assert window.statusBar().currentMessage().startswith("Không tự động sao lưu được: ")


def test_check_file_reports_a_sound_file(qtbot, window: MainWindow, bloc_workbook: Path, problems: Recorder) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    window.check_file_action.trigger()
    (_, title, text), kwargs = problems.calls[0]
    assert (title, text) == ("Kiểm tra tệp", "Tệp nguyên vẹn.")
    assert "Khối Đảng 2025.thidua" in kwargs["informative"] and kwargs["icon"] is QMessageBox.Icon.Information


def test_check_file_words_for_problems() -> None:
    sound, text, informative = integrity_message("a.thidua", [f"row {i} missing from index" for i in range(15)])
    assert not sound and text == "Tệp “a.thidua” có 15 lỗi."
    assert "Khôi phục từ bản sao lưu" in informative and "… và 3 lỗi khác." in informative
    assert integrity_message("a.thidua", ["ok"])[:2] == (True, "Tệp nguyên vẹn.")


# --- the operator's name ---------------------------------------------------------------------------


def test_operator_is_asked_once_and_lands_in_the_audit_log(qtbot, bloc_workbook: Path, demo_workbook: Path) -> None:
    window = MainWindow(app_settings())
    qtbot.addWidget(window)
    window.ask_operator_name = ask = Recorder("Nguyễn Thị Lan")
    window.show()
    open_and_wait(qtbot, window, bloc_workbook)
    qtbot.waitUntil(lambda: len(ask.calls) == 1)
    assert ask.calls[0][1] == {"first_time": True}
    assert window.operator == "Nguyễn Thị Lan" and window.workspace.operator == "Nguyễn Thị Lan"
    assert window.operator_label.text() == "Người thao tác: Nguyễn Thị Lan"
    unit_svc.add_unit(window.workspace, "Sở Tư pháp")
    assert audit_log.entries(window.workspace)[0].operator == "Nguyễn Thị Lan"

    open_and_wait(qtbot, window, demo_workbook)  # another workbook: not asked again
    qtbot.wait(50)
    assert len(ask.calls) == 1
    window.close()

    again = MainWindow(app_settings())  # the next start of the program
    qtbot.addWidget(again)
    again.ask_operator_name = Recorder("x")
    open_and_wait(qtbot, again, bloc_workbook)
    qtbot.wait(50)
    assert again.ask_operator_name.calls == [] and again.operator == "Nguyễn Thị Lan"
    again.close()


def test_operator_can_be_renamed_from_the_menu(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    window.ask_operator_name = ask = Recorder("Lê Thị Hoa")
    window.operator_action.trigger()
    assert ask.calls[0][0][1] == "Kiểm thử" and ask.calls[0][1] == {"first_time": False}
    unit_svc.add_unit(window.workspace, "Sở Tư pháp")
    assert audit_log.entries(window.workspace)[0].operator == "Lê Thị Hoa"
    assert app_settings().value("operator") == "Lê Thị Hoa"
    window.ask_operator_name = Recorder(None)  # cancelled: nothing changes
    window.operator_action.trigger()
    assert window.operator == "Lê Thị Hoa"


def test_operator_dialog_needs_a_name(qtbot) -> None:
    dialog = OperatorDialog(None, first_time=True)
    qtbot.addWidget(dialog)
    dialog.show()  # Enter presses the default button of a shown dialog
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == TITLE
    assert not dialog.ok_button.isEnabled() and dialog.ok_button.text() == "Đồng ý"
    qtbot.keyClicks(dialog.name_edit, "   ")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Tran  Van   Binh ")  # QTest types ASCII only
    assert dialog.ok_button.isEnabled() and dialog.name() == "Tran Van Binh"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

