"""The member units of a year: a table model with named columns and the view with its filter box
(sorting and filtering from ui/lists.py)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from thidua_desktop.domain.enums import MemberRole
from thidua_desktop.services.workbook import MemberLine

from .column_model import ColumnModel, Index
from .lists import SEARCH_ROLE, SORT_ROLE, VietnameseSortFilterProxy, standard_table


_ROLE_RANK = {MemberRole.TRUONG: 0, MemberRole.PHO: 1, MemberRole.THANH_VIEN: 2}


class Column(IntEnum):
    NAME = 0
    SHORT_NAME = 1
    ROLE = 2


HEADERS = {Column.NAME: "Tên đơn vị", Column.SHORT_NAME: "Tên viết tắt", Column.ROLE: "Vai trò"}


class MemberTableModel(ColumnModel[MemberLine]):
    headers = HEADERS

    def set_members(self, members: Sequence[MemberLine]) -> None:
        self.replace_rows(members)

    def member(self, row: int) -> MemberLine:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        m = self._rows[index.row()]
        col = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {Column.NAME: m.name, Column.SHORT_NAME: m.short_name or "", Column.ROLE: m.role.label}[col]
        if role == SORT_ROLE:
            return _ROLE_RANK[m.role] if col is Column.ROLE else (m.name if col is Column.NAME else m.short_name or "")
        if role == SEARCH_ROLE:
            return f"{m.name} {m.short_name or ''}"
        if role == Qt.ItemDataRole.FontRole and col is Column.ROLE and m.role is not MemberRole.THANH_VIEN:
            font = QFont()
            font.setBold(True)
            return font
        return None


class MemberList(QWidget):
    """Filter box, table and a count line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MemberTableModel(self)
        self.proxy = VietnameseSortFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("member_filter")
        self.filter_edit.setPlaceholderText("Lọc theo tên hoặc tên viết tắt (gõ không dấu cũng được)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("member_count")

        self.table = QTableView(self)
        self.table.setObjectName("member_table")
        self.table.setModel(self.proxy)
        standard_table(self.table)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.SHORT_NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.ROLE, QHeaderView.ResizeMode.ResizeToContents)

        title = QLabel("Đơn vị thành viên", self)
        title_font = title.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        title.setFont(title_font)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        self._update_count()

    def set_members(self, members: Sequence[MemberLine]) -> None:
        self.model.set_members(members)
        self._update_count()

    def visible_names(self) -> list[str]:
        """Unit names in the order the table shows them (for tests and exports)."""
        return [self.proxy.index(r, Column.NAME).data() for r in range(self.proxy.rowCount())]

    def _on_filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count_label.setText(f"{total} đơn vị" if shown == total else f"Hiện {shown}/{total} đơn vị")
