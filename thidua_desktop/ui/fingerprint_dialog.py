"""Asking for the fingerprint printed in the biên bản bàn giao before a received file is opened.

Typed in groups of four, pasted with or without spaces or dashes, in any case: the count of
characters read so far tells the user how far along the 64 they are. Left empty, the file is
still checked for damage and identity, only not against the minutes.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from . import vi

DIGITS = 64
_IGNORED = re.compile(r"[\s\-–—.:_]+")


def fingerprint_dialog(parent: QWidget | None, source: Path) -> tuple[QDialog, QLineEdit, QLabel]:
    """The dialog, built but not shown."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Nhận sổ bàn giao: mã kiểm tra")
    intro = QLabel(f"Tệp: {source.name}\n\nNhập hoặc dán mã kiểm tra (SHA-256) in trong biên bản bàn giao. "
                   "Có thể gõ theo nhóm bốn ký tự, có hay không có dấu cách, chữ hoa hay chữ thường. "
                   "Để trống nếu không có biên bản: tệp vẫn được kiểm tra hỏng và đúng khối.", dialog)
    intro.setWordWrap(True)
    field = QLineEdit(dialog)
    field.setObjectName("fingerprint")
    field.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    field.setPlaceholderText("Ví dụ: 2D07 C660 F636 BC15 CA39 EC0C 6430 CB70 06C0 F16D …")
    progress = QLabel(dialog)
    progress.setObjectName("fingerprint_progress")
    buttons = vi.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText("Kiểm tra và mở")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)

    def show_progress(text: str) -> None:
        read = len(_IGNORED.sub("", text))
        progress.setText("" if not read else f"Đã nhập {read}/{DIGITS} ký tự"
                         + (" — đủ." if read == DIGITS else " — thừa ký tự." if read > DIGITS else "."))
        ok.setEnabled(read in (0, DIGITS))

    field.textChanged.connect(show_progress)
    layout = QVBoxLayout(dialog)
    layout.addWidget(intro)
    layout.addWidget(field)
    layout.addWidget(progress)
    layout.addWidget(buttons)
    dialog.resize(620, dialog.sizeHint().height())
    return dialog, field, progress


def ask_fingerprint(parent: QWidget | None, source: Path) -> str | None:
    """The text typed ("" when left empty), or None when the user cancelled."""
    dialog, field, _progress = fingerprint_dialog(parent, source)
    return field.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
