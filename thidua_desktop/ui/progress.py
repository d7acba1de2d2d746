"""Long work (writing templates, reading filled sheets, batch printing) with a progress bar
and a Hủy button.

The services take a plain callback ``progress(done, total, what) -> bool`` and stop when it
returns False; this module adapts it to a QProgressDialog. The work runs in the UI thread
between calls to ``processEvents``: the steps are short (one file, one page) and SQLite
sessions stay in the thread that opened them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

T = TypeVar("T")
Progress = Callable[[int, int, str], bool]


class ProgressRun:
    """A modal progress dialog whose ``report`` is the services' progress callback."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        self.dialog = QProgressDialog(title, "Hủy", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setObjectName("progress_dialog")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # short runs finish before it shows
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.cancelled = False

    def report(self, done: int, total: int, what: str) -> bool:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        self.dialog.setLabelText(f"{what}\n({done + 1 if done < total else done}/{total})")
        QApplication.processEvents()
        self.cancelled = self.cancelled or self.dialog.wasCanceled()
        return not self.cancelled

    def run(self, work: Callable[[Progress], T]) -> T:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return work(self.report)
        finally:
            QApplication.restoreOverrideCursor()
            self.dialog.close()
            self.dialog.deleteLater()


def with_progress(parent: QWidget | None, title: str, work: Callable[[Progress], T]) -> tuple[T, bool]:
    """Run ``work(progress)``; returns its result and whether the user pressed Hủy."""
    run = ProgressRun(parent, title)
    result = run.run(work)
    return result, run.cancelled
