"""The list of recently opened workbooks, kept in the user's settings (newest first, at most 8)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8
_GROUP = "recent_files"


@dataclass(frozen=True, slots=True)
class RecentFile:
    path: Path
    label: str  # bloc and year when it was last opened, e.g. "Khối thi đua các cơ quan Đảng tỉnh — Năm 2025"

    @property
    def exists(self) -> bool:
        return self.path.is_file()


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


class RecentFiles:
    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def entries(self) -> list[RecentFile]:
        s = self._settings
        count = s.beginReadArray(_GROUP)
        items = []
        for i in range(count):
            s.setArrayIndex(i)
            path = s.value("path", "", type=str)
            if path:
                items.append(RecentFile(Path(path), s.value("label", "", type=str)))
        s.endArray()
        return items

    def __contains__(self, path: object) -> bool:
        return isinstance(path, (str, Path)) and any(_key(e.path) == _key(Path(path)) for e in self.entries())

    def add(self, path: Path, label: str = "") -> None:
        path = Path(os.path.abspath(path))
        rest = [e for e in self.entries() if _key(e.path) != _key(path)]
        self._write([RecentFile(path, label), *rest][:MAX_RECENT])

    def remove(self, path: Path) -> None:
        self._write([e for e in self.entries() if _key(e.path) != _key(Path(path))])

    def clear(self) -> None:
        self._write([])

    def _write(self, items: list[RecentFile]) -> None:
        s = self._settings
        s.remove(_GROUP)
        s.beginWriteArray(_GROUP, len(items))
        for i, item in enumerate(items):
            s.setArrayIndex(i)
            s.setValue("path", str(item.path))
            s.setValue("label", item.label)
        s.endArray()
        s.sync()
