"""Time "one edit → recomputed totals and ranks" on a 40 units × 120 criteria period (target ≤ 30 ms).

What the Chấm điểm page does after each cell: change one input of the in-memory PeriodModel and
re-score. Prints the median of the incremental path the page uses (rescore_unit) and, for
comparison, of re-scoring the whole period. Run: .venv/bin/python benchmarks/bench_recompute.py
(builds benchmarks/.cache/bench-10y-40u-120c.thidua the first time).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.domain.agreed import ScoreInputs, StageInput
from thidua_desktop.domain.enums import CriterionKind
from thidua_desktop.domain.period import rescore_unit, score_period
from thidua_desktop.services.score_sheet import load_sheet, periods_of
from thidua_desktop.services.workspace import Workspace

CACHE = Path(__file__).parent / ".cache" / "bench-10y-40u-120c.thidua"
RUNS = 50


def workbook() -> Path:
    if not CACHE.exists():
        from thidua_desktop.services.demo import build_demo_workbook

        CACHE.parent.mkdir(exist_ok=True)
        build_demo_workbook(CACHE, years=10, units=40, criteria=120)
    return CACHE


def main() -> None:
    ws = Workspace(open_workbook(workbook(), operator="benchmark"), operator="benchmark")
    try:
        from thidua_desktop.services.years import list_years

        period = periods_of(ws, list_years(ws)[-1].id)[-1]
        model = load_sheet(ws, period.id).model
    finally:
        ws.close()
    manual = [c for c in model.criteria if c.rule.kind is CriterionKind.MANUAL]
    results = score_period(model)
    incremental, full = [], []
    for i in range(RUNS):
        unit, line = model.units[i % len(model.units)].id, manual[i % len(manual)]
        old = model.inputs.get((unit, line.id), ScoreInputs())
        value = line.rule.max_points * Decimal(i % 10) / 10
        t0 = time.perf_counter()
        model.inputs[(unit, line.id)] = replace(old, appraised=StageInput(value.quantize(Decimal("0.01"))))
        results = rescore_unit(model, results, unit)
        incremental.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        score_period(model)
        full.append(time.perf_counter() - t0)
    print(f"{len(model.units)} đơn vị × {len(model.criteria)} tiêu chí, {RUNS} lần sửa một ô:")
    print(f"  một ô → tính lại tổng và xếp hạng (rescore_unit): trung vị {statistics.median(incremental) * 1000:.2f} ms"
          f" (tối đa {max(incremental) * 1000:.2f} ms)")
    print(f"  tính lại cả kỳ (score_period):                     trung vị {statistics.median(full) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
