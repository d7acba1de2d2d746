"""The facts of a year that every document prints: the bloc, the issuer and signer, the member
units with their roles and heads, next year's leader and deputies, the căn cứ lines, and the
common template values. Read once per document in one session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import Bloc, EmulationYear, LegalBasis, Membership, Unit
from thidua_desktop.domain.admin_format import place_date, symbol_suffix
from thidua_desktop.domain.enums import MemberRole
from thidua_desktop.domain.text import format_points, vi_sort_key
from thidua_desktop.documents.model import Header, Signatures, Signer

from .document_templates import TemplateSpec, fill
from .issuing import Issuer, head_on, issuer_of


@dataclass(frozen=True, slots=True)
class MemberFact:
    unit_id: int
    name: str
    short_name: str
    role: MemberRole
    head_name: str | None
    head_post: str | None


@dataclass(slots=True)
class YearFacts:
    year_id: int
    year: int
    bloc: str
    province: str
    organising_body: str
    theme: str
    issuer: Issuer
    members: list[MemberFact]  # Vietnamese order
    next_leader: str | None
    next_deputies: list[str]
    legal_bases: list[str]
    day: date

    @property
    def leader(self) -> MemberFact | None:
        return next((m for m in self.members if m.role is MemberRole.TRUONG), None)

    @property
    def deputies(self) -> list[MemberFact]:
        return [m for m in self.members if m.role is MemberRole.PHO]

    def values(self) -> dict[str, Any]:
        """The common template fields (resources/templates/documents.json "common_fields")."""
        unknown = "(chưa xác định)"
        return {"bloc": self.bloc, "bloc_upper": self.bloc.upper(), "province": self.province,
                "year": self.year, "next_year": self.year + 1, "theme": self.theme, "issuer": self.issuer.name,
                "leader_unit": self.leader.name if self.leader else unknown,
                "deputy_units": join_names([m.name for m in self.deputies]) or unknown,
                "members_count": len(self.members), "organising_body": self.organising_body,
                "next_leader": self.next_leader or unknown,
                "next_deputies": join_names(self.next_deputies) or unknown}

    def header(self, spec: TemplateSpec, number_text: str | None, *, dated: bool = True) -> Header:
        return Header(issuer=self.issuer.name, superior=self.issuer.superior,
                      symbol_suffix=symbol_suffix(spec.doc_type.value, self.issuer.symbol),
                      number_text=number_text, numbered=spec.numbered,
                      place_date=place_date(self.issuer.place, self.day) if dated else None)

    def signatures(self, spec: TemplateSpec, values: dict[str, Any]) -> Signatures:
        """The template's signer (prefix and title) with the leader unit's head, and Nơi nhận."""
        signer = spec.signer or {"prefix": "", "title": ""}
        return Signatures((Signer(title=fill(signer.get("title"), values), name=self.issuer.signer_name,
                                  prefix=fill(signer.get("prefix"), values) or None),),
                          recipients=recipients(spec, values))


def recipients(spec: TemplateSpec, values: dict[str, Any]) -> tuple[str, ...]:
    return tuple(fill(line, values) for line in spec.recipients)


def join_names(names: list[str]) -> str:
    """"A, B và C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


def points(value: Any) -> str:
    return "" if value is None else format_points(value)


def read_facts(s: Session, year_id: int, day: date) -> YearFacts:
    year = s.get(EmulationYear, year_id)
    bloc = s.scalars(select(Bloc)).first()
    members = []
    for unit, role in s.execute(select(Unit, Membership.role).join(Membership, Membership.unit_id == Unit.id)
                                .where(Membership.year_id == year_id)):
        head = head_on(s, unit.id, day)
        members.append(MemberFact(unit.id, unit.official_name, unit.short_name or unit.official_name, role,
                                  head.person.full_name if head else None, head.post if head else None))
    members.sort(key=lambda m: vi_sort_key(m.name))
    next_year = s.scalars(select(EmulationYear).where(EmulationYear.year == year.year + 1)).first()
    next_leader, next_deputies = None, []
    if next_year is not None:
        for name, role in s.execute(select(Unit.official_name, Membership.role)
                                    .join(Membership, Membership.unit_id == Unit.id)
                                    .where(Membership.year_id == next_year.id, Membership.role != MemberRole.THANH_VIEN)):
            if role is MemberRole.TRUONG:
                next_leader = name
            else:
                next_deputies.append(name)
    bases = list(s.scalars(select(LegalBasis.text).where(LegalBasis.year_id == year_id)
                           .order_by(LegalBasis.position, LegalBasis.id)))
    return YearFacts(year_id=year_id, year=year.year, bloc=bloc.name, province=bloc.province or year.place_name or "",
                     organising_body=bloc.organising_body or "", theme=year.theme or "",
                     issuer=issuer_of(s, year_id, day), members=members, next_leader=next_leader,
                     next_deputies=sorted(next_deputies, key=vi_sort_key), legal_bases=bases, day=day)
