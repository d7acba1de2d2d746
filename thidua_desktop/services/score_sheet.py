"""What the score-entry page holds in memory for one period: the pure PeriodModel it re-scores
after every edit, plus the texts the grid shows (criterion wording, section titles and maxima,
bonus/penalty lines, units' short names, notes). Read once per period, not per keystroke."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from thidua_desktop.db.models import (
    AdjustmentRule,
    Criterion,
    EvaluationPeriod,
    Score,
    ScoreSection,
    Unit,
)
from thidua_desktop.domain.enums import AdjustmentKind, CriterionKind, PeriodKind, ScoredBy
from thidua_desktop.domain.period import PeriodModel

from .scoring import load_period, scored_criteria
from .workspace import Workspace


@dataclass(frozen=True, slots=True)
class PeriodChoice:
    id: int
    kind: PeriodKind
    locked: bool


@dataclass(frozen=True, slots=True)
class CriterionText:
    code: str
    text: str
    max_points: Decimal
    kind: CriterionKind
    section: str
    scored_by: ScoredBy
    unit_of_measure: str | None


@dataclass(frozen=True, slots=True)
class SectionText:
    code: str
    title: str
    max_points: Decimal
    scored_by: ScoredBy


@dataclass(frozen=True, slots=True)
class RuleText:
    id: int
    kind: AdjustmentKind
    code: str
    text: str
    points: Decimal
    per_occurrence: bool


@dataclass(slots=True)
class Sheet:
    period_id: int
    kind: PeriodKind
    locked: bool
    model: PeriodModel
    criteria: dict[int, CriterionText]
    sections: list[SectionText]
    rules: list[RuleText]
    short_names: dict[int, str]
    notes: dict[tuple[int, int], str] = field(default_factory=dict)  # (unit, criterion) → the agreed stage's note


def periods_of(ws: Workspace, year_id: int) -> list[PeriodChoice]:
    """The year's periods, sơ kết before tổng kết."""
    with ws.read() as s:
        rows = s.scalars(select(EvaluationPeriod).where(EvaluationPeriod.year_id == year_id)).all()
    order = list(PeriodKind)
    return sorted((PeriodChoice(p.id, p.kind, p.locked) for p in rows), key=lambda p: order.index(p.kind))


def load_sheet(ws: Workspace, period_id: int) -> Sheet:
    with ws.read() as s:
        period = s.get(EvaluationPeriod, period_id)
        model = load_period(s, period_id)
        sections = {x.id: x for x in s.scalars(select(ScoreSection).where(
            ScoreSection.table_id == period.score_table_id).order_by(ScoreSection.position))}
        criteria = {c.id: CriterionText(c.code, c.text, c.max_points, c.kind, sections[c.section_id].code,
                                        sections[c.section_id].scored_by, c.unit_of_measure)
                    for c in scored_criteria(s, period.score_table_id)}
        rules = [RuleText(r.id, r.kind, r.code, r.text, r.points, r.per_occurrence) for r in s.scalars(
            select(AdjustmentRule).where(AdjustmentRule.table_id == period.score_table_id)
            .order_by(AdjustmentRule.kind.desc(), AdjustmentRule.position, AdjustmentRule.id))]
        unit_ids = [u.id for u in model.units]
        short = {u.id: u.short_name or u.official_name
                 for u in s.scalars(select(Unit).where(Unit.id.in_(unit_ids)))}
        notes = {}
        for row in s.execute(select(Score.unit_id, Score.criterion_id, Score.criterion_id.in_(
                [c for c, t in criteria.items() if t.scored_by is ScoredBy.PROVINCIAL]).label("provincial"),
                Score.appraisal_note, Score.provincial_note).where(Score.period_id == period_id)):
            note = row.provincial_note if row.provincial else row.appraisal_note
            if note:
                notes[(row.unit_id, row.criterion_id)] = note
        return Sheet(period.id, period.kind, period.locked, model, criteria,
                     [SectionText(x.code, x.title, x.max_points, x.scored_by) for x in sections.values()],
                     rules, short, notes)
