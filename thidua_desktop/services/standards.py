"""Each unit's yearly completion level, and the standards hints (domain/standards.py) read
from the register: "what is this unit eligible for, and what is it missing"."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import AwardType, Commendation, CompletionRecord, Person, Unit
from thidua_desktop.domain.enums import CompletionLevel
from thidua_desktop.domain.standards import (
    AwardKind,
    AwardRecord,
    History,
    StaffYear,
    StandardHint,
    award_kind,
    collective_hints,
)
from thidua_desktop.domain.text import clean

from .workspace import ChangeRefused, Workspace


@dataclass(frozen=True, slots=True)
class CompletionRow:
    year: int
    unit_id: int
    level: CompletionLevel
    assessed_by: str | None
    reference: str | None
    note: str | None


def completion_levels(ws: Workspace, unit_ids: Iterable[int] | None = None) -> dict[int, dict[int, CompletionRow]]:
    """unit → year → its completion level (every unit when ``unit_ids`` is None)."""
    query = select(CompletionRecord).where(CompletionRecord.unit_id.is_not(None))
    if unit_ids is not None:
        query = query.where(CompletionRecord.unit_id.in_(list(unit_ids)))
    out: dict[int, dict[int, CompletionRow]] = defaultdict(dict)
    with ws.read() as s:
        for r in s.scalars(query):
            out[r.unit_id][r.year] = CompletionRow(r.year, r.unit_id, r.level, r.assessed_by, r.reference, r.note)
    return dict(out)


def set_completion(ws: Workspace, unit_id: int, year: int, level: CompletionLevel | None, *,
                   assessed_by: str | None = None, reference: str | None = None, note: str | None = None) -> None:
    """Record (or with None, remove) a unit's mức độ hoàn thành nhiệm vụ for a calendar year."""
    if not 1945 <= year <= 2100:
        raise ChangeRefused(f"Năm {year} không hợp lệ.")

    def do(s: Session) -> None:
        row = s.scalars(select(CompletionRecord).where(CompletionRecord.unit_id == unit_id,
                                                       CompletionRecord.year == year)).first()
        if level is None:
            if row is not None:
                s.delete(row)
            return
        if row is None:
            row = CompletionRecord(year=year, unit_id=unit_id, level=level)
            s.add(row)
        row.level = level
        row.assessed_by = clean(assessed_by) or None
        row.reference = clean(reference) or None
        row.note = clean(note) or None

    with ws.read() as s:
        name = s.get(Unit, unit_id).official_name
    what = level.value if level else "xóa"
    ws.change(f"Mức độ hoàn thành nhiệm vụ năm {year} của {name}: {what}", do)


def _label(award: AwardType, c: Commendation) -> str:
    text = f"{award.short_name or award.name} năm {c.year}"
    return f"{text} (QĐ {c.decision_number})" if c.decision_number else text


def _histories(s: Session, unit_ids: list[int]) -> dict[int, History]:
    levels: dict[int, dict[int, CompletionLevel]] = defaultdict(dict)
    for r in s.scalars(select(CompletionRecord).where(CompletionRecord.unit_id.in_(unit_ids))):
        levels[r.unit_id][r.year] = r.level
    awards: dict[int, list[AwardRecord]] = defaultdict(list)
    rows = s.execute(select(Commendation, AwardType).join(AwardType, AwardType.id == Commendation.award_type_id)
                     .where(Commendation.unit_id.in_(unit_ids)).order_by(Commendation.year)).all()
    for c, award in rows:
        kind = award_kind(award.code, award.level)
        if kind is not AwardKind.OTHER:
            awards[c.unit_id].append(AwardRecord(c.year, kind, _label(award, c)))
    return {u: History(levels[u], tuple(awards[u])) for u in unit_ids}


def _staff(s: Session, unit_ids: list[int], year: int) -> dict[int, StaffYear]:
    unit_of = dict(s.execute(select(Person.id, Person.unit_id).where(Person.unit_id.in_(unit_ids))).all())
    staff: dict[int, list[CompletionLevel]] = defaultdict(list)
    for person_id, level in s.execute(select(CompletionRecord.person_id, CompletionRecord.level)
                                      .where(CompletionRecord.year == year,
                                             CompletionRecord.person_id.in_(list(unit_of)))):
        staff[unit_of[person_id]].append(level)
    titles: dict[tuple[int, str], set[int]] = defaultdict(set)
    for person_id, code in s.execute(select(Commendation.person_id, AwardType.code)
                                     .join(AwardType, AwardType.id == Commendation.award_type_id)
                                     .where(Commendation.year == year, AwardType.code.in_(("LDTT", "CSTDCS")),
                                            Commendation.person_id.in_(list(unit_of)))):
        titles[(unit_of[person_id], code)].add(person_id)
    return {u: StaffYear(len(staff[u]), sum(1 for lv in staff[u] if lv is not CompletionLevel.KHTNV),
                         len(titles[(u, "LDTT")]), len(titles[(u, "CSTDCS")])) for u in unit_ids}


def standards_for_units(ws: Workspace, unit_ids: Iterable[int], as_of: int) -> dict[int, list[StandardHint]]:
    """For each unit, every collective standard's hint for the year ``as_of``."""
    ids = list(unit_ids)
    with ws.read() as s:
        histories = _histories(s, ids)
        staff = _staff(s, ids, as_of)
    return {u: collective_hints(histories[u], as_of, staff[u]) for u in ids}


def standards_for_unit(ws: Workspace, unit_id: int, as_of: int) -> list[StandardHint]:
    return standards_for_units(ws, [unit_id], as_of)[unit_id]
