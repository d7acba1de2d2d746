"""What the bloc agrees for the year's selection: quotas (how many proposals of each award
type) and voting rules (who votes, threshold, quorum, rounds, tie-break order).

Every value starts from domain/defaults.py (domain.md 1.7–1.8) and is the bloc's to change;
each edit is one undoable change, saved as soon as the user finishes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain import defaults
from thidua_desktop.domain.enums import Denominator, TieBreak, VoterMode
from thidua_desktop.services import years as year_service
from thidua_desktop.services.years import QuotaLine

from .hint import hint_label
from .lists import GridNavigation, standard_table
from .pages.base import PageContext, YearRef

Index = QModelIndex | QPersistentModelIndex
NO_LIMIT = "Không giới hạn"


# --- quotas --------------------------------------------------------------------------------------


class QuotaColumn(IntEnum):
    AWARD = 0
    MAX_COUNT = 1


QUOTA_HEADERS = {QuotaColumn.AWARD: "Danh hiệu, hình thức khen thưởng", QuotaColumn.MAX_COUNT: "Số đề nghị tối đa"}


class QuotaModel(QAbstractTableModel):
    """Award types and their caps; the cap column is editable ("" = no cap)."""

    edited = Signal(int, object)  # award type id, int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[QuotaLine] = []
        self.editable = False

    def set_lines(self, lines: Sequence[QuotaLine], editable: bool) -> None:
        """Replace the lines in place when the award types are the same (the cursor stays)."""
        lines = list(lines)
        self.editable = editable
        if [q.award_type_id for q in lines] == [q.award_type_id for q in self._lines]:
            self._lines = lines
            if lines:
                self.dataChanged.emit(self.index(0, 0), self.index(len(lines) - 1, len(QuotaColumn) - 1))
            return
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(QuotaColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QUOTA_HEADERS[QuotaColumn(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.column() == QuotaColumn.MAX_COUNT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        line, col = self._lines[index.row()], QuotaColumn(index.column())
        if col is QuotaColumn.AWARD:
            if role == Qt.ItemDataRole.DisplayRole:
                return line.name
            return line.note if role == Qt.ItemDataRole.ToolTipRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return NO_LIMIT if line.max_count is None else str(line.max_count)
        if role == Qt.ItemDataRole.EditRole:
            return "" if line.max_count is None else str(line.max_count)
        if role == Qt.ItemDataRole.ForegroundRole and line.max_count is None:
            return QColor("#80868b")
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Gõ số lượng; để trống nếu không giới hạn."
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() != QuotaColumn.MAX_COUNT:
            return False
        text = str(value).strip()
        if text and not text.isdigit():
            return False
        count = int(text) if text else None
        line = self._lines[index.row()]
        if count != line.max_count:
            self.edited.emit(line.award_type_id, count)
        return True

    def line(self, row: int) -> QuotaLine:
        return self._lines[row]


class CountDelegate(QStyledItemDelegate):
    """A line edit that takes a whole number or nothing ("Không giới hạn")."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        editor.setValidator(QIntValidator(0, 999, editor))
        editor.setPlaceholderText(NO_LIMIT)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        editor.setText(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        model.setData(index, editor.text())


class QuotaPanel(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: YearRef | None = None
        self.model = QuotaModel(self)
        self.model.edited.connect(self._on_edited)
        self.table = QTableView(self)
        self.table.setObjectName("quota_table")
        self.table.setModel(self.model)
        standard_table(self.table)
        self.table.setSortingEnabled(False)  # the catalogue's order, as printed
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setItemDelegateForColumn(QuotaColumn.MAX_COUNT, CountDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        GridNavigation(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QuotaColumn.AWARD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(QuotaColumn.MAX_COUNT, QHeaderView.ResizeMode.Stretch)
        self.defaults_button = QPushButton("Khôi phục mặc định", self)
        self.defaults_button.clicked.connect(self.restore_defaults)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.defaults_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(
            "Số đề nghị tối đa khối được gửi lên cho mỗi danh hiệu, hình thức khen thưởng trong năm; để trống "
            "nếu không giới hạn. Mặc định theo hướng dẫn tổ chức cụm, khối thi đua: mỗi khối 2 Cờ thi đua và "
            "1 Bằng khen của Chủ tịch UBND tỉnh; khối có thể sửa theo quy định của tỉnh.", self))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    @property
    def editing_widgets(self) -> list[QWidget]:
        return [self.defaults_button]

    def load(self, year: YearRef | None, editable: bool) -> None:
        self.year = year
        self.model.set_lines(year_service.quota_lines(self.ctx.workspace, year.id) if year else [], editable)
        self.defaults_button.setEnabled(editable)
        if year is not None and not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, QuotaColumn.MAX_COUNT))

    def _on_edited(self, award_type_id: int, count: int | None) -> None:
        # After the editor has closed: a refusal's message box must not open inside commitData.
        year = self.year
        QTimer.singleShot(0, self, lambda: self._save(year, award_type_id, count))

    def _save(self, year: YearRef | None, award_type_id: int, count: int | None) -> None:
        if year is not None:
            self.ctx.bridge.attempt(self, year_service.set_quota, year.id, award_type_id, count)

    def restore_defaults(self) -> None:
        if self.year is not None:
            self.ctx.bridge.attempt(self, year_service.restore_default_quotas, self.year.id)


# --- voting rules --------------------------------------------------------------------------------

STRICT_CHOICES = {True: "Trên tỷ lệ này", False: "Từ tỷ lệ này trở lên"}
DENOMINATOR_PHRASE = {Denominator.ALL_MEMBERS: "tổng số thành viên của khối",
                      Denominator.PRESENT: "số đơn vị (người) có mặt"}


def percent_box(parent: QWidget, minimum: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(minimum, 100)
    box.setDecimals(2)
    box.setSuffix(" %")
    box.setKeyboardTracking(False)  # valueChanged on Enter, leaving the box or an arrow step
    return box


def percent_text(value: Decimal) -> str:
    """66.67 → "66,67", 50 → "50" (Vietnamese decimal comma)."""
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def as_percent(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).normalize()


class VotingPanel(QWidget):
    """The voting rule of the year; the tie-break keys are a list to tick and reorder."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: YearRef | None = None
        self.editable = False
        self._stored: dict[str, Any] = {}

        self.voters_combo = QComboBox(self)
        for mode in VoterMode:
            self.voters_combo.addItem(mode.label, mode)
        self.denominator_combo = QComboBox(self)
        for mode in Denominator:
            self.denominator_combo.addItem(mode.label, mode)
        self.threshold_box = percent_box(self, 1)
        self.strict_combo = QComboBox(self)
        for strict, label in STRICT_CHOICES.items():
            self.strict_combo.addItem(label, strict)
        self.quorum_box = percent_box(self, 1)
        self.quorum_box.setSuffix(" % số thành viên")
        self.rounds_box = QSpinBox(self)
        self.rounds_box.setRange(1, 5)
        self.rounds_box.setKeyboardTracking(False)
        self.secret_check = QCheckBox("Bỏ phiếu kín", self)
        self.self_vote_check = QCheckBox("Đơn vị được bỏ phiếu cho chính mình", self)
        self.summary = hint_label("", self)
        self.summary.setObjectName("voting_summary")
        self.summary.setMinimumWidth(380)

        self.voters_combo.activated.connect(lambda _i: self._save(voters=self.voters_combo.currentData()))
        self.denominator_combo.activated.connect(
            lambda _i: self._save(denominator=self.denominator_combo.currentData()))
        self.strict_combo.activated.connect(lambda _i: self._save(threshold_strict=self.strict_combo.currentData()))
        self.threshold_box.valueChanged.connect(lambda v: self._save(threshold_pct=as_percent(v)))
        self.quorum_box.valueChanged.connect(lambda v: self._save(quorum_pct=as_percent(v)))
        self.rounds_box.valueChanged.connect(lambda v: self._save(max_rounds=v))
        self.secret_check.toggled.connect(lambda on: self._save(secret_ballot=on))
        self.self_vote_check.toggled.connect(lambda on: self._save(self_vote_allowed=on))

        threshold = QHBoxLayout()
        threshold.addWidget(self.threshold_box)
        threshold.addWidget(self.strict_combo)
        threshold.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Người bỏ phiếu:", self.voters_combo)
        form.addRow("Tỷ lệ tính trên:", self.denominator_combo)
        form.addRow("Số phiếu cần đạt:", threshold)
        form.addRow("", self.summary)
        form.addRow("Hội nghị hợp lệ khi có mặt:", self.quorum_box)
        form.addRow("Số vòng bỏ phiếu tối đa:", self.rounds_box)
        form.addRow("", self.secret_check)
        form.addRow("", self.self_vote_check)

        self.tie_list = QListWidget(self)
        self.tie_list.setObjectName("tie_break_order")
        self.tie_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tie_list.setSpacing(2)
        self.tie_list.itemChanged.connect(lambda _item: self._tie_break_edited())
        self.tie_list.model().rowsMoved.connect(lambda *_: self._tie_break_edited())
        self.up_button = QPushButton("Đưa lên", self)
        self.up_button.setToolTip("Xét trước (Ctrl+↑)")
        self.up_button.clicked.connect(lambda: self.move_tie_break(-1))
        self.down_button = QPushButton("Đưa xuống", self)
        self.down_button.setToolTip("Xét sau (Ctrl+↓)")
        self.down_button.clicked.connect(lambda: self.move_tie_break(1))
        for key, step in ((Qt.Key.Key_Up, -1), (Qt.Key.Key_Down, 1)):
            QShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | key), self.tie_list,
                      lambda step=step: self.move_tie_break(step), context=Qt.ShortcutContext.WidgetShortcut)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        moves.addStretch(1)
        ties = QGroupBox("Thứ tự xét khi bằng điểm, bằng phiếu", self)
        ties_layout = QVBoxLayout(ties)
        ties_layout.addWidget(hint_label("Đánh dấu (phím cách) các tiêu chí được dùng; tiêu chí ở trên được xét "
                                         "trước.", ties))
        ties_layout.addWidget(self.tie_list)
        ties_layout.addLayout(moves)

        self.defaults_button = QPushButton("Khôi phục mặc định", self)
        self.defaults_button.clicked.connect(self.restore_defaults)
        right = QVBoxLayout()
        right.addWidget(ties)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(form)
        columns.addSpacing(24)
        columns.addLayout(right, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(hint_label(
            "Mặc định theo thông lệ bình xét của các cụm, khối thi đua: mỗi đơn vị một phiếu kín, cần trên 50% "
            "tổng số thành viên, hội nghị có ít nhất 2/3 thành viên, tối đa 2 vòng; khối có thể sửa theo quy chế "
            "của tỉnh.", self), 1)
        bottom.addWidget(self.defaults_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    @property
    def editing_widgets(self) -> list[QWidget]:
        return [self.voters_combo, self.denominator_combo, self.threshold_box, self.strict_combo, self.quorum_box,
                self.rounds_box, self.secret_check, self.self_vote_check, self.tie_list, self.up_button,
                self.down_button, self.defaults_button]

    def load(self, year: YearRef | None, editable: bool) -> None:
        self.year, self.editable = year, editable
        if year is None:
            return
        rule = year_service.get_year(self.ctx.workspace, year.id).voting_rule
        # A year without its own rule votes by the defaults until one is saved.
        self._stored = {key: getattr(rule, key) for key in year_service.VOTING_FIELDS} if rule else dict(defaults.VOTING)
        values = self._stored
        with (QSignalBlocker(self.voters_combo), QSignalBlocker(self.denominator_combo),
              QSignalBlocker(self.strict_combo), QSignalBlocker(self.threshold_box), QSignalBlocker(self.quorum_box),
              QSignalBlocker(self.rounds_box), QSignalBlocker(self.secret_check), QSignalBlocker(self.self_vote_check)):
            self.voters_combo.setCurrentIndex(self.voters_combo.findData(values["voters"]))
            self.denominator_combo.setCurrentIndex(self.denominator_combo.findData(values["denominator"]))
            self.strict_combo.setCurrentIndex(self.strict_combo.findData(values["threshold_strict"]))
            self.threshold_box.setValue(float(values["threshold_pct"]))
            self.quorum_box.setValue(float(values["quorum_pct"]))
            self.rounds_box.setValue(values["max_rounds"])
            self.secret_check.setChecked(values["secret_ballot"])
            self.self_vote_check.setChecked(values["self_vote_allowed"])
        self._fill_tie_breaks(values["tie_break_order"])
        self._show_summary()
        for widget in self.editing_widgets:
            widget.setEnabled(editable)

    def _fill_tie_breaks(self, order: list[str]) -> None:
        current = self.tie_list.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current else None
        used = [TieBreak(code) for code in order]
        with QSignalBlocker(self.tie_list):  # no itemChanged while filling
            self.tie_list.clear()
            for key in [*used, *(t for t in TieBreak if t not in used)]:
                item = QListWidgetItem(key.label, self.tie_list)
                item.setData(Qt.ItemDataRole.UserRole, key.value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)  # drop between items, not onto them
                item.setCheckState(Qt.CheckState.Checked if key in used else Qt.CheckState.Unchecked)
                if key.value == keep:
                    self.tie_list.setCurrentItem(item)
        rows = (self.tie_list.sizeHintForRow(0) + 2 * self.tie_list.spacing()) * len(TieBreak)
        self.tie_list.setFixedHeight(rows + 2 * self.tie_list.frameWidth() + 8)  # every key, no scrolling

    def tie_break_order(self) -> list[str]:
        """The ticked keys, top to bottom, as the list shows them."""
        items = (self.tie_list.item(i) for i in range(self.tie_list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked]

    def move_tie_break(self, step: int) -> None:
        row = self.tie_list.currentRow()
        if not self.editable or row < 0 or not 0 <= row + step < self.tie_list.count():
            return
        with QSignalBlocker(self.tie_list):
            item = self.tie_list.takeItem(row)
            self.tie_list.insertItem(row + step, item)
            self.tie_list.setCurrentItem(item)
        self._tie_break_edited()

    def _tie_break_edited(self) -> None:
        # Later: the list must not be refilled inside its own signal (a drop, a tick).
        QTimer.singleShot(0, self, lambda: self._save(tie_break_order=self.tie_break_order()))

    def _show_summary(self) -> None:
        values = self._stored
        pct = percent_text(values["threshold_pct"])
        amount = f"trên {pct}%" if values["threshold_strict"] else f"từ {pct}% trở lên"
        self.summary.setText(f"Được chọn khi số phiếu đồng ý đạt {amount} {DENOMINATOR_PHRASE[values['denominator']]}.")

    def _save(self, **fields: Any) -> None:
        if self.year is None or not self.editable or all(self._stored.get(k) == v for k, v in fields.items()):
            return
        self.ctx.bridge.attempt(self, year_service.update_voting_rule, self.year.id, **fields)
        self.load(self.year, self.editable)  # what is stored now, also after a refusal

    def restore_defaults(self) -> None:
        if self.year is not None:
            self.ctx.bridge.attempt(self, year_service.restore_default_voting_rule, self.year.id)
