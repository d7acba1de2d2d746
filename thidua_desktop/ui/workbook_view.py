"""The first view of a workbook: header and member units, painted from the cheap Inspection
summary before SQLAlchemy loads; the workspace (ui/workspace_view.py) replaces it once the
workbook is open for work."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from thidua_desktop.services.workbook import WorkbookSummary

from .member_table import MemberList
from .workbook_header import WorkbookHeader


class WorkbookView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = WorkbookHeader(self)
        self.members = MemberList(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addWidget(self.members, 1)

    def set_summary(self, summary: WorkbookSummary) -> None:
        self.header.set_summary(summary)
        self.members.set_members(summary.members)

    def clear(self) -> None:
        self.members.set_members([])
        self.members.filter_edit.clear()
