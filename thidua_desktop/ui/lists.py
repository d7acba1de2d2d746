"""What every list and grid of the program does the way office users expect: sort in
Vietnamese order, filter ignoring accents and case, remember column widths, copy a selection
as tab-separated text for Excel, and move through editable cells with Tab and Enter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCollator,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget

from thidua_desktop.domain.text import matches

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # raw comparable value: text (collated) or a number
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2  # the text the filter looks in (first column of a row)
Index = QModelIndex | QPersistentModelIndex
CELL_PADDING = 8  # px left and right of a cell's text
HEADER_PADDING = 11  # px left and right of a column header's text


def vietnamese_collator() -> QCollator:
    """Collation with an explicit vi_VN locale (the system locale may be C or English)."""
    collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    return collator


class VietnameseSortFilterProxy(QSortFilterProxyModel):
    """Sorts SORT_ROLE values (texts with QCollator vi_VN, numbers as numbers) and keeps rows
    whose SEARCH_ROLE text (column 0) matches every word of the filter, ignoring case and
    diacritics ("dang" finds "Đảng"). Ties in a numeric column fall back to `tie_column`."""

    def __init__(self, parent: QObject | None = None, *, tie_column: int = 0) -> None:
        super().__init__(parent)
        self._collator = vietnamese_collator()
        self._query = ""
        self._row_filter: Callable[[int], bool] | None = None
        self._tie_column = tie_column
        self.setSortRole(SORT_ROLE)

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._query = query.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_row_filter(self, accepts: Callable[[int], bool] | None) -> None:
        """Also keep only the source rows `accepts(row)` approves, as a "show retired ones too"
        box does; None shows every row again."""
        self.beginFilterChange()
        self._row_filter = accepts
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if self._row_filter is not None and not self._row_filter(source_row):
            return False
        if not self._query:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return matches(self._query, self.sourceModel().data(index, SEARCH_ROLE))

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            if a != b:
                return a < b
            a = left.siblingAtColumn(self._tie_column).data(SORT_ROLE)
            b = right.siblingAtColumn(self._tie_column).data(SORT_ROLE)
        if a is None or b is None:  # empty cells last
            return a is not None and b is None
        return self._collator.compare(str(a), str(b)) < 0


def remember_columns(view: QTableView, settings: QSettings, key: str) -> bool:
    """Restore the header's saved state (widths, order, sort) and save it whenever it changes.
    True when a saved state was restored (the caller then leaves the widths alone)."""
    header = view.horizontalHeader()
    saved = settings.value(f"columns/{key}")
    restored = saved is not None and header.restoreState(saved)

    def save() -> None:
        settings.setValue(f"columns/{key}", header.saveState())

    header.sectionResized.connect(lambda *_: save())
    header.sectionMoved.connect(lambda *_: save())
    header.sortIndicatorChanged.connect(lambda *_: save())
    return restored


def selection_as_tsv(view: QAbstractItemView) -> str:
    """The selected cells as Excel reads a paste: rows by line, cells by tab, in view order
    (columns as the user has dragged them, not as the model numbers them)."""
    indexes = view.selectionModel().selectedIndexes()
    if not indexes:
        return ""
    rows = sorted({i.row() for i in indexes})
    cols = sorted({i.column() for i in indexes if not view_hides_column(view, i.column())},
                  key=lambda c: view.horizontalHeader().visualIndex(c) if isinstance(view, QTableView) else c)
    cells = {(i.row(), i.column()): i.data(Qt.ItemDataRole.DisplayRole) for i in indexes}
    lines = []
    for r in rows:
        values = ("" if cells.get((r, c)) is None else str(cells[(r, c)]) for c in cols)
        lines.append("\t".join(v.replace("\t", " ").replace("\n", " ") for v in values))
    return "\n".join(lines)


def view_hides_column(view: QAbstractItemView, column: int) -> bool:
    return isinstance(view, QTableView) and view.isColumnHidden(column)


def install_copy(view: QAbstractItemView) -> QShortcut:
    """Ctrl+C on the view copies the selection as tab-separated text (pastes into Excel as cells)."""
    shortcut = QShortcut(QKeySequence.StandardKey.Copy, view, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(lambda: QGuiApplication.clipboard().setText(selection_as_tsv(view)))
    return shortcut


class GridNavigation(QObject):
    """Enter moves down and Tab moves right (Shift+Tab left) through an editable grid, as in
    Excel; at the end of a row Tab wraps to the next row's first editable cell. In a cell being
    edited the same keys first commit the typed value (Qt's own Tab would open the next cell,
    editable or not)."""

    _KEYS = {Qt.Key.Key_Return: (1, 0), Qt.Key.Key_Enter: (1, 0), Qt.Key.Key_Tab: (0, 1), Qt.Key.Key_Backtab: (0, -1)}

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)  # editors are the viewport's children
        view.setTabKeyNavigation(False)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ChildPolished and obj is self.view.viewport():
            event.child().installEventFilter(self)  # after the delegate's own filter, so ours runs first
            return False
        if event.type() != QEvent.Type.KeyPress or event.key() not in self._KEYS:
            return False
        if obj is self.view:
            return self._move(*self._KEYS[event.key()])
        if isinstance(obj, QWidget) and obj.parent() is self.view.viewport():
            delegate = self.view.itemDelegateForIndex(self.view.currentIndex())
            delegate.commitData.emit(obj)
            delegate.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.NoHint)
            return self._move(*self._KEYS[event.key()])
        return False

    def _editable(self, row: int, col: int) -> bool:
        index = self.view.model().index(row, col)
        return bool(index.flags() & Qt.ItemFlag.ItemIsEditable) and not self.view.isColumnHidden(col)

    def _move(self, drow: int, dcol: int) -> bool:
        model, current = self.view.model(), self.view.currentIndex()
        if not current.isValid():
            return False
        rows, cols = model.rowCount(), model.columnCount()
        row, col = current.row(), current.column()
        for _ in range(rows * cols):
            if drow:
                row += drow
            else:
                col += dcol
                if col >= cols:
                    row, col = row + 1, 0
                elif col < 0:
                    row, col = row - 1, cols - 1
            if not 0 <= row < rows:
                return True  # stay on the last cell
            if self._editable(row, col):
                self.view.setCurrentIndex(model.index(row, col))
                return True
        return True


def standard_table(view: QTableView, settings: QSettings | None = None, key: str | None = None) -> None:
    """The look and behaviour every list table shares."""
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setStyleSheet(f"QTableView::item {{ padding: 0px {CELL_PADDING}px; }} "
                       f"QHeaderView::section {{ padding: 4px {HEADER_PADDING}px; }}")
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Qt's default indicator is descending
    install_copy(view)
    if settings is not None and key:
        remember_columns(view, settings, key)

