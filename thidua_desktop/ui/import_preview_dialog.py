"""What an import of filled Excel sheets would do, before anything is written: every problem
with its file, sheet, cell and reason; every figure that would change, old → new; and the
conversions made on the way (legacy fonts). "Nhập tất cả" is offered only when there is no
problem at all: an import is all or nothing."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from thidua_desktop.domain.text import vi_sort_key
from thidua_desktop.services.score_import import ImportPreview

from . import vi
from .record_table import Field, RecordTable

PROBLEM_FIELDS = (
    Field("Tệp", lambda p: p.file, width=44),
    Field("Trang", lambda p: p.sheet or "", width=12),
    Field("Ô", lambda p: f"{p.column or ''}{p.row}" if p.row is not None else "", width=6),
    Field("Lý do", lambda p: p.reason, width=0),
)
CHANGE_FIELDS = (
    Field("Đơn vị", lambda c: c.unit, width=28),
    Field("Mã", lambda c: c.code, width=6),
    Field("Nội dung", lambda c: c.what, width=14),
    Field("Hiện có", lambda c: c.old, width=12),
    Field("Sẽ thành", lambda c: c.new, width=12),
    Field("Tệp", lambda c: c.file, width=0),
)
NOTICE_FIELDS = (
    Field("Tệp", lambda n: n.file, width=44),
    Field("Ô", lambda n: n.cell, width=8),
    Field("Đã xử lý", lambda n: n.message, width=0),
)


def headline(preview: ImportPreview) -> str:
    units = len({unit for unit, _ in preview.writes})
    if preview.problems:
        return (f"<b style='color:#b00020'>Có {len(preview.problems)} lỗi trong {preview.files} tệp — chưa nhập "
                "gì cả.</b> Sửa các tệp theo danh sách dưới đây (Ctrl+C để sao chép) rồi chọn lại.")
    if not preview.writes:
        return f"Đã đọc {preview.files} tệp: không có số liệu nào khác với số liệu đã có."
    return (f"Đã đọc {preview.files} tệp, không có lỗi. Sẽ ghi <b>{len(preview.changes)}</b> thay đổi của "
            f"<b>{units}</b> đơn vị trong một lần (sao lưu sổ trước khi ghi; Ctrl+Z để hoàn tác).")


class ImportPreviewDialog(QDialog):
    def __init__(self, preview: ImportPreview, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_preview")
        self.setWindowTitle("Nhập bảng tự chấm từ Excel — xem trước")
        self.preview = preview
        self.summary = QLabel(headline(preview), self)
        self.summary.setObjectName("import_headline")
        self.summary.setWordWrap(True)

        def table(fields: tuple[Field, ...], records: list, key: str) -> RecordTable:
            view = RecordTable(fields, search=lambda r: " ".join(f.text(r) for f in fields), settings=settings,
                               key=key, parent=self)
            view.set_records(records)
            return view

        self.tabs = QTabWidget(self)
        self.problems = table(PROBLEM_FIELDS, preview.problems, "import_problems")
        self.changes = table(CHANGE_FIELDS, sorted(preview.changes, key=lambda c: vi_sort_key(c.unit)), "import_changes")
        self.notices = table(NOTICE_FIELDS, preview.notices, "import_notices")
        for view, label, shown in ((self.problems, "Lỗi", bool(preview.problems)), (self.changes, "Thay đổi", True),
                                   (self.notices, "Đã chuyển đổi", bool(preview.notices))):
            if shown:
                self.tabs.addTab(view, f"{label} ({view.source.rowCount()})")
            else:
                view.hide()

        buttons = vi.button_box(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = buttons.addButton("Nhập tất cả", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("apply_import")
        self.apply_button.setEnabled(preview.can_apply)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(1000, 560)
