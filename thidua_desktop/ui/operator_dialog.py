"""Họ tên người thao tác: the name the audit log writes beside every change, asked once on this
computer and changeable from the Công cụ menu."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from thidua_desktop.domain.text import clean

from . import vi

TITLE = "Họ tên người thao tác"
FIRST_TIME = ("Xin cho biết họ tên của bạn. Họ tên được ghi vào nhật ký thay đổi bên cạnh mỗi thay đổi bạn "
              "làm trong sổ thi đua. Chương trình chỉ hỏi một lần trên máy này; muốn đổi, vào "
              "Công cụ → Đổi tên người thao tác.")
RENAME = ("Họ tên mới được ghi cho những thay đổi từ bây giờ; các dòng nhật ký đã ghi vẫn giữ tên cũ.")
MAX_LENGTH = 200  # AuditEntry.operator


class OperatorDialog(QDialog):
    def __init__(self, parent: QWidget | None, current: str = "", *, first_time: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(480)
        intro = QLabel(FIRST_TIME if first_time else RENAME, self)
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(current, self)
        self.name_edit.setObjectName("operator_name")
        self.name_edit.setMaxLength(MAX_LENGTH)
        self.name_edit.setPlaceholderText("Ví dụ: Nguyễn Thị Lan")
        self.buttons = vi.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._update_ok)
        form = QFormLayout()
        label = QLabel("&Họ và tên:", self)
        label.setBuddy(self.name_edit)
        form.addRow(label, self.name_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.name_edit.selectAll()

    def name(self) -> str:
        return clean(self.name_edit.text())

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.name()))


def ask_operator_name(parent: QWidget | None, current: str = "", *, first_time: bool) -> str | None:
    """The name typed in, or None when the user cancels."""
    dialog = OperatorDialog(parent, current, first_time=first_time)
    return dialog.name() if dialog.exec() == QDialog.DialogCode.Accepted else None
