"""The bloc, its member units, their heads over time, people, and membership per year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from thidua_desktop.db.types import CodeEnum, NfcString, NfcText, Points
from thidua_desktop.domain.enums import BlocKind, BlocLevel, Gender, MemberRole, UnitType

from .base import Base, Entity
from .search import Searchable, register

if TYPE_CHECKING:
    from .year import EmulationYear


class Bloc(Entity, Base):
    """The khối/cụm itself: one row per workbook file."""

    __tablename__ = "bloc"

    name: Mapped[str] = mapped_column(NfcString(300))
    short_name: Mapped[str | None] = mapped_column(NfcString(100))
    kind: Mapped[BlocKind] = mapped_column(CodeEnum(BlocKind), default=BlocKind.KHOI)
    level: Mapped[BlocLevel] = mapped_column(CodeEnum(BlocLevel), default=BlocLevel.TINH)
    province: Mapped[str | None] = mapped_column(NfcString(100))
    organising_body: Mapped[str | None] = mapped_column(NfcString(300))
    founding_decision: Mapped[str | None] = mapped_column(NfcString(300))
    symbol: Mapped[str | None] = mapped_column(NfcString(30))  # ký hiệu for the bloc's own number series
    note: Mapped[str | None] = mapped_column(NfcText)


class Unit(Searchable, Entity, Base):
    """A member unit. Retired units stay: past years, scores and awards refer to them."""

    __tablename__ = "unit"
    __search_fields__ = ("official_name", "short_name", "symbol")

    official_name: Mapped[str] = mapped_column(NfcString(300))
    short_name: Mapped[str | None] = mapped_column(NfcString(100))
    symbol: Mapped[str | None] = mapped_column(NfcString(30))  # ký hiệu in document numbers, e.g. "VPTU"
    superior_body: Mapped[str | None] = mapped_column(NfcString(300))
    unit_type: Mapped[UnitType] = mapped_column(CodeEnum(UnitType), default=UnitType.HANH_CHINH)
    address: Mapped[str | None] = mapped_column(NfcString(300))
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(200))
    holds_seal: Mapped[bool] = mapped_column(Boolean, default=True)
    joined_year: Mapped[int | None] = mapped_column(Integer)
    retired_year: Mapped[int | None] = mapped_column(Integer)
    retired_reason: Mapped[str | None] = mapped_column(NfcString(300))
    note: Mapped[str | None] = mapped_column(NfcText)

    heads: Mapped[list["UnitHead"]] = relationship(back_populates="unit", order_by="UnitHead.start_date")
    persons: Mapped[list["Person"]] = relationship(back_populates="unit")


class Person(Searchable, Entity, Base):
    """Heads, representatives at meetings and individual award recipients."""

    __tablename__ = "person"
    __search_fields__ = ("full_name", "post")

    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    full_name: Mapped[str] = mapped_column(NfcString(200))
    gender: Mapped[Gender | None] = mapped_column(CodeEnum(Gender))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    post: Mapped[str | None] = mapped_column(NfcString(200))  # current chức vụ
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(NfcText)

    unit: Mapped[Unit | None] = relationship(back_populates="persons")


class UnitHead(Entity, Base):
    """Who headed a unit, with which post, from when to when (signatures, certificates)."""

    __tablename__ = "unit_head"

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    post: Mapped[str] = mapped_column(NfcString(200))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    unit: Mapped[Unit] = relationship(back_populates="heads")
    person: Mapped[Person] = relationship()


class Membership(Entity, Base):
    """A unit's place in the bloc for one year: Trưởng khối, Phó khối or member."""

    __tablename__ = "membership"
    __table_args__ = (
        UniqueConstraint("year_id", "unit_id"),
        # One leader per year, enforced by the file itself.
        Index("uq_membership_one_leader", "year_id", unique=True, sqlite_where=text("role = 'truong'")),
    )

    year_id: Mapped[int] = mapped_column(ForeignKey("emulation_year.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    role: Mapped[MemberRole] = mapped_column(CodeEnum(MemberRole), default=MemberRole.THANH_VIEN)
    female_share_pct: Mapped[Decimal | None] = mapped_column(Points)  # for the ≥70 % women tie-break
    note: Mapped[str | None] = mapped_column(NfcString(300))

    year: Mapped["EmulationYear"] = relationship(back_populates="memberships")
    unit: Mapped[Unit] = relationship()


register(Unit)
register(Person)
