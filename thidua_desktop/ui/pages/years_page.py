"""Năm thi đua: the selected year's members and leadership, the rotation history, and the
year's settings (place name, theme, deadlines, căn cứ, quotas, voting rules), plus creating
the next year.

A closed or handed-over year is shown but every editing control is off. Creating the next
year stays possible: it changes no row of the closed year (a handed-over file needs it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout, QWidget

from thidua_desktop.services import years as year_service

from ..hint import hint_label
from ..new_year_dialog import NewYearChoice, NewYearDialog, run_new_year_dialog
from ..year_members import MembersPanel
from ..year_rotation import RotationPanel
from ..year_rules import QuotaPanel, VotingPanel
from ..year_settings import GeneralPanel, LegalBasesPanel
from .base import Page, PageContext

NO_YEAR = "Sổ chưa có năm thi đua nào. Nhấn “Tạo năm đầu tiên…” để bắt đầu: chọn năm, đơn vị Trưởng khối và Phó khối."


class YearsPage(Page):
    title = "Năm thi đua"
    tables = frozenset({"emulation_year", "membership", "unit", "legal_basis", "quota", "voting_rule",
                        "award_type"})

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # Replaceable so tests drive the dialog without a modal loop.
        self.ask_new_year: Callable[[NewYearDialog], NewYearChoice | None] = run_new_year_dialog

        self.new_year_button = QPushButton("Tạo năm tiếp theo…", self)
        self.new_year_button.setObjectName("new_year")
        self.new_year_button.setToolTip("Tạo năm thi đua mới, chọn đơn vị Trưởng khối và Phó khối của năm")
        self.new_year_button.clicked.connect(self.create_year)
        self.first_year_button = QPushButton("Tạo năm đầu tiên…", self)
        self.first_year_button.clicked.connect(self.create_year)
        self.empty = QWidget(self)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addWidget(hint_label(NO_YEAR, self.empty))
        empty_layout.addWidget(self.first_year_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(1)

        self.members = MembersPanel(ctx, self)
        self.rotation = RotationPanel(ctx, self)
        self.rotation.year_chosen.connect(self._select_year)
        self.general = GeneralPanel(ctx, self)
        self.legal = LegalBasesPanel(ctx, self)
        self.quotas = QuotaPanel(ctx, self)
        self.voting = VotingPanel(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("year_tabs")
        self.tabs.setDocumentMode(True)
        for panel, label in ((self.members, "Đơn vị và vai trò"), (self.rotation, "Luân phiên Trưởng khối"),
                             (self.general, "Thông tin năm"), (self.legal, "Căn cứ pháp lý"),
                             (self.quotas, "Chỉ tiêu đề nghị"), (self.voting, "Quy tắc bình xét")):
            self.tabs.addTab(panel, label)
        self.tabs.setCornerWidget(self.new_year_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.tabs, 1)

    # --- showing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        year, editable = self.year, self.editable
        self.empty.setVisible(year is None)
        self.tabs.setVisible(year is not None)
        for button in (self.new_year_button, self.first_year_button):
            button.setEnabled(not self.ctx.workspace.read_only)
        self.members.load(year, editable)
        self.rotation.load(year)
        for panel in (self.general, self.legal, self.quotas, self.voting):
            panel.load(year, editable)

    # --- creating a year ----------------------------------------------------------------------

    def create_year(self) -> None:
        existing = [y.year for y in year_service.list_years(self.ctx.workspace)]
        dialog = NewYearDialog(self, year_service.all_units(self.ctx.workspace), existing)
        choice = self.ask_new_year(dialog)
        if choice is None:
            return
        created = self.ctx.bridge.attempt(self, year_service.create_year, choice.year,
                                          leader_unit_id=choice.leader_unit_id,
                                          deputy_unit_ids=choice.deputy_unit_ids)
        if created is not None:
            self._select_year(choice.year)

    def _select_year(self, year: int) -> None:
        """Move the window's year selector (every page follows it)."""
        self.window().workspace_view.select_year(year)
