"""Who led the bloc in which year: the rotation history, newest first, the selected year in
bold. Enter or a double click switches the window to that year."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from thidua_desktop.services import years as year_service
from thidua_desktop.services.years import RotationRow

from .column_model import ColumnModel, Index
from .hint import hint_label
from .lists import SEARCH_ROLE, SORT_ROLE, VietnameseSortFilterProxy, standard_table
from .pages.base import PageContext, YearRef

NOBODY = "chưa phân công"


class Column(IntEnum):
    YEAR = 0
    LEADER = 1
    DEPUTIES = 2


HEADERS = {Column.YEAR: "Năm", Column.LEADER: "Trưởng khối", Column.DEPUTIES: "Phó khối"}


class RotationModel(ColumnModel[RotationRow]):
    headers = HEADERS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current_year: int | None = None

    def set_rows(self, rows: Sequence[RotationRow], current_year: int | None) -> None:
        self.current_year = current_year
        self.replace_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        r, col = self._rows[index.row()], Column(index.column())
        texts = {Column.YEAR: str(r.year), Column.LEADER: r.leader or NOBODY,
                 Column.DEPUTIES: "; ".join(r.deputies) or NOBODY}
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return texts[col]
        if role == SORT_ROLE:
            return r.year if col is Column.YEAR else texts[col]
        if role == SEARCH_ROLE:
            return " ".join(texts.values())
        if role == Qt.ItemDataRole.FontRole and r.year == self.current_year:
            font = QFont()
            font.setBold(True)
            return font
        return None


class RotationView(QTableView):
    """Enter opens the year of the current row, like a double click."""

    year_chosen = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.year_chosen.emit(self.currentIndex().siblingAtColumn(Column.YEAR).data(SORT_ROLE))
            return
        super().keyPressEvent(event)


class RotationPanel(QWidget):
    year_chosen = Signal(int)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RotationModel(self)
        self.proxy = VietnameseSortFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = RotationView(self)
        self.table.setObjectName("rotation_table")
        self.table.setModel(self.proxy)
        standard_table(self.table)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.sortByColumn(Column.YEAR, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.YEAR, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.LEADER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.DEPUTIES, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(
            lambda index: self.table.year_chosen.emit(index.siblingAtColumn(Column.YEAR).data(SORT_ROLE)))
        self.table.year_chosen.connect(self.year_chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label("Đơn vị Trưởng khối, Phó khối qua các năm. Nhấn Enter hoặc nhấp đúp vào "
                                    "một dòng để chuyển sang năm đó.", self))
        layout.addWidget(self.table, 1)

    def load(self, year: YearRef | None) -> None:
        self.model.set_rows(year_service.rotation_history(self.ctx.workspace), year.year if year else None)

    def rows(self) -> list[tuple[str, str, str]]:
        """The rows as shown (for tests and copying)."""
        return [tuple(self.proxy.index(r, c).data() for c in Column) for r in range(self.proxy.rowCount())]
