"""The new-bloc wizard: three short pages (the bloc; its member units, typed or pasted from
Excel; the first year with its Trưởng khối and Phó khối). Each page is checked with the rules
of services.bloc_setup when the user moves on, and what to fix is shown on the page itself.

Finishing hands the answers to a `create` callback (ui/first_run.py asks where to save and
writes the file); if it gives no path the wizard stays open with every answer kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from thidua_desktop.domain.enums import MAX_DEPUTIES, BlocKind
from thidua_desktop.services.bloc_setup import (
    NewBloc,
    NewUnit,
    SetupError,
    check_leadership,
    check_name,
    check_units,
    parse_units,
    units_from_rows,
)

from . import vi
from .lists import GridNavigation, install_copy

Index = QModelIndex | QPersistentModelIndex

WINDOW_TITLE = "Tạo khối thi đua mới"
BUTTON_TEXTS = {
    QWizard.WizardButton.NextButton: "&Tiếp theo",
    QWizard.WizardButton.BackButton: "&Quay lại",
    QWizard.WizardButton.FinishButton: "&Hoàn tất",
    QWizard.WizardButton.CancelButton: "Hủy",
}
COLUMNS = ("Tên đơn vị", "Tên viết tắt", "Thủ trưởng", "Chức vụ của thủ trưởng")
NO_LEADER = "(Chưa xác định)"
ERROR_STYLE = ("QLabel { color: #8c1d18; background: #fdecea; border: 1px solid #f1b0aa; border-radius: 4px;"
               " padding: 6px 8px; }")


class UnitRowsModel(QAbstractTableModel):
    """The units grid: rows of four texts, always ending with a blank row to type the next unit in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[list[str]] = [_blank()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.rows[index.row()][index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return super().headerData(section, orientation, role)  # rows are numbered 1, 2, 3…

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        self.rows[index.row()][index.column()] = str(value or "")
        self.dataChanged.emit(index, index)
        self._keep_blank_tail()
        return True

    def clear_cells(self, indexes: Iterable[Index]) -> None:
        for index in indexes:
            self.setData(index, "")

    def insert_blank(self, row: int) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.insert(row, _blank())
        self.endInsertRows()

    def remove(self, rows: Iterable[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()
        self._keep_blank_tail()

    def add_units(self, units: Iterable[NewUnit]) -> range:
        """Put `units` after the last filled row; returns the rows they took."""
        start = max((i + 1 for i, row in enumerate(self.rows) if any(row)), default=0)
        if start < len(self.rows):
            self.beginRemoveRows(QModelIndex(), start, len(self.rows) - 1)
            del self.rows[start:]
            self.endRemoveRows()
        new = [[(value or "") for value in (u.official_name, u.short_name, u.head_name, u.head_post)]
               for u in units]
        self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
        self.rows.extend(new)
        self.endInsertRows()
        self._keep_blank_tail()
        return range(start, start + len(new))

    def filled_count(self) -> int:
        return sum(1 for row in self.rows if any(cell.strip() for cell in row))

    def units(self) -> tuple[NewUnit, ...]:
        return units_from_rows(self.rows)

    def _keep_blank_tail(self) -> None:
        if not self.rows or any(self.rows[-1]):
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
            self.rows.append(_blank())
            self.endInsertRows()


def _blank() -> list[str]:
    return [""] * len(COLUMNS)


class _Page(QWizardPage):
    """A wizard page that checks its answers when the user moves on and, if something is
    wrong, says what on the page and stays."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

    def check(self) -> None:
        """Raise SetupError with the message for the user."""

    def focus_problem(self, error: SetupError) -> None:
        """Put the cursor where `error` is to be fixed."""

    def validatePage(self) -> bool:  # noqa: N802
        try:
            self.check()
        except SetupError as error:
            self.show_error(str(error))
            self.focus_problem(error)
            return False
        self.show_error("")
        return True

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))


def _shortcut(key: QKeySequence.StandardKey | Qt.Key | str, widget: QWidget, slot: Callable[[], None],
              context: Qt.ShortcutContext) -> QShortcut:
    shortcut = QShortcut(QKeySequence(key), widget, context=context)
    shortcut.activated.connect(slot)
    return shortcut


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class BlocPage(_Page):
    def __init__(self) -> None:
        super().__init__("Bước 1/3. Khối thi đua",
                         "Tên khối hoặc cụm thi đua như trong quyết định thành lập, và cơ quan tổ chức khối.")
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("VD: Khối thi đua các cơ quan Đảng tỉnh")
        self.kind_combo = QComboBox(self)
        for kind in BlocKind:
            self.kind_combo.addItem(kind.label, kind)
        self.organising_edit = QLineEdit(self)
        self.organising_edit.setPlaceholderText("VD: UBND tỉnh Lai Châu")
        self.province_edit = QLineEdit(self)
        self.province_edit.setPlaceholderText("VD: Lai Châu")
        self.name_edit.textChanged.connect(lambda _text: self.show_error(""))

        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Tê&n khối thi đua:", self.name_edit)
        form.addRow("&Loại:", self.kind_combo)
        form.addRow("&Cơ quan tổ chức:", self.organising_edit)
        form.addRow("Tỉnh, thành &phố:", self.province_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(_hint("Cơ quan tổ chức là cơ quan ra quyết định chia cụm, khối thi đua (thường là UBND "
                               "hoặc Hội đồng Thi đua – Khen thưởng tỉnh). Có thể bỏ trống và bổ sung sau.", self))
        layout.addStretch(1)
        layout.addWidget(self.error_label)

    def check(self) -> None:
        check_name(self.name_edit.text())

    def focus_problem(self, error: SetupError) -> None:
        self.name_edit.setFocus()


class UnitsPage(_Page):
    def __init__(self) -> None:
        super().__init__("Bước 2/3. Đơn vị thành viên",
                         "Các đơn vị thuộc khối, mỗi đơn vị một dòng. Chỉ tên đơn vị là bắt buộc.")
        self.model = UnitRowsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("units_table")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        self.table.setStyleSheet("QTableView::item { padding: 0px 6px; } QHeaderView::section { padding: 4px 8px; }")
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 120), (2, 190), (3, 200)):
            self.table.setColumnWidth(column, width)
        GridNavigation(self.table)
        install_copy(self.table)
        on_grid = Qt.ShortcutContext.WidgetShortcut  # not while a cell is being edited
        _shortcut(QKeySequence.StandardKey.Delete, self.table, self._clear_selected, on_grid)
        _shortcut(Qt.Key.Key_Insert, self.table, self.add_row, on_grid)
        _shortcut("Ctrl+Delete", self.table, self.remove_rows, on_grid)
        # Ctrl+V anywhere on the page pastes rows; inside a cell being edited it pastes into the cell.
        _shortcut(QKeySequence.StandardKey.Paste, self, self.paste_from_clipboard,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.add_button = QPushButton("Thê&m dòng", self)
        self.add_button.setToolTip("Thêm một dòng trống phía trên dòng đang chọn (phím Insert)")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton("&Xóa dòng", self)
        self.remove_button.setToolTip("Xóa các dòng đang chọn (Ctrl+Delete). Phím Delete chỉ xóa chữ trong ô.")
        self.remove_button.clicked.connect(self.remove_rows)
        self.paste_button = QPushButton("&Dán từ Excel", self)
        self.paste_button.setToolTip("Dán các dòng đã sao chép trong Excel (Ctrl+V)")
        self.paste_button.clicked.connect(self.paste_from_clipboard)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        for button in (self.add_button, self.remove_button, self.paste_button):
            button.setAutoDefault(False)  # Enter belongs to the grid and to "Tiếp theo"

        buttons = QHBoxLayout()
        buttons.addWidget(self.paste_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(_hint("Gõ thẳng vào bảng: Tab sang ô bên phải, Enter xuống dòng dưới; gõ vào dòng trống "
                               "cuối bảng để thêm đơn vị. Đã có danh sách trong Excel: chọn các dòng, sao chép "
                               "(Ctrl+C) rồi bấm “Dán từ Excel” hoặc Ctrl+V; cột STT và dòng tiêu đề tự được bỏ qua.",
                               self))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        self.model.dataChanged.connect(self._changed)
        self.model.rowsInserted.connect(self._changed)
        self.model.rowsRemoved.connect(self._changed)
        self._changed()

    def initializePage(self) -> None:  # noqa: N802
        self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus()

    def units(self) -> tuple[NewUnit, ...]:
        return self.model.units()

    def check(self) -> None:
        check_units(self.units())

    def focus_problem(self, error: SetupError) -> None:
        self.table.setFocus()
        if error.row is not None:
            self.table.setCurrentIndex(self.model.index(error.row - 1, 0))

    def paste_from_clipboard(self) -> None:
        self.paste(QGuiApplication.clipboard().text())

    def paste(self, text: str) -> None:
        """Add the units in `text` (Excel rows or lines typed with ';') after the filled rows."""
        units = parse_units(text)
        if not units:
            self.show_error("Không có đơn vị nào để dán. Hãy chọn các dòng đơn vị trong Excel, bấm Ctrl+C, "
                            "rồi dán lại vào đây.")
            return
        added = self.model.add_units(units)
        self.table.setFocus()
        self.table.setCurrentIndex(self.model.index(added.start, 0))
        last = self.model.index(added.stop - 1, len(COLUMNS) - 1)
        self.table.selectionModel().select(QItemSelection(self.model.index(added.start, 0), last),
                                           QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(last)
        self.count_label.setText(f"Đã dán {len(units)} đơn vị. {self._count_text()}")

    def add_row(self) -> None:
        current = self.table.currentIndex()
        row = current.row() if current.isValid() else self.model.rowCount() - 1
        if row != self.model.rowCount() - 1:  # the blank last row is already there to type in
            self.model.insert_blank(row)
        index = self.model.index(row, 0)
        self.table.setFocus()
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove_rows(self) -> None:
        rows = {i.row() for i in self.table.selectionModel().selectedIndexes()}
        current = self.table.currentIndex()
        if not rows and current.isValid():
            rows = {current.row()}
        self.model.remove(rows)
        self.table.setFocus()

    def _clear_selected(self) -> None:
        self.model.clear_cells(self.table.selectionModel().selectedIndexes())

    def _count_text(self) -> str:
        count = self.model.filled_count()
        return f"Tổng cộng: {count} đơn vị" if count else "Chưa có đơn vị nào"

    def _changed(self) -> None:
        self.show_error("")
        self.count_label.setText(self._count_text())


class LeadershipPage(_Page):
    def __init__(self, units: Callable[[], tuple[NewUnit, ...]]) -> None:
        super().__init__("Bước 3/3. Năm thi đua đầu tiên, Trưởng khối và Phó khối",
                         f"Năm bắt đầu ghi sổ, đơn vị Trưởng khối và tối đa {MAX_DEPUTIES} đơn vị Phó khối của năm đó.")
        self._units = units
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(date.today().year)
        self.year_spin.setMaximumWidth(110)
        self.leader_combo = QComboBox(self)
        self.leader_combo.setMaxVisibleItems(20)
        self.deputy_list = QListWidget(self)
        self.deputy_list.setObjectName("deputy_list")
        self.deputy_list.setToolTip("Đánh dấu đơn vị Phó khối (phím cách để đánh dấu hoặc bỏ)")
        self.deputy_list.setStyleSheet("QListWidget::item { padding: 3px 4px; }")
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)

        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Năm thi đua đầu tiên:", self.year_spin)
        form.addRow("Đơn vị T&rưởng khối:", self.leader_combo)
        form.addRow(f"Đơn vị &Phó khối\n(tối đa {MAX_DEPUTIES} đơn vị):", self.deputy_list)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.summary_label)

        self.year_spin.valueChanged.connect(self._recheck)
        self.leader_combo.currentIndexChanged.connect(self._recheck)
        self.deputy_list.itemChanged.connect(self._deputy_toggled)

    def initializePage(self) -> None:  # noqa: N802
        """Fill the choices from the units entered on the previous page, keeping earlier choices."""
        leader = self.leader_combo.currentText()
        deputies = {self.deputy_list.item(i).text() for i in self._deputy_rows()}
        names = [u.official_name for u in self._units()]
        self.leader_combo.blockSignals(True)
        self.deputy_list.blockSignals(True)
        self.leader_combo.clear()
        self.leader_combo.addItems([NO_LEADER, *names])
        self.leader_combo.setCurrentIndex(max(0, self.leader_combo.findText(leader)))
        self.deputy_list.clear()
        for name in names:
            item = QListWidgetItem(name, self.deputy_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in deputies else Qt.CheckState.Unchecked)
        self.deputy_list.setCurrentRow(0)
        self.leader_combo.blockSignals(False)
        self.deputy_list.blockSignals(False)
        self.summary_label.setText(f"Sổ mới sẽ có {len(names)} đơn vị thành viên. Bấm “Hoàn tất” để chọn nơi lưu "
                                   "tệp sổ thi đua (.thidua). Đơn vị, vai trò và các năm sau đều sửa được trong sổ.")
        self._recheck()

    def leader(self) -> int | None:
        return self.leader_combo.currentIndex() - 1 if self.leader_combo.currentIndex() > 0 else None

    def deputies(self) -> tuple[int, ...]:
        return tuple(self._deputy_rows())

    def check(self) -> None:
        check_leadership(self.year_spin.value(), self.leader(), self.deputies())

    def _deputy_rows(self) -> list[int]:
        return [i for i in range(self.deputy_list.count())
                if self.deputy_list.item(i).checkState() == Qt.CheckState.Checked]

    def _deputy_toggled(self, item: QListWidgetItem) -> None:
        """A deputy beyond the allowed number is refused at once, with the reason."""
        if item.checkState() == Qt.CheckState.Checked:
            try:
                check_leadership(self.year_spin.value(), None, self.deputies())
            except SetupError:
                self.deputy_list.blockSignals(True)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.deputy_list.blockSignals(False)
                self.show_error(f"Chỉ chọn được tối đa {MAX_DEPUTIES} đơn vị Phó khối. Hãy bỏ đánh dấu một "
                                f"đơn vị Phó khối trước khi chọn “{item.text()}”.")
                return
        self._recheck()

    def _recheck(self) -> None:
        try:
            self.check()
        except SetupError as error:
            self.show_error(str(error))
        else:
            self.show_error("")


class NewBlocWizard(QWizard):
    def __init__(self, parent: QWidget | None, create: Callable[[NewBloc], Path | None]) -> None:
        super().__init__(parent)
        self.setWindowTitle(WINDOW_TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)  # the same look on every system
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        for button, text in BUTTON_TEXTS.items():
            self.setButtonText(button, text)
        self._create = create
        self.created_path: Path | None = None
        # Hook: asks before throwing typed answers away; tests replace it.
        self.confirm_discard: Callable[[QWidget], bool] = _confirm_discard
        self.bloc_page = BlocPage()
        self.units_page = UnitsPage()
        self.leadership_page = LeadershipPage(self.units_page.units)
        for page in (self.bloc_page, self.units_page, self.leadership_page):
            self.addPage(page)
        self.resize(900, 640)

    def spec(self) -> NewBloc:
        bloc, leadership = self.bloc_page, self.leadership_page
        return NewBloc(name=bloc.name_edit.text(), kind=bloc.kind_combo.currentData(),
                       organising_body=bloc.organising_edit.text() or None,
                       province=bloc.province_edit.text() or None, units=self.units_page.units(),
                       first_year=leadership.year_spin.value(), leader=leadership.leader(),
                       deputies=leadership.deputies())

    def validateCurrentPage(self) -> bool:  # noqa: N802
        """Next and Finish come here; Finish also creates the workbook (or stays, answers kept)."""
        if not super().validateCurrentPage():
            return False
        if self.currentPage() is not self.leadership_page:
            return True
        self.created_path = self._create(self.spec())
        return self.created_path is not None

    def reject(self) -> None:
        typed = self.bloc_page.name_edit.text().strip() or self.units_page.model.filled_count()
        if typed and not self.confirm_discard(self):
            return
        super().reject()


def _confirm_discard(parent: QWidget) -> bool:
    return vi.ask(parent, WINDOW_TITLE, "Bỏ các thông tin đã nhập và đóng hộp tạo khối thi đua mới?")
