"""The period's summary workbook: every unit and criterion, totals and ranks, ready to print."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from excel_fill import year_end_period
from openpyxl import load_workbook

from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.documents.excel_summary import DETAIL_SHEET, SUMMARY_SHEET
from thidua_desktop.services.excel_exchange import summary
from thidua_desktop.services.scoring import period_results
from thidua_desktop.services.workspace import Workspace


@pytest.fixture
def written(demo_workbook: Path, tmp_path: Path):
    ws = Workspace(open_workbook(demo_workbook, operator="Thư ký"), operator="Thư ký")
    try:
        period = year_end_period(ws)
        yield summary(ws, period.id, tmp_path / "Tổng hợp.xlsx"), period_results(ws, period.id)
    finally:
        ws.close()


def test_totals_and_ranks_of_every_unit(written) -> None:  # noqa: ANN001
    path, results = written
    wb = load_workbook(path)
    totals = wb[SUMMARY_SHEET]
    rows = list(totals.iter_rows(min_row=6, values_only=True))
    assert [(r[0], r[1]) for r in rows] == [(x.rank, x.unit.name) for x in results.rows]
    assert [r[-2] for r in rows] == [float(x.agreed.total) for x in results.rows]
    assert [r[-3] for r in rows] == [float(x.own.total) for x in results.rows]
    details = wb[DETAIL_SHEET]
    assert details["A6"].value == f"Hạng {results.rows[0].rank}: {results.rows[0].unit.name}"
    assert details["D5"].value == "Tự chấm" and details["F5"].value == "Kết quả"


def test_formatted_to_print(written) -> None:  # noqa: ANN001
    wb = load_workbook(written[0])
    for sheet in wb.worksheets:
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows == "$5:$5"
        assert sheet["B7"].font.name == "Times New Roman"


def test_opens_in_libreoffice_without_repair(written, tmp_path: Path) -> None:  # noqa: ANN001
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; the file was only re-opened with openpyxl")
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(written[0])], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "Tổng hợp.pdf").stat().st_size > 0
