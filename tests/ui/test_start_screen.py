"""The start screen: three large ways in (new bloc, open a workbook, the demo) reachable with
the mouse and the keyboard, laid out without clipping, and the demo built once and opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from ui_helpers import open_and_wait

from thidua_desktop import paths
from thidua_desktop.ui.first_run import DEMO_FILE_NAME, demo_path
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.new_bloc_wizard import NewBlocWizard


def test_three_large_actions_and_the_recent_files(window: MainWindow) -> None:
    screen = window.start_screen
    buttons = [screen.new_button, screen.open_button, screen.demo_button]
    assert [b.title_label.text() for b in buttons] == ["Tạo khối thi đua mới…", "Mở sổ thi đua…",
                                                        "Mở sổ mẫu để xem thử"]
    assert all(b.isVisible() and b.description_label.text() for b in buttons)
    assert screen.empty_label.isVisible() and not screen.recent_list.isVisible()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080), (1024, 700)])
def test_actions_are_never_clipped(qtbot, window: MainWindow, size: tuple[int, int]) -> None:  # noqa: ANN001
    window.resize(*size)
    qtbot.waitUntil(lambda: window.start_screen.width() > 0)
    screen = window.start_screen
    for button in (screen.new_button, screen.open_button, screen.demo_button):
        title, description = button.title_label, button.description_label
        assert button.rect().contains(title.geometry()) and button.rect().contains(description.geometry())
        assert title.width() >= title.sizeHint().width()
        assert description.height() >= description.heightForWidth(description.width())  # wrapped, all lines shown
        assert screen.rect().contains(button.geometry().translated(button.parentWidget().pos()))


def test_new_bloc_with_the_mouse_and_with_the_keyboard(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    shown: list[str] = []
    window.run_wizard = lambda wizard: shown.append(type(wizard).__name__) or QWizard.DialogCode.Rejected.value
    qtbot.mouseClick(window.start_screen.new_button, Qt.MouseButton.LeftButton)
    assert shown == [NewBlocWizard.__name__]
    assert window.start_screen.new_button.hasFocus()  # the first action has the focus at start
    qtbot.keyClick(window.start_screen.new_button, Qt.Key.Key_Return)
    qtbot.keyClick(window.start_screen.new_button, Qt.Key.Key_Space)
    assert len(shown) == 3
    assert window.stack.currentWidget() is window.start_screen


def test_tab_goes_through_the_actions_in_order(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    screen = window.start_screen
    screen.new_button.setFocus()
    qtbot.keyClick(screen.new_button, Qt.Key.Key_Tab)
    assert screen.open_button.hasFocus()
    qtbot.keyClick(screen.open_button, Qt.Key.Key_Tab)
    assert screen.demo_button.hasFocus()


def test_open_asks_for_a_file(qtbot, window: MainWindow, bloc_workbook: Path) -> None:  # noqa: ANN001
    window.ask_open_path = lambda parent, title, start: bloc_workbook
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        qtbot.mouseClick(window.start_screen.open_button, Qt.MouseButton.LeftButton)
    assert window.workbook.path == bloc_workbook


def test_demo_is_built_once_in_the_data_folder_and_opened(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.workbook_opened, timeout=30_000):
        qtbot.mouseClick(window.start_screen.demo_button, Qt.MouseButton.LeftButton)
    path = paths.data_dir() / "demo" / DEMO_FILE_NAME
    assert window.workbook.path == path
    summary = window.workbook.inspection.summary
    assert len(summary.years) > 1 and summary.leader is not None and len(summary.members) >= 8
    built = path.stat().st_mtime_ns
    window.close_workbook()
    assert demo_path() == path and path.stat().st_mtime_ns == built  # kept, not built again
    assert window.start_screen.recent_paths() == [path]
    open_and_wait(qtbot, window, path)
