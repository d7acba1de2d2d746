"""Creating, inspecting, opening, copying and closing a workbook file.

Every check runs on a read-only connection and refuses with a Vietnamese message before
anything is written, so a damaged, foreign or newer file is left byte-for-byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from thidua_desktop import __version__

from . import identity as ident
from .connection import BUSY_TIMEOUT_S, connect, file_uri
from .handover_mark import HandoverMark, read_mark
from .lock import LockHeld, LockInfo, WorkbookLock
from .summary import WorkbookSummary, read_summary

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


class Problem(StrEnum):
    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"
    NOT_SQLITE = "not_sqlite"
    FOREIGN = "foreign"
    DAMAGED = "damaged"
    NEWER = "newer"
    LOCKED = "locked"
    OLD_READ_ONLY = "old_read_only"


class WorkbookError(Exception):
    """A file the user chose cannot be opened; `message` is what the user reads."""

    def __init__(self, problem: Problem, path: Path, message: str, *, lock: LockInfo | None = None,
                 detail: str = "") -> None:
        super().__init__(message)
        self.problem = problem
        self.path = path
        self.message = message
        self.lock = lock
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Inspection:
    """What a read-only look at a file found; nothing was written to get it."""

    path: Path
    format_version: int
    bloc_uuid: str
    app_version: str
    read_only_location: bool
    summary: WorkbookSummary
    handed_over: HandoverMark | None = None  # the file was handed over: it opens read-only

    @property
    def needs_upgrade(self) -> bool:
        return self.format_version < ident.FORMAT_VERSION


def _fail(problem: Problem, path: Path, message: str, **kw) -> WorkbookError:  # noqa: ANN003
    return WorkbookError(problem, path, message, **kw)


def _check_header(path: Path) -> int:
    """Validate the 100-byte SQLite header against the file size; return the format version."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            header = f.read(HEADER_SIZE)
    except FileNotFoundError:
        raise _fail(Problem.NOT_FOUND, path, f"Không tìm thấy tệp “{path.name}”. Tệp có thể đã bị di chuyển, "
                    "đổi tên hoặc ổ USB đã được rút ra.") from None
    except OSError as exc:
        raise _fail(Problem.UNREADABLE, path, f"Không đọc được tệp “{path.name}”: không có quyền đọc "
                    "hoặc ổ đĩa bị lỗi.", detail=str(exc)) from None
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise _fail(Problem.NOT_SQLITE, path, f"Tệp “{path.name}” không phải là sổ thi đua của ThiDua "
                    "(không phải tệp cơ sở dữ liệu). Hãy chọn tệp có đuôi .thidua.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    pages_valid = header[24:28] == header[92:96]
    if page_size < 512 or size % page_size or (pages_valid and size < pages * page_size):
        raise _fail(Problem.DAMAGED, path, _damaged_message(path),
                    detail=f"size={size} page_size={page_size} pages={pages}")
    if int.from_bytes(header[68:72], "big") != ident.APPLICATION_ID:
        raise _fail(Problem.FOREIGN, path, f"Tệp “{path.name}” là một cơ sở dữ liệu SQLite nhưng không phải "
                    "sổ thi đua của ThiDua. Chương trình không mở để tránh làm hỏng dữ liệu của phần mềm khác.")
    return int.from_bytes(header[60:64], "big")


def _damaged_message(path: Path) -> str:
    return (f"Tệp “{path.name}” bị hỏng (có thể do mất điện hoặc rút USB khi đang chép). "
            "Chương trình không sửa gì trên tệp này. Hãy dùng “Khôi phục từ bản sao lưu” "
            "hoặc xin lại tệp từ đơn vị đã gửi.")


def _read_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM workbook_meta").fetchall())


def _location_read_only(path: Path) -> bool:
    """The file or its folder is read-only: by permission, or by its read-only attribute.

    The attribute is honoured even where the process could write anyway (an administrator),
    because the user set it to protect the file.
    """
    def writable(p: Path) -> bool:
        return os.access(p, os.W_OK) and bool(p.stat().st_mode & stat.S_IWUSR)

    return not writable(path) or not writable(path.parent)


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _finish_interrupted_write(path: Path) -> None:
    """Let SQLite roll back a hot journal left by a crash or a power cut, before any check.

    A read-only connection cannot roll it back and would see the half-written file as damaged.
    Rolling back restores the file as of the last committed edit; a journal that another live
    program still holds is not hot, and SQLite leaves it alone.
    """
    journal = journal_path(path)
    if not journal.is_file() or journal.stat().st_size == 0 or _location_read_only(path):
        return
    try:
        conn = sqlite3.connect(file_uri(path, read_only=False), uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_S)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # the checks below name what is wrong


def inspect(path: Path, *, check: str = "quick_check") -> Inspection:
    """Run every opening check on a read-only connection; raise WorkbookError on the first failure."""
    path = Path(path)
    if path.is_file():
        _finish_interrupted_write(path)
    version = _check_header(path)
    try:
        conn = connect(path, read_only=True)
    except sqlite3.Error as exc:
        raise _fail(Problem.UNREADABLE, path, f"Không mở được tệp “{path.name}” để đọc.", detail=str(exc)) from None
    try:
        if version > ident.FORMAT_VERSION:
            meta = _safe_meta(conn)
            raise _fail(Problem.NEWER, path, f"Tệp “{path.name}” được ghi bởi phiên bản ThiDua mới hơn "
                        f"({meta.get(ident.META_APP_VERSION, 'không rõ')}, định dạng {version}). "
                        f"Phiên bản đang dùng là {__version__} (định dạng {ident.FORMAT_VERSION}). "
                        "Hãy cập nhật chương trình để mở tệp này; tệp không bị thay đổi.")
        result = [row[0] for row in conn.execute(f"PRAGMA {check}").fetchall()]
        if result != ["ok"]:
            raise _fail(Problem.DAMAGED, path, _damaged_message(path), detail="\n".join(result[:20]))
        meta = _read_meta(conn)
        if ident.META_BLOC_UUID not in meta or version < 1:
            raise _fail(Problem.FOREIGN, path, f"Tệp “{path.name}” không có thông tin nhận dạng của sổ thi đua.")
        summary = read_summary(conn)
    except sqlite3.DatabaseError as exc:
        if journal_path(path).is_file() and _location_read_only(path):
            raise _fail(Problem.DAMAGED, path, f"Tệp “{path.name}” còn dở một lần ghi chưa xong (có tệp "
                        f"“{journal_path(path).name}” bên cạnh) nhưng nằm ở vị trí chỉ đọc, nên chương trình không "
                        "hoàn tất được. Hãy chép cả hai tệp vào một thư mục trên máy rồi mở lại.",
                        detail=str(exc)) from None
        raise _fail(Problem.DAMAGED, path, _damaged_message(path), detail=str(exc)) from None
    finally:
        conn.close()
    return Inspection(path=path, format_version=version, bloc_uuid=meta[ident.META_BLOC_UUID],
                      app_version=meta.get(ident.META_APP_VERSION, ""),
                      read_only_location=_location_read_only(path), summary=summary,
                      handed_over=read_mark(meta))


def _safe_meta(conn: sqlite3.Connection) -> dict[str, str]:
    try:
        return _read_meta(conn)
    except sqlite3.Error:
        return {}


def backup_to(source: sqlite3.Connection, dest: Path) -> None:
    """Copy a live database with SQLite's backup API into `dest`, atomically.

    The copy is written beside `dest` under a temporary name, checked, synced, then renamed,
    so `dest` is either absent or complete.
    """
    tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        target = sqlite3.connect(tmp, isolation_level=None)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            if target.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("bản sao không vượt qua kiểm tra toàn vẹn")
        finally:
            target.close()
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def upgrade_backup_path(path: Path, old_version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.truoc-nang-cap-v{old_version}-{stamp}{path.suffix}")


class Workbook:
    """An open workbook: the engine over the file, whether it is read-only and why, and its lock."""

    def __init__(self, inspection: Inspection, *, read_only_reason: str | None, lock: WorkbookLock | None) -> None:
        from .engine import make_engine  # SQLAlchemy loads here, after the first paint

        self.path = inspection.path
        self.inspection = inspection
        self.bloc_uuid = inspection.bloc_uuid
        self.read_only = read_only_reason is not None
        self.read_only_reason = read_only_reason
        self._lock = lock
        self.engine = make_engine(self.path, read_only=self.read_only)

    def raw_connection(self) -> sqlite3.Connection:
        return connect(self.path, read_only=self.read_only)

    def save_copy(self, dest: Path) -> None:
        """Write a complete, checked copy of the workbook to `dest` (never a raw file copy)."""
        conn = connect(self.path, read_only=True)
        try:
            backup_to(conn, Path(dest))
        finally:
            conn.close()

    def integrity_report(self) -> list[str]:
        """Full PRAGMA integrity_check and foreign_key_check; ["ok"] when the file is sound."""
        conn = connect(self.path, read_only=True)
        try:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            fks = conn.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            conn.close()
        problems += [f"Khóa ngoại hỏng: bảng {t}, dòng {rowid}, tham chiếu {ref}" for t, rowid, ref, _ in fks]
        return problems if problems != ["ok"] or fks else ["ok"]

    def become_read_only(self, reason: str) -> None:
        """Refuse edits from now on, with `reason` (the file was handed over while open)."""
        self.read_only, self.read_only_reason = True, reason

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def open_workbook(path: Path, *, operator: str, take_over_lock: bool = False,
                  inspection: Inspection | None = None) -> Workbook:
    """Open a workbook for work: checks, lock, upgrade of an older format (after a backup)."""
    path = Path(path)
    inspection = inspection or inspect(path)
    read_only_reason = None
    lock: WorkbookLock | None = None
    if inspection.handed_over is not None:
        read_only_reason = inspection.handed_over.notice()
    elif inspection.read_only_location:
        read_only_reason = "Tệp nằm ở vị trí chỉ đọc (ổ mạng, thư mục không có quyền ghi hoặc tệp đặt chế độ chỉ đọc)."
    else:
        lock = WorkbookLock(path, operator)
        try:
            lock.acquire(take_over=take_over_lock)
        except LockHeld as held:
            raise _fail(Problem.LOCKED, path, f"Tệp “{path.name}” đang được mở bởi "
                        f"{held.info.describe() if held.info else 'một người khác'}.", lock=held.info) from None
        except OSError:
            lock = None
            read_only_reason = "Không ghi được vào thư mục chứa tệp, nên tệp được mở ở chế độ chỉ đọc."
    if inspection.needs_upgrade:
        if read_only_reason:
            raise _fail(Problem.OLD_READ_ONLY, path, f"Tệp “{path.name}” có định dạng cũ (phiên bản "
                        f"{inspection.format_version}) cần nâng cấp, nhưng nằm ở vị trí chỉ đọc. Hãy chép tệp "
                        "vào một thư mục trên máy rồi mở lại.")
        try:
            _upgrade(path, inspection.format_version)
        except BaseException:
            lock and lock.release()
            raise
        inspection = inspect(path)
    workbook = Workbook(inspection, read_only_reason=read_only_reason, lock=lock)
    if not workbook.read_only and inspection.app_version != __version__:
        _write_meta(path, {ident.META_APP_VERSION: __version__})
    return workbook


def _write_meta(path: Path, values: dict[str, str]) -> None:
    conn = connect(path, read_only=False)
    try:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT OR REPLACE INTO workbook_meta (key, value) VALUES (?, ?)", values.items())
    finally:
        conn.close()


def _upgrade(path: Path, old_version: int) -> None:
    """Back the file up beside itself, then run the migrations from its version to ours."""
    from sqlalchemy import text

    from .engine import make_engine
    from .migrate import upgrade

    source = connect(path, read_only=True)
    try:
        backup_to(source, upgrade_backup_path(path, old_version))
    finally:
        source.close()
    engine = make_engine(path, read_only=False)
    try:
        with engine.begin() as conn:
            upgrade(conn, ident.REVISION_OF_FORMAT[ident.FORMAT_VERSION])
            conn.execute(text(f"PRAGMA user_version = {ident.FORMAT_VERSION}"))
            conn.execute(text("INSERT OR REPLACE INTO workbook_meta (key, value) VALUES (:k, :v)"),
                         [{"k": ident.META_FORMAT, "v": str(ident.FORMAT_VERSION)},
                          {"k": ident.META_APP_VERSION, "v": __version__}])
    finally:
        engine.dispose()


def create_workbook(path: Path, *, bloc_name: str, populate=None) -> Path:  # noqa: ANN001
    """Create a new workbook at `path` atomically: built under a temporary name, then renamed.

    `populate(session)` may add the bloc's first data in the same transaction as the schema,
    so a workbook never exists half-made. Refuses to overwrite an existing file.
    """
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from .catalogue import seed_award_types
    from .engine import make_engine
    from .migrate import upgrade
    from .models import Bloc, WorkbookMeta

    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    sqlite3.connect(tmp).close()
    engine = make_engine(tmp, read_only=False)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"PRAGMA application_id = {ident.APPLICATION_ID}"))
            upgrade(conn, ident.REVISION_OF_FORMAT[ident.FORMAT_VERSION])
            conn.execute(text(f"PRAGMA user_version = {ident.FORMAT_VERSION}"))
            with Session(bind=conn) as session:
                now = datetime.now().isoformat(timespec="seconds")
                session.add_all([
                    WorkbookMeta(key=ident.META_FORMAT, value=str(ident.FORMAT_VERSION)),
                    WorkbookMeta(key=ident.META_BLOC_UUID, value=uuid.uuid4().hex),
                    WorkbookMeta(key=ident.META_APP_VERSION, value=__version__),
                    WorkbookMeta(key=ident.META_CREATED_AT, value=now),
                    WorkbookMeta(key=ident.META_CREATED_WITH, value=__version__),
                    Bloc(name=bloc_name),
                ])
                seed_award_types(session)
                if populate is not None:
                    session.flush()
                    populate(session)
                session.flush()
        engine.dispose()
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        engine.dispose()
        tmp.unlink(missing_ok=True)
    return path
