"""Giao ước & bảng điểm: the units' registrations, the year's score table and the covenant that
signs it, as three tabs in the order the bloc does them in January."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..covenant_panel import CovenantPanel
from ..registration_panel import RegistrationPanel
from ..score_table_editor import ScoreTableEditor
from .base import Page, PageContext


class CovenantPage(Page):
    title = "Giao ước & bảng điểm"
    tables = frozenset({"registration", "registered_award", "covenant", "covenant_signatory", "score_table",
                        "score_section", "criterion", "adjustment_rule", "membership", "unit", "unit_head",
                        "legal_basis", "award_type"})

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.registrations = RegistrationPanel(ctx, self)
        self.editor = ScoreTableEditor(ctx, self)
        self.covenant = CovenantPanel(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("covenant_tabs")
        self.tabs.addTab(self.registrations, "Đăng ký thi đua")
        self.tabs.addTab(self.editor, "Bảng điểm")
        self.tabs.addTab(self.covenant, "Giao ước")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        for panel in (self.registrations, self.editor, self.covenant):
            panel.reload(self.year, self.editable)
