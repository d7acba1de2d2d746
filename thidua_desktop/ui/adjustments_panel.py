"""The bonus and penalty lines of the selected unit: what the unit declared (Tự khai), what the
bloc agreed (Số lần) and the points that gives. Edited in place like the score grid."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from thidua_desktop.domain.enums import AdjustmentKind
from thidua_desktop.domain.period import AdjustmentLine
from thidua_desktop.domain.scoring import adjustment_points
from thidua_desktop.domain.text import format_points
from thidua_desktop.services.score_sheet import Sheet

from .lists import GridNavigation, install_copy
from .score_grid import READ_ONLY_BG, RIGHT

Index = QModelIndex | QPersistentModelIndex


class AdjCol(IntEnum):
    KIND = 0
    CODE = 1
    TEXT = 2
    POINTS = 3
    OWN = 4
    AGREED = 5
    RESULT = 6


HEADERS = ("Loại", "Mã", "Nội dung", "Mức điểm", "Tự khai", "Số lần", "Điểm")


class AdjustmentsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.sheet: Sheet | None = None
        self.unit_id: int | None = None
        self.editable = False
        self.editor: Callable[[int, AdjCol, str], bool] = lambda *_: False  # rule id, column, typed text

    def show(self, sheet: Sheet | None, unit_id: int | None, editable: bool) -> None:
        self.beginResetModel()
        self.sheet, self.unit_id, self.editable = sheet, unit_id, editable
        self.endResetModel()

    def line(self, rule_id: int) -> AdjustmentLine | None:
        return next((a for a in self.sheet.model.adjustments.get(self.unit_id, ()) if a.rule_id == rule_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.sheet is None or self.unit_id is None else len(self.sheet.rules)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(AdjCol)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() in (AdjCol.OWN, AdjCol.AGREED):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        rule = self.sheet.rules[index.row()]
        line = self.line(rule.id)
        col = AdjCol(index.column())
        penalty = rule.kind is AdjustmentKind.PENALTY
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col is AdjCol.KIND:
                return rule.kind.label
            if col is AdjCol.CODE:
                return rule.code
            if col is AdjCol.TEXT:
                return rule.text
            if col is AdjCol.POINTS:
                sign = "−" if penalty else "+"
                return f"{sign}{format_points(rule.points)}" + (" mỗi lần" if rule.per_occurrence else "")
            if col is AdjCol.OWN:
                return "" if line is None or line.own_occurrences is None else str(line.own_occurrences)
            if col is AdjCol.AGREED:
                return "" if line is None or not line.occurrences else str(line.occurrences)
            if line is None or not line.occurrences:
                return ""
            amount = adjustment_points(self.sheet.model.rules[rule.id], line.occurrences)
            return f"{'−' if penalty else '+'}{format_points(amount)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (AdjCol.POINTS, AdjCol.OWN, AdjCol.AGREED,
                                                                  AdjCol.RESULT):
            return RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and col in (AdjCol.POINTS, AdjCol.RESULT):
            return READ_ONLY_BG
        if role == Qt.ItemDataRole.ToolTipRole and col is AdjCol.TEXT:
            return rule.text
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        text = str(value or "").strip()
        if text == (self.data(index) or ""):
            return False
        if not self.editor(self.sheet.rules[index.row()].id, AdjCol(index.column()), text):
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(AdjCol) - 1))
        return True


class AdjustmentsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AdjustmentsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("adjustments")
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AdjCol.TEXT, QHeaderView.ResizeMode.Stretch)
        install_copy(self.view)
        self.navigation = GridNavigation(self.view)
        title = QLabel("<b>Điểm thưởng và điểm trừ</b> (Tự khai: đơn vị tự kê; Số lần: khối thống nhất)", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.view)
