"""The UI's entry points for workbook files: look, open, copy, close.

A thin face over `db.workbook_file`, so the UI never reaches into `db/`. Importing this module
costs only the standard library (sqlite3): the first window is painted from `inspect()`'s
summary before `open_workbook()` loads SQLAlchemy.
"""

from __future__ import annotations

import getpass
from pathlib import Path

from thidua_desktop.db.identity import FILE_SUFFIX
from thidua_desktop.db.lock import LockInfo, lock_path
from thidua_desktop.db.summary import MemberLine, WorkbookSummary
from thidua_desktop.db.workbook_file import Inspection, Problem, Workbook, WorkbookError, inspect, open_workbook

__all__ = [
    "FILE_SUFFIX",
    "Inspection",
    "LockInfo",
    "MemberLine",
    "Problem",
    "Workbook",
    "WorkbookError",
    "WorkbookSummary",
    "default_operator",
    "inspect",
    "lock_path",
    "open_workbook",
    "save_copy",
]


def default_operator() -> str:
    """The name the lock file shows when the user has not given one (the OS account)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no such user in the password database (containers)
        return "Không rõ"


def save_copy(workbook: Workbook, dest: Path) -> Path:
    """A complete, checked copy of the open workbook at `dest`; refuses to write over the workbook itself."""
    dest = Path(dest)
    if dest.resolve() == Path(workbook.path).resolve():
        raise ValueError("Không thể lưu bản sao đè lên chính sổ đang mở.")
    workbook.save_copy(dest)
    return dest
