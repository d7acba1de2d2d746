"""An unexpected error inside a slot or a thread: the traceback reaches the real log file and
the user gets a short Vietnamese apology naming that file."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from thidua_desktop import logs
from thidua_desktop.ui import crash


@pytest.fixture
def reporter(qapp) -> Iterator[crash.CrashReporter]:  # noqa: ANN001
    logs.setup_logging()
    rep = crash.install(qapp)
    yield rep
    rep.uninstall()
    rep.deleteLater()


def close_apology_when_shown(seen: list[tuple[str, str, str, list[str]]]) -> None:
    """Answer the modal apology with its "Đóng" button as soon as it is up."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append((box.windowTitle(), box.text(), box.informativeText(), sorted(b.text() for b in box.buttons())))
        box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(0, answer)


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_is_logged_and_apologised_for(qtbot, reporter: crash.CrashReporter) -> None:  # noqa: ANN001
    assert sys.excepthook == reporter.excepthook and threading.excepthook == reporter.thread_excepthook

    def broken_slot() -> None:
        raise ZeroDivisionError("chia cho 0 khi tính điểm (kiểm thử)")

    button = QPushButton("Tính điểm")
    qtbot.addWidget(button)
    button.clicked.connect(broken_slot)
    seen: list = []
    close_apology_when_shown(seen)
    button.click()  # the slot raises; PySide hands the exception to sys.excepthook

    assert len(seen) == 1
    title, text, informative, buttons = seen[0]
    assert title == "Lỗi chương trình"
    assert text == "Rất tiếc, chương trình gặp lỗi không mong muốn."
    path = logs.log_path()
    assert path is not None and f"Chi tiết đã được ghi vào tệp nhật ký:\n{path}" in informative
    assert "vẫn an toàn" in informative
    assert buttons == ["Mở thư mục nhật ký", "Xem chi tiết…", "Đóng"]
    content = path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in content
    assert "in broken_slot" in content
    assert "ZeroDivisionError: chia cho 0 khi tính điểm (kiểm thử)" in content
    assert "CRITICAL" in content
    assert "chia cho 0" in reporter.last_box.detailedText()


@pytest.mark.qt_no_exception_capture
def test_error_in_a_thread_is_shown_by_the_gui_thread(qtbot, reporter: crash.CrashReporter) -> None:  # noqa: ANN001
    def worker() -> None:
        raise RuntimeError("lỗi trong luồng xuất Excel (kiểm thử)")

    seen: list = []
    close_apology_when_shown(seen)
    thread = threading.Thread(target=worker, name="xuat-excel")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    content = logs.log_path().read_text(encoding="utf-8")
    assert "luồng xuat-excel" in content and "RuntimeError: lỗi trong luồng xuất Excel (kiểm thử)" in content


@pytest.mark.qt_no_exception_capture
def test_one_apology_at_a_time(qtbot, reporter: crash.CrashReporter, monkeypatch) -> None:  # noqa: ANN001
    """A second error while the apology is up is logged but does not stack another box."""
    shown = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        try:
            raise ValueError("lỗi thứ hai (kiểm thử)")
        except ValueError:
            reporter.excepthook(*sys.exc_info())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    try:
        raise KeyError("lỗi thứ nhất (kiểm thử)")
    except KeyError:
        reporter.excepthook(*sys.exc_info())
    assert len(shown) == 1
    content = logs.log_path().read_text(encoding="utf-8")
    assert "lỗi thứ nhất" in content and "lỗi thứ hai" in content


def test_uninstall_restores_the_previous_hooks(qapp) -> None:  # noqa: ANN001
    before = (sys.excepthook, threading.excepthook)
    rep = crash.install(qapp)
    rep.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
