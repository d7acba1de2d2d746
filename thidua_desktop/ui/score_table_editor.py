"""The score table editor: the year's table versions, the tree of sections → criteria with a
side form for the selected line, the totals checked against the agreed maxima, and the bonus
and penalty lines.

A draft is edited in place; a table signed with the covenant is shown read-only and changes
only through "Tạo phiên bản mới…" with a reason. Every edit goes through the bridge, so it is
one undoable change and a refusal is a message.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain.enums import AdjustmentKind, CriterionKind, ScoredBy, ScoreTableState
from thidua_desktop.domain.text import format_points
from thidua_desktop.services import covenant as covenant_service
from thidua_desktop.services import score_tables
from thidua_desktop.services.score_tables import CriterionNode, TableView

from .adjustment_rules import RuleDialog, RulesPanel, ask_rule
from .criterion_form import ItemForm
from .form_dialog import FormDialog, Problem, exec_dialog, note_edit
from .hint import hint_label
from .pages.base import PageContext, YearRef
from .score_cells import CellTextError, number

Key = tuple[str, int]  # ("section" | "criterion", id)
ROLE = Qt.ItemDataRole.UserRole
ERROR_COLOR = "#b00020"
KIND_SHORT = {CriterionKind.MANUAL: "Trực tiếp", CriterionKind.RATIO: "Tỷ lệ TH/KH",
              CriterionKind.INVERSE_RATIO: "Tỷ lệ nghịch", CriterionKind.GRADE: "A/B/C/D",
              CriterionKind.YES_NO: "Có/Không"}
SCORED_BY_SHORT = {ScoredBy.SELF_APPRAISAL: "Tự chấm, thẩm định", ScoredBy.PROVINCIAL: "Tỉnh chấm"}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def ask_reason(parent: QWidget) -> str | None:
    """The reason for a new version of a signed table, or None when the user cancels."""
    dialog = ReasonDialog(parent)
    return dialog.reason() if exec_dialog(dialog) else None


class ReasonDialog(FormDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__("Tạo phiên bản mới của bảng điểm", parent)
        self.add_note("Bảng điểm đã ký kèm giao ước. Phiên bản mới là bản sao để sửa; điểm đã chấm "
                      "vẫn giữ theo phiên bản cũ.")
        self.reason_edit = note_edit(self)
        self.reason_edit.setMinimumWidth(self.reason_edit.fontMetrics().averageCharWidth() * 60)
        self.add_field("&Lý do sửa đổi:", self.reason_edit)

    def problem(self) -> Problem | None:
        return ("Cần ghi lý do sửa đổi.", self.reason_edit) if not self.reason().strip() else None

    def reason(self) -> str:
        return self.reason_edit.toPlainText()


def _shortcut(key: QKeySequence | QKeySequence.StandardKey, widget: QWidget, slot: Callable[[], object],
              context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetShortcut) -> QShortcut:
    shortcut = QShortcut(key, widget, context=context)
    shortcut.activated.connect(slot)
    return shortcut


def _next_code(prefix: str, count: int) -> str:
    return f"{prefix}{count + 1}"


class ScoreTableEditor(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: YearRef | None = None
        self.page_editable = False
        self.view: TableView | None = None
        self.version_ids: list[int] = []
        self.shown_id: int | None = None
        self._nodes: dict[Key, Any] = {}
        self._dirty = False
        # Replaceable so tests answer without a modal loop.
        self.ask_reason: Callable[[QWidget], str | None] = ask_reason
        self.run_dialog: Callable[[RuleDialog], bool] = exec_dialog

        self.version_combo = QComboBox(self)
        self.version_combo.setObjectName("table_version")
        self.version_combo.setMinimumContentsLength(28)
        self.version_combo.activated.connect(self._on_version)
        self.new_version_button = QPushButton("Tạo phiên bản &mới…", self)
        self.new_version_button.clicked.connect(self.make_new_version)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("table_name")
        self.total_edit = QLineEdit(self)
        self.total_edit.setObjectName("table_total")
        self.total_edit.setMaximumWidth(self.total_edit.fontMetrics().averageCharWidth() * 9 + 16)
        self.heading_button = QPushButton("Lưu tên và tổng điểm", self)
        self.heading_button.clicked.connect(self.save_heading)
        for edit in (self.name_edit, self.total_edit):
            edit.returnPressed.connect(self.save_heading)
        self.note_label = QLabel(self)
        self.note_label.setObjectName("table_note")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("background: #fff4d6; color: #5c4300; padding: 6px 10px; "
                                      "border: 1px solid #e8cf8a; border-radius: 3px;")

        self.empty = QWidget(self)
        self.copy_button = QPushButton("Sao chép bảng điểm năm trước", self.empty)
        self.copy_button.clicked.connect(self.copy_previous)
        self.blank_button = QPushButton("Tạo bảng điểm trống", self.empty)
        self.blank_button.clicked.connect(self.create_blank)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addWidget(hint_label("Năm này chưa có bảng điểm. Sao chép bảng điểm của năm trước làm dự thảo "
                                          "rồi sửa, hoặc lập bảng điểm mới từ đầu.", self.empty))
        empty_buttons = QHBoxLayout()
        empty_buttons.addWidget(self.copy_button)
        empty_buttons.addWidget(self.blank_button)
        empty_buttons.addStretch(1)
        empty_layout.addLayout(empty_buttons)
        empty_layout.addStretch(1)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("criteria_tree")
        self.tree.setHeaderLabels(["Mã", "Nội dung", "Điểm tối đa", "Cách chấm"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setIndentation(14)
        chars = self.tree.fontMetrics().averageCharWidth()
        for col, width in ((0, 8), (2, 11), (3, 17)):
            header.resizeSection(col, chars * width + 16)
        self.tree.currentItemChanged.connect(self._on_current)
        self.add_section_button = QPushButton("Thêm &phần", self)
        self.add_criterion_button = QPushButton("Thêm tiêu &chí", self)
        self.add_child_button = QPushButton("Thêm tiêu chí c&on", self)
        self.delete_button = QPushButton("&Xóa", self)
        self.up_button = QPushButton("Lên", self)
        self.up_button.setToolTip("Chuyển dòng đang chọn lên trên (Alt+↑)")
        self.down_button = QPushButton("Xuống", self)
        self.down_button.setToolTip("Chuyển dòng đang chọn xuống dưới (Alt+↓)")
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.tree.installEventFilter(self)  # Alt+↑/↓: the tree takes arrow keys before any shortcut
        self.add_section_button.clicked.connect(self.add_section)
        self.add_criterion_button.clicked.connect(lambda: self.add_criterion(child=False))
        self.add_child_button.clicked.connect(lambda: self.add_criterion(child=True))
        self.delete_button.clicked.connect(self.delete_current)
        _shortcut(QKeySequence.StandardKey.Delete, self.tree, self.delete_current)
        _shortcut(QKeySequence("Insert"), self.tree, lambda: self.add_criterion(child=False))
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("table_totals")
        self.totals_label.setWordWrap(True)
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("table_problems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet(f"color: {ERROR_COLOR};")

        self.item_form = ItemForm(self)
        for form in (self.item_form.section_form, self.item_form.criterion_form):
            form.edited.connect(self._mark_dirty)
        self.save_button = QPushButton("&Lưu thay đổi", self)
        self.save_button.setToolTip("Lưu nội dung đang sửa (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        _shortcut(QKeySequence.StandardKey.Save, self, self.save, Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.rules = RulesPanel(self)
        self.rules.add.connect(lambda kind: self.edit_rule(kind, None))
        self.rules.edit.connect(lambda rule: self.edit_rule(rule.kind, rule))
        self.rules.remove.connect(self.delete_rule)

        self._build_layout()
        self._show_editing()

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Phiên bản:", self))
        bar.addWidget(self.version_combo)
        bar.addWidget(self.new_version_button)
        bar.addSpacing(16)
        bar.addWidget(QLabel("Tên bảng điểm:", self))
        bar.addWidget(self.name_edit, 1)
        bar.addWidget(QLabel("Tổng điểm:", self))
        bar.addWidget(self.total_edit)
        bar.addWidget(self.heading_button)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        tree_buttons = QHBoxLayout()
        for button in (self.add_section_button, self.add_criterion_button, self.add_child_button, self.delete_button,
                       self.up_button, self.down_button):
            tree_buttons.addWidget(button)
        tree_buttons.addStretch(1)
        left_layout.addLayout(tree_buttons)
        left_layout.addWidget(self.totals_label)
        left_layout.addWidget(self.problems_label)

        right = QGroupBox("Nội dung dòng đang chọn", self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.item_form, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        right_layout.addLayout(save_row)

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(left)
        top.addWidget(right)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([680, 340])
        top.setChildrenCollapsible(False)
        rules_box = QGroupBox("Điểm thưởng và điểm trừ", self)
        QVBoxLayout(rules_box).addWidget(self.rules)
        self.body = QSplitter(Qt.Orientation.Vertical, self)
        self.body.addWidget(top)
        self.body.addWidget(rules_box)
        self.body.setStretchFactor(0, 2)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([500, 250])
        self.body.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note_label)
        layout.addWidget(self.empty)
        layout.addWidget(self.body, 1)

    # --- loading ------------------------------------------------------------------------------

    @property
    def editable(self) -> bool:
        """Only the latest version, while still a draft, of a year that is open for changes."""
        return (self.page_editable and self.view is not None and not self.view.frozen
                and bool(self.version_ids) and self.shown_id == self.version_ids[-1])

    def reload(self, year: YearRef | None, page_editable: bool) -> None:
        if year is None or (self.year is not None and year.id != self.year.id):
            self.shown_id = None
        self.year, self.page_editable = year, page_editable
        tables = score_tables.versions(self.ctx.workspace, year.id) if year else []
        self.version_ids = [t.id for t in tables]
        if self.shown_id not in self.version_ids:
            self.shown_id = self.version_ids[-1] if tables else None
        with QSignalBlocker(self.version_combo):
            self.version_combo.clear()
            for t in tables:
                latest = " (hiện hành)" if t.id == self.version_ids[-1] else ""
                self.version_combo.addItem(f"Phiên bản {t.version}{latest} — {t.state.label}", t.id)
                if t.change_reason:
                    self.version_combo.setItemData(self.version_combo.count() - 1, f"Lý do: {t.change_reason}",
                                                   Qt.ItemDataRole.ToolTipRole)
            self.version_combo.setCurrentIndex(self.version_ids.index(self.shown_id) if tables else -1)
        self.view = score_tables.table_view(self.ctx.workspace, self.shown_id) if self.shown_id else None
        self._fill_tree()
        self._show_totals()
        self.rules.show_rules(self.view.rules if self.view else [], self.editable)
        self._show_editing()

    def _on_version(self, index: int) -> None:
        self.shown_id = self.version_combo.itemData(index)
        self.reload(self.year, self.page_editable)

    def _fill_tree(self) -> None:
        key = self.current_key()
        self._nodes.clear()
        with QSignalBlocker(self.tree):
            self.tree.clear()
            for section in self.view.sections if self.view else []:
                item = QTreeWidgetItem([section.section.code, section.section.title,
                                        format_points(section.section.max_points),
                                        SCORED_BY_SHORT[section.section.scored_by]])
                item.setData(0, ROLE, ("section", section.section.id))
                font = item.font(0)
                font.setBold(True)
                for col in range(4):
                    item.setFont(col, font)
                item.setToolTip(3, section.section.scored_by.label)
                if section.points != section.section.max_points:
                    item.setForeground(2, QBrush(QColor(ERROR_COLOR)))
                    item.setToolTip(2, f"Các tiêu chí cộng lại {format_points(section.points)} điểm.")
                self._nodes[("section", section.section.id)] = section
                self.tree.addTopLevelItem(item)
                self._add_criteria(item, section.criteria)
            self.tree.expandAll()
            found = self._item_of(key) if key else None
            self.tree.setCurrentItem(found or self.tree.topLevelItem(0))
        self._load_form()

    def _add_criteria(self, parent: QTreeWidgetItem, nodes: list[CriterionNode]) -> None:
        for node in nodes:
            c = node.criterion
            item = QTreeWidgetItem(parent, [c.code, c.text, format_points(node.points),
                                            "" if node.children else KIND_SHORT[c.kind]])
            item.setData(0, ROLE, ("criterion", c.id))
            item.setToolTip(1, c.text)
            item.setToolTip(3, "" if node.children else c.kind.label)
            self._nodes[("criterion", c.id)] = node
            self._add_criteria(item, node.children)

    def _item_of(self, key: Key) -> QTreeWidgetItem | None:
        for item in self._all_items():
            if item.data(0, ROLE) == key:
                return item
        return None

    def _all_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            out.append(item)
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return out

    def current_key(self) -> Key | None:
        item = self.tree.currentItem()
        return item.data(0, ROLE) if item else None

    def select(self, key: Key) -> None:
        item = self._item_of(key)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _show_totals(self) -> None:
        if self.view is None:
            self.totals_label.clear()
            self.problems_label.clear()
            return
        parts = [f"Phần {s.section.code}: {format_points(s.points)}/{format_points(s.section.max_points)}"
                 for s in self.view.sections]
        parts.append(f"Cả bảng: {format_points(self.view.points)}/{format_points(self.view.table.max_points)} điểm")
        self.totals_label.setText("Tổng điểm — " + " · ".join(parts))
        problems = self.view.problems()
        self.problems_label.setText("\n".join(f"• {p}" for p in problems))
        self.problems_label.setVisible(bool(problems))

    def _show_editing(self) -> None:
        has_table = self.view is not None
        self.empty.setVisible(not has_table and self.year is not None)
        self.body.setVisible(has_table)
        self.copy_button.setEnabled(self.page_editable)
        self.blank_button.setEnabled(self.page_editable)
        self.version_combo.setEnabled(has_table)
        latest = has_table and self.shown_id == self.version_ids[-1]
        self.new_version_button.setVisible(bool(latest and self.view.frozen))
        self.new_version_button.setEnabled(self.page_editable)
        editable = self.editable
        key = self.current_key()
        for button in (self.add_section_button, self.save_button):
            button.setEnabled(editable)
        self.add_criterion_button.setEnabled(editable and key is not None)
        self.add_child_button.setEnabled(editable and key is not None and key[0] == "criterion")
        self.delete_button.setEnabled(editable and key is not None)
        self.up_button.setEnabled(editable and key is not None)
        self.down_button.setEnabled(editable and key is not None)
        for widget in (self.name_edit, self.total_edit):
            widget.setReadOnly(not editable)
            widget.setVisible(has_table)
        self.heading_button.setVisible(has_table and editable)
        if has_table:
            self.name_edit.setText(self.view.table.name)
            self.name_edit.setCursorPosition(0)  # a long name shows its beginning
            self.total_edit.setText(format_points(self.view.table.max_points))
        self.item_form.section_form.set_editable(editable)
        self.item_form.criterion_form.set_editable(editable)
        note = self._note()
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

    def _note(self) -> str:
        if self.view is None:
            return ""
        if self.shown_id != self.version_ids[-1]:
            return (f"Phiên bản {self.view.table.version} đã được thay bằng phiên bản mới hơn; chỉ xem. "
                    "Điểm đã chấm theo phiên bản này vẫn giữ nguyên.")
        if self.view.frozen:
            return f"Bảng điểm đã ký kèm giao ước {self._signed_text()}. Muốn sửa, hãy tạo phiên bản mới và ghi lý do."
        if self.view.table.change_reason:
            return f"Dự thảo phiên bản {self.view.table.version}. Lý do sửa đổi: {self.view.table.change_reason}"
        return ""

    def _signed_text(self) -> str:
        covenant = covenant_service.covenant_of(self.ctx.workspace, self.year.id) if self.year else None
        if covenant is not None and covenant.signed_on and covenant.score_table_id == self.shown_id:
            return f"ngày {covenant.signed_on:%d/%m/%Y}"
        frozen = self.view.table.frozen_at if self.view else None
        return f"ngày {frozen:%d/%m/%Y}" if frozen else ""

    # --- the side form ------------------------------------------------------------------------

    def _on_current(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        if self._dirty and previous is not None:
            pending = (previous.data(0, ROLE), self._form_values())
            QTimer.singleShot(0, lambda: self._save_values(*pending))
        self._load_form()
        self._show_editing()

    def _load_form(self) -> None:
        key = self.current_key()
        node = self._nodes.get(key) if key else None
        if node is None:
            self.item_form.setCurrentIndex(0)
        elif key[0] == "section":
            self.item_form.section_form.load(node)
            self.item_form.setCurrentWidget(self.item_form.section_form)
        else:
            self.item_form.criterion_form.load(node)
            self.item_form.setCurrentWidget(self.item_form.criterion_form)
        self.item_form.criterion_form.set_editable(self.editable)
        self._dirty = False

    def _mark_dirty(self) -> None:
        self._dirty = self.editable

    def _form_values(self) -> dict[str, Any]:
        form = self.item_form.currentWidget()
        return form.values() if hasattr(form, "values") else {}

    def save(self) -> None:
        key = self.current_key()
        if key is not None and self._dirty:
            self._save_values(key, self._form_values())

    def _save_values(self, key: Key, values: dict[str, Any]) -> None:
        self._dirty = False
        fn = score_tables.update_section if key[0] == "section" else score_tables.update_criterion
        self.ctx.bridge.attempt(self, fn, key[1], **values)

    # --- adding and deleting ------------------------------------------------------------------

    def add_section(self) -> None:
        self.save()
        count = len(self.view.sections)
        code = ROMAN[count] if count < len(ROMAN) else str(count + 1)
        new_id = self.ctx.bridge.attempt(self, score_tables.add_section, self.shown_id, code, "Phần mới", Decimal(0))
        self._focus_new(("section", new_id) if new_id else None, self.item_form.section_form.title_edit)

    def add_criterion(self, *, child: bool) -> None:
        """A criterion under the selected section, beside the selected criterion, or (child) under it."""
        key = self.current_key()
        if key is None or not self.editable or (child and key[0] != "criterion"):
            return
        self.save()
        node = self._nodes[key]
        if key[0] == "section":
            section_id, parent_id, prefix, siblings = key[1], None, "", node.criteria
        elif child:
            c = node.criterion
            section_id, parent_id, prefix, siblings = c.section_id, c.id, f"{c.code}.", node.children
        else:
            c = node.criterion
            parent = self._nodes.get(("criterion", c.parent_id)) if c.parent_id else None
            section_id, parent_id = c.section_id, c.parent_id
            prefix = f"{parent.criterion.code}." if parent else ""
            siblings = parent.children if parent else self._nodes[("section", c.section_id)].criteria
        new_id = self.ctx.bridge.attempt(self, score_tables.add_criterion, self.shown_id, section_id,
                                         _next_code(prefix, len(siblings)), "Tiêu chí mới", Decimal(0),
                                         parent_id=parent_id)
        self._focus_new(("criterion", new_id) if new_id else None, self.item_form.criterion_form.text_edit)

    def _focus_new(self, key: Key | None, field: QWidget) -> None:
        if key is None:
            return
        self.select(key)
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        field.selectAll()

    def delete_current(self) -> None:
        key = self.current_key()
        if key is None or not self.editable:
            return
        fn = score_tables.delete_section if key[0] == "section" else score_tables.delete_criterion
        self._dirty = False
        self.ctx.bridge.attempt(self, fn, key[1])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self.tree and event.type() == QEvent.Type.KeyPress
                and event.modifiers() == Qt.KeyboardModifier.AltModifier
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else +1)
            return True
        return super().eventFilter(watched, event)

    def move_current(self, step: int) -> None:
        key = self.current_key()
        if key is None or not self.editable:
            return
        self.save()
        self.ctx.bridge.attempt(self, score_tables.move, key[0], key[1], step)

    def save_heading(self) -> None:
        if self.view is None or not self.editable:
            return
        try:
            total = number(self.total_edit.text(), "tổng điểm")
        except CellTextError as error:
            self.ctx.bridge.report(self, "Không thực hiện được", str(error), icon=QMessageBox.Icon.Warning)
            return
        if (self.name_edit.text().strip(), total) != (self.view.table.name, self.view.table.max_points):
            self.ctx.bridge.attempt(self, score_tables.update_table, self.shown_id, name=self.name_edit.text(),
                                    max_points=total)

    # --- versions and new tables --------------------------------------------------------------

    def make_new_version(self) -> None:
        if self.view is None or self.view.table.state is not ScoreTableState.FROZEN:
            return
        reason = self.ask_reason(self)
        if reason:
            new_id = self.ctx.bridge.attempt(self, score_tables.new_version, self.shown_id, reason)
            if new_id:
                self.shown_id = new_id
                self.reload(self.year, self.page_editable)

    def copy_previous(self) -> None:
        if self.year is not None:
            self.ctx.bridge.attempt(self, score_tables.copy_previous_year, self.year.id)

    def create_blank(self) -> None:
        if self.year is not None:
            self.ctx.bridge.attempt(self, score_tables.create_table, self.year.id,
                                    f"Bảng điểm thi đua năm {self.year.year}")

    # --- bonus and penalty lines --------------------------------------------------------------

    def edit_rule(self, kind: AdjustmentKind, rule: Any) -> None:
        if self.view is None:
            return
        kind = AdjustmentKind(kind)
        count = sum(1 for r in self.view.rules if r.kind is kind)
        code = _next_code("T" if kind is AdjustmentKind.BONUS else "Tr", count)
        values = ask_rule(self, kind, rule, code, read_only=not self.editable, run=self.run_dialog)
        if values is None:
            return
        if rule is None:
            self.ctx.bridge.attempt(self, score_tables.add_rule, self.shown_id, kind, **values)
        else:
            self.ctx.bridge.attempt(self, score_tables.update_rule, rule.id, **values)

    def delete_rule(self, rule: Any) -> None:
        if self.editable:
            self.ctx.bridge.attempt(self, score_tables.delete_rule, rule.id)
