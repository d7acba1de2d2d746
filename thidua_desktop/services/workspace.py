"""The one way data changes: a Workspace runs each edit in its own transaction, writes it to
the audit log under the operator's name, commits it at once, lets it be undone and redone,
and tells every listener what changed so views refresh themselves.

Qt-free on purpose: the UI adapts `subscribe` to signals; services and tests use it directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import event, inspect, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from thidua_desktop.db.models import AuditEntry, Base, EmulationYear, new_uid
from thidua_desktop.db.workbook_file import Workbook
from thidua_desktop.db.write_errors import write_failure_message
from thidua_desktop.domain.enums import YearState

from .audit import BatchContext, record_flush, revert, write_rows

T = TypeVar("T")


class ChangeRefused(Exception):
    """An edit the rules do not allow; `message` is what the user reads."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WriteFailed(ChangeRefused):
    """The machine refused the write (disk full, read-only, unplugged); nothing was written."""


@contextmanager
def _writing() -> Iterator[None]:
    """Turn SQLite's refusal to write into WriteFailed with the user's message."""
    try:
        yield
    except DBAPIError as exc:
        message = write_failure_message(exc.orig)
        if message is None:
            raise
        raise WriteFailed(message) from exc


@dataclass(frozen=True, slots=True)
class ChangeEvent:
    batch: str
    summary: str
    tables: frozenset[str]
    kind: str  # "change", "undo" or "redo"


class Workspace:
    """An open workbook in the hands of one operator."""

    def __init__(self, workbook: Workbook, operator: str) -> None:
        self.workbook = workbook
        self.operator = operator
        self._sessions = sessionmaker(bind=workbook.engine, expire_on_commit=False, autoflush=False)
        self._undo: list[tuple[str, str]] = []  # (batch, summary)
        self._redo: list[tuple[str, str]] = []
        self._listeners: list[Callable[[ChangeEvent], None]] = []

    @property
    def read_only(self) -> bool:
        return self.workbook.read_only

    # --- reading ------------------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; objects stay usable (detached) after it closes, and
        anything left unflushed is discarded with it."""
        with self._sessions() as session:
            yield session

    # --- changing -----------------------------------------------------------------------------

    def change(self, summary: str, fn: Callable[[Session], T]) -> T:
        """Run `fn(session)` as one committed, audited, undoable edit; return what it returns."""
        if self.read_only:
            raise ChangeRefused(f"Sổ đang mở ở chế độ chỉ đọc: {self.workbook.read_only_reason}")
        ctx = BatchContext(batch=new_uid(), operator=self.operator, summary=summary, year_numbers={})
        tables: set[str] = set()
        with _writing(), self._sessions() as session:

            @event.listens_for(session, "after_flush")
            def _audit(sess: Session, _flush_context: Any) -> None:
                _refuse_closed_years(sess)
                rows = record_flush(sess, ctx)
                tables.update(r["entity"] for r in rows)
                write_rows(sess, rows)

            result = fn(session)
            session.commit()
        if tables:
            self._undo.append((ctx.batch, summary))
            self._redo.clear()
            self._notify(ChangeEvent(ctx.batch, summary, frozenset(tables), "change"))
        return result

    def _revert(self, batch: str, summary: str, kind: str) -> str:
        if self.read_only:
            raise ChangeRefused(f"Sổ đang mở ở chế độ chỉ đọc: {self.workbook.read_only_reason}")
        ctx = BatchContext(batch=new_uid(), operator=self.operator, summary=summary, year_numbers={})
        with _writing(), self._sessions() as session:
            entries = session.scalars(select(AuditEntry).where(AuditEntry.batch == batch)).all()
            _refuse_closed_years_of(session, {e.year for e in entries if e.year is not None and e.entity in YEAR_BOUND
                                              and not _late_entry(e)})
            rows = revert(session, entries, ctx)
            write_rows(session, rows)
            session.commit()
        self._notify(ChangeEvent(ctx.batch, summary, frozenset(r["entity"] for r in rows), kind))
        return ctx.batch

    # --- undo and redo ------------------------------------------------------------------------

    @property
    def undo_text(self) -> str | None:
        return self._undo[-1][1] if self._undo else None

    @property
    def redo_text(self) -> str | None:
        return self._redo[-1][1] if self._redo else None

    def undo(self) -> str | None:
        """Revert the latest edit; returns its summary, or None when there is nothing to undo."""
        if not self._undo:
            return None
        batch, summary = self._undo[-1]
        reverted = self._revert(batch, f"Hoàn tác: {summary}", "undo")
        self._undo.pop()
        self._redo.append((reverted, summary))
        return summary

    def redo(self) -> str | None:
        if not self._redo:
            return None
        batch, summary = self._redo[-1]
        redone = self._revert(batch, f"Làm lại: {summary}", "redo")
        self._redo.pop()
        self._undo.append((redone, summary))
        return summary

    # --- listeners ----------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[ChangeEvent], None]) -> Callable[[], None]:
        """Call `listener` after every committed change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _notify(self, change: ChangeEvent) -> None:
        for listener in list(self._listeners):
            listener(change)

    def close(self) -> None:
        self._listeners.clear()
        self.workbook.close()


def _refuse_closed_years(session: Session) -> None:
    """No edit may touch a year that is closed or handed over, except reopening it and recording
    the province's answer to its proposals."""
    years = {getattr(o, "year_id", None) for o in (*session.new, *session.dirty, *session.deleted)
             if not _late_answer(o, session)} - {None}
    touched_years = [o for o in session.dirty if isinstance(o, EmulationYear)]
    for year in touched_years:
        state = inspect(year)
        if _stays_closed(year) and any(state.attrs[a.key].history.has_changes() for a in state.mapper.column_attrs
                                       if a.key not in CLOSING_FIELDS):
            raise ChangeRefused(f"Năm {year.year} đã khóa sổ ({year.state.label.lower()}), không sửa được.")
    if years:
        for year in session.scalars(select(EmulationYear).where(EmulationYear.id.in_(years))):
            if year.state.read_only and year not in touched_years:
                raise ChangeRefused(f"Năm {year.year} đã khóa sổ ({year.state.label.lower()}), không sửa được.")


# The tables a closed year guards: its own row and what hangs on it by year_id. The register
# (commendation.year) is not among them: decisions come after a year is closed and handed over.
YEAR_BOUND = frozenset({"emulation_year"} | {t.name for t in Base.metadata.sorted_tables if "year_id" in t.c})
# The province's answer to a closed year's proposals arrives months later, often in the next
# leader's file: the decision itself, and each proposal's status and place in the decision.
LATE_ANSWER: dict[str, frozenset[str] | None] = {
    "decision": None,  # any field
    "proposal": frozenset({"status", "sent_on", "decision_id", "decision_order", "submission_document_id"}),
}


def _late_answer(obj: object, session: Session) -> bool:
    table = getattr(obj, "__tablename__", None)
    if table not in LATE_ANSWER:
        return False
    fields = LATE_ANSWER[table]
    if fields is None:
        return True
    if obj not in session.dirty:
        return False  # a new or deleted proposal is the bloc's own act, of its year
    state = inspect(obj)
    changed = {a.key for a in state.mapper.column_attrs if state.attrs[a.key].history.has_changes()}
    return changed <= fields
CLOSING_FIELDS = {"state", "closed_at", "closed_by"}  # what closing, reopening and handing over change


def _late_entry(entry: AuditEntry) -> bool:
    """An audit entry of the province's answer (undone like it was made: in a closed year too)."""
    if entry.entity not in LATE_ANSWER:
        return False
    fields = LATE_ANSWER[entry.entity]
    return fields is None or entry.field in fields


def _stays_closed(year: EmulationYear) -> bool:
    """The year was read-only before this change and still is (closed → handed over counts)."""
    history = inspect(year).attrs.state.history
    before = history.deleted[0] if history.deleted else year.state
    return YearState(before).read_only and year.state.read_only


def _refuse_closed_years_of(session: Session, year_numbers: set[int]) -> None:
    if year_numbers:
        for year in session.scalars(select(EmulationYear).where(EmulationYear.year.in_(year_numbers))):
            if year.state.read_only:
                raise ChangeRefused(f"Năm {year.year} đã khóa sổ ({year.state.label.lower()}), không hoàn tác được.")
