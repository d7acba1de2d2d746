"""First run: the start screen's new-bloc wizard, driven page by page, and the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWizard
from ui_helpers import open_and_wait

from thidua_desktop.domain.enums import MemberRole
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.new_bloc_wizard import NewBlocWizard

EXCEL_ROWS = ("STT\tTên đơn vị\tViết tắt\tThủ trưởng\tChức vụ\n"
              "1\tVăn phòng Tỉnh ủy\tVPTU\tĐỗ Thị Hằng\tChánh Văn phòng\n"
              "2\tBan Tổ chức Tỉnh ủy\tBTC\tGiàng A Tông\tTrưởng ban\n"
              "3\tBáo Lai Châu\tBLC\tLò Văn Pọm\tTổng Biên tập\n"
              "4\tỦy ban Kiểm tra Tỉnh ủy\tUBKT\t\t\n")


def fill_wizard(qtbot, wizard: NewBlocWizard) -> None:  # noqa: ANN001
    wizard.show()  # what exec() does first
    page = wizard.bloc_page
    assert not page.isComplete()
    page.name_edit.setText("Khối thi đua các cơ quan Đảng tỉnh")  # QTest types ASCII only
    qtbot.keyClicks(page.province_edit, "Lai Chau")
    assert page.isComplete()
    wizard.next()
    units = wizard.units_page
    QGuiApplication.clipboard().setText(EXCEL_ROWS)
    units.table.setFocus()
    qtbot.keyClick(units.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [u.official_name for u in units.units()] == ["Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Báo Lai Châu",
                                                       "Ủy ban Kiểm tra Tỉnh ủy"]
    wizard.next()
    year = wizard.year_page
    year.year_spin.setValue(2026)
    year.leader_combo.setCurrentIndex(1)  # Văn phòng Tỉnh ủy
    year.deputy_combos[0].setCurrentIndex(3)  # Báo Lai Châu


def test_units_page_refuses_duplicates_inline(qtbot) -> None:  # noqa: ANN001
    wizard = NewBlocWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.bloc_page.name_edit.setText("Khối A")
    wizard.next()
    wizard.units_page.paste_text("Sở Y tế\nsở y tế\n")
    wizard.next()
    assert wizard.currentPage() is wizard.units_page
    assert "trùng" in wizard.units_page.error.text()


def test_year_page_refuses_a_deputy_who_leads(qtbot) -> None:  # noqa: ANN001
    wizard = NewBlocWizard()
    qtbot.addWidget(wizard)
    fill_wizard(qtbot, wizard)
    wizard.year_page.deputy_combos[1].setCurrentIndex(1)  # the leader again
    assert not wizard.year_page.validatePage()
    assert "vừa là Trưởng khối" in wizard.year_page.error.text()


def test_new_bloc_from_the_start_screen(qtbot, window: MainWindow, tmp_path: Path) -> None:  # noqa: ANN001
    target = tmp_path / "Khối Đảng.thidua"
    window.ask_save_path = lambda *a: target

    def run(wizard: NewBlocWizard) -> int:
        fill_wizard(qtbot, wizard)
        assert wizard.year_page.validatePage()
        return QWizard.DialogCode.Accepted.value

    window.run_wizard = run
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        window.start_screen.new_bloc_requested.emit()
    assert window.workbook.path == target
    view = window.workspace_view
    assert view.year.year == 2026
    text = view.leaders_label.text()
    assert text.startswith("Trưởng khối: Văn phòng Tỉnh ủy   ·   Phó khối: Báo Lai Châu") and "4 đơn vị" in text
    summary = window.workbook.inspection.summary
    assert {m.name: m.role for m in summary.members}["Ủy ban Kiểm tra Tỉnh ủy"] is MemberRole.THANH_VIEN


def test_cancelled_wizard_writes_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:  # noqa: ANN001
    window.run_wizard = lambda wizard: QWizard.DialogCode.Rejected.value
    assert window.create_new_bloc() is None
    assert list(tmp_path.glob("*.thidua")) == []


def test_existing_file_is_never_overwritten(qtbot, window: MainWindow, bloc_workbook: Path) -> None:  # noqa: ANN001
    before = bloc_workbook.read_bytes()
    messages = []
    window.ask_save_path = lambda *a: bloc_workbook
    window.report_problem = lambda parent, title, text, **kw: messages.append(text)

    def run(wizard: NewBlocWizard) -> int:
        fill_wizard(qtbot, wizard)
        return QWizard.DialogCode.Accepted.value

    window.run_wizard = run
    assert window.create_new_bloc() is None
    assert "Đã có tệp" in messages[0] and bloc_workbook.read_bytes() == before


def test_demo_opens_from_the_start_screen(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.workbook_opened, timeout=30_000):
        window.start_screen.demo_requested.emit()
    assert window.workbook.path.name == "Khối thi đua mẫu.thidua"
    assert len(window.workbook.inspection.summary.members) >= 8
    window.close_workbook()
    open_and_wait(qtbot, window, window.recent.entries()[0].path)  # built once, opened again
