"""Filling our Excel templates the way a member unit does, for the import tests and benchmarks.

openpyxl writes formulas without a cached value and cannot compute one, while Excel and
LibreOffice save both the formula and its last value (``<c><f>4+4.5</f><v>8.5</v></c>``).
``cache_formula_value`` puts that value into the saved sheet XML, so the file is exactly what
Excel would have saved; no LibreOffice needed.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from thidua_desktop.db.models import EmulationYear, EvaluationPeriod
from thidua_desktop.documents.excel_template import IDENTITY_SHEET, SHEET
from thidua_desktop.domain.enums import PeriodKind
from thidua_desktop.services.workspace import Workspace


def year_end_period(ws: Workspace) -> EvaluationPeriod:
    """The demo bloc's open period: the latest year's year-end."""
    with ws.read() as s:
        year = s.scalars(select(EmulationYear).order_by(EmulationYear.year.desc())).first()
        return s.scalars(select(EvaluationPeriod).where(EvaluationPeriod.year_id == year.id,
                                                        EvaluationPeriod.kind == PeriodKind.YEAR_END)).one()


def rows_by_code(path: Path) -> dict[str, int]:
    """Sheet row of each criterion code in a template."""
    wb = load_workbook(path, read_only=True)
    try:
        return {str(r[0].value): r[0].row for r in wb[SHEET].iter_rows(min_row=8, max_col=1) if r[0].value}
    finally:
        wb.close()


def fill(path: Path, cells: dict[str, object], *, sheet: str = SHEET) -> None:
    """Type values into cells (e.g. {"E9": "8,5"}) and save, as a unit's clerk would."""
    wb = load_workbook(path)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(path)


def set_identity(path: Path, key: str, value: object) -> None:
    """Change one line of the hidden identity (to make a sheet of another bloc, unit …)."""
    wb = load_workbook(path)
    for row in wb[IDENTITY_SHEET].iter_rows():
        if row[0].value == key:
            row[1].value = value
    wb.save(path)


def cache_formula_value(path: Path, ref: str, value: object) -> None:
    """Store ``value`` as the cached result of the formula in cell ``ref`` of the first sheet."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    pattern = re.compile(rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v>[^<]*</v>)?')
    xml, count = pattern.subn(lambda m: f"{m.group(1)}<v>{value}</v>", xml)
    assert count == 1, f"no formula in {ref}"
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
