"""The commendation register: every award of every year, for the member units and their
people, from the bloc's proposals or from outside (entered by hand or imported from Excel,
all or nothing). Accent-blind search, filters, Excel export and term statistics.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import AwardType, Bloc, Commendation, Person, Unit
from thidua_desktop.documents.excel_import import Notice, Problem
from thidua_desktop.domain.enums import AwardCategory, CommendationSource, RecipientKind
from thidua_desktop.domain.text import clean, search_key, vi_sort_key

from .proposals import recipient_of
from .score_import import back_up_before_import
from .workspace import ChangeRefused, Workspace


@dataclass(frozen=True, slots=True)
class AwardTypeRow:
    award_type_id: int
    code: str
    name: str
    short_name: str | None
    recipient: RecipientKind


def award_types(ws: Workspace) -> list[AwardTypeRow]:
    """The award catalogue in its own order (for pickers and filters)."""
    with ws.read() as s:
        rows = s.execute(select(AwardType.id, AwardType.code, AwardType.name, AwardType.short_name,
                                AwardType.recipient).order_by(AwardType.position, AwardType.id)).all()
    return [AwardTypeRow(*r) for r in rows]


def award_type_id(ws: Workspace, code: str) -> int:
    with ws.read() as s:
        found = s.scalars(select(AwardType.id).where(AwardType.code == code)).first()
    if found is None:
        raise ChangeRefused(f"Danh mục khen thưởng không có mã {code}.")
    return found


# --- reading and searching ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegisterRow:
    commendation_id: int
    year: int
    award_type_id: int
    award_name: str
    unit_id: int | None  # the unit itself, or the person's unit
    unit_name: str | None
    person_id: int | None
    recipient_name: str
    recipient_detail: str | None
    decision_number: str | None
    decision_date: date | None
    issuer: str | None
    golden_book_no: int | None
    achievement: str | None
    source: CommendationSource
    note: str | None

    @property
    def collective(self) -> bool:
        return self.person_id is None


@dataclass(frozen=True, slots=True)
class RegisterFilter:
    """Empty fields do not filter. ``unit_id`` finds the unit's awards and its people's."""

    text: str = ""
    year_from: int | None = None
    year_to: int | None = None
    award_type_ids: frozenset[int] = frozenset()
    unit_id: int | None = None
    person_id: int | None = None
    recipient: RecipientKind | None = None  # COLLECTIVE or INDIVIDUAL
    source: CommendationSource | None = None


def search_register(ws: Workspace, flt: RegisterFilter = RegisterFilter()) -> list[RegisterRow]:
    """The register filtered, newest year first, then award and sổ vàng order."""
    query = (select(Commendation, AwardType.name, AwardType.position, Person.unit_id)
             .join(AwardType, AwardType.id == Commendation.award_type_id)
             .outerjoin(Person, Person.id == Commendation.person_id))
    for word in search_key(flt.text).split():
        query = query.where(Commendation.search_key.contains(word, autoescape=True))
    if flt.year_from is not None:
        query = query.where(Commendation.year >= flt.year_from)
    if flt.year_to is not None:
        query = query.where(Commendation.year <= flt.year_to)
    if flt.award_type_ids:
        query = query.where(Commendation.award_type_id.in_(flt.award_type_ids))
    if flt.unit_id is not None:
        query = query.where(or_(Commendation.unit_id == flt.unit_id, Person.unit_id == flt.unit_id))
    if flt.person_id is not None:
        query = query.where(Commendation.person_id == flt.person_id)
    if flt.recipient is RecipientKind.COLLECTIVE:
        query = query.where(Commendation.unit_id.is_not(None))
    elif flt.recipient is RecipientKind.INDIVIDUAL:
        query = query.where(Commendation.person_id.is_not(None))
    if flt.source is not None:
        query = query.where(Commendation.source == flt.source)
    with ws.read() as s:
        found = s.execute(query).all()
        units = dict(s.execute(select(Unit.id, Unit.official_name)).all())
    found.sort(key=lambda r: (-r[0].year, r[2], r[0].decision_number or "", r[0].golden_book_no or 0,
                              vi_sort_key(r[0].recipient_name)))
    rows = []
    for c, award_name, _, person_unit in found:
        unit_id = c.unit_id if c.unit_id is not None else person_unit
        rows.append(RegisterRow(c.id, c.year, c.award_type_id, award_name, unit_id, units.get(unit_id), c.person_id,
                                c.recipient_name, c.recipient_detail, c.decision_number, c.decision_date, c.issuer,
                                c.golden_book_no, c.achievement, c.source, c.note))
    return rows


# --- entering by hand --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CommendationFields:
    """An award received outside the bloc's proposals, as the decision names it."""

    year: int
    award_type_id: int
    unit_id: int | None = None
    person_id: int | None = None
    recipient_name: str | None = None  # default: the unit's or person's name today
    recipient_detail: str | None = None
    decision_number: str | None = None
    decision_date: date | None = None
    issuer: str | None = None
    golden_book_no: int | None = None
    achievement: str | None = None
    note: str | None = None


def _commendation(s: Session, f: CommendationFields) -> Commendation:
    if (f.unit_id is None) == (f.person_id is None):
        raise ChangeRefused("Khen thưởng phải dành cho một đơn vị hoặc một cá nhân.")
    if not 1945 <= f.year <= 2100:
        raise ChangeRefused(f"Năm {f.year} không hợp lệ.")
    name, detail = recipient_of(s, f.unit_id, f.person_id)
    return Commendation(year=f.year, award_type_id=f.award_type_id, unit_id=f.unit_id, person_id=f.person_id,
                        recipient_name=clean(f.recipient_name) or name,
                        recipient_detail=clean(f.recipient_detail) or detail,
                        decision_number=clean(f.decision_number) or None, decision_date=f.decision_date,
                        issuer=clean(f.issuer) or None, golden_book_no=f.golden_book_no,
                        achievement=clean(f.achievement) or None, note=clean(f.note) or None,
                        source=CommendationSource.EXTERNAL)


def add_commendation(ws: Workspace, fields: CommendationFields) -> int:
    def do(s: Session) -> int:
        row = _commendation(s, fields)
        s.add(row)
        s.flush()
        return row.id

    with ws.read() as s:
        name = recipient_of(s, fields.unit_id, fields.person_id)[0] if fields.unit_id or fields.person_id else ""
    return ws.change(f"Thêm khen thưởng năm {fields.year} cho {name}", do)


def update_commendation(ws: Workspace, commendation_id: int, fields: CommendationFields) -> None:
    """Correct an award entered by hand; awards from the bloc's decisions follow the decision."""
    def do(s: Session) -> None:
        row = s.get(Commendation, commendation_id)
        _only_external(row)
        new = _commendation(s, fields)
        for key in ("year", "award_type_id", "unit_id", "person_id", "recipient_name", "recipient_detail",
                    "decision_number", "decision_date", "issuer", "golden_book_no", "achievement", "note"):
            setattr(row, key, getattr(new, key))

    ws.change("Sửa khen thưởng trong sổ", do)


def delete_commendation(ws: Workspace, commendation_id: int) -> None:
    def do(s: Session) -> None:
        row = s.get(Commendation, commendation_id)
        _only_external(row)
        s.delete(row)

    ws.change("Xóa khen thưởng khỏi sổ", do)


def _only_external(row: Commendation) -> None:
    if row.source is CommendationSource.BLOC:
        raise ChangeRefused("Khen thưởng này được ghi từ quyết định theo đề nghị của Khối; sửa ở phần Đề nghị, "
                            "quyết định.")


# --- Excel -------------------------------------------------------------------------------------


def _line(row: RegisterRow):  # noqa: ANN202 - a documents.register_excel.RegisterLine
    from thidua_desktop.documents.register_excel import RegisterLine

    return RegisterLine(row.year, row.award_name, row.unit_name,
                        None if row.collective else row.recipient_name, row.recipient_detail, row.decision_number,
                        row.decision_date, row.issuer, row.golden_book_no, row.achievement, row.source.label, row.note)


def export_register(ws: Workspace, path: Path, flt: RegisterFilter = RegisterFilter()) -> Path:
    """The filtered register as a formatted .xlsx (also the template for importing)."""
    from thidua_desktop.documents.register_excel import write_register

    rows = search_register(ws, flt)
    with ws.read() as s:
        bloc = s.scalars(select(Bloc.name)).first() or ""
    years = sorted({r.year for r in rows})
    span = (f"Năm {years[0]}" if len(years) == 1 else f"Từ năm {years[0]} đến năm {years[-1]}") if years else ""
    lines = [_line(r) for r in sorted(rows, key=lambda r: (r.year, r.award_name, r.decision_number or "",
                                                            r.golden_book_no or 0))]
    return write_register(Path(path), f"SỔ KHEN THƯỞNG — {bloc.upper()}", span, lines)


@dataclass(slots=True)
class RegisterImportPreview:
    file: str
    new: list[CommendationFields] = field(default_factory=list)
    new_persons: dict[int, tuple[int, str]] = field(default_factory=dict)  # index in new → (unit, name) to add
    skipped: int = 0  # already in the register
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    @property
    def can_apply(self) -> bool:
        return not self.problems and bool(self.new)


def preview_import(ws: Workspace, path: Path) -> RegisterImportPreview:
    """Read a register sheet and match every line to an award type, a unit and a person;
    every problem is listed and nothing is written."""
    from thidua_desktop.documents.register_excel import (
        C_AWARD,
        C_PERSON,
        C_UNIT,
        SHEET,
        read_register,
    )

    sheet = read_register(Path(path))
    preview = RegisterImportPreview(sheet.file, problems=list(sheet.problems), notices=list(sheet.notices))
    letters = "ABCDEFGHIJKLM"
    with ws.read() as s:
        awards: dict[str, int] = {}
        for a in s.scalars(select(AwardType)):
            for label in (a.code, a.name, a.short_name):
                if label:
                    awards.setdefault(search_key(label), a.id)
        units: dict[str, int] = {}
        for u in s.scalars(select(Unit)):
            for label in (u.official_name, u.short_name):
                if label:
                    units.setdefault(search_key(label), u.id)
        persons = {(p.unit_id, search_key(p.full_name)): p.id for p in s.scalars(select(Person))}
        existing = {(c.year, c.award_type_id, c.unit_id, c.person_id, search_key(c.decision_number or ""))
                    for c in s.scalars(select(Commendation))}
    seen: dict[tuple, int] = {}
    planned_persons: dict[tuple[int, str], int] = {}

    def problem(row: int, col: int, reason: str) -> None:
        preview.problems.append(Problem(sheet.file, SHEET, row, letters[col], reason))

    for line in sheet.lines:
        award = awards.get(search_key(line.award))
        if award is None:
            problem(line.row, C_AWARD, f"“{line.award}” không có trong danh mục danh hiệu, hình thức khen thưởng.")
        unit = units.get(search_key(line.unit)) if line.unit else None
        if line.unit and unit is None:
            problem(line.row, C_UNIT, f"không tìm thấy đơn vị “{line.unit}” trong sổ.")
        if line.person and not line.unit:
            problem(line.row, C_PERSON, "cá nhân phải ghi kèm đơn vị công tác (cột D).")
        if award is None or unit is None:
            continue
        person = persons.get((unit, search_key(line.person))) if line.person else None
        key = (line.year, award, None if line.person else unit, person, search_key(line.decision_number or ""))
        if line.person and person is None:
            key = (*key[:3], ("new", unit, search_key(line.person)), key[4])
        if key in seen:
            problem(line.row, C_AWARD, f"trùng với dòng {seen[key]}.")
            continue
        seen[key] = line.row
        if key in existing:
            preview.skipped += 1
            continue
        fields = CommendationFields(line.year, award, unit_id=None if line.person else unit, person_id=person,
                                    recipient_name=line.person or line.unit, recipient_detail=line.detail,
                                    decision_number=line.decision_number, decision_date=line.decision_date,
                                    issuer=line.issuer, golden_book_no=line.golden_book_no,
                                    achievement=line.achievement, note=line.note)
        if line.person and person is None:
            planned = planned_persons.setdefault((unit, search_key(line.person)), len(preview.new))
            preview.new_persons[len(preview.new)] = (unit, line.person)
            if planned == len(preview.new):
                preview.notices.append(Notice(sheet.file, f"{letters[C_PERSON]}{line.row}",
                                              f"“{line.person}” chưa có trong danh sách cán bộ của đơn vị; sẽ "
                                              "được thêm khi nhập."))
        preview.new.append(fields)
    preview.problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    return preview


def apply_import(ws: Workspace, preview: RegisterImportPreview) -> int:
    """Back up, then write every line of the preview in one change; refused while any problem
    remains. Returns how many awards were added."""
    if preview.problems:
        raise ChangeRefused(f"Chưa nhập được: còn {len(preview.problems)} lỗi trong tệp. Không có dòng nào được "
                            "ghi.")
    if not preview.new:
        raise ChangeRefused("Tệp không có khen thưởng nào mới so với sổ.")
    back_up_before_import(ws)

    def do(s: Session) -> int:
        created: dict[tuple[int, str], int] = {}
        for i, fields in enumerate(preview.new):
            if i in preview.new_persons:
                unit, name = preview.new_persons[i]
                key = (unit, search_key(name))
                if key not in created:
                    person = Person(unit_id=unit, full_name=clean(name))
                    s.add(person)
                    s.flush()
                    created[key] = person.id
                fields = CommendationFields(**{**_as_dict(fields), "person_id": created[key]})
            s.add(_commendation(s, fields))
        return len(preview.new)

    return ws.change(f"Nhập {len(preview.new)} khen thưởng từ tệp {preview.file}", do)


def _as_dict(fields: CommendationFields) -> dict:
    return {k: getattr(fields, k) for k in CommendationFields.__dataclass_fields__}


# --- term statistics ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AwardCount:
    award_type_id: int
    award_name: str
    collectives: int
    individuals: int

    @property
    def total(self) -> int:
        return self.collectives + self.individuals


@dataclass(frozen=True, slots=True)
class ConsecutiveCount:
    """How many recipients held a title in every year of the range."""

    award_name: str
    collective: bool
    count: int


@dataclass(frozen=True, slots=True)
class TermStatistics:
    year_from: int
    year_to: int
    awards: tuple[AwardCount, ...]
    consecutive: tuple[ConsecutiveCount, ...]

    @property
    def sentence(self) -> str:
        """"Từ năm 2023 đến năm 2025: 6 Cờ thi đua …; 12 cá nhân đạt … 3 năm liên tục." """
        span = (f"Năm {self.year_from}" if self.year_from == self.year_to
                else f"Từ năm {self.year_from} đến năm {self.year_to}")
        parts = []
        for a in self.awards:
            split = []
            if a.collectives and a.individuals:
                split = [f"{a.collectives} tập thể, {a.individuals} cá nhân"]
            parts.append(f"{a.total} {a.award_name}" + (f" ({split[0]})" if split else ""))
        years = self.year_to - self.year_from + 1
        parts.extend(f"{c.count} {'tập thể' if c.collective else 'cá nhân'} đạt danh hiệu “{c.award_name}” "
                     f"{years} năm liên tục" for c in self.consecutive)
        return f"{span}: " + ("; ".join(parts) if parts else "chưa có khen thưởng nào") + "."


def term_statistics(ws: Workspace, year_from: int, year_to: int) -> TermStatistics:
    """Counts per award over a range of years (the report's "since the start of the term…"),
    and for a range of two years or more, who held a title in every one of them."""
    if year_from > year_to:
        raise ChangeRefused("Năm bắt đầu phải trước năm kết thúc.")
    with ws.read() as s:
        rows = s.execute(select(Commendation.year, Commendation.award_type_id, Commendation.unit_id,
                                Commendation.person_id, AwardType.name, AwardType.position, AwardType.category)
                         .join(AwardType, AwardType.id == Commendation.award_type_id)
                         .where(Commendation.year.between(year_from, year_to))).all()
    counts: dict[int, Counter] = defaultdict(Counter)
    meta: dict[int, tuple[str, int, object]] = {}
    held: dict[tuple[int, bool], dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for year, award, unit_id, person_id, name, position, category in rows:
        counts[award]["person" if person_id else "unit"] += 1
        meta[award] = (name, position, category)
        held[(award, person_id is None)][person_id or unit_id].add(year)
    awards = tuple(AwardCount(a, meta[a][0], counts[a]["unit"], counts[a]["person"])
                   for a in sorted(counts, key=lambda a: meta[a][1]))
    consecutive = []
    every = set(range(year_from, year_to + 1))
    if year_to > year_from:
        for (award, collective), by_recipient in sorted(held.items(), key=lambda kv: (meta[kv[0][0]][1], kv[0][1])):
            if meta[award][2] is not AwardCategory.TITLE:
                continue
            n = sum(1 for years in by_recipient.values() if years >= every)
            if n:
                consecutive.append(ConsecutiveCount(meta[award][0], collective, n))
    return TermStatistics(year_from, year_to, awards, tuple(consecutive))
