"""The first-run wizard: the bloc, its member units (typed or pasted from Excel), and the
first year with its leader and deputies. Each page checks its answers with the services'
rules and says what to fix in red under the fields; nothing is written until Hoàn tất."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from thidua_desktop.domain.enums import MAX_DEPUTIES, BlocKind
from thidua_desktop.services.bloc_setup import NewBloc, NewUnit, SetupError, check, parse_units

from .lists import GridNavigation

COLUMNS = ("Tên đơn vị", "Tên viết tắt", "Thủ trưởng", "Chức vụ thủ trưởng")
NOBODY = "(chưa chọn)"


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    return label


class BlocPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Khối thi đua")
        self.setSubTitle("Tên khối (cụm) thi đua và cơ quan đã thành lập khối.")
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("Ví dụ: Khối thi đua các cơ quan Đảng tỉnh")
        self.kind_combo = QComboBox(self)
        for kind in BlocKind:
            self.kind_combo.addItem(kind.label, kind)
        self.body_edit = QLineEdit(self)
        self.body_edit.setPlaceholderText("Ví dụ: Ủy ban nhân dân tỉnh Lai Châu")
        self.province_edit = QLineEdit(self)
        form = QFormLayout(self)
        form.addRow("&Tên khối:", self.name_edit)
        form.addRow("&Loại:", self.kind_combo)
        form.addRow("&Cơ quan tổ chức:", self.body_edit)
        form.addRow("Tỉ&nh:", self.province_edit)
        self.name_edit.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.name_edit.text().strip())


class UnitsPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Đơn vị thành viên")
        self.setSubTitle("Gõ từng đơn vị, hoặc chép bảng từ Excel (tên, viết tắt, thủ trưởng, chức vụ) rồi "
                         "bấm “Dán từ Excel” (Ctrl+V).")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        GridNavigation(self.table)
        self.table.installEventFilter(self)  # Ctrl+V in the grid pastes rows from Excel
        add = QPushButton("&Thêm dòng", self)
        add.clicked.connect(self.add_row)
        remove = QPushButton("&Xóa dòng", self)
        remove.clicked.connect(self.remove_row)
        paste_button = QPushButton("&Dán từ Excel", self)
        paste_button.clicked.connect(self.paste_clipboard)
        self.error = _error_label(self)
        buttons = QHBoxLayout()
        for button in (add, remove, paste_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.add_row()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.table and event.type() == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
            return True
        return False

    def add_row(self, values: tuple[str | None, ...] = ()) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col in range(len(COLUMNS)):
            value = values[col] if col < len(values) else None
            self.table.setItem(row, col, QTableWidgetItem(value or ""))
        self.table.setCurrentCell(row, 0)

    def remove_row(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())

    def paste_text(self, text: str) -> int:
        """Add the rows of a pasted Excel range (header row and STT column are skipped)."""
        units = parse_units(text)
        for row in reversed(range(self.table.rowCount())):  # drop empty rows first
            if not (self.table.item(row, 0) and self.table.item(row, 0).text().strip()):
                self.table.removeRow(row)
        for unit in units:
            self.add_row((unit.official_name, unit.short_name, unit.head_name, unit.head_post))
        return len(units)

    def paste_clipboard(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def units(self) -> tuple[NewUnit, ...]:
        rows = []
        for row in range(self.table.rowCount()):
            cells = [(self.table.item(row, c).text().strip() if self.table.item(row, c) else "") or None
                     for c in range(len(COLUMNS))]
            if cells[0]:
                rows.append(NewUnit(*cells))
        return tuple(rows)

    def validatePage(self) -> bool:  # noqa: N802
        wizard: NewBlocWizard = self.wizard()
        try:
            check(wizard.spec(with_roles=False))
        except SetupError as exc:
            self.error.setText(str(exc))
            return False
        self.error.clear()
        return True


class YearPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Năm thi đua đầu tiên")
        self.setSubTitle("Năm bắt đầu ghi sổ, đơn vị Trưởng khối và tối đa hai đơn vị Phó khối.")
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(date.today().year)
        self.year_spin.setMaximumWidth(self.year_spin.fontMetrics().averageCharWidth() * 12)
        self.leader_combo = QComboBox(self)
        self.deputy_combos = [QComboBox(self) for _ in range(MAX_DEPUTIES)]
        self.error = _error_label(self)
        form = QFormLayout(self)
        form.addRow("&Năm:", self.year_spin)
        form.addRow("Trưởng &khối:", self.leader_combo)
        for i, combo in enumerate(self.deputy_combos, start=1):
            form.addRow(f"Phó khối &{i}:", combo)
        form.addRow(self.error)

    def initializePage(self) -> None:  # noqa: N802
        names = [u.official_name for u in self.wizard().units_page.units()]
        for combo in (self.leader_combo, *self.deputy_combos):
            combo.clear()
            combo.addItem(NOBODY, None)
            for i, name in enumerate(names):
                combo.addItem(name, i)

    def leader(self) -> int | None:
        return self.leader_combo.currentData()

    def deputies(self) -> tuple[int, ...]:
        chosen = [c.currentData() for c in self.deputy_combos if c.currentData() is not None]
        return tuple(chosen)

    def validatePage(self) -> bool:  # noqa: N802
        deputies = self.deputies()
        if len(set(deputies)) != len(deputies):
            self.error.setText("Một đơn vị được chọn hai lần làm Phó khối.")
            return False
        try:
            check(self.wizard().spec())
        except SetupError as exc:
            self.error.setText(str(exc))
            return False
        self.error.clear()
        return True


class NewBlocWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tạo khối thi đua mới")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for button, text in ((QWizard.WizardButton.NextButton, "&Tiếp theo >"),
                             (QWizard.WizardButton.BackButton, "< &Quay lại"),
                             (QWizard.WizardButton.FinishButton, "&Hoàn tất"),
                             (QWizard.WizardButton.CancelButton, "Hủy")):
            self.setButtonText(button, text)
        self.bloc_page, self.units_page, self.year_page = BlocPage(self), UnitsPage(self), YearPage(self)
        for page in (self.bloc_page, self.units_page, self.year_page):
            self.addPage(page)
        self.resize(820, 560)

    def spec(self, *, with_roles: bool = True) -> NewBloc:
        return NewBloc(
            name=self.bloc_page.name_edit.text(), kind=self.bloc_page.kind_combo.currentData(),
            organising_body=self.bloc_page.body_edit.text() or None,
            province=self.bloc_page.province_edit.text() or None,
            units=self.units_page.units(), first_year=self.year_page.year_spin.value(),
            leader=self.year_page.leader() if with_roles else None,
            deputies=self.year_page.deputies() if with_roles else ())
