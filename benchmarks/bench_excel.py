"""Time the Excel exchange on a big bloc: 40 units × 120 criteria (targets: import of 40 filled
sheets ≤ 3 s, summary export ≤ 1 s).

Works on a copy of benchmarks/.cache/bench-10y-40u-120c.thidua (built the first time): writes the
40 templates, fills every self-scored input the way units do (numbers typed as "8,5" text,
grades, Có/Không, ratio figures, a note), then times the import (read + check + backup + one
transaction) and the summary export. Run: .venv/bin/python benchmarks/bench_excel.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

CACHE = Path(__file__).parent / ".cache" / "bench-10y-40u-120c.thidua"


def workbook() -> Path:
    if not CACHE.exists():
        from thidua_desktop.services.demo import build_demo_workbook

        CACHE.parent.mkdir(exist_ok=True)
        build_demo_workbook(CACHE, years=10, units=40, criteria=120)
    return CACHE


def fill_like_a_unit(path: Path, seed: int) -> None:
    """Type a figure into every input cell of a template, by the kind shown in column D."""
    from openpyxl import load_workbook

    from thidua_desktop.documents.excel_template import COL_KIND, FIRST_ROW, SHEET
    from thidua_desktop.domain.enums import CriterionKind

    wb = load_workbook(path)
    sheet = wb[SHEET]
    for row in range(FIRST_ROW, sheet.max_row + 1):
        kind, top = sheet.cell(row, COL_KIND).value, sheet.cell(row, 3).value
        if kind == CriterionKind.MANUAL.label:
            sheet[f"E{row}"] = f"{top * (0.5 + (row + seed) % 5 / 10):.2f}".replace(".", ",")
        elif kind == CriterionKind.GRADE.label:
            sheet[f"E{row}"] = "ABCD"[(row + seed) % 4]
        elif kind == CriterionKind.YES_NO.label:
            sheet[f"E{row}"] = "Có" if (row + seed) % 7 else "Không"
        elif kind:
            sheet[f"F{row}"], sheet[f"G{row}"] = 80 + (row + seed) % 40, 100
        if kind:
            sheet[f"H{row}"] = f"Báo cáo số {row}/BC"
    wb.save(path)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["THIDUA_DATA_DIR"] = str(Path(tmp) / "data")  # backups go here, not to the user's folder
        from sqlalchemy import select

        from thidua_desktop.db.models import EmulationYear, EvaluationPeriod
        from thidua_desktop.db.workbook_file import open_workbook
        from thidua_desktop.domain.enums import PeriodKind
        from thidua_desktop.services import excel_exchange, score_import
        from thidua_desktop.services.workspace import Workspace

        copy = Path(tmp) / "bench.thidua"
        shutil.copyfile(workbook(), copy)
        ws = Workspace(open_workbook(copy, operator="benchmark"), operator="benchmark")
        try:
            with ws.read() as s:
                year = s.scalars(select(EmulationYear).order_by(EmulationYear.year.desc())).first()
                period = s.scalars(select(EvaluationPeriod).where(EvaluationPeriod.year_id == year.id,
                                                                  EvaluationPeriod.kind == PeriodKind.YEAR_END)).one()
            t0 = time.perf_counter()
            paths = excel_exchange.write_templates(ws, period.id, Path(tmp) / "templates")
            t1 = time.perf_counter()
            for seed, path in enumerate(paths):
                fill_like_a_unit(path, seed)
            t2 = time.perf_counter()
            result = score_import.preview(ws, period.id, paths)
            t3 = time.perf_counter()
            assert not result.problems, result.problems[:5]
            written = score_import.apply(ws, result)
            t4 = time.perf_counter()
            excel_exchange.summary(ws, period.id, Path(tmp) / "summary.xlsx")
            t5 = time.perf_counter()
        finally:
            ws.close()
    print(f"templates written:  {len(paths)} files in {t1 - t0:.2f} s")
    print(f"(filling them, not timed: {t2 - t1:.2f} s)")
    print(f"import, read+check: {t3 - t2:.2f} s ({len(result.changes)} changes, {len(result.notices)} notices)")
    print(f"import, backup+write: {t4 - t3:.2f} s ({written} figures in one transaction)")
    print(f"import total:       {t4 - t2:.2f} s (target ≤ 3 s)")
    print(f"summary export:     {t5 - t4:.2f} s (target ≤ 1 s)")


if __name__ == "__main__":
    main()
