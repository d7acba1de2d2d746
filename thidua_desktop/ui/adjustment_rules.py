"""The bonus and penalty lines of a score table (điểm thưởng, điểm trừ): a list, and a small
dialog to add or change one, with its points, whether it counts each time, its cap, who scores
it and whether it bars the unit from being proposed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain.enums import AdjustmentKind, ScoredBy
from thidua_desktop.domain.text import clean, format_points

from .criterion_form import points_spin, spin_points
from .form_dialog import FormDialog, Problem, exec_dialog, line_edit, note_edit
from .lists import install_copy

if TYPE_CHECKING:  # the rows the score table service hands over
    from thidua_desktop.db.models import AdjustmentRule

COLUMNS = ("Loại", "Mã", "Nội dung", "Điểm", "Cách tính", "Tối đa", "Người chấm")


class RuleDialog(FormDialog):
    def __init__(self, parent: QWidget | None, kind: AdjustmentKind, rule: AdjustmentRule | None = None,
                 code: str = "") -> None:
        super().__init__(f"Sửa {kind.label.lower()}" if rule else f"Thêm {kind.label.lower()}", parent)
        self.kind = kind
        self.code_edit = line_edit(self, rule.code if rule else code, placeholder="Ví dụ: T1, Tr2")
        self.text_edit = note_edit(self, rule.text if rule else "")
        self.text_edit.setMinimumWidth(self.text_edit.fontMetrics().averageCharWidth() * 60)
        self.points_spin = points_spin(self)
        self.points_spin.setValue(float(rule.points) if rule else 5)
        self.each_check = QCheckBox("Tính &mỗi lần xảy ra", self)
        self.each_check.setChecked(rule.per_occurrence if rule else kind is AdjustmentKind.PENALTY)
        self.cap_spin = points_spin(self)
        self.cap_spin.setSpecialValueText("Không giới hạn")
        self.cap_spin.setValue(float(rule.cap) if rule and rule.cap is not None else 0)
        self.scored_by_combo = QComboBox(self)
        for choice in ScoredBy:
            self.scored_by_combo.addItem(choice.label, choice)
        self.scored_by_combo.setCurrentIndex(self.scored_by_combo.findData(rule.scored_by if rule
                                                                           else ScoredBy.SELF_APPRAISAL))
        self.disqualify_check = QCheckBox("Đơn vị bị điểm trừ này thì &không được đề nghị Cờ, Bằng khen", self)
        self.disqualify_check.setChecked(bool(rule and rule.disqualifies))
        self.add_field("&Mã:", self.code_edit)
        self.add_field("&Nội dung:", self.text_edit)
        self.add_field("Số &điểm:", self.points_spin)
        self.add_check(self.each_check)
        self.add_field("Tối đa &cộng dồn:", self.cap_spin)
        self.add_field("&Người chấm:", self.scored_by_combo)
        if kind is AdjustmentKind.PENALTY:
            self.add_check(self.disqualify_check)

    def problem(self) -> Problem | None:
        if not clean(self.code_edit.text()):
            return "Cần nhập mã của dòng điểm.", self.code_edit
        if not clean(self.text_edit.toPlainText()):
            return "Cần nhập nội dung.", self.text_edit
        if self.points_spin.value() <= 0:
            return "Số điểm phải lớn hơn 0 (dấu cộng hay trừ theo loại điểm).", self.points_spin
        return None

    def values(self) -> dict[str, Any]:
        cap = spin_points(self.cap_spin)
        return {"code": self.code_edit.text(), "text": self.text_edit.toPlainText(),
                "points": spin_points(self.points_spin), "per_occurrence": self.each_check.isChecked(),
                "cap": cap or None, "scored_by": self.scored_by_combo.currentData(),
                "disqualifies": self.kind is AdjustmentKind.PENALTY and self.disqualify_check.isChecked()}


def _rule_cells(rule: AdjustmentRule) -> tuple[str, ...]:
    sign = "+" if rule.kind is AdjustmentKind.BONUS else "−"
    return (rule.kind.label, rule.code, rule.text, f"{sign}{format_points(rule.points)}",
            "Mỗi lần" if rule.per_occurrence else "Một lần",
            format_points(rule.cap) if rule.cap is not None else "", rule.scored_by.label)


class RulesPanel(QWidget):
    """The list of bonus and penalty lines with Thêm/Sửa/Xóa; `add`, `edit` and `remove` carry
    the request to the editor, which owns the table id and the bridge."""

    add = Signal(object)  # AdjustmentKind
    edit = Signal(object)  # AdjustmentRule
    remove = Signal(object)  # AdjustmentRule

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules: list[AdjustmentRule] = []
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("adjustment_rules")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(2, self.table.horizontalHeader().ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self._edit_current())
        install_copy(self.table)
        self.add_bonus_button = QPushButton("Thêm điểm &thưởng…", self)
        self.add_penalty_button = QPushButton("Thêm điểm t&rừ…", self)
        self.edit_button = QPushButton("Sửa…", self)
        self.delete_button = QPushButton("Xóa", self)
        self.add_bonus_button.clicked.connect(lambda: self.add.emit(AdjustmentKind.BONUS))
        self.add_penalty_button.clicked.connect(lambda: self.add.emit(AdjustmentKind.PENALTY))
        self.edit_button.clicked.connect(self._edit_current)
        self.delete_button.clicked.connect(lambda: self._emit_current(self.remove.emit))
        buttons = QHBoxLayout()
        for button in (self.add_bonus_button, self.add_penalty_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_rules(self, rules: list[AdjustmentRule], editable: bool) -> None:
        self.rules = rules
        self.table.setRowCount(len(rules))
        for row, rule in enumerate(rules):
            for col, text in enumerate(_rule_cells(rule)):
                item = QTableWidgetItem(text)
                if col in (3, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 3:
                    item.setForeground(Qt.GlobalColor.darkGreen if rule.kind is AdjustmentKind.BONUS
                                       else Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        for button in (self.add_bonus_button, self.add_penalty_button, self.delete_button):
            button.setEnabled(editable)
        self.edit_button.setText("Sửa…" if editable else "Xem…")

    def _emit_current(self, emit: Callable[[AdjustmentRule], None]) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rules):
            emit(self.rules[row])

    def _edit_current(self) -> None:
        self._emit_current(self.edit.emit)


def ask_rule(parent: QWidget, kind: AdjustmentKind, rule: AdjustmentRule | None, code: str, *, read_only: bool,
             run: Callable[[RuleDialog], bool] = exec_dialog) -> dict[str, Any] | None:
    """The values the user confirmed in the rule dialog, or None."""
    dialog = RuleDialog(parent, kind, rule, code)
    if read_only:
        dialog.set_read_only()
    return dialog.values() if run(dialog) and not read_only else None
