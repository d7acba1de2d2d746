"""Raw sqlite3 connections with the workbook pragmas (stdlib only: cheap enough for start-up).

Rollback journal (not WAL) with synchronous=FULL: whenever no transaction is open the
.thidua file alone holds everything, so a copy made in Explorer or onto a USB stick is
complete, and a power cut loses at most the edit being written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY_TIMEOUT_S = 5.0


def file_uri(path: Path, *, read_only: bool) -> str:
    """A SQLite URI for the path; as_uri() percent-encodes spaces, '#', '?' and Vietnamese letters."""
    return path.resolve().as_uri() + ("?mode=ro" if read_only else "?mode=rw")


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A raw connection with the workbook pragmas; autocommit, transactions are explicit."""
    conn = sqlite3.connect(file_uri(path, read_only=read_only), uri=True, isolation_level=None,
                           timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    if read_only:
        conn.execute("PRAGMA query_only = ON")
    else:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
    return conn
