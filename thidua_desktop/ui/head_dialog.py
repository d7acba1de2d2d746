"""Heads of a unit over time: a new head taking office (the previous term ends the day
before), and the correction of a recorded term. Signatures and certificates of a year take
the head in office on their date, so the dates matter."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QCompleter, QLabel, QWidget

from thidua_desktop.domain.text import clean
from thidua_desktop.services.units import HeadLine

from .form_dialog import FormDialog, GenderCombo, Problem, date_edit, date_of, line_edit


def _bold(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet("font-weight: bold;")
    return label


class NewHeadDialog(FormDialog):
    def __init__(self, parent: QWidget | None, unit_name: str, current: HeadLine | None, *,
                 person_names: Sequence[str] = ()) -> None:
        """`person_names`: people of the unit, offered as the name is typed (a deputy taking over)."""
        super().__init__("Thủ trưởng mới", parent)
        self.current = current
        self.name_edit = line_edit(self, min_chars=40, placeholder="Họ và tên đầy đủ")
        completer = QCompleter(list(person_names), self.name_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name_edit.setCompleter(completer)
        self.post_edit = line_edit(self, current and current.post, placeholder="Ví dụ: Chánh Văn phòng")
        self.gender_combo = GenderCombo(self)
        self.start_edit = date_edit(self)
        self.form.addRow("Đơn vị:", _bold(unit_name, self))
        self.add_field("&Họ và tên:", self.name_edit)
        self.add_field("&Chức vụ:", self.post_edit)
        self.add_field("&Giới tính:", self.gender_combo)
        self.add_field("&Ngày nhận nhiệm vụ:", self.start_edit)
        if current is not None:
            self.add_note(f"Nhiệm kỳ của {current.post} {current.full_name} kết thúc vào ngày trước đó.")

    def problem(self) -> Problem | None:
        if not clean(self.name_edit.text()):
            return "Cần nhập họ và tên của thủ trưởng mới.", self.name_edit
        if not clean(self.post_edit.text()):
            return "Cần nhập chức vụ của thủ trưởng mới.", self.post_edit
        started = self.current.start_date if self.current else None
        if started is not None and date_of(self.start_edit) <= started:
            return (f"Ngày nhận nhiệm vụ phải sau ngày {started:%d/%m/%Y}, ngày "
                    f"{self.current.full_name} nhận nhiệm vụ.", self.start_edit)
        return None

    def values(self) -> dict[str, Any]:
        """As services.units.set_head takes them."""
        return {"full_name": self.name_edit.text(), "post": self.post_edit.text(),
                "start_date": date_of(self.start_edit), "gender": self.gender_combo.gender()}


class HeadTermDialog(FormDialog):
    def __init__(self, parent: QWidget | None, head: HeadLine) -> None:
        super().__init__("Sửa nhiệm kỳ thủ trưởng", parent)
        self.post_edit = line_edit(self, head.post, min_chars=40)
        self.start_edit = date_edit(self, head.start_date)
        self.in_office_check = QCheckBox("Còn đương nhiệ&m", self)
        self.in_office_check.setChecked(head.end_date is None)
        self.end_edit = date_edit(self, head.end_date)
        self.end_edit.setEnabled(head.end_date is not None)
        self.in_office_check.toggled.connect(lambda on: self.end_edit.setEnabled(not on))
        self.form.addRow("Thủ trưởng:", _bold(head.full_name, self))
        self.add_field("Chứ&c vụ:", self.post_edit)
        self.add_field("&Từ ngày:", self.start_edit)
        self.add_check(self.in_office_check)
        self.add_field("Đế&n ngày:", self.end_edit)

    def problem(self) -> Problem | None:
        if not clean(self.post_edit.text()):
            return "Cần nhập chức vụ của thủ trưởng.", self.post_edit
        end = self.end_date
        if end is not None and end < date_of(self.start_edit):
            return "Ngày thôi nhiệm vụ không được trước ngày nhận nhiệm vụ.", self.end_edit
        return None

    @property
    def end_date(self) -> date | None:
        return None if self.in_office_check.isChecked() else date_of(self.end_edit)

    def values(self) -> dict[str, Any]:
        """As services.units.correct_head takes them."""
        return {"post": self.post_edit.text(), "start_date": date_of(self.start_edit), "end_date": self.end_date}
