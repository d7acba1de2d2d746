"""Tệp → Nhận sổ bàn giao…: choose the received file, type the fingerprint from the minutes,
let services/receive check it (and copy it off a USB stick), then open the file to work on and
record the receipt in it. Every refusal is a message; another bloc's file opens only if the
user confirms. Imported when the action runs (services/receive loads SQLAlchemy)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from thidua_desktop.services import receive as receive_service
from thidua_desktop.services.receive import Expected, ReceivedFile, ReceiveError
from thidua_desktop.services.workbook import WorkbookError, inspect

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

TITLE = "Nhận sổ bàn giao"


def expected_bloc(window: MainWindow) -> Expected:
    """The bloc the user works with: the open workbook's, else the most recent file's."""
    if window.workbook is not None:
        return Expected(window.workbook.bloc_uuid, window.workbook.inspection.summary.bloc_name)
    for entry in window.recent.entries():
        if entry.exists:
            try:
                found = inspect(entry.path)
            except WorkbookError:
                continue
            return Expected(found.bloc_uuid, found.summary.bloc_name)
    return Expected()


def _check(window: MainWindow, source: Path, fingerprint: str) -> ReceivedFile | None:
    expected = expected_bloc(window)
    options = {"fingerprint": fingerprint, "expected": expected,
               "removable": window.removable_media or receive_service.is_removable,
               "local_folder": window.received_folder}
    try:
        return receive_service.receive(source, **options)
    except ReceiveError as refused:
        problem = refused
    if problem.can_confirm and window.ask_question(window, TITLE, problem.message, informative="Vẫn mở tệp này?",
                                                   icon=QMessageBox.Icon.Warning):
        try:
            return receive_service.receive(source, accept_other_bloc=True, **options)
        except ReceiveError as again:
            problem = again
    log.info("Không nhận %s: %s", source, problem.problem)
    window.report_problem(window, TITLE, problem.message, icon=QMessageBox.Icon.Warning)
    return None


def receive_handover(window: MainWindow) -> ReceivedFile | None:
    """The whole flow; returns what was received (its file is then opening), or None."""
    start = window.recent.entries()[0].path.parent if window.recent.entries() else Path.home()
    source = window.ask_open_path(window, "Chọn sổ thi đua được bàn giao", start)
    if source is None:
        return None
    fingerprint = window.ask_fingerprint(window, source)
    if fingerprint is None:
        return None
    received = _check(window, source, fingerprint)
    if received is None:
        return None

    def opened(workbook: object) -> None:
        window.workbook_opened.disconnect(opened)
        if window.bridge is None or Path(workbook.path) != received.path:  # another file was opened meanwhile
            return
        window.bridge.attempt(window, receive_service.record_receipt, received)
        checked = "mã kiểm tra khớp biên bản" if received.fingerprint_checked else "chưa đối chiếu mã kiểm tra"
        where = f", đã chép vào {received.path.parent}" if received.copied else ""
        window.statusBar().showMessage(f"Đã nhận sổ bàn giao ({checked}{where}).", 15_000)

    window.workbook_opened.connect(opened)
    if not window.open_path(received.path):
        window.workbook_opened.disconnect(opened)
        return None
    return received
