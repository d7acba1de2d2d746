"""The Excel exchange from the Chấm điểm page: templates out (with cancel), filled sheets back in
through the preview, and the summary for printing — driven as the secretary would."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from excel_fill import fill, rows_by_code, set_identity
from openpyxl import load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog
from ui_helpers import open_and_wait

from thidua_desktop.domain.enums import CriterionKind, ScoredBy
from thidua_desktop.ui.import_preview_dialog import ImportPreviewDialog
from thidua_desktop.ui.pages.scoring_page import ScoringPage


@pytest.fixture
def page(qtbot, window, demo_workbook: Path) -> ScoringPage:  # noqa: ANN001
    open_and_wait(qtbot, window, demo_workbook)
    shown = window.workspace_view.show_page(ScoringPage)
    shown.messages = []
    window.bridge.report = lambda _parent, _title, text, **_kw: shown.messages.append(text)
    return shown


def manual_criterion(page: ScoringPage):  # noqa: ANN201
    return next(c for c in page.sheet.model.criteria
                if page.sheet.criteria[c.id].kind is CriterionKind.MANUAL and c.scored_by is ScoredBy.SELF_APPRAISAL)


def test_templates_for_every_unit_then_a_filled_sheet_comes_back(page: ScoringPage, tmp_path: Path) -> None:
    excel = page.excel
    excel.ask_folder = lambda *_a: tmp_path
    written = excel.write_templates()
    assert len(written) == len(page.sheet.model.units) and all(p.parent == tmp_path for p in written)
    assert "Đã ghi" in page.messages[-1]

    criterion = manual_criterion(page)
    code = page.sheet.criteria[criterion.id].code
    first = written[0]
    fill(first, {f"E{rows_by_code(first)[code]}": "0,5"})
    seen: list[ImportPreviewDialog] = []

    def accept(dialog: ImportPreviewDialog) -> bool:
        seen.append(dialog)
        return True

    excel.ask_files = lambda *_a: [first]
    excel.confirm_import = accept
    assert excel.import_sheets() >= 1
    dialog = seen[0]
    assert dialog.apply_button.isEnabled()
    assert "không có lỗi" in dialog.summary.text()
    # The page re-read the period: the unit's own score for that criterion is the imported 0,5.
    unit = next(u.id for u in page.sheet.model.units if first.name.endswith(f" - {u.name}.xlsx"))
    assert page.sheet.model.inputs[(unit, criterion.id)].own.value == Decimal("0.5")
    assert "Đã nhập" in page.messages[-1]


def test_a_bad_sheet_lists_its_problems_and_nothing_is_imported(page: ScoringPage, tmp_path: Path) -> None:
    excel = page.excel
    excel.ask_folder = lambda *_a: tmp_path
    first, second = excel.write_templates()[:2]
    code = page.sheet.criteria[manual_criterion(page).id].code
    fill(first, {f"E{rows_by_code(first)[code]}": "0,5"})
    fill(second, {f"E{rows_by_code(second)[code]}": "mười"})
    set_identity(second, "year", 1999)
    before = dict(page.sheet.model.inputs)
    seen: list[ImportPreviewDialog] = []
    excel.ask_files = lambda *_a: [first, second]
    excel.confirm_import = lambda dialog: seen.append(dialog) or True
    assert excel.import_sheets() == 0
    dialog = seen[0]
    assert not dialog.apply_button.isEnabled()
    assert "chưa nhập gì" in dialog.summary.text()
    reasons = [p.reason for p in dialog.problems.source.records]
    assert any("1999" in r for r in reasons), reasons
    assert dict(page.sheet.model.inputs) == before


def test_cancel_stops_the_templates_at_once(page: ScoringPage, tmp_path: Path) -> None:
    """Hủy pressed while the first file is being prepared: nothing is written, and the user is told."""
    excel = page.excel
    excel.ask_folder = lambda *_a: tmp_path

    def press_cancel() -> None:
        excel.window().findChild(QProgressDialog, "progress_dialog").cancel()

    QTimer.singleShot(0, press_cancel)
    assert excel.write_templates() == []
    assert list(tmp_path.glob("*.xlsx")) == []
    assert "đã dừng" in page.messages[-1]


def test_summary_export_opens_as_a_workbook(page: ScoringPage, tmp_path: Path) -> None:
    target = tmp_path / "tổng hợp.xlsx"
    page.excel.ask_save = lambda *_a, **_kw: target
    assert page.excel.export_summary() == target
    wb = load_workbook(target, read_only=True)
    assert len(wb.sheetnames) >= 1
    wb.close()
