"""The Excel exchange of a scoring period, as the secretary does it from the Chấm điểm page:
send every unit its self-scoring template, take the filled sheets back in (preview, then all
or nothing), and export the summary for printing.

The file choosers and the preview dialog are replaceable attributes, so tests drive the
whole flow without a modal window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QPushButton, QWidget

from thidua_desktop.services import excel_exchange, score_import

from . import vi
from .bridge import WorkspaceBridge
from .import_preview_dialog import ImportPreviewDialog
from .progress import with_progress

LAST_FOLDER_KEY = "excel/last_folder"


class ScoreExcelActions(QPushButton):
    """A "Excel" button with the three actions; `period` answers the period shown (or None)."""

    def __init__(self, bridge: WorkspaceBridge, settings: QSettings, period: Callable[[], tuple[int, str] | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.settings = settings
        self.period = period
        self.setObjectName("excel_actions")
        self.setText("Trao đổi Excel")
        self.setToolTip("Trao đổi bảng tự chấm với các đơn vị qua tệp Excel")
        menu = QMenu(self)
        self.templates_action = menu.addAction("Gửi mẫu tự chấm cho các đơn vị…", self.write_templates)
        self.import_action = menu.addAction("Nhập bảng tự chấm các đơn vị gửi lại…", self.import_sheets)
        menu.addSeparator()
        self.summary_action = menu.addAction("Xuất bảng tổng hợp điểm để in…", self.export_summary)
        self.setMenu(menu)
        # Replaceable so tests answer without modal dialogs.
        self.ask_folder: Callable[..., Path | None] = vi.get_folder
        self.ask_files: Callable[..., list[Path]] = vi.get_open_paths
        self.ask_save: Callable[..., Path | None] = vi.get_save_path
        self.confirm_import: Callable[[ImportPreviewDialog], bool] = \
            lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted

    def set_writable(self, writable: bool) -> None:
        """Templates and the summary can be written from a locked period; importing cannot."""
        self.import_action.setEnabled(writable)

    # --- helpers -----------------------------------------------------------------------------

    def _folder(self) -> Path:
        saved = self.settings.value(LAST_FOLDER_KEY, "")
        return Path(saved) if saved and Path(saved).is_dir() else \
            vi.documents_folder()

    def _remember(self, path: Path) -> None:
        self.settings.setValue(LAST_FOLDER_KEY, str(path if path.is_dir() else path.parent))

    def _say(self, title: str, text: str, *, warning: bool = False) -> None:
        self.bridge.report(self.window(), title, text,
                           icon=QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)

    # --- the actions -------------------------------------------------------------------------

    def write_templates(self) -> list[Path]:
        period = self.period()
        if period is None:
            return []
        period_id, label = period
        folder = self.ask_folder(self.window(), f"Chọn thư mục lưu mẫu tự chấm {label.lower()}", self._folder())
        if folder is None:
            return []
        self._remember(folder)
        try:
            written, cancelled = with_progress(
                self.window(), "Đang ghi mẫu tự chấm…",
                lambda progress: excel_exchange.write_templates(self.bridge.workspace, period_id, folder, progress))
        except OSError as error:
            self._say("Không ghi được mẫu", f"Không ghi được vào thư mục {folder}: {error.strerror or error}.",
                      warning=True)
            return []
        stopped = " (đã dừng theo yêu cầu; các tệp đã ghi vẫn giữ)" if cancelled else ""
        self._say("Đã ghi mẫu tự chấm", f"Đã ghi {len(written)} tệp mẫu tự chấm vào thư mục:\n{folder}{stopped}.\n\n"
                  "Gửi mỗi đơn vị tệp mang tên đơn vị mình; khi nhận lại, chọn “Nhập bảng tự chấm…”.")
        return written

    def import_sheets(self) -> int:
        period = self.period()
        if period is None:
            return 0
        period_id, _label = period
        paths = self.ask_files(self.window(), "Chọn các tệp Excel các đơn vị gửi lại", self._folder())
        if not paths:
            return 0
        self._remember(paths[0])
        preview, _cancelled = with_progress(
            self.window(), "Đang đọc các tệp…",
            lambda progress: score_import.preview(self.bridge.workspace, period_id, paths, progress))
        if preview is None:
            return 0
        dialog = ImportPreviewDialog(preview, self.settings, self.window())
        try:
            if not self.confirm_import(dialog) or not preview.can_apply:
                return 0
        finally:
            dialog.deleteLater()
        written = self.bridge.attempt(self.window(), score_import.apply, preview)
        if written:
            self._say("Đã nhập", f"Đã nhập {written} số liệu từ {preview.files} tệp (Ctrl+Z để hoàn tác).")
        return written or 0

    def export_summary(self) -> Path | None:
        period = self.period()
        if period is None:
            return None
        period_id, label = period
        suggested = self._folder() / excel_exchange.summary_file_name(self.bridge.workspace, period_id)
        path = self.ask_save(self.window(), f"Lưu bảng tổng hợp điểm {label.lower()}", suggested,
                             filters=(vi.EXCEL_FILTER,), suffix="xlsx")
        if path is None:
            return None
        self._remember(path)
        try:
            excel_exchange.summary(self.bridge.workspace, period_id, path)
        except OSError as error:
            self._say("Không ghi được tệp", f"Không ghi được {path.name}: {error.strerror or error}. Tệp có đang mở "
                      "trong Excel không?", warning=True)
            return None
        self._say("Đã xuất bảng tổng hợp", f"Đã lưu {path}.")
        return path
