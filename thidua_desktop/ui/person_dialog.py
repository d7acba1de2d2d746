"""Thêm / sửa cá nhân of a unit: the people who may be proposed for individual awards.
Someone who retires or moves is marked as no longer working, never deleted: past proposals
and awards name them."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from thidua_desktop.domain.text import clean
from thidua_desktop.services.units import PersonRow

from .form_dialog import FormDialog, GenderCombo, OptionalYearSpin, Problem, line_edit, note_edit, text_of


class PersonDialog(FormDialog):
    def __init__(self, parent: QWidget | None, unit_name: str, person: PersonRow | None = None) -> None:
        super().__init__("Sửa thông tin cá nhân" if person else "Thêm cá nhân", parent)
        self.name_edit = line_edit(self, person and person.full_name, min_chars=40, placeholder="Họ và tên đầy đủ")
        self.gender_combo = GenderCombo(self, person and person.gender)
        self.birth_spin = OptionalYearSpin(self, first=1930, last=date.today().year)
        self.birth_spin.set_year(person and person.birth_year)
        self.post_edit = line_edit(self, person and person.post, placeholder="Ví dụ: Chuyên viên Phòng Tổng hợp")
        self.active_check = QCheckBox("Đang &công tác tại đơn vị", self)
        self.active_check.setChecked(person.active if person else True)
        self.note_edit = note_edit(self, person and person.note)
        name = QLabel(unit_name, self)
        name.setStyleSheet("font-weight: bold;")
        self.form.addRow("Đơn vị:", name)
        self.add_field("&Họ và tên:", self.name_edit)
        self.add_field("&Giới tính:", self.gender_combo)
        self.add_field("Năm &sinh:", self.birth_spin)
        self.add_field("Chức &vụ:", self.post_edit)
        self.add_check(self.active_check)
        self.add_field("G&hi chú:", self.note_edit)

    def problem(self) -> Problem | None:
        if not clean(self.name_edit.text()):
            return "Cần nhập họ và tên.", self.name_edit
        return None

    def values(self) -> dict[str, Any]:
        """As services.units.add_person / update_person take them."""
        return {"full_name": self.name_edit.text(), "gender": self.gender_combo.gender(),
                "birth_year": self.birth_spin.year(), "post": self.post_edit.text(),
                "active": self.active_check.isChecked(), "note": text_of(self.note_edit)}
