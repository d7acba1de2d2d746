"""Score entry on the demo bloc's open year-end period: checks, locking, undo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from thidua_desktop.db.models import (
    AdjustmentRule,
    Criterion,
    EmulationYear,
    EvaluationPeriod,
    PeriodResult,
    Score,
    ScoreSection,
)
from thidua_desktop.domain.enums import AdjustmentKind, CriterionKind, PeriodKind, ScoredBy
from thidua_desktop.services import scores
from thidua_desktop.services.scoring import period_results, scored_criteria
from thidua_desktop.services.scores import Entry, Stage
from thidua_desktop.services.workspace import ChangeRefused, Workspace


@pytest.fixture
def period(ws: Workspace) -> EvaluationPeriod:
    with ws.read() as s:
        year = s.scalars(select(EmulationYear).order_by(EmulationYear.year.desc())).first()
        return s.scalars(select(EvaluationPeriod).where(EvaluationPeriod.year_id == year.id,
                                                        EvaluationPeriod.kind == PeriodKind.YEAR_END)).one()


def criterion(ws: Workspace, period: EvaluationPeriod, kind: CriterionKind, by: ScoredBy) -> Criterion:
    with ws.read() as s:
        sections = {x.id: x.scored_by for x in s.scalars(select(ScoreSection))}
        return next(c for c in scored_criteria(s, period.score_table_id)
                    if c.kind is kind and sections[c.section_id] is by)


def a_unit(ws: Workspace, period: EvaluationPeriod) -> int:
    return period_results(ws, period.id).rows[0].unit.id


def stored(ws: Workspace, period: EvaluationPeriod, unit: int, crit: int) -> Score:
    with ws.read() as s:
        return s.scalars(select(Score).where(Score.period_id == period.id, Score.unit_id == unit,
                                             Score.criterion_id == crit)).one()


def test_appraisal_changes_the_agreed_total(ws: Workspace, period: EvaluationPeriod) -> None:
    unit = a_unit(ws, period)
    c = criterion(ws, period, CriterionKind.MANUAL, ScoredBy.SELF_APPRAISAL)
    scores.set_final(ws, period.id, unit, c.id, None)  # no hand-set figure on this cell
    scores.set_score(ws, period.id, unit, c.id, Stage.APPRAISED, Entry(value=c.max_points))
    full = period_results(ws, period.id).by_unit()[unit].agreed.total
    scores.set_score(ws, period.id, unit, c.id, Stage.APPRAISED, Entry(value=Decimal(0)), note="Thiếu minh chứng")
    assert period_results(ws, period.id).by_unit()[unit].agreed.total == full - c.max_points
    assert stored(ws, period, unit, c.id).appraisal_note == "Thiếu minh chứng"
    ws.undo()
    assert period_results(ws, period.id).by_unit()[unit].agreed.total == full
    scores.set_final(ws, period.id, unit, c.id, Decimal(1))
    assert period_results(ws, period.id).by_unit()[unit].agreed.total == full - c.max_points + 1


@pytest.mark.parametrize("kind, entry, message", [
    (CriterionKind.MANUAL, Entry(value=Decimal(999)), "điểm phải từ 0 đến"),
    (CriterionKind.GRADE, Entry(grade="E"), "A, B, C hoặc D"),
    (CriterionKind.RATIO, Entry(actual=5.0, plan=0.0), "kế hoạch phải lớn hơn 0"),
])
def test_figures_the_rule_refuses(ws: Workspace, period: EvaluationPeriod, kind, entry, message) -> None:
    c = criterion(ws, period, kind, ScoredBy.SELF_APPRAISAL)
    with pytest.raises(ChangeRefused, match=message):
        scores.set_score(ws, period.id, a_unit(ws, period), c.id, Stage.OWN, entry)


def test_grade_and_ratio_inputs_are_stored(ws: Workspace, period: EvaluationPeriod) -> None:
    unit = a_unit(ws, period)
    g = criterion(ws, period, CriterionKind.GRADE, ScoredBy.SELF_APPRAISAL)
    r = criterion(ws, period, CriterionKind.RATIO, ScoredBy.SELF_APPRAISAL)
    scores.set_score(ws, period.id, unit, g.id, Stage.OWN, Entry(grade=" b "))
    scores.set_score(ws, period.id, unit, r.id, Stage.APPRAISED, Entry(actual=95.0, plan=100.0))
    assert stored(ws, period, unit, g.id).self_grade == "B"
    assert (stored(ws, period, unit, r.id).appraised_actual, stored(ws, period, unit, r.id).appraised_plan) == (95.0, 100.0)


def test_provincial_sections_take_only_provincial_scores(ws: Workspace, period: EvaluationPeriod) -> None:
    c = criterion(ws, period, CriterionKind.MANUAL, ScoredBy.PROVINCIAL)
    with pytest.raises(ChangeRefused, match="cơ quan thường trực tỉnh chấm"):
        scores.set_score(ws, period.id, a_unit(ws, period), c.id, Stage.OWN, Entry(value=Decimal(1)))
    scores.set_score(ws, period.id, a_unit(ws, period), c.id, Stage.PROVINCIAL, Entry(value=Decimal(1)))


def test_penalty_lines(ws: Workspace, period: EvaluationPeriod) -> None:
    unit = a_unit(ws, period)
    with ws.read() as s:
        rule = s.scalars(select(AdjustmentRule).where(AdjustmentRule.table_id == period.score_table_id,
                                                      AdjustmentRule.kind == AdjustmentKind.PENALTY,
                                                      AdjustmentRule.per_occurrence.is_(True))).first()
    scores.set_adjustment(ws, period.id, unit, rule.id, occurrences=0)
    before = period_results(ws, period.id).by_unit()[unit]
    scores.set_adjustment(ws, period.id, unit, rule.id, occurrences=2, own_occurrences=0)
    after = period_results(ws, period.id).by_unit()[unit]
    assert after.agreed.penalty - before.agreed.penalty == min(2 * rule.points, rule.cap or 2 * rule.points)
    assert after.own.penalty == before.own.penalty  # the unit declared none
    with pytest.raises(ChangeRefused, match="từ 0 trở lên"):
        scores.set_adjustment(ws, period.id, unit, rule.id, occurrences=-1)


def test_lock_needs_every_score_then_refuses_edits_until_unlocked(ws: Workspace, period: EvaluationPeriod) -> None:
    with pytest.raises(ChangeRefused, match="chưa đủ điểm"):
        scores.lock_period(ws, period.id)  # the demo leaves some units unscored
    with ws.read() as s:
        by_id = {c.id: c for c in scored_criteria(s, period.score_table_id)}
        sections = {x.id: x.scored_by for x in s.scalars(select(ScoreSection))}
    # fill every missing figure with the criterion's maximum, as the bloc would after appraisal
    from thidua_desktop.services.scoring import load_period
    with ws.read() as s:
        model = load_period(s, period.id)
    for unit in model.units:
        for line in model.criteria:
            if (unit.id, line.id) not in model.inputs:
                c = by_id[line.id]
                stage = Stage.PROVINCIAL if sections[c.section_id] is ScoredBy.PROVINCIAL else Stage.OWN
                entry = {CriterionKind.GRADE: Entry(grade="A"), CriterionKind.YES_NO: Entry(value=True),
                         CriterionKind.MANUAL: Entry(value=c.max_points)}.get(c.kind, Entry(actual=1.0, plan=1.0))
                scores.set_score(ws, period.id, unit.id, c.id, stage, entry)
    scores.lock_period(ws, period.id)
    with ws.read() as s:
        snapshot = s.scalars(select(PeriodResult).where(PeriodResult.period_id == period.id)).all()
        assert len(snapshot) == len(model.units) and s.get(EvaluationPeriod, period.id).locked_by == "Thư ký"
    unit, c = model.units[0].id, model.criteria[0].id
    with pytest.raises(ChangeRefused, match="đã được khối thông qua và khóa"):
        scores.set_score(ws, period.id, unit, c, Stage.APPRAISED, Entry(value=Decimal(1)))
    with pytest.raises(ChangeRefused, match="lý do"):
        scores.unlock_period(ws, period.id, "  ")
    scores.unlock_period(ws, period.id, "Sở Nội vụ điều chỉnh điểm phần III")
    from thidua_desktop.db.models import AuditEntry
    with ws.read() as s:
        assert s.scalars(select(AuditEntry.summary).where(AuditEntry.summary.like("%Sở Nội vụ điều chỉnh%"))).first()
