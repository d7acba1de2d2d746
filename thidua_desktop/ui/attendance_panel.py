"""Điểm danh: the year-end meeting's attendance by unit. A unit is marked present or absent
(Space or the button); the count of units present is what the vote's quorum is checked on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from thidua_desktop.services import voting
from thidua_desktop.services.voting import AttendanceRow

from .form_dialog import exec_dialog
from .pages.base import PageContext, YearRef
from .record_table import Field, RecordTable
from .voting_dialogs import RepresentativeDialog

ATTENDANCE_FIELDS = (
    Field("Đơn vị", lambda a: a.unit_name, width=0),
    Field("Có mặt", lambda a: "Có mặt" if a.present else "Vắng", width=8),
    Field("Người dự", lambda a: a.representative_name or "", width=20),
    Field("Chức vụ", lambda a: a.representative_post or "", width=24),
    Field("Ghi chú", lambda a: a.note or "", width=20),
)


class AttendancePanel(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: int | None = None
        self.year: YearRef | None = None
        self.editable = False
        self.headline = QLabel(self)
        self.headline.setObjectName("meeting_headline")
        self.headline.setWordWrap(True)
        self.create_button = QPushButton("&Tạo hội nghị bình xét", self)
        self.create_button.setObjectName("create_meeting")
        self.toggle_button = QPushButton("Có mặt / &Vắng", self)
        self.toggle_button.setObjectName("toggle_present")
        self.toggle_button.setToolTip("Đổi đơn vị đang chọn giữa có mặt và vắng (phím cách)")
        self.person_button = QPushButton("&Người dự…", self)
        self.person_button.setObjectName("edit_representative")
        self.person_button.setToolTip("Họ tên, chức vụ người dự họp của đơn vị đang chọn (hoặc bấm đúp)")
        self.run_dialog: Callable[[RepresentativeDialog], bool] = exec_dialog  # replaceable in tests
        self.count_label = QLabel(self)
        self.count_label.setObjectName("present_count")
        self.table = RecordTable(ATTENDANCE_FIELDS, search=lambda a: a.unit_name, settings=ctx.settings,
                                 key="voting/attendance", identity=lambda a: a.unit_id, parent=self)
        self.table.setObjectName("attendance_table")
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(self.create_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.toggle_button)
        buttons.addWidget(self.person_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.create_button.clicked.connect(self.create_meeting)
        self.toggle_button.clicked.connect(self.toggle_present)
        self.person_button.clicked.connect(self.edit_representative)
        self.table.record_activated.connect(lambda _row: self.edit_representative())
        QShortcut(QKeySequence(Qt.Key.Key_Space), self.table,
                  context=Qt.ShortcutContext.WidgetShortcut).activated.connect(self.toggle_present)

    def reload(self, year: YearRef | None, editable: bool, meeting_id: int | None) -> None:
        self.year, self.editable, self.meeting_id = year, editable, meeting_id
        rows = voting.attendance(self.ctx.workspace, meeting_id) if meeting_id else []
        self.table.set_records(rows)
        if self.table.current_record() is None:
            self.table.select(lambda _a: True)
        if year is None:
            self.headline.setText("Chưa chọn năm.")
        elif meeting_id is None:
            self.headline.setText(f"Năm {year.year} chưa có hội nghị tổng kết, bình xét. Tạo hội nghị để điểm danh "
                                  "và bỏ phiếu.")
        else:
            self.headline.setText(f"Hội nghị tổng kết, bình xét năm {year.year}: điểm danh các đơn vị thành viên.")
        present = sum(a.present for a in rows)
        self.count_label.setText(f"{present}/{len(rows)} đơn vị có mặt" if rows else "")
        self.create_button.setVisible(meeting_id is None)
        self.create_button.setEnabled(editable and year is not None)
        self.toggle_button.setEnabled(editable and bool(rows))
        self.person_button.setEnabled(editable and bool(rows))

    def create_meeting(self) -> None:
        if self.year is None or not self.editable:
            return
        self.ctx.bridge.attempt(self, voting.year_end_meeting, self.year.id)

    def toggle_present(self) -> None:
        row: AttendanceRow | None = self.table.current_record()
        if row is None or self.meeting_id is None or not self.editable:
            return
        self.ctx.bridge.attempt(self, voting.set_attendance, self.meeting_id, row.unit_id, present=not row.present,
                                representative_name=row.representative_name,
                                representative_post=row.representative_post, note=row.note)

    def edit_representative(self) -> bool:
        row: AttendanceRow | None = self.table.current_record()
        if row is None or self.meeting_id is None or not self.editable:
            return False
        dialog = RepresentativeDialog(row, self)
        try:
            if not self.run_dialog(dialog):
                return False
            return self.ctx.bridge.attempt(self, lambda ws: voting.set_attendance(
                ws, self.meeting_id, row.unit_id, present=row.present, **dialog.values()) or True) is True
        finally:
            dialog.deleteLater()
