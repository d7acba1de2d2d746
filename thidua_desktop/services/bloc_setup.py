"""A new bloc from the first-run wizard: its name, its member units (typed or pasted from
Excel), the first year with its leader and deputies — written in one step, so a workbook
never exists half-made."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import (
    AuditEntry,
    Bloc,
    EmulationYear,
    Membership,
    Person,
    Unit,
    UnitHead,
    new_uid,
    utc_now,
)
from thidua_desktop.db.workbook_file import create_workbook
from thidua_desktop.domain.enums import AuditAction, BlocKind, MemberRole
from thidua_desktop.domain.membership import RoleError, check_roles
from thidua_desktop.domain.text import clean, search_key

from .years import copy_year_settings


class SetupError(ValueError):
    """Something in the wizard's answers to fix before the workbook can be made."""


@dataclass(frozen=True, slots=True)
class NewUnit:
    official_name: str
    short_name: str | None = None
    head_name: str | None = None
    head_post: str | None = None


@dataclass(frozen=True, slots=True)
class NewBloc:
    name: str
    kind: BlocKind
    organising_body: str | None
    province: str | None
    units: tuple[NewUnit, ...]
    first_year: int
    leader: int | None = None  # index into units
    deputies: tuple[int, ...] = field(default_factory=tuple)


def parse_units(text: str) -> list[NewUnit]:
    """Units pasted from Excel or typed one per line: name, short name, head, head's post,
    separated by tabs (Excel) or ';'. Blank lines and a header row are skipped."""
    units = []
    for line in text.splitlines():
        cells = [clean(c) or None for c in (line.split("\t") if "\t" in line else line.split(";"))]
        if not cells or not cells[0]:
            continue
        if search_key(cells[0]) in {"ten don vi", "don vi", "stt"}:
            continue
        if cells[0].rstrip(".").isdigit() and len(cells) > 1:  # a leading STT column
            cells = cells[1:]
        cells += [None] * (4 - len(cells))
        units.append(NewUnit(*cells[:4]))
    return units


def check(spec: NewBloc) -> None:
    if not clean(spec.name):
        raise SetupError("Hãy nhập tên khối thi đua.")
    if not spec.units:
        raise SetupError("Hãy nhập ít nhất một đơn vị thành viên.")
    keys = [search_key(u.official_name) for u in spec.units]
    duplicates = {u.official_name for u, k in zip(spec.units, keys) if keys.count(k) > 1}
    if duplicates:
        raise SetupError("Đơn vị bị nhập trùng: " + ", ".join(sorted(duplicates)) + ".")
    if not 2000 <= spec.first_year <= 2100:
        raise SetupError("Năm thi đua đầu tiên không hợp lệ.")
    if spec.leader is not None and spec.leader in spec.deputies:
        raise SetupError("Một đơn vị không thể vừa là Trưởng khối vừa là Phó khối.")
    try:
        check_roles([MemberRole.TRUONG] * (spec.leader is not None) + [MemberRole.PHO] * len(spec.deputies),
                    year=spec.first_year)
    except RoleError as exc:
        raise SetupError(str(exc)) from None


def create_bloc(path: Path, spec: NewBloc, *, operator: str) -> Path:
    """Write the new workbook; the first year gets the default rules (services.years)."""
    check(spec)

    def populate(s: Session) -> None:
        bloc = s.scalars(select(Bloc)).one()
        bloc.name, bloc.kind = clean(spec.name), spec.kind
        bloc.organising_body, bloc.province = clean(spec.organising_body), clean(spec.province)
        year = EmulationYear(year=spec.first_year, place_name=clean(spec.province))
        s.add(year)
        s.flush()
        copy_year_settings(s, None, year)
        for i, new in enumerate(spec.units):
            unit = Unit(official_name=clean(new.official_name), short_name=clean(new.short_name))
            s.add(unit)
            s.flush()
            role = (MemberRole.TRUONG if i == spec.leader else
                    MemberRole.PHO if i in spec.deputies else MemberRole.THANH_VIEN)
            s.add(Membership(year_id=year.id, unit_id=unit.id, role=role))
            if new.head_name:
                person = Person(unit_id=unit.id, full_name=clean(new.head_name), post=clean(new.head_post))
                s.add(person)
                s.flush()
                s.add(UnitHead(unit_id=unit.id, person_id=person.id, post=clean(new.head_post) or "Thủ trưởng"))
        s.add(AuditEntry(uid=new_uid(), batch=new_uid(), at=utc_now(), operator=operator, year=spec.first_year,
                         entity="bloc", entity_id=bloc.id, entity_uid=bloc.uid, action=AuditAction.INSERT,
                         summary=f"Tạo sổ thi đua {bloc.name} với {len(spec.units)} đơn vị"))

    return create_workbook(Path(path), bloc_name=clean(spec.name), populate=populate)
