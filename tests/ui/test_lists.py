"""The list helpers every table uses (ui/lists.py), driven through real views: Vietnamese sort
order, accent-blind filtering, Ctrl+C as tab-separated text, Tab/Enter through an editable
grid, and column widths that survive re-creating the view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

from thidua_desktop.ui.lists import (
    SEARCH_ROLE,
    SORT_ROLE,
    GridNavigation,
    VietnameseSortFilterProxy,
    remember_columns,
    selection_as_tsv,
    standard_table,
)

PLACES = ["Đồng Văn", "Bắc Hà", "Bát Xát", "Si Ma Cai", "Điện Biên", "Dương Minh Châu", "Ân Thi", "An Lão", "Ý Yên"]
VIETNAMESE_ORDER = ["An Lão", "Ân Thi", "Bát Xát", "Bắc Hà", "Dương Minh Châu", "Điện Biên", "Đồng Văn", "Si Ma Cai",
                    "Ý Yên"]


def _model(rows: list[list[object]]) -> QStandardItemModel:
    """Column 0 is a name (also the search text); other cells keep their raw value as SORT_ROLE."""
    model = QStandardItemModel(len(rows), len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QStandardItem("" if value is None else str(value))
            item.setData(value, SORT_ROLE)
            if c == 0:
                item.setData(f"{value} {row[1] or ''}", SEARCH_ROLE)
            model.setItem(r, c, item)
    return model


def _view(qtbot, model: QStandardItemModel, settings: QSettings | None = None,  # noqa: ANN001
          key: str | None = None) -> tuple[QTableView, VietnameseSortFilterProxy]:
    proxy = VietnameseSortFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    proxy.setParent(view)
    view.setModel(proxy)
    standard_table(view, settings, key)
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    return view, proxy


def _activate(qtbot, view: QTableView) -> None:  # noqa: ANN001
    """Shortcuts (Ctrl+C) only fire in the active window."""
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.setFocus()


def _column(view: QTableView, column: int = 0) -> list[str]:
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


# --- sorting -------------------------------------------------------------------------------------


def test_names_sort_in_vietnamese_order_from_the_start(qtbot) -> None:  # noqa: ANN001
    view, _proxy = _view(qtbot, _model([[name, i] for i, name in enumerate(PLACES)]))
    # ă after a, â after ă, đ after d; and ascending at once (Qt's own default is descending).
    assert _column(view) == VIETNAMESE_ORDER
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _column(view) == VIETNAMESE_ORDER[::-1]


def test_numbers_sort_as_numbers_ties_by_name_and_empty_cells_last(qtbot) -> None:  # noqa: ANN001
    rows = [["Ý Yên", 95], ["Bắc Hà", 100], ["An Lão", 95], ["Điện Biên", None], ["Bát Xát", 9]]
    view, _proxy = _view(qtbot, _model(rows))
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert _column(view) == ["Bát Xát", "An Lão", "Ý Yên", "Bắc Hà", "Điện Biên"]


# --- filtering -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "found"), [
    ("bac ha", ["Bắc Hà"]),
    ("dang", ["Đảng ủy Khối các cơ quan tỉnh"]),
    ("DANG UY", ["Đảng ủy Khối các cơ quan tỉnh"]),
    ("  văn  ", ["Đồng Văn", "Văn phòng Tỉnh ủy"]),
    ("vptu", ["Văn phòng Tỉnh ủy"]),  # the search text holds the short name too
    ("ha van", []),  # every word must occur
    ("", ["Bắc Hà", "Đảng ủy Khối các cơ quan tỉnh", "Đồng Văn", "Văn phòng Tỉnh ủy"]),
])
def test_filter_ignores_accents_case_and_spacing(qtbot, query: str, found: list[str]) -> None:  # noqa: ANN001
    rows = [["Bắc Hà", "BH"], ["Đảng ủy Khối các cơ quan tỉnh", "ĐUK"], ["Đồng Văn", "ĐV"],
            ["Văn phòng Tỉnh ủy", "VPTU"]]
    view, proxy = _view(qtbot, _model(rows))
    proxy.set_query(query)
    assert _column(view) == found


# --- copying -------------------------------------------------------------------------------------


def test_ctrl_c_copies_the_selection_as_tab_separated_rows(qtbot) -> None:  # noqa: ANN001
    rows = [["Bắc Hà", "BH", 100], ["An Lão", "AL", 95], ["Ý Yên", "Dòng\tcó tab\nvà xuống dòng", 9]]
    view, _proxy = _view(qtbot, _model(rows))
    _activate(qtbot, view)
    view.selectAll()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == (
        "An Lão\tAL\t95\nBắc Hà\tBH\t100\nÝ Yên\tDòng có tab và xuống dòng\t9")

    # Columns in the order the user dragged them to, hidden columns left out.
    view.horizontalHeader().moveSection(2, 0)
    view.setColumnHidden(1, True)
    view.clearSelection()
    view.selectionModel().select(view.model().index(1, 0), view.selectionModel().SelectionFlag.Select
                                 | view.selectionModel().SelectionFlag.Rows)
    assert selection_as_tsv(view) == "100\tBắc Hà"
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "100\tBắc Hà"


def test_nothing_selected_copies_nothing(qtbot) -> None:  # noqa: ANN001
    view, _proxy = _view(qtbot, _model([["Bắc Hà", "BH"]]))
    view.clearSelection()
    assert selection_as_tsv(view) == ""


# --- moving through an editable grid -------------------------------------------------------------


@pytest.fixture
def grid(qtbot) -> QTableView:  # noqa: ANN001
    """Three rows of name (read-only) | self-score | appraised score, as a scoring grid has."""
    model = QStandardItemModel(3, 3)
    for r in range(3):
        for c in range(3):
            item = QStandardItem(f"Đơn vị {r + 1}" if c == 0 else "")
            item.setEditable(c != 0)
            model.setItem(r, c, item)
    view = QTableView()
    view.setModel(model)
    GridNavigation(view)
    qtbot.addWidget(view)
    view.show()
    _activate(qtbot, view)
    view.setCurrentIndex(model.index(0, 1))
    return view


def _at(view: QTableView) -> tuple[int, int]:
    return view.currentIndex().row(), view.currentIndex().column()


def test_tab_moves_right_over_read_only_cells_and_enter_moves_down(qtbot, grid: QTableView) -> None:  # noqa: ANN001
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert _at(grid) == (0, 2)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)  # the name column is skipped on the next row
    assert _at(grid) == (1, 1)
    qtbot.keyClick(grid, Qt.Key.Key_Backtab)
    assert _at(grid) == (0, 2)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert _at(grid) == (1, 2)
    qtbot.keyClick(grid, Qt.Key.Key_Enter)
    qtbot.keyClick(grid, Qt.Key.Key_Enter)  # the last row: stays
    assert _at(grid) == (2, 2)
    assert grid.hasFocus()  # Tab never left the grid for another widget


def test_typing_then_tab_or_enter_commits_the_value_and_moves_on(qtbot, grid: QTableView) -> None:  # noqa: ANN001
    model = grid.model()
    qtbot.keyClick(grid, "9")  # typing starts editing, as in Excel; the editor takes the focus
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, "5")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert model.index(0, 1).data() == "95"
    assert _at(grid) == (0, 2) and grid.state() == QTableView.State.NoState

    grid.edit(grid.currentIndex())
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "97,5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert model.index(0, 2).data() == "97,5"
    assert _at(grid) == (1, 2)

    grid.edit(grid.currentIndex())
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "80")
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    assert model.index(1, 2).data() == "80"
    assert _at(grid) == (1, 1)


# --- remembered columns --------------------------------------------------------------------------


def test_column_widths_order_and_sort_come_back_after_re_creating_the_view(qtbot,  # noqa: ANN001
                                                                          tmp_path: Path) -> None:
    rows = [[name, i, i * 2] for i, name in enumerate(PLACES)]
    settings = _settings(tmp_path)
    view, _proxy = _view(qtbot, _model(rows), settings, "test/places")
    header = view.horizontalHeader()
    header.resizeSection(0, 263)
    header.moveSection(2, 1)
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    view.close()
    view.deleteLater()
    settings.sync()

    again, _proxy = _view(qtbot, _model(rows), _settings(tmp_path), "test/places")
    header = again.horizontalHeader()
    assert header.sectionSize(0) == 263
    assert header.visualIndex(2) == 1
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (1, Qt.SortOrder.DescendingOrder)
    assert _column(again) == [PLACES[i] for i in range(len(PLACES) - 1, -1, -1)]

    other = QTableView()
    qtbot.addWidget(other)
    other.setModel(QSortFilterProxyModel(other))
    assert remember_columns(other, _settings(tmp_path), "test/never-saved") is False
