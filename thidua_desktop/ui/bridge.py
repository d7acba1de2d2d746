"""The UI's hold on the Workspace: its changes as a Qt signal, and `attempt`, which turns a
refused change (a rule the user broke) into a message instead of a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from thidua_desktop.services.workspace import ChangeEvent, ChangeRefused, Workspace

from . import vi

T = TypeVar("T")


class WorkspaceBridge(QObject):
    changed = Signal(object)  # ChangeEvent, after every committed change, undo or redo

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._unsubscribe = workspace.subscribe(self._emit)
        # Replaceable so tests can collect messages instead of answering a modal box.
        self.report: Callable[..., Any] = vi.inform

    def _emit(self, event: ChangeEvent) -> None:
        self.changed.emit(event)

    def attempt(self, parent: QWidget, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a service call on the workspace; show a refusal as a message and return None."""
        try:
            return fn(self.workspace, *args, **kwargs)
        except ChangeRefused as refused:
            self.report(parent, "Không thực hiện được", refused.message, icon=QMessageBox.Icon.Warning)
            return None

    def detach(self) -> None:
        self._unsubscribe()
