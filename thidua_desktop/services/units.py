"""Member units, their heads over time, and the people of each unit.

Nothing a past year refers to is ever deleted: a unit leaves the bloc by being retired,
a person by being marked inactive, a head by getting an end date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from thidua_desktop.db.models import Person, Unit, UnitHead
from thidua_desktop.domain.enums import Gender, UnitType
from thidua_desktop.domain.text import clean, search_key, vi_sort_key

from .workspace import ChangeRefused, Workspace

UNIT_FIELDS = {"official_name", "short_name", "symbol", "superior_body", "unit_type", "address", "phone", "email",
               "holds_seal", "joined_year", "note"}
PERSON_FIELDS = {"full_name", "gender", "birth_year", "post", "active", "note", "unit_id"}


@dataclass(frozen=True, slots=True)
class HeadLine:
    """A unit's head at some time, as lists and signature blocks show it."""

    person_id: int
    full_name: str
    post: str
    start_date: date | None
    end_date: date | None


def _cleaned(fields: dict[str, Any], allowed: set[str], required: str) -> dict[str, Any]:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    out = {k: clean(v) if isinstance(v, str) else v for k, v in fields.items()}
    out = {k: (None if v == "" else v) for k, v in out.items()}
    if required in out and not out[required]:
        raise ChangeRefused("Tên không được để trống.")
    return out


def _name_taken(session: Session, name: str, except_id: int | None = None) -> bool:
    key = search_key(name)
    return any(u.id != except_id and search_key(u.official_name) == key
               for u in session.scalars(select(Unit).where(Unit.retired_year.is_(None))))


# --- reading ---------------------------------------------------------------------------------


def list_units(ws: Workspace, *, include_retired: bool = True) -> list[Unit]:
    """Units in Vietnamese order of their official names, with their heads loaded."""
    with ws.read() as s:
        query = select(Unit).options(selectinload(Unit.heads).selectinload(UnitHead.person))
        if not include_retired:
            query = query.where(Unit.retired_year.is_(None))
        return sorted(s.scalars(query), key=lambda u: vi_sort_key(u.official_name))


def heads_of(ws: Workspace, unit_id: int) -> list[HeadLine]:
    with ws.read() as s:
        heads = s.scalars(select(UnitHead).where(UnitHead.unit_id == unit_id)
                          .options(selectinload(UnitHead.person))).all()
        lines = [HeadLine(h.person_id, h.person.full_name, h.post, h.start_date, h.end_date) for h in heads]
    return sorted(lines, key=lambda h: (h.start_date or date.min))


def head_on(heads: list[HeadLine], day: date) -> HeadLine | None:
    """The head in office on `day` (the latest started, not yet ended)."""
    current = [h for h in heads if (h.start_date or date.min) <= day and (h.end_date is None or h.end_date >= day)]
    return current[-1] if current else None


def persons_of(ws: Workspace, unit_id: int, *, include_inactive: bool = False) -> list[Person]:
    with ws.read() as s:
        query = select(Person).where(Person.unit_id == unit_id)
        if not include_inactive:
            query = query.where(Person.active.is_(True))
        return sorted(s.scalars(query), key=lambda p: vi_sort_key(_given_name_first(p.full_name)))


def _given_name_first(full_name: str) -> str:
    """Vietnamese lists sort people by given name (the last word), then the rest."""
    parts = full_name.split()
    return " ".join(parts[-1:] + parts[:-1])


# --- changing units --------------------------------------------------------------------------


def add_unit(ws: Workspace, official_name: str, **fields: Any) -> int:
    values = _cleaned({"official_name": official_name, **fields}, UNIT_FIELDS, "official_name")

    def do(s: Session) -> int:
        if _name_taken(s, values["official_name"]):
            raise ChangeRefused(f"Đã có đơn vị “{values['official_name']}” trong khối.")
        unit = Unit(**values)
        s.add(unit)
        s.flush()
        return unit.id

    return ws.change(f"Thêm đơn vị {values['official_name']}", do)


def update_unit(ws: Workspace, unit_id: int, **fields: Any) -> None:
    values = _cleaned(fields, UNIT_FIELDS, "official_name")

    def do(s: Session) -> None:
        unit = s.get(Unit, unit_id)
        if "official_name" in values and _name_taken(s, values["official_name"], unit_id):
            raise ChangeRefused(f"Đã có đơn vị “{values['official_name']}” trong khối.")
        for key, value in values.items():
            setattr(unit, key, UnitType(value) if key == "unit_type" else value)

    ws.change(f"Sửa thông tin đơn vị {_unit_name(ws, unit_id)}", do)


def retire_unit(ws: Workspace, unit_id: int, *, year: int, reason: str | None = None) -> None:
    """The unit leaves the bloc from `year`; its history stays."""
    def do(s: Session) -> None:
        unit = s.get(Unit, unit_id)
        unit.retired_year, unit.retired_reason = year, clean(reason) or None

    ws.change(f"Cho đơn vị {_unit_name(ws, unit_id)} rời khối từ năm {year}", do)


def reinstate_unit(ws: Workspace, unit_id: int) -> None:
    def do(s: Session) -> None:
        unit = s.get(Unit, unit_id)
        unit.retired_year = unit.retired_reason = None

    ws.change(f"Đưa đơn vị {_unit_name(ws, unit_id)} trở lại khối", do)


def _unit_name(ws: Workspace, unit_id: int) -> str:
    with ws.read() as s:
        unit = s.get(Unit, unit_id)
        if unit is None:
            raise ChangeRefused("Không tìm thấy đơn vị.")
        return unit.short_name or unit.official_name


# --- heads and people ------------------------------------------------------------------------


def set_head(ws: Workspace, unit_id: int, *, full_name: str, post: str, start_date: date,
             gender: Gender | None = None) -> int:
    """A new head takes office on `start_date`; the previous head's term ends the day before."""
    name, post = clean(full_name), clean(post)
    if not name or not post:
        raise ChangeRefused("Cần nhập họ tên và chức vụ của thủ trưởng.")

    def do(s: Session) -> int:
        person = s.scalars(select(Person).where(Person.unit_id == unit_id, Person.full_name == name)).first()
        if person is None:
            person = Person(unit_id=unit_id, full_name=name, gender=gender)
            s.add(person)
        person.post = post
        for head in s.scalars(select(UnitHead).where(UnitHead.unit_id == unit_id, UnitHead.end_date.is_(None))):
            if head.start_date and head.start_date >= start_date:
                raise ChangeRefused("Ngày nhận nhiệm vụ phải sau ngày bắt đầu của thủ trưởng hiện tại.")
            head.end_date = start_date - timedelta(days=1)
        s.flush()
        head = UnitHead(unit_id=unit_id, person_id=person.id, post=post, start_date=start_date)
        s.add(head)
        s.flush()
        return head.id

    return ws.change(f"Thủ trưởng mới của {_unit_name(ws, unit_id)}: {post} {name}", do)


def add_person(ws: Workspace, unit_id: int, full_name: str, **fields: Any) -> int:
    values = _cleaned({"full_name": full_name, "unit_id": unit_id, **fields}, PERSON_FIELDS, "full_name")

    def do(s: Session) -> int:
        person = Person(**values)
        s.add(person)
        s.flush()
        return person.id

    return ws.change(f"Thêm cá nhân {values['full_name']} ({_unit_name(ws, unit_id)})", do)


def update_person(ws: Workspace, person_id: int, **fields: Any) -> None:
    values = _cleaned(fields, PERSON_FIELDS, "full_name")

    def do(s: Session) -> str:
        person = s.get(Person, person_id)
        for key, value in values.items():
            setattr(person, key, Gender(value) if key == "gender" and value else value)
        return person.full_name

    ws.change("Sửa thông tin cá nhân", do)
