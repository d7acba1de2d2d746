"""An emulation year and what the bloc agrees for it: legal bases, quotas, voting rules,
registrations, the covenant and each unit's completion level."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from thidua_desktop.db.types import CodeEnum, NfcString, NfcText, Points
from thidua_desktop.domain.enums import (
    CompletionLevel,
    Denominator,
    IssuerMode,
    VoterMode,
    YearState,
)

from .base import Base, Entity

if TYPE_CHECKING:
    from .organisation import Membership


class EmulationYear(Entity, Base):
    __tablename__ = "emulation_year"

    year: Mapped[int] = mapped_column(Integer, unique=True)
    state: Mapped[YearState] = mapped_column(CodeEnum(YearState), default=YearState.SETUP)
    theme: Mapped[str | None] = mapped_column(NfcText)  # the year's slogan / chủ đề
    place_name: Mapped[str | None] = mapped_column(NfcString(100))  # địa danh in document dates
    issuer_mode: Mapped[IssuerMode] = mapped_column(CodeEnum(IssuerMode), default=IssuerMode.LEADER_UNIT)
    registration_deadline: Mapped[date | None] = mapped_column(Date)
    covenant_deadline: Mapped[date | None] = mapped_column(Date)
    mid_year_deadline: Mapped[date | None] = mapped_column(Date)
    year_end_deadline: Mapped[date | None] = mapped_column(Date)
    dossier_deadline: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_by: Mapped[str | None] = mapped_column(NfcString(200))
    note: Mapped[str | None] = mapped_column(NfcText)

    memberships: Mapped[list["Membership"]] = relationship(back_populates="year")
    legal_bases: Mapped[list["LegalBasis"]] = relationship(order_by="LegalBasis.position")
    quotas: Mapped[list["Quota"]] = relationship()
    voting_rule: Mapped["VotingRule | None"] = relationship(uselist=False)
    score_bands: Mapped[list["ScoreBand"]] = relationship(order_by="ScoreBand.min_score.desc()")


class LegalBasis(Entity, Base):
    """One căn cứ line, editable per year: the law changes across the years a file spans."""

    __tablename__ = "legal_basis"

    year_id: Mapped[int] = mapped_column(ForeignKey("emulation_year.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(NfcText)


class Quota(Entity, Base):
    """How many proposals of an award type the bloc may make this year (domain.md 1.7)."""

    __tablename__ = "quota"
    __table_args__ = (UniqueConstraint("year_id", "award_type_id"),)

    year_id: Mapped[int] = mapped_column(ForeignKey("emulation_year.id"), index=True)
    award_type_id: Mapped[int] = mapped_column(ForeignKey("award_type.id"))
    max_count: Mapped[int | None] = mapped_column(Integer)
    max_percent: Mapped[Decimal | None] = mapped_column(Points)  # of member units, if set
    rounding: Mapped[str] = mapped_column(NfcString(10), default="down")  # down | up | nearest
    note: Mapped[str | None] = mapped_column(NfcString(300))


class VotingRule(Entity, Base):
    """How the bloc votes this year (domain.md 1.8): every choice is configurable."""

    __tablename__ = "voting_rule"

    year_id: Mapped[int] = mapped_column(ForeignKey("emulation_year.id"), unique=True)
    voters: Mapped[VoterMode] = mapped_column(CodeEnum(VoterMode), default=VoterMode.UNITS_PRESENT)
    denominator: Mapped[Denominator] = mapped_column(CodeEnum(Denominator), default=Denominator.ALL_MEMBERS)
    threshold_pct: Mapped[Decimal] = mapped_column(Points, default=Decimal(50))
    threshold_strict: Mapped[bool] = mapped_column(Boolean, default=True)  # "trên 50%" vs "từ 50% trở lên"
    quorum_pct: Mapped[Decimal] = mapped_column(Points, default=Decimal("66.67"))
    secret_ballot: Mapped[bool] = mapped_column(Boolean, default=True)
    self_vote_allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    max_rounds: Mapped[int] = mapped_column(Integer, default=2)
    tie_break_order: Mapped[list[str]] = mapped_column(JSON, default=list)  # TieBreak codes, in order


class ScoreBand(Entity, Base):
    """Optional classification by total (xuất sắc / tốt / khá …): set locally, if at all."""

    __tablename__ = "score_band"

    year_id: Mapped[int] = mapped_column(ForeignKey("emulation_year.id"), index=True)
    min_score: Mapped[Decimal] = mapped_column(Points)
    label: Mapped[str] = mapped_column(NfcString(100))


class Registration(Entity, Base):
    """A unit's đăng ký thi đua: its targets and the titles it aims at."""

    __tablename__ = "registration"
    __table_args__ = (UniqueConstraint("year_id", "unit_id"),)

    year_id: Mapped[int] = mapped_column(ForeignKey("emulation_year.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    received_on: Mapped[date | None] = mapped_column(Date)
    targets: Mapped[str | None] = mapped_column(NfcText)
    document_ref: Mapped[str | None] = mapped_column(NfcString(200))  # the unit's số công văn
    note: Mapped[str | None] = mapped_column(NfcText)

    awards: Mapped[list["RegisteredAward"]] = relationship(cascade="all, delete-orphan")


class RegisteredAward(Entity, Base):
    """One title or award registered for, by the unit itself or by a named person."""

    __tablename__ = "registered_award"

    registration_id: Mapped[int] = mapped_column(ForeignKey("registration.id"), index=True)
    award_type_id: Mapped[int] = mapped_column(ForeignKey("award_type.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    note: Mapped[str | None] = mapped_column(NfcString(300))


class Covenant(Entity, Base):
    """The giao ước thi đua of a year; it attaches the score table version in force."""

    __tablename__ = "covenant"

    year_id: Mapped[int] = mapped_column(ForeignKey("emulation_year.id"), unique=True)
    title: Mapped[str] = mapped_column(NfcString(300))
    content: Mapped[str | None] = mapped_column(NfcText)
    signed_on: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(NfcString(200))
    score_table_id: Mapped[int | None] = mapped_column(ForeignKey("score_table.id"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"))

    signatories: Mapped[list["CovenantSignatory"]] = relationship(cascade="all, delete-orphan")


class CovenantSignatory(Entity, Base):
    __tablename__ = "covenant_signatory"
    __table_args__ = (UniqueConstraint("covenant_id", "unit_id"),)

    covenant_id: Mapped[int] = mapped_column(ForeignKey("covenant.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    signer_name: Mapped[str | None] = mapped_column(NfcString(200))  # snapshot as printed
    signer_post: Mapped[str | None] = mapped_column(NfcString(200))
    signed: Mapped[bool] = mapped_column(Boolean, default=False)


class CompletionRecord(Entity, Base):
    """A unit's (or person's) mức độ hoàn thành nhiệm vụ for a calendar year.

    Kept by calendar year, not by bloc year, because the 'N năm liên tục' standards reach
    back before the unit joined the bloc.
    """

    __tablename__ = "completion_record"
    __table_args__ = (
        Index("uq_completion_unit", "year", "unit_id", unique=True, sqlite_where=text("unit_id IS NOT NULL")),
        Index("uq_completion_person", "year", "person_id", unique=True, sqlite_where=text("person_id IS NOT NULL")),
        CheckConstraint("(unit_id IS NULL) <> (person_id IS NULL)", name="one_subject"),
    )

    year: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    level: Mapped[CompletionLevel] = mapped_column(CodeEnum(CompletionLevel))
    assessed_by: Mapped[str | None] = mapped_column(NfcString(300))
    reference: Mapped[str | None] = mapped_column(NfcString(300))  # the document that graded it
    note: Mapped[str | None] = mapped_column(NfcString(300))
