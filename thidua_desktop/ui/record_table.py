"""Read-only lists of records (service dataclasses) whose columns are declared once as
`Field`s: header, text, sort value, width. `RecordTableModel` speaks the roles of ui/lists.py
(SORT_ROLE, SEARCH_ROLE) and shows "muted" records (a unit that left the bloc, a person who
retired) in grey; `RecordTable` is the view over it with everything a list of the
program does (Vietnamese sorting and filtering, remembered columns, Ctrl+C, Enter to open)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QObject, QPersistentModelIndex, \
    QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from .lists import (
    CELL_PADDING,
    HEADER_PADDING,
    SEARCH_ROLE,
    SORT_ROLE,
    VietnameseSortFilterProxy,
    remember_columns,
    standard_table,
)

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Field:
    """One column: its header, the text a record shows in it, and (when the text would sort
    wrongly, as dates and numbers do) the value to sort by."""

    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    align_right: bool = False
    width: int = 14  # most a column takes at first, in average characters (less if its texts are
    # shorter; the user may widen it); 0: the column takes the room the others leave
    sample: str = ""  # the longest text the column may come to show, when no record shows it yet


def date_text(day: date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def date_sort(day: date | None) -> int | None:
    return None if day is None else day.toordinal()


class RecordTableModel(QAbstractTableModel):
    def __init__(self, fields: Sequence[Field], *, search: Callable[[Any], str],
                 muted: Callable[[Any], bool] = lambda _record: False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fields = list(fields)
        self._search = search
        self._muted = muted
        self._records: list[Any] = []

    def set_records(self, records: Iterable[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    @property
    def records(self) -> list[Any]:
        return list(self._records)

    def record(self, row: int) -> Any:
        return self._records[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.fields)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.fields[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, field = self._records[index.row()], self.fields[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return field.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return field.text(record) or None  # the whole text of a cell cut short by its column
        if role == SORT_ROLE:
            return field.sort(record) if field.sort else (field.text(record) or None)
        if role == SEARCH_ROLE:
            return self._search(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and field.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._muted(record):
            return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None


class RecordTable(QTableView):
    """A sorted, filterable list of records; Enter or a double-click opens the current one."""

    record_activated = Signal(object)
    current_changed = Signal(object)  # the current record, or None

    def __init__(self, fields: Sequence[Field], *, search: Callable[[Any], str], settings: QSettings, key: str,
                 muted: Callable[[Any], bool] = lambda _record: False, identity: Callable[[Any], Any] = id,
                 follow_texts: bool = False, parent: QWidget | None = None) -> None:
        """`key` names the saved column state; `identity` tells which record stays selected
        when the records are replaced (its id, not the object). `follow_texts`: the columns
        always fit their texts, for a short list whose records change with a selection."""
        super().__init__(parent)
        self.source = RecordTableModel(fields, search=search, muted=muted, parent=self)
        self.proxy = VietnameseSortFilterProxy(self)
        self.proxy.setSourceModel(self.source)
        self.setModel(self.proxy)
        self._identity = identity
        standard_table(self)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves a read-only list for the next control
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        for column, field in enumerate(fields):
            if not field.width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            elif follow_texts:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            else:
                header.resizeSection(column, max(self._heading_width(column), self._chars_width(field.width)))
        self._fit_to_records = not remember_columns(self, settings, key) and not follow_texts
        self.doubleClicked.connect(lambda _index: self._activate())
        for key_name in (QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)):
            QShortcut(key_name, self, context=Qt.ShortcutContext.WidgetShortcut).activated.connect(self._activate)
        self.selectionModel().currentRowChanged.connect(lambda *_: self.current_changed.emit(self.current_record()))

    def set_records(self, records: Iterable[Any]) -> None:
        """Replace the records, keeping the same record current if it is still there."""
        current = self.current_record()
        self.source.set_records(records)
        self._fit_columns()
        if current is None or not self.select(lambda r: self._identity(r) == self._identity(current)):
            self.current_changed.emit(self.current_record())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Once, when the table first shows records and no widths were saved: every column as
        wide as its header and longest text (a field's sample included) if they all fit beside
        the names, else each at most its field's width. The names column takes what is left."""
        if not (self._fit_to_records and self.source.rowCount() and self.isVisible()):
            return
        self._fit_to_records = False  # later widths are the user's
        fields = self.source.fields
        texts = {c: self._texts_width(c) for c in range(len(fields))}
        natural = {c: max(self._heading_width(c), texts[c], self._sample_width(c))
                   for c, f in enumerate(fields) if f.width}
        names = sum(min(texts[c], self._chars_width(40)) for c, f in enumerate(fields) if not f.width)
        roomy = sum(natural.values()) + names <= self.viewport().width()
        for column, width in natural.items():
            capped = max(self._heading_width(column), min(texts[column], self._chars_width(fields[column].width)))
            self.horizontalHeader().resizeSection(column, width if roomy else capped)

    def _texts_width(self, column: int) -> int:
        """The widest cell of the column among all records, the hidden ones too (a unit that
        left the bloc shows up when asked for, and its column should not cut it short then).
        Measured as Qt's sizeHintForColumn measures the rows it shows."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegate()
        widths = (delegate.sizeHint(option, self.source.index(row, column)).width()
                  for row in range(self.source.rowCount()))
        return max(widths, default=0) + (1 if self.showGrid() else 0)

    def _sample_width(self, column: int) -> int:
        """Room for the field's sample text: the padding of ui/lists.py, the style's text
        margins, the grid line and a little rounding."""
        sample = self.source.fields[column].sample
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        return self.fontMetrics().horizontalAdvance(sample) + 2 * (CELL_PADDING + margin) + 3 if sample else 0

    def _heading_width(self, column: int) -> int:
        """The header's words and padding. (Qt's own hint also reserves the sort arrow's room in
        every column, which at 1366 px costs the names column a third of its width.)"""
        words = self.horizontalHeader().fontMetrics().horizontalAdvance(self.source.fields[column].header)
        return words + 2 * HEADER_PADDING + 6

    def _chars_width(self, chars: int) -> int:
        return self.fontMetrics().averageCharWidth() * chars + 2 * CELL_PADDING

    def set_hidden(self, hidden: Callable[[Any], bool] | None) -> None:
        """Keep the records `hidden` picks out of view (they still count for column widths)."""
        self.proxy.set_row_filter(None if hidden is None else lambda row: not hidden(self.source.record(row)))

    def current_record(self) -> Any | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.source.record(self.proxy.mapToSource(index).row())

    def select(self, predicate: Callable[[Any], bool]) -> bool:
        """Make the first shown record that satisfies `predicate` current; False if none is shown."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if predicate(self.source.record(self.proxy.mapToSource(index).row())):
                self.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.scrollTo(index)
                return True
        return False

    def shown_records(self) -> list[Any]:
        """Records in the order the table shows them (after filtering and sorting)."""
        return [self.source.record(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]

    def _activate(self) -> None:
        record = self.current_record()
        if record is not None:
            self.record_activated.emit(record)
