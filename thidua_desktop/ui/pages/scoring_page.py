"""Chấm điểm: score entry for the sơ kết or tổng kết of the selected year.

Left, every unit with its total, rank and band (the unit picker, re-ranked as you type);
right, the picked unit's criteria with each stage side by side, and its bonus/penalty lines.
The period is read once into memory; each edit is written through the services (checked,
committed, audited, undoable), then applied to the in-memory model and only that unit is
re-scored. Other tabs: the full summary of all sections, and the pictures.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain.agreed import ScoreInputs, StageInput
from thidua_desktop.domain.enums import ScoredBy
from thidua_desktop.domain.period import AdjustmentLine, PeriodResults, rescore_unit, score_period
from thidua_desktop.domain.text import format_points
from thidua_desktop.services import score_history, scores
from thidua_desktop.services.score_sheet import Sheet, load_sheet, periods_of
from thidua_desktop.services.scores import Stage
from thidua_desktop.services.workspace import ChangeEvent

from ..adjustments_panel import AdjCol, AdjustmentsPanel
from ..charts import Bar, BarChart, RankChart
from ..lists import GridNavigation, VietnameseSortFilterProxy, install_copy, standard_table
from ..reason_dialog import ask_reason
from ..score_cells import CellTextError, as_entry, parse_entry, parse_points
from ..score_excel import ScoreExcelActions
from ..score_grid import Col, ScoreGridModel, UnitSummaryModel
from .base import Page

LOCKED_TEXT = "ĐÃ KHÓA: kết quả đã được khối thông qua và khóa — chỉ xem. Muốn sửa, bấm “Mở khóa…” và ghi lý do."
YEAR_CLOSED_TEXT = "ĐÃ KHÓA SỔ: năm này chỉ xem, không sửa được."
OPEN_TEXT = "Đang chấm: mỗi ô gõ xong bấm Enter hoặc Tab là được lưu ngay (Ctrl+Z để hoàn tác)."
NO_PERIOD_TEXT = "Năm này chưa có kỳ chấm điểm: cần lập bảng điểm ở trang “Giao ước & bảng điểm”."
_STAGE = {Col.OWN: (Stage.OWN, "own"), Col.APPRAISED: (Stage.APPRAISED, "appraised"),
          Col.PROVINCIAL: (Stage.PROVINCIAL, "provincial")}
PICKER_COLUMNS = ("Hạng", "Đơn vị", "Tổng điểm", "Xếp loại")


class ScoringPage(Page):
    title = "Chấm điểm"
    tables = frozenset({"evaluation_period", "score", "score_adjustment", "period_result", "score_table",
                        "score_section", "criterion", "adjustment_rule", "membership", "unit", "score_band",
                        "voting_rule"})

    def __init__(self, ctx, parent=None) -> None:  # noqa: ANN001
        super().__init__(ctx, parent)
        self.sheet: Sheet | None = None
        self.results: PeriodResults | None = None
        self.unit_id: int | None = None
        self._own_edit = False
        self.ask_reason = ask_reason  # replaceable: tests answer without a modal dialog

        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("period_selector")
        self.period_combo.currentIndexChanged.connect(lambda _i: self._load())
        self.state_label = QLabel(self)
        self.state_label.setObjectName("period_state")
        self.state_label.setWordWrap(True)
        self.lock_button = QPushButton("Thông qua và khóa kết quả", self)
        self.lock_button.clicked.connect(self.lock)
        self.unlock_button = QPushButton("Mở khóa…", self)
        self.unlock_button.clicked.connect(self.unlock)
        self.excel = ScoreExcelActions(ctx.bridge, ctx.settings, self._period_choice, self)

        self.summary = UnitSummaryModel(self)
        self.picker = self._summary_view("score_units", remember=False)
        self.picker.setSortingEnabled(False)
        self.grid_model = ScoreGridModel(self)
        self.grid_model.editor = self._edit_score
        self.grid = QTableView(self)
        self.grid.setObjectName("score_grid")
        self.grid.setModel(self.grid_model)
        self.grid.setAlternatingRowColors(True)
        self.grid.setWordWrap(False)
        self.grid.verticalHeader().setVisible(False)
        self.grid.verticalHeader().setDefaultSectionSize(self.grid.fontMetrics().height() + 10)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        install_copy(self.grid)
        self.grid_navigation = GridNavigation(self.grid)
        self.adjustments = AdjustmentsPanel(self)
        self.adjustments.model.editor = self._edit_adjustment
        self.unit_label = QLabel(self)
        self.unit_label.setObjectName("unit_heading")
        self.unit_label.setWordWrap(True)  # a long unit name must not widen the page

        self.full_summary = self._summary_view("score_summary", remember=True)
        self.totals_chart = BarChart("Tổng điểm của các đơn vị", self)
        self.sections_chart = BarChart("Điểm từng phần so với điểm tối đa", self)
        self.rank_chart = RankChart("Thứ hạng qua các năm", self)

        self._layout()
        for key, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            QShortcut(QKeySequence(key), self, lambda s=step: self._step_unit(s),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # --- building ------------------------------------------------------------------------------

    def _summary_view(self, name: str, *, remember: bool) -> QTableView:
        """A view of the units' totals; the picker's columns are set by the page, not remembered."""
        proxy = VietnameseSortFilterProxy(self, tie_column=1)
        proxy.setSourceModel(self.summary)
        view = QTableView(self)
        view.setObjectName(name)
        view.setModel(proxy)
        standard_table(view, self.ctx.settings if remember else None, name)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.selectionModel().currentRowChanged.connect(lambda cur, _prev, v=view: self._pick(v, cur))
        return view

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Kỳ chấm điểm:", self))
        top.addWidget(self.period_combo)
        top.addWidget(self.state_label, 1)
        top.addWidget(self.lock_button)
        top.addWidget(self.unlock_button)
        top.addWidget(self.excel)

        right = QSplitter(Qt.Orientation.Vertical, self)
        upper = QWidget(right)
        box = QVBoxLayout(upper)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.unit_label)
        box.addWidget(self.grid)
        right.addWidget(upper)
        right.addWidget(self.adjustments)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        entry = QSplitter(Qt.Orientation.Horizontal, self)
        entry.addWidget(self.picker)
        entry.addWidget(right)
        entry.setStretchFactor(1, 1)
        entry.setSizes([250, 1000])

        charts = QWidget(self)
        grid = QGridLayout(charts)
        grid.addWidget(self.totals_chart, 0, 0, 2, 1)
        grid.addWidget(self.sections_chart, 0, 1)
        grid.addWidget(self.rank_chart, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(entry, "Nhập điểm")
        self.tabs.addTab(self.full_summary, "Tổng hợp")
        self.tabs.addTab(charts, "Biểu đồ")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    # --- loading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the year's periods and the selected one (after undo, redo or others' changes)."""
        kind = self.sheet.kind if self.sheet else None
        periods = periods_of(self.ctx.workspace, self.year.id) if self.year else []
        with QSignalBlocker(self.period_combo):
            self.period_combo.clear()
            for p in periods:
                self.period_combo.addItem(p.kind.label + (" (đã khóa)" if p.locked else ""), p.id)
            kinds = [p.kind for p in periods]
            self.period_combo.setCurrentIndex(kinds.index(kind) if kind in kinds else len(periods) - 1)
        self._load()

    def on_change(self, event: ChangeEvent) -> None:
        if not self._own_edit:  # our own edits are already applied in memory
            super().on_change(event)

    @property
    def writable(self) -> bool:
        return self.editable and self.sheet is not None and not self.sheet.locked

    def _load(self) -> None:
        period_id = self.period_combo.currentData()
        self.sheet = load_sheet(self.ctx.workspace, period_id) if period_id is not None else None
        self.results = score_period(self.sheet.model) if self.sheet else None
        self.summary.show(self.sheet, self.results)
        for view in (self.picker, self.full_summary):
            view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        columns = self.summary.headers
        for i, header in enumerate(columns):
            self.picker.setColumnHidden(i, header not in PICKER_COLUMNS)
        picker_header = self.picker.horizontalHeader()
        picker_header.setStretchLastSection(False)  # the last section (Còn thiếu) is hidden here
        picker_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        picker_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.picker.setMinimumWidth(330)  # room for a short unit name beside rank, total and band
        self.full_summary.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._show_state()
        units = [u.id for u in self.sheet.model.units] if self.sheet else []
        self.select_unit(self.unit_id if self.unit_id in units else (self.results.rows[0].unit.id if units else None))

    def _show_state(self) -> None:
        locked = bool(self.sheet and self.sheet.locked)
        text = NO_PERIOD_TEXT if self.sheet is None else LOCKED_TEXT if locked \
            else YEAR_CLOSED_TEXT if not self.editable else OPEN_TEXT
        self.state_label.setText(text)
        self.state_label.setStyleSheet("color: #8a5a00; font-weight: bold;" if locked or not self.editable else "")
        self.lock_button.setVisible(self.writable)
        self.excel.setEnabled(self.sheet is not None)
        self.excel.set_writable(self.writable)
        self.unlock_button.setVisible(locked and self.editable)

    def _period_choice(self) -> tuple[int, str] | None:
        return (self.sheet.period_id, self.sheet.kind.label) if self.sheet else None

    # --- the selected unit ---------------------------------------------------------------------

    def select_unit(self, unit_id: int | None) -> None:
        self.unit_id = unit_id
        self.grid_model.show(self.sheet, unit_id, self.writable)
        self.adjustments.model.show(self.sheet, unit_id, self.writable)
        self._fit_grid()
        if unit_id is not None:
            proxy = self.picker.model()
            index = proxy.mapFromSource(self.summary.index(self.summary.row_of(unit_id), 1))
            with QSignalBlocker(self.picker.selectionModel()):
                self.picker.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.rank_chart.set_points(f"Thứ hạng tổng kết qua các năm — {self.sheet.short_names[unit_id]}",
                                       score_history.rank_history(self.ctx.workspace, unit_id))
        self._update_unit()

    def _pick(self, view: QTableView, current) -> None:  # noqa: ANN001
        if current.isValid() and self.sheet:
            unit_id = self.summary.unit_id(view.model().mapToSource(current).row())
            if unit_id != self.unit_id:
                self.select_unit(unit_id)

    def _step_unit(self, step: int) -> None:
        row = self.picker.currentIndex().row() + step
        if 0 <= row < self.picker.model().rowCount():
            self.picker.setCurrentIndex(self.picker.model().index(row, 1))

    def _fit_grid(self) -> None:
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        char = self.grid.fontMetrics().averageCharWidth()  # room for "95/100", "2,98", "Thống nhất"
        widths = {Col.CODE: 7 * char, Col.MAX: 7 * char, Col.OWN: 10 * char, Col.APPRAISED: 10 * char,
                  Col.PROVINCIAL: 14 * char, Col.FINAL: 10 * char, Col.POINTS: 7 * char, Col.NOTE: 12 * char}
        for col, width in widths.items():
            self.grid.setColumnWidth(col, width)
        header.setSectionResizeMode(Col.TEXT, QHeaderView.ResizeMode.Stretch)

    def _update_unit(self) -> None:
        row = self.results.by_unit().get(self.unit_id) if self.results and self.unit_id else None
        if row is None:
            self.unit_label.setText("")
            self.totals_chart.set_bars([])
            self.sections_chart.set_bars([])
            self.rank_chart.set_points(self.rank_chart.title, [])
            return
        band = f" · Xếp loại: {row.band}" if row.band else ""
        missing = f" · <span style='color:#b00020'>còn {row.agreed.missing_count} tiêu chí chưa có điểm</span>" \
            if row.agreed.missing_count else ""
        self.unit_label.setText(f"<b>{row.unit.name}</b> — Tự chấm {format_points(row.own.total)} · "
                                f"Tổng điểm <b>{format_points(row.agreed.total)}</b> · "
                                f"Hạng <b>{row.rank}</b>/{len(self.results.rows)}{band}{missing}")
        by_section = {s.code: s for s in self.sheet.sections}
        self.sections_chart.title = f"Điểm từng phần so với điểm tối đa — {self.sheet.short_names[self.unit_id]}"
        self.sections_chart.set_bars([Bar(f"Phần {code}", row.agreed.section_totals.get(code, 0), s.max_points)
                                      for code, s in by_section.items()])
        self.totals_chart.set_bars([Bar(self.sheet.short_names[r.unit.id], r.agreed.total,
                                        highlight=r.unit.id == self.unit_id) for r in self.results.rows])

    # --- editing -------------------------------------------------------------------------------

    def _write(self, fn, *args, **kwargs) -> bool:  # noqa: ANN001
        """Run a service call as our own edit; False (after the message) when it was refused."""
        self._own_edit = True
        try:
            return self.ctx.bridge.attempt(self, lambda ws: fn(ws, *args, **kwargs) or True) is True
        finally:
            self._own_edit = False

    def _refuse(self, message: str) -> bool:
        self.ctx.bridge.report(self, "Không thực hiện được", message, icon=QMessageBox.Icon.Warning)
        return False

    def _edit_score(self, criterion_id: int, col: Col, text: str) -> bool:
        sheet, unit = self.sheet, self.unit_id
        info = sheet.criteria[criterion_id]
        inputs = sheet.model.inputs.get((unit, criterion_id), ScoreInputs())
        period = sheet.period_id
        try:
            if col is Col.FINAL:
                value = parse_points(text)
                done = self._write(scores.set_final, period, unit, criterion_id, value)
                new = replace(inputs, final_value=value)
            elif col is Col.NOTE:
                stage, field = (Stage.PROVINCIAL, "provincial") if info.scored_by is ScoredBy.PROVINCIAL \
                    else (Stage.APPRAISED, "appraised")
                done = self._write(scores.set_score, period, unit, criterion_id, stage,
                                   as_entry(getattr(inputs, field)), note=text)
                new = inputs
                if done:
                    sheet.notes[(unit, criterion_id)] = text.strip()
            else:
                entry = parse_entry(info.kind, text)
                stage, field = _STAGE[col]
                done = self._write(scores.set_score, period, unit, criterion_id, stage, entry)
                new = replace(inputs, **{field: StageInput(entry.value, entry.grade and entry.grade.upper(),
                                                           entry.actual, entry.plan)})
        except CellTextError as error:
            return self._refuse(str(error))
        if done:
            sheet.model.inputs[(unit, criterion_id)] = new
            self._rescore()
        return done

    def _edit_adjustment(self, rule_id: int, col: AdjCol, text: str) -> bool:
        if text and not text.isdigit():
            return self._refuse(f"“{text}”: số lần phải là số nguyên từ 0 trở lên.")
        lines = self.sheet.model.adjustments.setdefault(self.unit_id, [])
        line = next((a for a in lines if a.rule_id == rule_id), AdjustmentLine(rule_id, None, 0))
        count = int(text) if text else None
        own, agreed = (count, line.occurrences) if col is AdjCol.OWN else (line.own_occurrences, count or 0)
        if not self._write(scores.set_adjustment, self.sheet.period_id, self.unit_id, rule_id,
                           occurrences=agreed, own_occurrences=own):
            return False
        lines[:] = [a for a in lines if a.rule_id != rule_id]
        if agreed or own:
            lines.append(AdjustmentLine(rule_id, own, agreed))
        self._rescore()
        return True

    def _rescore(self) -> None:
        """Only the edited unit's sums change; the others' are kept, then all are re-ranked."""
        self.results = rescore_unit(self.sheet.model, self.results, self.unit_id)
        self.summary.update(self.results)
        self._update_unit()

    # --- locking -------------------------------------------------------------------------------

    def lock(self) -> None:
        if self.sheet and self._write(scores.lock_period, self.sheet.period_id):
            self.refresh()

    def unlock(self) -> None:
        if self.sheet is None:
            return
        reason = self.ask_reason(self, "Mở khóa kết quả chấm điểm",
                                 "Kết quả này đã được khối thông qua. Ghi lý do mở khóa (được lưu vào nhật ký):")
        if reason and self._write(scores.unlock_period, self.sheet.period_id, reason):
            self.refresh()
