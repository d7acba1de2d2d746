"""Cho đơn vị rời khối: from which year, and why (merged, dissolved, moved to another bloc).
The reason stays in the unit's record next to the year it left."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from thidua_desktop.domain.text import clean
from thidua_desktop.services.units import UnitRow

from .form_dialog import FormDialog, Problem, line_edit


class RetireDialog(FormDialog):
    def __init__(self, parent: QWidget | None, unit: UnitRow, *, year: int) -> None:
        super().__init__("Cho đơn vị rời khối", parent)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(unit.joined_year or 1945, 2100)
        self.year_spin.setGroupSeparatorShown(False)
        self.year_spin.setValue(year)
        self.reason_edit = line_edit(self, placeholder="Ví dụ: sáp nhập, giải thể, chuyển sang khối khác",
                                     min_chars=52)
        name = QLabel(unit.official_name, self)
        name.setStyleSheet("font-weight: bold;")
        self.form.addRow("Đơn vị:", name)
        self.add_field("Rời khối từ &năm:", self.year_spin)
        self.add_field("&Lý do:", self.reason_edit)
        self.add_note("Đơn vị không còn trong danh sách các năm chưa khóa sổ kể từ năm này. "
                      "Điểm, khen thưởng và hồ sơ của các năm trước vẫn giữ nguyên.")
        self.reason_edit.setFocus()

    def problem(self) -> Problem | None:
        if not clean(self.reason_edit.text()):
            return "Cần ghi lý do đơn vị rời khối.", self.reason_edit
        return None

    @property
    def year(self) -> int:
        return self.year_spin.value()

    @property
    def reason(self) -> str:
        return self.reason_edit.text()
