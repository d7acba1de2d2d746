"""The Chấm điểm page on the demo bloc's open year-end period, driven from the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import open_and_wait

from thidua_desktop.domain.enums import CriterionKind, ScoredBy
from thidua_desktop.ui.pages.scoring_page import LOCKED_TEXT, ScoringPage
from thidua_desktop.ui.score_grid import Col


@pytest.fixture
def page(qtbot, window, demo_workbook: Path) -> ScoringPage:  # noqa: ANN001
    open_and_wait(qtbot, window, demo_workbook)
    shown = window.workspace_view.show_page(ScoringPage)
    shown.messages = []  # what the user would have read in a message box
    window.bridge.report = lambda _parent, _title, text, **_kw: shown.messages.append(text)
    return shown


def row_of(page: ScoringPage, kind: CriterionKind, by: ScoredBy = ScoredBy.SELF_APPRAISAL) -> int:
    return next(i for i, c in enumerate(page.sheet.model.criteria)
                if page.sheet.criteria[c.id].kind is kind and c.scored_by is by)


def type_into(qtbot, page: ScoringPage, row: int, col: Col, text: str) -> None:  # noqa: ANN001
    grid = page.grid
    grid.setFocus()
    grid.setCurrentIndex(page.grid_model.index(row, col))
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    editor = grid.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def cell(page: ScoringPage, row: int, col: Col) -> str:
    return page.grid_model.index(row, col).data()


def unit_result(page: ScoringPage):  # noqa: ANN201
    return page.results.by_unit()[page.unit_id]


def test_typing_scores_updates_totals_and_ranks(qtbot, page: ScoringPage) -> None:  # noqa: ANN001
    last = page.results.rows[-1].unit.id
    page.select_unit(last)
    row = row_of(page, CriterionKind.MANUAL)
    top = page.sheet.criteria[page.grid_model.criterion_id(row)].max_points
    before = unit_result(page)
    type_into(qtbot, page, row, Col.OWN, "0")
    type_into(qtbot, page, row, Col.APPRAISED, str(top).replace(".", ","))
    assert page.messages == []
    after = unit_result(page)
    assert cell(page, row, Col.APPRAISED) != ""
    assert cell(page, row, Col.POINTS) == cell(page, row, Col.MAX)
    assert after.agreed.total != before.agreed.total or after.own.total != before.own.total
    assert page.summary.index(page.summary.row_of(last), page.summary.column_of("Tổng điểm")).data() \
        == page.unit_label.text().split("Tổng điểm <b>")[1].split("<")[0]
    # the page's in-memory figures agree with a fresh read of the file
    from thidua_desktop.services.scoring import period_results
    fresh = period_results(page.ctx.workspace, page.sheet.period_id).by_unit()[last]
    assert (fresh.agreed.total, fresh.rank) == (after.agreed.total, after.rank)


def test_out_of_range_is_refused_and_the_old_value_stays(qtbot, page: ScoringPage) -> None:  # noqa: ANN001
    row = row_of(page, CriterionKind.MANUAL)
    old = cell(page, row, Col.APPRAISED)
    type_into(qtbot, page, row, Col.APPRAISED, "999")
    assert len(page.messages) == 1 and "điểm phải từ 0 đến" in page.messages[0]
    assert cell(page, row, Col.APPRAISED) == old
    type_into(qtbot, page, row, Col.APPRAISED, "abc")
    assert "không phải là điểm hợp lệ" in page.messages[1]


def test_ratio_grade_and_comma_inputs(qtbot, page: ScoringPage) -> None:  # noqa: ANN001
    ratio = row_of(page, CriterionKind.RATIO)
    type_into(qtbot, page, ratio, Col.APPRAISED, "95/100")
    assert cell(page, ratio, Col.APPRAISED) == "95/100"
    top = page.sheet.criteria[page.grid_model.criterion_id(ratio)].max_points
    from thidua_desktop.domain.text import format_points
    assert cell(page, ratio, Col.POINTS) == format_points((top * 95 / 100).quantize(top))
    grade = row_of(page, CriterionKind.GRADE)
    type_into(qtbot, page, grade, Col.APPRAISED, "b")
    assert cell(page, grade, Col.APPRAISED) == "B"
    manual = row_of(page, CriterionKind.MANUAL)
    type_into(qtbot, page, manual, Col.FINAL, "0,5")
    assert cell(page, manual, Col.FINAL) == "0,5" and cell(page, manual, Col.POINTS) == "0,5"
    assert page.messages == []


def test_undo_restores_the_value_in_the_grid(qtbot, window, page: ScoringPage) -> None:  # noqa: ANN001
    row = row_of(page, CriterionKind.MANUAL)
    old = cell(page, row, Col.APPRAISED)
    type_into(qtbot, page, row, Col.APPRAISED, "0")
    assert cell(page, row, Col.APPRAISED) == "0"
    window.undo_action.trigger()
    assert cell(page, row, Col.APPRAISED) == old
    window.redo_action.trigger()
    assert cell(page, row, Col.APPRAISED) == "0"


def test_penalty_occurrence_lowers_the_total(qtbot, page: ScoringPage) -> None:  # noqa: ANN001
    from thidua_desktop.domain.enums import AdjustmentKind
    from thidua_desktop.ui.adjustments_panel import AdjCol

    before = unit_result(page).agreed.total
    rule_row = next(i for i, r in enumerate(page.sheet.rules)
                    if r.kind is AdjustmentKind.PENALTY and r.per_occurrence
                    and not page.adjustments.model.line(r.id))
    view = page.adjustments.view
    view.setFocus()
    view.setCurrentIndex(page.adjustments.model.index(rule_row, AdjCol.AGREED))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.keyClicks(view.focusWidget(), "1")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    assert page.messages == []
    assert unit_result(page).agreed.total == before - page.sheet.rules[rule_row].points
    assert page.adjustments.model.index(rule_row, AdjCol.RESULT).data().startswith("−")


def test_lock_refused_while_scores_missing_then_lock_and_unlock(qtbot, page: ScoringPage) -> None:  # noqa: ANN001
    page.lock_button.click()
    assert page.messages and "chưa đủ điểm" in page.messages[0]
    assert not page.sheet.locked
    for unit in [r.unit.id for r in page.results.rows if r.agreed.missing_count]:  # fill in through the grid model
        page.select_unit(unit)
        for row, line in enumerate(page.sheet.model.criteria):
            if page.grid_model.index(row, Col.POINTS).data() == "":
                col = Col.PROVINCIAL if line.scored_by is ScoredBy.PROVINCIAL else Col.APPRAISED
                kind = page.sheet.criteria[line.id].kind
                text = {CriterionKind.GRADE: "A", CriterionKind.YES_NO: "có", CriterionKind.RATIO: "1/1",
                        CriterionKind.INVERSE_RATIO: "1/1"}.get(kind, "0")
                assert page.grid_model.setData(page.grid_model.index(row, col), text)
    page.lock_button.click()
    assert page.sheet.locked and page.state_label.text() == LOCKED_TEXT
    assert not page.lock_button.isVisible() and page.unlock_button.isVisible()
    assert not page.grid_model.flags(page.grid_model.index(0, Col.APPRAISED)) & Qt.ItemFlag.ItemIsEditable
    from thidua_desktop.services.scores import Entry, Stage, set_score
    unit, crit = page.unit_id, page.sheet.model.criteria[0].id
    page.ctx.bridge.attempt(page, set_score, page.sheet.period_id, unit, crit, Stage.APPRAISED, Entry())
    assert "đã được khối thông qua và khóa" in page.messages[-1]
    page.ask_reason = lambda *_a: None  # cancelled: stays locked
    page.unlock_button.click()
    assert page.sheet.locked
    page.ask_reason = lambda *_a: "Hội nghị khối điều chỉnh Phần III"
    page.unlock_button.click()
    assert not page.sheet.locked and page.lock_button.isVisible()
    assert page.grid_model.flags(page.grid_model.index(0, Col.FINAL)) & Qt.ItemFlag.ItemIsEditable
    assert "Hội nghị khối điều chỉnh Phần III" in page.ctx.workspace.undo_text


def test_a_closed_year_is_read_only(qtbot, window, page: ScoringPage) -> None:  # noqa: ANN001
    years = [window.workspace_view.year_combo.itemData(i) for i in range(window.workspace_view.year_combo.count())]
    closed = next(y for y in years if y.read_only)
    window.workspace_view.select_year(closed.year)
    assert page.sheet is not None and not page.writable
    assert not page.grid_model.flags(page.grid_model.index(0, Col.APPRAISED)) & Qt.ItemFlag.ItemIsEditable
    assert not page.lock_button.isVisible()
    assert page.rank_chart.points  # earlier years' approved ranks
