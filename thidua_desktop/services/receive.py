"""Receiving a handed-over workbook: trust it only after checking it.

A file on a USB stick is first copied (byte for byte, hashed on the way, synced) into the user
data folder's "Sổ nhận bàn giao", and the program works on that copy: a stick pulled out
mid-edit then costs nothing. The file's fingerprint is compared with the one the user types or
pastes from the minutes; its integrity is checked in full; its identity (bloc, year, format)
is compared with what the user expects. Every refusal is a Vietnamese sentence, and a copy
that failed a check is not kept.
"""

from __future__ import annotations

import hashlib
import ntpath
import os
import re
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop import paths
from thidua_desktop.db.connection import connect
from thidua_desktop.db.handover_mark import fingerprint_groups
from thidua_desktop.db.models import EmulationYear, Handover, Unit, utc_now
from thidua_desktop.db.summary import read_summary
from thidua_desktop.db.workbook_file import Inspection, WorkbookError, inspect
from thidua_desktop.domain.enums import YearState

from .handover import normalise_fingerprint
from .issuing import sha256_of
from .workspace import Workspace

RECEIVED_FOLDER = "Sổ nhận bàn giao"
REMOVABLE_ROOTS = ("/media", "/run/media", "/mnt", "/Volumes")
DRIVE_REMOVABLE = 2  # GetDriveTypeW
_HEX64 = re.compile(r"[0-9a-f]{64}")


class ReceiveProblem(StrEnum):
    FINGERPRINT_INVALID = "fingerprint_invalid"
    FINGERPRINT_MISMATCH = "fingerprint_mismatch"
    UNUSABLE = "unusable"  # not found, damaged, foreign, newer: WorkbookError's own message
    HANDED_OVER_ORIGINAL = "handed_over_original"
    OTHER_BLOC = "other_bloc"
    WRONG_YEAR = "wrong_year"
    COPY_FAILED = "copy_failed"


class ReceiveError(Exception):
    """A received file refused; `message` is for the user. Only OTHER_BLOC may be overridden
    by the user (`can_confirm`): receive again with accept_other_bloc=True."""

    def __init__(self, problem: ReceiveProblem, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.detail = detail

    @property
    def can_confirm(self) -> bool:
        return self.problem is ReceiveProblem.OTHER_BLOC


@dataclass(frozen=True, slots=True)
class Expected:
    """What the receiver expects: its bloc (from the files it already has) and the year it leads."""

    bloc_uuid: str | None = None
    bloc_name: str | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class ReceivedFile:
    path: Path  # the file to work on: the local copy, or the file itself when it was not on removable media
    source: Path
    copied: bool
    sha256: str
    fingerprint_checked: bool  # the user gave the fingerprint and it matched
    inspection: Inspection
    years: tuple[int, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return fingerprint_groups(self.sha256)


# --- removable media -------------------------------------------------------------------------


def is_removable(path: Path, *, platform: str = sys.platform,
                 drive_type: Callable[[str], int] | None = None) -> bool:
    """Whether `path` is on removable media: a USB stick or card (Windows: GetDriveTypeW of its
    drive; elsewhere: under the usual mount points /media, /run/media, /mnt, /Volumes)."""
    if platform == "win32":
        text = os.path.abspath(path) if sys.platform == "win32" else str(path)
        drive = ntpath.splitdrive(text)[0]
        if not drive or drive.startswith(("\\\\", "//")):
            return False
        if drive_type is None:
            import ctypes

            drive_type = ctypes.windll.kernel32.GetDriveTypeW
        return drive_type(drive + "\\") == DRIVE_REMOVABLE
    resolved = Path(os.path.abspath(path))
    return any(resolved.is_relative_to(root) and resolved != Path(root) for root in REMOVABLE_ROOTS)


def received_folder() -> Path:
    folder = paths.data_dir() / RECEIVED_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    stem, suffix = target.stem, target.suffix
    n = 2
    while target.exists():
        target = folder / f"{stem} ({n}){suffix}"
        n += 1
    return target


def _copy_hashed(source: Path, folder: Path) -> tuple[Path, str]:
    """Copy `source` into `folder` byte for byte under a free name; the SHA-256 read on the way.
    The copy is written under a temporary name, synced, read back and compared, then renamed."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{source.name}.nhan.tmp"
    digest = hashlib.sha256()
    try:
        with source.open("rb") as src, tmp.open("wb") as out:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        if sha256_of(tmp) != sha:
            raise OSError("bản chép trên máy khác tệp gốc")
        target = _free_name(folder, source.name)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target, sha


# --- receiving -------------------------------------------------------------------------------


def receive(source: Path, *, fingerprint: str | None = None, expected: Expected | None = None,
            accept_other_bloc: bool = False, removable: Callable[[Path], bool] = is_removable,
            local_folder: Path | None = None) -> ReceivedFile:
    """Check a received workbook and give the file to work on; raise ReceiveError if it must not be used."""
    source = Path(source)
    expected = expected or Expected()
    wanted = None
    if fingerprint is not None and fingerprint.strip():
        wanted = normalise_fingerprint(fingerprint)
        if not _HEX64.fullmatch(wanted):
            raise ReceiveError(ReceiveProblem.FINGERPRINT_INVALID,
                               "Mã kiểm tra phải gồm đúng 64 ký tự, là chữ số 0–9 và chữ cái A–F (có thể cách "
                               f"nhau bằng dấu cách hoặc gạch ngang). Mã vừa nhập có {len(wanted)} ký tự"
                               + (" và có ký tự không hợp lệ." if re.search(r"[^0-9a-f]", wanted) else "."))
    copied = removable(source)
    working = source
    try:
        if copied:
            working, sha = _copy_hashed(source, local_folder or received_folder())
        else:
            sha = sha256_of(source)
    except FileNotFoundError:
        raise ReceiveError(ReceiveProblem.UNUSABLE, f"Không tìm thấy tệp “{source.name}”. Ổ USB có thể đã "
                           "bị rút ra hoặc tệp đã bị di chuyển.") from None
    except OSError as exc:
        raise ReceiveError(ReceiveProblem.COPY_FAILED, f"Không chép được tệp “{source.name}” vào máy: ổ USB bị "
                           "lỗi hoặc bị rút ra, hoặc ổ đĩa trên máy đã đầy.", str(exc)) from None
    try:
        return _checked(source, working, copied, sha, wanted, expected, accept_other_bloc)
    except BaseException:
        if copied:
            working.unlink(missing_ok=True)
        raise


def _checked(source: Path, working: Path, copied: bool, sha: str, wanted: str | None, expected: Expected,
             accept_other_bloc: bool) -> ReceivedFile:
    if wanted is not None and wanted != sha:
        raise ReceiveError(ReceiveProblem.FINGERPRINT_MISMATCH,
                           f"Mã kiểm tra của tệp “{source.name}” không khớp với biên bản bàn giao.\n"
                           f"Mã trong biên bản: {fingerprint_groups(wanted)}\n"
                           f"Mã của tệp:        {fingerprint_groups(sha)}\n"
                           "Tệp đã bị thay đổi sau khi bàn giao, bị hỏng khi chép, hoặc không phải tệp được bàn "
                           "giao. Chương trình không dùng tệp này; hãy xin lại tệp từ đơn vị bàn giao.")
    try:
        inspection = inspect(working, check="integrity_check")
    except WorkbookError as exc:
        raise ReceiveError(ReceiveProblem.UNUSABLE, exc.message, exc.detail) from None
    summary = inspection.summary
    if inspection.handed_over is not None:
        mark = inspection.handed_over
        raise ReceiveError(ReceiveProblem.HANDED_OVER_ORIGINAL,
                           f"Tệp “{source.name}” là sổ gốc đã bàn giao cho {mark.to} (chỉ còn để xem), không phải "
                           "bản bàn giao. Hãy mở bản bàn giao mà đơn vị bàn giao đã chép ra (tên tệp thường có "
                           "chữ “bàn giao”).")
    if expected.bloc_uuid and inspection.bloc_uuid != expected.bloc_uuid and not accept_other_bloc:
        ours = f" ({expected.bloc_name})" if expected.bloc_name else ""
        raise ReceiveError(ReceiveProblem.OTHER_BLOC,
                           f"Tệp “{source.name}” là sổ của {summary.bloc_name or 'một khối khác'}, không phải sổ "
                           f"của khối anh/chị đang làm việc{ours}. Nếu khối đã đổi tên hoặc anh/chị chắc chắn "
                           "nhận đúng tệp, hãy xác nhận để mở; nếu không, hãy xin lại tệp.")
    if expected.year is not None and expected.year not in summary.years:
        held = (f"các năm {summary.years[0]}–{summary.years[-1]}" if len(summary.years) > 1 else
                f"năm {summary.years[0]}" if summary.years else "chưa có năm nào")
        raise ReceiveError(ReceiveProblem.WRONG_YEAR,
                           f"Sổ trong tệp “{source.name}” có {held}, chưa có năm {expected.year} mà đơn vị nhận "
                           "bàn giao sẽ làm Trưởng khối. Có thể đây là bản bàn giao cũ; hãy xin lại bản mới nhất.")
    try:
        conn = connect(working, read_only=True)
        try:
            counted = read_summary(conn, with_counts=True)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise ReceiveError(ReceiveProblem.UNUSABLE, f"Không đọc được tệp “{source.name}”.", str(exc)) from None
    return ReceivedFile(working, source, copied, sha, wanted is not None, inspection, counted.years, counted.counts)


def record_receipt(ws: Workspace, received: ReceivedFile) -> int | None:
    """Complete the file's latest handover with who received it, when, its fingerprint and the
    counts found; the year handed over is marked so here too. None if the file records no handover."""
    def do(s: Session) -> int | None:
        row = s.scalars(select(Handover).where(Handover.received_at.is_(None))
                        .order_by(Handover.handed_at.desc(), Handover.id.desc())).first()
        if row is None:
            return None
        row.received_at, row.received_by = utc_now(), ws.operator
        row.sha256 = row.sha256 or received.sha256
        row.record_counts = row.record_counts or {"counts": received.counts, "years": list(received.years)}
        year = s.get(EmulationYear, row.from_year_id)
        if year.state is YearState.CLOSED:
            year.state = YearState.HANDED_OVER
        return row.id

    with ws.read() as s:
        pending = s.scalars(select(Handover).where(Handover.received_at.is_(None))
                            .order_by(Handover.handed_at.desc(), Handover.id.desc())).first()
        if pending is None:
            return None
        sender = s.get(Unit, pending.from_unit_id) if pending.from_unit_id else None
        year = s.get(EmulationYear, pending.from_year_id).year
    sender_name = f" từ {sender.official_name}" if sender else ""
    return ws.change(f"Nhận sổ bàn giao năm {year}{sender_name}", do)
