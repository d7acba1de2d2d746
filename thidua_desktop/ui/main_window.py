"""The main window: start screen or the open workbook, the Tệp, Sửa and Công cụ menus, the
opening flow, and the operator's name.

Opening is staged so the window paints fast: `open_path` runs the cheap read-only
`inspect()` (stdlib sqlite3) and shows the bloc from its summary with "Đang mở…"; only after
that paint does `_finish_opening` call `open_workbook()`, which loads SQLAlchemy and takes
the lock. Every failure goes through the replaceable `show_open_error` hook (tests swap it).

The operator's name goes into the audit log beside every change: asked once (after the first
workbook on this computer is open, never blocking the opening) and kept in the settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QStackedWidget, QWidget

from thidua_desktop import APP_NAME
from thidua_desktop.services import workbook as workbook_service
from thidua_desktop.services.workbook import Inspection, Workbook, WorkbookError

from . import backup_dialogs, fingerprint_dialog, open_errors, operator_dialog, vi
from .backup_actions import BackupActions
from .open_errors import Choice
from .recent_files import RecentFiles
from .start_screen import StartScreen
from .workbook_view import WorkbookView

if TYPE_CHECKING:  # loaded after the first paint: they import SQLAlchemy
    from thidua_desktop.services.workspace import Workspace

    from .bridge import WorkspaceBridge
    from .workspace_view import WorkspaceView

log = logging.getLogger(__name__)

STATUS_OPENING = "Đang mở…"
STATUS_READY = "Sẵn sàng"
STATUS_READ_ONLY = "Chỉ đọc"
PAINT_FALLBACK_MS = 750  # run after-paint work anyway if no paint comes (minimised window)


@dataclass(frozen=True, slots=True)
class _Pending:
    """A workbook shown from its inspection, waiting for the first paint to be opened."""

    path: Path
    inspection: Inspection
    take_over_lock: bool


def window_title(path: Path, inspection: Inspection, year: int | None = None) -> str:
    summary = inspection.summary
    parts = [path.name, summary.bloc_name or "(Chưa đặt tên khối)"]
    year = year if year is not None else summary.current_year
    if year is not None:
        parts.append(f"Năm {year}")
    return " — ".join([*parts, APP_NAME])


def recent_label(inspection: Inspection) -> str:
    summary = inspection.summary
    year = f" — Năm {summary.current_year}" if summary.current_year is not None else ""
    return f"{summary.bloc_name}{year}"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


class MainWindow(QMainWindow):
    workbook_opened = Signal(object)  # Workbook, once open and ready for work
    workbook_closed = Signal()
    opening_failed = Signal(object)  # WorkbookError, after its dialog

    def __init__(self, settings: QSettings, *, operator: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.recent = RecentFiles(settings)
        saved_operator = str(settings.value("operator", "") or "")
        self.operator = operator or saved_operator or workbook_service.default_operator()
        self._operator_unknown = not (operator or saved_operator)  # ask once, after the first opening
        self.workbook: Workbook | None = None
        self.workspace: Workspace | None = None
        self.bridge: WorkspaceBridge | None = None
        self.workspace_view: WorkspaceView | None = None  # built once the workbook is open for work
        self._pending: _Pending | None = None
        self._paint_callbacks: list[Callable[[], None]] = []
        self._paint_flush_scheduled = False

        # Hooks: dialogs the window asks through, replaceable so tests never block.
        self.show_open_error: Callable[..., Choice] = open_errors.show_open_error
        self.ask_open_path: Callable[..., Path | None] = vi.get_open_path
        self.ask_save_path: Callable[..., Path | None] = vi.get_save_path
        self.report_problem: Callable[..., None] = vi.inform
        self.merge_hooks: dict[str, Callable[..., object]] = {}  # tests answer the comparison dialog
        self.run_wizard: Callable[[QWidget], int] = lambda wizard: wizard.exec()
        self.ask_question: Callable[..., bool] = vi.ask
        self.ask_operator_name: Callable[..., str | None] = operator_dialog.ask_operator_name
        self.choose_backup: Callable[..., object] = backup_dialogs.choose_backup  # → BackupInfo | None
        self.ask_fingerprint: Callable[..., str | None] = fingerprint_dialog.ask_fingerprint
        self.removable_media: Callable[[Path], bool] | None = None  # None: services.receive.is_removable
        self.received_folder: Path | None = None  # None: "Sổ nhận bàn giao" in the user data folder
        self.backups = BackupActions(self)

        self.start_screen = StartScreen(self)
        self.workbook_view = WorkbookView(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.start_screen)
        self.stack.addWidget(self.workbook_view)
        self.setCentralWidget(self.stack)
        self.operator_label = QLabel(self)
        self.operator_label.setObjectName("operator_label")
        self.operator_label.setToolTip("Tên được ghi vào nhật ký thay đổi. Đổi trong Công cụ → Đổi tên người thao tác.")
        self.operator_label.setContentsMargins(8, 0, 14, 0)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("state_label")
        self.statusBar().addPermanentWidget(self.operator_label)
        self.statusBar().addPermanentWidget(self.state_label)
        self._show_operator()

        self._build_menus()
        self.start_screen.open_requested.connect(self.choose_and_open)
        self.start_screen.new_bloc_requested.connect(self.create_new_bloc)
        self.start_screen.demo_requested.connect(self.open_demo)
        self.start_screen.recent_chosen.connect(self.open_path)
        self._restore_geometry()
        self._show_start()

    # --- menus --------------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Tệp")
        self.open_action = self._action("&Mở sổ thi đua…", self.choose_and_open, QKeySequence.StandardKey.Open)
        self.recent_menu = QMenu("Tệp &gần đây", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.receive_action = self._action("&Nhận sổ bàn giao…", self.receive_handover)
        self.receive_action.setStatusTip("Mở sổ do đơn vị Trưởng khối năm trước bàn giao: kiểm tra mã, chép vào máy")
        self.merge_action = self._action("So sánh và &gộp với bản sao khác…", self.merge_other_copy)
        self.merge_action.setStatusTip("Hai bản sao của cùng một sổ đều đã sửa sau khi tách ra: xem từng thay đổi, "
                                       "chọn giữ bản nào, ghi ra tệp mới")
        self.save_copy_action = self._action("&Lưu bản sao…", self.save_copy, "Ctrl+Shift+S")
        self.close_action = self._action("Đó&ng sổ", self.close_workbook, QKeySequence.StandardKey.Close)
        self.quit_action = self._action("&Thoát", self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        menu.addAction(self.open_action)
        menu.addMenu(self.recent_menu)
        menu.addAction(self.receive_action)
        menu.addAction(self.merge_action)
        menu.addSeparator()
        menu.addAction(self.save_copy_action)
        menu.addAction(self.close_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        self.file_menu = menu

        edit = self.menuBar().addMenu("&Sửa")
        self.undo_action = self._action("&Hoàn tác", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("&Làm lại", self.redo, "Ctrl+Y")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        self.edit_menu = edit

        tools = self.menuBar().addMenu("&Công cụ")
        self.backup_now_action = self._action("Sao lưu &ngay", self.backups.backup_now)
        self.check_file_action = self._action("&Kiểm tra tệp", self.backups.check_file)
        self.restore_action = self._action("Khôi &phục từ bản sao lưu…", self.backups.restore)
        self.operator_action = self._action("Đổi &tên người thao tác…", self.change_operator)
        self.backup_now_action.setStatusTip("Chép ngay sổ đang mở vào thư mục sao lưu")
        self.check_file_action.setStatusTip("Kiểm tra toàn bộ tệp sổ thi đua xem có hỏng không")
        self.restore_action.setStatusTip("Ghi một bản sao lưu ra tệp mới; sổ đang mở không bị thay đổi")
        tools.addAction(self.backup_now_action)
        tools.addAction(self.check_file_action)
        tools.addAction(self.restore_action)
        tools.addSeparator()
        tools.addAction(self.operator_action)
        self.tools_menu = tools

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        entries = self.recent.entries()
        if not entries:
            empty = self.recent_menu.addAction("(Chưa có tệp nào)")
            empty.setEnabled(False)
            return
        for number, entry in enumerate(entries, start=1):
            text = f"{entry.path.name} — {entry.label}" if entry.label else entry.path.name
            if not entry.exists:
                text += " (không tìm thấy)"
            action = self.recent_menu.addAction(f"&{number}  " + text.replace("&", "&&"))
            action.setToolTip(str(entry.path))
            action.setStatusTip(str(entry.path))
            action.setEnabled(entry.exists)
            action.triggered.connect(lambda _checked=False, p=entry.path: self.open_path(p))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self._action("&Xóa danh sách", self._clear_recent))

    def _clear_recent(self) -> None:
        self.recent.clear()
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        self.start_screen.set_recent(self.recent.entries())

    def _update_actions(self) -> None:
        has = self.workbook is not None
        self.save_copy_action.setEnabled(has)
        self.merge_action.setEnabled(has)
        self.backup_now_action.setEnabled(has)
        self.check_file_action.setEnabled(has)
        self.close_action.setEnabled(has or self._pending is not None)
        ws = self.workspace
        undo, redo = (ws.undo_text, ws.redo_text) if ws and not ws.read_only else (None, None)
        self.undo_action.setEnabled(undo is not None)
        self.undo_action.setText(f"&Hoàn tác: {undo}" if undo else "&Hoàn tác")
        self.redo_action.setEnabled(redo is not None)
        self.redo_action.setText(f"&Làm lại: {redo}" if redo else "&Làm lại")

    # --- the operator -------------------------------------------------------------------------

    def change_operator(self) -> None:
        name = self.ask_operator_name(self, self.operator, first_time=False)
        if name:
            self.set_operator(name)
            self.statusBar().showMessage(f"Từ bây giờ nhật ký ghi tên người thao tác: {name}", 8000)

    def set_operator(self, name: str) -> None:
        """Use `name` for every change from now on, here and at the next start."""
        self.operator = name
        self._operator_unknown = False
        self.settings.setValue("operator", name)
        self.settings.sync()
        if self.workspace is not None:
            self.workspace.operator = name
        self._show_operator()

    def _ask_operator_once(self) -> None:
        if not self._operator_unknown:
            return
        self._operator_unknown = False  # cancelled: the account name serves until the next start
        name = self.ask_operator_name(self, "", first_time=True)
        if name:
            self.set_operator(name)

    def _show_operator(self) -> None:
        self.operator_label.setText(f"Người thao tác: {self.operator}")

    # --- undo and redo ------------------------------------------------------------------------

    def undo(self) -> None:
        if self.bridge is not None:
            done = self.bridge.attempt(self, lambda ws: ws.undo())
            if done:
                self.statusBar().showMessage(f"Đã hoàn tác: {done}", 5000)
        self._update_actions()

    def redo(self) -> None:
        if self.bridge is not None:
            done = self.bridge.attempt(self, lambda ws: ws.redo())
            if done:
                self.statusBar().showMessage(f"Đã làm lại: {done}", 5000)
        self._update_actions()

    # --- after the first paint ----------------------------------------------------------------

    def after_paint(self, fn: Callable[[], None]) -> None:
        """Run `fn` once the window has painted its current content (or soon, if it cannot)."""
        done = False

        def once() -> None:
            nonlocal done
            if not done:
                done = True
                fn()

        self._paint_callbacks.append(once)
        self.update()
        QTimer.singleShot(PAINT_FALLBACK_MS, self, once)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self._paint_callbacks and not self._paint_flush_scheduled:
            self._paint_flush_scheduled = True
            QTimer.singleShot(0, self, self._run_paint_callbacks)  # after children are painted and flushed

    def _run_paint_callbacks(self) -> None:
        self._paint_flush_scheduled = False
        callbacks, self._paint_callbacks = self._paint_callbacks, []
        for fn in callbacks:
            fn()

    # --- opening ------------------------------------------------------------------------------

    def choose_and_open(self) -> None:
        start = self.recent.entries()[0].path.parent if self.recent.entries() else Path.home()
        path = self.ask_open_path(self, "Mở sổ thi đua", start)
        if path is not None:
            self.open_path(path)

    def create_new_bloc(self) -> Path | None:
        """The first-run wizard; the new workbook opens at once."""
        from .first_run import run_new_bloc_wizard

        path = run_new_bloc_wizard(self, self.run_wizard)
        if path is not None:
            self.open_path(path)
        return path

    def open_demo(self) -> None:
        from .first_run import demo_path

        self.open_path(demo_path())

    def open_path(self, path: Path | str) -> bool:
        """Show the workbook at `path` from a quick read-only look; open it for work after the paint.

        Returns False when the file was refused (its dialog has been shown).
        """
        path = Path(path)
        current = self._pending.path if self._pending else self.workbook.path if self.workbook else None
        if current is not None and _same_file(current, path):
            return True
        try:
            inspection = workbook_service.inspect(path)
        except WorkbookError as error:
            log.info("Không mở được %s: %s", path, error.problem)
            self._refused(error)
            return False
        self.close_workbook()
        self._pending = _Pending(path, inspection, take_over_lock=False)
        self.setWindowTitle(window_title(path, inspection))
        self.workbook_view.set_summary(inspection.summary)
        self.stack.setCurrentWidget(self.workbook_view)
        self.state_label.setText(STATUS_OPENING)
        self.recent.add(path, recent_label(inspection))
        self._update_actions()
        self.after_paint(self._finish_opening)
        return True

    def _finish_opening(self) -> None:
        pending = self._pending
        if pending is None:  # closed before the paint came
            return
        try:
            workbook = workbook_service.open_workbook(pending.path, operator=self.operator,
                                                      take_over_lock=pending.take_over_lock,
                                                      inspection=pending.inspection)
        except WorkbookError as error:
            log.info("Không mở được %s: %s", pending.path, error.problem)
            if self._refused(error, pending=pending) is Choice.TAKE_OVER:
                self._pending = replace(pending, take_over_lock=True)
                self._finish_opening()
            return
        except BaseException:
            self._pending = None
            self._show_start()
            raise
        self._pending = None
        self.workbook = workbook
        self.workbook_view.set_summary(workbook.inspection.summary)  # an upgrade may have changed it
        self.state_label.setText(STATUS_READ_ONLY if workbook.read_only else STATUS_READY)
        self._start_workspace(workbook)
        self._update_actions()
        log.info("Đã mở %s (%s)", workbook.path, "chỉ đọc" if workbook.read_only else "ghi được")
        self.backups.opened(workbook)
        self.workbook_opened.emit(workbook)
        if self._operator_unknown:
            QTimer.singleShot(0, self, self._ask_operator_once)

    def _start_workspace(self, workbook: Workbook) -> None:
        """Build the pages over the open workbook and show them in place of the summary view."""
        from thidua_desktop.services.workspace import Workspace

        from .bridge import WorkspaceBridge
        from .pages.base import PageContext
        from .workspace_view import WorkspaceView

        self.workspace = Workspace(workbook, self.operator)
        self.bridge = WorkspaceBridge(self.workspace, self)
        self.bridge.changed.connect(lambda _event: self._update_actions())
        ctx = PageContext(self.workspace, self.bridge, self.settings)
        view = WorkspaceView(ctx, workbook.inspection.summary.bloc_name, self)
        view.year_changed.connect(self._on_year_changed)
        self.workspace_view = view
        self._show_read_only(handed_over=workbook.inspection.handed_over is not None)
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self._on_year_changed(view.year)

    def _show_read_only(self, *, handed_over: bool) -> None:
        workbook, view = self.workbook, self.workspace_view
        if workbook is None or view is None or not workbook.read_only:
            return
        self.state_label.setText(STATUS_READ_ONLY)
        if handed_over:  # a copy would be as read-only: the work goes on in the receiver's file
            view.notice.show_notice(workbook.read_only_reason or "")
        else:
            view.notice.show_notice(
                f"Sổ đang mở ở chế độ chỉ đọc, mọi thay đổi sẽ không được lưu. {workbook.read_only_reason}",
                "Lưu bản sao để làm việc…", self.save_copy)

    def handed_over(self) -> None:
        """The open workbook was just handed over: it is read-only now; say so everywhere."""
        self._show_read_only(handed_over=True)
        if self.workspace_view is not None:
            self.workspace_view.reload_years()
        self._update_actions()

    def receive_handover(self) -> None:
        """Tệp → Nhận sổ bàn giao… (ui/receive_flow.py; it loads the receiving service)."""
        from .receive_flow import receive_handover

        receive_handover(self)

    def merge_other_copy(self) -> Path | None:
        """Tệp → So sánh và gộp…: the open workbook is bản A; the merge is a new file, opened here."""
        from .diverged_dialog import merge_with_other_copy

        if self.workbook is None:
            return None
        merged = merge_with_other_copy(self, self.workbook.path, operator=self.operator,
                                       ask_open_path=self.ask_open_path, ask_save_path=self.ask_save_path,
                                       report=self.report_problem, **self.merge_hooks)
        if merged is not None:
            self.open_path(merged)
        return merged

    def _on_year_changed(self, year) -> None:  # noqa: ANN001 - YearRef | None
        if self.workbook is not None:
            self.setWindowTitle(window_title(self.workbook.path, self.workbook.inspection,
                                             year.year if year is not None else None))

    def _refused(self, error: WorkbookError, *, pending: _Pending | None = None) -> Choice:
        """Show the dialog for a refusal and act on the choice. A refusal after the paint (`pending`:
        the lock, an old format on a read-only disk) leaves the shown workbook for the start screen;
        one from inspect() leaves the window as it was."""
        choice = self.show_open_error(self, error, in_recent=error.path in self.recent)
        if choice is Choice.TAKE_OVER and pending is not None:
            return choice
        if choice is Choice.FORGET:
            self.recent.remove(error.path)
        if pending is not None:
            self._pending = None
            self._show_start()
        else:
            self._refresh_recent()
        self.opening_failed.emit(error)
        return choice

    # --- copy and close -----------------------------------------------------------------------

    def save_copy(self) -> Path | None:
        workbook = self.workbook
        if workbook is None:
            return None
        suggested = workbook.path.with_name(f"{workbook.path.stem} - bản sao {date.today():%d-%m-%Y}.thidua")
        dest = self.ask_save_path(self, "Lưu bản sao sổ thi đua", suggested)
        if dest is None:
            return None
        try:
            workbook_service.save_copy(workbook, dest)
        except ValueError as exc:
            self.report_problem(self, "Không lưu được bản sao", str(exc), icon=QMessageBox.Icon.Warning)
            return None
        except Exception as exc:  # disk full, no permission, a USB stick pulled out
            log.exception("Lưu bản sao vào %s thất bại", dest)
            self.report_problem(self, "Không lưu được bản sao", f"Không lưu được bản sao vào “{dest}”.",
                                informative=str(exc), icon=QMessageBox.Icon.Warning)
            return None
        log.info("Đã lưu bản sao %s → %s", workbook.path, dest)
        self.statusBar().showMessage(f"Đã lưu bản sao: {dest}", 10_000)
        return dest

    def close_workbook(self) -> None:
        """Close the open workbook (releasing its lock) and go back to the start screen."""
        had = self.workbook is not None or self._pending is not None
        self._pending = None
        if self.workspace_view is not None:
            self.stack.removeWidget(self.workspace_view)
            self.workspace_view.deleteLater()
            self.workspace_view = None
        if self.bridge is not None:
            self.bridge.detach()
            self.bridge = None
        self.workspace = None
        if self.workbook is not None:
            workbook, self.workbook = self.workbook, None
            self.backups.closing(workbook)
            workbook.close()
            log.info("Đã đóng %s", workbook.path)
        if had:
            self._show_start()
            self.workbook_closed.emit()

    def _show_start(self) -> None:
        self.workbook_view.clear()
        self.stack.setCurrentWidget(self.start_screen)
        self.setWindowTitle(APP_NAME)
        self.state_label.setText("")
        self._refresh_recent()
        self._update_actions()

    # --- window -------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        self.close_workbook()
        event.accept()


def open_path(window: MainWindow, path: Path | str) -> bool:
    """Open `path` in `window` as the command line does (the workbook is ready after the next paint)."""
    return window.open_path(path)
