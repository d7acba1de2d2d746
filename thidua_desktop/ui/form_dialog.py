"""The frame of every small editing dialog: labelled fields in a QFormLayout over Vietnamese
Đồng ý/Hủy buttons, a check of the input before the dialog closes with the problem shown in
red under the fields (not in another box), and a read-only mode for closed years. Also the
field widgets those dialogs share: an optional year, a gender choice, a date in dd/mm/yyyy."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain.enums import Gender

from . import vi
from .date_field import DISPLAY_FORMAT
from .hint import hint_label

VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
Problem = tuple[str, QWidget]  # what is wrong, and the field to put the cursor in


def exec_dialog(dialog: QDialog) -> bool:
    """Show `dialog` modally; True when the user confirmed it. Pages keep this as a replaceable
    hook so tests can fill and confirm the real dialog without a modal loop."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("form_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.buttons = vi.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self._fields: list[QWidget] = []

    def add_field(self, label: str, widget: QWidget) -> QWidget:
        """A row "label: widget"; an "&" in the label makes Alt+letter jump to the field."""
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        self.form.addRow(caption, widget)
        self._fields.append(widget)
        return widget

    def add_check(self, check: QCheckBox) -> QCheckBox:
        """A check box in the field column, under the fields before it."""
        self.form.addRow("", check)
        self._fields.append(check)
        return check

    def add_note(self, text: str) -> QLabel:
        """A grey line of explanation in the field column."""
        note = hint_label(text, self)
        self.form.addRow("", note)
        return note

    # --- checking -----------------------------------------------------------------------------

    def problem(self) -> Problem | None:
        """What keeps the input from being saved, if anything (subclasses check their fields)."""
        return None

    def accept(self) -> None:
        found = self.problem()
        if found is None:
            super().accept()
            return
        message, field = found
        self.error_label.setText(message)
        self.error_label.show()
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))  # grow, not squeeze the fields
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()

    # --- viewing only -------------------------------------------------------------------------

    def set_read_only(self) -> None:
        """Show the values without letting them change: a closed year or a read-only workbook."""
        for field in self._fields:
            if isinstance(field, (QLineEdit, QPlainTextEdit)):
                field.setReadOnly(True)
            elif isinstance(field, QAbstractSpinBox):
                field.setReadOnly(True)
                field.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
            else:
                field.setEnabled(False)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        vi.set_button_texts(self.buttons)


def line_edit(parent: QWidget, text: str | None = None, *, placeholder: str = "", min_chars: int = 0) -> QLineEdit:
    edit = QLineEdit(text or "", parent)
    edit.setPlaceholderText(placeholder)
    if min_chars:
        edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * min_chars)
    return edit


def note_edit(parent: QWidget, text: str | None = None) -> QPlainTextEdit:
    """A few lines of free text; Tab leaves it instead of typing a tab."""
    edit = QPlainTextEdit(text or "", parent)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
    return edit


def text_of(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


class OptionalYearSpin(QSpinBox):
    """A year that may be unknown: the step below `first` reads `blank` and means None."""

    def __init__(self, parent: QWidget, *, first: int = 1945, last: int = 2100, blank: str = "(chưa rõ)") -> None:
        super().__init__(parent)
        self.setRange(first - 1, last)
        self.setSpecialValueText(blank)
        self.setGroupSeparatorShown(False)
        self.setAccelerated(True)

    def year(self) -> int | None:
        return None if self.value() == self.minimum() else self.value()

    def set_year(self, year: int | None) -> None:
        self.setValue(self.minimum() if year is None else year)


class GenderCombo(QComboBox):
    def __init__(self, parent: QWidget, gender: Gender | None = None) -> None:
        super().__init__(parent)
        self.addItem("(không ghi)", None)
        for choice in Gender:
            self.addItem(choice.label, choice)
        self.setCurrentIndex(max(0, self.findData(gender)))

    def gender(self) -> Gender | None:
        return self.currentData()


def date_edit(parent: QWidget, day: date | None = None) -> QDateEdit:
    """A date typed as dd/mm/yyyy, or picked from a calendar with Vietnamese month and day names."""
    edit = QDateEdit(parent)
    edit.setLocale(VIETNAMESE)
    edit.setDisplayFormat(DISPLAY_FORMAT)
    edit.setCalendarPopup(True)
    edit.calendarWidget().setLocale(VIETNAMESE)
    edit.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
    edit.setDate(QDate(day or date.today()))
    return edit


def date_of(edit: QDateEdit) -> date:
    return edit.date().toPython()
