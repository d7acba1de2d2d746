"""Two diverged copies of one workbook side by side: what each changed since they parted, a
choice per change, and the merge into a NEW file (neither copy is written).

`merge_with_other_copy(window, open_path, operator=…)` is the File menu's entry (the open workbook is
bản A, the user picks bản B); `merge_copies` does the rest.
The services are imported when it runs, so this module costs no SQLAlchemy at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.services.workbook import WorkbookError

from . import vi

if TYPE_CHECKING:
    from thidua_desktop.services.diverged import Action, Difference, Divergence, Side

TITLE = "So sánh và gộp hai bản sao của sổ"
KEY_ROLE = Qt.ItemDataRole.UserRole
SUBJECT, BEFORE, COLUMN_A, COLUMN_B = range(4)
CONFLICT_BACKGROUND = QColor("#fdecea")
NOTE_COLOUR = QColor("#666666")


class DivergedDialog(QDialog):
    """Conflicts first (no side chosen: the user must pick), then each copy's own actions with the
    changes they left (the copy that made a change is chosen, and may be unchosen)."""

    def __init__(self, parent: QWidget | None, divergence: Divergence) -> None:
        super().__init__(parent)
        from thidua_desktop.services.diverged import Side

        self._side = Side
        self.divergence = divergence
        self.setWindowTitle(TITLE)
        self.resize(1200, 640)
        name_a, name_b = divergence.path_a.name, divergence.path_b.name
        common = divergence.common
        parted = (f"Điểm chung cuối cùng: “{common.summary}” ({common.operator}, {common.when})." if common
                  else "Hai bản không còn thao tác chung nào trong nhật ký.")
        original = "".join(f" Bản {side.name} là sổ gốc đã bàn giao (chỉ để xem)." for side in (Side.A, Side.B)
                           if side in divergence.handed_over)
        intro = QLabel(f"Hai bản sao “{name_a}” (bản A) và “{name_b}” (bản B) của cùng một sổ đều đã được sửa "
                       f"sau khi tách nhau. {parted}{original} Với mỗi thay đổi, hãy đánh dấu bản muốn giữ. Kết quả "
                       "được ghi ra một tệp MỚI; hai tệp này không bị thay đổi.", self)
        intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("differences")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Thay đổi", "Lúc tách nhau", f"Bản A – {name_a}", f"Bản B – {name_b}"])
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        for column, width in ((SUBJECT, 330), (BEFORE, 240), (COLUMN_A, 290)):
            self.tree.setColumnWidth(column, width)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._fill()
        self.tree.expandAll()
        self.tree.itemChanged.connect(self._on_item_changed)

        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.all_a = QPushButton("Giữ tất cả theo bản &A", self)
        self.all_b = QPushButton("Giữ tất cả theo bản &B", self)
        self.all_a.clicked.connect(lambda: self.choose_all(Side.A))
        self.all_b.clicked.connect(lambda: self.choose_all(Side.B))
        self.buttons = vi.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText("&Gộp thành tệp mới…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.all_a)
        row.addWidget(self.all_b)
        row.addStretch(1)
        row.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self._update_status()

    # --- building the tree ------------------------------------------------------------------

    def _fill(self) -> None:
        d = self.divergence
        shown: set[str] = set()
        if d.conflicts:
            group = self._group(f"Cả hai bản cùng sửa, khác nhau – cần chọn ({len(d.conflicts)})")
            for difference in d.conflicts:
                self._difference(group, difference)
                shown.add(difference.key)
        for label, actions in (("bản A", d.actions_a), ("bản B", d.actions_b)):
            group = self._group(f"Thao tác chỉ có ở {label} ({len(actions)})")
            for action in actions:
                self._action(group, action, shown)

    def _group(self, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [text])
        font = QFont(item.font(SUBJECT))
        font.setBold(True)
        item.setFont(SUBJECT, font)
        item.setFirstColumnSpanned(True)
        return item

    def _action(self, group: QTreeWidgetItem, action: Action, shown: set[str]) -> None:
        item = QTreeWidgetItem(group, [f"{action.when} · {action.operator} · {action.summary}"])
        item.setFirstColumnSpanned(True)
        new = [k for k in action.keys if k not in shown]
        for key in new:
            self._difference(item, self.divergence.difference(key))
            shown.add(key)
        if not new:
            note = ("Không còn khác biệt: đã được hoàn tác, hoặc hai bản đã sửa giống nhau." if not action.keys
                    else "Các thay đổi của thao tác này đã có ở trên.")
            child = QTreeWidgetItem(item, [note])
            child.setFirstColumnSpanned(True)
            child.setForeground(SUBJECT, QBrush(NOTE_COLOUR))

    def _difference(self, parent: QTreeWidgetItem, difference: Difference) -> None:
        item = QTreeWidgetItem(parent, [difference.subject, difference.before, difference.a, difference.b])
        item.setData(SUBJECT, KEY_ROLE, difference.key)
        for column in (BEFORE, COLUMN_A, COLUMN_B):
            item.setToolTip(column, item.text(column))
        default = None if difference.conflict else next(iter(difference.changed_in), None)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        for column, side in ((COLUMN_A, self._side.A), (COLUMN_B, self._side.B)):
            item.setCheckState(column, Qt.CheckState.Checked if side == default else Qt.CheckState.Unchecked)
        if difference.conflict:
            for column in range(4):
                item.setBackground(column, QBrush(CONFLICT_BACKGROUND))
        self._items[difference.key] = item

    # --- choosing -------------------------------------------------------------------------------

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column in (COLUMN_A, COLUMN_B) and item.checkState(column) == Qt.CheckState.Checked:
            other = COLUMN_B if column == COLUMN_A else COLUMN_A
            if item.checkState(other) == Qt.CheckState.Checked:
                item.setCheckState(other, Qt.CheckState.Unchecked)  # one side per change
        self._update_status()

    def choose(self, key: str, side: Side) -> None:
        self._items[key].setCheckState(COLUMN_A if side == self._side.A else COLUMN_B, Qt.CheckState.Checked)

    def choose_all(self, side: Side) -> None:
        for key in self._items:
            self.choose(key, side)

    def decisions(self) -> dict[str, Side]:
        """The side chosen for each difference that has one."""
        chosen = {}
        for key, item in self._items.items():
            if item.checkState(COLUMN_A) == Qt.CheckState.Checked:
                chosen[key] = self._side.A
            elif item.checkState(COLUMN_B) == Qt.CheckState.Checked:
                chosen[key] = self._side.B
        return chosen

    def undecided(self) -> list[str]:
        return [key for key in self._items if key not in self.decisions()]

    def _update_status(self) -> None:
        left = len(self.undecided())
        self.status.setText(f"Còn {left} thay đổi chưa chọn giữ bản nào." if left
                            else f"Đã chọn đủ {len(self._items)} thay đổi.")
        self.merge_button.setEnabled(left == 0)


def merge_copies(parent: QWidget | None, path_a: Path, path_b: Path, *, operator: str,
                 run_dialog: Callable[[DivergedDialog], Any] = DivergedDialog.exec,
                 ask_save_path: Callable[..., Path | None] = vi.get_save_path,
                 report: Callable[..., Any] = vi.inform) -> Path | None:
    """Compare two copies, let the user pick per change, write the merge to a new file the user
    names; every refusal is a message. Returns the new file, or None."""
    from thidua_desktop.services.diverged import DivergenceError, compare, merge

    warning = QMessageBox.Icon.Warning
    try:
        divergence = compare(Path(path_a), Path(path_b))
    except (DivergenceError, WorkbookError) as refused:
        report(parent, TITLE, refused.message, icon=warning)
        return None
    if not divergence.diverged:
        report(parent, TITLE, f"Hai bản “{Path(path_a).name}” và “{Path(path_b).name}” không có gì khác nhau: "
               "không cần gộp.")
        return None
    dialog = DivergedDialog(parent, divergence)
    if run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    suggested = Path(path_a).with_name(f"{Path(path_a).stem} - bản gộp.thidua")
    dest = ask_save_path(parent, "Lưu bản gộp thành tệp mới", suggested)
    if dest is None:
        return None
    try:
        merge(Path(path_a), Path(path_b), Path(dest), dialog.decisions(), operator=operator)
    except (DivergenceError, WorkbookError) as refused:
        report(parent, TITLE, refused.message, icon=warning)
        return None
    except OSError as exc:
        report(parent, TITLE, f"Không ghi được tệp “{Path(dest).name}”: thư mục không có quyền ghi, ổ đĩa đầy "
               "hoặc ổ USB bị rút ra. Hai tệp ban đầu không bị thay đổi.", informative=str(exc), icon=warning)
        return None
    report(parent, TITLE, f"Đã gộp hai bản vào tệp mới “{Path(dest).name}”.",
           informative="Hai tệp ban đầu không bị thay đổi. Hãy mở tệp mới để làm việc tiếp.")
    return Path(dest)


def merge_with_other_copy(parent: QWidget | None, current: Path, *, operator: str,
                          ask_open_path: Callable[..., Path | None] = vi.get_open_path,
                          **hooks: Any) -> Path | None:
    """The File menu's entry: the open workbook is bản A; the user picks the other copy (bản B)."""
    other = ask_open_path(parent, "Chọn bản sao kia của sổ để so sánh", Path(current).parent)
    if other is None:
        return None
    return merge_copies(parent, Path(current), Path(other), operator=operator, **hooks)
