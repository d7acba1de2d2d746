"""The program's log: one rotating UTF-8 file in the user's data folder (no Qt here).

The file is what users send when something goes wrong, so it holds tracebacks and the main
steps (files opened and closed), never the workbook's data.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from thidua_desktop import paths

LOG_NAME = "thidua.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(process)d/%(threadName)s] %(message)s"

_handler: logging.handlers.RotatingFileHandler | None = None


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the root logger to the rotating log file and return the file's path.

    Idempotent: called again (tests move THIDUA_DATA_DIR), it replaces its own handler
    with one for the current folder and leaves other handlers alone.
    """
    global _handler
    path = paths.log_dir() / LOG_NAME
    root = logging.getLogger()
    if _handler is not None:
        if _handler.baseFilename == os.path.abspath(path):
            return path
        root.removeHandler(_handler)
        _handler.close()
    _handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                                    encoding="utf-8", delay=True)
    _handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(_handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path


def log_path() -> Path | None:
    """The current log file, or None before setup_logging()."""
    return Path(_handler.baseFilename) if _handler is not None else None


def flush() -> None:
    if _handler is not None:
        _handler.flush()


def close_logging() -> None:
    """Detach and close the log file (at exit, and between tests)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
