"""The member units of the selected year with their roles, and the actions that change them:
leader, deputies (at most two, refused with the rule's message), members, adding units to the
year and taking them off its list."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain.enums import MemberRole
from thidua_desktop.domain.text import matches
from thidua_desktop.services import years as year_service
from thidua_desktop.services.years import MemberRow, UnitChoice

from . import vi
from .hint import hint_label
from .member_table import Column, MemberList
from .pages.base import PageContext, YearRef


class AddMembersDialog(QDialog):
    """Tick the units that join the year (those not retired by then and not yet members)."""

    def __init__(self, parent: QWidget | None, units: Sequence[UnitChoice], year: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Thêm đơn vị vào năm {year}")
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Lọc theo tên (gõ không dấu cũng được)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter)
        self.list = QListWidget(self)
        self.list.setSpacing(2)
        for unit in units:
            item = QListWidgetItem(unit.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, unit.unit_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.buttons = vi.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Thêm vào năm")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        hint = hint_label("Đánh dấu các đơn vị tham gia khối trong năm này (phím cách để đánh dấu).", self)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 420)

    def _on_filter(self, text: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(not matches(text, item.text()))

    def check(self, name: str) -> None:
        next(self._items(lambda item: item.text() == name)).setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[int]:
        return [item.data(Qt.ItemDataRole.UserRole)
                for item in self._items(lambda item: item.checkState() == Qt.CheckState.Checked)]

    def _items(self, keep: Callable[[QListWidgetItem], bool]):  # noqa: ANN202
        return (self.list.item(i) for i in range(self.list.count()) if keep(self.list.item(i)))


def run_add_members(dialog: AddMembersDialog) -> list[int]:
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []


def confirm_removal(parent: QWidget, member: MemberRow, year: int) -> bool:
    role = "" if member.role is MemberRole.THANH_VIEN else f" (đang là {member.role.label})"
    return vi.ask(parent, "Bỏ khỏi danh sách năm", f"Bỏ {member.name}{role} khỏi danh sách đơn vị năm {year}?",
                  informative="Đơn vị vẫn còn trong khối và trong các năm khác.")


class MembersPanel(QWidget):
    """Filterable member table on the left, the role and membership actions on the right
    (also in the table's context menu; Insert adds units, Delete takes one off)."""

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: YearRef | None = None
        self.editable = False
        # Replaceable so tests drive the dialogs without a modal loop.
        self.ask_units: Callable[[AddMembersDialog], list[int]] = run_add_members
        self.confirm_removal: Callable[[QWidget, MemberRow, int], bool] = confirm_removal

        self.members = MemberList(self)
        self.table = self.members.table
        self.table.setObjectName("year_member_table")
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.leader_action = self._action("Đặt làm Trưởng khối", lambda: self._set_role(MemberRole.TRUONG))
        self.deputy_action = self._action("Đặt làm Phó khối", lambda: self._set_role(MemberRole.PHO))
        self.member_action = self._action("Đặt làm thành viên", lambda: self._set_role(MemberRole.THANH_VIEN))
        self.add_action = self._action("Thêm đơn vị vào năm…", self.add_units, QKeySequence(Qt.Key.Key_Insert))
        self.remove_action = self._action("Bỏ khỏi danh sách năm", self.remove_current,
                                          QKeySequence(Qt.Key.Key_Delete))
        separator = QAction(self)
        separator.setSeparator(True)
        self.table.addActions([self.leader_action, self.deputy_action, self.member_action, separator,
                               self.add_action, self.remove_action])

        side_panel = QWidget(self)
        side_panel.setFixedWidth(270)
        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 30, 0, 0)  # level with the table, below the filter
        for action in (self.leader_action, self.deputy_action, self.member_action, None,
                       self.add_action, self.remove_action):
            if action is None:
                side.addSpacing(16)
                continue
            button = QToolButton(side_panel)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            side.addWidget(button)
        self.rule_label = hint_label("Mỗi năm có một đơn vị Trưởng khối và tối đa hai đơn vị Phó khối "
                                     "(theo hướng dẫn tổ chức cụm, khối thi đua).", side_panel)
        side.addSpacing(12)
        side.addWidget(self.rule_label)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.members, 1)
        layout.addWidget(side_panel)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self._update_actions()

    def _action(self, text: str, slot: Callable[[], None], shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- showing ------------------------------------------------------------------------------

    def load(self, year: YearRef | None, editable: bool) -> None:
        """Show the year's members; the unit that was current stays current."""
        self.year, self.editable = year, editable
        keep = self.current_member()
        self.members.set_members(year_service.members(self.ctx.workspace, year.id) if year else [])
        if keep is not None:
            self.select_unit(keep.unit_id)
        elif self.members.proxy.rowCount():
            self.select_row(0)
        self._update_actions()

    def current_member(self) -> MemberRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.members.model.member(self.members.proxy.mapToSource(index).row())

    def select_unit(self, unit_id: int) -> None:
        proxy = self.members.proxy
        for row in range(proxy.rowCount()):
            if self.members.model.member(proxy.mapToSource(proxy.index(row, 0)).row()).unit_id == unit_id:
                self.select_row(row)
                return

    def select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.members.proxy.index(row, Column.NAME),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _update_actions(self) -> None:
        member = self.current_member()
        role = member.role if member else None
        self.leader_action.setEnabled(self.editable and role not in (None, MemberRole.TRUONG))
        self.deputy_action.setEnabled(self.editable and role not in (None, MemberRole.PHO))
        self.member_action.setEnabled(self.editable and role not in (None, MemberRole.THANH_VIEN))
        self.remove_action.setEnabled(self.editable and member is not None)
        self.add_action.setEnabled(self.editable and self.year is not None)

    # --- changing -----------------------------------------------------------------------------

    def _set_role(self, role: MemberRole) -> None:
        member = self.current_member()
        if member is not None and self.year is not None:
            self.ctx.bridge.attempt(self, year_service.set_role, self.year.id, member.unit_id, role)

    def add_units(self) -> None:
        if self.year is None or not self.editable:
            return
        outside = year_service.units_outside(self.ctx.workspace, self.year.id)
        if not outside:
            self.ctx.bridge.report(self, "Thêm đơn vị vào năm",
                                   f"Mọi đơn vị đang tham gia khối đều đã có trong danh sách năm {self.year.year}. "
                                   "Đơn vị mới được thêm ở trang “Khối & đơn vị”.")
            return
        chosen = self.ask_units(AddMembersDialog(self, outside, self.year.year))
        if chosen:
            self.ctx.bridge.attempt(self, year_service.add_members, self.year.id, chosen)
            self.select_unit(chosen[0])

    def remove_current(self) -> None:
        member = self.current_member()
        if member is None or self.year is None or not self.editable:
            return
        if self.confirm_removal(self, member, self.year.year):
            self.ctx.bridge.attempt(self, year_service.remove_member, self.year.id, member.unit_id)
