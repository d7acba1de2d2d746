"""Khối & đơn vị: every member unit the bloc has had, with its current head, and below the
selected unit's heads over time and its people.

Units are never deleted: one that leaves the bloc is retired from a year (and can be brought
back), so past years, scores and awards keep naming it. Editing is off for a closed year or
a read-only workbook; Enter then opens a unit's record for reading only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.services import units as unit_service
from thidua_desktop.services.units import UnitRow

from .. import vi
from ..record_table import Field, RecordTable
from ..retire_dialog import RetireDialog
from ..unit_detail import UnitDetail
from ..unit_dialog import UnitDialog
from .base import Page, PageContext

TAKING_PART = "Đang tham gia"


def state_text(unit: UnitRow) -> str:
    return f"Đã rời khối từ năm {unit.retired_year}" if unit.retired else TAKING_PART


UNIT_FIELDS = (
    Field("Tên đơn vị", lambda u: u.official_name, width=0),
    Field("Tên viết tắt", lambda u: u.short_name or "", width=14),
    Field("Ký hiệu", lambda u: u.symbol or "", width=9),
    Field("Cơ quan chủ quản", lambda u: u.superior_body or "", width=14),
    Field("Thủ trưởng", lambda u: u.head.full_name if u.head else "",
          lambda u: unit_service.given_name_first(u.head.full_name) if u.head else None, width=16),
    Field("Chức vụ", lambda u: u.head.post if u.head else "", width=14),
    Field("Loại hình", lambda u: u.unit_type.label, width=15),
    Field("Trạng thái", state_text, lambda u: u.retired_year or 0, width=13, sample="Đã rời khối từ năm 2000"),
)


def _search_text(unit: UnitRow) -> str:
    parts = (unit.official_name, unit.short_name, unit.symbol, unit.superior_body, unit.head and unit.head.full_name)
    return " ".join(p for p in parts if p)


class UnitsPage(Page):
    title = "Khối & đơn vị"
    tables = frozenset({"unit", "unit_head", "person"})

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._units: list[UnitRow] = []
        self.ask: Callable[..., bool] = vi.ask  # replaceable: tests answer the question directly

        self.add_button = QPushButton("Thêm đơn &vị…", self)
        self.add_button.setToolTip("Thêm đơn vị thành viên (Ctrl+N hoặc Insert)")
        self.edit_button = QPushButton(self)
        self.edit_button.setToolTip("Mở thông tin của đơn vị đang chọn (Enter hoặc nhấp đúp)")
        self.retire_button = QPushButton("Cho &rời khối…", self)
        self.retire_button.setToolTip("Đơn vị rời khối từ một năm; dữ liệu các năm trước vẫn được giữ")
        self.reinstate_button = QPushButton("Đư&a trở lại khối", self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("unit_count")

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("unit_filter")
        self.filter_edit.setPlaceholderText("Tên, tên viết tắt, ký hiệu, cơ quan chủ quản hoặc thủ trưởng "
                                            "(gõ không dấu cũng được)")
        self.filter_edit.setClearButtonEnabled(True)
        filter_label = QLabel("&Lọc:", self)
        filter_label.setBuddy(self.filter_edit)
        self.show_retired = QCheckBox("&Hiện cả đơn vị đã rời khối", self)

        self.table = RecordTable(UNIT_FIELDS, search=_search_text, muted=lambda u: u.retired, settings=ctx.settings,
                                 key="units/units", identity=lambda u: u.id, parent=self)
        self.table.setObjectName("units_table")
        self.detail = UnitDetail(ctx, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.retire_button, self.reinstate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.addWidget(filter_label)
        filters.addWidget(self.filter_edit, 1)
        filters.addSpacing(12)
        filters.addWidget(self.show_retired)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        QWidget.setTabOrder(self.filter_edit, self.show_retired)
        QWidget.setTabOrder(self.show_retired, self.table)

        self.add_button.clicked.connect(self.add_unit)
        self.edit_button.clicked.connect(self.open_unit)
        self.retire_button.clicked.connect(self.retire_unit)
        self.reinstate_button.clicked.connect(self.reinstate_unit)
        self.table.record_activated.connect(lambda _unit: self.open_unit())
        self.table.current_changed.connect(self._on_current)
        self.filter_edit.textChanged.connect(self._on_filter)
        self.show_retired.toggled.connect(lambda _on: self._show_units())
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.add_unit)  # only while the page shows
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self.table,
                  context=Qt.ShortcutContext.WidgetShortcut).activated.connect(self.add_unit)
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.filter_edit.setFocus)
        self._update_buttons()

    @property
    def run_dialog(self) -> Callable[[QDialog], bool]:
        """How the page's dialogs are shown; tests replace it to fill and confirm them directly."""
        return self.detail.run_dialog

    @run_dialog.setter
    def run_dialog(self, hook: Callable[[QDialog], bool]) -> None:
        self.detail.run_dialog = hook

    # --- showing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._units = unit_service.unit_rows(self.ctx.workspace)
        self.detail.set_editable(self.editable)
        self._show_units()

    def _show_units(self) -> None:
        self.table.set_hidden(None if self.show_retired.isChecked() else lambda u: u.retired)
        self.table.set_records(self._units)
        if self.table.current_record() is None:
            self.table.select(lambda _unit: True)
        self._update_count()
        self._update_buttons()

    def select_unit(self, unit_id: int) -> bool:
        return self.table.select(lambda u: u.id == unit_id)

    def _on_filter(self, text: str) -> None:
        self.table.proxy.set_query(text)
        self._update_count()

    def _on_current(self, unit: UnitRow | None) -> None:
        self.detail.show_unit(unit)
        self._update_buttons()

    def _update_count(self) -> None:
        taking_part = sum(not u.retired for u in self._units)
        left = len(self._units) - taking_part
        text = f"{taking_part} đơn vị đang tham gia" + (f", {left} đơn vị đã rời khối" if left else "")
        shown, total = self.table.proxy.rowCount(), len(self._units if self.show_retired.isChecked() else
                                                         self._in_bloc())
        self.count_label.setText(text if shown == total else f"Hiện {shown}/{total} — {text}")

    def _update_buttons(self) -> None:
        unit = self.table.current_record()
        editable = self.editable
        self.add_button.setEnabled(editable)
        self.edit_button.setText("Sửa thông t&in…" if editable else "Xem thông t&in…")
        self.edit_button.setEnabled(unit is not None)
        self.retire_button.setEnabled(editable and unit is not None and not unit.retired)
        self.reinstate_button.setEnabled(editable and unit is not None and unit.retired)

    # --- editing ------------------------------------------------------------------------------

    def _in_bloc(self) -> list[UnitRow]:
        return [u for u in self._units if not u.retired]

    def _this_year(self) -> int:
        return self.year.year if self.year else date.today().year

    def add_unit(self) -> None:
        if not self.editable:
            return
        dialog = UnitDialog(self, None, others=self._in_bloc(), joined_year=self._this_year())
        if self.run_dialog(dialog):
            values = dialog.values()
            new_id = self.ctx.bridge.attempt(self, unit_service.add_unit, values.pop("official_name"), **values)
            if new_id is not None:
                self.filter_edit.clear()
                self.select_unit(new_id)

    def open_unit(self) -> None:
        """Edit the current unit, or only show it when nothing may change."""
        unit = self.table.current_record()
        if unit is None:
            return
        dialog = UnitDialog(self, unit, others=self._in_bloc())
        if not self.editable:
            dialog.set_read_only()
        if self.run_dialog(dialog) and self.editable:
            self.ctx.bridge.attempt(self, unit_service.update_unit, unit.id, **dialog.values())

    def retire_unit(self) -> None:
        unit = self.table.current_record()
        if unit is None or unit.retired or not self.editable:
            return
        dialog = RetireDialog(self, unit, year=self._this_year() + 1)
        if self.run_dialog(dialog):
            self.ctx.bridge.attempt(self, unit_service.retire_unit, unit.id, year=dialog.year, reason=dialog.reason)

    def reinstate_unit(self) -> None:
        unit = self.table.current_record()
        if unit is None or not unit.retired or not self.editable:
            return
        if self.ask(self, "Đưa đơn vị trở lại khối",
                    f"Đưa “{unit.official_name}” trở lại khối?",
                    informative="Đơn vị sẽ có tên trong danh sách các năm chưa khóa sổ kể từ năm "
                                f"{unit.retired_year}."):
            self.ctx.bridge.attempt(self, unit_service.reinstate_unit, unit.id)
