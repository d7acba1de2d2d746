"""Ranks across the years come from the snapshots of locked periods only."""

from __future__ import annotations


from sqlalchemy import select

from thidua_desktop.db.models import EmulationYear, EvaluationPeriod, PeriodResult
from thidua_desktop.domain.enums import PeriodKind
from thidua_desktop.services.score_history import rank_history
from thidua_desktop.services.score_sheet import load_sheet, periods_of
from thidua_desktop.services.workspace import Workspace


def test_rank_history_lists_each_locked_year_end_oldest_first(ws: Workspace) -> None:
    with ws.read() as s:
        unit = s.scalars(select(PeriodResult.unit_id)).first()
        expected = s.execute(select(EmulationYear.year, PeriodResult.rank)
                             .join(EvaluationPeriod, EvaluationPeriod.id == PeriodResult.period_id)
                             .join(EmulationYear, EmulationYear.id == EvaluationPeriod.year_id)
                             .where(PeriodResult.unit_id == unit, EvaluationPeriod.locked,
                                    EvaluationPeriod.kind == PeriodKind.YEAR_END)
                             .order_by(EmulationYear.year)).all()
        open_year = s.scalars(select(EmulationYear).order_by(EmulationYear.year.desc())).first().year
    history = rank_history(ws, unit)
    assert [(p.year, p.rank) for p in history] == [tuple(r) for r in expected]
    assert len(history) >= 2 and open_year not in [p.year for p in history]
    assert all(1 <= p.rank <= p.of for p in history)


def test_sheet_of_the_open_period(ws: Workspace) -> None:
    with ws.read() as s:
        year = s.scalars(select(EmulationYear).order_by(EmulationYear.year.desc())).first()
    periods = periods_of(ws, year.id)
    assert [p.kind for p in periods] == sorted((p.kind for p in periods), key=list(PeriodKind).index)
    sheet = load_sheet(ws, periods[-1].id)
    assert not sheet.locked and sheet.model.units and sheet.rules
    assert set(sheet.criteria) == {c.id for c in sheet.model.criteria}
    assert set(sheet.short_names) == {u.id for u in sheet.model.units}
