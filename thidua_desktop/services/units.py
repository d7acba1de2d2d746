"""Member units, their heads over time, and the people of each unit.

Nothing a past year refers to is ever deleted: a unit leaves the bloc by being retired,
a person by being marked inactive, a head by getting an end date. Joining, leaving and coming
back also update the unit's place in the years still open, so the years page agrees at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from thidua_desktop.db.models import EmulationYear, Membership, Person, Unit, UnitHead
from thidua_desktop.domain.enums import Gender, MemberRole, UnitType
from thidua_desktop.domain.membership import in_office
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
    id: int  # the unit_head row, for corrections


@dataclass(frozen=True, slots=True)
class UnitRow:
    """A unit as the units page lists and edits it, with its head on the day asked for."""

    id: int
    official_name: str
    short_name: str | None
    symbol: str | None
    superior_body: str | None
    unit_type: UnitType
    address: str | None
    phone: str | None
    email: str | None
    holds_seal: bool
    joined_year: int | None
    retired_year: int | None
    retired_reason: str | None
    note: str | None
    head: HeadLine | None

    @property
    def retired(self) -> bool:
        return self.retired_year is not None


@dataclass(frozen=True, slots=True)
class PersonRow:
    """Someone of a unit: heads, representatives and candidates for individual awards."""

    id: int
    unit_id: int | None
    full_name: str
    gender: Gender | None
    birth_year: int | None
    post: str | None
    active: bool
    note: str | None


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


def unit_rows(ws: Workspace, *, on: date | None = None) -> list[UnitRow]:
    """Every unit, retired ones too, in Vietnamese order, each with its head on `on` (today)."""
    day = on or date.today()
    rows = []
    for unit in list_units(ws):
        heads = sorted((_head_line(h) for h in unit.heads), key=_started)
        rows.append(UnitRow(unit.id, unit.official_name, unit.short_name, unit.symbol, unit.superior_body,
                            unit.unit_type, unit.address, unit.phone, unit.email, unit.holds_seal, unit.joined_year,
                            unit.retired_year, unit.retired_reason, unit.note, head_on(heads, day)))
    return rows


def heads_of(ws: Workspace, unit_id: int) -> list[HeadLine]:
    """The unit's heads, earliest first."""
    with ws.read() as s:
        heads = s.scalars(select(UnitHead).where(UnitHead.unit_id == unit_id)
                          .options(selectinload(UnitHead.person))).all()
        lines = [_head_line(h) for h in heads]
    return sorted(lines, key=_started)


def _head_line(head: UnitHead) -> HeadLine:
    return HeadLine(head.person_id, head.person.full_name, head.post, head.start_date, head.end_date, head.id)


def _started(head: HeadLine) -> date:
    return head.start_date or date.min


def head_on(heads: list[HeadLine], day: date) -> HeadLine | None:
    """The head in office on `day` (the latest started, not yet ended)."""
    return in_office(heads, day)


def persons_of(ws: Workspace, unit_id: int, *, include_inactive: bool = False) -> list[PersonRow]:
    """The unit's people sorted as Vietnamese lists sort them (by given name)."""
    with ws.read() as s:
        query = select(Person).where(Person.unit_id == unit_id)
        if not include_inactive:
            query = query.where(Person.active.is_(True))
        rows = [PersonRow(p.id, p.unit_id, p.full_name, p.gender, p.birth_year, p.post, p.active, p.note)
                for p in s.scalars(query)]
    return sorted(rows, key=lambda p: vi_sort_key(given_name_first(p.full_name)))


def given_name_first(full_name: str) -> str:
    """Vietnamese lists sort people by given name (the last word), then the rest."""
    parts = full_name.split()
    return " ".join(parts[-1:] + parts[:-1])


# --- changing units --------------------------------------------------------------------------


def add_unit(ws: Workspace, official_name: str, **fields: Any) -> int:
    """A new member unit; with `joined_year` it is also listed in the open years from then on."""
    values = _cleaned({"official_name": official_name, **fields}, UNIT_FIELDS, "official_name")

    def do(s: Session) -> int:
        if _name_taken(s, values["official_name"]):
            raise ChangeRefused(f"Đã có đơn vị “{values['official_name']}” trong khối.")
        unit = Unit(**values)
        s.add(unit)
        s.flush()
        if unit.joined_year is not None:
            _join_open_years(s, unit.id, unit.joined_year)
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
    """The unit leaves the bloc from `year`: it drops out of the open years from `year` on, and
    every earlier year, score and award keeps it. Refused when a closed year from `year` on
    lists it, or when it leads or deputises an open year from `year` on."""
    def do(s: Session) -> None:
        unit = s.get(Unit, unit_id)
        if unit.retired_year is not None:
            raise ChangeRefused(f"Đơn vị đã rời khối từ năm {unit.retired_year}.")
        if unit.joined_year is not None and year < unit.joined_year:
            raise ChangeRefused(f"Đơn vị tham gia khối từ năm {unit.joined_year}, "
                                f"năm rời khối không được trước năm đó.")
        later = s.execute(select(Membership, EmulationYear).join(EmulationYear, EmulationYear.id == Membership.year_id)
                          .where(Membership.unit_id == unit_id, EmulationYear.year >= year)
                          .order_by(EmulationYear.year)).all()
        for member, emulation_year in later:
            if emulation_year.state.read_only:
                raise ChangeRefused(f"Năm {emulation_year.year} đã khóa sổ và có đơn vị này trong danh sách: "
                                    f"chỉ cho rời khối từ năm {emulation_year.year + 1} trở đi.")
            if member.role is not MemberRole.THANH_VIEN:
                raise ChangeRefused(f"Đơn vị đang là {member.role.label} năm {emulation_year.year}: hãy giao vai trò "
                                    f"này cho đơn vị khác (trang Năm thi đua) trước khi cho rời khối.")
        for member, _year in later:
            s.delete(member)
        unit.retired_year, unit.retired_reason = year, clean(reason) or None

    ws.change(f"Cho đơn vị {_unit_name(ws, unit_id)} rời khối từ năm {year}", do)


def reinstate_unit(ws: Workspace, unit_id: int) -> None:
    """The unit comes back: it is listed again in the open years from the year it had left."""
    def do(s: Session) -> None:
        unit = s.get(Unit, unit_id)
        if unit.retired_year is None:
            raise ChangeRefused("Đơn vị đang tham gia khối.")
        _join_open_years(s, unit_id, unit.retired_year)
        unit.retired_year = unit.retired_reason = None

    ws.change(f"Đưa đơn vị {_unit_name(ws, unit_id)} trở lại khối", do)


def _join_open_years(s: Session, unit_id: int, from_year: int) -> None:
    """List the unit as a member of every open year from `from_year` on that lacks it."""
    listed = set(s.scalars(select(Membership.year_id).where(Membership.unit_id == unit_id)))
    for year in s.scalars(select(EmulationYear).where(EmulationYear.year >= from_year)):
        if not year.state.read_only and year.id not in listed:
            s.add(Membership(year_id=year.id, unit_id=unit_id, role=MemberRole.THANH_VIEN))


def _unit_name(ws: Workspace, unit_id: int) -> str:
    with ws.read() as s:
        unit = s.get(Unit, unit_id)
        if unit is None:
            raise ChangeRefused("Không tìm thấy đơn vị.")
        return unit.short_name or unit.official_name


# --- heads and people ------------------------------------------------------------------------


def set_head(ws: Workspace, unit_id: int, *, full_name: str, post: str, start_date: date,
             gender: Gender | None = None) -> int:
    """A new head takes office on `start_date`; the previous head's term ends the day before.
    A person of the unit with the same name is reused (and counted as working again)."""
    name, post = clean(full_name), clean(post)
    if not name or not post:
        raise ChangeRefused("Cần nhập họ tên và chức vụ của thủ trưởng.")

    def do(s: Session) -> int:
        person = s.scalars(select(Person).where(Person.unit_id == unit_id, Person.full_name == name)).first()
        if person is None:
            person = Person(unit_id=unit_id, full_name=name, gender=gender)
            s.add(person)
        person.post, person.active = post, True
        for head in s.scalars(select(UnitHead).where(UnitHead.unit_id == unit_id)):
            if head.end_date is None and (head.start_date is None or head.start_date < start_date):
                head.end_date = start_date - timedelta(days=1)
            elif head.end_date is None:
                raise ChangeRefused("Ngày nhận nhiệm vụ phải sau ngày bắt đầu của thủ trưởng hiện tại.")
            elif head.end_date >= start_date:
                raise ChangeRefused(f"Ngày nhận nhiệm vụ phải sau ngày thôi nhiệm vụ của {head.person.full_name} "
                                    f"({head.end_date:%d/%m/%Y}).")
        s.flush()
        head = UnitHead(unit_id=unit_id, person_id=person.id, post=post, start_date=start_date)
        s.add(head)
        s.flush()
        return head.id

    return ws.change(f"Thủ trưởng mới của {_unit_name(ws, unit_id)}: {post} {name}", do)


def correct_head(ws: Workspace, head_id: int, *, post: str, start_date: date, end_date: date | None) -> None:
    """Fix a head's post or term as recorded (a typo, a date learnt later). Terms of one unit
    may not overlap: two heads on one day would make signatures ambiguous."""
    post = clean(post)
    if not post:
        raise ChangeRefused("Cần nhập chức vụ của thủ trưởng.")
    if end_date is not None and end_date < start_date:
        raise ChangeRefused("Ngày thôi nhiệm vụ không được trước ngày nhận nhiệm vụ.")

    def do(s: Session) -> None:
        head = s.get(UnitHead, head_id)
        for other in s.scalars(select(UnitHead).where(UnitHead.unit_id == head.unit_id, UnitHead.id != head_id)):
            if (other.start_date or date.min) <= (end_date or date.max) and \
                    start_date <= (other.end_date or date.max):
                raise ChangeRefused(f"Nhiệm kỳ này trùng với nhiệm kỳ của {other.post} {other.person.full_name}.")
        head.post, head.start_date, head.end_date = post, start_date, end_date

    ws.change(f"Sửa nhiệm kỳ thủ trưởng {_head_name(ws, head_id)}", do)


def _head_name(ws: Workspace, head_id: int) -> str:
    with ws.read() as s:
        head = s.get(UnitHead, head_id)
        return f"{head.person.full_name} ({head.unit.short_name or head.unit.official_name})"


def add_person(ws: Workspace, unit_id: int, full_name: str, **fields: Any) -> int:
    """Someone of the unit who may be proposed for an individual award."""
    values = _person_values({"full_name": full_name, "unit_id": unit_id, **fields})

    def do(s: Session) -> int:
        person = Person(**values)
        s.add(person)
        s.flush()
        return person.id

    return ws.change(f"Thêm cá nhân {values['full_name']} ({_unit_name(ws, unit_id)})", do)


def update_person(ws: Workspace, person_id: int, **fields: Any) -> None:
    values = _person_values(fields)
    with ws.read() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise ChangeRefused("Không tìm thấy cá nhân.")
        name = person.full_name
    if set(values) == {"active"}:
        summary = f"{name}: {'đang công tác' if values['active'] else 'đã nghỉ hoặc chuyển công tác'}"
    else:
        summary = f"Sửa thông tin cá nhân {name}"

    def do(s: Session) -> None:
        person = s.get(Person, person_id)
        for key, value in values.items():
            setattr(person, key, value)

    ws.change(summary, do)


def _person_values(fields: dict[str, Any]) -> dict[str, Any]:
    values = _cleaned(fields, PERSON_FIELDS, "full_name")
    if values.get("gender") is not None:
        values["gender"] = Gender(values["gender"])
    birth_year = values.get("birth_year")
    if birth_year is not None and not 1900 <= birth_year <= date.today().year:
        raise ChangeRefused(f"Năm sinh {birth_year} không hợp lệ.")
    return values
