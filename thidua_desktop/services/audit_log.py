"""The audit log as people read it: newest first, filtered by year, unit, operator and words,
one page at a time, each row told in Vietnamese (local time, action, record, field, old → new).

Pages are keyset pages on the entry id (`before_id`), so the ten-thousandth page costs what the
first does; words are matched accent-blind inside SQLite by a registered function, so a search
stops as soon as a page is full instead of reading the whole log into Python.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Date, DateTime, LargeBinary, Select, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import Column

from thidua_desktop.db.models import AuditEntry, Base, EmulationYear
from thidua_desktop.db.types import CodeEnum, Points
from thidua_desktop.domain.enums import AuditAction, TieBreak
from thidua_desktop.domain.text import format_points, search_key, vi_sorted

from .audit_labels import HIDDEN_FIELDS, NAME_COLUMNS, field_label, table_label
from .workspace import Workspace

PAGE_SIZE = 200
EMPTY = "(trống)"
# JSON lists of enum codes, shown by their labels.
JSON_ENUMS: dict[tuple[str, str], type[Enum]] = {("voting_rule", "tie_break_order"): TieBreak}


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the user narrowed the log to; None (or "") means no narrowing."""

    year: int | None = None
    unit_id: int | None = None
    operator: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class AuditLine:
    """One log entry as the page shows it."""

    id: int
    batch: str
    at: datetime  # local time
    operator: str
    action: AuditAction
    entity: str
    what: str  # the kind of record: "Đơn vị", "Thành viên năm" …
    record: str  # which one: "Sở Tư pháp", or "" when it cannot be named
    field: str  # the changed field's label; "" when a whole record was added or removed
    old: str
    new: str
    summary: str
    year: int | None
    unit: str
    details: tuple[tuple[str, str], ...]  # every shown field of an added or removed record

    @property
    def when(self) -> str:
        return self.at.strftime("%d/%m/%Y %H:%M")

    @property
    def subject(self) -> str:
        return f"{self.what}: {self.record}" if self.record else self.what


# --- reading ---------------------------------------------------------------------------------


def entries(ws: Workspace, flt: AuditFilter = AuditFilter(), *, before_id: int | None = None,
            limit: int = PAGE_SIZE) -> list[AuditLine]:
    """Up to `limit` entries matching `flt`, newest first, older than `before_id` if given."""
    query = _filtered(select(AuditEntry), flt)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    with ws.read() as s:
        _register_match(s)
        rows = s.scalars(query.order_by(AuditEntry.id.desc()).limit(limit)).all()
        names = RecordNames(s)
        return [_line(e, names) for e in rows]


def count(ws: Workspace, flt: AuditFilter = AuditFilter()) -> int:
    with ws.read() as s:
        _register_match(s)
        return s.scalar(_filtered(select(func.count()).select_from(AuditEntry), flt)) or 0


def operators(ws: Workspace) -> list[str]:
    """Everyone who has changed this workbook, in Vietnamese order."""
    with ws.read() as s:
        return vi_sorted(s.scalars(select(AuditEntry.operator).distinct()).all())


def years(ws: Workspace) -> list[int]:
    """The workbook's years and any year the log mentions, newest first."""
    with ws.read() as s:
        logged = s.scalars(select(AuditEntry.year).distinct().where(AuditEntry.year.is_not(None))).all()
        own = s.scalars(select(EmulationYear.year)).all()
    return sorted({*logged, *own}, reverse=True)


def _filtered(query: Select, flt: AuditFilter) -> Select:
    shown = or_(AuditEntry.field.is_(None), AuditEntry.field.not_in(HIDDEN_FIELDS))
    query = query.where(shown)
    if flt.year is not None:
        query = query.where(AuditEntry.year == flt.year)
    if flt.unit_id is not None:
        query = query.where(AuditEntry.unit_id == flt.unit_id)
    if flt.operator:
        query = query.where(AuditEntry.operator == flt.operator)
    key = search_key(flt.text)
    if key:
        query = query.where(_match(key))
    return query


# --- accent-blind matching inside SQLite --------------------------------------------------------

_MATCH_FN = "thidua_log_matches"


def fold(text: str) -> str:
    """domain.text.search_key's folding for matching, in steps that run at C speed over a
    hundred thousand entries: đ → d, marks split off by NFD and dropped with everything
    outside ASCII, then lower case (whitespace is left as it is)."""
    text = text.replace("đ", "d").replace("Đ", "d")
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii").lower()


def _matches(text: str | None, key: str) -> int:
    folded = fold(text or "")
    return int(all(token in folded for token in key.split()))


def _register_match(session: Session) -> None:
    session.connection().connection.driver_connection.create_function(_MATCH_FN, 2, _matches, deterministic=True)


def _match(key: str) -> ColumnElement[bool]:
    text = func.coalesce(AuditEntry.summary, "") + " " + AuditEntry.operator + " " \
        + func.coalesce(AuditEntry.old_value, "") + " " + func.coalesce(AuditEntry.new_value, "")
    return getattr(func, _MATCH_FN)(text, key) == 1


# --- telling an entry in words ------------------------------------------------------------------


class RecordNames:
    """Names of records by table and id, read once per page; a record deleted since is named
    from its last snapshot in the log."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._cache: dict[tuple[str, int], str | None] = {}

    def of(self, table: str, row_id: int | None) -> str | None:
        if row_id is None or table not in NAME_COLUMNS:
            return None
        key = (table, row_id)
        if key not in self._cache:
            t = Base.metadata.tables[table]
            row = self._session.execute(select(*(t.c[c] for c in NAME_COLUMNS[table])).where(t.c.id == row_id)).first()
            self._cache[key] = _joined(row) if row is not None else self._from_log(table, row_id)
        return self._cache[key]

    def _from_log(self, table: str, row_id: int) -> str | None:
        snapshot = self._session.execute(
            select(func.coalesce(AuditEntry.old_value, AuditEntry.new_value))
            .where(AuditEntry.entity == table, AuditEntry.entity_id == row_id, AuditEntry.field.is_(None))
            .order_by(AuditEntry.id.desc()).limit(1)).scalar()
        values = _load(snapshot)
        if not isinstance(values, dict):
            return None
        return record_name(table, values) or None


def _joined(values: Iterable[Any]) -> str:
    return " ".join(str(v) for v in values if v not in (None, ""))


def _column(table: str, field: str) -> Column | None:
    t = Base.metadata.tables.get(table)
    return t.c.get(field) if t is not None else None


def readable(table: str, field: str, value: Any, names: RecordNames | None = None) -> str:
    """A decoded column value as the secretary reads it: labels for codes, Có/Không, dd/mm/yyyy,
    points with a decimal comma, names for references. "" for nothing."""
    if value is None or value == "":
        return ""
    column = _column(table, field)
    if column is None:
        return _plain(value)
    foreign = next(iter(column.foreign_keys), None)
    if foreign is not None and isinstance(value, int):
        name = names.of(foreign.column.table.name, value) if names else None
        return name or f"(mã {value})"
    kind = column.type
    try:
        if isinstance(kind, CodeEnum):
            return _enum_label(kind.enum_cls, value)
        if isinstance(kind, Points):
            return format_points(Decimal(value))
        if isinstance(kind, Boolean):
            return "Có" if value else "Không"
        if isinstance(kind, DateTime):
            return datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M")
        if isinstance(kind, Date):
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        if isinstance(kind, LargeBinary):
            return "(hình ảnh)"
    except (ValueError, TypeError, InvalidOperation):
        return _plain(value)
    enum_cls = JSON_ENUMS.get((table, field))
    if enum_cls is not None and isinstance(value, list):
        return "; ".join(_enum_label(enum_cls, v) for v in value)
    return _plain(value)


def _enum_label(enum_cls: type[Enum], value: Any) -> str:
    try:
        member = enum_cls(value)
    except ValueError:
        return str(value)
    return getattr(member, "label", str(value))


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, list):
        return "; ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)


def _load(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def local_time(at: datetime) -> datetime:
    """Entries are stored in UTC without a zone; people read their own clock."""
    return at.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None)


def record_details(table: str, values: dict[str, Any], names: RecordNames | None) -> tuple[tuple[str, str], ...]:
    """Every shown field of a whole record (JSON-form values by column), as (label, text)."""
    return tuple((field_label(table, k), text) for k, v in values.items()
                 if k not in HIDDEN_FIELDS and (text := readable(table, k, v, names)))


def record_name(table: str, values: dict[str, Any]) -> str:
    """The words that name a record ("Sở Tư pháp"), or "" for a kind of record without a name."""
    return _joined(values.get(c) for c in NAME_COLUMNS.get(table, ()))


def _line(e: AuditEntry, names: RecordNames) -> AuditLine:
    table = e.entity
    snapshot = _load(e.new_value if e.action is AuditAction.INSERT else e.old_value)
    whole_record = e.action is not AuditAction.UPDATE
    details: tuple[tuple[str, str], ...] = ()
    if whole_record:
        snapshot = snapshot if isinstance(snapshot, dict) else {}
        details = record_details(table, snapshot, names)
        record = record_name(table, snapshot)
        listed = "; ".join(f"{label}: {text}" for label, text in details)
        old, new = (listed, "") if e.action is AuditAction.DELETE else ("", listed)
        field = ""
    else:
        record = names.of(table, e.entity_id) or ""
        field = field_label(table, e.field or "")
        old = readable(table, e.field or "", _load(e.old_value), names) or EMPTY
        new = readable(table, e.field or "", _load(e.new_value), names) or EMPTY
    unit = names.of("unit", e.unit_id) or ""
    return AuditLine(id=e.id, batch=e.batch, at=local_time(e.at), operator=e.operator, action=e.action, entity=table,
                     what=table_label(table), record=record or unit, field=field, old=old, new=new,
                     summary=e.summary or "", year=e.year, unit=unit, details=details)
