"""What every page of the workspace has: the workspace, the selected year, and a refresh
when a change touches the tables it shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QSettings
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from thidua_desktop.domain.enums import YearState
from thidua_desktop.services.workspace import ChangeEvent, Workspace

from ..bridge import WorkspaceBridge


@dataclass(frozen=True, slots=True)
class YearRef:
    """The year the window is switched to."""

    id: int
    year: int
    state: YearState

    @property
    def read_only(self) -> bool:
        return self.state.read_only


@dataclass(frozen=True, slots=True)
class PageContext:
    workspace: Workspace
    bridge: WorkspaceBridge
    settings: QSettings


class Page(QWidget):
    """A page of the navigation list. Subclasses set `title` and `tables` and implement `refresh`."""

    title: ClassVar[str]
    tables: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: YearRef | None = None
        self._stale = False

    @property
    def editable(self) -> bool:
        """False when the workbook is read-only or the selected year is closed."""
        return not self.ctx.workspace.read_only and not (self.year is not None and self.year.read_only)

    def set_year(self, year: YearRef | None) -> None:
        self.year = year
        self.refresh_when_shown()

    def on_change(self, event: ChangeEvent) -> None:
        if event.tables & self.tables:
            self.refresh_when_shown()

    def refresh_when_shown(self) -> None:
        """Refresh now if on screen, else on the next show: opening a workbook or switching the
        year then reads only the page the secretary is looking at."""
        if self.isVisible():
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError
