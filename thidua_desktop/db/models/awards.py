"""The award catalogue, the bloc's proposals, the decisions that answer them, and the
commendation register that keeps every award of every year."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from thidua_desktop.db.types import CodeEnum, NfcString, NfcText, Points
from thidua_desktop.domain.enums import (
    AwardCategory,
    AwardLevel,
    CommendationSource,
    ProposalStatus,
    RecipientKind,
)

from .base import Base, Entity
from .search import Searchable, register


class AwardType(Entity, Base):
    """A title (danh hiệu) or form of award (hình thức) of Luật TĐKT 2022; editable catalogue."""

    __tablename__ = "award_type"

    code: Mapped[str] = mapped_column(NfcString(30), unique=True)
    name: Mapped[str] = mapped_column(NfcString(300))
    short_name: Mapped[str | None] = mapped_column(NfcString(100))
    category: Mapped[AwardCategory] = mapped_column(CodeEnum(AwardCategory))
    recipient: Mapped[RecipientKind] = mapped_column(CodeEnum(RecipientKind))
    level: Mapped[AwardLevel] = mapped_column(CodeEnum(AwardLevel))
    decided_by: Mapped[str | None] = mapped_column(NfcString(300))  # who has the power to award it
    legal_ref: Mapped[str | None] = mapped_column(NfcString(100))  # e.g. "Điều 26"
    position: Mapped[int] = mapped_column(Integer, default=0)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Decision(Entity, Base):
    """A quyết định khen thưởng of the competent authority (the bloc itself awards nothing)."""

    __tablename__ = "decision"

    year_id: Mapped[int | None] = mapped_column(ForeignKey("emulation_year.id"), index=True)
    number: Mapped[str] = mapped_column(NfcString(100))  # "1234/QĐ-UBND"
    signed_on: Mapped[date] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(NfcString(300))  # "Chủ tịch UBND tỉnh Lai Châu"
    signer_name: Mapped[str | None] = mapped_column(NfcString(200))
    signer_post: Mapped[str | None] = mapped_column(NfcString(200))
    award_type_id: Mapped[int | None] = mapped_column(ForeignKey("award_type.id"))
    content: Mapped[str | None] = mapped_column(NfcText)


class Proposal(Entity, Base):
    """The bloc's đề nghị for one unit or person, followed until it is decided or rejected."""

    __tablename__ = "proposal"
    __table_args__ = (CheckConstraint("(unit_id IS NULL) <> (person_id IS NULL)", name="one_subject"),)

    year_id: Mapped[int] = mapped_column(ForeignKey("emulation_year.id"), index=True)
    award_type_id: Mapped[int] = mapped_column(ForeignKey("award_type.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    achievement: Mapped[str | None] = mapped_column(NfcText)
    total_score: Mapped[Decimal | None] = mapped_column(Points)
    rank: Mapped[int | None] = mapped_column(Integer)
    vote_candidate_id: Mapped[int | None] = mapped_column(ForeignKey("vote_candidate.id"))
    status: Mapped[ProposalStatus] = mapped_column(CodeEnum(ProposalStatus), default=ProposalStatus.PROPOSED)
    sent_on: Mapped[date | None] = mapped_column(Date)
    submission_document_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"))
    decision_order: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(NfcText)

    award_type: Mapped[AwardType] = relationship()
    decision: Mapped[Decision | None] = relationship()


class Commendation(Searchable, Entity, Base):
    """One award received, by a unit or a person, from the bloc's proposals or from outside.

    The recipient's printed name and post are kept as given in the decision, so a later
    rename of the unit never rewrites an old certificate.
    """

    __tablename__ = "commendation"
    __search_fields__ = ("recipient_name", "recipient_detail", "decision_number")
    __table_args__ = (CheckConstraint("(unit_id IS NULL) <> (person_id IS NULL)", name="one_subject"),)

    year: Mapped[int] = mapped_column(Integer, index=True)
    award_type_id: Mapped[int] = mapped_column(ForeignKey("award_type.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    recipient_name: Mapped[str] = mapped_column(NfcString(300))
    recipient_detail: Mapped[str | None] = mapped_column(NfcString(300))  # post and workplace / superior body
    achievement: Mapped[str | None] = mapped_column(NfcText)
    source: Mapped[CommendationSource] = mapped_column(CodeEnum(CommendationSource))
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposal.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"))
    decision_number: Mapped[str | None] = mapped_column(NfcString(100))
    decision_date: Mapped[date | None] = mapped_column(Date)
    issuer: Mapped[str | None] = mapped_column(NfcString(300))
    golden_book_no: Mapped[int | None] = mapped_column(Integer)  # số sổ vàng: order in the decision
    printed_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(NfcText)

    award_type: Mapped[AwardType] = relationship()


register(Commendation)
