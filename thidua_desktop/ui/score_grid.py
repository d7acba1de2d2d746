"""The two tables of the score-entry page, both over the period kept in memory (Sheet):

- ScoreGridModel: one unit's criteria, one row each, with every stage's input side by side, so
  the secretary reads the self-score while typing the appraisal and sees the points it gives;
- UnitSummaryModel: every unit with section totals, own and agreed totals, rank and band,
  which is also the unit picker, so totals and ranks move visibly as a figure is typed.

Edits go through `editor(criterion_id, column, text) -> bool`, set by the page, which writes
them through the services; a refused edit returns False and the cell keeps its old value.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from thidua_desktop.domain.agreed import ScoreInputs, agreed_score
from thidua_desktop.domain.enums import CriterionKind, ScoredBy
from thidua_desktop.domain.period import PeriodResults
from thidua_desktop.domain.text import format_points
from thidua_desktop.services.score_sheet import Sheet

from .lists import SEARCH_ROLE, SORT_ROLE
from .score_cells import HINTS, entry_text

Index = QModelIndex | QPersistentModelIndex
_EMPTY = ScoreInputs()
READ_ONLY_BG = QBrush(QColor("#f2f2f2"))
MISSING_FG = QBrush(QColor("#b00020"))
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


class Col(IntEnum):
    CODE = 0
    TEXT = 1
    MAX = 2
    OWN = 3
    APPRAISED = 4
    PROVINCIAL = 5
    FINAL = 6
    POINTS = 7
    NOTE = 8


HEADERS = ("Mã", "Tiêu chí", "Tối đa", "Tự chấm", "Thẩm định", "Tỉnh chấm", "Thống nhất", "Điểm", "Ghi chú")
STAGE_COLUMNS = (Col.OWN, Col.APPRAISED, Col.PROVINCIAL)


class ScoreGridModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.sheet: Sheet | None = None
        self.unit_id: int | None = None
        self.editable = False
        self.editor: Callable[[int, Col, str], bool] = lambda *_: False

    def show(self, sheet: Sheet | None, unit_id: int | None, editable: bool) -> None:
        self.beginResetModel()
        self.sheet, self.unit_id, self.editable = sheet, unit_id, editable
        self.endResetModel()

    def criterion_id(self, row: int) -> int:
        return self.sheet.model.criteria[row].id

    def row_of(self, criterion_id: int) -> int:
        return next(i for i, c in enumerate(self.sheet.model.criteria) if c.id == criterion_id)

    def row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Col) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.sheet is None or self.unit_id is None else len(self.sheet.model.criteria)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def _accepts(self, col: Col, provincial: bool, kind: CriterionKind) -> bool:
        """Which stage a section takes: members and Trưởng/Phó, or the provincial body (no figures)."""
        if col in (Col.OWN, Col.APPRAISED):
            return not provincial
        if col is Col.PROVINCIAL:
            return provincial and kind not in (CriterionKind.RATIO, CriterionKind.INVERSE_RATIO)
        return col in (Col.FINAL, Col.NOTE)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        line = self.sheet.model.criteria[index.row()]
        if self.editable and self._accepts(Col(index.column()), line.scored_by is ScoredBy.PROVINCIAL, line.rule.kind):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, C901
        line = self.sheet.model.criteria[index.row()]
        text = self.sheet.criteria[line.id]
        inputs = self.sheet.model.inputs.get((self.unit_id, line.id), _EMPTY)
        col = Col(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col is Col.CODE:
                return text.code
            if col is Col.TEXT:
                return text.text
            if col is Col.MAX:
                return format_points(text.max_points)
            if col in STAGE_COLUMNS:
                return entry_text(line.rule.kind, getattr(inputs, ("own", "appraised", "provincial")[col - Col.OWN]))
            if col is Col.FINAL:
                return "" if inputs.final_value is None else format_points(inputs.final_value)
            if col is Col.POINTS:
                score = self._agreed(line, inputs)
                return "" if score is None else format_points(score)
            return self.sheet.notes.get((self.unit_id, line.id), "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (Col.TEXT, Col.NOTE):
            return CENTER if col is Col.CODE else RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and not (self.flags(index) & Qt.ItemFlag.ItemIsEditable) \
                and col not in (Col.CODE, Col.TEXT):
            return READ_ONLY_BG
        if role == Qt.ItemDataRole.ToolTipRole:
            if col is Col.TEXT:
                return f"Phần {text.section} · {text.text}"
            if col in STAGE_COLUMNS and self.flags(index) & Qt.ItemFlag.ItemIsEditable:
                return HINTS[line.rule.kind]
            if col is Col.PROVINCIAL:
                return "Cơ quan thường trực tỉnh chấm (Phần do tỉnh chấm)."
            if col is Col.FINAL:
                return "Điểm khối thống nhất khác với kết quả thẩm định; để trống thì lấy điểm thẩm định."
        return None

    def _agreed(self, line, inputs: ScoreInputs) -> Decimal | None:  # noqa: ANN001
        try:
            score = agreed_score(line.rule, line.scored_by, inputs)
        except ValueError:
            return None
        return None if score is None else score.points

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        text = "" if value is None else str(value)
        if text.strip() == (self.data(index) or "").strip():
            return False  # nothing changed: no audit line, no undo step
        if not self.editor(self.criterion_id(index.row()), Col(index.column()), text):
            return False
        self.row_changed(index.row())
        return True


class SummaryCol(IntEnum):
    RANK = 0
    UNIT = 1


class UnitSummaryModel(QAbstractTableModel):
    """Rows in the period's unit order (stable, so selection survives a re-rank); the view
    sorts them by rank. Columns: Hạng, Đơn vị, one per section, Tự chấm, Thưởng, Trừ,
    Tổng điểm, Xếp loại, Còn thiếu."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.sheet: Sheet | None = None
        self.results: PeriodResults | None = None
        self._rows: dict[int, object] = {}

    @property
    def headers(self) -> list[str]:
        sections = [f"Phần {s.code}" for s in self.sheet.sections] if self.sheet else []
        return ["Hạng", "Đơn vị", *sections, "Tự chấm", "Thưởng", "Trừ", "Tổng điểm", "Xếp loại", "Còn thiếu"]

    def column_of(self, header: str) -> int:
        return self.headers.index(header)

    def show(self, sheet: Sheet | None, results: PeriodResults | None) -> None:
        self.beginResetModel()
        self.sheet, self.results = sheet, results
        self._rows = results.by_unit() if results else {}
        self.endResetModel()

    def update(self, results: PeriodResults) -> None:
        """New totals and ranks after an edit: same rows, new values."""
        self.results, self._rows = results, results.by_unit()
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def unit_id(self, row: int) -> int:
        return self.sheet.model.units[row].id

    def row_of(self, unit_id: int) -> int:
        return next(i for i, u in enumerate(self.sheet.model.units) if u.id == unit_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.model.units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def _value(self, row, col: int):  # noqa: ANN001, ANN202 - (display, sort)
        n_sections = len(self.sheet.sections)
        if col == 0:
            return str(row.rank), row.position
        if col == 1:
            name = self.sheet.short_names.get(row.unit.id, row.unit.name)
            return name, name
        if col < 2 + n_sections:
            value = row.agreed.section_totals.get(self.sheet.sections[col - 2].code, Decimal(0))
            return format_points(value), float(value)
        value = {0: row.own.total, 1: row.agreed.bonus + row.agreed.quantitative_bonus, 2: row.agreed.penalty,
                 3: row.agreed.total}.get(col - 2 - n_sections)
        if value is not None:
            shown = format_points(value) if value or col - 2 - n_sections == 3 else ""
            return (f"−{shown}" if shown and col - 2 - n_sections == 2 else shown), float(value)
        if col - 2 - n_sections == 4:
            return row.band or "", row.band
        missing = row.agreed.missing_count
        return (str(missing) if missing else ""), missing

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        row = self._rows.get(self.unit_id(index.row()))
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._value(row, index.column())[0]
        if role == SORT_ROLE:
            return self._value(row, index.column())[1]
        if role == SEARCH_ROLE:
            return f"{row.unit.name} {self.sheet.short_names.get(row.unit.id, '')}"
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = row.unit.name
            if row.explanation:
                tip += f"\n{row.explanation}"
            if row.agreed.missing_count:
                tip += f"\nCòn {row.agreed.missing_count} tiêu chí chưa có điểm."
            return tip
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.column_of("Còn thiếu"):
            return MISSING_FG
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != SummaryCol.UNIT \
                and index.column() != self.column_of("Xếp loại"):
            return RIGHT
        return None
