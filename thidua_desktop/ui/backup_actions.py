"""Keeping the workbook safe, for the main window: Sao lưu ngay, Kiểm tra tệp, Khôi phục từ bản
sao lưu, and the automatic backups (when a workbook is closed, and at most once a day while it
is open: checked at opening and every hour).

A failed backup is a status-bar line or a warning, never a traceback: the secretary's work goes
on, and the next automatic backup tries again. A read-only workbook is backed up only on request.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from thidua_desktop.services import backups, recovery
from thidua_desktop.services.backups import BackupError, BackupInfo
from thidua_desktop.services.workbook import Workbook, WorkbookError

from .backup_dialogs import CHECK_TITLE, RESTORE_TITLE, integrity_message

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

DAILY_CHECK_MS = 60 * 60 * 1000  # how often an open workbook looks whether its daily backup is due
BACKUP_FAILURES = (BackupError, OSError, sqlite3.Error)
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|]+')


class BackupActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setInterval(DAILY_CHECK_MS)
        self.timer.timeout.connect(self.daily_if_due)

    def _say(self, text: str, ms: int = 10_000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # --- automatic ----------------------------------------------------------------------------

    def opened(self, workbook: Workbook) -> None:
        if not workbook.read_only:
            self.daily_if_due()
            self.timer.start()

    def closing(self, workbook: Workbook) -> None:
        self.timer.stop()
        if not workbook.read_only:
            self._automatic(workbook, "close")

    def daily_if_due(self) -> None:
        workbook = self.window.workbook
        if workbook is None or workbook.read_only:
            return
        self._automatic(workbook, "daily", only_if=backups.daily_backup_due)

    def _automatic(self, workbook: Workbook, reason: str,
                   only_if: Callable[[Workbook], bool] = lambda _workbook: True) -> None:
        try:
            if not only_if(workbook):
                return
            path = backups.make_backup(workbook, reason)
        except BACKUP_FAILURES as exc:
            log.warning("Tự động sao lưu %s (%s) không được: %s", workbook.path, reason, exc)
            self._say(f"Không tự động sao lưu được: {_message(exc)}", 30_000)
            return
        log.info("Đã tự động sao lưu %s (%s) → %s", workbook.path, reason, path)
        self._say(f"Đã tự động sao lưu sổ ({backups.REASONS[reason]}): {path}")

    # --- on request ---------------------------------------------------------------------------

    def backup_now(self) -> Path | None:
        window, workbook = self.window, self.window.workbook
        if workbook is None:
            return None
        try:
            path = backups.make_backup(workbook, "manual")
        except BACKUP_FAILURES as exc:
            log.warning("Sao lưu %s không được: %s", workbook.path, exc)
            window.report_problem(window, "Không sao lưu được", _message(exc), icon=QMessageBox.Icon.Warning)
            return None
        log.info("Đã sao lưu %s → %s", workbook.path, path)
        self._say(f"Đã sao lưu: {path}", 15_000)
        return path

    def check_file(self) -> bool | None:
        """Run the full check of the open file and say what it found; True when it is sound."""
        window, workbook = self.window, self.window.workbook
        if workbook is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            problems = workbook.integrity_report()
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        finally:
            QApplication.restoreOverrideCursor()
        sound, text, informative = integrity_message(workbook.path.name, problems)
        log.info("Kiểm tra tệp %s: %s", workbook.path, "nguyên vẹn" if sound else problems)
        window.report_problem(window, CHECK_TITLE, text, informative=informative,
                              icon=QMessageBox.Icon.Information if sound else QMessageBox.Icon.Warning)
        return sound

    def restore(self) -> Path | None:
        """Choose a backup, write it to a new file, and offer to open that file."""
        window, workbook = self.window, self.window.workbook
        try:
            if workbook is not None:
                found, folder = backups.list_backups(workbook.bloc_uuid), backups.folder_for(workbook.bloc_uuid)
            else:  # the workbook may not open at all: offer every bloc's backups
                found, folder = recovery.all_backups(), None
        except OSError as exc:
            window.report_problem(window, RESTORE_TITLE, f"Không đọc được thư mục sao lưu: {exc}",
                                  icon=QMessageBox.Icon.Warning)
            return None
        if not found:
            window.report_problem(window, RESTORE_TITLE, "Chưa có bản sao lưu nào.",
                                  informative="Sổ được tự động sao lưu mỗi ngày và mỗi khi đóng sổ; "
                                              "cũng có thể sao lưu bất cứ lúc nào bằng Công cụ → Sao lưu ngay.")
            return None
        chosen = window.choose_backup(window, found, folder=folder, with_bloc=workbook is None)
        if chosen is None:
            return None
        dest = window.ask_save_path(window, "Lưu bản khôi phục thành tệp mới", _suggested_path(window, chosen))
        if dest is None:
            return None
        try:
            backups.restore(chosen.path, dest, open_workbook_path=workbook.path if workbook else None)
        except (BackupError, WorkbookError, OSError, sqlite3.Error) as exc:
            log.warning("Khôi phục %s → %s không được: %s", chosen.path, dest, exc)
            window.report_problem(window, "Không khôi phục được", _message(exc), icon=QMessageBox.Icon.Warning)
            return None
        log.info("Đã khôi phục %s → %s", chosen.path, dest)
        self._say(f"Đã khôi phục vào tệp mới: {dest}", 15_000)
        when = chosen.made_at.strftime("%d/%m/%Y %H:%M")
        closing = " Sổ đang mở sẽ được đóng (và tự động sao lưu)." if workbook is not None else ""
        if window.ask_question(window, RESTORE_TITLE, f"Đã khôi phục bản sao lưu lúc {when} vào tệp mới “{dest.name}”.",
                               informative=f"Mở tệp này ngay bây giờ?{closing}", default_yes=True):
            window.open_path(dest)
        return dest


def _message(exc: BaseException) -> str:
    return getattr(exc, "message", None) or str(exc)


def _suggested_path(window: MainWindow, chosen: BackupInfo) -> Path:
    """Beside the open workbook (or the last one used), named after it and the backup's time."""
    workbook = window.workbook
    if workbook is not None:
        folder, base = workbook.path.parent, workbook.path.stem
    else:
        recent = window.recent.entries()
        folder = recent[0].path.parent if recent else Path.home()
        base = _UNSAFE_IN_FILE_NAMES.sub(" ", chosen.summary.bloc_name if chosen.summary else "Sổ thi đua").strip()
    return folder / f"{base} - khôi phục {chosen.made_at:%d-%m-%Y %Hh%M}.thidua"
