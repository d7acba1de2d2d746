"""Đăng ký thi đua: every member unit of the year with the date its registration arrived, its
targets, the titles and awards it aims at and its document number; edited in a small dialog
(Enter or double-click on a row)."""

from __future__ import annotations

from collections.abc import Callable
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.services import covenant as covenant_service
from thidua_desktop.services.covenant import AwardChoice, RegistrationRow

from .date_field import OptionalDateField
from .form_dialog import FormDialog, exec_dialog, line_edit, note_edit
from .lists import SEARCH_ROLE, SORT_ROLE, VietnameseSortFilterProxy, standard_table
from .pages.base import PageContext, YearRef

COLUMNS = ("Đơn vị", "Ngày nhận", "Chỉ tiêu", "Danh hiệu đăng ký", "Số văn bản")
ROW_ROLE = Qt.ItemDataRole.UserRole + 3


class RegistrationDialog(FormDialog):
    def __init__(self, parent: QWidget | None, row: RegistrationRow, awards: list[AwardChoice], year: int) -> None:
        super().__init__(f"Đăng ký thi đua năm {year}: {row.unit_name}", parent)
        self.received_field = OptionalDateField(self)
        self.received_field.set_value(row.received_on, QDate(year, 1, 1))
        self.document_edit = line_edit(self, row.document_ref, placeholder="Ví dụ: 12-CV/VPTU")
        self.targets_edit = note_edit(self, row.targets)
        self.targets_edit.setFixedHeight(self.targets_edit.fontMetrics().lineSpacing() * 5 + 14)
        self.targets_edit.setMinimumWidth(self.targets_edit.fontMetrics().averageCharWidth() * 64)
        shown = [a for a in awards if a.collective]
        # Awards registered for named persons are kept as they are (this dialog lists the unit's own).
        self.kept_codes = [c for c in row.award_codes if c not in {a.code for a in shown}]
        self.awards_list = QListWidget(self)
        self.awards_list.setObjectName("registered_awards")
        for award in shown:
            item = QListWidgetItem(award.name, self.awards_list)
            item.setData(Qt.ItemDataRole.UserRole, award.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if award.code in row.award_codes else Qt.CheckState.Unchecked)
        self.awards_list.setMinimumHeight(self.awards_list.fontMetrics().height() * 8)
        self.add_field("Ngày &nhận:", self.received_field)
        self.add_field("&Số văn bản:", self.document_edit)
        self.add_field("&Chỉ tiêu, nhiệm vụ:", self.targets_edit)
        self.add_field("&Danh hiệu, hình thức\nkhen thưởng đăng ký:", self.awards_list)
        self.add_note("Đánh dấu bằng phím cách (Space) hoặc nhấp chuột.")

    def check(self, code: str, checked: bool = True) -> None:
        for i in range(self.awards_list.count()):
            item = self.awards_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def values(self) -> dict[str, object]:
        codes = [self.awards_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.awards_list.count())
                 if self.awards_list.item(i).checkState() == Qt.CheckState.Checked]
        codes += self.kept_codes
        return {"received_on": self.received_field.value(), "targets": self.targets_edit.toPlainText(),
                "document_ref": self.document_edit.text(), "award_codes": codes}


def _cell(text: str, sort: object = None, *, search: str | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(sort if sort is not None else (text or None), SORT_ROLE)
    if search is not None:
        item.setData(search, SEARCH_ROLE)
    return item


def _short(text: str | None, limit: int = 90) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class RegistrationPanel(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: YearRef | None = None
        self.editable = False
        self.rows: list[RegistrationRow] = []
        self.awards: list[AwardChoice] = []
        # Replaceable so tests fill and confirm the real dialog without a modal loop.
        self.run_dialog: Callable[[RegistrationDialog], bool] = exec_dialog

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Tìm đơn vị…")
        self.filter_edit.setClearButtonEnabled(True)
        self.summary_label = QLabel(self)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(COLUMNS)
        self.proxy = VietnameseSortFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit.textChanged.connect(self.proxy.set_query)
        self.table = QTableView(self)
        self.table.setObjectName("registrations")
        self.table.setModel(self.proxy)
        standard_table(self.table, ctx.settings, "registrations")
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _i: self.edit_current())
        self.edit_button = QPushButton("&Sửa đăng ký…", self)
        self.edit_button.clicked.connect(self.edit_current)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.summary_label)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def reload(self, year: YearRef | None, editable: bool) -> None:
        self.year, self.editable = year, editable
        self.awards = covenant_service.award_choices(self.ctx.workspace)
        names = {a.code: a.name for a in self.awards}
        self.rows = covenant_service.registrations(self.ctx.workspace, year.id) if year else []
        self.model.setRowCount(0)
        for row in self.rows:
            awards = "; ".join(names.get(code, code) for code in row.award_codes)
            day = row.received_on
            cells = [_cell(row.unit_name, search=row.unit_name),
                     _cell(f"{day:%d/%m/%Y}" if day else "", day.toordinal() if day else None),
                     _cell(_short(row.targets)), _cell(awards), _cell(row.document_ref or "")]
            cells[0].setData(row.unit_id, ROW_ROLE)
            cells[2].setToolTip(row.targets or "")
            cells[3].setToolTip(awards)
            self.model.appendRow(cells)
        if not self.ctx.settings.contains("columns/registrations"):
            for col, chars in enumerate((36, 12, 36, 40)):
                self.table.setColumnWidth(col, self.table.fontMetrics().averageCharWidth() * chars)
        done = sum(1 for r in self.rows if r.received_on or r.award_codes)
        self.summary_label.setText(f"Đã nhận {done}/{len(self.rows)} đơn vị")
        self.edit_button.setText("&Sửa đăng ký…" if editable else "&Xem đăng ký…")
        self.edit_button.setEnabled(bool(self.rows))

    def select_unit(self, unit_id: int) -> None:
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data(ROW_ROLE) == unit_id:
                self.table.setCurrentIndex(self.proxy.index(r, 0))

    def edit_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or self.year is None:
            return
        unit_id = index.siblingAtColumn(0).data(ROW_ROLE)
        row = next(r for r in self.rows if r.unit_id == unit_id)
        dialog = RegistrationDialog(self, row, self.awards, self.year.year)
        if not self.editable:
            dialog.set_read_only()
        if self.run_dialog(dialog) and self.editable:
            self.ctx.bridge.attempt(self, covenant_service.set_registration, self.year.id, unit_id,
                                    **dialog.values())
