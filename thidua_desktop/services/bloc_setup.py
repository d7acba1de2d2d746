"""A new bloc from the first-run wizard: its name, its member units (typed or pasted from
Excel), the first year with its leader and deputies — written in one step, so a workbook
never exists half-made."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
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
    """Something in the wizard's answers to fix before the workbook can be made; `row` is the
    1-based grid row it is about, when it is about one."""

    def __init__(self, message: str, *, row: int | None = None) -> None:
        super().__init__(message)
        self.row = row


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


_NUMBER_HEADERS = {"stt", "tt", "so tt"}
_NAME_HEADERS = {"ten don vi", "don vi", "ten co quan", "co quan", "co quan, don vi", "ten co quan, don vi"}
_NUMBER = re.compile(r"\d+[.)]?")
_GROUP_MARK = re.compile(r"[IVXLC]+[.)]?|[A-Za-z][.)]")  # "I", "II.", "a)": a heading over a group of units


def parse_units(text: str) -> list[NewUnit]:
    """Units pasted from Excel or typed one per line: name, short name, head, head's post,
    separated by tabs (Excel, which quotes cells holding line breaks) or ';'. Blank lines and
    header rows are skipped; a leading STT column is dropped, and with it the rows numbered
    I, II… or a), b)… that head groups of units in official lists."""
    rows = [row for row in _cells(text) if any(row)]
    rows = [row for row in rows if not _is_header(row)]
    numbered = any(r[0] and _NUMBER.fullmatch(r[0]) for r in rows) and all(
        not r[0] or _NUMBER.fullmatch(r[0]) or _GROUP_MARK.fullmatch(r[0]) for r in rows)
    if numbered:
        rows = [row[1:] for row in rows if not (row[0] and _GROUP_MARK.fullmatch(row[0]))]
    return [NewUnit(*(row + [None] * 4)[:4]) for row in rows if row and row[0]]


def _is_header(row: list[str | None]) -> bool:
    keys = [search_key(c or "") for c in row[:2]]
    return keys[0] in _NUMBER_HEADERS or any(k in _NAME_HEADERS for k in keys)


def _cells(text: str) -> list[list[str | None]]:
    lines = csv.reader(io.StringIO(text), delimiter="\t") if "\t" in text else (
        line.split(";") for line in text.splitlines())
    return [[clean(c) or None for c in line] for line in lines]


def units_from_rows(rows: Sequence[Sequence[str | None]]) -> tuple[NewUnit, ...]:
    """The wizard's grid rows (name, short name, head, post) as units; blank rows are skipped
    and a row with details but no name is refused, numbered as the grid numbers it."""
    units = []
    for number, row in enumerate(rows, start=1):
        cells = [clean(c) or None for c in row] + [None] * 4
        if not any(cells):
            continue
        if not cells[0]:
            raise SetupError(f"Dòng {number} chưa có tên đơn vị.", row=number)
        units.append(NewUnit(*cells[:4]))
    return tuple(units)


def check_name(name: str) -> None:
    if not clean(name):
        raise SetupError("Hãy nhập tên khối thi đua.")


def check_units(units: Sequence[NewUnit]) -> None:
    if not units:
        raise SetupError("Hãy nhập ít nhất một đơn vị thành viên.")
    keys = [search_key(u.official_name) for u in units]
    duplicates = {u.official_name for u, k in zip(units, keys) if keys.count(k) > 1}
    if duplicates:
        raise SetupError("Đơn vị bị nhập trùng: " + ", ".join(sorted(duplicates)) + ".")


def check_leadership(first_year: int, leader: int | None, deputies: Sequence[int]) -> None:
    """The first year and its Trưởng khối and Phó khối (indexes into the units)."""
    if not 2000 <= first_year <= 2100:
        raise SetupError("Năm thi đua đầu tiên phải từ 2000 đến 2100.")
    if leader is not None and leader in deputies:
        raise SetupError("Một đơn vị không thể vừa là Trưởng khối vừa là Phó khối.")
    try:
        check_roles([MemberRole.TRUONG] * (leader is not None) + [MemberRole.PHO] * len(deputies), year=first_year)
    except RoleError as exc:
        raise SetupError(str(exc)) from None


def check(spec: NewBloc) -> None:
    """Everything the wizard asks, checked page by page in the order it asks it."""
    check_name(spec.name)
    check_units(spec.units)
    check_leadership(spec.first_year, spec.leader, spec.deputies)


def create_bloc(path: Path, spec: NewBloc, *, operator: str) -> Path:
    """Write the new workbook; the first year gets the default rules (services.years).

    Raises SetupError for answers to fix, FileExistsError rather than overwrite a file, and
    OSError when the file cannot be written."""
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

    try:
        return create_workbook(Path(path), bloc_name=clean(spec.name), populate=populate)
    except (sqlite3.Error, DBAPIError) as exc:  # a missing or read-only folder, a full disk
        raise OSError(f"Không ghi được sổ thi đua vào “{path}”: {exc}") from exc
