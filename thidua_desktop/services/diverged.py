"""Two copies of one bloc's workbook that both changed after they parted: what each changed since
the common point, where they collide, and a merged third file built from the user's picks.

The audit log says what changed: the common point is the last user action (audit batch) both
copies hold, and every batch one copy holds and the other does not is that copy's own work.
The records themselves are matched by `uid` (ids differ between copies), and what is compared
and merged is each record's present state, so an edit that was undone on the same copy is no
difference at all. Neither input is ever written: both are read on read-only connections.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import Table

from thidua_desktop.db.connection import connect
from thidua_desktop.db.engine import make_engine
from thidua_desktop.db.models import AuditEntry, Base
from thidua_desktop.db.workbook_file import backup_to, inspect, open_workbook
from thidua_desktop.domain.enums import AuditAction

from .audit import decode, encode
from .audit_labels import HIDDEN_FIELDS, field_label, table_label
from .audit_log import EMPTY, RecordNames, local_time, readable, record_details, record_name
from .workspace import ChangeRefused, Workspace

ABSENT = "(không có bản ghi này)"


class Side(StrEnum):
    A = "a"
    B = "b"


class DivergenceError(Exception):
    """Two files that cannot be compared or merged as asked; `message` is what the user reads."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Action:
    """One user action (audit batch) of one copy, and the differences it touched."""

    batch: str
    at: datetime  # local time
    operator: str
    summary: str
    keys: tuple[str, ...]

    @property
    def when(self) -> str:
        return self.at.strftime("%d/%m/%Y %H:%M")


@dataclass(frozen=True, slots=True)
class Difference:
    """One record field (or a whole record, added or removed) the two copies now hold differently.

    `key` names it in the decisions given to `merge`; `a` and `b` are each copy's present value
    in words, `before` the value at the common point.
    """

    key: str
    entity: str
    entity_uid: str
    field: str | None  # None: the record exists in one copy only
    what: str  # kind of record: "Đơn vị"
    record: str  # which one: "Sở Tư pháp"
    field_label: str  # "" for a whole record
    before: str
    a: str
    b: str
    changed_in: frozenset[Side]

    @property
    def conflict(self) -> bool:
        """Both copies changed it, differently."""
        return len(self.changed_in) == 2

    @property
    def subject(self) -> str:
        name = f"{self.what} “{self.record}”" if self.record else self.what
        return f"{name} – {self.field_label}" if self.field_label else name


@dataclass(frozen=True, slots=True)
class Divergence:
    path_a: Path
    path_b: Path
    common: Action | None  # the last action both copies hold; None when they share none
    actions_a: tuple[Action, ...]  # since the common point, oldest first
    actions_b: tuple[Action, ...]
    differences: tuple[Difference, ...]
    handed_over: frozenset[Side] = frozenset()  # copies that are handed-over originals (read-only)

    def _only(self, side: Side) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if d.changed_in == {side})

    @property
    def only_a(self) -> tuple[Difference, ...]:
        return self._only(Side.A)

    @property
    def only_b(self) -> tuple[Difference, ...]:
        return self._only(Side.B)

    @property
    def conflicts(self) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if d.conflict)

    @property
    def diverged(self) -> bool:
        return bool(self.differences)

    def difference(self, key: str) -> Difference:
        return next(d for d in self.differences if d.key == key)


# --- one copy, read-only ----------------------------------------------------------------------


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _foreign_table(table: Table, column: str) -> str | None:
    fk = next(iter(table.c[column].foreign_keys), None)
    return fk.column.table.name if fk is not None else None


def _load(text: str | None) -> Any:
    return json.loads(text) if text is not None else None


ENTRY_COLUMNS = (AuditEntry.id, AuditEntry.batch, AuditEntry.at, AuditEntry.operator, AuditEntry.summary,
                 AuditEntry.entity, AuditEntry.entity_id, AuditEntry.entity_uid, AuditEntry.action, AuditEntry.field,
                 AuditEntry.old_value, AuditEntry.new_value)


class _Copy:
    """One input file on a read-only session: its log, its rows by uid, ids ↔ uids."""

    def __init__(self, path: Path, session: Session, *, handed_over: bool = False) -> None:
        self.path = path
        self.session = session
        self.handed_over = handed_over
        self.names = RecordNames(session)
        # batch → (first id, last id): a whole log's batches without reading its values
        self.batches: dict[str, tuple[int, int]] = {
            batch: (first, last) for batch, first, last in session.execute(
                select(AuditEntry.batch, func.min(AuditEntry.id), func.max(AuditEntry.id)).group_by(AuditEntry.batch))}
        self._uids: dict[str, dict[int, str]] = {}

    def entries(self, batches: set[str]) -> list[Any]:
        """The log entries of `batches`, oldest first (read from the first of them on)."""
        if not batches:
            return []
        start = min(self.batches[b][0] for b in batches)
        found = self.session.execute(select(*ENTRY_COLUMNS).where(AuditEntry.id >= start).order_by(AuditEntry.id))
        return [e for e in found if e.batch in batches]

    def row(self, table: str, uid: str) -> dict[str, Any] | None:
        t = _table(table)
        found = self.session.execute(select(t).where(t.c.uid == uid)).mappings().first()
        return {k: encode(v) for k, v in found.items()} if found is not None else None

    def uid_of(self, table: str, row_id: int) -> str | None:
        if table not in self._uids:
            t = _table(table)
            self._uids[table] = {i: u for i, u in self.session.execute(select(t.c.id, t.c.uid))}
        if row_id not in self._uids[table]:  # a row deleted since: its uid from the log
            self._uids[table][row_id] = self.session.scalar(
                select(AuditEntry.entity_uid).where(AuditEntry.entity == table, AuditEntry.entity_id == row_id)
                .order_by(AuditEntry.id.desc()).limit(1))
        return self._uids[table][row_id]

    def comparable(self, table: str, column: str, value: Any) -> Any:
        """A value as it can be compared across copies: references by the uid they point to."""
        t = _table(table)
        target = _foreign_table(t, column)
        if target is None or not isinstance(value, int):
            return decode(t.c[column], value)  # "12.50" and "12.5" points are one value
        return ("uid", self.uid_of(target, value) or value)

    def text(self, table: str, column: str, value: Any) -> str:
        return readable(table, column, value, self.names) or EMPTY

    def record_text(self, table: str, values: dict[str, Any] | None) -> str:
        if values is None:
            return ABSENT
        return "; ".join(f"{label}: {text}" for label, text in record_details(table, values, self.names))

    def record_name(self, table: str, values: dict[str, Any]) -> str:
        unit = values.get("unit_id")
        return record_name(table, values) or (self.names.of("unit", unit) if isinstance(unit, int) else "") or ""


@dataclass(slots=True)
class _Touch:
    """What one copy did to one record since the common point."""

    entity: str
    first: AuditAction
    before: dict[str, Any] = field(default_factory=dict)  # JSON-form value at the common point, by column
    batches: list[str] = field(default_factory=list)


def _touches(own: list[Any]) -> dict[str, _Touch]:
    touches: dict[str, _Touch] = {}
    for e in own:
        if e.entity_uid is None:
            continue
        touch = touches.setdefault(e.entity_uid, _Touch(e.entity, e.action))
        if e.batch not in touch.batches:
            touch.batches.append(e.batch)
        if e.action is AuditAction.UPDATE:
            touch.before.setdefault(e.field, _load(e.old_value))
        elif e.action is AuditAction.DELETE:
            for column, value in (_load(e.old_value) or {}).items():
                touch.before.setdefault(column, value)
    return touches


def _changed_fields(copy: _Copy, touch: _Touch, now: dict[str, Any]) -> set[str]:
    return {c for c, old in touch.before.items() if c not in HIDDEN_FIELDS and c in now
            and copy.comparable(touch.entity, c, old) != copy.comparable(touch.entity, c, now[c])}


def _actions(entries: list[Any], keys_of_batch: dict[str, list[str]]) -> tuple[Action, ...]:
    firsts: dict[str, Any] = {}
    for e in entries:
        firsts.setdefault(e.batch, e)
    return tuple(Action(batch=b, at=local_time(e.at), operator=e.operator, summary=e.summary or "",
                        keys=tuple(dict.fromkeys(keys_of_batch.get(b, ())))) for b, e in firsts.items())


def _key(entity: str, uid: str, column: str | None) -> str:
    return f"{entity}:{uid}:{column or ''}"


def _other(side: Side) -> Side:
    return Side.B if side is Side.A else Side.A


def _diff(copies: dict[Side, _Copy]) -> tuple[Action | None, dict[Side, tuple[Action, ...]], list[Difference]]:
    """The common point, each side's own actions, and the differences they left."""
    a, b = copies[Side.A], copies[Side.B]
    shared = set(a.batches) & set(b.batches)
    last_shared = max(shared, key=lambda batch: a.batches[batch][1], default=None)
    common = _actions(a.entries({last_shared}), {})[0] if last_shared else None
    own = {side: c.entries(set(c.batches) - set(copies[_other(side)].batches)) for side, c in copies.items()}
    touches = {side: _touches(own[side]) for side in copies}
    differences: list[Difference] = []
    keys_of_batch: dict[str, list[str]] = {}
    for uid in dict.fromkeys([*touches[Side.A], *touches[Side.B]]):
        touched = {side: touches[side][uid] for side in copies if uid in touches[side]}
        for d in _differences_of(copies, uid, touched):
            differences.append(d)
            for side in d.changed_in:
                for batch in touched[side].batches:
                    keys_of_batch.setdefault(batch, []).append(d.key)
    return common, {side: _actions(own[side], keys_of_batch) for side in copies}, differences


def _differences_of(copies: dict[Side, _Copy], uid: str, touched: dict[Side, _Touch]) -> list[Difference]:
    """How one record touched since the common point now differs between the copies: as a whole
    (it exists in one only) or field by field."""
    entity = next(iter(touched.values())).entity
    rows = {side: copies[side].row(entity, uid) for side in copies}
    whole = {side for side, t in touched.items() if (t.first is not AuditAction.INSERT) != (rows[side] is not None)}
    fields = {side: _changed_fields(copies[side], t, rows[side]) if side not in whole and rows[side] else set()
              for side, t in touched.items()}
    if rows[Side.A] is None or rows[Side.B] is None:
        found = _record_difference(copies, entity, uid, rows, touched, whole | {s for s in fields if fields[s]})
        return [found] if found else []
    for side in whole:  # added on one side, and present on the other through an earlier merge
        fields[side] = set(rows[side]) - HIDDEN_FIELDS
    return [d for column in sorted(set().union(*fields.values()))
            if (d := _field_difference(copies, entity, uid, column, rows, touched, fields))]


def _record_difference(copies: dict[Side, _Copy], entity: str, uid: str, rows: dict[Side, dict | None],
                       touched: dict[Side, _Touch], changed: set[Side]) -> Difference | None:
    if rows[Side.A] is None and rows[Side.B] is None:
        return None  # both removed it
    named_by = next(s for s in (Side.A, Side.B) if rows[s] is not None)
    before_side = next(iter(touched))
    before = touched[before_side].before or None
    return Difference(key=_key(entity, uid, None), entity=entity, entity_uid=uid, field=None,
                      what=table_label(entity), record=copies[named_by].record_name(entity, rows[named_by]),
                      field_label="", before=copies[before_side].record_text(entity, before),
                      a=copies[Side.A].record_text(entity, rows[Side.A]),
                      b=copies[Side.B].record_text(entity, rows[Side.B]), changed_in=frozenset(changed))


def _field_difference(copies: dict[Side, _Copy], entity: str, uid: str, column: str, rows: dict[Side, dict],
                      touched: dict[Side, _Touch], fields: dict[Side, set[str]]) -> Difference | None:
    values = {side: copies[side].comparable(entity, column, rows[side][column]) for side in copies}
    if values[Side.A] == values[Side.B]:
        return None  # both made the same change
    changed = frozenset(side for side in fields if column in fields[side])
    before_side = Side.A if Side.A in changed else Side.B
    before = touched[before_side].before
    return Difference(key=_key(entity, uid, column), entity=entity, entity_uid=uid, field=column,
                      what=table_label(entity), record=copies[Side.A].record_name(entity, rows[Side.A]),
                      field_label=field_label(entity, column),
                      before=copies[before_side].text(entity, column, before[column]) if column in before else ABSENT,
                      a=copies[Side.A].text(entity, column, rows[Side.A][column]),
                      b=copies[Side.B].text(entity, column, rows[Side.B][column]), changed_in=changed)


# --- comparing ----------------------------------------------------------------------------------


@contextmanager
def _opened(path_a: Path, path_b: Path) -> Iterator[dict[Side, _Copy]]:
    """Both files checked (Vietnamese refusals from `inspect`), of one bloc, on read-only sessions."""
    paths = {Side.A: Path(path_a), Side.B: Path(path_b)}
    if paths[Side.A].resolve() == paths[Side.B].resolve():
        raise DivergenceError("Hai tệp cần so sánh là một. Hãy chọn hai bản sao khác nhau của sổ.")
    found = {side: inspect(p) for side, p in paths.items()}
    if found[Side.A].bloc_uuid != found[Side.B].bloc_uuid:
        raise DivergenceError(
            f"Hai tệp “{paths[Side.A].name}” và “{paths[Side.B].name}” là sổ của hai khối thi đua khác nhau "
            f"({found[Side.A].summary.bloc_name} và {found[Side.B].summary.bloc_name}), không phải hai bản sao "
            "của cùng một sổ, nên không so sánh hay gộp được.")
    for side, i in found.items():
        if i.needs_upgrade:
            raise DivergenceError(f"Tệp “{i.path.name}” có định dạng cũ. Hãy mở tệp này một lần để chương trình "
                                  "nâng cấp, rồi so sánh lại.")
    with ExitStack() as stack:
        copies = {}
        for side, p in paths.items():
            engine = make_engine(p, read_only=True)
            stack.callback(engine.dispose)
            copies[side] = _Copy(p, stack.enter_context(Session(engine)),
                                 handed_over=found[side].handed_over is not None)
        yield copies


def compare(path_a: Path, path_b: Path) -> Divergence:
    """What each copy changed since the common point, record by record; reads, never writes."""
    with _opened(path_a, path_b) as copies:
        common, actions, differences = _diff(copies)
        handed_over = frozenset(side for side, c in copies.items() if c.handed_over)
    return Divergence(path_a=Path(path_a), path_b=Path(path_b), common=common, actions_a=actions[Side.A],
                      actions_b=actions[Side.B], differences=tuple(differences), handed_over=handed_over)


# --- merging ------------------------------------------------------------------------------------


def merge(path_a: Path, path_b: Path, dest: Path, decisions: Mapping[str, Side], *, operator: str) -> Path:
    """Write a NEW file `dest` holding, for every difference, the side `decisions` names for it.

    `dest` starts as a copy of A (of B when A is a handed-over original, which must stay
    read-only), and the other side's chosen versions are written into it as one audited edit
    of the new file's log. Every difference must be decided; neither input is touched.
    """
    dest = Path(dest)
    paths = {Side.A: Path(path_a), Side.B: Path(path_b)}
    divergence = compare(path_a, path_b)
    undecided = [d for d in divergence.differences if d.key not in decisions]
    if undecided:
        listed = "\n".join(f"– {d.subject}" for d in undecided[:10])
        more = f"\n… và {len(undecided) - 10} thay đổi khác." if len(undecided) > 10 else ""
        raise DivergenceError(f"Còn {len(undecided)} thay đổi chưa chọn giữ bản nào:\n{listed}{more}")
    if set(decisions) - {d.key for d in divergence.differences}:
        raise DivergenceError("Lựa chọn không khớp với các thay đổi hiện có của hai tệp (tệp đã đổi sau khi so "
                              "sánh?). Hãy so sánh lại.")
    if dest.exists() or dest.resolve() in {p.resolve() for p in paths.values()}:
        raise DivergenceError(f"Tệp “{dest.name}” đã có. Bản gộp luôn được ghi thành một tệp mới; hãy chọn tên khác.")
    if len(divergence.handed_over) == 2:
        raise DivergenceError("Cả hai tệp đều là sổ gốc đã bàn giao (chỉ để xem), nên bản gộp cũng sẽ chỉ xem được. "
                              "Hãy gộp với bản mà đơn vị nhận bàn giao đang dùng.")
    base = Side.B if Side.A in divergence.handed_over else Side.A
    other = _other(base)
    source = connect(paths[base], read_only=True)
    try:
        backup_to(source, dest)
    finally:
        source.close()
    try:
        _apply(dest, paths[other], [d for d in divergence.differences if decisions[d.key] is other],
               operator=operator)
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    return dest


def _apply(dest: Path, source: Path, taken: list[Difference], *, operator: str) -> None:
    """Make the records of `taken` in `dest` as they are in `source`, as one edit of `dest`."""
    ws = Workspace(open_workbook(dest, operator=operator), operator)
    try:
        if not taken:
            return
        engine = make_engine(source, read_only=True)
        try:
            with Session(engine) as session:
                other = _Copy(source, session)
                summary = f"Gộp hai bản sao: lấy {len(taken)} thay đổi từ bản “{source.name}”"
                try:
                    ws.change(summary, lambda s: _Merger(s, other).apply(taken))
                except IntegrityError as exc:
                    raise DivergenceError("Không gộp được vì các lựa chọn mâu thuẫn nhau (ví dụ giữ một bản ghi mà "
                                          "bản ghi nó dựa vào lại bị bỏ, hoặc hai bản cùng thêm một mục trùng nhau). "
                                          "Hãy xem lại các lựa chọn.") from exc
                except ChangeRefused as refused:
                    raise DivergenceError(f"Không gộp được: {refused.message}") from refused
        finally:
            engine.dispose()
    finally:
        ws.close()


def _mapped(table: str) -> type:
    return next(m.class_ for m in Base.registry.mappers if m.local_table.name == table)


class _Merger:
    """Makes records of the merged file (a copy of one side) look as the other side has them, by uid."""

    def __init__(self, session: Session, other: _Copy) -> None:
        self.session = session
        self.other = other

    def _find(self, table: str, uid: str) -> Any:
        cls = _mapped(table)
        return self.session.scalars(select(cls).where(cls.uid == uid)).one_or_none()

    def _value(self, table: str, column: str, value: Any) -> Any:
        """The other side's JSON-form value as the merged file holds it: references re-pointed by uid."""
        target = _foreign_table(_table(table), column)
        if target is not None and isinstance(value, int):
            uid = self.other.uid_of(target, value)
            found = self._find(target, uid) if uid else None
            if found is None:
                raise DivergenceError(f"Không gộp được: {table_label(table)} lấy từ bản kia dựa vào một "
                                      f"{table_label(target).lower()} không có trong bản gộp. Hãy giữ cả bản ghi đó.")
            return found.id
        return decode(_table(table).c[column], value)

    def apply(self, taken: list[Difference]) -> None:
        order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
        rows = {d.key: self.other.row(d.entity, d.entity_uid) for d in taken if d.field is None}
        inserts = sorted((d for d in taken if d.field is None and rows[d.key] is not None),
                         key=lambda d: (order[d.entity], rows[d.key]["id"]))
        deletes = sorted((d for d in taken if d.field is None and rows[d.key] is None),
                         key=lambda d: order[d.entity], reverse=True)
        for d in inserts:
            self._insert(d.entity, rows[d.key])
        for d in taken:
            if d.field is not None:
                row = self.other.row(d.entity, d.entity_uid)
                obj = self._find(d.entity, d.entity_uid)
                setattr(obj, _attr(obj, d.field), self._value(d.entity, d.field, row[d.field]))
        self.session.flush()
        for d in deletes:
            obj = self._find(d.entity, d.entity_uid)
            if obj is not None:
                self._refuse_if_used(d, obj.id)
                self.session.delete(obj)
                self.session.flush()

    def _insert(self, table: str, row: dict[str, Any]) -> None:
        cls = _mapped(table)
        mapper = cls.__mapper__
        values = {mapper.get_property_by_column(_table(table).c[c]).key: self._value(table, c, v)
                  for c, v in row.items() if c != "id"}
        self.session.add(cls(**values))
        self.session.flush()

    def _refuse_if_used(self, d: Difference, row_id: int) -> None:
        """Deleting a record still used in the merged file would make SQLAlchemy blank the users' references."""
        for t in Base.metadata.sorted_tables:
            for c in t.columns:
                if any(fk.column.table.name == d.entity for fk in c.foreign_keys):
                    if self.session.execute(select(t.c.id).where(c == row_id).limit(1)).first():
                        raise DivergenceError(f"Không gộp được: bỏ {d.subject} theo bản kia thì "
                                              f"{table_label(t.name).lower()} trong bản gộp vẫn còn dùng đến nó. "
                                              "Hãy bỏ cả các mục đó, hoặc giữ bản ghi này.")


def _attr(obj: Any, column: str) -> str:
    return obj.__mapper__.get_property_by_column(obj.__table__.c[column]).key
