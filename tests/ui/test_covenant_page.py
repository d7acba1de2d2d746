"""The "Giao ước & bảng điểm" page: a score table built from nothing through the editor, its
totals checked, the covenant signed from the page, the signed table refusing edits until a new
version is made with a reason; registrations; undo; and screenshots of the demo bloc."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from ui_helpers import open_and_wait

from thidua_desktop.domain.enums import CriterionKind, ScoreTableState
from thidua_desktop.services import covenant as covenant_service
from thidua_desktop.services import score_tables
from thidua_desktop.ui.adjustment_rules import RuleDialog
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.pages.covenant_page import CovenantPage
from thidua_desktop.ui.registration_panel import RegistrationDialog
from thidua_desktop.ui.score_table_editor import ScoreTableEditor

SHOTS = Path("/tmp/shots")


def _open_page(qtbot, window: MainWindow, path: Path) -> tuple[CovenantPage, list[str]]:  # noqa: ANN001
    open_and_wait(qtbot, window, path)
    page = window.workspace_view.show_page(CovenantPage)
    messages: list[str] = []
    page.ctx.bridge.report = lambda _parent, _title, text, **_kw: messages.append(text)
    return page, messages


def _edit(editor: ScoreTableEditor, **fields: object) -> None:
    """Type into the side form of the selected line and press Lưu."""
    form = editor.item_form.currentWidget()
    for name, value in fields.items():
        widget = getattr(form, name)
        if name == "kind_combo":
            widget.setCurrentIndex(widget.findData(value))
        elif hasattr(widget, "setPlainText"):
            widget.setPlainText(value)
        elif hasattr(widget, "setValue"):
            widget.setValue(value)
        else:
            widget.setText(value)
    editor.save_button.click()


def _criterion_codes(editor: ScoreTableEditor) -> list[str]:
    return [item.text(0) for item in editor._all_items() if item.data(0, Qt.ItemDataRole.UserRole)[0] == "criterion"]


def test_a_table_is_built_checked_signed_and_then_changes_only_as_a_new_version(qtbot, window, bloc_workbook):  # noqa: ANN001
    page, messages = _open_page(qtbot, window, bloc_workbook)
    editor = page.editor
    page.tabs.setCurrentWidget(editor)
    assert editor.empty.isVisible() and not editor.body.isVisible()

    editor.blank_button.click()
    assert editor.body.isVisible() and editor.version_combo.count() == 1

    editor.add_section_button.click()
    assert editor.current_key()[0] == "section" and editor.tree.currentItem().text(0) == "I"
    _edit(editor, title_edit="Thực hiện nhiệm vụ chuyên môn", max_spin=100)

    editor.add_criterion_button.click()  # under the selected section
    assert editor.tree.currentItem().text(0) == "1"
    _edit(editor, text_edit="Thực hiện các nhiệm vụ chính trị được giao")
    heading = editor.current_key()
    editor.add_child_button.click()
    assert editor.tree.currentItem().text(0) == "1.1"
    _edit(editor, text_edit="Tỷ lệ hồ sơ giải quyết đúng hạn", max_spin=60, kind_combo=CriterionKind.RATIO)
    editor.select(heading)
    editor.add_child_button.click()
    assert editor.tree.currentItem().text(0) == "1.2"
    form = editor.item_form.criterion_form
    form.max_spin.setValue(30)
    form.kind_combo.setCurrentIndex(form.kind_combo.findData(CriterionKind.GRADE))
    assert form.grades_row.isVisibleTo(form) and form.grade_spins["A"].value() == 30
    form.text_edit.setPlainText("Chất lượng tham mưu")
    for grade, points in (("B", 22), ("C", 15), ("D", 5)):
        form.grade_spins[grade].setValue(points)
    editor.save_button.click()
    assert messages == []
    assert _criterion_codes(editor) == ["1", "1.1", "1.2"]

    # 60 + 30 = 90 of 100: the totals say so, in red, until the grade criterion gets 40 points
    assert "Phần I: 90/100" in editor.totals_label.text()
    assert editor.problems_label.isVisibleTo(editor) and "khác điểm tối đa" in editor.problems_label.text()
    editor.select(heading)
    assert editor.tree.currentItem().text(2) == "90"
    editor.select(("criterion", editor.tree.currentItem().child(1).data(0, Qt.ItemDataRole.UserRole)[1]))
    form.max_spin.setValue(40)
    for grade, points in (("B", 30), ("C", 20), ("D", 10)):
        form.grade_spins[grade].setValue(points)
    editor.save_button.click()
    assert "Phần I: 100/100" in editor.totals_label.text()
    assert not editor.problems_label.isVisibleTo(editor)
    grade = next(c.criterion for s in editor.view.sections for n in s.criteria for c in n.children
                 if c.criterion.code == "1.2")
    assert grade.kind is CriterionKind.GRADE and grade.grade_points == {"A": "40.00", "B": "30.00", "C": "20.00",
                                                                         "D": "10.00"}

    def fill_penalty(dialog: RuleDialog) -> bool:
        dialog.text_edit.setPlainText("Lãnh đạo đơn vị không dự hội nghị của khối")
        dialog.points_spin.setValue(5)
        dialog.cap_spin.setValue(10)
        return True

    editor.run_dialog = fill_penalty
    editor.rules.add_penalty_button.click()
    assert editor.rules.table.rowCount() == 1
    assert [editor.rules.table.item(0, c).text() for c in range(5)] == [
        "Điểm trừ", "Tr1", "Lãnh đạo đơn vị không dự hội nghị của khối", "−5", "Mỗi lần"]

    # sign the covenant from the page
    panel = page.covenant
    page.tabs.setCurrentWidget(panel)
    panel.signed_field.set_value(date(2025, 1, 15))
    panel.place_edit.setText("Văn phòng Tỉnh ủy")
    panel.save_button.click()
    assert panel.signers.rowCount() == 12
    panel.confirm = lambda _parent, _text: True
    panel.sign_button.click()
    assert messages and "chưa có người ký" in messages[-1]  # the bloc's units have no heads on file yet
    for row in range(panel.signers.rowCount()):
        panel.signers.item(row, 1).setText(f"Người ký {row + 1}")
    panel.sign_button.click()
    assert "đã ký kết ngày 15/01/2025" in panel.status_label.text()
    assert not panel.sign_button.isEnabled() and panel.title_edit.isReadOnly()

    # the signed table refuses edits: read-only look, a note, and a refusal from the service
    page.tabs.setCurrentWidget(editor)
    assert editor.view.frozen and "Bảng điểm đã ký kèm giao ước ngày 15/01/2025" in editor.note_label.text()
    assert not editor.add_section_button.isEnabled() and not editor.save_button.isEnabled()
    assert editor.item_form.criterion_form.text_edit.isReadOnly()
    count = len(messages)
    page.ctx.bridge.attempt(editor, score_tables.update_criterion, grade.id, max_points=Decimal(50))
    assert len(messages) == count + 1 and "tạo phiên bản mới" in messages[-1]

    editor.ask_reason = lambda _parent: "Điều chỉnh cách chấm tiêu chí 1.2 theo hướng dẫn mới"
    editor.new_version_button.click()
    assert editor.version_combo.count() == 2 and editor.version_combo.currentIndex() == 1
    assert editor.editable and editor.add_section_button.isEnabled()
    assert "Điều chỉnh cách chấm" in editor.note_label.text()
    first, second = score_tables.versions(page.ctx.workspace, page.year.id)
    assert first.state is ScoreTableState.FROZEN and second.state is ScoreTableState.DRAFT
    assert second.change_reason == "Điều chỉnh cách chấm tiêu chí 1.2 theo hướng dẫn mới"
    assert _criterion_codes(editor) == ["1", "1.1", "1.2"]


def test_adding_a_criterion_is_undone_with_the_windows_undo(qtbot, window, demo_workbook):  # noqa: ANN001
    page, messages = _open_page(qtbot, window, demo_workbook)
    editor = page.editor
    if not editor.editable:  # the demo's newest year is signed: work on a new version of its table
        editor.ask_reason = lambda _parent: "Bổ sung tiêu chí"
        editor.new_version_button.click()
    assert editor.editable
    before = _criterion_codes(editor)
    editor.select(("section", editor.view.sections[0].section.id))
    editor.add_criterion_button.click()
    after = _criterion_codes(editor)
    assert len(after) == len(before) + 1 and messages == []
    window.undo_action.trigger()
    assert _criterion_codes(editor) == before


def test_lines_move_with_alt_arrows_and_the_heading_is_edited(qtbot, window, demo_workbook):  # noqa: ANN001
    page, messages = _open_page(qtbot, window, demo_workbook)
    editor = page.editor
    if not editor.editable:
        editor.ask_reason = lambda _parent: "Sắp xếp lại tiêu chí"
        editor.new_version_button.click()
    first_section = editor.view.sections[0]
    first, second = (n.criterion for n in first_section.criteria[:2])
    editor.select(("criterion", second.id))
    window.activateWindow()
    editor.tree.setFocus()
    qtbot.waitUntil(editor.tree.hasFocus)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    ids = [n.criterion.id for n in editor.view.sections[0].criteria[:2]]
    assert ids == [second.id, first.id] and messages == []
    assert editor.current_key() == ("criterion", second.id)  # the moved line stays selected
    editor.down_button.click()
    assert [n.criterion.id for n in editor.view.sections[0].criteria[:2]] == [first.id, second.id]

    editor.name_edit.setText("Bảng chấm điểm thi đua (sửa đổi)")
    editor.total_edit.setText("abc")
    editor.heading_button.click()
    assert "tổng điểm" in messages[-1]
    editor.total_edit.setText("1000")
    editor.heading_button.click()
    assert editor.view.table.name == "Bảng chấm điểm thi đua (sửa đổi)"
    assert editor.view.table.max_points == Decimal(1000)
    assert any("Cả bảng" in p for p in editor.view.problems())  # the sections no longer add up to it


def test_a_unit_registers_for_two_titles(qtbot, window, bloc_workbook):  # noqa: ANN001
    page, messages = _open_page(qtbot, window, bloc_workbook)
    panel = page.registrations
    assert panel.model.rowCount() == 12 and panel.summary_label.text() == "Đã nhận 0/12 đơn vị"
    unit_id = next(r.unit_id for r in panel.rows if r.unit_name == "Bắc Hà")
    panel.select_unit(unit_id)

    def fill(dialog: RegistrationDialog) -> bool:
        dialog.received_field.set_value(date(2025, 1, 3))
        dialog.document_edit.setText("05-CV/BH")
        dialog.targets_edit.setPlainText("Hoàn thành 100% chỉ tiêu kế hoạch năm 2025")
        dialog.check("CO_TINH")
        dialog.check("TTLDXS")
        return True

    panel.run_dialog = fill
    panel.edit_button.click()
    assert messages == []
    row = next(r for r in covenant_service.registrations(page.ctx.workspace, page.year.id) if r.unit_id == unit_id)
    assert row.received_on == date(2025, 1, 3) and set(row.award_codes) == {"CO_TINH", "TTLDXS"}
    panel.select_unit(unit_id)
    shown = panel.table.currentIndex()
    assert shown.siblingAtColumn(1).data() == "03/01/2025"
    assert shown.siblingAtColumn(3).data() == "Cờ thi đua của Ủy ban nhân dân tỉnh; Tập thể lao động xuất sắc"
    assert panel.summary_label.text() == "Đã nhận 1/12 đơn vị"


def test_screenshots_of_the_demo_bloc(qtbot, window, demo_workbook):  # noqa: ANN001
    page, _messages = _open_page(qtbot, window, demo_workbook)
    assert "Bảng điểm đã ký kèm giao ước ngày" in page.editor.note_label.text()
    assert page.editor.tree.topLevelItemCount() >= 2 and page.covenant.signers.rowCount() == 9
    grade = next(n.criterion for sec in page.editor.view.sections for top in sec.criteria for n in top.children
                 if n.criterion.kind is CriterionKind.GRADE)
    page.editor.select(("criterion", grade.id))
    assert page.editor.item_form.criterion_form.grades_row.isVisibleTo(page.editor.item_form.criterion_form)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 768), (1920, 1080)):
        window.resize(width, height)
        for index, name in enumerate(("dangky", "bangdiem", "giaouoc")):
            page.tabs.setCurrentIndex(index)
            qtbot.wait(20)
            assert window.grab().save(str(SHOTS / f"covenant-{name}-{width}x{height}.png"))
