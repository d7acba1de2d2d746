"""Every reason a workbook cannot be opened gets its own dialog, the window goes back to where
it was, and the file is left byte-for-byte as it was. The bad files are made for real."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import sha256

from thidua_desktop import __version__
from thidua_desktop.db import identity
from thidua_desktop.db.lock import read_lock
from thidua_desktop.services.workbook import Problem, WorkbookError, lock_path
from thidua_desktop.ui import open_errors
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.open_errors import SPECS, Choice, build_dialog

FIXTURE_V1 = Path(__file__).parent.parent / "data" / "workbook_v1.thidua"
OTHER_PC = {"operator": "Trần Thị Bích", "host": "MAY-VAN-THU-02", "pid": 4242,
            "since": "2026-11-20T08:15:00", "app_version": __version__}


# --- bad files, made for real --------------------------------------------------------------------


def text_file(good: Path) -> Path:
    path = good.with_name("bảng điểm.thidua")
    path.write_text("STT\tTên đơn vị\tĐiểm\n1\tVăn phòng Tỉnh ủy\t98,5\n" * 20, encoding="utf-8")
    return path


def foreign_sqlite(good: Path) -> Path:
    path = good.with_name("danh bạ.thidua")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Nguyễn Văn A')")
    conn.commit()
    conn.close()
    return path


def truncated(good: Path) -> Path:
    data = good.read_bytes()
    good.write_bytes(data[: len(data) // 2])
    return good


def bit_flipped(good: Path) -> Path:
    """One bit flipped inside the last b-tree page: the header is fine, only quick_check sees it."""
    data = bytearray(good.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[len(data) - page_size + 5] ^= 0x01  # the page's "start of cell content" field
    good.write_bytes(bytes(data))
    conn = sqlite3.connect(f"{good.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]
    finally:
        conn.close()
    return good


def newer_format(good: Path) -> Path:
    conn = sqlite3.connect(good)
    conn.execute(f"PRAGMA user_version = {identity.FORMAT_VERSION + 1}")
    conn.execute("UPDATE workbook_meta SET value = '9.0.0' WHERE key = 'app_version'")
    conn.commit()
    conn.close()
    return good


def locked_by_another_pc(good: Path) -> Path:
    lock_path(good).write_text(json.dumps(OTHER_PC, ensure_ascii=False), encoding="utf-8")
    return good


def old_format_read_only(good: Path) -> Path:
    path = good.with_name("Khối Đảng 2024 (cũ).thidua")
    shutil.copyfile(FIXTURE_V1, path)
    os.chmod(path, 0o444)
    return path


def missing(good: Path) -> Path:
    return good.with_name("đã chuyển đi.thidua")


def directory(good: Path) -> Path:
    path = good.with_name("thư mục.thidua")
    path.mkdir()
    return path


CASES: dict[str, tuple[Callable[[Path], Path], Problem]] = {
    "missing": (missing, Problem.NOT_FOUND),
    "directory": (directory, Problem.UNREADABLE),
    "text file": (text_file, Problem.NOT_SQLITE),
    "foreign sqlite": (foreign_sqlite, Problem.FOREIGN),
    "truncated": (truncated, Problem.DAMAGED),
    "bit flipped": (bit_flipped, Problem.DAMAGED),
    "newer format": (newer_format, Problem.NEWER),
    "locked": (locked_by_another_pc, Problem.LOCKED),
    "old format read-only": (old_format_read_only, Problem.OLD_READ_ONLY),
}


def fingerprint(path: Path) -> str | None:
    return sha256(path) if path.is_file() else None


@pytest.mark.parametrize("make, problem", CASES.values(), ids=CASES.keys())
def test_each_failure_shows_its_own_dialog_and_leaves_the_file_alone(
        qtbot, window: MainWindow, bloc_workbook: Path, make: Callable[[Path], Path], problem: Problem) -> None:
    path = make(bloc_workbook)
    before = fingerprint(path)
    lock_before = lock_path(path).read_bytes() if lock_path(path).exists() else None
    with qtbot.waitSignal(window.opening_failed, timeout=10_000) as failed:
        window.open_path(path)
    assert failed.args[0].problem is problem
    assert window.errors.problems == [problem]
    error, dialog, _ = window.errors.calls[0]
    assert dialog.windowTitle() == SPECS[problem].title
    assert dialog.icon() == SPECS[problem].icon
    assert dialog.text() == error.message and path.name in error.message
    if problem is Problem.LOCKED:  # who has it, on which PC, since when
        assert "Trần Thị Bích trên máy MAY-VAN-THU-02, từ 08:15 ngày 20/11/2026" in dialog.text()
    assert window.workbook is None
    assert window.stack.currentWidget() is window.start_screen
    assert window.windowTitle() == "ThiDua Desktop"
    assert fingerprint(path) == before
    # No lock was left behind, and another PC's lock is untouched.
    assert (lock_path(path).read_bytes() if lock_path(path).exists() else None) == lock_before


def test_dialogs_are_distinct_and_carry_the_fitting_action(tmp_path: Path) -> None:
    titles = {spec.title for spec in SPECS.values()}
    assert len(titles) == len(SPECS) == len(Problem)
    path = tmp_path / "sổ.thidua"

    def dialog(problem: Problem, **kw) -> QMessageBox:  # noqa: ANN003
        message = f"Tệp “{path.name}” bị hỏng … Chương trình không sửa gì trên tệp này."
        return build_dialog(None, WorkbookError(problem, path, message, **kw), in_recent=True)

    def buttons(box: QMessageBox) -> list[str]:
        return sorted(b.text() for b in box.buttons())

    assert buttons(dialog(Problem.NOT_FOUND)) == ["Xóa khỏi danh sách gần đây", "Đóng"]
    assert buttons(dialog(Problem.DAMAGED, detail="*** in database main ***")) == [
        "Mở thư mục sao lưu", "Xem chi tiết…", "Đóng"]  # Qt's own "Show Details..." translated too
    damaged = dialog(Problem.DAMAGED, detail="*** in database main ***")
    assert "không sửa gì" in damaged.text() and "backups" in damaged.informativeText()
    assert damaged.detailedText() == "*** in database main ***"
    assert "cập nhật" in dialog(Problem.NEWER).informativeText()
    for problem in (Problem.NOT_SQLITE, Problem.FOREIGN, Problem.NEWER, Problem.OLD_READ_ONLY, Problem.UNREADABLE):
        assert buttons(dialog(problem)) == ["Đóng"]
    not_in_recent = build_dialog(None, WorkbookError(Problem.NOT_FOUND, path, "…"), in_recent=False)
    assert buttons(not_in_recent) == ["Đóng"]

    from thidua_desktop.db.lock import LockInfo

    locked = dialog(Problem.LOCKED, lock=LockInfo(**OTHER_PC))
    assert buttons(locked) == ["Chiếm quyền mở…", "Hủy"]
    assert locked.defaultButton().text() == "Hủy"
    assert "Chỉ chiếm quyền mở khi chắc chắn máy kia không còn mở sổ" in locked.informativeText()
    english = {"OK", "Cancel", "Close", "Yes", "No", "&Yes", "&No"}
    for problem in Problem:
        assert not english & set(buttons(dialog(problem)))


def test_missing_recent_file_can_be_removed_from_the_list(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    gone = missing(bloc_workbook)
    window.recent.add(bloc_workbook, "Khối Đảng")
    window.recent.add(gone, "Khối cũ")
    window.errors.choice = Choice.FORGET
    window.open_path(gone)
    assert window.errors.calls[0][2] is True  # the dialog knew the file was in the recent list
    assert [e.path for e in window.recent.entries()] == [bloc_workbook]
    assert window.start_screen.recent_paths() == [bloc_workbook]


def test_lock_of_another_pc_can_be_taken_over(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    locked_by_another_pc(bloc_workbook)
    window.errors.choice = Choice.TAKE_OVER
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        window.open_path(bloc_workbook)
    assert window.errors.problems == [Problem.LOCKED]
    assert read_lock(bloc_workbook).operator == "Kiểm thử"
    window.close_workbook()
    assert not lock_path(bloc_workbook).exists()


def test_locked_dialog_really_shows_and_cancel_keeps_the_other_lock(qtbot, window: MainWindow,
                                                                    bloc_workbook: Path) -> None:
    """The real modal dialog, answered by a timer: "Hủy" leaves everything as it was."""
    locked_by_another_pc(bloc_workbook)
    window.show_open_error = open_errors.show_open_error
    seen = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append((box.objectName(), box.windowTitle(), sorted(b.text() for b in box.buttons())))
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(window.opening_failed, timeout=10_000):
        window.open_path(bloc_workbook)
    assert seen == [("open_error_locked", "Sổ đang được mở ở nơi khác", ["Chiếm quyền mở…", "Hủy"])]
    assert read_lock(bloc_workbook).host == "MAY-VAN-THU-02"
    assert window.workbook is None and window.stack.currentWidget() is window.start_screen


def test_take_over_asks_for_confirmation_first(qtbot, bloc_workbook: Path, monkeypatch) -> None:  # noqa: ANN001
    error = WorkbookError(Problem.LOCKED, bloc_workbook, "…", lock=None)
    answers = iter([False, True])
    monkeypatch.setattr(open_errors.vi, "ask", lambda *a, **kw: next(answers))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.take_over_button.click() or 0)
    assert open_errors.show_open_error(None, error) is Choice.NOTHING  # "Không" to the confirmation
    assert open_errors.show_open_error(None, error) is Choice.TAKE_OVER


def test_a_failing_file_keeps_the_open_workbook_open(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    from ui_helpers import open_and_wait

    open_and_wait(qtbot, window, bloc_workbook)
    window.open_path(text_file(bloc_workbook))
    assert window.errors.problems == [Problem.NOT_SQLITE]
    assert window.workbook is not None and window.workbook.path == bloc_workbook
    assert window.stack.currentWidget() is window.workspace_view
