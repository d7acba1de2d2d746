"""Automatic and manual backups of a workbook into the user's data folder, their list, and
restoring one into a new file (never over the open workbook).

Backups go through the SQLite backup API after a quick integrity check, so a damaged file
never pushes good backups out of the rotation.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from thidua_desktop import paths
from thidua_desktop.db.connection import connect
from thidua_desktop.db.summary import WorkbookSummary, read_summary
from thidua_desktop.db.workbook_file import Workbook, backup_to, inspect
from thidua_desktop.domain.retention import to_keep

STAMP = "%Y-%m-%d_%H%M%S"
REASONS = {"close": "khi đóng sổ", "daily": "tự động hằng ngày", "manual": "sao lưu thủ công",
           "before_import": "trước khi nhập dữ liệu", "before_restore": "trước khi khôi phục"}
DAILY = timedelta(hours=24)


class BackupError(Exception):
    """A backup could not be made or restored; `message` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    made_at: datetime
    reason: str
    size: int
    summary: WorkbookSummary | None  # None if the backup itself cannot be read

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)

    def describe(self) -> str:
        """One line for the restore list: when, why, and what the copy holds."""
        when = self.made_at.strftime("%d/%m/%Y %H:%M")
        if self.summary is None:
            return f"{when} ({self.reason_label}) — không đọc được bản sao này"
        c = self.summary.counts
        years = self.summary.years
        span = f"năm {years[0]}–{years[-1]}" if len(years) > 1 else (f"năm {years[0]}" if years else "chưa có năm")
        return (f"{when} ({self.reason_label}) — {span}, {c.get('unit', 0)} đơn vị, {c.get('score', 0)} điểm chấm, "
                f"{c.get('commendation', 0)} khen thưởng, {c.get('audit_entry', 0)} thay đổi")


def folder_for(bloc_uuid: str) -> Path:
    folder = paths.backup_dir() / bloc_uuid
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _parse(path: Path) -> tuple[datetime, str] | None:
    try:
        _, stamp, reason = path.stem.rsplit("__", 2)
        return datetime.strptime(stamp, STAMP), reason
    except ValueError:
        return None


def _times(folder: Path) -> dict[Path, tuple[datetime, str]]:
    return {p: parsed for p in folder.glob("*.thidua") if (parsed := _parse(p))}


def make_backup(workbook: Workbook, reason: str, *, now: datetime | None = None) -> Path:
    """Check the workbook, copy it into its backup folder, and prune the rotation."""
    now = now or datetime.now()
    folder = folder_for(workbook.bloc_uuid)
    source = connect(workbook.path, read_only=True)
    try:
        if not _passes_quick_check(source):
            raise BackupError("Tệp sổ thi đua không vượt qua kiểm tra toàn vẹn nên không sao lưu đè lên các bản "
                              "sao lưu tốt. Hãy dùng “Kiểm tra tệp” và “Khôi phục từ bản sao lưu”.")
        dest = folder / f"{workbook.path.stem}__{now.strftime(STAMP)}__{reason}.thidua"
        backup_to(source, dest)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"Không sao lưu được vào {folder}: {exc}") from exc
    finally:
        source.close()
    prune(folder)
    return dest


def _passes_quick_check(conn: sqlite3.Connection) -> bool:
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False


def prune(folder: Path) -> None:
    found = _times(folder)
    keep = to_keep(t for t, _ in found.values())
    for path, (made_at, _) in found.items():
        if made_at not in keep:
            path.unlink(missing_ok=True)


def daily_backup_due(workbook: Workbook, *, now: datetime | None = None) -> bool:
    """True when the newest backup of this bloc is more than a day old (or there is none)."""
    now = now or datetime.now()
    times = [t for t, _ in _times(folder_for(workbook.bloc_uuid)).values()]
    return not times or now - max(times) >= DAILY


def list_backups(bloc_uuid: str) -> list[BackupInfo]:
    """This bloc's backups, newest first, each with a summary of what it holds."""
    infos = []
    for path, (made_at, reason) in _times(folder_for(bloc_uuid)).items():
        summary = None
        try:
            conn = connect(path, read_only=True)
            try:
                summary = read_summary(conn, with_counts=True)
            finally:
                conn.close()
        except sqlite3.Error:
            pass
        infos.append(BackupInfo(path, made_at, reason, path.stat().st_size, summary))
    return sorted(infos, key=lambda b: b.made_at, reverse=True)


def restore(backup: Path, dest: Path, *, open_workbook_path: Path | None = None) -> Path:
    """Write the backup out as a new workbook at `dest`, checked; never over an existing file."""
    dest = Path(dest)
    if dest.exists() or (open_workbook_path and dest.resolve() == Path(open_workbook_path).resolve()):
        raise BackupError(f"Tệp “{dest.name}” đã có. Khôi phục luôn ra một tệp mới để không mất dữ liệu hiện có.")
    inspect(backup)  # refuses a damaged or foreign backup with its own message
    source = connect(backup, read_only=True)
    try:
        backup_to(source, dest)
    finally:
        source.close()
    return dest
