"""Unexpected errors: log the traceback, apologise in Vietnamese, keep running.

Nothing needs saving at that point: every edit is its own committed transaction, so the
workbook on disk is already complete. The apology names the log file to send to support.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from thidua_desktop import logs

from . import vi

log = logging.getLogger("thidua_desktop.crash")

TITLE = "Lỗi chương trình"
APOLOGY = "Rất tiếc, chương trình gặp lỗi không mong muốn."


def apology_text(log_file: str) -> str:
    return (f"Chi tiết đã được ghi vào tệp nhật ký:\n{log_file}\n\n"
            "Dữ liệu trong sổ thi đua vẫn an toàn: mỗi thay đổi đã được lưu ngay khi bạn làm. "
            "Bạn có thể tiếp tục làm việc; nếu lỗi lặp lại, hãy gửi tệp nhật ký này cho người hỗ trợ.")


class CrashReporter(QObject):
    """Installs sys.excepthook and threading.excepthook; shows at most one apology at a time."""

    _report_from_thread = Signal(str, str)  # summary, traceback text

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._showing = False
        self._previous: tuple[Callable, Callable] | None = None
        self._report_from_thread.connect(self._show)
        self.last_box: QMessageBox | None = None

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    # --- hooks --------------------------------------------------------------------------------

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self._report(exc_type, exc, tb, threading.current_thread().name)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self._report(args.exc_type, args.exc_value, args.exc_traceback,
                     args.thread.name if args.thread else "không rõ")

    def _report(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None,
                thread: str) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.critical("Lỗi không mong muốn (luồng %s):\n%s", thread, text.rstrip())
        logs.flush()
        summary = traceback.format_exception_only(exc_type, exc)[-1].strip()
        app = QApplication.instance()
        if app is None:
            sys.__excepthook__(exc_type, exc, tb)
        elif QThread.currentThread() is app.thread():
            self._show(summary, text)
        else:
            self._report_from_thread.emit(summary, text)  # queued to the GUI thread

    # --- the apology ---------------------------------------------------------------------------

    @Slot(str, str)
    def _show(self, summary: str, text: str) -> None:
        if self._showing:  # already apologising: the log has this one too
            return
        self._showing = True
        try:
            box = self.build_box(QApplication.activeWindow(), text)
            self.last_box = box
            box.exec()
            if box.clickedButton() is box.open_folder_button:
                path = logs.log_path()
                if path is not None:
                    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        finally:
            self._showing = False

    @staticmethod
    def build_box(parent: QWidget | None, detail: str) -> QMessageBox:
        path = logs.log_path() or logs.setup_logging()
        box = vi.message_box(parent, QMessageBox.Icon.Critical, TITLE, APOLOGY,
                             informative=apology_text(str(path)), detail=detail,
                             buttons=QMessageBox.StandardButton.Close)
        folder = box.addButton("Mở thư mục nhật ký", QMessageBox.ButtonRole.ActionRole)
        box.open_folder_button = folder
        box.setObjectName("crash_box")
        return box


def install(parent: QObject | None = None) -> CrashReporter:
    """Create the reporter (a child of `parent`, usually the QApplication) and install its hooks."""
    reporter = CrashReporter(parent)
    reporter.install()
    return reporter
