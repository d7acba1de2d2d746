"""In bằng khen, giấy khen: the commendations of the register by year and award, the ones not
yet printed first; printed in one batch (a progress bar and Hủy) on plain paper or on
pre-printed blanks with the printer's own calibrated layout, previewed before printing, and
marked printed only once the pages went to the printer."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain.enums import CertificateMode
from thidua_desktop.services import certificates
from thidua_desktop.services.certificates import CommendationLine

from ..certificate_layout_dialog import CertificateLayoutDialog
from ..document_preview import DocumentPreview
from ..form_dialog import exec_dialog
from ..progress import with_progress
from ..record_table import Field, RecordTable, date_sort, date_text
from .base import Page, PageContext

LINE_FIELDS = (
    Field("Năm", lambda c: str(c.year), lambda c: c.year, width=6),
    Field("Hình thức", lambda c: c.award_name, width=22),
    Field("Tập thể, cá nhân", lambda c: c.recipient_name, width=0),
    Field("Chức vụ, đơn vị", lambda c: c.recipient_detail or "", width=24),
    Field("Số quyết định", lambda c: c.decision_number or "", width=14),
    Field("Ngày", lambda c: date_text(c.decision_date), lambda c: date_sort(c.decision_date), width=10),
    Field("Sổ vàng", lambda c: str(c.golden_book_no or ""), lambda c: c.golden_book_no, align_right=True, width=7),
    Field("Đã in", lambda c: f"{c.printed_at:%d/%m/%Y}" if c.printed_at else "", width=10),
)


def printer_names() -> list[str]:
    return QPrinterInfo.availablePrinterNames()


class CertificatesPage(Page):
    title = "In bằng khen, giấy khen"
    tables = frozenset({"commendation", "certificate_layout", "award_type", "decision"})

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # Replaceable so tests answer without modal windows.
        self.show_document: Callable[[DocumentPreview], None] = lambda preview: preview.show()
        self.run_layout: Callable[[CertificateLayoutDialog], bool] = exec_dialog
        self.awards: list[tuple[int, str]] = []
        self._folder = tempfile.TemporaryDirectory(prefix="thidua-in-bang-khen-")
        self.destroyed.connect(self._folder.cleanup)

        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("certificate_year")
        self.award_combo = QComboBox(self)
        self.award_combo.setObjectName("certificate_award")
        self.unprinted = QCheckBox("Chỉ những bản chưa in", self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Tìm tên, số quyết định… (gõ không dấu cũng được)")
        self.search.setClearButtonEnabled(True)
        for combo in (self.year_combo, self.award_combo):
            combo.currentIndexChanged.connect(lambda _i: self.load_lines())
        self.unprinted.toggled.connect(lambda _on: self.load_lines())
        self.table = RecordTable(LINE_FIELDS, search=lambda c: f"{c.recipient_name} {c.recipient_detail or ''} "
                                 f"{c.decision_number or ''}", settings=ctx.settings, key="certificates/lines",
                                 muted=lambda c: c.printed_at is not None, identity=lambda c: c.id, parent=self)
        self.table.setObjectName("certificate_lines")
        self.search.textChanged.connect(lambda text: (self.table.proxy.set_query(text), self._count()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._count())

        self.plain = QRadioButton(CertificateMode.FULL.label, self)
        self.blank = QRadioButton(CertificateMode.OVERLAY.label, self)
        self.plain.setChecked(True)
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.plain)
        self.modes.addButton(self.blank)
        self.printer_combo = QComboBox(self)
        self.printer_combo.setObjectName("certificate_printer")
        self.printer_combo.addItem("(mọi máy in)", "")
        for name in printer_names():
            self.printer_combo.addItem(name, name)
        self.count_label = QLabel(self)
        self.print_button = QPushButton("&Xem trước và in…", self)
        self.print_button.clicked.connect(self.print_selected)
        self.layout_button = QPushButton("&Bố cục, căn chỉnh phôi…", self)
        self.layout_button.clicked.connect(self.edit_layout)

        filters = QHBoxLayout()
        filters.addWidget(QLabel("Năm:", self))
        filters.addWidget(self.year_combo)
        filters.addWidget(QLabel("Hình thức:", self))
        filters.addWidget(self.award_combo, 1)
        filters.addWidget(self.unprinted)
        filters.addWidget(self.search, 1)
        printing = QHBoxLayout()
        printing.addWidget(QLabel("In trên:", self))
        printing.addWidget(self.plain)
        printing.addWidget(self.blank)
        printing.addWidget(QLabel("Máy in:", self))
        printing.addWidget(self.printer_combo)
        printing.addStretch(1)
        printing.addWidget(self.count_label)
        printing.addWidget(self.layout_button)
        printing.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(printing)

    # --- loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        filters = certificates.print_filters(self.ctx.workspace)
        year, award = self.year_combo.currentData(), self.award_combo.currentData()
        for combo in (self.year_combo, self.award_combo):
            combo.blockSignals(True)
            combo.clear()
        self.year_combo.addItem("Mọi năm", None)
        for y in filters.years:
            self.year_combo.addItem(str(y), y)
        self.award_combo.addItem("Mọi hình thức", None)
        for award_id, name in filters.awards:
            self.award_combo.addItem(name, award_id)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(year if year is not None else (
            filters.years[0] if filters.years else None))))
        self.award_combo.setCurrentIndex(max(0, self.award_combo.findData(award)))
        for combo in (self.year_combo, self.award_combo):
            combo.blockSignals(False)
        self.awards = filters.awards
        self.load_lines()

    def load_lines(self) -> None:
        self.table.set_records(certificates.commendations_to_print(
            self.ctx.workspace, year=self.year_combo.currentData(), award_type_id=self.award_combo.currentData(),
            not_printed=self.unprinted.isChecked()))
        self._count()

    def chosen(self) -> list[CommendationLine]:
        """The selected lines, or every line shown when none is selected."""
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        shown = self.table.shown_records()
        return [shown[r] for r in sorted(rows)] if rows else shown

    def _count(self) -> None:
        n = len(self.chosen())
        self.count_label.setText(f"Sẽ in {n} bản" if n else "")
        self.print_button.setEnabled(n > 0)

    @property
    def mode(self) -> CertificateMode:
        return CertificateMode.OVERLAY if self.blank.isChecked() else CertificateMode.FULL

    # --- printing ----------------------------------------------------------------------------

    def print_selected(self) -> DocumentPreview | None:
        """Lay the chosen certificates out into one PDF (progress, Hủy), preview, and print from there."""
        lines = self.chosen()
        if not lines:
            return None
        out = Path(self._folder.name) / f"Bằng khen, giấy khen ({len(lines)} bản).pdf"
        ids = [c.id for c in lines]

        result, _cancelled = with_progress(self, "Đang chuẩn bị bản in…", lambda progress: self.ctx.bridge.attempt(
            self, certificates.print_batch, ids, self.mode, self.printer_combo.currentData(), out, progress=progress,
            mark_printed=False))
        if result is None:
            return None
        preview = DocumentPreview(f"{len(lines)} bằng khen, giấy khen", result.path, parent=self.window())
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.printed.connect(lambda: self.ctx.bridge.attempt(self, certificates.set_printed, ids))
        self.show_document(preview)
        return preview

    def edit_layout(self) -> CertificateLayoutDialog:
        chosen = self.chosen()
        dialog = CertificateLayoutDialog(self.ctx.bridge, self.awards, printer_names(),
                                         award_type_id=chosen[0].award_type_id if chosen else None,
                                         printer_name=self.printer_combo.currentData(), mode=self.mode, parent=self)
        self.run_layout(dialog)
        return dialog
