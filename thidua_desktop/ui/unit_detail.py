"""The lower half of the units page: the selected unit's heads over time and its people.

Heads are kept as terms (who, which post, from when to when) because a year's signatures and
certificates need the head in office on their date; people are those the unit may propose
for individual awards, marked as no longer working rather than deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from thidua_desktop.services import units as unit_service
from thidua_desktop.services.units import HeadLine, PersonRow, UnitRow

from .form_dialog import exec_dialog
from .head_dialog import HeadTermDialog, NewHeadDialog
from .pages.base import PageContext
from .person_dialog import PersonDialog
from .record_table import Field, RecordTable, date_sort, date_text

IN_OFFICE = "nay"  # "từ 01/05/2020 đến nay"

HEAD_FIELDS = (
    Field("Họ và tên", lambda h: h.full_name, lambda h: unit_service.given_name_first(h.full_name), width=0),
    Field("Chức vụ", lambda h: h.post, width=18),
    Field("Từ ngày", lambda h: date_text(h.start_date), lambda h: date_sort(h.start_date), width=10),
    Field("Đến ngày", lambda h: date_text(h.end_date) if h.end_date else IN_OFFICE,
          lambda h: date_sort(h.end_date or date.max), width=10),
)

PERSON_FIELDS = (
    Field("Họ và tên", lambda p: p.full_name, lambda p: unit_service.given_name_first(p.full_name), width=0),
    Field("Giới tính", lambda p: p.gender.label if p.gender else "", width=5),
    Field("Năm sinh", lambda p: str(p.birth_year) if p.birth_year else "", lambda p: p.birth_year,
          align_right=True, width=5),
    Field("Chức vụ", lambda p: p.post or "", width=26),
    Field("Trạng thái", lambda p: "Đang công tác" if p.active else "Đã nghỉ", width=11),
)


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class UnitDetail(QWidget):
    """Heads and people of one unit, with their own buttons; every edit goes through the bridge."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unit: UnitRow | None = None
        self.editable = True
        self.run_dialog: Callable[[QDialog], bool] = exec_dialog  # replaceable: tests confirm dialogs directly

        self.title = QLabel("Chọn một đơn vị ở bảng trên để xem thủ trưởng và cá nhân của đơn vị.", self)
        self.title.setObjectName("unit_detail_title")
        self.title.setContentsMargins(0, 4, 0, 0)  # room for stacked marks (Ỗ, Ẵ)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)

        self.heads = RecordTable(HEAD_FIELDS, search=lambda h: h.full_name, settings=ctx.settings,
                                 key="units/heads", identity=lambda h: h.id, follow_texts=True, parent=self)
        self.heads.setObjectName("heads_table")
        self.heads.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # the newest term first
        self.new_head_button = QPushButton("Thủ trưởng &mới…", self)
        self.new_head_button.setToolTip("Ghi nhận người mới nhận nhiệm vụ thủ trưởng; nhiệm kỳ trước "
                                        "kết thúc vào ngày hôm trước.")
        self.correct_head_button = QPushButton("Sửa nhiệm &kỳ…", self)
        heads_tab = QWidget(self)
        heads_layout = QVBoxLayout(heads_tab)
        heads_layout.addWidget(self.heads, 1)
        heads_layout.addLayout(_buttons(self.new_head_button, self.correct_head_button))

        self.persons = RecordTable(PERSON_FIELDS, search=lambda p: f"{p.full_name} {p.post or ''}",
                                   muted=lambda p: not p.active, settings=ctx.settings, key="units/persons",
                                   identity=lambda p: p.id, follow_texts=True, parent=self)
        self.persons.setObjectName("persons_table")
        self.show_inactive = QCheckBox("Hiện cả n&gười đã nghỉ", self)
        self.add_person_button = QPushButton("Thê&m cá nhân…", self)
        self.add_person_button.setToolTip("Thêm cá nhân của đơn vị (phím Insert trong bảng cá nhân)")
        self.edit_person_button = QPushButton("Sửa cá nhân…", self)
        self.edit_person_button.setToolTip("Sửa thông tin người đang chọn (Enter hoặc nhấp đúp)")
        self.active_button = QPushButton("Đánh &dấu đã nghỉ", self)
        self.active_button.setToolTip("Người đã nghỉ hưu hoặc chuyển công tác vẫn được giữ trong sổ, "
                                      "vì các đề nghị và khen thưởng trước đây có tên họ.")
        persons_tab = QWidget(self)
        persons_layout = QVBoxLayout(persons_tab)
        persons_layout.addWidget(self.persons, 1)
        person_buttons = _buttons(self.add_person_button, self.edit_person_button, self.active_button)
        person_buttons.addWidget(self.show_inactive)
        persons_layout.addLayout(person_buttons)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(heads_tab, "")
        self.tabs.addTab(persons_tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)

        self.new_head_button.clicked.connect(self.new_head)
        self.correct_head_button.clicked.connect(self.correct_head)
        self.heads.record_activated.connect(lambda _head: self.correct_head())
        self.heads.current_changed.connect(lambda _head: self._update_buttons())
        self.add_person_button.clicked.connect(self.add_person)
        self.edit_person_button.clicked.connect(self.edit_person)
        self.active_button.clicked.connect(self.toggle_active)
        self.persons.record_activated.connect(lambda _person: self.edit_person())
        self.persons.current_changed.connect(lambda _person: self._update_buttons())
        self.show_inactive.toggled.connect(lambda _on: self.reload())
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self.persons,
                  context=Qt.ShortcutContext.WidgetShortcut).activated.connect(self.add_person)
        self._update_buttons()
        self._update_tab_titles()

    # --- showing ------------------------------------------------------------------------------

    def show_unit(self, unit: UnitRow | None) -> None:
        self.unit = unit
        if unit is None:
            self.title.setText("Chọn một đơn vị ở bảng trên để xem thủ trưởng và cá nhân của đơn vị.")
        else:
            left = f" — đã rời khối từ năm {unit.retired_year}" if unit.retired else ""
            self.title.setText(f"{unit.official_name}{left}")
        self.reload()

    def reload(self) -> None:
        unit, ws = self.unit, self.ctx.workspace
        self.heads.set_records(unit_service.heads_of(ws, unit.id) if unit else [])
        self.persons.set_records(unit_service.persons_of(ws, unit.id, include_inactive=self.show_inactive.isChecked())
                                 if unit else [])
        self._update_buttons()
        self._update_tab_titles()

    def _update_tab_titles(self) -> None:
        counts = (f" ({self.heads.source.rowCount()})", f" ({self.persons.source.rowCount()})") if self.unit else ("", "")
        self.tabs.setTabText(0, "Thủ trưởng &qua các thời kỳ" + counts[0])
        self.tabs.setTabText(1, "Cá &nhân" + counts[1])

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self._update_buttons()

    def _update_buttons(self) -> None:
        can = self.editable and self.unit is not None
        person = self.persons.current_record()
        self.new_head_button.setEnabled(can)
        self.correct_head_button.setEnabled(can and self.heads.current_record() is not None)
        self.add_person_button.setEnabled(can)
        self.edit_person_button.setEnabled(can and person is not None)
        self.active_button.setEnabled(can and person is not None)
        self.active_button.setText("Đánh &dấu đang công tác" if person is not None and not person.active
                                   else "Đánh &dấu đã nghỉ")

    # --- heads --------------------------------------------------------------------------------

    def new_head(self) -> None:
        unit = self.unit
        if unit is None or not self.editable:
            return
        heads = unit_service.heads_of(self.ctx.workspace, unit.id)
        current = unit_service.head_on(heads, date.max) if heads else None
        names = [p.full_name for p in unit_service.persons_of(self.ctx.workspace, unit.id)]
        dialog = NewHeadDialog(self, unit.official_name, current, person_names=names)
        if self.run_dialog(dialog):
            if self.ctx.bridge.attempt(self, unit_service.set_head, unit.id, **dialog.values()) is not None:
                self.heads.select(lambda h: h.end_date is None)

    def correct_head(self) -> None:
        head: HeadLine | None = self.heads.current_record()
        if head is None:
            return
        dialog = HeadTermDialog(self, head)
        if not self.editable:
            dialog.set_read_only()
        if self.run_dialog(dialog) and self.editable:
            self.ctx.bridge.attempt(self, unit_service.correct_head, head.id, **dialog.values())

    # --- people -------------------------------------------------------------------------------

    def add_person(self) -> None:
        unit = self.unit
        if unit is None or not self.editable:
            return
        dialog = PersonDialog(self, unit.official_name)
        if self.run_dialog(dialog):
            values = dialog.values()
            new_id = self.ctx.bridge.attempt(self, unit_service.add_person, unit.id, values.pop("full_name"), **values)
            if new_id is not None:
                self.persons.select(lambda p: p.id == new_id)

    def edit_person(self) -> None:
        person: PersonRow | None = self.persons.current_record()
        if person is None or self.unit is None:
            return
        dialog = PersonDialog(self, self.unit.official_name, person)
        if not self.editable:
            dialog.set_read_only()
        if self.run_dialog(dialog) and self.editable:
            self.ctx.bridge.attempt(self, unit_service.update_person, person.id, **dialog.values())

    def toggle_active(self) -> None:
        person: PersonRow | None = self.persons.current_record()
        if person is not None and self.editable:
            self.ctx.bridge.attempt(self, unit_service.update_person, person.id, active=not person.active)
