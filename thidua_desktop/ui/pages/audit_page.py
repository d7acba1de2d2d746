"""Nhật ký thay đổi: who changed what and when, newest first, narrowed by year, unit, operator
and words, with the whole of the selected entry below the table.

The log grows with every edit, so the page reads it only while it is shown: a change made
elsewhere just marks it stale, and it reloads when it is next shown.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.services import audit_log
from thidua_desktop.services import units as unit_service
from thidua_desktop.services.audit_log import AuditFilter, AuditLine
from thidua_desktop.services.workspace import ChangeEvent

from ..audit_table import STRETCHED, AuditTableModel, details_html, initial_widths
from ..lists import standard_table
from .base import Page, PageContext

SEARCH_DELAY_MS = 300
ALL_YEARS = "Tất cả các năm"
ALL_UNITS = "Tất cả đơn vị"
ALL_OPERATORS = "Tất cả mọi người"
NO_SELECTION = "Chọn một dòng để xem đầy đủ thay đổi."


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class AuditPage(Page):
    title = "Nhật ký thay đổi"

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)

        self.year_combo = self._combo("audit_year", 11)
        self.unit_combo = self._combo("audit_unit", 18)
        self.operator_combo = self._combo("audit_operator", 13)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("audit_search")
        self.search_edit.setPlaceholderText("Tên, nội dung, giá trị…")
        self.search_edit.setToolTip("Gõ không dấu cũng được: “tu phap” tìm ra “Tư pháp”. Ctrl+F để đến ô này.")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(170)
        self.clear_button = QPushButton("Bỏ &lọc", self)
        self.clear_button.setToolTip("Hiện lại toàn bộ nhật ký")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("audit_count")

        self.model = AuditTableModel(lambda flt, before: audit_log.entries(ctx.workspace, flt, before_id=before), self)
        self.table = QTableView(self)
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        for column, width in initial_widths(self.table.fontMetrics()).items():
            header.resizeSection(column, width)
        for column in STRETCHED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        standard_table(self.table, ctx.settings, "audit_log")  # after the widths: the user's own win
        self.table.setSortingEnabled(False)  # the log reads newest first; pages load in that order
        self.table.setWordWrap(False)
        self.details = QTextBrowser(self)
        self.details.setObjectName("audit_details")
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText(NO_SELECTION)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        for combo in (self.year_combo, self.unit_combo, self.operator_combo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.search_edit.textEdited.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.apply_filter)
        self.clear_button.clicked.connect(self.clear_filters)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        filters = QHBoxLayout()
        filters.addWidget(self._label("&Năm:", self.year_combo))
        filters.addWidget(self.year_combo)
        filters.addSpacing(10)
        filters.addWidget(self._label("Đơn &vị:", self.unit_combo))
        filters.addWidget(self.unit_combo, 2)
        filters.addSpacing(10)
        filters.addWidget(self._label("N&gười thao tác:", self.operator_combo))
        filters.addWidget(self.operator_combo, 1)
        filters.addSpacing(10)
        filters.addWidget(self._label("Tì&m:", self.search_edit))
        filters.addWidget(self.search_edit, 2)
        filters.addWidget(self.clear_button)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([500, 140])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(splitter, 1)

    def _combo(self, name: str, chars: int) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)
        return combo

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    # --- filters ------------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        return AuditFilter(year=self.year_combo.currentData(), unit_id=self.unit_combo.currentData(),
                           operator=self.operator_combo.currentData(), text=self.search_edit.text().strip())

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self._load_entries()

    def clear_filters(self) -> None:
        for combo in (self.year_combo, self.unit_combo, self.operator_combo):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(0)
        self.search_edit.clear()
        self.apply_filter()

    def _focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _fill_choices(self) -> None:
        """The years, units and people there are now, keeping what the user had chosen."""
        ws = self.ctx.workspace
        _refill(self.year_combo, ALL_YEARS, [(f"Năm {y}", y) for y in audit_log.years(ws)])
        units = [(u.official_name + (f" (rời khối từ {u.retired_year})" if u.retired_year else ""), u.id)
                 for u in unit_service.list_units(ws)]
        _refill(self.unit_combo, ALL_UNITS, units)
        _refill(self.operator_combo, ALL_OPERATORS, [(name, name) for name in audit_log.operators(ws)])

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._fill_choices()
        self._load_entries()

    def on_change(self, event: ChangeEvent) -> None:
        self.refresh_when_shown()  # every change, undo and redo writes the log

    def _load_entries(self) -> None:
        current = self._current_line()
        flt = self.current_filter()
        self.model.reload(flt)
        total = audit_log.count(self.ctx.workspace, flt)
        narrowed = flt != AuditFilter()
        if total == 0:
            self.count_label.setText("Không có dòng nào khớp bộ lọc." if narrowed else "Chưa có thay đổi nào.")
        else:
            self.count_label.setText(f"{thousands(total)} dòng" + (" khớp bộ lọc" if narrowed else "")
                                     + " · mới nhất ở trên")
        row = self.model.row_of(current.id) if current else None
        if row is not None:
            self.table.selectRow(row)  # the same entry stays current after a reload
        else:
            self.details.clear()

    def _current_line(self) -> AuditLine | None:
        index = self.table.currentIndex()
        return self.model.line(index.row()) if index.isValid() else None

    def _show_details(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        line = self._current_line()
        if line is None:
            self.details.clear()
        else:
            self.details.setHtml(details_html(line))

    def visible_lines(self) -> list[AuditLine]:
        return [self.model.line(r) for r in range(self.model.rowCount())]


def _refill(combo: QComboBox, everything: str, items: list[tuple[str, object]]) -> None:
    """Replace the items after the first ("all"), keeping the chosen one if it is still there."""
    chosen = combo.currentData()
    with QSignalBlocker(combo):
        combo.clear()
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(index, 0))
