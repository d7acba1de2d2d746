"""The main window on real workbook files: staged opening, header, member table (Vietnamese
order, accent-blind filter), recent files, saving a copy, closing and the lock."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from ui_helpers import BLOC_NAME, DEPUTIES, LEADER, UNITS, make_bloc, open_and_wait, sha256

from thidua_desktop.services.workbook import inspect, lock_path
from thidua_desktop.ui.main_window import STATUS_OPENING, STATUS_READ_ONLY, STATUS_READY, MainWindow
from thidua_desktop.ui.member_table import Column
from thidua_desktop.ui.recent_files import MAX_RECENT

VIETNAMESE_ORDER = ["An Lão", "Ân Thi", "Ban Tổ chức Tỉnh ủy", "Bát Xát", "Bắc Hà", "Dương Minh Châu",
                    "Đảng ủy Khối các cơ quan tỉnh", "Điện Biên", "Đồng Văn", "Si Ma Cai", "Văn phòng Tỉnh ủy",
                    "Ý Yên"]


# --- opening -------------------------------------------------------------------------------------


def test_command_line_file_is_shown_from_its_summary_then_opened(qtbot, window: MainWindow,
                                                                bloc_workbook: Path) -> None:
    assert window.stack.currentWidget() is window.start_screen
    assert window.open_path(bloc_workbook)  # what main() does with the FILE argument
    # Shown at once from the read-only inspection, before the workbook is opened for work.
    assert window.workbook is None
    assert window.state_label.text() == STATUS_OPENING
    assert window.stack.currentWidget() is window.workbook_view
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        pass
    assert window.workbook is not None and not window.workbook.read_only
    assert window.state_label.text() == STATUS_READY
    assert lock_path(bloc_workbook).exists()
    assert window.windowTitle() == f"Khối Đảng 2025.thidua — {BLOC_NAME} — Năm 2025 — ThiDua Desktop"
    assert window.save_copy_action.isEnabled() and window.close_action.isEnabled()
    assert window.errors.calls == []


def test_header_shows_bloc_year_leader_and_deputies(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    window.show()
    assert window.open_path(bloc_workbook)  # first paint: from the summary
    header = window.workbook_view.header
    assert header.bloc_label.text() == BLOC_NAME
    assert header.year_label.text().startswith("Năm thi đua 2025 · Chuẩn bị")
    assert header.leader_label.text() == LEADER
    assert header.deputies_label.text() == "; ".join(DEPUTIES)
    assert header.leader_label.isVisible() and header.deputies_label.isVisible()
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        pass  # ready: the workspace shows the same for the selected year
    view = window.workspace_view
    assert view.isVisible() and view.bloc_label.text() == BLOC_NAME
    assert view.leaders_label.text().startswith(f"Trưởng khối: {LEADER}   ·   Phó khối: {'; '.join(DEPUTIES)}")


def test_table_lists_every_member_unit_with_its_role(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    members = window.workbook_view.members
    proxy = members.proxy
    assert [proxy.headerData(c, Qt.Orientation.Horizontal) for c in Column] == ["Tên đơn vị", "Tên viết tắt",
                                                                                "Vai trò"]
    rows = {proxy.index(r, Column.NAME).data(): (proxy.index(r, Column.SHORT_NAME).data(),
                                                 proxy.index(r, Column.ROLE).data())
            for r in range(proxy.rowCount())}
    assert rows.keys() == {name for name, _ in UNITS}
    assert rows["Văn phòng Tỉnh ủy"] == ("VPTU", "Trưởng khối")
    assert rows["Ban Tổ chức Tỉnh ủy"] == ("BTCTU", "Phó khối")
    assert rows["Đồng Văn"] == ("ĐV", "Thành viên")
    assert members.count_label.text() == "12 đơn vị"


def test_units_are_sorted_in_vietnamese_order(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    members = window.workbook_view.members
    assert members.visible_names() == VIETNAMESE_ORDER  # a < ă < â, d < đ, tones secondary
    members.table.sortByColumn(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert members.visible_names() == VIETNAMESE_ORDER[::-1]
    members.table.sortByColumn(Column.ROLE, Qt.SortOrder.AscendingOrder)
    names = members.visible_names()
    assert names[0] == LEADER and names[1:3] == sorted(DEPUTIES, key=VIETNAMESE_ORDER.index)
    assert names[3:] == [n for n in VIETNAMESE_ORDER if n != LEADER and n not in DEPUTIES]


def test_filter_ignores_diacritics_and_case(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    members = window.workbook_view.members
    qtbot.keyClicks(members.filter_edit, "bac ha")
    assert members.visible_names() == ["Bắc Hà"]
    assert members.count_label.text() == "Hiện 1/12 đơn vị"
    members.filter_edit.clear()
    qtbot.keyClicks(members.filter_edit, "dang")
    assert members.visible_names() == ["Đảng ủy Khối các cơ quan tỉnh"]
    members.filter_edit.setText("ĐẢNG ỦY")
    assert members.visible_names() == ["Đảng ủy Khối các cơ quan tỉnh"]
    members.filter_edit.setText("tinh uy")  # every word, anywhere in the name
    assert members.visible_names() == ["Ban Tổ chức Tỉnh ủy", "Đảng ủy Khối các cơ quan tỉnh", "Văn phòng Tỉnh ủy"]
    members.filter_edit.setText("vptu")  # short names count too
    assert members.visible_names() == ["Văn phòng Tỉnh ủy"]
    members.filter_edit.setText("xyz")
    assert members.visible_names() == [] and members.count_label.text() == "Hiện 0/12 đơn vị"
    members.filter_edit.clear()
    assert len(members.visible_names()) == 12


def test_workbook_without_leader_or_deputies_says_so(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = make_bloc(tmp_path / "Cụm 3.thidua", UNITS[:3], leader=None, deputies=(), name="Cụm thi đua số 3")
    open_and_wait(qtbot, window, path)
    header = window.workbook_view.header
    assert header.bloc_label.text() == "Cụm thi đua số 3"
    assert header.leader_label.text() == "Chưa phân công" and header.deputies_label.text() == "Chưa phân công"
    assert window.workbook_view.members.visible_names() == ["Bát Xát", "Bắc Hà", "Đồng Văn"]


def test_empty_workbook_without_years(qtbot, window: MainWindow, empty_workbook: Path) -> None:
    open_and_wait(qtbot, window, empty_workbook)
    assert window.workbook_view.header.year_label.text() == "Sổ chưa có năm thi đua nào."
    assert window.windowTitle() == "Khối Đảng.thidua — Khối thi đua các cơ quan Đảng tỉnh — ThiDua Desktop"
    assert window.workbook_view.members.visible_names() == []


def test_read_only_copy_opens_with_the_notice_bar_and_stays_untouched(qtbot, window: MainWindow,
                                                                     bloc_workbook: Path) -> None:
    os.chmod(bloc_workbook, 0o444)  # honoured even when the tests run as root
    before = sha256(bloc_workbook)
    open_and_wait(qtbot, window, bloc_workbook)
    notice = window.workspace_view.notice
    assert window.workbook.read_only
    assert notice.isVisible() and "chỉ đọc" in notice.label.text()
    assert window.workbook.read_only_reason in notice.label.text()
    assert notice.button.isVisible() and notice.button.text() == "Lưu bản sao để làm việc…"
    assert window.state_label.text() == STATUS_READ_ONLY
    assert not lock_path(bloc_workbook).exists()
    window.close_workbook()
    assert sha256(bloc_workbook) == before
    assert window.errors.calls == []


def test_opening_another_file_closes_the_first(qtbot, window: MainWindow, bloc_workbook: Path,
                                               empty_workbook: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    assert window.open_path(bloc_workbook)  # the same file again: nothing happens
    assert window.workbook is not None and window.workbook.path == bloc_workbook
    open_and_wait(qtbot, window, empty_workbook)
    assert not lock_path(bloc_workbook).exists() and lock_path(empty_workbook).exists()
    assert window.workbook.path == empty_workbook


# --- closing ---------------------------------------------------------------------------------------


def test_close_workbook_releases_the_lock_and_shows_the_start_screen(qtbot, window: MainWindow,
                                                                    bloc_workbook: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    assert lock_path(bloc_workbook).exists()
    with qtbot.waitSignal(window.workbook_closed):
        window.close_action.trigger()
    assert not lock_path(bloc_workbook).exists()
    assert window.workbook is None
    assert window.stack.currentWidget() is window.start_screen
    assert window.windowTitle() == "ThiDua Desktop"
    assert not window.save_copy_action.isEnabled()


def test_closing_the_window_closes_the_workbook(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    assert lock_path(bloc_workbook).exists()
    window.close()
    assert not lock_path(bloc_workbook).exists()
    assert window.settings.value("window/geometry") is not None


def test_closing_before_the_first_paint_never_opens(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    window.open_path(bloc_workbook)
    window.close_workbook()
    qtbot.wait(50)
    assert window.workbook is None and not lock_path(bloc_workbook).exists()


# --- recent files --------------------------------------------------------------------------------


def _menu_entries(window: MainWindow) -> list[tuple[str, bool]]:
    window.recent_menu.aboutToShow.emit()
    return [(a.text(), a.isEnabled()) for a in window.recent_menu.actions() if not a.isSeparator()]


def test_recent_files_newest_first_kept_in_settings(qtbot, window: MainWindow, bloc_workbook: Path,
                                                   empty_workbook: Path) -> None:
    assert _menu_entries(window) == [("(Chưa có tệp nào)", False)]
    assert window.start_screen.empty_label.isVisible()
    open_and_wait(qtbot, window, bloc_workbook)
    open_and_wait(qtbot, window, empty_workbook)
    window.close_workbook()
    assert window.start_screen.recent_paths() == [empty_workbook, bloc_workbook]
    assert window.start_screen.recent_list.item(1).text().startswith(
        f"Khối Đảng 2025.thidua — {BLOC_NAME} — Năm 2025\n")
    entries = _menu_entries(window)
    assert entries[0] == ("&1  Khối Đảng.thidua — Khối thi đua các cơ quan Đảng tỉnh", True)
    assert entries[1] == (f"&2  Khối Đảng 2025.thidua — {BLOC_NAME} — Năm 2025", True)
    assert entries[-1] == ("&Xóa danh sách", True)

    # A new window (the next start of the program) reads the same list from the settings file.
    again = MainWindow(window.settings.__class__(window.settings.fileName(), window.settings.format()))
    qtbot.addWidget(again)
    assert again.start_screen.recent_paths() == [empty_workbook, bloc_workbook]


def test_recent_menu_opens_a_file(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    window.recent.add(bloc_workbook, "Khối Đảng")
    window.recent_menu.aboutToShow.emit()
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        window.recent_menu.actions()[0].trigger()
    assert window.workbook.path == bloc_workbook


def test_recent_files_keep_eight_and_grey_out_missing_ones(qtbot, window: MainWindow, tmp_path: Path) -> None:
    for i in range(MAX_RECENT + 3):
        path = tmp_path / f"so-{i}.thidua"
        path.write_bytes(b"x")
        window.recent.add(path, f"Khối {i}")
    window.recent.add(tmp_path / "so-3.thidua", "Khối 3")  # again: moves to the top, no duplicate
    paths = [e.path.name for e in window.recent.entries()]
    assert paths == ["so-3.thidua", "so-10.thidua", "so-9.thidua", "so-8.thidua", "so-7.thidua", "so-6.thidua",
                     "so-5.thidua", "so-4.thidua"]
    (tmp_path / "so-9.thidua").unlink()
    entries = _menu_entries(window)
    assert entries[2] == ("&3  so-9.thidua — Khối 9 (không tìm thấy)", False)
    assert all(enabled for text, enabled in entries if "so-9" not in text)
    window._fill_recent_menu()
    window.recent_menu.actions()[-1].trigger()  # Xóa danh sách
    assert window.recent.entries() == []
    assert window.start_screen.recent_paths() == []


def test_start_screen_opens_a_recent_file_on_click(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    window.recent.add(bloc_workbook, "Khối Đảng — Năm 2025")
    window._refresh_recent()
    assert window.start_screen.recent_list.isVisible()
    item = window.start_screen.recent_list.item(0)
    rect = window.start_screen.recent_list.visualItemRect(item)
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        qtbot.mouseClick(window.start_screen.recent_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
    assert window.workbook.path == bloc_workbook


def test_open_menu_asks_for_a_file(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    asked = []
    window.ask_open_path = lambda parent, title, start: asked.append(title) or bloc_workbook
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        window.open_action.trigger()
    assert asked == ["Mở sổ thi đua"]
    window.ask_open_path = lambda *a: None  # cancelled: nothing changes
    window.open_action.trigger()
    assert window.workbook.path == bloc_workbook


# --- saving a copy ---------------------------------------------------------------------------------


def test_save_copy_and_reopen_it(qtbot, window: MainWindow, bloc_workbook: Path, tmp_path: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    dest = tmp_path / "USB" / "Bản sao khối Đảng.thidua"
    dest.parent.mkdir()
    suggested = []
    window.ask_save_path = lambda parent, title, proposal: suggested.append(proposal) or dest
    window.save_copy_action.trigger()
    assert suggested[0].parent == bloc_workbook.parent and suggested[0].name.startswith("Khối Đảng 2025 - bản sao ")
    assert dest.exists() and inspect(dest).bloc_uuid == inspect(bloc_workbook).bloc_uuid
    assert "Đã lưu bản sao" in window.statusBar().currentMessage()
    assert [p.name for p in dest.parent.iterdir()] == [dest.name]  # no temporary file left behind

    open_and_wait(qtbot, window, dest)
    assert window.workbook.path == dest
    assert window.workbook_view.header.bloc_label.text() == BLOC_NAME
    assert window.workbook_view.members.visible_names() == VIETNAMESE_ORDER
    assert not lock_path(bloc_workbook).exists() and lock_path(dest).exists()


def test_save_copy_refuses_to_overwrite_the_open_workbook(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    before = sha256(bloc_workbook)
    problems = []
    window.ask_save_path = lambda *a: bloc_workbook
    window.report_problem = lambda parent, title, text, **kw: problems.append((title, text))
    assert window.save_copy() is None
    assert problems == [("Không lưu được bản sao", "Không thể lưu bản sao đè lên chính sổ đang mở.")]
    assert sha256(bloc_workbook) == before


def test_save_copy_into_a_missing_folder_is_reported(qtbot, window: MainWindow, bloc_workbook: Path,
                                                     tmp_path: Path) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    problems = []
    window.ask_save_path = lambda *a: tmp_path / "không có" / "x.thidua"
    window.report_problem = lambda parent, title, text, **kw: problems.append(title)
    assert window.save_copy() is None
    assert problems == ["Không lưu được bản sao"]


def test_notice_bar_button_saves_a_copy_of_a_read_only_workbook(qtbot, window: MainWindow, bloc_workbook: Path,
                                                               tmp_path: Path) -> None:
    os.chmod(bloc_workbook, 0o444)
    open_and_wait(qtbot, window, bloc_workbook)
    dest = tmp_path / "ban-sao.thidua"
    window.ask_save_path = lambda *a: dest
    qtbot.mouseClick(window.workspace_view.notice.button, Qt.MouseButton.LeftButton)
    assert dest.exists()
    open_and_wait(qtbot, window, dest)
    assert not window.workbook.read_only and not window.workspace_view.notice.isVisible()


def test_demo_workbook_is_shown_whole(qtbot, window: MainWindow, demo_workbook: Path) -> None:
    summary = inspect(demo_workbook).summary
    open_and_wait(qtbot, window, demo_workbook)
    header = window.workbook_view.header
    assert header.bloc_label.text() == summary.bloc_name
    assert header.year_label.text().startswith(f"Năm thi đua {summary.current_year} · {summary.current_state.label}")
    assert header.leader_label.text() == summary.leader.name
    assert header.deputies_label.text() == "; ".join(d.name for d in summary.deputies)
    names = window.workbook_view.members.visible_names()
    assert sorted(names) == sorted(m.name for m in summary.members)
    from thidua_desktop.domain.text import vi_sorted

    assert names == vi_sorted(names)  # QCollator vi_VN and the domain's key agree
