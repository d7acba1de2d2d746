"""The new-bloc wizard driven as a user drives it: typing, pasting Excel rows into the grid,
Next/Finish, messages on the page; then the created workbook opened and read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from sqlalchemy import select

from thidua_desktop.db.models import Bloc
from thidua_desktop.domain.enums import BlocKind, MemberRole
from thidua_desktop.services import units as unit_svc
from thidua_desktop.services import years as year_svc
from thidua_desktop.ui import first_run
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.new_bloc_wizard import NewBlocWizard

# What Excel puts on the clipboard for a copied range: CRLF rows, a header row, an STT column.
EXCEL_ROWS = ("STT\tTên đơn vị\tViết tắt\tThủ trưởng\tChức vụ\r\n"
              "1\tVăn phòng Tỉnh ủy\tVPTU\tĐỗ Thị Hằng\tChánh Văn phòng\r\n"
              "2\tBan Tổ chức Tỉnh ủy\tBTCTU\tGiàng A Tông\tTrưởng ban\r\n"
              "3\tỦy ban Kiểm tra Tỉnh ủy\tUBKTTU\t\t\r\n"
              "4\tĐảng ủy các cơ quan Đảng tỉnh\tĐUCQĐ\tVàng Thị Mỷ\tBí thư\r\n")
Next, Back, Finish, Cancel = (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
                              QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)


class Problems:
    """Stands in for window.report_problem: records (title, text, informative)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []

    def __call__(self, parent, title: str, text: str, *, informative: str = "", icon=None) -> None:  # noqa: ANN001
        self.calls.append((title, text, informative))


def show(qtbot, wizard: NewBlocWizard) -> None:  # noqa: ANN001
    """What exec() does first: show the wizard as the active window (shortcuts need it)."""
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)


def press(qtbot, wizard: NewBlocWizard, which: QWizard.WizardButton) -> None:  # noqa: ANN001
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def type_in(editor, text: str) -> None:  # noqa: ANN001
    """Vietnamese typed through the input method arrives as whole text (QTest types ASCII only)."""
    editor.insert(text)


def type_in_cell(qtbot, table, text: str) -> None:  # noqa: ANN001
    """F2 on the current cell, type, Tab: as a user fills a grid."""
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.window().focusWidget()
    type_in(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def paste(qtbot, table, text: str) -> None:  # noqa: ANN001
    QApplication.clipboard().setText(text)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def check_item(qtbot, wizard: NewBlocWizard, name: str) -> None:  # noqa: ANN001
    """Move to `name` in the Phó khối list and press Space, as with the keyboard."""
    deputies = wizard.leadership_page.deputy_list
    deputies.setFocus()
    deputies.setCurrentItem(deputies.findItems(name, Qt.MatchFlag.MatchExactly)[0])
    qtbot.keyClick(deputies, Qt.Key.Key_Space)


def checked(wizard: NewBlocWizard) -> list[str]:
    deputies = wizard.leadership_page.deputy_list
    return [deputies.item(i).text() for i in wizard.leadership_page.deputies()]


@pytest.fixture
def wizard(qtbot) -> NewBlocWizard:  # noqa: ANN001
    """The wizard on its own, shown without exec; Finish records the answers instead of saving."""
    made: list = []
    wiz = NewBlocWizard(None, create=lambda spec: made.append(spec) or Path("tạo.thidua"))
    wiz.made = made
    wiz.confirm_discard = lambda parent: True  # closed at the end of the test without asking
    qtbot.addWidget(wiz)
    show(qtbot, wiz)
    return wiz


# --- the whole journey ---------------------------------------------------------------------------


def test_new_bloc_from_start_screen_to_open_workbook(qtbot, window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "Khối Đảng mới.thidua"
    suggested: list[Path] = []
    window.ask_save_path = lambda parent, title, path: suggested.append(path) or target
    buttons: list[str] = []
    still_shown: list[bool] = []

    def drive(wiz: NewBlocWizard) -> int:
        show(qtbot, wiz)
        buttons.extend(wiz.buttonText(b).replace("&", "") for b in (Next, Back, Finish, Cancel))
        page = wiz.bloc_page
        type_in(page.name_edit, "Cụm thi đua các cơ quan Đảng tỉnh")
        qtbot.keyClick(page.kind_combo, Qt.Key.Key_Down)  # Khối → Cụm
        qtbot.keyClicks(page.organising_edit, "UBND ")
        type_in(page.organising_edit, "tỉnh Lai Châu")
        type_in(page.province_edit, "Lai Châu")
        qtbot.keyClick(page.province_edit, Qt.Key.Key_Return)  # Enter = Tiếp theo

        units = wiz.units_page
        paste(qtbot, units.table, EXCEL_ROWS)
        units.table.setCurrentIndex(units.model.index(4, 0))  # the blank row under the pasted ones
        for text in ("Báo Lai Châu", "BLC", "Trần Quốc Khánh", "Tổng Biên tập"):
            type_in_cell(qtbot, units.table, text)
        press(qtbot, wiz, Next)

        leadership = wiz.leadership_page
        leadership.year_spin.selectAll()
        qtbot.keyClicks(leadership.year_spin, "2025")
        leadership.leader_combo.setFocus()
        qtbot.keyClick(leadership.leader_combo, Qt.Key.Key_Down)  # (Chưa xác định) → the first unit
        check_item(qtbot, wiz, "Ban Tổ chức Tỉnh ủy")
        check_item(qtbot, wiz, "Báo Lai Châu")
        press(qtbot, wiz, Finish)
        still_shown.append(wiz.isVisible())
        return wiz.result()

    window.run_wizard = drive
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        qtbot.mouseClick(window.start_screen.new_button, Qt.MouseButton.LeftButton)

    assert buttons == ["Tiếp theo", "Quay lại", "Hoàn tất", "Hủy"]
    assert suggested[0].name == "Cụm thi đua các cơ quan Đảng tỉnh.thidua"
    assert still_shown == [False]
    assert window.workbook.path == target
    ws = window.workspace
    summary = window.workbook.inspection.summary
    assert (summary.bloc_name, summary.bloc_kind) == ("Cụm thi đua các cơ quan Đảng tỉnh", BlocKind.CUM)
    assert [y.year for y in year_svc.list_years(ws)] == [2025]
    roles = {m.name: m.role for m in year_svc.members(ws, year_svc.year_id_of(ws, 2025))}
    assert roles == {"Văn phòng Tỉnh ủy": MemberRole.TRUONG, "Ban Tổ chức Tỉnh ủy": MemberRole.PHO,
                     "Báo Lai Châu": MemberRole.PHO, "Ủy ban Kiểm tra Tỉnh ủy": MemberRole.THANH_VIEN,
                     "Đảng ủy các cơ quan Đảng tỉnh": MemberRole.THANH_VIEN}
    units = {u.official_name: u for u in unit_svc.list_units(ws)}
    assert units["Báo Lai Châu"].short_name == "BLC"
    assert [(h.full_name, h.post) for h in unit_svc.heads_of(ws, units["Báo Lai Châu"].id)] == [
        ("Trần Quốc Khánh", "Tổng Biên tập")]
    assert unit_svc.heads_of(ws, units["Ủy ban Kiểm tra Tỉnh ủy"].id) == []
    assert year_svc.list_years(ws)[0].place_name == "Lai Châu"
    with ws.read() as s:
        bloc = s.scalars(select(Bloc)).one()
        assert (bloc.organising_body, bloc.province) == ("UBND tỉnh Lai Châu", "Lai Châu")
    assert window.recent.entries()[0].path == target


def test_cancelling_the_wizard_asks_first_and_creates_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:
    asked: list = []
    window.ask_save_path = lambda *a: asked.append(a)
    questions: list = []
    still_open: list[bool] = []

    def drive(wiz: NewBlocWizard) -> int:
        show(qtbot, wiz)
        qtbot.keyClicks(wiz.bloc_page.name_edit, "Khoi thi dua doanh nghiep")
        wiz.confirm_discard = lambda parent: questions.append(parent) or False  # "Không": stay
        qtbot.keyClick(wiz.bloc_page.name_edit, Qt.Key.Key_Escape)
        still_open.append(wiz.isVisible())
        wiz.confirm_discard = lambda parent: True  # "Có": throw the answers away
        press(qtbot, wiz, Cancel)
        return wiz.result()

    window.run_wizard = drive
    qtbot.mouseClick(window.start_screen.new_button, Qt.MouseButton.LeftButton)
    assert still_open == [True] and len(questions) == 1
    assert asked == [] and window.stack.currentWidget() is window.start_screen
    assert list(tmp_path.glob("*.thidua")) == []


def test_an_existing_file_is_a_message_and_the_wizard_keeps_the_answers(qtbot, window: MainWindow,
                                                                       tmp_path: Path) -> None:
    existing = tmp_path / "Khối Đảng.thidua"
    existing.write_text("sổ của khối khác", encoding="utf-8")
    answers = iter([existing, tmp_path / "không có thư mục" / "Khối Đảng.thidua", None, tmp_path / "Khối Đảng 2"])
    window.ask_save_path = lambda *a: next(answers)
    window.report_problem = problems = Problems()
    wiz = NewBlocWizard(window, create=lambda spec: first_run.create_workbook_for(window, wiz, spec))
    wiz.confirm_discard = lambda parent: True
    qtbot.addWidget(wiz)
    show(qtbot, wiz)
    type_in(wiz.bloc_page.name_edit, "Khối thi đua các cơ quan Đảng tỉnh")
    press(qtbot, wiz, Next)
    wiz.units_page.paste(EXCEL_ROWS)
    press(qtbot, wiz, Next)

    press(qtbot, wiz, Finish)  # a file of that name is there
    assert problems.calls[-1] == ("Chưa tạo được sổ thi đua", f"Đã có tệp “Khối Đảng.thidua” trong thư mục “{tmp_path}”.",
                                  "Sổ mới không ghi đè lên tệp đã có. Hãy đặt tên tệp khác.")
    assert existing.read_text(encoding="utf-8") == "sổ của khối khác"
    press(qtbot, wiz, Finish)  # a folder that is not there
    assert problems.calls[-1][1] == f"Không ghi được tệp vào thư mục “{tmp_path / 'không có thư mục'}”."
    press(qtbot, wiz, Finish)  # the save dialog cancelled: nothing said, still open
    assert len(problems.calls) == 2
    assert wiz.isVisible() and wiz.currentPage() is wiz.leadership_page
    press(qtbot, wiz, Finish)
    assert not wiz.isVisible() and wiz.result() == QWizard.DialogCode.Accepted
    assert wiz.created_path == tmp_path / "Khối Đảng 2.thidua" and wiz.created_path.is_file()


# --- each page refuses to go on until fixed --------------------------------------------------------


def test_bloc_page_needs_a_name(qtbot, wizard: NewBlocWizard) -> None:
    page = wizard.bloc_page
    press(qtbot, wizard, Next)
    assert wizard.currentPage() is page
    assert page.error_label.isVisible() and page.error_label.text() == "Hãy nhập tên khối thi đua."
    assert page.name_edit.hasFocus()
    qtbot.keyClicks(page.name_edit, "Khoi Dang")
    assert not page.error_label.isVisible()
    press(qtbot, wizard, Next)
    assert wizard.currentPage() is wizard.units_page


def test_units_page_says_what_to_fix(qtbot, wizard: NewBlocWizard) -> None:
    qtbot.keyClicks(wizard.bloc_page.name_edit, "Khoi Dang")
    press(qtbot, wizard, Next)
    page, table = wizard.units_page, wizard.units_page.table
    press(qtbot, wizard, Next)
    assert wizard.currentPage() is page and page.error_label.text() == "Hãy nhập ít nhất một đơn vị thành viên."

    type_in_cell(qtbot, table, "Sở Y tế")  # Tab: on to the short name
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter: down to row 2, same column
    assert (table.currentIndex().row(), table.currentIndex().column()) == (1, 1)
    type_in_cell(qtbot, table, "STP")  # a short name, but no name
    press(qtbot, wizard, Next)
    assert page.error_label.text() == "Dòng 2 chưa có tên đơn vị."
    assert table.currentIndex().row() == 1 and table.currentIndex().column() == 0
    type_in_cell(qtbot, table, "sở y tế")
    press(qtbot, wizard, Next)
    assert page.error_label.text() == "Đơn vị bị nhập trùng: Sở Y tế, sở y tế."
    table.setCurrentIndex(page.model.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)  # remove the row
    assert page.model.rows == [["Sở Y tế", "", "", ""], ["", "", "", ""]]
    press(qtbot, wizard, Next)
    assert wizard.currentPage() is wizard.leadership_page


def test_leadership_page_refuses_a_third_deputy_and_a_leader_who_is_deputy(qtbot, wizard: NewBlocWizard) -> None:
    qtbot.keyClicks(wizard.bloc_page.name_edit, "Khoi Dang")
    press(qtbot, wizard, Next)
    wizard.units_page.paste(EXCEL_ROWS)
    press(qtbot, wizard, Next)
    page = wizard.leadership_page
    assert page.year_spin.value() == __import__("datetime").date.today().year
    assert [page.leader_combo.itemText(i) for i in range(page.leader_combo.count())] == [
        "(Chưa xác định)", "Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy",
        "Đảng ủy các cơ quan Đảng tỉnh"]
    for name in ("Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"):
        check_item(qtbot, wizard, name)
    assert not page.error_label.isVisible()
    check_item(qtbot, wizard, "Ủy ban Kiểm tra Tỉnh ủy")  # a third: refused at once
    assert checked(wizard) == ["Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"]
    assert page.error_label.isVisible()
    assert page.error_label.text() == ("Chỉ chọn được tối đa 2 đơn vị Phó khối. Hãy bỏ đánh dấu một đơn vị Phó khối "
                                       "trước khi chọn “Ủy ban Kiểm tra Tỉnh ủy”.")

    page.leader_combo.setCurrentIndex(1)  # Văn phòng Tỉnh ủy, already a deputy
    assert page.error_label.text() == "Một đơn vị không thể vừa là Trưởng khối vừa là Phó khối."
    press(qtbot, wizard, Finish)
    assert wizard.made == [] and wizard.isVisible()
    check_item(qtbot, wizard, "Văn phòng Tỉnh ủy")  # no longer a deputy
    assert not page.error_label.isVisible()
    press(qtbot, wizard, Finish)
    [spec] = wizard.made
    assert (spec.leader, spec.deputies) == (0, (1,))


def test_going_back_to_the_units_keeps_the_choices_of_the_units_still_there(qtbot, wizard: NewBlocWizard) -> None:
    qtbot.keyClicks(wizard.bloc_page.name_edit, "Khoi Dang")
    press(qtbot, wizard, Next)
    wizard.units_page.paste(EXCEL_ROWS)
    press(qtbot, wizard, Next)
    page = wizard.leadership_page
    page.leader_combo.setCurrentIndex(2)  # Ban Tổ chức Tỉnh ủy
    check_item(qtbot, wizard, "Đảng ủy các cơ quan Đảng tỉnh")
    press(qtbot, wizard, Back)
    units = wizard.units_page
    units.table.setCurrentIndex(units.model.index(0, 0))
    qtbot.keyClick(units.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)  # Văn phòng Tỉnh ủy goes
    press(qtbot, wizard, Next)
    assert page.leader_combo.currentText() == "Ban Tổ chức Tỉnh ủy"
    assert checked(wizard) == ["Đảng ủy các cơ quan Đảng tỉnh"]
    assert page.summary_label.text().startswith("Sổ mới sẽ có 3 đơn vị thành viên.")


# --- the units grid ------------------------------------------------------------------------------


def test_paste_from_excel_with_ctrl_v_and_the_button(qtbot, wizard: NewBlocWizard) -> None:
    qtbot.keyClicks(wizard.bloc_page.name_edit, "Khoi Dang")
    press(qtbot, wizard, Next)
    page = wizard.units_page
    assert page.paste_button.text().replace("&", "") == "Dán từ Excel"
    paste(qtbot, page.table, EXCEL_ROWS)
    assert page.model.rows == [
        ["Văn phòng Tỉnh ủy", "VPTU", "Đỗ Thị Hằng", "Chánh Văn phòng"],
        ["Ban Tổ chức Tỉnh ủy", "BTCTU", "Giàng A Tông", "Trưởng ban"],
        ["Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU", "", ""],
        ["Đảng ủy các cơ quan Đảng tỉnh", "ĐUCQĐ", "Vàng Thị Mỷ", "Bí thư"],
        ["", "", "", ""],
    ]
    assert page.count_label.text() == "Đã dán 4 đơn vị. Tổng cộng: 4 đơn vị"
    selected = {i.row() for i in page.table.selectionModel().selectedIndexes()}
    assert selected == {0, 1, 2, 3}

    QApplication.clipboard().setText("Sở Tư pháp\tSTP\r\nSở Y tế\tSYT\r\n")
    qtbot.mouseClick(page.paste_button, Qt.MouseButton.LeftButton)  # added under the others
    assert [r[0] for r in page.model.rows] == ["Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy",
                                               "Đảng ủy các cơ quan Đảng tỉnh", "Sở Tư pháp", "Sở Y tế", ""]
    QApplication.clipboard().setText("\r\n")
    qtbot.mouseClick(page.paste_button, Qt.MouseButton.LeftButton)
    assert page.error_label.text().startswith("Không có đơn vị nào để dán.")
    assert page.model.filled_count() == 6


def test_ctrl_v_inside_a_cell_pastes_into_the_cell(qtbot, wizard: NewBlocWizard) -> None:
    qtbot.keyClicks(wizard.bloc_page.name_edit, "Khoi Dang")
    press(qtbot, wizard, Next)
    page = wizard.units_page
    QApplication.clipboard().setText("Sở Xây dựng")
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = wizard.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert page.model.rows == [["Sở Xây dựng", "", "", ""], ["", "", "", ""]]


def test_grid_is_filled_from_the_keyboard(qtbot, wizard: NewBlocWizard) -> None:
    qtbot.keyClicks(wizard.bloc_page.name_edit, "Khoi Dang")
    press(qtbot, wizard, Next)
    page, table = wizard.units_page, wizard.units_page.table
    assert table.hasFocus() and table.currentIndex().row() == 0
    for text in ("Sở Tư pháp", "STP", "Lò Văn Pấng", "Giám đốc", "Sở Y tế"):  # Tab wraps to the next row
        type_in_cell(qtbot, table, text)
    assert page.model.rows == [["Sở Tư pháp", "STP", "Lò Văn Pấng", "Giám đốc"], ["Sở Y tế", "", "", ""],
                               ["", "", "", ""]]
    assert page.count_label.text() == "Tổng cộng: 2 đơn vị"

    table.setCurrentIndex(page.model.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Insert)  # a blank row above Sở Y tế, being edited
    editor = table.window().focusWidget()
    type_in(editor, "Sở Tài chính")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert [r[0] for r in page.model.rows] == ["Sở Tư pháp", "Sở Tài chính", "Sở Y tế", ""]

    table.setCurrentIndex(page.model.index(0, 2))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # Delete empties the cell only
    assert page.model.rows[0] == ["Sở Tư pháp", "STP", "", "Giám đốc"]
    table.selectRow(2)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert [r[0] for r in page.model.rows] == ["Sở Tư pháp", "Sở Tài chính", ""]
    assert page.count_label.text() == "Tổng cộng: 2 đơn vị"
