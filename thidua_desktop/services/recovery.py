"""Backups of every bloc on this computer, for recovering a workbook that no longer opens (then
there is no open workbook to say which bloc's backups to list)."""

from __future__ import annotations

from thidua_desktop import paths

from .backups import BackupInfo, list_backups


def all_backups() -> list[BackupInfo]:
    """Every bloc's backups, newest first."""
    found = [info for folder in paths.backup_dir().iterdir() if folder.is_dir() for info in list_backups(folder.name)]
    return sorted(found, key=lambda b: b.made_at, reverse=True)
