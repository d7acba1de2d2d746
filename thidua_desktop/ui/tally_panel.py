"""Bỏ phiếu: open a round for an award (candidates pre-filled from the year-end ranking), type
the ballots and each candidate's votes as in a spreadsheet, count, and read why each candidate
passed or not; a further round opens for the places left open. Impossible tallies are refused
with every reason; exceeding the quota is a warning in orange, never a block."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain.text import format_points
from thidua_desktop.services import voting, years
from thidua_desktop.services.voting import RoundView

from .form_dialog import exec_dialog
from .hint import hint_label
from .lists import GridNavigation, standard_table
from .pages.base import PageContext, YearRef
from .voting_dialogs import CandidatesDialog

COLUMNS = ("Đơn vị", "Tổng điểm", "Hạng", "Số phiếu đồng ý", "Kết quả", "Giải thích")
VOTES_COLUMN = 3
BALLOTS = (("ballots_issued", "Phiếu phát ra:"), ("ballots_returned", "Phiếu thu vào:"),
           ("ballots_valid", "Phiếu hợp lệ:"), ("ballots_invalid", "Phiếu không hợp lệ:"))


def outcome_text(passed: bool | None) -> str:
    return "" if passed is None else ("Đạt" if passed else "Không đạt")


class TallyPanel(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: YearRef | None = None
        self.meeting_id: int | None = None
        self.editable = False
        self.views: list[RoundView] = []
        self.caps: dict[int, int | None] = {}  # award type → the year's quota

        self.award_combo = QComboBox(self)
        self.award_combo.setObjectName("round_award")
        self.places_spin = QSpinBox(self)
        self.places_spin.setObjectName("round_places")
        self.places_spin.setRange(1, 50)
        self.open_button = QPushButton("&Mở vòng bỏ phiếu", self)
        self.open_button.setObjectName("open_round")
        self.round_combo = QComboBox(self)
        self.round_combo.setObjectName("round_choice")
        self.rules_label = hint_label("", self)
        self.rules_label.setObjectName("round_rules")
        self.rules_label.setWordWrap(False)  # one line; the whole rules in its tooltip
        self.spins: dict[str, QSpinBox] = {}
        ballots = QGridLayout()
        for i, (key, label) in enumerate(BALLOTS):
            spin = QSpinBox(self)
            spin.setObjectName(key)
            spin.setRange(0, 999)
            self.spins[key] = spin
            caption = QLabel(label, self)
            caption.setBuddy(spin)
            ballots.addWidget(caption, 0, 2 * i)
            ballots.addWidget(spin, 0, 2 * i + 1)
        ballots.setColumnStretch(len(BALLOTS) * 2, 1)

        self.grid = QTableWidget(0, len(COLUMNS), self)
        self.grid.setObjectName("tally_grid")
        self.grid.setHorizontalHeaderLabels(COLUMNS)
        standard_table(self.grid)
        self.grid.setSortingEnabled(False)  # the ballot's order
        self.grid.setWordWrap(True)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.grid.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        GridNavigation(self.grid)

        self.count_button = QPushButton("&Kiểm phiếu", self)
        self.count_button.setObjectName("count_round")
        self.candidates_button = QPushButton("Sửa &danh sách…", self)
        self.candidates_button.setObjectName("edit_candidates")
        self.candidates_button.setToolTip("Thêm, bớt đơn vị có tên trên phiếu bầu của vòng này (trước khi kiểm phiếu)")
        self.run_dialog: Callable[[CandidatesDialog], bool] = exec_dialog  # replaceable in tests
        self.next_button = QPushButton("Bỏ phiếu &vòng tiếp theo", self)
        self.next_button.setObjectName("next_round")
        self.notes_label = QLabel(self)
        self.notes_label.setObjectName("round_notes")
        self.notes_label.setWordWrap(True)
        self.quota_label = QLabel(self)
        self.quota_label.setObjectName("quota_warning")
        self.quota_label.setWordWrap(True)
        self.quota_label.setStyleSheet("color: #b35900;")

        opening = QHBoxLayout()
        opening.addWidget(QLabel("Danh hiệu, hình thức:", self))
        opening.addWidget(self.award_combo, 1)
        opening.addWidget(QLabel("Số suất:", self))
        opening.addWidget(self.places_spin)
        opening.addWidget(self.open_button)
        choosing = QHBoxLayout()
        choosing.addWidget(QLabel("Vòng bỏ phiếu:", self))
        choosing.addWidget(self.round_combo, 1)
        choosing.addWidget(self.candidates_button)
        actions = QHBoxLayout()
        actions.addWidget(self.count_button)
        actions.addWidget(self.next_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(opening)
        layout.addLayout(choosing)
        layout.addWidget(self.rules_label)
        layout.addLayout(ballots)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.quota_label)
        layout.addWidget(self.notes_label)
        layout.addLayout(actions)

        self.open_button.clicked.connect(self.open_round)
        self.round_combo.currentIndexChanged.connect(lambda _i: self._show_round())
        self.count_button.clicked.connect(self.count)
        self.candidates_button.clicked.connect(self.edit_candidates)
        self.next_button.clicked.connect(self.next_round)
        self.award_combo.currentIndexChanged.connect(lambda _i: self._suggest_places())

    # --- showing ------------------------------------------------------------------------------

    def reload(self, year: YearRef | None, editable: bool, meeting_id: int | None) -> None:
        self.year, self.editable, self.meeting_id = year, editable, meeting_id
        ws = self.ctx.workspace
        current = self.round_combo.currentData()
        award = self.award_combo.currentData()
        self.award_combo.blockSignals(True)
        self.award_combo.clear()
        if year is not None:
            for line in years.quota_lines(ws, year.id):
                self.award_combo.addItem(line.name, line.award_type_id)
                self.caps[line.award_type_id] = line.max_count
        self.award_combo.setCurrentIndex(max(0, self.award_combo.findData(award)))
        self.award_combo.blockSignals(False)
        self._suggest_places()
        self.views = voting.rounds(ws, meeting_id) if meeting_id else []
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for view in self.views:
            self.round_combo.addItem(f"{view.award_name} — vòng {view.round_no}", view.round_id)
        index = self.round_combo.findData(current)
        self.round_combo.setCurrentIndex(index if index >= 0 else self.round_combo.count() - 1)
        self.round_combo.blockSignals(False)
        can_open = editable and meeting_id is not None and self.award_combo.count() > 0
        for widget in (self.award_combo, self.places_spin, self.open_button):
            widget.setEnabled(can_open)
        self._show_round()

    def _suggest_places(self) -> None:
        self.places_spin.setValue(self.caps.get(self.award_combo.currentData()) or 1)

    def current_view(self) -> RoundView | None:
        round_id = self.round_combo.currentData()
        return next((v for v in self.views if v.round_id == round_id), None)

    def _show_round(self) -> None:
        view = self.current_view()
        open_round = view is not None and not view.closed and self.editable
        self.grid.setRowCount(0)
        self.rules_label.setText(view.rules.summary + "." if view else
                                 "Chọn danh hiệu, số suất rồi mở vòng bỏ phiếu; danh sách lấy từ kết quả xếp hạng "
                                 "cuối năm và sửa được.")
        self.rules_label.setToolTip("\n".join(view.rules.sentences()) if view else "")
        present = sum(a.present for a in voting.attendance(self.ctx.workspace, self.meeting_id)) \
            if self.meeting_id else 0
        for key, spin in self.spins.items():
            stored = getattr(view, key) if view else None
            default = present if key != "ballots_invalid" else 0
            spin.setValue(stored if stored is not None else default)
            spin.setReadOnly(not open_round)
        if view is not None:
            self.grid.setRowCount(len(view.candidates))
            for row, c in enumerate(view.candidates):
                texts = (c.name, format_points(c.total_score) if c.total_score is not None else "",
                         str(c.rank or ""), "" if c.votes_for is None else str(c.votes_for), outcome_text(c.passed),
                         c.explanation or "")
                for column, text in enumerate(texts):
                    item = QTableWidgetItem(text)
                    if column != VOTES_COLUMN or not open_round:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    if column in (1, 2, VOTES_COLUMN):
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.grid.setItem(row, column, item)
        self.quota_label.setText(view.quota_warning or "" if view else "")
        self.quota_label.setVisible(bool(view and view.quota_warning))
        notes = view.result.notes if view and view.result else ()
        self.notes_label.setText("\n".join(notes))
        self.count_button.setEnabled(open_round)
        self.candidates_button.setEnabled(open_round)
        self.next_button.setEnabled(bool(self.editable and view and view.result and view.result.next_round
                                         and not any(v.award_type_id == view.award_type_id
                                                     and v.round_no > view.round_no for v in self.views)))
        if open_round and self.grid.rowCount():
            self.grid.setCurrentCell(0, VOTES_COLUMN)

    # --- acting -------------------------------------------------------------------------------

    def open_round(self) -> None:
        award_type_id = self.award_combo.currentData()
        if award_type_id is None or self.meeting_id is None or not self.editable:
            return
        round_id = self.ctx.bridge.attempt(self, voting.open_round, self.meeting_id, award_type_id,
                                           places=self.places_spin.value())
        self._select(round_id)

    def votes(self) -> dict[int, int | None] | None:
        """The votes typed in the grid; None (after telling the user) when one is not a number."""
        view = self.current_view()
        out: dict[int, int | None] = {}
        for row, c in enumerate(view.candidates):
            text = self.grid.item(row, VOTES_COLUMN).text().strip()
            if text and not text.isdigit():
                self.ctx.bridge.report(self, "Không thực hiện được",
                                       f"Số phiếu của {c.name} phải là số nguyên không âm (“{text}”).")
                return None
            out[c.candidate_id] = int(text) if text else None
        return out

    def count(self) -> None:
        view = self.current_view()
        if view is None or view.closed or not self.editable:
            return
        votes = self.votes()
        if votes is None:
            return
        figures = {key.removeprefix("ballots_"): spin.value() for key, spin in self.spins.items()}
        self.ctx.bridge.attempt(self, voting.enter_tally, view.round_id, votes=votes, **figures)

    def edit_candidates(self) -> bool:
        view = self.current_view()
        if view is None or view.closed or not self.editable or self.year is None:
            return False
        ranking = voting.year_end_ranking(self.ctx.workspace, self.year.id)
        chosen = {c.unit_id for c in view.candidates}
        dialog = CandidatesDialog(view.award_name, ranking, chosen, self)
        try:
            if not self.run_dialog(dialog):
                return False
            return self.ctx.bridge.attempt(self, lambda ws: voting.set_candidates(ws, view.round_id, dialog.unit_ids())
                                           or True) is True
        finally:
            dialog.deleteLater()

    def next_round(self) -> None:
        view = self.current_view()
        if view is None or not self.editable:
            return
        self._select(self.ctx.bridge.attempt(self, voting.open_next_round, view.round_id))

    def _select(self, round_id: int | None) -> None:
        if round_id is not None:
            index = self.round_combo.findData(round_id)
            if index >= 0:
                self.round_combo.setCurrentIndex(index)
