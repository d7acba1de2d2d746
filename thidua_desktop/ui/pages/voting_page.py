"""Bình xét: the year-end meeting's attendance, the vote rounds with their tallies and results,
then the proposals and the province's decisions, as three tabs in the order of the meeting."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from thidua_desktop.services import voting

from ..attendance_panel import AttendancePanel
from ..proposals_panel import ProposalsPanel
from ..tally_panel import TallyPanel
from .base import Page, PageContext


class VotingPage(Page):
    title = "Bình xét"
    tables = frozenset({"meeting", "attendance", "vote_round", "vote_candidate", "proposal", "decision",
                        "commendation", "voting_rule", "quota", "membership", "score", "score_adjustment",
                        "evaluation_period", "unit", "award_type"})

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.attendance = AttendancePanel(ctx, self)
        self.tally = TallyPanel(ctx, self)
        self.proposals = ProposalsPanel(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("voting_tabs")
        self.tabs.addTab(self.attendance, "Điểm danh")
        self.tabs.addTab(self.tally, "Bỏ phiếu")
        self.tabs.addTab(self.proposals, "Đề nghị && quyết định")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        meeting = voting.find_year_end_meeting(self.ctx.workspace, self.year.id) if self.year else None
        for panel in (self.attendance, self.tally):
            panel.reload(self.year, self.editable, meeting)
        self.proposals.reload(self.year, self.editable, meeting, answers=not self.ctx.workspace.read_only)
