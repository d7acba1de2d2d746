"""Asking why a locked period is reopened: the audit log keeps the answer."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from . import vi


def reason_dialog(parent: QWidget | None, title: str, text: str) -> tuple[QDialog, QLineEdit]:
    """The dialog, built but not shown; OK stays disabled until a reason is typed."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    field = QLineEdit(dialog)
    field.setObjectName("reason")
    field.setPlaceholderText("Ví dụ: Hội nghị khối ngày 15/12 điều chỉnh điểm Phần III")
    buttons = vi.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setEnabled(False)
    field.textChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    label = QLabel(text, dialog)
    label.setWordWrap(True)
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addWidget(field)
    layout.addWidget(buttons)
    dialog.resize(480, dialog.sizeHint().height())
    return dialog, field


def ask_reason(parent: QWidget | None, title: str, text: str) -> str | None:
    dialog, field = reason_dialog(parent, title, text)
    return field.text().strip() if dialog.exec() == QDialog.DialogCode.Accepted else None
