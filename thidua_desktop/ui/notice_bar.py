"""A yellow bar across the top of the workbook page for things the user must not miss
(read-only workbook, later: closed year, pending handover)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

STYLE = """
QFrame#notice_bar { background: #fff3b0; border: 1px solid #e0c44c; border-radius: 4px; }
QFrame#notice_bar QLabel { color: #4a3b00; background: transparent; }
"""


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice_bar")
        self.setStyleSheet(STYLE)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(self)
        self.button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self._action: Callable[[], None] | None = None
        self.button.clicked.connect(self._run)
        self.hide()

    def show_notice(self, text: str, action_text: str = "", action: Callable[[], None] | None = None) -> None:
        self.label.setText(text)
        self._action = action
        self.button.setText(action_text)
        self.button.setVisible(bool(action_text and action))
        self.show()

    def clear(self) -> None:
        self._action = None
        self.hide()

    def _run(self) -> None:
        if self._action is not None:
            self._action()
