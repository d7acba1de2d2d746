"""Time totals and ranks for one year of a big bloc: 40 units × 120 criteria (target ≤ 30 ms).

Pure domain rules on a synthetic year with every criterion kind, bonus and penalty lines and
tie-breaks; prints the median, best and worst of the runs. Run: .venv/bin/python benchmarks/bench_scoring.py
"""

from __future__ import annotations

import random
import statistics
import time
from decimal import Decimal

from thidua_desktop.domain.enums import AdjustmentKind, CriterionKind, TieBreak
from thidua_desktop.domain.ranking import RankInput, rank
from thidua_desktop.domain.scoring import AdjustmentRule, CriterionRule, criterion_points, unit_total

UNITS, CRITERIA, SECTIONS, RUNS = 40, 120, 4, 30
KINDS = [CriterionKind.MANUAL, CriterionKind.RATIO, CriterionKind.INVERSE_RATIO, CriterionKind.GRADE,
         CriterionKind.YES_NO]


def synthetic_year(rng: random.Random):  # noqa: ANN201 - a tuple of inputs
    rules = [(f"S{i % SECTIONS + 1}", CriterionRule(f"{i % SECTIONS + 1}.{i}", Decimal("0.83"), KINDS[i % 5]))
             for i in range(CRITERIA)]
    adjustments = [AdjustmentRule("T1", AdjustmentKind.BONUS, Decimal(5), per_occurrence=False),
                   AdjustmentRule("P1", AdjustmentKind.PENALTY, Decimal(5), cap=Decimal(20)),
                   AdjustmentRule("P3", AdjustmentKind.PENALTY, Decimal(20), disqualifies=True)]
    inputs = []
    for _ in range(UNITS):
        row = []
        for _, rule in rules:
            kind = rule.kind
            if kind is CriterionKind.MANUAL:
                row.append({"value": Decimal(rng.randint(50, 83)) / 100})
            elif kind is CriterionKind.GRADE:
                row.append({"grade": rng.choice("AABBC")})
            elif kind is CriterionKind.YES_NO:
                row.append({"value": rng.random() < 0.9})
            else:
                row.append({"actual": rng.uniform(80, 130), "plan": 100.0})
        occurrences = [rng.randint(0, 1), rng.randint(0, 2), int(rng.random() < 0.05)]
        inputs.append((row, list(zip(adjustments, occurrences))))
    return rules, inputs


def one_year(rules, inputs) -> None:  # noqa: ANN001
    entries = []
    for u, (row, adjustments) in enumerate(inputs):
        sections: dict[str, list] = {}
        for (section, rule), given in zip(rules, row):
            sections.setdefault(section, []).append(criterion_points(rule, **given))
        total = unit_total(sections, adjustments)
        entries.append(RankInput(key=u, total=total.total, penalty=total.penalty, grade_a_count=total.grade_a_count))
    rank(entries, (TieBreak.FEWER_PENALTY, TieBreak.MORE_GRADE_A, TieBreak.LEADERS_DECIDE))


def main() -> None:
    rules, inputs = synthetic_year(random.Random(2026))
    one_year(rules, inputs)  # warm caches (grade maps, collation keys)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        one_year(rules, inputs)
        times.append((time.perf_counter() - start) * 1000)
    print(f"totals + ranks, {UNITS} units × {CRITERIA} criteria: median {statistics.median(times):.1f} ms, "
          f"best {min(times):.1f} ms, worst {max(times):.1f} ms over {RUNS} runs (target ≤ 30 ms)")


if __name__ == "__main__":
    main()
