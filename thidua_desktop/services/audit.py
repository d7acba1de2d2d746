"""The audit log: every flushed change becomes rows of `audit_entry`, and any batch of rows
can be reverted, which is how undo and redo work.

Values are kept as JSON text of the Python value (dates ISO, points as decimal strings), so
the log is readable in any SQLite browser and a revert can rebuild the exact value.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, delete, insert, inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import Column, Table

from thidua_desktop.db.models import AuditEntry, Base, EmulationYear, Unit, WorkbookMeta, new_uid, utc_now
from thidua_desktop.db.types import Points
from thidua_desktop.domain.enums import AuditAction

NOT_AUDITED = {AuditEntry.__tablename__, WorkbookMeta.__tablename__}


def encode(value: Any) -> Any:
    """A JSON-ready form of a column value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def decode(column: Column, value: Any) -> Any:
    """Back from the JSON form to what the column's type accepts."""
    if value is None:
        return None
    col_type = column.type
    if isinstance(col_type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(col_type, Date):
        return date.fromisoformat(value)
    if isinstance(col_type, Points):
        return Decimal(value)
    if isinstance(col_type, LargeBinary):
        return base64.b64decode(value)
    return value


def _dump(value: Any) -> str:
    return json.dumps(encode(value), ensure_ascii=False)


def _snapshot(obj: Base) -> str:
    table = obj.__table__
    mapper = inspect(obj).mapper
    return json.dumps({c.key: encode(getattr(obj, mapper.get_property_by_column(c).key)) for c in table.columns},
                      ensure_ascii=False)


@dataclass(slots=True)
class BatchContext:
    """What the current change is: its id, who makes it, and the words shown in the log."""

    batch: str
    operator: str
    summary: str
    year_numbers: dict[int, int]  # emulation_year.id → year, filled lazily


def _year_and_unit(session: Session, obj: Base, ctx: BatchContext) -> tuple[int | None, int | None]:
    unit_id = obj.id if isinstance(obj, Unit) else getattr(obj, "unit_id", None)
    if isinstance(obj, EmulationYear):
        return obj.year, unit_id
    year = getattr(obj, "year", None)
    if isinstance(year, int):
        return year, unit_id
    year_id = getattr(obj, "year_id", None)
    if year_id is None:
        return None, unit_id
    if year_id not in ctx.year_numbers:
        ctx.year_numbers[year_id] = session.execute(
            select(EmulationYear.year).where(EmulationYear.id == year_id)).scalar_one_or_none()
    return ctx.year_numbers[year_id], unit_id


def record_flush(session: Session, ctx: BatchContext) -> list[dict[str, Any]]:
    """Audit rows for what the session is flushing (called from after_flush: ids are known,
    and new/dirty/deleted and attribute history still show the pre-flush state)."""
    rows: list[dict[str, Any]] = []
    now = utc_now()

    def add(obj: Base, action: AuditAction, field: str | None, old: str | None, new: str | None) -> None:
        year, unit_id = _year_and_unit(session, obj, ctx)
        rows.append({"uid": new_uid(), "batch": ctx.batch, "at": now, "operator": ctx.operator, "year": year,
                     "unit_id": unit_id, "entity": obj.__tablename__, "entity_id": obj.id,
                     "entity_uid": getattr(obj, "uid", None), "action": action, "field": field,
                     "old_value": old, "new_value": new, "summary": ctx.summary})

    for obj in session.new:
        if obj.__tablename__ not in NOT_AUDITED:
            add(obj, AuditAction.INSERT, None, None, _snapshot(obj))
    for obj in session.dirty:
        if obj.__tablename__ in NOT_AUDITED or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            hist = state.attrs[attr.key].history
            if not hist.has_changes():
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if encode(old) != encode(new):
                add(obj, AuditAction.UPDATE, attr.columns[0].name, _dump(old), _dump(new))
    for obj in session.deleted:
        if obj.__tablename__ not in NOT_AUDITED:
            add(obj, AuditAction.DELETE, None, _snapshot(obj), None)
    return rows


def write_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _row_values(table: Table, snapshot: dict[str, Any]) -> dict[str, Any]:
    by_key = {c.key: c for c in table.columns}
    return {by_key[k].name: decode(by_key[k], v) for k, v in snapshot.items() if k in by_key}


def revert(session: Session, entries: Iterable[AuditEntry], ctx: BatchContext) -> list[dict[str, Any]]:
    """Undo a batch at the table level, newest row first; returns the audit rows of the revert.

    The revert is itself a batch: reverting it again is a redo.
    """
    rows: list[dict[str, Any]] = []
    now = utc_now()
    for e in sorted(entries, key=lambda e: e.id, reverse=True):
        table = _table(e.entity)
        key = table.c.id == e.entity_id
        if e.action is AuditAction.INSERT:
            session.execute(delete(table).where(key))
            action, old, new = AuditAction.DELETE, e.new_value, None
        elif e.action is AuditAction.DELETE:
            session.execute(insert(table).values(_row_values(table, json.loads(e.old_value))))
            action, old, new = AuditAction.INSERT, None, e.old_value
        else:
            column = table.c[e.field]
            session.execute(update(table).where(key).values({column.name: decode(column, json.loads(e.old_value))}))
            action, old, new = AuditAction.UPDATE, e.new_value, e.old_value
        rows.append({"uid": new_uid(), "batch": ctx.batch, "at": now, "operator": ctx.operator, "year": e.year,
                     "unit_id": e.unit_id, "entity": e.entity, "entity_id": e.entity_id,
                     "entity_uid": e.entity_uid, "action": action, "field": e.field,
                     "old_value": old, "new_value": new, "summary": ctx.summary})
    return rows
