"""The diverged-copies dialog on two real parted copies: both sides shown per change, conflicts
undecided until the user picks, the merge written to a new file, refusals as messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from diverged_copies import Parted, make_parted, opened
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QTreeWidgetItem
from sqlalchemy import select

from thidua_desktop.db.models import Person, Unit
from thidua_desktop.db.workbook_file import create_workbook
from thidua_desktop.ui.diverged_dialog import COLUMN_A, COLUMN_B, KEY_ROLE, DivergedDialog, merge_copies


class Messages:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def __call__(self, _parent, title: str, text: str, **_kw) -> None:  # noqa: ANN001
        self.shown.append((title, text))


@pytest.fixture
def parted(demo_workbook: Path, tmp_path: Path) -> Parted:
    return make_parted(demo_workbook, tmp_path)


def rows(dialog: DivergedDialog) -> dict[str, QTreeWidgetItem]:
    found = {}
    stack = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        if item.data(0, KEY_ROLE):
            found[item.data(0, KEY_ROLE)] = item
        stack += [item.child(i) for i in range(item.childCount())]
    return found


def click_check(qtbot, dialog: DivergedDialog, item: QTreeWidgetItem, column: int) -> None:  # noqa: ANN001
    """Click the check box at the left of a cell, as the user does."""
    dialog.tree.scrollToItem(item)
    rect = dialog.tree.visualItemRect(item)
    x = dialog.tree.header().sectionViewportPosition(column) + 10
    qtbot.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, rect.center().y()))


def test_pick_per_change_and_merge_into_a_new_file(qtbot, parted: Parted, tmp_path: Path) -> None:  # noqa: ANN001
    before = {p: p.read_bytes() for p in (parted.a, parted.b)}
    messages = Messages()
    u = parted.uid
    conflict = f"unit:{u['u2']}:phone"
    seen: dict[str, object] = {}

    def user(dialog: DivergedDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        items = rows(dialog)
        seen["rows"] = {k: (i.text(COLUMN_A), i.text(COLUMN_B)) for k, i in items.items()}
        seen["headers"] = [dialog.tree.headerItem().text(c) for c in range(4)]
        seen["blocked"] = (dialog.merge_button.isEnabled(), dialog.status.text())
        click_check(qtbot, dialog, items[conflict], COLUMN_B)  # the conflict: B's phone number
        click_check(qtbot, dialog, items[f"person:{u['Xóa']}:"], COLUMN_A)  # keep the person B removed
        assert items[f"person:{u['Xóa']}:"].checkState(COLUMN_B) == Qt.CheckState.Unchecked  # one side per change
        seen["ready"] = (dialog.merge_button.isEnabled(), dialog.status.text())
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    dest = tmp_path / "Sổ gộp.thidua"
    merged = merge_copies(None, parted.a, parted.b, operator="Thư ký", run_dialog=user,
                          ask_save_path=lambda *_a, **_k: dest, report=messages)

    assert merged == dest
    assert seen["headers"][2].startswith("Bản A – ") and parted.b.name in seen["headers"][3]
    assert seen["rows"][conflict] == ("0213 3876 222", "0213 3876 999")  # side by side
    assert seen["blocked"] == (False, "Còn 1 thay đổi chưa chọn giữ bản nào.")
    assert seen["ready"] == (True, "Đã chọn đủ 8 thay đổi.")
    assert messages.shown[-1][1] == f"Đã gộp hai bản vào tệp mới “{dest.name}”."
    with opened(dest) as ws, ws.read() as s:
        units = {x.uid: x for x in s.scalars(select(Unit))}
        people = set(s.scalars(select(Person.uid)))
    assert units[u["u2"]].phone == "0213 3876 999" and units[u["u1"]].phone == "0213 3876 111"
    assert {u["KHCN"], u["Ngoại vụ"]} <= set(units) and {u["Xóa"], u["Bình"]} <= people
    assert u["Chung"] not in people  # A's removal kept, by default
    assert {p: p.read_bytes() for p in (parted.a, parted.b)} == before


def test_the_dialog_lists_each_copys_actions_with_what_they_left(qtbot, parted: Parted) -> None:  # noqa: ANN001
    from thidua_desktop.services.diverged import Side, compare

    dialog = DivergedDialog(None, compare(parted.a, parted.b))
    qtbot.addWidget(dialog)
    groups = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    assert [g.text(0) for g in groups] == ["Cả hai bản cùng sửa, khác nhau – cần chọn (1)",
                                           "Thao tác chỉ có ở bản A (7)", "Thao tác chỉ có ở bản B (6)"]
    actions_a = [groups[1].child(i) for i in range(groups[1].childCount())]
    undone = next(a for a in actions_a if "Hoàn tác" in a.text(0))
    assert undone.child(0).text(0).startswith("Không còn khác biệt")
    assert "Trưởng khối cũ" in actions_a[0].text(0)
    dialog.choose_all(Side.A)
    assert set(dialog.decisions().values()) == {Side.A} and not dialog.undecided()


def test_refusals_are_messages(qtbot, parted: Parted, tmp_path: Path) -> None:  # noqa: ANN001
    messages = Messages()
    other = create_workbook(tmp_path / "Cụm khác.thidua", bloc_name="Cụm thi đua các huyện")
    assert merge_copies(None, parted.a, other, operator="Thư ký", report=messages) is None
    assert "hai khối thi đua khác nhau" in messages.shown[-1][1]
    assert merge_copies(None, parted.a, parted.a, operator="Thư ký", report=messages) is None
    assert "Hai tệp cần so sánh là một" in messages.shown[-1][1]
    cancelled = merge_copies(None, parted.a, parted.b, operator="Thư ký", report=messages,
                             run_dialog=lambda d: QDialog.DialogCode.Rejected)
    assert cancelled is None and len(messages.shown) == 2


def test_the_file_menu_entry_asks_for_the_other_copy(qtbot, parted: Parted) -> None:  # noqa: ANN001
    from thidua_desktop.ui.diverged_dialog import merge_with_other_copy

    messages, asked = Messages(), []
    shown: list[DivergedDialog] = []

    def pick(_parent, title: str, folder: Path) -> Path:  # noqa: ANN001
        asked.append((title, folder))
        return parted.b

    def look(dialog: DivergedDialog) -> QDialog.DialogCode:
        qtbot.addWidget(dialog)
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    assert merge_with_other_copy(None, parted.a, operator="Thư ký", ask_open_path=pick, run_dialog=look,
                                 report=messages) is None
    assert asked == [("Chọn bản sao kia của sổ để so sánh", parted.a.parent)]
    assert len(shown) == 1 and shown[0].divergence.path_b == parted.b and not messages.shown


def test_from_the_window_the_merge_is_written_and_opened(qtbot, window, parted: Parted, tmp_path: Path) -> None:  # noqa: ANN001
    from ui_helpers import open_and_wait

    from thidua_desktop.services.diverged import Side

    open_and_wait(qtbot, window, parted.a)
    assert window.merge_action.isEnabled()
    messages = Messages()
    merged = tmp_path / "gộp.thidua"
    window.ask_open_path = lambda *_a: parted.b
    window.ask_save_path = lambda *_a, **_k: merged
    window.report_problem = messages

    def keep_b(dialog: DivergedDialog) -> QDialog.DialogCode:
        qtbot.addWidget(dialog)
        dialog.choose_all(Side.B)
        return QDialog.DialogCode.Accepted

    window.merge_hooks = {"run_dialog": keep_b}
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        window.merge_action.trigger()
    assert merged.is_file() and window.workbook.path == merged
    assert any("Đã gộp" in text for _title, text in messages.shown)
