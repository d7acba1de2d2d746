"""Đề nghị & quyết định: what the meeting chose becomes the bloc's proposals, followed from the
bloc to the provincial council; recording the province's decision numbers the sổ vàng in the
decision's order and writes the commendations the certificates print from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from thidua_desktop.domain.enums import ProposalStatus
from thidua_desktop.domain.text import format_points
from thidua_desktop.services import proposals
from thidua_desktop.services.proposals import DecisionFields, ProposalRow

from .form_dialog import FormDialog, date_edit, date_of, exec_dialog, line_edit
from .pages.base import PageContext, YearRef
from .record_table import Field, RecordTable, date_sort, date_text

PROPOSAL_FIELDS = (
    Field("Danh hiệu, hình thức", lambda p: p.award_name, width=30),
    Field("TT", lambda p: str(p.position), lambda p: p.position, align_right=True, width=4),
    Field("Tập thể, cá nhân", lambda p: p.recipient_name, width=0),
    Field("Tổng điểm", lambda p: format_points(p.total_score) if p.total_score is not None else "",
          lambda p: p.total_score, align_right=True, width=9),
    Field("Trạng thái", lambda p: p.status.label, width=22, sample="Hội đồng TĐKT tỉnh thông qua"),
    Field("Số quyết định", lambda p: p.decision_number or "", width=14),
    Field("Ngày", lambda p: date_text(p.decision_date), lambda p: date_sort(p.decision_date), width=10),
    Field("Số sổ vàng", lambda p: str(p.golden_book_no or ""), lambda p: p.golden_book_no, align_right=True,
          width=8),
)
STATUS_BUTTONS = ((ProposalStatus.SENT, "Đã &trình"), (ProposalStatus.PASSED_COUNCIL, "HĐTĐKT tỉnh &thông qua"),
                  (ProposalStatus.REJECTED, "&Không được chấp thuận"))


class DecisionDialog(FormDialog):
    """The decision's number, date, issuer and signer; the proposals it answers are listed in
    the order the sổ vàng will number them."""

    def __init__(self, parent: QWidget | None, award_name: str, chosen: list[ProposalRow], year: int) -> None:
        super().__init__(f"Ghi quyết định khen thưởng: {award_name}", parent)
        self.number_edit = line_edit(self, placeholder="Ví dụ: 215/QĐ-UBND", min_chars=24)
        self.date_edit = date_edit(self, date(year + 1, 2, 1))
        self.issuer_edit = line_edit(self, "Chủ tịch Ủy ban nhân dân tỉnh")
        self.signer_edit = line_edit(self)
        self.post_edit = line_edit(self, "Chủ tịch Ủy ban nhân dân tỉnh")
        self.first_spin = QSpinBox(self)
        self.first_spin.setRange(1, 99999)
        self.add_field("&Số quyết định:", self.number_edit)
        self.add_field("&Ngày ký:", self.date_edit)
        self.add_field("&Cơ quan, người ban hành:", self.issuer_edit)
        self.add_field("Người &ký:", self.signer_edit)
        self.add_field("Chức &vụ người ký:", self.post_edit)
        self.add_field("Số sổ vàng &đầu tiên:", self.first_spin)
        self.add_note("Theo thứ tự trong quyết định: " + "; ".join(f"{i}. {p.recipient_name}"
                                                                   for i, p in enumerate(chosen, start=1)))

    def problem(self) -> tuple[str, QLineEdit] | None:
        if not self.number_edit.text().strip():
            return "Chưa nhập số quyết định.", self.number_edit
        if not self.issuer_edit.text().strip():
            return "Chưa nhập cơ quan, người ban hành quyết định.", self.issuer_edit
        return None

    def fields(self) -> DecisionFields:
        return DecisionFields(self.number_edit.text(), date_of(self.date_edit), self.issuer_edit.text(),
                              self.signer_edit.text() or None, self.post_edit.text() or None)


class ProposalsPanel(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: YearRef | None = None
        self.meeting_id: int | None = None
        self.editable = False
        self.answers = False
        self.run_dialog: Callable[[DecisionDialog], bool] = exec_dialog  # replaceable in tests
        self.propose_button = QPushButton("&Lập đề nghị từ kết quả bình xét", self)
        self.propose_button.setObjectName("propose")
        self.status_buttons = {}
        for status, text in STATUS_BUTTONS:
            button = QPushButton(text, self)
            button.setObjectName(f"status_{status.value}")
            button.clicked.connect(lambda _checked=False, s=status: self.set_status(s))
            self.status_buttons[status] = button
        self.decision_button = QPushButton("Ghi &quyết định…", self)
        self.decision_button.setObjectName("record_decision")
        self.decision_button.setToolTip("Ghi quyết định cho các đề nghị cùng danh hiệu chưa có quyết định, theo thứ "
                                        "tự trong danh sách")
        self.warnings = QLabel(self)
        self.warnings.setObjectName("proposal_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b35900;")
        self.table = RecordTable(PROPOSAL_FIELDS, search=lambda p: f"{p.award_name} {p.recipient_name}",
                                 settings=ctx.settings, key="voting/proposals", identity=lambda p: p.proposal_id,
                                 follow_texts=True, parent=self)
        self.table.setObjectName("proposals_table")
        buttons = QHBoxLayout()
        buttons.addWidget(self.propose_button)
        for button in self.status_buttons.values():
            buttons.addWidget(button)
        buttons.addWidget(self.decision_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.warnings)
        layout.addWidget(self.table, 1)
        self.propose_button.clicked.connect(self.propose)
        self.decision_button.clicked.connect(self.record_decision)
        self.table.current_changed.connect(lambda _p: self._update_buttons())

    def reload(self, year: YearRef | None, editable: bool, meeting_id: int | None, *, answers: bool = False) -> None:
        """`answers`: the province's answer (statuses, decisions) may be recorded — in a closed year too."""
        self.year, self.editable, self.meeting_id, self.answers = year, editable, meeting_id, answers
        ws = self.ctx.workspace
        rows = proposals.list_proposals(ws, year.id) if year else []
        self.table.set_records(rows)
        if self.table.current_record() is None:
            self.table.select(lambda _p: True)
        warnings = proposals.quota_warnings(ws, year.id) if year else []
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))
        self._update_buttons()

    def _update_buttons(self) -> None:
        current: ProposalRow | None = self.table.current_record()
        self.propose_button.setEnabled(self.editable and self.meeting_id is not None)
        for status, button in self.status_buttons.items():
            button.setEnabled(self.answers and current is not None
                              and status in proposals.NEXT_STATUS[current.status])
        self.decision_button.setEnabled(self.answers and bool(current and self._undecided(current.award_type_id)))

    def _undecided(self, award_type_id: int) -> list[ProposalRow]:
        return [p for p in self.table.source.records if p.award_type_id == award_type_id
                and p.status in (ProposalStatus.PROPOSED, ProposalStatus.SENT, ProposalStatus.PASSED_COUNCIL)]

    def propose(self) -> None:
        if self.meeting_id is not None and self.editable:
            self.ctx.bridge.attempt(self, proposals.propose_from_meeting, self.meeting_id)

    def set_status(self, status: ProposalStatus) -> None:
        current = self.table.current_record()
        if current is not None and self.answers:
            sent = date.today() if status is ProposalStatus.SENT else None
            self.ctx.bridge.attempt(self, proposals.set_status, current.proposal_id, status, sent_on=sent)

    def record_decision(self) -> int | None:
        current: ProposalRow | None = self.table.current_record()
        if current is None or self.year is None or not self.answers:
            return None
        chosen = sorted(self._undecided(current.award_type_id), key=lambda p: p.position)
        dialog = DecisionDialog(self, current.award_name, chosen, self.year.year)
        try:
            if not self.run_dialog(dialog):
                return None
            return self.ctx.bridge.attempt(self, proposals.record_decision, self.year.id, current.award_type_id,
                                           dialog.fields(), [p.proposal_id for p in chosen],
                                           first_golden_no=dialog.first_spin.value())
        finally:
            dialog.deleteLater()

