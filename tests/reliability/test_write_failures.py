"""A read-only folder and a full disk: the user gets a Vietnamese message, not a traceback, and
nothing committed before is lost.

Real conditions where the machine allows them (a size-limited tmpfs, remounted read-only while
the workbook is open: needs root), and always the same failures raised by SQLite itself
(PRAGMA max_page_count → SQLITE_FULL, PRAGMA query_only → SQLITE_READONLY) on the real file.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event

from thidua_desktop.db.connection import connect
from thidua_desktop.db.lock import lock_path
from thidua_desktop.db.workbook_file import journal_path, open_workbook
from thidua_desktop.services import units
from thidua_desktop.services.workspace import ChangeRefused, Workspace, WriteFailed

BIG_NOTE = "Ghi chú rất dài về thành tích của đơn vị trong năm. " * 2000  # ~100 KB: needs new pages
FULL = "ổ đĩa đã đầy"
READ_ONLY = "chế độ chỉ đọc"
NOTHING_LOST = "mọi thay đổi trước đó vẫn còn nguyên"


@contextmanager
def workspace(path: Path) -> Iterator[Workspace]:
    ws = Workspace(open_workbook(path, operator="Thư ký"), "Thư ký")
    try:
        yield ws
    finally:
        ws.close()


def unit_names(ws: Workspace) -> set[str]:
    """Read on a connection of its own, so a failing write connection cannot hide what the file holds."""
    conn = connect(ws.workbook.path, read_only=True)
    try:
        return {name for (name,) in conn.execute("SELECT official_name FROM unit")}
    finally:
        conn.close()


def sound(path: Path) -> bool:
    workbook = open_workbook(path, operator="Người kiểm tra")
    try:
        return workbook.integrity_report() == ["ok"]
    finally:
        workbook.close()


def pragma_on_connect(ws: Workspace, pragma: Callable[[object], str]) -> Callable[[], None]:
    """Every new connection of the workbook's engine runs `pragma(dbapi_connection)`; returns the undo."""
    def on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - SQLAlchemy event signature
        dbapi_connection.execute(pragma(dbapi_connection))

    event.listen(ws.workbook.engine, "connect", on_connect)
    return lambda: event.remove(ws.workbook.engine, "connect", on_connect)


def _refused_then_retried(ws: Workspace, words: str) -> WriteFailed:
    """An edit fails with `words`; what was committed before stays; the log and undo are as before."""
    before_names, before_undo = unit_names(ws), ws.undo_text
    with pytest.raises(WriteFailed) as failed:
        units.add_unit(ws, "Sở Tài nguyên và Môi trường tỉnh Lai Châu", note=BIG_NOTE)
    assert words in failed.value.message and NOTHING_LOST in failed.value.message
    assert unit_names(ws) == before_names and ws.undo_text == before_undo
    assert not journal_path(ws.workbook.path).exists()
    return failed.value


# --- simulated by SQLite itself, on any machine ----------------------------------------------


def test_a_full_disk_while_editing_gives_a_message_and_loses_nothing(demo_workbook: Path) -> None:
    with workspace(demo_workbook) as ws:
        units.add_unit(ws, "Sở Y tế tỉnh Lai Châu")  # committed before the disk fills up
        stop = pragma_on_connect(ws, lambda c: "PRAGMA max_page_count = "
                                 f"{c.execute('PRAGMA page_count').fetchone()[0]}")
        _refused_then_retried(ws, FULL)
        stop()  # space freed: the same edit now goes through
        units.add_unit(ws, "Sở Tài nguyên và Môi trường tỉnh Lai Châu", note=BIG_NOTE)
        assert {"Sở Y tế tỉnh Lai Châu", "Sở Tài nguyên và Môi trường tỉnh Lai Châu"} <= unit_names(ws)
    assert sound(demo_workbook)


def test_the_file_turning_read_only_while_open_gives_a_message(demo_workbook: Path) -> None:
    with workspace(demo_workbook) as ws:
        units.add_unit(ws, "Sở Y tế tỉnh Lai Châu")
        stop = pragma_on_connect(ws, lambda _c: "PRAGMA query_only = ON")
        _refused_then_retried(ws, READ_ONLY)
        with pytest.raises(WriteFailed, match=READ_ONLY):
            ws.undo()  # undo writes too
        stop()
        assert "Sở Y tế tỉnh Lai Châu" in unit_names(ws)
    assert sound(demo_workbook)


def test_the_window_shows_the_message_instead_of_a_traceback(demo_workbook: Path, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QWidget

    from thidua_desktop.ui.bridge import WorkspaceBridge

    with workspace(demo_workbook) as ws:
        bridge = WorkspaceBridge(ws)
        shown: list[tuple[str, str]] = []
        bridge.report = lambda _parent, title, text, **_kw: shown.append((title, text))
        page = QWidget()
        qtbot.addWidget(page)
        stop = pragma_on_connect(ws, lambda c: "PRAGMA max_page_count = "
                                 f"{c.execute('PRAGMA page_count').fetchone()[0]}")
        assert bridge.attempt(page, units.add_unit, "Sở Tư pháp mới", note=BIG_NOTE) is None
        stop()
        bridge.detach()
    assert len(shown) == 1 and shown[0][0] == "Không thực hiện được" and FULL in shown[0][1]


# --- a read-only folder ---------------------------------------------------------------------------


def test_a_read_only_folder_opens_read_only_and_refuses_edits_with_a_message(demo_workbook: Path) -> None:
    folder = demo_workbook.parent
    before = demo_workbook.read_bytes(), demo_workbook.stat().st_mtime_ns
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        with workspace(demo_workbook) as ws:
            assert ws.read_only and "chỉ đọc" in ws.workbook.read_only_reason
            with pytest.raises(ChangeRefused, match=READ_ONLY):
                units.add_unit(ws, "Sở Y tế tỉnh Lai Châu")
        assert not lock_path(demo_workbook).exists()
    finally:
        folder.chmod(stat.S_IRWXU)
    assert (demo_workbook.read_bytes(), demo_workbook.stat().st_mtime_ns) == before


# --- real file systems: a small tmpfs (root only) --------------------------------------------------


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a size-limited folder needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def _fill(folder: Path) -> Path:
    """Fill the disk to the last byte."""
    filler = folder / "phim.mp4"
    with filler.open("wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    return filler


def test_a_really_full_disk_gives_a_message_and_loses_nothing(demo_workbook: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "usb", "8m") as usb:
        path = usb / demo_workbook.name
        shutil.copyfile(demo_workbook, path)
        with workspace(path) as ws:
            units.add_unit(ws, "Sở Y tế tỉnh Lai Châu")
            filler = _fill(usb)
            _refused_then_retried(ws, FULL)
            filler.unlink()
            units.add_unit(ws, "Sở Tài nguyên và Môi trường tỉnh Lai Châu", note=BIG_NOTE)
        assert sound(path)
        with workspace(path) as ws:
            assert {"Sở Y tế tỉnh Lai Châu", "Sở Tài nguyên và Môi trường tỉnh Lai Châu"} <= unit_names(ws)


def test_a_disk_remounted_read_only_while_open_gives_a_message(demo_workbook: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "usb", "8m") as usb:
        path = usb / demo_workbook.name
        shutil.copyfile(demo_workbook, path)
        ws = Workspace(open_workbook(path, operator="Thư ký"), "Thư ký")
        units.add_unit(ws, "Sở Y tế tỉnh Lai Châu")
        subprocess.run(["mount", "-o", "remount,ro", str(usb)], check=True)
        try:
            _refused_then_retried(ws, READ_ONLY)
        finally:
            ws.close()  # the lock cannot be removed from a read-only disk; it is this PC's, stale once we exit
            subprocess.run(["mount", "-o", "remount,rw", str(usb)], check=True)
        lock_path(path).unlink()  # as the next start would take it over (it names this still running process)
        with workspace(path) as ws:
            assert "Sở Y tế tỉnh Lai Châu" in unit_names(ws)
        assert sound(path)
