"""A date the user may leave unset (a deadline not fixed yet): a QDateEdit that shows
"Chưa đặt" at its minimum, plus a small button that clears it.

Qt's QDateEdit has no empty state; the usual answer is a sentinel minimum date shown with
`specialValueText`. The calendar and the arrow keys then start from a reference date (the
year being edited) instead of the sentinel.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QHBoxLayout, QToolButton, QWidget

NOT_SET = "Chưa đặt"
SENTINEL = QDate(2000, 1, 1)
DISPLAY_FORMAT = "dd/MM/yyyy"


class OptionalDateEdit(QDateEdit):
    """dd/MM/yyyy or "Chưa đặt"; Delete clears it, ↑/↓ and the calendar start at `reference`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reference = QDate.currentDate()
        self.setDisplayFormat(DISPLAY_FORMAT)
        self.setCalendarPopup(True)
        self.setMinimumDate(SENTINEL)
        self.setMaximumDate(QDate(2099, 12, 31))
        self.setSpecialValueText(NOT_SET)
        self.setKeyboardTracking(False)  # dateChanged only once the date is finished
        self.setToolTip("Gõ ngày dạng ngày/tháng/năm, hoặc nhấn F4 để chọn trên lịch; Delete để bỏ ngày.")
        self.setDate(SENTINEL)
        self.calendarWidget().installEventFilter(self)

    def value(self) -> date | None:
        return None if self.date() == SENTINEL else self.date().toPython()

    def set_value(self, value: date | None) -> None:
        self.setDate(SENTINEL if value is None else QDate(value))

    def clear_value(self) -> None:
        self.setDate(SENTINEL)

    def stepBy(self, steps: int) -> None:  # noqa: N802 - the first step from "Chưa đặt" lands on the reference
        if self.value() is None:
            self.setDate(self.reference)
        else:
            super().stepBy(steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Delete:
            self.clear_value()
            return
        super().keyPressEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show and obj is self.calendarWidget() and self.value() is None:
            self.calendarWidget().setCurrentPage(self.reference.year(), self.reference.month())
        return False


class OptionalDateField(QWidget):
    """The date edit and its "✕" button; `edited` carries the new value after a user change."""

    edited = Signal(object)  # date | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = OptionalDateEdit(self)
        self.edit.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("✕")
        self.clear_button.setToolTip("Bỏ ngày (để “Chưa đặt”)")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Delete does the same from the keyboard
        self.clear_button.clicked.connect(self.edit.clear_value)
        self.edit.dateChanged.connect(lambda _d: self.edited.emit(self.edit.value()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self) -> date | None:
        return self.edit.value()

    def set_value(self, value: date | None, reference: QDate | None = None) -> None:
        """Show `value` without emitting `edited`."""
        if reference is not None:
            self.edit.reference = reference
        self.edit.blockSignals(True)
        self.edit.set_value(value)
        self.edit.blockSignals(False)
