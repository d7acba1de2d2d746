"""Each unit's approved rank across the years of the workbook, read from the snapshots taken
when a period was locked (PeriodResult): the official record, unchanged by later rewording."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from thidua_desktop.db.models import EmulationYear, EvaluationPeriod, PeriodResult
from thidua_desktop.domain.enums import PeriodKind

from .workspace import Workspace


@dataclass(frozen=True, slots=True)
class RankPoint:
    year: int
    rank: int
    of: int  # how many units were ranked that year
    total: Decimal


def rank_history(ws: Workspace, unit_id: int, kind: PeriodKind = PeriodKind.YEAR_END) -> list[RankPoint]:
    """The unit's rank in every locked period of `kind`, oldest year first."""
    ranked = (select(PeriodResult.period_id, func.count().label("n"))
              .group_by(PeriodResult.period_id).subquery())
    query = (select(EmulationYear.year, PeriodResult.rank, ranked.c.n, PeriodResult.total)
             .join(EvaluationPeriod, EvaluationPeriod.id == PeriodResult.period_id)
             .join(EmulationYear, EmulationYear.id == EvaluationPeriod.year_id)
             .join(ranked, ranked.c.period_id == PeriodResult.period_id)
             .where(PeriodResult.unit_id == unit_id, EvaluationPeriod.kind == kind, EvaluationPeriod.locked)
             .order_by(EmulationYear.year))
    with ws.read() as s:
        return [RankPoint(year, rank, n, total) for year, rank, n, total in s.execute(query)]
