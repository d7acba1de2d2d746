"""Where the program finds its resources and keeps the user's data, logs and settings.

THIDUA_DATA_DIR overrides the user data folder (tests, portable installs on a USB stick).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from thidua_desktop import APP_NAME


def resource_dir() -> Path:
    """resources/ beside the package, or inside the PyInstaller bundle (sys._MEIPASS)."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) / "resources" if base else Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    override = os.environ.get("THIDUA_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings_file() -> Path:
    return data_dir() / "settings.ini"
