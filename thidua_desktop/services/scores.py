"""Entering scores and bonus/penalty lines for a period, and locking the period's results.

Every figure is checked against its criterion's rule before it is written, so the file never
holds a score the table does not allow; a locked period refuses edits until it is unlocked
with a reason, which the audit log keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import (
    AdjustmentRule,
    Criterion,
    EvaluationPeriod,
    PeriodResult,
    Score,
    ScoreAdjustment,
    ScoreSection,
    Unit,
    utc_now,
)
from thidua_desktop.domain.enums import ScoredBy
from thidua_desktop.domain.period import score_period
from thidua_desktop.domain.scoring import ScoreInputError, criterion_points
from thidua_desktop.domain.text import clean

from .scoring import criterion_rule, load_period
from .workspace import ChangeRefused, Workspace


class Stage(StrEnum):
    OWN = "self"
    APPRAISED = "appraised"
    PROVINCIAL = "provincial"


STAGE_LABEL = {Stage.OWN: "tự chấm", Stage.APPRAISED: "thẩm định", Stage.PROVINCIAL: "cơ quan thường trực chấm"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One stage's input for a criterion; leave all None to clear it."""

    value: Decimal | bool | None = None
    grade: str | None = None
    actual: float | None = None
    plan: float | None = None


def open_period(s: Session, period_id: int) -> EvaluationPeriod:
    period = s.get(EvaluationPeriod, period_id)
    if period is None:
        raise ChangeRefused("Không tìm thấy kỳ chấm điểm.")
    if period.locked:
        raise ChangeRefused(f"Kết quả {period.kind.label.lower()} đã được khối thông qua và khóa. "
                            "Muốn sửa, hãy mở khóa (cần ghi lý do).")
    return period


def _row(s: Session, period_id: int, unit_id: int, criterion_id: int) -> Score:
    score = s.scalars(select(Score).where(Score.period_id == period_id, Score.unit_id == unit_id,
                                          Score.criterion_id == criterion_id)).first()
    if score is None:
        score = Score(period_id=period_id, unit_id=unit_id, criterion_id=criterion_id)
        s.add(score)
    return score


def _names(s: Session, unit_id: int, criterion_id: int) -> tuple[str, Criterion]:
    unit = s.get(Unit, unit_id)
    return unit.short_name or unit.official_name, s.get(Criterion, criterion_id)


def set_score(ws: Workspace, period_id: int, unit_id: int, criterion_id: int, stage: Stage, entry: Entry,
              *, note: str | None = None) -> None:
    """Write one stage's figure for a unit and criterion, after checking it against the rule."""
    with ws.read() as s:
        unit_name, criterion = _names(s, unit_id, criterion_id)
        section = s.get(ScoreSection, criterion.section_id)
    if stage is Stage.PROVINCIAL and (entry.actual is not None or entry.plan is not None):
        raise ChangeRefused("Cơ quan thường trực chấm bằng điểm, xếp loại hoặc có/không, không nhập số liệu.")
    if stage is not Stage.PROVINCIAL and section.scored_by is ScoredBy.PROVINCIAL:
        raise ChangeRefused(f"Phần {section.code} do cơ quan thường trực tỉnh chấm.")
    try:
        criterion_points(criterion_rule(criterion), value=entry.value, grade=entry.grade, actual=entry.actual,
                         plan=entry.plan)
    except ScoreInputError as exc:
        raise ChangeRefused(str(exc)) from None

    def do(s: Session) -> None:
        open_period(s, period_id)
        score = _row(s, period_id, unit_id, criterion_id)
        prefix = stage.value
        grade = entry.grade.strip().upper() if isinstance(entry.grade, str) and entry.grade.strip() else None
        value = None if entry.value is None else Decimal(int(entry.value)) if isinstance(entry.value, bool) \
            else Decimal(entry.value)
        setattr(score, f"{prefix}_value", value)
        setattr(score, f"{prefix}_grade", grade)
        if stage is not Stage.PROVINCIAL:
            setattr(score, f"{prefix}_actual", entry.actual)
            setattr(score, f"{prefix}_plan", entry.plan)
        if note is not None:
            note_field = {"self": "self_note", "appraised": "appraisal_note", "provincial": "provincial_note"}[prefix]
            setattr(score, note_field, clean(note) or None)

    ws.change(f"Điểm {STAGE_LABEL[stage]} tiêu chí {criterion.code} của {unit_name}", do)


def set_final(ws: Workspace, period_id: int, unit_id: int, criterion_id: int, value: Decimal | None,
              *, note: str | None = None) -> None:
    """The figure the bloc agreed by hand, overriding the appraised or provincial one (None clears it)."""
    with ws.read() as s:
        unit_name, criterion = _names(s, unit_id, criterion_id)
    if value is not None and not 0 <= Decimal(value) <= criterion.max_points:
        raise ChangeRefused(f"Tiêu chí {criterion.code}: điểm thống nhất phải từ 0 đến {criterion.max_points}.")

    def do(s: Session) -> None:
        open_period(s, period_id)
        score = _row(s, period_id, unit_id, criterion_id)
        score.final_value = None if value is None else Decimal(value)
        if note is not None:
            score.final_note = clean(note) or None

    ws.change(f"Điểm thống nhất tiêu chí {criterion.code} của {unit_name}", do)


def set_adjustment(ws: Workspace, period_id: int, unit_id: int, rule_id: int, *, occurrences: int,
                   own_occurrences: int | None = None, note: str | None = None) -> None:
    """How many times a bonus or penalty line applies to a unit (0 removes it)."""
    if occurrences < 0 or (own_occurrences is not None and own_occurrences < 0):
        raise ChangeRefused("Số lần phải từ 0 trở lên.")
    with ws.read() as s:
        rule = s.get(AdjustmentRule, rule_id)
        unit = s.get(Unit, unit_id)
    if not rule.per_occurrence and occurrences > 1:
        raise ChangeRefused(f"“{rule.code}” chỉ tính một lần.")

    def do(s: Session) -> None:
        open_period(s, period_id)
        line = s.scalars(select(ScoreAdjustment).where(ScoreAdjustment.period_id == period_id,
                                                       ScoreAdjustment.unit_id == unit_id,
                                                       ScoreAdjustment.rule_id == rule_id)).first()
        if occurrences == 0 and not own_occurrences:
            if line is not None:
                s.delete(line)
            return
        if line is None:
            line = ScoreAdjustment(period_id=period_id, unit_id=unit_id, rule_id=rule_id)
            s.add(line)
        line.occurrences, line.self_occurrences = occurrences, own_occurrences
        if note is not None:
            line.note = clean(note) or None

    ws.change(f"{rule.kind.label} “{rule.code}” của {unit.short_name or unit.official_name}", do)


def lock_period(ws: Workspace, period_id: int) -> None:
    """The bloc approved the period: snapshot totals and ranks, and refuse further edits."""
    with ws.read() as s:
        results = score_period(load_period(s, period_id))
    missing = [r.unit.name for r in results.rows if r.agreed.missing_count]
    if missing:
        raise ChangeRefused("Chưa khóa được: còn đơn vị chưa đủ điểm: " + ", ".join(missing[:5])
                            + (" …" if len(missing) > 5 else "") + ".")

    def do(s: Session) -> None:
        period = open_period(s, period_id)
        for old in s.scalars(select(PeriodResult).where(PeriodResult.period_id == period_id)):
            s.delete(old)
        s.flush()
        s.add_all(PeriodResult(period_id=period_id, unit_id=r.unit.id, self_total=r.own.total, total=r.agreed.total,
                               rank=r.rank, band=r.band, disqualified=r.agreed.disqualified) for r in results.rows)
        period.locked, period.locked_at, period.locked_by = True, utc_now(), ws.operator

    ws.change("Thông qua và khóa kết quả chấm điểm", do)


def unlock_period(ws: Workspace, period_id: int, reason: str) -> None:
    reason = clean(reason)
    if not reason:
        raise ChangeRefused("Cần ghi lý do mở khóa kết quả chấm điểm.")

    def do(s: Session) -> None:
        period = s.get(EvaluationPeriod, period_id)
        period.locked = False

    ws.change(f"Mở khóa kết quả chấm điểm. Lý do: {reason}", do)
