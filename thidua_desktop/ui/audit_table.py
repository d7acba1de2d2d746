"""The audit log as a Qt table: one page of entries at first, the next page when the user scrolls
to the end (Qt's canFetchMore/fetchMore), so a log of a hundred thousand entries opens at once;
and the details of one entry as a small HTML table."""

from __future__ import annotations

import html
from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QWidget

from thidua_desktop.domain.enums import AuditAction
from thidua_desktop.services.audit_log import PAGE_SIZE, AuditFilter, AuditLine

from .column_model import ColumnModel, Index

Loader = Callable[[AuditFilter, int | None], list[AuditLine]]  # (filter, before_id) → a page, newest first


class Column(IntEnum):
    WHEN = 0
    OPERATOR = 1
    SUMMARY = 2
    ACTION = 3
    SUBJECT = 4
    FIELD = 5
    OLD = 6
    NEW = 7


HEADERS = {
    Column.WHEN: "Thời gian",
    Column.OPERATOR: "Người thao tác",
    Column.SUMMARY: "Nội dung thay đổi",
    Column.ACTION: "Thao tác",
    Column.SUBJECT: "Đối tượng",
    Column.FIELD: "Mục",
    Column.OLD: "Giá trị cũ",
    Column.NEW: "Giá trị mới",
}
WIDTHS = {Column.OPERATOR: 130, Column.FIELD: 140}  # starting widths; the user may change them
STRETCHED = (Column.SUMMARY, Column.SUBJECT, Column.OLD, Column.NEW)  # share the rest of the table's width
ACTION_COLOURS = {AuditAction.INSERT: "#1b6e20", AuditAction.UPDATE: "#1f4e8c", AuditAction.DELETE: "#a12622"}
TOOLTIP_LIMIT = 1500  # characters of a long value shown in a tooltip


def initial_widths(metrics: QFontMetrics) -> dict[Column, int]:
    """WIDTHS, with the time and action columns just wide enough for what they hold in this font."""
    padding = 28  # item and header padding of ui/lists.standard_table, both sides
    fit = {Column.WHEN: "28/12/2026 23:59", Column.ACTION: HEADERS[Column.ACTION]}
    return {**WIDTHS, **{c: metrics.horizontalAdvance(text) + padding for c, text in fit.items()}}


def cell_text(line: AuditLine, column: Column) -> str:
    return {
        Column.WHEN: line.when,
        Column.OPERATOR: line.operator,
        Column.SUMMARY: line.summary,
        Column.ACTION: line.action.label,
        Column.SUBJECT: line.subject,
        Column.FIELD: line.field,
        Column.OLD: line.old,
        Column.NEW: line.new,
    }[column]


def is_reversal(line: AuditLine) -> bool:
    """Rows written by Hoàn tác / Làm lại, shown in italics."""
    return line.summary.startswith(("Hoàn tác:", "Làm lại:"))


class AuditTableModel(ColumnModel[AuditLine]):
    """Entries newest first; `reload` starts over with a filter, `fetchMore` adds the next page."""

    headers = HEADERS

    def __init__(self, load: Loader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load = load
        self._filter = AuditFilter()
        self._complete = True

    @property
    def filter(self) -> AuditFilter:
        return self._filter

    def reload(self, flt: AuditFilter) -> None:
        self.beginResetModel()
        self._filter = flt
        self._rows = self._load(flt, None)
        self._complete = len(self._rows) < PAGE_SIZE
        self.endResetModel()

    def line(self, row: int) -> AuditLine:
        return self.row_at(row)

    def row_of(self, entry_id: int) -> int | None:
        return next((i for i, line in enumerate(self._rows) if line.id == entry_id), None)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or self._complete:
            return
        more = self._load(self._filter, self._rows[-1].id if self._rows else None)
        self._complete = len(more) < PAGE_SIZE
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(cell_text(line, column).split())  # one line per row
        if role == Qt.ItemDataRole.ToolTipRole:
            text = cell_text(line, column)
            return text[:TOOLTIP_LIMIT] + ("…" if len(text) > TOOLTIP_LIMIT else "") if len(text) > 20 else None
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.ACTION:
            return QColor(ACTION_COLOURS[line.action])
        if role == Qt.ItemDataRole.FontRole and is_reversal(line):
            font = QFont()
            font.setItalic(True)
            return font
        return None


def details_html(line: AuditLine) -> str:
    """Everything about one entry, label by label, for the pane under the table."""
    rows = [("Thời gian", line.when), ("Người thao tác", line.operator), ("Nội dung thay đổi", line.summary),
            ("Thao tác", f"{line.action.label} {line.subject[0].lower()}{line.subject[1:]}")]
    if line.year is not None:
        rows.append(("Năm", str(line.year)))
    if line.unit and line.unit != line.record:
        rows.append(("Đơn vị", line.unit))
    if line.action is AuditAction.UPDATE:
        rows += [("Mục", line.field), ("Giá trị cũ", line.old), ("Giá trị mới", line.new)]
    body = "".join(_row(label, text) for label, text in rows)
    if line.details:
        heading = "Bản ghi đã xóa" if line.action is AuditAction.DELETE else "Bản ghi được thêm"
        body += f"<tr><td colspan='2' style='padding-top:8px'><b>{heading}</b></td></tr>"
        body += "".join(_row(label, text) for label, text in line.details)
    return f"<table cellspacing='0' cellpadding='2'>{body}</table>"


def _row(label: str, text: str) -> str:
    value = html.escape(text).replace("\n", "<br>")
    return f"<tr><td style='color:#555;padding-right:14px' valign='top'>{html.escape(label)}</td><td>{value}</td></tr>"
