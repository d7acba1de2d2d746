"""Creating the next emulation year: its number (the latest + 1 by default), the Trưởng khối
and up to two Phó khối. Everything else is copied from the latest earlier year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from thidua_desktop.domain.enums import MAX_DEPUTIES
from thidua_desktop.services.years import UnitChoice

from . import vi
from .hint import hint_label

NOBODY = "(chưa chọn)"


@dataclass(frozen=True, slots=True)
class NewYearChoice:
    year: int
    leader_unit_id: int | None
    deputy_unit_ids: tuple[int, ...]


class NewYearDialog(QDialog):
    def __init__(self, parent: QWidget | None, units: Sequence[UnitChoice], existing_years: Sequence[int]) -> None:
        super().__init__(parent)
        self.units = list(units)
        self.existing = sorted(existing_years)
        latest = self.existing[-1] if self.existing else None
        self.setWindowTitle("Tạo năm thi đua tiếp theo" if latest else "Tạo năm thi đua đầu tiên")

        self.year_box = QSpinBox(self)
        self.year_box.setRange(2000, 2099)
        self.year_box.setGroupSeparatorShown(False)
        self.year_box.setMaximumWidth(120)
        self.year_box.setValue(latest + 1 if latest else date.today().year)
        self.leader_combo = QComboBox(self)
        self.deputy_combos = [QComboBox(self) for _ in range(MAX_DEPUTIES)]
        self.problem_label = QLabel(self)
        self.problem_label.setStyleSheet("color: #b3261e;")
        self.problem_label.setWordWrap(True)
        self.copy_hint = hint_label("", self)
        self.buttons = vi.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Tạo năm")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Năm thi đua:", self.year_box)
        form.addRow("Đơn vị Trưởng khối:", self.leader_combo)
        for i, combo in enumerate(self.deputy_combos, start=1):
            form.addRow(f"Đơn vị Phó khối {i}:", combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.copy_hint)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.year_box.valueChanged.connect(lambda _v: self._fill_units())
        for combo in (self.leader_combo, *self.deputy_combos):
            combo.currentIndexChanged.connect(lambda _i: self._check())
        self._fill_units()
        self.setMinimumWidth(560)

    def combos(self) -> list[QComboBox]:
        return [self.leader_combo, *self.deputy_combos]

    def _fill_units(self) -> None:
        """Offer the units still in the bloc in the chosen year, keeping the choices made."""
        year = self.year_box.value()
        offered = [u for u in self.units if u.active_in(year)]
        for combo in self.combos():
            keep = combo.currentData()
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(NOBODY, None)
                for unit in offered:
                    combo.addItem(unit.name, unit.unit_id)
                combo.setCurrentIndex(max(0, combo.findData(keep)))
        earlier = [y for y in self.existing if y < year]
        self.copy_hint.setText(
            f"Năm mới nhận danh sách đơn vị, căn cứ pháp lý, chỉ tiêu đề nghị và quy tắc bình xét của năm "
            f"{earlier[-1]}; sửa lại sau ở trang “Năm thi đua”." if earlier else
            "Năm mới nhận mọi đơn vị của khối, cùng căn cứ pháp lý, chỉ tiêu và quy tắc bình xét mặc định; "
            "sửa lại sau ở trang “Năm thi đua”.")
        self._check()

    def choose(self, combo: QComboBox, name: str) -> None:
        combo.setCurrentIndex(combo.findText(name))

    def problem(self) -> str | None:
        """Why the choice cannot be created yet (None when it can)."""
        year = self.year_box.value()
        if year in self.existing:
            return f"Sổ đã có năm {year}."
        chosen = [c.currentData() for c in self.combos() if c.currentData() is not None]
        if len(chosen) != len(set(chosen)):
            return "Mỗi đơn vị chỉ giữ một vai trò: hãy chọn các đơn vị khác nhau."
        return None

    def _check(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.ok_button.setEnabled(problem is None)

    def choice(self) -> NewYearChoice | None:
        if self.problem() is not None:
            return None
        deputies = tuple(c.currentData() for c in self.deputy_combos if c.currentData() is not None)
        return NewYearChoice(self.year_box.value(), self.leader_combo.currentData(), deputies)


def run_new_year_dialog(dialog: NewYearDialog) -> NewYearChoice | None:
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
