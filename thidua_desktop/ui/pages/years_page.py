"""Năm thi đua (being written)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from .base import Page


class YearsPage(Page):
    title = "Năm thi đua"

    def __init__(self, ctx, parent=None) -> None:  # noqa: ANN001
        super().__init__(ctx, parent)
        QVBoxLayout(self).addWidget(QLabel(self.title, self))

    def refresh(self) -> None:
        pass
