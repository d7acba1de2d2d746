"""A lock file beside the workbook naming who has it open, so two officers (or two PCs on a
shared folder) never edit the same file at once."""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from thidua_desktop import __version__

LOCK_SUFFIX = ".lock"


@dataclass(frozen=True, slots=True)
class LockInfo:
    operator: str
    host: str
    pid: int
    since: str  # ISO local time, as people read it
    app_version: str = ""

    def describe(self) -> str:
        try:
            when = datetime.fromisoformat(self.since).strftime("%H:%M ngày %d/%m/%Y")
        except ValueError:
            when = self.since
        return f"{self.operator} trên máy {self.host}, từ {when}"


class LockHeld(Exception):
    """Someone else holds the workbook; `info` says who (None when the lock cannot be read)."""

    def __init__(self, info: LockInfo | None) -> None:
        super().__init__(info.describe() if info else "không rõ")
        self.info = info


def lock_path(workbook: Path) -> Path:
    return workbook.with_name(workbook.name + LOCK_SUFFIX)


def _pid_alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill would terminate the process on Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(workbook: Path) -> LockInfo | None:
    try:
        data = json.loads(lock_path(workbook).read_text(encoding="utf-8"))
        return LockInfo(**data)
    except (OSError, ValueError, TypeError):
        return None


def is_stale(info: LockInfo | None) -> bool:
    """A lock left by a program on this PC that is no longer running (a crash, a power cut)."""
    return info is not None and info.host == socket.gethostname() and not _pid_alive(info.pid)


def _link_new(source: Path, dest: Path) -> None:
    """Give `source`'s content the name `dest` only if `dest` does not exist (FileExistsError).

    A hard link does it atomically; where the file system has none (FAT on a USB stick), the
    content is copied into a file created exclusively, which leaves a short window instead.
    """
    try:
        os.link(source, dest)
        return
    except FileExistsError:
        raise
    except OSError:
        pass
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, source.read_bytes())
        os.fsync(fd)
    finally:
        os.close(fd)


class WorkbookLock:
    """Held while a workbook is open for editing; released (deleted) on close."""

    def __init__(self, workbook: Path, operator: str) -> None:
        self.workbook = workbook
        self.path = lock_path(workbook)
        self.info = LockInfo(operator=operator or getpass.getuser(), host=socket.gethostname(),
                             pid=os.getpid(), since=datetime.now().isoformat(timespec="seconds"),
                             app_version=__version__)

    def acquire(self, *, take_over: bool = False) -> None:
        """Create the lock file; raise LockHeld if another live holder has it.

        A stale lock of this PC is taken over silently; another PC's lock only when the
        user says so (take_over), because we cannot tell whether that PC is still editing.
        The lock appears whole or not at all (written under a temporary name, then linked or
        renamed into place), so a crash mid-acquire never leaves an empty lock nobody can
        name. PermissionError / OSError propagate: the caller treats them as a read-only location.
        """
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, json.dumps(asdict(self.info), ensure_ascii=False).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            try:
                _link_new(tmp, self.path)
            except FileExistsError:
                holder = read_lock(self.workbook)
                if not (take_over or is_stale(holder)):
                    raise LockHeld(holder) from None
                os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)

    def release(self) -> None:
        """Delete the lock if it is still ours (someone may have taken it over)."""
        current = read_lock(self.workbook)
        if current is not None and (current.host, current.pid) == (self.info.host, self.info.pid):
            try:
                self.path.unlink()
            except OSError:
                pass
