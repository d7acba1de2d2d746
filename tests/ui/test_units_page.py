"""The "Khối & đơn vị" page on real workbook files, driven with the keyboard and mouse: the
units table, adding, editing, retiring and bringing back units, heads over time, people,
undo and redo through the window, and the read-only state of a closed year."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from ui_helpers import LEADER, UNITS, open_and_wait, sha256

from thidua_desktop.domain.enums import UnitType
from thidua_desktop.services import units as unit_service
from thidua_desktop.ui.form_dialog import FormDialog
from thidua_desktop.ui.head_dialog import HeadTermDialog, NewHeadDialog
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.pages.units_page import UNIT_FIELDS, UnitsPage
from thidua_desktop.ui.person_dialog import PersonDialog
from thidua_desktop.ui.retire_dialog import RetireDialog
from thidua_desktop.ui.unit_dialog import UnitDialog

OK = QDialogButtonBox.StandardButton.Ok
# QTest types ASCII only; Vietnamese text goes in with QLineEdit.insert, as an input method puts it.


class Dialogs:
    """Stands in for the page's run_dialog hook: shows the real dialog without a modal loop,
    lets the test's `fill` type into it, and answers as the dialog's own buttons decided."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.qtbot = qtbot
        self.shown: list[QDialog] = []
        self.fill: Callable[[QDialog], None] = lambda _dialog: None

    def __call__(self, dialog: QDialog) -> bool:
        self.shown.append(dialog)
        dialog.show()
        self.fill(dialog)
        if dialog.isVisible():  # left open: the user closes it
            dialog.reject()
        return dialog.result() == QDialog.DialogCode.Accepted

    def ok(self, dialog: FormDialog) -> None:
        self.qtbot.mouseClick(dialog.buttons.button(OK), Qt.MouseButton.LeftButton)


@pytest.fixture
def dialogs(qtbot) -> Dialogs:  # noqa: ANN001
    return Dialogs(qtbot)


def _page(window: MainWindow, dialogs: Dialogs) -> UnitsPage:
    page = window.workspace_view.show_page(UnitsPage)
    page.run_dialog = dialogs
    window.messages = []
    window.bridge.report = lambda _parent, title, text, **_kw: window.messages.append(text)
    return page


def _names(page: UnitsPage) -> list[str]:
    return [u.official_name for u in page.table.shown_records()]


def _cell(page: UnitsPage, name: str, header: str) -> str:
    column = [f.header for f in UNIT_FIELDS].index(header)
    row = _names(page).index(name)
    return page.table.model().index(row, column).data()


def _focus_unit(qtbot, page: UnitsPage, name: str) -> None:  # noqa: ANN001
    page.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    assert page.table.select(lambda u: u.official_name == name)
    page.table.setFocus()


@pytest.fixture
def page(qtbot, window: MainWindow, bloc_workbook: Path, dialogs: Dialogs) -> UnitsPage:  # noqa: ANN001
    open_and_wait(qtbot, window, bloc_workbook)
    return _page(window, dialogs)


# --- the table -----------------------------------------------------------------------------------


def test_every_unit_in_vietnamese_order_with_its_columns(page: UnitsPage) -> None:
    assert [page.table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(len(UNIT_FIELDS))] == [
        "Tên đơn vị", "Tên viết tắt", "Ký hiệu", "Cơ quan chủ quản", "Thủ trưởng", "Chức vụ", "Loại hình",
        "Trạng thái"]
    assert _names(page) == ["An Lão", "Ân Thi", "Ban Tổ chức Tỉnh ủy", "Bát Xát", "Bắc Hà", "Dương Minh Châu",
                            "Đảng ủy Khối các cơ quan tỉnh", "Điện Biên", "Đồng Văn", "Si Ma Cai",
                            "Văn phòng Tỉnh ủy", "Ý Yên"]
    assert _cell(page, "Văn phòng Tỉnh ủy", "Tên viết tắt") == "VPTU"
    assert _cell(page, "Văn phòng Tỉnh ủy", "Trạng thái") == "Đang tham gia"
    assert page.count_label.text() == "12 đơn vị đang tham gia"
    assert page.detail.title.text() == "An Lão"  # the first unit is selected, its detail shown


def test_filter_box_ignores_accents(qtbot, page: UnitsPage) -> None:  # noqa: ANN001
    qtbot.keyClicks(page.filter_edit, "bac ha")
    assert _names(page) == ["Bắc Hà"]
    assert page.count_label.text() == "Hiện 1/12 — 12 đơn vị đang tham gia"
    page.filter_edit.setText("dang")
    assert _names(page) == ["Đảng ủy Khối các cơ quan tỉnh"]
    page.filter_edit.setText("vptu")  # short names and ký hiệu count too
    assert _names(page) == ["Văn phòng Tỉnh ủy"]
    page.filter_edit.clear()
    assert len(_names(page)) == len(UNITS)


# --- adding, undo, redo, reopening ---------------------------------------------------------------


def test_add_a_unit_with_ctrl_n_then_undo_redo_and_reopen(qtbot, window: MainWindow, page: UnitsPage,  # noqa: ANN001
                                                         dialogs: Dialogs, bloc_workbook: Path) -> None:
    def fill(dialog: UnitDialog) -> None:
        assert dialog.windowTitle() == "Thêm đơn vị"
        assert dialog.joined_spin.year() == 2025  # the year the window is on
        dialog.name_edit.insert("  Sở   Nội vụ ")
        assert dialog.name_edit.nextInFocusChain() is dialog.short_edit  # Tab goes down the form
        qtbot.keyClicks(dialog.short_edit, "SNV")
        dialog.symbol_edit.setText("SNV")
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(UnitType.HANH_CHINH))
        dialogs.ok(dialog)

    dialogs.fill = fill
    _focus_unit(qtbot, page, "An Lão")
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(dialogs.shown) == 1
    assert "Sở Nội vụ" in _names(page)
    assert page.table.current_record().official_name == "Sở Nội vụ"  # the new unit is selected
    assert _cell(page, "Sở Nội vụ", "Tên viết tắt") == "SNV"
    assert window.workspace_view.leaders_label.text().endswith("13 đơn vị")  # listed in 2025 too

    assert window.undo_action.isEnabled() and "Thêm đơn vị Sở Nội vụ" in window.undo_action.text()
    window.undo_action.trigger()
    assert "Sở Nội vụ" not in _names(page)
    assert window.workspace_view.leaders_label.text().endswith("12 đơn vị")
    window.redo_action.trigger()
    assert "Sở Nội vụ" in _names(page)

    window.close_workbook()
    open_and_wait(qtbot, window, bloc_workbook)
    again = _page(window, dialogs)
    assert "Sở Nội vụ" in _names(again)


def test_keys_buttons_and_double_click_open_the_dialogs(qtbot, page: UnitsPage,  # noqa: ANN001
                                                        dialogs: Dialogs) -> None:
    _focus_unit(qtbot, page, "Bắc Hà")
    qtbot.keyClick(page.table, Qt.Key.Key_Insert)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    rect = page.table.visualRect(page.table.currentIndex())
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # click presses first
    assert [d.windowTitle() for d in dialogs.shown] == ["Thêm đơn vị", "Thêm đơn vị", "Sửa thông tin đơn vị"]
    assert dialogs.shown[-1].name_edit.text() == "Bắc Hà"
    assert len(_names(page)) == len(UNITS)  # all cancelled: nothing changed
    assert not window_has_undo(page)

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)  # a list is left with Tab, not walked cell by cell
    assert not page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_edit.hasFocus()


def window_has_undo(page: UnitsPage) -> bool:
    return page.window().undo_action.isEnabled()


def test_unit_dialog_shows_problems_inline_and_stays_open(qtbot, page: UnitsPage,  # noqa: ANN001
                                                          dialogs: Dialogs) -> None:
    seen: list[str] = []

    def fill(dialog: UnitDialog) -> None:
        for name, symbol, email in [("", "", ""), ("bac ha", "", ""), ("Sở Tư pháp", "STP / 2", ""),
                                    ("Sở Tư pháp", "STP", "stp at laichau")]:
            dialog.name_edit.setText(name)
            dialog.symbol_edit.setText(symbol)
            dialog.email_edit.setText(email)
            dialogs.ok(dialog)
            assert dialog.isVisible() and dialog.error_label.isVisible()
            seen.append(dialog.error_label.text())
        dialog.email_edit.setText("stp@laichau.gov.vn")
        dialogs.ok(dialog)

    dialogs.fill = fill
    page.add_unit()
    assert seen == ["Cần nhập tên chính thức của đơn vị.", "Đã có đơn vị “Bắc Hà” trong khối.",
                    "Ký hiệu không được có dấu cách hay dấu gạch chéo (ví dụ: VPTU).",
                    "Địa chỉ thư điện tử chưa đúng (ví dụ: vptu@laichau.gov.vn)."]
    assert "Sở Tư pháp" in _names(page)


def test_enter_edits_the_selected_unit(qtbot, page: UnitsPage, dialogs: Dialogs) -> None:  # noqa: ANN001
    def fill(dialog: UnitDialog) -> None:
        assert dialog.windowTitle() == "Sửa thông tin đơn vị"
        assert (dialog.name_edit.text(), dialog.short_edit.text()) == ("Bắc Hà", "BH")
        dialog.name_edit.setText("Huyện ủy Bắc Hà")  # renaming to its own name's form is fine
        dialog.superior_edit.setText("Tỉnh ủy Lào Cai")
        dialogs.ok(dialog)

    dialogs.fill = fill
    _focus_unit(qtbot, page, "Bắc Hà")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert _cell(page, "Huyện ủy Bắc Hà", "Cơ quan chủ quản") == "Tỉnh ủy Lào Cai"
    assert page.table.current_record().official_name == "Huyện ủy Bắc Hà"
    assert page.detail.title.text() == "Huyện ủy Bắc Hà"


# --- leaving the bloc and coming back ------------------------------------------------------------


def test_retire_asks_year_and_reason_then_bring_back(qtbot, window: MainWindow, page: UnitsPage,  # noqa: ANN001
                                                      dialogs: Dialogs) -> None:
    def fill(dialog: RetireDialog) -> None:
        assert dialog.year == 2026  # the year after the one the window is on
        dialog.year_spin.setValue(2025)
        dialogs.ok(dialog)  # no reason yet
        assert dialog.error_label.text() == "Cần ghi lý do đơn vị rời khối."
        dialog.reason_edit.insert("Sáp nhập")
        dialogs.ok(dialog)

    dialogs.fill = fill
    page.select_unit(next(u.id for u in page.table.shown_records() if u.official_name == "Si Ma Cai"))
    qtbot.mouseClick(page.retire_button, Qt.MouseButton.LeftButton)
    assert "Si Ma Cai" not in _names(page)
    assert page.count_label.text() == "11 đơn vị đang tham gia, 1 đơn vị đã rời khối"
    assert window.workspace_view.leaders_label.text().endswith("11 đơn vị")  # gone from the open year 2025

    qtbot.mouseClick(page.show_retired, Qt.MouseButton.LeftButton)
    assert _cell(page, "Si Ma Cai", "Trạng thái") == "Đã rời khối từ năm 2025"
    assert page.select_unit(next(u.id for u in page.table.shown_records() if u.official_name == "Si Ma Cai"))
    assert not page.retire_button.isEnabled() and page.reinstate_button.isEnabled()
    assert page.detail.title.text() == "Si Ma Cai — đã rời khối từ năm 2025"

    questions: list[str] = []
    page.ask = lambda _parent, _title, text, **_kw: questions.append(text) or True
    qtbot.mouseClick(page.reinstate_button, Qt.MouseButton.LeftButton)
    assert questions == ["Đưa “Si Ma Cai” trở lại khối?"]
    assert _cell(page, "Si Ma Cai", "Trạng thái") == "Đang tham gia"
    assert window.workspace_view.leaders_label.text().endswith("12 đơn vị")


def test_a_refused_retirement_is_a_message(qtbot, window: MainWindow, page: UnitsPage,  # noqa: ANN001
                                           dialogs: Dialogs) -> None:
    def fill(dialog: RetireDialog) -> None:
        dialog.year_spin.setValue(2025)
        dialog.reason_edit.setText("Giải thể")
        dialogs.ok(dialog)

    dialogs.fill = fill
    page.select_unit(next(u.id for u in page.table.shown_records() if u.official_name == LEADER))
    page.retire_unit()
    assert window.messages == ["Đơn vị đang là Trưởng khối năm 2025: hãy giao vai trò này cho đơn vị khác "
                               "(trang Năm thi đua) trước khi cho rời khối."]
    assert LEADER in _names(page)


# --- heads over time -----------------------------------------------------------------------------


def test_new_head_then_correct_the_term(qtbot, page: UnitsPage, dialogs: Dialogs) -> None:  # noqa: ANN001
    page.select_unit(next(u.id for u in page.table.shown_records() if u.official_name == "Bắc Hà"))
    detail = page.detail

    def first_head(dialog: NewHeadDialog) -> None:
        dialog.name_edit.insert("Nguyễn Văn Bình")
        dialog.post_edit.insert("Bí thư Huyện ủy")
        dialog.start_edit.setDate(QDate(2020, 5, 1))
        dialogs.ok(dialog)

    dialogs.fill = first_head
    qtbot.mouseClick(detail.new_head_button, Qt.MouseButton.LeftButton)
    assert _cell(page, "Bắc Hà", "Thủ trưởng") == "Nguyễn Văn Bình"
    assert _cell(page, "Bắc Hà", "Chức vụ") == "Bí thư Huyện ủy"

    def second_head(dialog: NewHeadDialog) -> None:
        assert dialog.post_edit.text() == "Bí thư Huyện ủy"  # the post carries over
        dialog.name_edit.insert("Đỗ Thị Hằng")
        dialog.start_edit.setDate(QDate(2019, 1, 1))
        dialogs.ok(dialog)
        assert dialog.error_label.text() == ("Ngày nhận nhiệm vụ phải sau ngày 01/05/2020, ngày Nguyễn Văn Bình "
                                             "nhận nhiệm vụ.")
        dialog.start_edit.setDate(QDate(2025, 3, 1))
        dialogs.ok(dialog)

    dialogs.fill = second_head
    _focus_unit(qtbot, page, "Bắc Hà")
    with qtbot.waitSignal(detail.new_head_button.clicked):  # the button's mnemonic (an animated click)
        qtbot.keyClick(page.table, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    rows = [(h.full_name, h.start_date, h.end_date) for h in detail.heads.shown_records()]
    assert rows == [("Đỗ Thị Hằng", date(2025, 3, 1), None), ("Nguyễn Văn Bình", date(2020, 5, 1), date(2025, 2, 28))]
    assert [detail.heads.model().index(r, 3).data() for r in range(2)] == ["nay", "28/02/2025"]
    assert detail.tabs.tabText(0) == "Thủ trưởng &qua các thời kỳ (2)"
    assert detail.tabs.tabText(1) == "Cá &nhân (2)"  # both heads are people of the unit

    def correct(dialog: HeadTermDialog) -> None:
        assert dialog.windowTitle() == "Sửa nhiệm kỳ thủ trưởng"
        dialog.post_edit.setText("Phó Bí thư phụ trách")
        dialogs.ok(dialog)

    dialogs.fill = correct
    assert detail.heads.select(lambda h: h.full_name == "Nguyễn Văn Bình")
    detail.heads.setFocus()
    qtbot.keyClick(detail.heads, Qt.Key.Key_Return)
    assert [h.post for h in detail.heads.shown_records()] == ["Bí thư Huyện ủy", "Phó Bí thư phụ trách"]


# --- people --------------------------------------------------------------------------------------


def test_add_edit_and_retire_people(qtbot, page: UnitsPage, dialogs: Dialogs) -> None:  # noqa: ANN001
    page.select_unit(next(u.id for u in page.table.shown_records() if u.official_name == "Đồng Văn"))
    detail = page.detail
    detail.tabs.setCurrentIndex(1)

    def add(dialog: PersonDialog) -> None:
        assert dialog.windowTitle() == "Thêm cá nhân"
        dialog.name_edit.insert("Lò Thị Mai")
        dialog.gender_combo.setCurrentIndex(2)
        dialog.birth_spin.set_year(1990)
        dialog.post_edit.insert("Chuyên viên")
        dialogs.ok(dialog)

    dialogs.fill = add
    detail.persons.setFocus()
    qtbot.keyClick(detail.persons, Qt.Key.Key_Insert)
    person = detail.persons.current_record()
    assert (person.full_name, person.gender.label, person.birth_year, person.post) == ("Lò Thị Mai", "Nữ", 1990,
                                                                                       "Chuyên viên")

    def edit(dialog: PersonDialog) -> None:
        assert dialog.name_edit.text() == "Lò Thị Mai"
        dialog.post_edit.setText("Phó Chánh Văn phòng")
        dialogs.ok(dialog)

    dialogs.fill = edit
    qtbot.keyClick(detail.persons, Qt.Key.Key_Return)
    assert detail.persons.current_record().post == "Phó Chánh Văn phòng"

    assert detail.active_button.text() == "Đánh &dấu đã nghỉ"
    qtbot.mouseClick(detail.active_button, Qt.MouseButton.LeftButton)
    assert detail.persons.shown_records() == []  # kept in the file, hidden from the list
    qtbot.mouseClick(detail.show_inactive, Qt.MouseButton.LeftButton)
    assert detail.persons.select(lambda p: p.full_name == "Lò Thị Mai")
    assert detail.active_button.text() == "Đánh &dấu đang công tác"
    assert detail.persons.model().index(0, 4).data() == "Đã nghỉ"


# --- closed years and read-only workbooks --------------------------------------------------------


def test_a_closed_year_shows_everything_and_changes_nothing(qtbot, window: MainWindow,  # noqa: ANN001
                                                            demo_workbook: Path,
                                                            dialogs: Dialogs) -> None:
    open_and_wait(qtbot, window, demo_workbook)
    page = _page(window, dialogs)
    view = window.workspace_view
    closed = next(view.year_combo.itemData(i) for i in range(view.year_combo.count())
                  if view.year_combo.itemData(i).read_only)
    view.select_year(closed.year)
    assert not page.editable
    buttons = [page.add_button, page.retire_button, page.reinstate_button, page.detail.new_head_button,
               page.detail.add_person_button, page.detail.edit_person_button, page.detail.active_button]
    assert not any(b.isEnabled() for b in buttons)
    assert page.edit_button.isEnabled() and page.edit_button.text() == "Xem thông t&in…"
    assert page.detail.heads.shown_records()  # the demo's heads are there to read

    def look(dialog: UnitDialog) -> None:
        assert dialog.name_edit.isReadOnly() and not dialog.type_combo.isEnabled()
        assert [b.text() for b in dialog.buttons.buttons()] == ["Đóng"]
        dialog.reject()

    dialogs.fill = look
    _focus_unit(qtbot, page, page.table.shown_records()[0].official_name)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # nothing to add in a closed year
    assert [type(d) for d in dialogs.shown] == [UnitDialog]
    assert not window.undo_action.isEnabled()


def test_heads_and_people_read_from_the_demo(qtbot, window: MainWindow, demo_workbook: Path,  # noqa: ANN001
                                             dialogs: Dialogs) -> None:
    open_and_wait(qtbot, window, demo_workbook)
    page = _page(window, dialogs)
    for unit in page.table.shown_records():
        heads = unit_service.heads_of(window.workspace, unit.id)
        assert unit.head is not None and unit.head.full_name == heads[-1].full_name
        assert _cell(page, unit.official_name, "Thủ trưởng") == unit.head.full_name


def test_a_read_only_workbook_opens_units_for_reading_only(qtbot, window: MainWindow,  # noqa: ANN001
                                                           bloc_workbook: Path, dialogs: Dialogs) -> None:
    os.chmod(bloc_workbook, 0o444)  # honoured even when the tests run as root
    before = sha256(bloc_workbook)
    open_and_wait(qtbot, window, bloc_workbook)
    page = _page(window, dialogs)
    assert window.workbook.read_only and not page.editable
    assert not page.add_button.isEnabled() and not page.retire_button.isEnabled()
    assert page.edit_button.text() == "Xem thông t&in…"
    page.add_unit()
    page.detail.new_head()
    assert dialogs.shown == []
    page.open_unit()
    assert [b.text() for b in dialogs.shown[0].buttons.buttons()] == ["Đóng"]
    window.close_workbook()
    assert sha256(bloc_workbook) == before
