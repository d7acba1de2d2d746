"""Kết thúc năm & bàn giao: what the year still lacks before it can close, closing and reopening
it (with a reason), opening the next year with the elected leader and deputies, and handing
the workbook over: the copy written where the user chooses, its fingerprint shown in groups of
four, and the biên bản bàn giao printed.

Handing over is the last act of the outgoing leader unit: afterwards this workbook is
read-only, and the window says to whom it went and when.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timezone
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.services import years as year_service
from thidua_desktop.services.handover import (
    HandoverError,
    fingerprint_lines,
    hand_over,
    handover_plan,
    handovers,
)
from thidua_desktop.services.handover_document import write_handover_minutes
from thidua_desktop.services.year_close import close_year, open_next_year, reopen_year, year_checklist

from .. import vi
from ..hint import hint_label
from ..new_year_dialog import NewYearChoice, NewYearDialog, run_new_year_dialog
from ..reason_dialog import ask_reason
from .base import Page, PageContext

DONE, MISSING = "Đã xong", "Còn thiếu"
HANDOVER_TITLE = "Bàn giao sổ thi đua"


class YearEndPage(Page):
    title = "Kết thúc năm & bàn giao"
    tables = frozenset({"emulation_year", "evaluation_period", "meeting", "vote_round", "issued_document",
                        "membership", "handover", "unit"})

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # Replaceable so tests answer without a modal loop.
        self.ask_reason: Callable[..., str | None] = ask_reason
        self.ask_new_year: Callable[[NewYearDialog], NewYearChoice | None] = run_new_year_dialog

        self.heading = QLabel(self)
        self.heading.setObjectName("year_end_heading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)

        self.checklist_box = QGroupBox("Việc cần xong trước khi khóa sổ", self)
        self.checklist_grid = QGridLayout(self.checklist_box)
        self.checklist_grid.setColumnStretch(2, 1)
        self.check_rows: list[tuple[QLabel, QLabel, QLabel]] = []
        self.open_next_button = QPushButton(self)
        self.open_next_button.setObjectName("open_next_year")
        self.open_next_button.clicked.connect(self.open_next)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_year")
        self.close_button.clicked.connect(self.close_year)
        self.reopen_button = QPushButton(self)
        self.reopen_button.setObjectName("reopen_year")
        self.reopen_button.clicked.connect(self.reopen)
        buttons = QHBoxLayout()
        for button in (self.open_next_button, self.close_button, self.reopen_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.handover_box = QGroupBox("Bàn giao sổ cho đơn vị Trưởng khối năm sau", self)
        self.plan_label = QLabel(self.handover_box)
        self.plan_label.setObjectName("handover_plan")
        self.plan_label.setWordWrap(True)
        self.hand_over_button = QPushButton("Bàn giao sổ…", self.handover_box)
        self.hand_over_button.setObjectName("hand_over")
        self.hand_over_button.setToolTip("Ghi bản bàn giao (đã kiểm tra, có mã kiểm tra) ra USB hoặc thư mục để gửi")
        self.hand_over_button.clicked.connect(self.hand_over)
        self.fingerprint_caption = QLabel(self.handover_box)
        self.fingerprint_caption.setWordWrap(True)
        self.fingerprint_label = QLabel(self.handover_box)
        self.fingerprint_label.setObjectName("fingerprint")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF() * 1.25)
        mono.setBold(True)
        self.fingerprint_label.setFont(mono)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton("In biên bản bàn giao…", self.handover_box)
        self.print_button.setObjectName("print_handover_minutes")
        self.print_button.clicked.connect(self.print_minutes)
        box = QVBoxLayout(self.handover_box)
        box.addWidget(self.plan_label)
        box.addWidget(self.hand_over_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.fingerprint_caption)
        box.addWidget(self.fingerprint_label)
        box.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.empty = hint_label("Sổ chưa có năm thi đua nào.", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.heading)
        layout.addWidget(self.checklist_box)
        layout.addLayout(buttons)
        layout.addWidget(hint_label("Năm đã khóa sổ chỉ còn để xem; muốn sửa phải mở lại và ghi lý do (nhật ký "
                                    "giữ lý do). Danh sách đơn vị năm sau sửa ở trang “Năm thi đua”.", self))
        layout.addWidget(self.handover_box)
        layout.addStretch(1)

    # --- showing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        year = self.year
        for widget in (self.heading, self.checklist_box, self.handover_box, self.open_next_button,
                       self.close_button, self.reopen_button):
            widget.setVisible(year is not None)
        self.empty.setVisible(year is None)
        if year is None:
            return
        ws = self.ctx.workspace
        checklist = year_checklist(ws, year.id)
        self.heading.setText(f"Năm thi đua {year.year} · {checklist.state.label}")
        self._show_checklist(checklist.items)
        writable = not ws.read_only
        has_next = year.year + 1 in {y.year for y in year_service.list_years(ws)}
        self.open_next_button.setText(f"Mở năm {year.year + 1}…")
        self.open_next_button.setEnabled(writable and not has_next)
        self.close_button.setText(f"Khóa sổ năm {year.year}")
        self.close_button.setEnabled(writable and checklist.ready and not year.read_only)
        self.reopen_button.setText(f"Mở lại năm {year.year}…")
        self.reopen_button.setEnabled(writable and year.read_only)

        done = self._latest_handover()
        plan = handover_plan(ws, year.id)
        self.plan_label.setVisible(done is None)
        self.hand_over_button.setVisible(done is None)
        if plan.problems:
            self.plan_label.setText("Chưa bàn giao được:\n" + "\n".join(f"• {p}" for p in plan.problems))
        else:
            self.plan_label.setText(f"Bàn giao sổ năm {plan.year} của {plan.from_unit or 'đơn vị Trưởng khối'} "
                                    f"cho {plan.to_unit}, đơn vị Trưởng khối năm {plan.to_year}. Tệp bàn giao: "
                                    f"“{plan.suggested_name}”. Sau khi bàn giao, sổ này chỉ còn để xem.")
        self.hand_over_button.setEnabled(not plan.problems)
        self.fingerprint_caption.setVisible(done is not None)
        self.fingerprint_label.setVisible(done is not None)
        self.print_button.setVisible(done is not None)
        if done is not None:
            when = done.handed_at.replace(tzinfo=timezone.utc).astimezone()
            to = next((u.name for u in year_service.all_units(ws) if u.unit_id == done.to_unit_id), "đơn vị nhận")
            self.fingerprint_caption.setText(f"Đã bàn giao cho {to} tệp “{done.file_name}” lúc {when:%H:%M} ngày "
                                             f"{when:%d/%m/%Y}. Mã kiểm tra (đọc cho bên nhận đối chiếu):")
            self.fingerprint_label.setText(_two_lines(done.sha256))

    def _show_checklist(self, items: tuple) -> None:  # tuple[CheckItem, ...]
        while len(self.check_rows) < len(items):
            row = len(self.check_rows)
            labels = (QLabel(self.checklist_box), QLabel(self.checklist_box), QLabel(self.checklist_box))
            labels[2].setWordWrap(True)
            for column, label in enumerate(labels):
                self.checklist_grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignTop)
                label.show()  # at once, not at the next turn of the event loop
            self.check_rows.append(labels)
        for (mark, label, detail), item in zip(self.check_rows, items, strict=False):
            mark.setText(DONE if item.done else MISSING)
            mark.setStyleSheet("color: #1b6e20; font-weight: bold;" if item.done else
                               "color: #b3261e; font-weight: bold;")
            label.setText(item.label)
            detail.setText(item.detail)

    def _latest_handover(self):  # noqa: ANN202 - Handover | None
        mine = [h for h in handovers(self.ctx.workspace) if h.from_year_id == self.year.id and h.sha256]
        return mine[-1] if mine else None

    # --- closing and opening ------------------------------------------------------------------

    def close_year(self) -> None:
        self.ctx.bridge.attempt(self, close_year, self.year.id)

    def reopen(self) -> None:
        reason = self.ask_reason(self, f"Mở lại năm {self.year.year}",
                                 f"Năm {self.year.year} đã khóa sổ. Ghi lý do mở lại để sửa (nhật ký giữ lý do này):")
        if reason:
            self.ctx.bridge.attempt(self, reopen_year, self.year.id, reason)

    def open_next(self) -> None:
        ws, year = self.ctx.workspace, self.year
        dialog = NewYearDialog(self, year_service.all_units(ws), [y.year for y in year_service.list_years(ws)])
        dialog.setWindowTitle(f"Mở năm {year.year + 1}: Trưởng khối, Phó khối được bầu")
        dialog.year_box.setValue(year.year + 1)
        dialog.year_box.setEnabled(False)
        choice = self.ask_new_year(dialog)
        if choice is None:
            return
        opened = self.ctx.bridge.attempt(self, open_next_year, year.id, leader_unit_id=choice.leader_unit_id,
                                         deputy_unit_ids=choice.deputy_unit_ids)
        if opened is not None:
            self.window().statusBar().showMessage(
                f"Đã mở năm {opened.year}: danh sách đơn vị, bảng điểm (dự thảo), căn cứ, chỉ tiêu và quy tắc "
                "bình xét được chép từ năm trước để sửa.", 10_000)

    # --- handing over -------------------------------------------------------------------------

    def hand_over(self) -> None:
        window, ws, year = self.window(), self.ctx.workspace, self.year
        plan = handover_plan(ws, year.id)
        if not window.ask_question(self, HANDOVER_TITLE, f"Bàn giao sổ năm {plan.year} cho {plan.to_unit}?",
                                   informative="Sau khi bàn giao, sổ trên máy này chỉ còn để xem; mọi việc tiếp "
                                               "theo làm trên sổ của đơn vị nhận."):
            return
        dest = window.ask_save_path(self, "Lưu bản bàn giao sổ thi đua", Path(ws.workbook.path).parent
                                    / plan.suggested_name)
        if dest is None:
            return
        try:
            result = self.ctx.bridge.attempt(self, hand_over, year.id, Path(dest))
        except HandoverError as failed:
            window.report_problem(self, HANDOVER_TITLE, failed.message, icon=QMessageBox.Icon.Warning)
            return
        if result is None:
            return
        window.handed_over()
        window.report_problem(self, HANDOVER_TITLE, f"Đã ghi bản bàn giao “{result.path.name}” và kiểm tra "
                              f"toàn vẹn.\n\nMã kiểm tra:\n{_two_lines(result.sha256)}",
                              informative="Hãy in biên bản bàn giao (có mã này) để hai bên ký; bên nhận nhập mã "
                                          "khi mở tệp.")

    def print_minutes(self) -> None:
        done = self._latest_handover()
        if done is None:
            return
        window = self.window()
        suggested = Path(self.ctx.workspace.workbook.path).parent / f"Biên bản bàn giao sổ năm {self.year.year}.pdf"
        dest = window.ask_save_path(self, "Lưu biên bản bàn giao", suggested, filters=(vi.PDF_FILTER,), suffix="pdf")
        if dest is None:
            return
        try:
            written = write_handover_minutes(self.ctx.workspace, done.id, Path(dest))
        except OSError as exc:
            window.report_problem(self, "Không lưu được biên bản", f"Không ghi được “{dest}”.", informative=str(exc),
                                  icon=QMessageBox.Icon.Warning)
            return
        window.statusBar().showMessage(f"Đã lưu biên bản bàn giao: {written[0]}", 10_000)


def _two_lines(sha256: str) -> str:
    return "\n".join(fingerprint_lines(sha256))
