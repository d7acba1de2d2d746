"""Sổ khen thưởng: every award of every year for the member units and their people, searched
without diacritics and filtered by years, award and unit, with the term's statistics; awards
from outside the bloc typed in or imported from Excel; exported to Excel. The second tab
answers "what is this unit eligible for": the standards hints per unit for a chosen year."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain.enums import CommendationSource
from thidua_desktop.services import register, standards
from thidua_desktop.services import units as unit_service
from thidua_desktop.services.register import AwardTypeRow, RegisterFilter, RegisterRow
from thidua_desktop.services.units import UnitRow

from .. import vi
from ..form_dialog import OptionalYearSpin, exec_dialog
from ..hint import hint_label
from ..record_table import Field, RecordTable, date_sort, date_text
from ..register_dialogs import CommendationDialog, RegisterImportDialog
from .base import Page, PageContext

REGISTER_FIELDS = (
    Field("Năm", lambda r: str(r.year), lambda r: r.year, width=6),
    Field("Danh hiệu, hình thức", lambda r: r.award_name, width=26),
    Field("Tập thể, cá nhân", lambda r: r.recipient_name, width=0),
    Field("Đơn vị", lambda r: "" if r.collective else (r.unit_name or ""), width=22),
    Field("Số quyết định", lambda r: r.decision_number or "", width=14),
    Field("Ngày", lambda r: date_text(r.decision_date), lambda r: date_sort(r.decision_date), width=10),
    Field("Số sổ vàng", lambda r: str(r.golden_book_no or ""), lambda r: r.golden_book_no, align_right=True, width=7),
    Field("Nguồn", lambda r: r.source.label, width=14),
)


def _search_text(r: RegisterRow) -> str:
    return " ".join(p for p in (r.recipient_name, r.recipient_detail, r.unit_name, r.award_name, r.decision_number,
                                r.issuer) if p)


@dataclass(frozen=True, slots=True)
class StandardLine:
    unit_id: int
    unit_name: str
    title: str
    legal_ref: str
    met: bool
    status: str
    also_check: str


STANDARD_FIELDS = (
    Field("Đơn vị", lambda s: s.unit_name, width=28),
    Field("Tiêu chuẩn", lambda s: s.title, width=30),
    Field("Căn cứ", lambda s: s.legal_ref, width=14),
    Field("Kết quả", lambda s: s.status, width=0),
)


class RegisterPage(Page):
    title = "Sổ khen thưởng"
    tables = frozenset({"commendation", "award_type", "unit", "person", "completion_record", "decision"})

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # replaceable: tests answer the file choosers and dialogs directly
        self.ask_save: Callable[..., Path | None] = vi.get_save_path
        self.ask_open: Callable[..., list[Path]] = vi.get_open_paths
        self.run_dialog: Callable[..., bool] = exec_dialog
        self.awards: list[AwardTypeRow] = []
        self.units: list[UnitRow] = []

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("register_filter")
        self.filter_edit.setPlaceholderText("Tên tập thể, cá nhân, số quyết định… (gõ không dấu cũng được)")
        self.filter_edit.setClearButtonEnabled(True)
        self.from_spin = OptionalYearSpin(self, blank="(từ đầu)")
        self.from_spin.setObjectName("year_from")
        self.to_spin = OptionalYearSpin(self, blank="(đến nay)")
        self.to_spin.setObjectName("year_to")
        self.award_combo = QComboBox(self)
        self.award_combo.setObjectName("award_filter")
        self.unit_combo = QComboBox(self)
        self.unit_combo.setObjectName("unit_filter")
        self.add_button = QPushButton("&Thêm khen thưởng ngoài khối…", self)
        self.delete_button = QPushButton("&Xóa", self)
        self.import_button = QPushButton("&Nhập từ Excel…", self)
        self.export_button = QPushButton("Xuất &Excel…", self)
        self.stats_label = QLabel(self)
        self.stats_label.setObjectName("term_statistics")
        self.stats_label.setWordWrap(True)
        self.stats_label.setMinimumHeight(self.stats_label.fontMetrics().lineSpacing() * 4 + 4)  # room to wrap
        self.count_label = QLabel(self)
        self.table = RecordTable(REGISTER_FIELDS, search=_search_text, settings=ctx.settings, key="register/rows",
                                 identity=lambda r: r.commendation_id, parent=self)
        self.table.setObjectName("register_table")

        self.as_of_spin = QSpinBox(self)
        self.as_of_spin.setObjectName("standards_year")
        self.as_of_spin.setRange(1945, 2100)
        self.as_of_spin.setGroupSeparatorShown(False)
        self.standards_table = RecordTable(STANDARD_FIELDS, search=lambda s: f"{s.unit_name} {s.title} {s.status}",
                                           settings=ctx.settings, key="register/standards",
                                           muted=lambda s: not s.met, identity=lambda s: (s.unit_id, s.title),
                                           parent=self)
        self.standards_table.setObjectName("standards_table")

        filters = QHBoxLayout()
        filters.addWidget(QLabel("&Tìm:", self, buddy=self.filter_edit))
        filters.addWidget(self.filter_edit, 2)
        filters.addWidget(QLabel("Từ năm:", self, buddy=self.from_spin))
        filters.addWidget(self.from_spin)
        filters.addWidget(QLabel("đến:", self, buddy=self.to_spin))
        filters.addWidget(self.to_spin)
        filters.addWidget(self.award_combo, 1)
        filters.addWidget(self.unit_combo, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.delete_button, self.import_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        awards_tab = QWidget(self)
        awards = QVBoxLayout(awards_tab)
        awards.addLayout(buttons)
        awards.addLayout(filters)
        awards.addWidget(self.stats_label)
        awards.addWidget(self.table, 1)
        standards_tab = QWidget(self)
        rows = QHBoxLayout()
        rows.addWidget(QLabel("Xét cho &năm:", self, buddy=self.as_of_spin))
        rows.addWidget(self.as_of_spin)
        rows.addWidget(hint_label("Gợi ý tính từ mức độ hoàn thành nhiệm vụ và sổ khen thưởng; các điều kiện khác "
                                  "(đoàn kết, tiết kiệm, phòng, chống tham nhũng…) do Khối xem xét.", self), 1)
        column = QVBoxLayout(standards_tab)
        column.addLayout(rows)
        column.addWidget(self.standards_table, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(awards_tab, "Khen thưởng")
        self.tabs.addTab(standards_tab, "Tiêu chuẩn theo đơn vị")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.filter_edit.textChanged.connect(self._on_text)
        for spin in (self.from_spin, self.to_spin):
            spin.valueChanged.connect(lambda _v: self.show_rows())
        self.award_combo.currentIndexChanged.connect(lambda _i: self.show_rows())
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.show_rows())
        self.as_of_spin.valueChanged.connect(lambda _v: self.show_standards())
        self.add_button.clicked.connect(self.add_commendation)
        self.delete_button.clicked.connect(self.delete_commendation)
        self.import_button.clicked.connect(self.import_excel)
        self.export_button.clicked.connect(self.export_excel)
        self.table.current_changed.connect(lambda _r: self._update_buttons())

    # --- showing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        ws = self.ctx.workspace
        self.awards = register.award_types(ws)
        self.units = unit_service.unit_rows(ws)
        for combo, items, everything in ((self.award_combo, [(a.name, a.award_type_id) for a in self.awards],
                                          "Mọi danh hiệu, hình thức"),
                                         (self.unit_combo, [(u.official_name, u.id) for u in self.units],
                                          "Mọi đơn vị")):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)
        if self.year is not None and self.as_of_spin.value() == self.as_of_spin.minimum():
            self.as_of_spin.blockSignals(True)
            self.as_of_spin.setValue(self.year.year - (0 if self.year.read_only else 1))
            self.as_of_spin.blockSignals(False)
        self.show_rows()
        self.show_standards()

    def current_filter(self) -> RegisterFilter:
        award = self.award_combo.currentData()
        return RegisterFilter(year_from=self.from_spin.year(), year_to=self.to_spin.year(),
                              award_type_ids=frozenset({award}) if award else frozenset(),
                              unit_id=self.unit_combo.currentData())

    def show_rows(self) -> None:
        rows = register.search_register(self.ctx.workspace, self.current_filter())
        self.table.set_records(rows)
        if self.table.current_record() is None:
            self.table.select(lambda _r: True)
        years = [r.year for r in rows]
        if years:
            first, last = self.from_spin.year() or min(years), self.to_spin.year() or max(years)
            sentence = register.term_statistics(self.ctx.workspace, first, last).sentence
            self.stats_label.setText(sentence)
            self.stats_label.setToolTip(sentence)
        else:
            self.stats_label.setText("Không có khen thưởng nào theo điều kiện đã chọn.")
        self._update_count()
        self._update_buttons()

    def _on_text(self, text: str) -> None:
        self.table.proxy.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.table.proxy.rowCount(), self.table.source.rowCount()
        self.count_label.setText(f"{total} khen thưởng" if shown == total else f"Hiện {shown}/{total} khen thưởng")

    def _update_buttons(self) -> None:
        current: RegisterRow | None = self.table.current_record()
        editable = not self.ctx.workspace.read_only
        self.add_button.setEnabled(editable)
        self.import_button.setEnabled(editable)
        self.delete_button.setEnabled(editable and current is not None
                                      and current.source is CommendationSource.EXTERNAL)

    def show_standards(self) -> None:
        ws = self.ctx.workspace
        units = [u for u in self.units if not u.retired]
        hints = standards.standards_for_units(ws, [u.id for u in units], self.as_of_spin.value())
        self.standards_table.set_records(
            StandardLine(u.id, u.official_name, h.title, h.legal_ref, h.met, h.status, h.also_check)
            for u in units for h in hints[u.id])

    # --- acting -------------------------------------------------------------------------------

    def add_commendation(self) -> int | None:
        year = self.year.year if self.year else date.today().year
        dialog = CommendationDialog(self, self.ctx.workspace, self.awards, [u for u in self.units if not u.retired],
                                    year)
        try:
            if not self.run_dialog(dialog):
                return None
            return self.ctx.bridge.attempt(self, register.add_commendation, dialog.fields())
        finally:
            dialog.deleteLater()

    def delete_commendation(self) -> None:
        current = self.table.current_record()
        if current is not None:
            self.ctx.bridge.attempt(self, register.delete_commendation, current.commendation_id)

    def export_excel(self) -> Path | None:
        path = self.ask_save(self.window(), "Xuất sổ khen thưởng ra Excel", "So khen thuong.xlsx",
                             filters=(vi.EXCEL_FILTER,), suffix="xlsx")
        if path is None:
            return None
        try:
            register.export_register(self.ctx.workspace, path, self.current_filter())
        except OSError as error:
            self.ctx.bridge.report(self, "Không ghi được tệp", f"Không ghi được {path.name}: "
                                   f"{error.strerror or error}. Tệp có đang mở trong Excel không?")
            return None
        return path

    def import_excel(self) -> int:
        paths = self.ask_open(self.window(), "Chọn tệp Excel sổ khen thưởng")
        if not paths:
            return 0
        preview = register.preview_import(self.ctx.workspace, paths[0])
        dialog = RegisterImportDialog(preview, self.ctx.settings, self)
        try:
            if not self.run_dialog(dialog) or not preview.can_apply:
                return 0
        finally:
            dialog.deleteLater()
        return self.ctx.bridge.attempt(self, register.apply_import, preview) or 0
