"""Print settings and the font shared by every workbook we write."""

from __future__ import annotations

FONT = "Times New Roman"  # LibreOffice shows it with the metric-compatible Liberation Serif


def print_setup(sheet, title_rows: str | None) -> None:  # noqa: ANN001 - an openpyxl worksheet
    """A4 landscape, fitted to the page width, the header rows repeated on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    if title_rows:
        sheet.print_title_rows = title_rows


def period_title(period_label: str, year: int) -> str:
    """“TỔNG KẾT NĂM 2026”, “SƠ KẾT 6 THÁNG NĂM 2026”: the period as document titles print it."""
    label = period_label.upper()
    return f"{label} {year}" if label.endswith("NĂM") else f"{label} NĂM {year}"
