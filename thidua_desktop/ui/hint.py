"""The small grey explanatory line under a setting ("Mặc định theo …; khối có thể sửa")."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

HINT_STYLE = "color: #5b6270;"


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label
