"""Meetings of the bloc, who attended, and the vote rounds held at them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, CheckConstraint, DateTime, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from thidua_desktop.db.types import CodeEnum, NfcString, NfcText, Points
from thidua_desktop.domain.enums import MeetingKind

from .base import Base, Entity


class Meeting(Entity, Base):
    __tablename__ = "meeting"

    year_id: Mapped[int] = mapped_column(ForeignKey("emulation_year.id"), index=True)
    kind: Mapped[MeetingKind] = mapped_column(CodeEnum(MeetingKind))
    title: Mapped[str] = mapped_column(NfcString(300))
    starts_at: Mapped[datetime | None] = mapped_column(DateTime)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    place: Mapped[str | None] = mapped_column(NfcString(300))
    host_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    chair_name: Mapped[str | None] = mapped_column(NfcString(200))
    chair_post: Mapped[str | None] = mapped_column(NfcString(200))
    secretary_name: Mapped[str | None] = mapped_column(NfcString(200))
    secretary_post: Mapped[str | None] = mapped_column(NfcString(200))
    guests: Mapped[str | None] = mapped_column(NfcText)  # invited guests, one per line
    agenda: Mapped[str | None] = mapped_column(NfcText)
    minutes: Mapped[str | None] = mapped_column(NfcText)  # diễn biến, as the secretary writes it
    document_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"))

    attendance: Mapped[list["Attendance"]] = relationship(cascade="all, delete-orphan")
    counters: Mapped[list["VoteCounter"]] = relationship(cascade="all, delete-orphan")
    rounds: Mapped[list["VoteRound"]] = relationship(order_by="VoteRound.round_no")


class Attendance(Entity, Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "unit_id"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    representative_name: Mapped[str | None] = mapped_column(NfcString(200))
    representative_post: Mapped[str | None] = mapped_column(NfcString(200))
    note: Mapped[str | None] = mapped_column(NfcString(300))


class VoteCounter(Entity, Base):
    """A member of the ban kiểm phiếu."""

    __tablename__ = "vote_counter"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    full_name: Mapped[str] = mapped_column(NfcString(200))
    post: Mapped[str | None] = mapped_column(NfcString(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    role: Mapped[str | None] = mapped_column(NfcString(100))  # Trưởng ban, Thành viên


class VoteRound(Entity, Base):
    """One ballot for one award category; a second round fills the places left open.

    The rules in force are copied into `rules` so the minutes can be reprinted as held.
    """

    __tablename__ = "vote_round"
    __table_args__ = (
        UniqueConstraint("meeting_id", "award_type_id", "round_no"),
        CheckConstraint("ballots_valid IS NULL OR ballots_returned IS NULL OR ballots_valid <= ballots_returned",
                        name="valid_le_returned"),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    award_type_id: Mapped[int] = mapped_column(ForeignKey("award_type.id"))
    round_no: Mapped[int] = mapped_column(Integer, default=1)
    places: Mapped[int] = mapped_column(Integer, default=1)
    eligible_voters: Mapped[int | None] = mapped_column(Integer)
    voters_present: Mapped[int | None] = mapped_column(Integer)
    ballots_issued: Mapped[int | None] = mapped_column(Integer)
    ballots_returned: Mapped[int | None] = mapped_column(Integer)
    ballots_valid: Mapped[int | None] = mapped_column(Integer)
    ballots_invalid: Mapped[int | None] = mapped_column(Integer)
    rules: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(NfcText)

    candidates: Mapped[list["VoteCandidate"]] = relationship(
        order_by="VoteCandidate.position", cascade="all, delete-orphan"
    )


class VoteCandidate(Entity, Base):
    __tablename__ = "vote_candidate"
    __table_args__ = (CheckConstraint("(unit_id IS NULL) <> (person_id IS NULL)", name="one_subject"),)

    round_id: Mapped[int] = mapped_column(ForeignKey("vote_round.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    total_score: Mapped[Decimal | None] = mapped_column(Points)  # snapshot from the ranking
    rank: Mapped[int | None] = mapped_column(Integer)
    votes_for: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    explanation: Mapped[str | None] = mapped_column(NfcText)
