"""Handing the workbook over to next year's leader unit.

The copy handed over is made with SQLite's backup API (checked, synced, renamed into place),
then checked in full (integrity and foreign keys) and fingerprinted with SHA-256. Both files
record the handover: the copy carries the Handover row written just before it was made (its
own fingerprint cannot be inside it; the receiver completes the row), the original gets the
fingerprint and the record counts, and a mark that makes it open read-only from then on.

`handover_minutes` gives what the biên bản bàn giao prints, as plain data for the documents
engine: the years, the records of each kind, and the fingerprint in groups of four.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.connection import connect
from thidua_desktop.db.handover_mark import HandoverMark, fingerprint_groups
from thidua_desktop.db.identity import FILE_SUFFIX
from thidua_desktop.db.models import Bloc, EmulationYear, Handover, Unit, WorkbookMeta, utc_now
from thidua_desktop.db.summary import COUNTED_TABLES, read_summary
from thidua_desktop.db.workbook_file import WorkbookError, inspect
from thidua_desktop.domain.enums import YearState
from thidua_desktop.domain.text import clean

from .issuing import leader_unit, sha256_of
from .workspace import ChangeRefused, Workspace

_FORBIDDEN = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME = 150  # characters before the suffix: room for a deep folder within Windows' 260


class HandoverError(Exception):
    """The handover copy could not be written or failed its checks; `message` is for the user."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


# --- names and fingerprints ------------------------------------------------------------------


def safe_file_name(text: str) -> str:
    """`text` as a file name every system accepts: no \\ / : * ? " < > |, no control characters,
    no trailing dot or space, not a reserved Windows name; Vietnamese letters kept (NFC)."""
    name = _FORBIDDEN.sub(" ", unicodedata.normalize("NFC", text))
    name = clean(name).rstrip(". ")[:MAX_NAME].rstrip(". ")
    if not name or name.split(".")[0].upper() in _RESERVED:
        name = f"Sổ thi đua {name}".strip()
    return name


def handover_file_name(bloc_name: str, year: int) -> str:
    """E.g. "Khối thi đua các cơ quan Đảng tỉnh - bàn giao 2026.thidua"."""
    return safe_file_name(f"{bloc_name} - bàn giao {year}") + FILE_SUFFIX


file_sha256 = sha256_of  # a handover file's fingerprint, as receive() computes it


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed or pasted from the minutes: spaces, dashes and case ignored."""
    return re.sub(r"[\s\-–—.:_]+", "", unicodedata.normalize("NFKC", text or "")).lower()


def fingerprint_lines(sha256: str) -> tuple[str, str]:
    """The fingerprint on two lines of eight groups of four, as printed and shown."""
    groups = fingerprint_groups(sha256).split(" ")
    return " ".join(groups[:8]), " ".join(groups[8:])


# --- what a handover will do -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HandoverPlan:
    """What handing over `year` means, for the page to show before the user confirms."""

    year_id: int
    year: int
    to_year: int
    bloc_name: str
    from_unit: str | None
    to_unit: str | None
    suggested_name: str
    problems: tuple[str, ...]  # why it cannot be done yet (empty: it can)


def _leader(s: Session, year_id: int | None) -> Unit | None:
    return leader_unit(s, year_id) if year_id is not None else None


def handover_plan(ws: Workspace, year_id: int) -> HandoverPlan:
    with ws.read() as s:
        year = s.get(EmulationYear, year_id)
        following = s.scalars(select(EmulationYear).where(EmulationYear.year == year.year + 1)).first()
        bloc = s.scalars(select(Bloc).order_by(Bloc.id)).first()
        from_unit, to_unit = _leader(s, year_id), _leader(s, following.id if following else None)
        problems = []
        if ws.read_only:
            problems.append(f"Sổ đang mở ở chế độ chỉ đọc: {ws.workbook.read_only_reason}")
        if year.state is YearState.HANDED_OVER:
            problems.append(f"Năm {year.year} đã được bàn giao.")
        elif year.state is not YearState.CLOSED:
            problems.append(f"Năm {year.year} chưa khóa sổ: hãy hoàn tất các việc cuối năm và khóa sổ trước.")
        if to_unit is None:
            problems.append(f"Chưa có đơn vị Trưởng khối năm {year.year + 1} để nhận bàn giao.")
        bloc_name = bloc.name if bloc else ""
        return HandoverPlan(year_id, year.year, year.year + 1, bloc_name,
                            from_unit.official_name if from_unit else None,
                            to_unit.official_name if to_unit else None,
                            handover_file_name(bloc_name or "Sổ thi đua", year.year), tuple(problems))


# --- handing over ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountLine:
    kind: str  # the table, e.g. "score"
    label: str  # "điểm chấm"
    count: int


@dataclass(frozen=True, slots=True)
class HandoverMinutes:
    """What the biên bản bàn giao prints (plain data for the documents engine)."""

    bloc_name: str
    from_year: int
    to_year: int
    from_unit: str | None
    to_unit: str | None
    handed_at: datetime  # local time
    handed_by: str | None
    file_name: str
    years: tuple[int, ...]  # the years the file holds
    counts: tuple[CountLine, ...]  # records of each kind, in COUNTED_TABLES order
    sha256: str

    @property
    def fingerprint(self) -> str:
        return fingerprint_groups(self.sha256)

    @property
    def fingerprint_lines(self) -> tuple[str, str]:
        return fingerprint_lines(self.sha256)


@dataclass(frozen=True, slots=True)
class HandoverResult:
    path: Path
    sha256: str
    handover_id: int
    minutes: HandoverMinutes

    @property
    def fingerprint(self) -> str:
        return fingerprint_groups(self.sha256)


def hand_over(ws: Workspace, year_id: int, dest: Path, *, note: str | None = None) -> HandoverResult:
    """Write the handover copy of the workbook to `dest`, check and fingerprint it, and record the
    handover in both files; the open workbook becomes read-only (and opens so from now on)."""
    plan = handover_plan(ws, year_id)
    if plan.problems:
        raise ChangeRefused("Chưa bàn giao được:\n" + "\n".join(f"• {p}" for p in plan.problems))
    dest = Path(dest)
    if dest.suffix.lower() != FILE_SUFFIX:
        dest = dest.with_name(dest.name + FILE_SUFFIX)
    if _same_file(dest, ws.workbook.path):
        raise ChangeRefused("Bản bàn giao phải là một tệp mới, không ghi đè lên chính sổ đang mở.")

    def record(s: Session) -> int:
        following = s.scalars(select(EmulationYear.id).where(EmulationYear.year == plan.to_year)).one()
        from_unit, to_unit = _leader(s, year_id), _leader(s, following)
        row = Handover(from_year_id=year_id, to_year=plan.to_year, from_unit_id=from_unit and from_unit.id,
                       to_unit_id=to_unit.id, handed_at=utc_now(), handed_by=ws.operator, file_name=dest.name,
                       note=clean(note) or None if note else None)
        s.add(row)
        s.flush()
        return row.id

    handover_id = ws.change(f"Bàn giao sổ năm {plan.year} cho {plan.to_unit}", record)
    try:
        try:
            ws.workbook.save_copy(dest)
        except (OSError, sqlite3.Error) as exc:
            raise HandoverError(f"Không ghi được bản bàn giao vào “{dest}”: ổ đĩa đầy, không có quyền ghi "
                                "hoặc ổ USB bị rút ra. Sổ đang mở không bị thay đổi.", str(exc)) from exc
        years, counts = _check_copy(dest)
        sha = sha256_of(dest)
    except BaseException:
        ws.undo()  # the handover did not happen: the original keeps no trace of it
        raise

    def seal(s: Session) -> HandoverMark:
        row = s.get(Handover, handover_id)
        row.sha256, row.record_counts = sha, {"counts": counts, "years": list(years)}
        year = s.get(EmulationYear, year_id)
        year.state = YearState.HANDED_OVER
        mark = HandoverMark(at=row.handed_at, to=plan.to_unit or "", sha256=sha, year=plan.to_year)
        for key, value in mark.meta().items():
            s.merge(WorkbookMeta(key=key, value=value))
        return mark

    mark = ws.change(f"Ghi mã kiểm tra bản bàn giao năm {plan.year}", seal)
    ws.workbook.become_read_only(mark.notice())
    return HandoverResult(dest, sha, handover_id, handover_minutes(ws, handover_id))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == Path(b).resolve()
    except OSError:
        return False


def _check_copy(path: Path) -> tuple[tuple[int, ...], dict[str, int]]:
    """Full integrity and foreign-key check of the copy; the years and record counts it holds."""
    try:
        inspect(path, check="integrity_check")
        conn = connect(path, read_only=True)
        try:
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            summary = read_summary(conn, with_counts=True)
        finally:
            conn.close()
    except WorkbookError as exc:
        raise HandoverError(f"Bản bàn giao vừa ghi không vượt qua kiểm tra: {exc.message}", exc.detail) from exc
    except sqlite3.Error as exc:
        raise HandoverError("Bản bàn giao vừa ghi không đọc lại được.", str(exc)) from exc
    if broken:
        raise HandoverError("Bản bàn giao vừa ghi có liên kết dữ liệu hỏng (khóa ngoại).", repr(broken[:5]))
    return summary.years, summary.counts


# --- the minutes -----------------------------------------------------------------------------


def count_lines(counts: dict[str, int]) -> tuple[CountLine, ...]:
    return tuple(CountLine(kind, label, int(counts.get(kind, 0))) for kind, label in COUNTED_TABLES.items())


def handover_minutes(ws: Workspace, handover_id: int) -> HandoverMinutes:
    """The data of the biên bản bàn giao of a recorded handover."""
    with ws.read() as s:
        row = s.get(Handover, handover_id)
        year = s.get(EmulationYear, row.from_year_id)
        bloc = s.scalars(select(Bloc).order_by(Bloc.id)).first()
        names = {u.id: u.official_name for u in s.scalars(select(Unit).where(Unit.id.in_(
            [i for i in (row.from_unit_id, row.to_unit_id) if i is not None])))}
        recorded = row.record_counts or {}
        local = row.handed_at.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None)
        return HandoverMinutes(
            bloc_name=bloc.name if bloc else "", from_year=year.year, to_year=row.to_year,
            from_unit=names.get(row.from_unit_id), to_unit=names.get(row.to_unit_id), handed_at=local,
            handed_by=row.handed_by, file_name=row.file_name or "",
            years=tuple(recorded.get("years", ())), counts=count_lines(recorded.get("counts", {})),
            sha256=row.sha256 or "")


def handovers(ws: Workspace) -> list[Handover]:
    """Every handover the file records, oldest first."""
    with ws.read() as s:
        return list(s.scalars(select(Handover).order_by(Handover.handed_at, Handover.id)))
