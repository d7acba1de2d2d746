"""The year's own settings: place name for document dates, theme, who heads the bloc's
documents, the deadlines of the year, and the căn cứ lines printed at the top of documents.

Fields save themselves when the user finishes them (Enter, Tab, a choice in a list), each as
one undoable change; the căn cứ text is saved as a whole with "Lưu" (Ctrl+S).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain import defaults
from thidua_desktop.domain.enums import IssuerMode
from thidua_desktop.domain.text import clean
from thidua_desktop.services import years as year_service

from .date_field import OptionalDateField
from .hint import hint_label
from .pages.base import PageContext, YearRef

DEADLINES = {  # field → label
    "registration_deadline": "Hạn đăng ký thi đua:",
    "covenant_deadline": "Hạn ký giao ước thi đua:",
    "mid_year_deadline": "Hạn báo cáo sơ kết 6 tháng:",
    "year_end_deadline": "Hạn báo cáo tổng kết năm:",
    "dossier_deadline": "Hạn nộp hồ sơ khen thưởng:",
}
TEXT_FIELDS = ("place_name", "theme")


def with_hint(field: QWidget, hint: QLabel) -> QVBoxLayout:
    """A form field with its explanation right under it."""
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
    box.addWidget(hint)
    return box


class GeneralPanel(QWidget):
    """Địa danh, chủ đề, đơn vị đứng tên văn bản and the deadlines of the selected year."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: YearRef | None = None
        self.editable = False
        self._stored: dict[str, Any] = {}

        self.place_edit = QLineEdit(self)
        self.place_edit.setObjectName("place_name")
        self.place_edit.setPlaceholderText("Ví dụ: Lào Cai")
        self.place_edit.setMaxLength(100)
        self.place_preview = hint_label("", self)
        self.place_edit.textChanged.connect(self._show_place_preview)
        self.theme_edit = QLineEdit(self)
        self.theme_edit.setObjectName("theme")
        self.theme_edit.setPlaceholderText("Khẩu hiệu, chủ đề thi đua của năm")
        self.text_edits = {"place_name": self.place_edit, "theme": self.theme_edit}
        for key, edit in self.text_edits.items():
            edit.editingFinished.connect(lambda key=key: self._save(key, clean(self.text_edits[key].text()) or None))
        self.issuer_combo = QComboBox(self)
        self.issuer_combo.setObjectName("issuer_mode")
        for mode in IssuerMode:
            self.issuer_combo.addItem(mode.label, mode)
        self.issuer_combo.activated.connect(lambda _i: self._save("issuer_mode", self.issuer_combo.currentData()))

        self.deadline_fields: dict[str, OptionalDateField] = {}
        deadlines = QGroupBox("Thời hạn trong năm", self)
        deadline_form = QFormLayout(deadlines)
        for key, label in DEADLINES.items():
            field = OptionalDateField(deadlines)
            field.edit.setObjectName(key)
            field.edited.connect(lambda value, key=key: self._save(key, value))
            self.deadline_fields[key] = field
            deadline_form.addRow(label, field)
        deadline_form.addRow(hint_label("Để “Chưa đặt” nếu khối chưa định hạn; nhấn Delete để bỏ một ngày.",
                                        deadlines))

        self.place_edit.setMinimumWidth(320)
        self.issuer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Địa danh ghi ngày văn bản:", with_hint(self.place_edit, self.place_preview))
        form.addRow("Chủ đề thi đua của năm:", self.theme_edit)
        form.addRow("Văn bản của khối đứng tên:", with_hint(
            self.issuer_combo, hint_label("Quyết định tên cơ quan ban hành và con dấu trên văn bản khối gửi đi.", self)))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(deadlines)
        layout.addStretch(1)

    @property
    def editing_widgets(self) -> list[QWidget]:
        return [self.place_edit, self.theme_edit, self.issuer_combo,
                *(w for f in self.deadline_fields.values() for w in (f.edit, f.clear_button))]

    def load(self, year: YearRef | None, editable: bool) -> None:
        self.year, self.editable = year, editable
        if year is None:
            return
        row = year_service.get_year(self.ctx.workspace, year.id)
        self._stored = {key: getattr(row, key) for key in (*TEXT_FIELDS, "issuer_mode", *DEADLINES)}
        for key, edit in self.text_edits.items():
            with QSignalBlocker(edit):
                edit.setText(self._stored[key] or "")
            edit.setReadOnly(not editable)
        self._show_place_preview()
        with QSignalBlocker(self.issuer_combo):
            self.issuer_combo.setCurrentIndex(self.issuer_combo.findData(row.issuer_mode))
        reference = QDate(year.year, 1, 1)
        for key, field in self.deadline_fields.items():
            field.set_value(self._stored[key], reference)
        for widget in (self.issuer_combo, *self.deadline_fields.values()):
            widget.setEnabled(editable)

    def _show_place_preview(self) -> None:
        place = clean(self.place_edit.text())
        self.place_preview.setText(f"Dòng ngày tháng của văn bản: “{place}, ngày … tháng … năm …”" if place
                                   else "Chưa có địa danh: văn bản sẽ để trống phần địa danh ở dòng ngày tháng.")

    def _save(self, key: str, value: str | date | IssuerMode | None) -> None:
        if self.year is None or not self.editable or value == self._stored.get(key):
            return
        self.ctx.bridge.attempt(self, year_service.update_year, self.year.id, **{key: value})
        self.load(self.year, self.editable)  # what is stored now, also after a refusal


class LegalBasesPanel(QWidget):
    """One căn cứ per line, saved with "Lưu"; an unsaved text survives switching years."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: YearRef | None = None
        self._stored: list[str] = []
        self._drafts: dict[int, str] = {}  # year id → unsaved text

        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("legal_bases")
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022")
        self.editor.textChanged.connect(self._update_state)
        self.defaults_button = QPushButton("Dùng căn cứ mặc định", self)
        self.defaults_button.setToolTip("Điền các căn cứ mặc định vào ô soạn; nhấn Lưu để dùng.")
        self.defaults_button.clicked.connect(lambda: self.editor.setPlainText("\n".join(defaults.LEGAL_BASES)))
        self.revert_button = QPushButton("Hoàn lại", self)
        self.revert_button.setToolTip("Bỏ phần đã sửa, hiện lại các căn cứ đã lưu.")
        self.revert_button.clicked.connect(self._revert)
        self.save_button = QPushButton("Lưu", self)
        self.save_button.setToolTip("Lưu các căn cứ của năm (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        self.state_label = QLabel(self)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        buttons = QHBoxLayout()
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)
        buttons.addWidget(self.state_label)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(
            "Mỗi dòng là một căn cứ, in ở phần mở đầu các văn bản của khối trong năm (dấu “;” cuối dòng không "
            "cần gõ). Mặc định theo Luật Thi đua, khen thưởng 2022, Nghị định 152/2025/NĐ-CP và Thông tư "
            "15/2025/TT-BNV; khối có thể sửa khi văn bản thay đổi.", self))
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)

    @property
    def editing_widgets(self) -> list[QWidget]:
        return [self.editor, self.defaults_button]  # Lưu and Hoàn lại follow the text (`_update_state`)

    def lines(self) -> list[str]:
        return year_service.basis_lines(self.editor.toPlainText().splitlines())

    def dirty(self) -> bool:
        return self.lines() != self._stored

    def load(self, year: YearRef | None, editable: bool) -> None:
        """Show the year's căn cứ; a text being edited for the same year is kept, one for
        another year is put aside and comes back with its year."""
        same_year = self.year is not None and year is not None and self.year.id == year.id
        was_dirty = self.year is not None and self.dirty()  # against what was stored before this change
        if was_dirty and not same_year:
            self._drafts[self.year.id] = self.editor.toPlainText()
        self.year = year
        if year is None:
            return
        self._stored = [b.text for b in year_service.get_year(self.ctx.workspace, year.id).legal_bases]
        draft = self._drafts.pop(year.id, None) if editable and not same_year else None
        if draft is not None:
            self.editor.setPlainText(draft)
        elif not (same_year and was_dirty):
            with QSignalBlocker(self.editor):
                self.editor.setPlainText("\n".join(self._stored))
        self.editor.setReadOnly(not editable)
        self.defaults_button.setEnabled(editable)
        self._update_state()

    def _update_state(self) -> None:
        editable = not self.editor.isReadOnly()
        dirty = self.dirty()
        self.save_button.setEnabled(editable and dirty)
        self.revert_button.setEnabled(editable and dirty)
        count = len(self.lines())
        self.state_label.setText(f"{count} căn cứ · chưa lưu" if dirty else f"{count} căn cứ")

    def save(self) -> None:
        if self.year is None or self.editor.isReadOnly() or not self.dirty():
            return
        self.ctx.bridge.attempt(self, year_service.set_legal_bases, self.year.id, self.lines())
        if not self.dirty():  # saved: show the lines as stored
            self.editor.setPlainText("\n".join(self._stored))

    def _revert(self) -> None:
        self.editor.setPlainText("\n".join(self._stored))
