"""Văn bản: every document of the year in the order of the year's work — covenant, minutes,
vote-counting minutes, ballots, tờ trình, score table, report, lists — with what is still
missing for each; a preview of any of them (nothing numbered), issuing with the year's number
series (or a number typed by hand), the wording of each kind adjusted as data, and the
register of what was issued with each file's SHA-256."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from thidua_desktop.services import document_templates, documents, issuing
from thidua_desktop.services.documents import DocumentKind, ProducedDocument

from .. import vi
from ..document_dialogs import IssueDialog, TemplateDialog
from ..document_preview import DocumentPreview
from ..form_dialog import exec_dialog
from ..hint import hint_label
from ..record_table import Field, RecordTable, date_sort, date_text
from .base import Page, PageContext

FOLDER_KEY = "documents/folder"
READY = "Sẵn sàng"



@dataclass(frozen=True, slots=True)
class KindRow:
    """A document kind and its place in the catalogue, which is the order of the year's work."""

    position: int
    kind: DocumentKind


KIND_FIELDS = (
    Field("Văn bản", lambda r: r.kind.name, lambda r: r.position, width=0),
    Field("Khổ giấy", lambda r: "A4 ngang" if r.kind.landscape else "A4 dọc", width=9),
    Field("Bản Word", lambda r: "có" if r.kind.has_docx else "", width=8),
    Field("Tình trạng", lambda r: r.kind.missing or READY, width=34),
)
ISSUED_FIELDS = (
    Field("Số, ký hiệu", lambda d: d.number_text or "", width=14),
    Field("Ngày", lambda d: date_text(d.issued_on), lambda d: date_sort(d.issued_on), width=10),
    Field("Văn bản", lambda d: d.title, width=0),
    Field("Người ký", lambda d: d.signer_name or "", width=18),
    Field("Tệp", lambda d: d.file_name or "", width=30),
    Field("Mã kiểm tra (SHA-256)", lambda d: (d.sha256 or "")[:16] + "…", width=18),
)


class DocumentsPage(Page):
    title = "Văn bản"
    tables = frozenset({"issued_document", "document_template", "meeting", "attendance", "vote_round",
                        "vote_candidate", "proposal", "covenant", "covenant_signatory", "registration",
                        "period_result", "evaluation_period", "membership", "unit", "commendation", "decision"})

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # Replaceable so tests answer without modal windows.
        self.run_dialog: Callable[[object], bool] = exec_dialog
        self.ask_folder: Callable[..., Path | None] = vi.get_folder
        self.show_document: Callable[[DocumentPreview], None] = lambda preview: preview.show()
        self._previews = tempfile.TemporaryDirectory(prefix="thidua-xem-truoc-")
        self.destroyed.connect(self._previews.cleanup)

        self.kinds = RecordTable(KIND_FIELDS, search=lambda r: r.kind.name, settings=ctx.settings,
                                 key="document_kinds", identity=lambda r: r.kind.key, parent=self)
        self.kinds.setObjectName("document_kinds")
        self.kinds.record_activated.connect(lambda _k: self.preview())
        self.kinds.current_changed.connect(lambda _k: self._enable())
        self.preview_button = QPushButton("&Xem trước", self)
        self.preview_button.clicked.connect(self.preview)
        self.issue_button = QPushButton("&Ban hành…", self)
        self.issue_button.clicked.connect(self.issue)
        self.template_button = QPushButton("Sửa &mẫu…", self)
        self.template_button.clicked.connect(self.edit_template)
        self.folder_label = QLabel(self)
        self.folder_label.setObjectName("documents_folder")
        self.folder_label.setWordWrap(True)
        self.folder_button = QPushButton("Đổi thư mục…", self)
        self.folder_button.clicked.connect(self.choose_folder)
        self.issued = RecordTable(ISSUED_FIELDS, search=lambda d: f"{d.number_text or ''} {d.title}",
                                  settings=ctx.settings, key="issued_documents", identity=lambda d: d.id, parent=self)
        self.issued.setObjectName("issued_documents")
        self.issued.record_activated.connect(self.open_issued)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(hint_label("Xem trước không lấy số. “Ban hành” lấy số tiếp theo trong sổ văn bản của năm "
                                        "(hoặc số gõ tay), lưu tệp PDF và bản Word, ghi vào sổ văn bản bên dưới.", top))
        top_layout.addWidget(self.kinds, 1)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.issue_button, self.template_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top_layout.addLayout(buttons)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(QLabel("<b>Sổ văn bản đã ban hành</b> (bấm đúp để mở lại)", bottom))
        bottom_layout.addWidget(self.issued, 1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)
        bottom_layout.addLayout(folder_row)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    # --- loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        ws = self.ctx.workspace
        kinds = documents.available_documents(ws, self.year.id) if self.year else []
        self.kinds.set_records(KindRow(i, kind) for i, kind in enumerate(kinds))
        self.issued.set_records(issuing.issued_documents(ws, self.year.id) if self.year else [])
        if self.kinds.current_record() is None and self.kinds.source.rowCount():
            self.kinds.select(lambda _k: True)
        self.folder_label.setText(f"Thư mục lưu văn bản: {self.folder()}")
        self._enable()

    def _enable(self) -> None:
        kind = self.current_kind()
        ready = kind is not None and kind.missing is None
        self.preview_button.setEnabled(ready)
        self.issue_button.setEnabled(ready and self.editable)
        self.template_button.setEnabled(kind is not None)

    def current_kind(self) -> DocumentKind | None:
        row = self.kinds.current_record()
        return row.kind if row else None

    def folder(self) -> Path:
        saved = self.ctx.settings.value(FOLDER_KEY, "")
        if saved:
            return Path(saved)
        return vi.documents_folder() / "Văn bản thi đua"

    def choose_folder(self) -> Path | None:
        chosen = self.ask_folder(self, "Chọn thư mục lưu văn bản (mỗi năm một thư mục con)", self.folder())
        if chosen is not None:
            self.ctx.settings.setValue(FOLDER_KEY, str(chosen))
            self.folder_label.setText(f"Thư mục lưu văn bản: {chosen}")
        return chosen

    # --- actions -----------------------------------------------------------------------------

    def _produce(self, kind: DocumentKind, out: Path, **kwargs: object) -> ProducedDocument | None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return self.ctx.bridge.attempt(self, documents.produce, self.year.id, kind.key, out, **kwargs)
        finally:
            QApplication.restoreOverrideCursor()

    def _show(self, kind_name: str, pdf: Path, docx: Path | None) -> DocumentPreview:
        preview = DocumentPreview(kind_name, pdf, docx=docx, suggested_name=pdf.stem, parent=self.window())
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.show_document(preview)
        return preview

    def preview(self) -> DocumentPreview | None:
        kind = self.current_kind()
        if kind is None or kind.missing is not None or self.year is None:
            return None
        produced = self._produce(kind, Path(tempfile.mkdtemp(dir=self._previews.name)))
        return self._show(kind.name, produced.pdf_path, produced.docx_path) if produced else None

    def issue(self) -> DocumentPreview | None:
        kind = self.current_kind()
        if kind is None or kind.missing is not None or self.year is None or not self.editable:
            return None
        next_text = self.ctx.bridge.attempt(self, documents.next_number_text, self.year.id, kind.key) \
            if kind.numbered else None
        dialog = IssueDialog(kind.name, next_text, self)
        if not self.run_dialog(dialog):
            return None
        folder = self.folder() / str(self.year.year)
        produced = self._produce(kind, folder, issue=True, number=dialog.number if kind.numbered else None,
                                 on=dialog.day)
        return self._show(kind.name, produced.pdf_path, produced.docx_path) if produced else None

    def edit_template(self) -> bool:
        kind = self.current_kind()
        if kind is None:
            return False
        spec = document_templates.effective_template(self.ctx.workspace, kind.key)
        dialog = TemplateDialog(spec, self)
        if not self.editable:
            dialog.set_read_only()
        if not self.run_dialog(dialog) or not self.editable:
            return False
        if dialog.reset_requested:
            return self.ctx.bridge.attempt(self, lambda ws: document_templates.reset_template(ws, kind.key)
                                           or True) is True
        return self.ctx.bridge.attempt(self, lambda ws: document_templates.save_template(
            ws, kind.key, dialog.content()) or True) is True

    def open_issued(self, issued: object) -> DocumentPreview | None:
        path = self.folder() / str(self.year.year) / (issued.file_name or "")
        if not issued.file_name or not path.is_file():
            self.ctx.bridge.report(self, "Không tìm thấy tệp",
                                   f"Không thấy tệp “{issued.file_name}” trong thư mục {path.parent}. Tệp có thể đã "
                                   "được chuyển đi; mã kiểm tra trong sổ giúp nhận ra đúng tệp.")
            return None
        if issuing.sha256_of(path) != issued.sha256:
            self.ctx.bridge.report(self, "Tệp đã bị thay đổi",
                                   f"Tệp “{path.name}” khác với tệp đã ban hành (mã kiểm tra không khớp): tệp đã bị "
                                   "sửa sau khi ban hành. Vẫn mở để xem.")
        docx = path.with_suffix(".docx")
        return self._show(issued.title, path, docx if docx.is_file() else None)
