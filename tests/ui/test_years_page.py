"""The "Năm thi đua" page on real workbooks: members and roles, creating the next year, the
rotation history, the year's settings (each undoable with Ctrl+Z) and closed years."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QLineEdit, QPlainTextEdit
from ui_helpers import DEPUTIES, LEADER, open_and_wait

from thidua_desktop.db.models import EmulationYear
from thidua_desktop.domain import defaults
from thidua_desktop.domain.enums import IssuerMode, MemberRole, TieBreak, YearState
from thidua_desktop.services import years as year_service
from thidua_desktop.ui.date_field import NOT_SET
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.new_year_dialog import NewYearDialog
from thidua_desktop.ui.pages.years_page import YearsPage
from thidua_desktop.ui.year_members import AddMembersDialog
from thidua_desktop.ui.year_rules import NO_LIMIT, QuotaColumn


@pytest.fixture
def messages(window: MainWindow) -> list[str]:
    """What the page told the user, instead of a modal box (installed once the bridge exists)."""
    return []


def open_page(qtbot, window: MainWindow, path: Path, messages: list[str]) -> YearsPage:  # noqa: ANN001
    open_and_wait(qtbot, window, path)
    window.bridge.report = lambda _parent, _title, text, **_kw: messages.append(text)
    return window.workspace_view.show_page(YearsPage)


def roles(window: MainWindow) -> dict[str, MemberRole]:
    year = window.workspace_view.year
    return {m.name: m.role for m in year_service.members(window.workspace, year.id)}


def stored_year(window: MainWindow) -> EmulationYear:
    return year_service.get_year(window.workspace, window.workspace_view.year.id)


def press(qtbot, widget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    """A key pressed while `widget` has the focus of the active window (so shortcuts apply)."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, key, modifier)


def undo(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    """Ctrl+Z as the user presses it (the Sửa menu's shortcut), wherever the focus is."""
    press(qtbot, window.workspace_view.nav, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


# --- members and roles ---------------------------------------------------------------------------


def test_members_of_the_year_with_their_roles(qtbot, window: MainWindow, bloc_workbook: Path,
                                              messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    members = page.members
    assert members.members.count_label.text() == "12 đơn vị"
    shown = {members.members.proxy.index(r, 0).data(): members.members.proxy.index(r, 2).data()
             for r in range(members.members.proxy.rowCount())}
    assert shown[LEADER] == "Trưởng khối" and {shown[d] for d in DEPUTIES} == {"Phó khối"}
    # The first row is current, so the actions work from the keyboard at once.
    assert members.current_member() is not None
    members.select_unit(next(m.unit_id for m in year_service.members(window.workspace, page.year.id)
                             if m.name == LEADER))
    assert not members.leader_action.isEnabled() and members.member_action.isEnabled()
    assert page.tabs.tabText(0) == "Đơn vị và vai trò"


def test_a_third_deputy_is_refused_with_the_rule(qtbot, window: MainWindow, bloc_workbook: Path,
                                                 messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    page.members.members.filter_edit.setText("bac ha")
    page.members.select_row(0)
    assert page.members.current_member().name == "Bắc Hà"
    page.members.deputy_action.trigger()
    assert messages == ["Năm 2025 có tối đa 2 đơn vị Phó khối. Hãy chuyển một đơn vị Phó khối về thành viên trước."]
    assert roles(window)["Bắc Hà"] is MemberRole.THANH_VIEN


def test_a_new_leader_replaces_the_old_and_ctrl_z_brings_it_back(qtbot, window: MainWindow, bloc_workbook: Path,
                                                                 messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    page.members.members.filter_edit.setText("ý yên")
    page.members.select_row(0)
    page.members.leader_action.trigger()
    assert roles(window)["Ý Yên"] is MemberRole.TRUONG and roles(window)[LEADER] is MemberRole.THANH_VIEN
    assert window.workspace_view.leaders_label.text().startswith("Trưởng khối: Ý Yên")
    assert page.members.current_member().name == "Ý Yên"  # the cursor stays on the unit
    assert page.rotation.rows()[0] == ("2025", "Ý Yên", "; ".join(sorted(DEPUTIES)))
    undo(qtbot, window)
    assert roles(window)[LEADER] is MemberRole.TRUONG and roles(window)["Ý Yên"] is MemberRole.THANH_VIEN


def test_removing_and_adding_units_with_delete_and_insert(qtbot, window: MainWindow, bloc_workbook: Path,
                                                          messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    asked = []
    page.members.confirm_removal = lambda _parent, member, year: asked.append((member.name, year)) or True
    page.members.members.filter_edit.setText("si ma")
    page.members.select_row(0)
    press(qtbot, page.members.table, Qt.Key.Key_Delete)
    assert asked == [("Si Ma Cai", 2025)]
    assert "Si Ma Cai" not in roles(window)
    assert page.members.members.count_label.text() == "Hiện 0/11 đơn vị"

    def tick(dialog: AddMembersDialog) -> list[int]:
        qtbot.keyClicks(dialog.filter_edit, "si ma")
        visible = [dialog.list.item(i).text() for i in range(dialog.list.count()) if not dialog.list.item(i).isHidden()]
        assert visible == ["Si Ma Cai"]
        dialog.check("Si Ma Cai")
        return dialog.chosen()

    page.members.ask_units = tick
    page.members.members.filter_edit.clear()
    press(qtbot, page.members.table, Qt.Key.Key_Insert)
    assert roles(window)["Si Ma Cai"] is MemberRole.THANH_VIEN
    assert page.members.current_member().name == "Si Ma Cai"
    # Nobody left outside the year: the page says where new units come from.
    page.members.add_action.trigger()
    assert "Khối & đơn vị" in messages[-1]


# --- creating the next year and the rotation -----------------------------------------------------


def test_next_year_with_leader_and_deputies_becomes_the_selected_year(qtbot, window: MainWindow,
                                                                      bloc_workbook: Path,
                                                                      messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    seen = []

    def fill(dialog: NewYearDialog):  # noqa: ANN202
        seen.append(dialog.year_box.value())
        dialog.choose(dialog.leader_combo, "Bắc Hà")
        dialog.choose(dialog.deputy_combos[0], "Bắc Hà")
        seen.append((dialog.problem(), dialog.ok_button.isEnabled()))
        dialog.choose(dialog.deputy_combos[0], "Ý Yên")
        dialog.choose(dialog.deputy_combos[1], LEADER)
        seen.append((dialog.problem(), dialog.ok_button.isEnabled()))
        return dialog.choice()

    page.ask_new_year = fill
    qtbot.mouseClick(page.new_year_button, Qt.MouseButton.LeftButton)
    assert seen == [2026, ("Mỗi đơn vị chỉ giữ một vai trò: hãy chọn các đơn vị khác nhau.", False), (None, True)]
    assert window.workspace_view.year.year == 2026 and page.year.year == 2026
    assert roles(window)["Bắc Hà"] is MemberRole.TRUONG
    assert {n for n, r in roles(window).items() if r is MemberRole.PHO} == {"Ý Yên", LEADER}
    assert page.rotation.rows()[:2] == [("2026", "Bắc Hà", f"{LEADER}; Ý Yên"),
                                       ("2025", LEADER, "; ".join(sorted(DEPUTIES)))]
    # Settings come from 2025.
    assert [b.text for b in stored_year(window).legal_bases] == list(defaults.LEGAL_BASES)
    assert window.windowTitle().endswith("Năm 2026 — ThiDua Desktop")


def test_an_existing_year_cannot_be_created_again(qtbot, window: MainWindow, bloc_workbook: Path,
                                                  messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    dialog = NewYearDialog(page, year_service.all_units(window.workspace), [2025])
    dialog.year_box.setValue(2025)
    assert dialog.problem_label.text() == "Sổ đã có năm 2025." and not dialog.ok_button.isEnabled()
    assert dialog.choice() is None
    dialog.year_box.setValue(2024)
    assert dialog.ok_button.isEnabled()
    assert "mặc định" in dialog.copy_hint.text()  # no earlier year to copy from


def test_first_year_of_an_empty_workbook(qtbot, window: MainWindow, empty_workbook: Path,
                                         messages: list[str]) -> None:
    page = open_page(qtbot, window, empty_workbook, messages)
    assert page.empty.isVisible() and not page.tabs.isVisible()
    page.ask_new_year = lambda dialog: dialog.choice()
    qtbot.mouseClick(page.first_year_button, Qt.MouseButton.LeftButton)
    assert window.workspace_view.year.year == date.today().year
    assert page.tabs.isVisible() and not page.empty.isVisible()
    assert page.quotas.model.rowCount() > 0


def test_rotation_history_switches_the_window_to_a_year(qtbot, window: MainWindow, demo_workbook: Path,
                                                        messages: list[str]) -> None:
    page = open_page(qtbot, window, demo_workbook, messages)
    rows = page.rotation.rows()
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), reverse=True) and len(rows) == 4
    assert all(r[1] != "chưa phân công" for r in rows)
    page.tabs.setCurrentWidget(page.rotation)
    table = page.rotation.table
    table.setCurrentIndex(page.rotation.proxy.index(2, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.workspace_view.year.year == int(rows[2][0])


# --- settings of the year --------------------------------------------------------------------


def test_place_name_saves_on_enter_and_ctrl_z_brings_it_back(qtbot, window: MainWindow, bloc_workbook: Path,
                                                             messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    page.tabs.setCurrentWidget(page.general)
    edit = page.general.place_edit
    before = stored_year(window).place_name
    edit.selectAll()
    qtbot.keyClicks(edit, "Sa  Pa")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert stored_year(window).place_name == "Sa Pa"
    assert edit.text() == "Sa Pa" and "“Sa Pa, ngày … tháng … năm …”" in page.general.place_preview.text()
    assert window.undo_action.text() == "&Hoàn tác: Sửa địa danh năm 2025"
    undo(qtbot, window)
    assert stored_year(window).place_name == before
    assert edit.text() == (before or "")


def test_issuer_and_theme(qtbot, window: MainWindow, bloc_workbook: Path, messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    combo = page.general.issuer_combo
    combo.setCurrentIndex(combo.findData(IssuerMode.BLOC))
    combo.activated.emit(combo.currentIndex())  # what choosing with the mouse or keyboard sends
    page.general.theme_edit.insert("Đoàn kết, sáng tạo")  # QTest types ASCII only
    press(qtbot, page.general.theme_edit, Qt.Key.Key_Tab)  # leaving the field saves it too
    year = stored_year(window)
    assert year.issuer_mode is IssuerMode.BLOC and year.theme.endswith("Đoàn kết, sáng tạo")


def test_deadlines_can_be_set_and_cleared(qtbot, window: MainWindow, bloc_workbook: Path,
                                          messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    field = page.general.deadline_fields["covenant_deadline"]
    assert field.value() is None and field.edit.text() == NOT_SET
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)  # from "Chưa đặt" the first step lands on 01/01 of the year
    assert stored_year(window).covenant_deadline == date(2025, 1, 1)
    field.edit.setDate(date(2025, 2, 15))
    assert stored_year(window).covenant_deadline == date(2025, 2, 15)
    assert field.edit.text() == "15/02/2025"
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    assert stored_year(window).covenant_deadline is None and field.edit.text() == NOT_SET
    field.edit.setDate(date(2025, 3, 1))
    qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    assert stored_year(window).covenant_deadline is None
    undo(qtbot, window)
    assert field.value() == date(2025, 3, 1)


def test_legal_bases_one_per_line_saved_with_ctrl_s(qtbot, window: MainWindow, bloc_workbook: Path,
                                                    messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    legal = page.legal
    page.tabs.setCurrentWidget(legal)
    assert legal.lines() == list(defaults.LEGAL_BASES) and not legal.save_button.isEnabled()
    legal.editor.moveCursor(legal.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(legal.editor, Qt.Key.Key_Return)
    legal.editor.insertPlainText("Căn cứ Kế hoạch số 12/KH-KTĐ của Khối;")  # QTest types ASCII only
    assert legal.save_button.isEnabled() and legal.state_label.text() == "4 căn cứ · chưa lưu"
    press(qtbot, legal.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [b.text for b in stored_year(window).legal_bases][-1] == "Căn cứ Kế hoạch số 12/KH-KTĐ của Khối"
    assert legal.state_label.text() == "4 căn cứ" and not legal.save_button.isEnabled()
    undo(qtbot, window)
    assert legal.lines() == list(defaults.LEGAL_BASES)


def test_unsaved_legal_bases_wait_for_their_year(qtbot, window: MainWindow, demo_workbook: Path,
                                                 messages: list[str]) -> None:
    page = open_page(qtbot, window, demo_workbook, messages)
    legal, view = page.legal, window.workspace_view
    current = view.year.year
    legal.editor.setPlainText("Căn cứ một dòng mới")
    view.select_year(current - 1)
    assert legal.lines() != ["Căn cứ một dòng mới"] and legal.editor.isReadOnly()
    view.select_year(current)
    assert legal.lines() == ["Căn cứ một dòng mới"] and legal.save_button.isEnabled()
    qtbot.mouseClick(legal.revert_button, Qt.MouseButton.LeftButton)
    assert legal.lines() == [b.text for b in stored_year(window).legal_bases]


def test_quota_grid_typed_with_enter(qtbot, window: MainWindow, bloc_workbook: Path, messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    quotas = page.quotas
    page.tabs.setCurrentWidget(quotas)
    table, model = quotas.table, quotas.model
    names = [model.line(r).name for r in range(model.rowCount())]
    row = names.index("Cờ thi đua của Ủy ban nhân dân tỉnh")
    assert model.index(row, QuotaColumn.MAX_COUNT).data() == "2"
    assert model.index(names.index("Cờ thi đua của Chính phủ"), QuotaColumn.MAX_COUNT).data() == NO_LIMIT
    table.setFocus()
    table.setCurrentIndex(model.index(row, QuotaColumn.MAX_COUNT))
    qtbot.keyClick(table, Qt.Key.Key_3)  # typing starts the editor
    editor = table.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.index(row, QuotaColumn.MAX_COUNT).data() == "3")
    assert table.currentIndex().row() == row + 1  # Enter moves down, as in Excel
    caps = {q.name: q.max_count for q in year_service.quota_lines(window.workspace, page.year.id)}
    assert caps["Cờ thi đua của Ủy ban nhân dân tỉnh"] == 3
    # An empty cell means no cap.
    table.setCurrentIndex(model.index(row, QuotaColumn.MAX_COUNT))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    table.focusWidget().clear()
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.index(row, QuotaColumn.MAX_COUNT).data() == NO_LIMIT)
    qtbot.mouseClick(quotas.defaults_button, Qt.MouseButton.LeftButton)
    assert model.index(row, QuotaColumn.MAX_COUNT).data() == "2"


def test_voting_rules_edited_and_restored(qtbot, window: MainWindow, bloc_workbook: Path,
                                          messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    voting = page.voting
    page.tabs.setCurrentWidget(voting)
    assert voting.summary.text() == "Được chọn khi số phiếu đồng ý đạt trên 50% tổng số thành viên của khối."
    voting.threshold_box.lineEdit().selectAll()
    qtbot.keyClicks(voting.threshold_box, "66,67")
    qtbot.keyClick(voting.threshold_box, Qt.Key.Key_Return)
    voting.strict_combo.setCurrentIndex(voting.strict_combo.findData(False))
    voting.strict_combo.activated.emit(voting.strict_combo.currentIndex())
    qtbot.mouseClick(voting.secret_check, Qt.MouseButton.LeftButton)
    qtbot.keyClick(voting.rounds_box, Qt.Key.Key_Up)
    rule = stored_year(window).voting_rule
    assert (rule.threshold_pct, rule.threshold_strict, rule.secret_ballot, rule.max_rounds) == (
        Decimal("66.67"), False, False, 3)
    assert voting.summary.text() == "Được chọn khi số phiếu đồng ý đạt từ 66,67% trở lên tổng số thành viên của khối."
    # Tie-break: the first key one down with Ctrl+↓, the unused "more votes" ticked with the space bar.
    voting.tie_list.setCurrentRow(0)
    press(qtbot, voting.tie_list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored_year(window).voting_rule.tie_break_order[:2] == ["more_grade_a", "fewer_penalty"])
    assert voting.tie_list.currentItem().data(Qt.ItemDataRole.UserRole) == "fewer_penalty"
    voting.tie_list.setCurrentRow(4)
    assert voting.tie_list.currentItem().text() == TieBreak.MORE_VOTES.label
    qtbot.keyClick(voting.tie_list, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: stored_year(window).voting_rule.tie_break_order[-1] == "more_votes")
    qtbot.mouseClick(voting.defaults_button, Qt.MouseButton.LeftButton)
    rule = stored_year(window).voting_rule
    assert {k: getattr(rule, k) for k in defaults.VOTING} == defaults.VOTING
    assert voting.threshold_box.value() == 50 and voting.secret_check.isChecked()


def test_refused_values_are_reported_and_not_kept(qtbot, window: MainWindow, bloc_workbook: Path,
                                                  messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    voting = page.voting
    voting.tie_list.setCurrentRow(0)
    for row in range(voting.tie_list.count()):  # untick every key, then put the stored ones back
        voting.tie_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: stored_year(window).voting_rule.tie_break_order == [])
    undo(qtbot, window)
    assert stored_year(window).voting_rule.tie_break_order == defaults.VOTING["tie_break_order"]
    assert voting.tie_break_order() == defaults.VOTING["tie_break_order"]
    assert messages == []


# --- closed years ------------------------------------------------------------------------------


def editing_controls(page: YearsPage) -> list:
    panels = (page.general, page.legal, page.quotas, page.voting)
    return [w for p in panels for w in p.editing_widgets]


def is_locked(widget) -> bool:  # noqa: ANN001
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        return widget.isReadOnly() or not widget.isEnabled()
    return not widget.isEnabled()


def test_a_closed_year_is_shown_but_not_editable(qtbot, window: MainWindow, bloc_workbook: Path,
                                                 messages: list[str]) -> None:
    page = open_page(qtbot, window, bloc_workbook, messages)
    assert not any(is_locked(w) for w in editing_controls(page))
    year_id = page.year.id

    def close(s) -> None:  # noqa: ANN001 - the state is the last thing set: the year refuses edits after it
        s.get(EmulationYear, year_id).state = YearState.CLOSED

    window.workspace.change("Khóa sổ năm 2025", close)
    assert page.year.state is YearState.CLOSED and not page.editable
    assert all(is_locked(w) for w in editing_controls(page))
    assert not page.legal.save_button.isEnabled() and not page.legal.revert_button.isEnabled()
    members = page.members
    assert not any(a.isEnabled() for a in (members.leader_action, members.deputy_action, members.member_action,
                                           members.add_action, members.remove_action))
    assert not page.quotas.model.flags(page.quotas.model.index(0, QuotaColumn.MAX_COUNT)) & Qt.ItemFlag.ItemIsEditable
    assert page.legal.lines() == list(defaults.LEGAL_BASES) and page.general.deadline_fields  # still shown
    # The keys do nothing either, and the next year can still be created.
    press(qtbot, members.table, Qt.Key.Key_Delete)
    assert len(roles(window)) == 12 and messages == []
    assert page.new_year_button.isEnabled()


def test_handed_over_years_of_the_demo_are_read_only(qtbot, window: MainWindow, demo_workbook: Path,
                                                     messages: list[str]) -> None:
    page = open_page(qtbot, window, demo_workbook, messages)
    view = window.workspace_view
    assert page.editable
    view.select_year(view.year.year - 1)
    assert not page.editable and all(is_locked(w) for w in editing_controls(page))
    spin_and_buttons = [w for w in editing_controls(page) if isinstance(w, (QAbstractSpinBox, QAbstractButton))]
    assert spin_and_buttons and not any(w.isEnabled() for w in spin_and_buttons)
