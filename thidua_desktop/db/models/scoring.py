"""Score tables (versioned per year), their criteria and rules, periods and the scores given.

A score points at the criterion of the table version it was given under, so a new version
of the table never changes a score already entered.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from thidua_desktop.db.types import CodeEnum, NfcString, NfcText, Points
from thidua_desktop.domain.enums import (
    AdjustmentKind,
    CriterionKind,
    PeriodKind,
    ScoredBy,
    ScoreTableState,
)

from .base import Base, Entity, utc_now


class ScoreTable(Entity, Base):
    __tablename__ = "score_table"
    __table_args__ = (UniqueConstraint("year_id", "version"),)

    year_id: Mapped[int] = mapped_column(ForeignKey("emulation_year.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(NfcString(300))
    max_points: Mapped[Decimal] = mapped_column(Points, default=Decimal(100))
    quantitative_bonus_cap: Mapped[Decimal] = mapped_column(Points, default=Decimal(20))
    state: Mapped[ScoreTableState] = mapped_column(CodeEnum(ScoreTableState), default=ScoreTableState.DRAFT)
    frozen_at: Mapped[datetime | None] = mapped_column(DateTime)
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("score_table.id"))
    change_reason: Mapped[str | None] = mapped_column(NfcText)  # why this version replaced the last
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    sections: Mapped[list["ScoreSection"]] = relationship(order_by="ScoreSection.position")
    criteria: Mapped[list["Criterion"]] = relationship(order_by="Criterion.position")
    adjustment_rules: Mapped[list["AdjustmentRule"]] = relationship(order_by="AdjustmentRule.position")


class ScoreSection(Entity, Base):
    """A part of the table (I, II, III) with its maximum and who scores it."""

    __tablename__ = "score_section"

    table_id: Mapped[int] = mapped_column(ForeignKey("score_table.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(NfcString(20))
    title: Mapped[str] = mapped_column(NfcText)
    max_points: Mapped[Decimal] = mapped_column(Points)
    scored_by: Mapped[ScoredBy] = mapped_column(CodeEnum(ScoredBy), default=ScoredBy.SELF_APPRAISAL)


class Criterion(Entity, Base):
    """A criterion, nested under a parent criterion (1 → 1.1 → 1.1.1) or directly under a section.

    A criterion with children is a heading: its points are the sum of its children.
    """

    __tablename__ = "criterion"

    table_id: Mapped[int] = mapped_column(ForeignKey("score_table.id"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("score_section.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("criterion.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(NfcString(20))
    text: Mapped[str] = mapped_column(NfcText)
    max_points: Mapped[Decimal] = mapped_column(Points)
    kind: Mapped[CriterionKind] = mapped_column(CodeEnum(CriterionKind), default=CriterionKind.MANUAL)
    grade_points: Mapped[dict[str, str] | None] = mapped_column(JSON(none_as_null=True))  # {"A": "5", "B": "4", …}
    bonus_cap_pct: Mapped[Decimal | None] = mapped_column(Points)  # ratio kinds: bonus cap, % of max
    unit_of_measure: Mapped[str | None] = mapped_column(NfcString(50))  # for ratio inputs
    guidance: Mapped[str | None] = mapped_column(NfcText)
    evidence_expected: Mapped[str | None] = mapped_column(NfcText)


class AdjustmentRule(Entity, Base):
    """A bonus or penalty line of the table, e.g. "−5 mỗi lần lãnh đạo vắng họp khối"."""

    __tablename__ = "adjustment_rule"

    table_id: Mapped[int] = mapped_column(ForeignKey("score_table.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[AdjustmentKind] = mapped_column(CodeEnum(AdjustmentKind))
    code: Mapped[str] = mapped_column(NfcString(20))
    text: Mapped[str] = mapped_column(NfcText)
    points: Mapped[Decimal] = mapped_column(Points)  # always positive; kind gives the sign
    per_occurrence: Mapped[bool] = mapped_column(Boolean, default=False)
    cap: Mapped[Decimal | None] = mapped_column(Points)
    scored_by: Mapped[ScoredBy] = mapped_column(CodeEnum(ScoredBy), default=ScoredBy.SELF_APPRAISAL)
    disqualifies: Mapped[bool] = mapped_column(Boolean, default=False)  # e.g. a cảnh cáo of the head


class EvaluationPeriod(Entity, Base):
    """Sơ kết or tổng kết of a year; locked once the bloc approves its results."""

    __tablename__ = "evaluation_period"
    __table_args__ = (UniqueConstraint("year_id", "kind"),)

    year_id: Mapped[int] = mapped_column(ForeignKey("emulation_year.id"), index=True)
    kind: Mapped[PeriodKind] = mapped_column(CodeEnum(PeriodKind))
    score_table_id: Mapped[int] = mapped_column(ForeignKey("score_table.id"))
    deadline: Mapped[date | None] = mapped_column(Date)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)
    locked_by: Mapped[str | None] = mapped_column(NfcString(200))


class Score(Entity, Base):
    """One unit × criterion × period: each stage keeps its raw input, points are computed.

    Inputs by criterion kind: manual → value (points); yes/no → value 1 or 0; grade → grade;
    ratio kinds → actual and plan. final_* overrides the rule "appraised, or provincial for
    a provincially scored section" when the bloc agrees another figure.
    """

    __tablename__ = "score"
    __table_args__ = (UniqueConstraint("period_id", "unit_id", "criterion_id"),)

    period_id: Mapped[int] = mapped_column(ForeignKey("evaluation_period.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criterion.id"), index=True)

    self_value: Mapped[Decimal | None] = mapped_column(Points)
    self_grade: Mapped[str | None] = mapped_column(String(1))
    self_actual: Mapped[float | None] = mapped_column(Float)
    self_plan: Mapped[float | None] = mapped_column(Float)
    self_note: Mapped[str | None] = mapped_column(NfcText)

    appraised_value: Mapped[Decimal | None] = mapped_column(Points)
    appraised_grade: Mapped[str | None] = mapped_column(String(1))
    appraised_actual: Mapped[float | None] = mapped_column(Float)
    appraised_plan: Mapped[float | None] = mapped_column(Float)
    appraisal_note: Mapped[str | None] = mapped_column(NfcText)
    appraiser_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))

    provincial_value: Mapped[Decimal | None] = mapped_column(Points)
    provincial_grade: Mapped[str | None] = mapped_column(String(1))
    provincial_note: Mapped[str | None] = mapped_column(NfcText)

    final_value: Mapped[Decimal | None] = mapped_column(Points)
    final_note: Mapped[str | None] = mapped_column(NfcText)
    evidence: Mapped[str | None] = mapped_column(NfcText)  # references to tài liệu kiểm chứng


class ScoreAdjustment(Entity, Base):
    """A bonus or penalty applied to a unit in a period, under a rule of the table."""

    __tablename__ = "score_adjustment"

    period_id: Mapped[int] = mapped_column(ForeignKey("evaluation_period.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("adjustment_rule.id"))
    self_occurrences: Mapped[int | None] = mapped_column(Integer)
    occurrences: Mapped[int] = mapped_column(Integer, default=1)  # agreed after appraisal
    note: Mapped[str | None] = mapped_column(NfcText)
    evidence: Mapped[str | None] = mapped_column(NfcText)


class PeriodResult(Entity, Base):
    """The totals and ranks as approved when a period was locked: the official record.

    Computed figures are not stored while a period is open; this snapshot is what later
    years compare against (rank across years) even if rules are reworded afterwards.
    """

    __tablename__ = "period_result"
    __table_args__ = (UniqueConstraint("period_id", "unit_id"),)

    period_id: Mapped[int] = mapped_column(ForeignKey("evaluation_period.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    self_total: Mapped[Decimal | None] = mapped_column(Points)
    total: Mapped[Decimal] = mapped_column(Points)
    rank: Mapped[int] = mapped_column(Integer)
    band: Mapped[str | None] = mapped_column(NfcString(100))
    disqualified: Mapped[bool] = mapped_column(Boolean, default=False)
