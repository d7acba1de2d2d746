"""Reading a period's score table, scores and adjustments into the pure PeriodModel, and
computing its results (domain/period.py) for the grid, the summary and the lock snapshot."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import (
    AdjustmentRule,
    Criterion,
    EmulationYear,
    EvaluationPeriod,
    Membership,
    Score,
    ScoreAdjustment,
    ScoreSection,
    ScoreTable,
    Unit,
    VotingRule,
)
from thidua_desktop.domain import scoring as rules
from thidua_desktop.domain.enums import TieBreak
from thidua_desktop.domain.period import (
    AdjustmentLine,
    CriterionLine,
    PeriodModel,
    PeriodResults,
    UnitLine,
    inputs_from,
    score_period,
)

from .workspace import Workspace

_SCORE_COLUMNS = [c.key for c in Score.__table__.columns
                  if c.key.startswith(("self_", "appraised_", "provincial_")) or c.key == "final_value"]


def criterion_rule(c: Criterion) -> rules.CriterionRule:
    grade_points = {k: rules.Decimal(v) for k, v in c.grade_points.items()} if c.grade_points else None
    extra = {"bonus_cap_pct": c.bonus_cap_pct} if c.bonus_cap_pct is not None else {}
    return rules.CriterionRule(c.code, c.max_points, c.kind, grade_points=grade_points, **extra)


def adjustment_rule(r: AdjustmentRule) -> rules.AdjustmentRule:
    return rules.AdjustmentRule(r.code, r.kind, r.points, r.per_occurrence, r.cap, r.disqualifies)


def scored_criteria(s: Session, table_id: int) -> list[Criterion]:
    """The criteria that carry points (a criterion with children is only a heading), in order."""
    criteria = s.scalars(select(Criterion).where(Criterion.table_id == table_id)
                         .order_by(Criterion.position, Criterion.id)).all()
    parents = {c.parent_id for c in criteria}
    return [c for c in criteria if c.id not in parents]


def load_period(s: Session, period_id: int) -> PeriodModel:
    period = s.get(EvaluationPeriod, period_id)
    table = s.get(ScoreTable, period.score_table_id)
    sections = {x.id: x for x in s.scalars(select(ScoreSection).where(ScoreSection.table_id == table.id)
                                           .order_by(ScoreSection.position))}
    criteria = [CriterionLine(c.id, sections[c.section_id].code, sections[c.section_id].scored_by, criterion_rule(c))
                for c in scored_criteria(s, table.id)]
    adjustment_rules = {r.id: adjustment_rule(r)
                        for r in s.scalars(select(AdjustmentRule).where(AdjustmentRule.table_id == table.id))}
    units = [UnitLine(uid, name, share) for uid, name, share in s.execute(
        select(Membership.unit_id, Unit.official_name, Membership.female_share_pct)
        .join(Unit, Unit.id == Membership.unit_id).where(Membership.year_id == period.year_id))]
    columns = [getattr(Score, k) for k in _SCORE_COLUMNS]
    inputs = {(row.unit_id, row.criterion_id): inputs_from(row._mapping) for row in s.execute(
        select(Score.unit_id, Score.criterion_id, *columns).where(Score.period_id == period_id))}
    adjustments: dict[int, list[AdjustmentLine]] = defaultdict(list)
    for a in s.scalars(select(ScoreAdjustment).where(ScoreAdjustment.period_id == period_id)):
        adjustments[a.unit_id].append(AdjustmentLine(a.rule_id, a.self_occurrences, a.occurrences))
    year = s.get(EmulationYear, period.year_id)
    voting = s.scalars(select(VotingRule).where(VotingRule.year_id == year.id)).first()
    return PeriodModel(
        sections=tuple(x.code for x in sections.values()),
        criteria=criteria, rules=adjustment_rules, units=units, inputs=inputs, adjustments=dict(adjustments),
        quantitative_bonus_cap=table.quantitative_bonus_cap,
        tie_breaks=tuple(TieBreak(t) for t in voting.tie_break_order) if voting else (),
        bands=tuple((b.min_score, b.label) for b in year.score_bands))


def period_results(ws: Workspace, period_id: int) -> PeriodResults:
    with ws.read() as s:
        model = load_period(s, period_id)
    return score_period(model)
