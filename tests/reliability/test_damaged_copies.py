"""Truncated, bit-flipped and tampered copies of a handed-over workbook are caught: at open
(the header and quick_check, with a Vietnamese message, the file left untouched) or, when the
damage leaves a valid database, at the fingerprint check against the SHA-256 of the minutes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from thidua_desktop.db.workbook_file import Problem, WorkbookError, inspect, open_workbook
from thidua_desktop.services.handover import file_sha256
from thidua_desktop.services.receive import ReceiveError, ReceiveProblem, receive


def _page_size_and_root(path: Path, table: str) -> tuple[int, int]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    finally:
        conn.close()
    return page_size, root


def _state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _refused_at_open(path: Path, problem: Problem) -> WorkbookError:
    before = _state(path)
    with pytest.raises(WorkbookError) as refused:
        open_workbook(path, operator="Người nhận")
    assert refused.value.problem is problem
    assert _state(path) == before, "a refused file must be left as it was"
    return refused.value


def _handed_over(demo_workbook: Path) -> tuple[Path, str]:
    """The file as handed over, and the SHA-256 printed in the minutes."""
    return demo_workbook, file_sha256(demo_workbook)


@pytest.mark.parametrize("cut", ["mid-page", "last page", "inside the header"])
def test_a_truncated_copy_is_refused_at_open(demo_workbook: Path, cut: str) -> None:
    path, _ = _handed_over(demo_workbook)
    data = path.read_bytes()
    page_size, _ = _page_size_and_root(path, "unit")
    keep = {"mid-page": len(data) // 2 + 123, "last page": len(data) - page_size, "inside the header": 50}[cut]
    path.write_bytes(data[:keep])
    expected = Problem.NOT_SQLITE if cut == "inside the header" else Problem.DAMAGED
    error = _refused_at_open(path, expected)
    assert ("bị hỏng" if expected is Problem.DAMAGED else "không phải là sổ thi đua") in error.message


def test_a_bit_flipped_in_a_data_page_structure_is_refused_at_open(demo_workbook: Path) -> None:
    path, _ = _handed_over(demo_workbook)
    page_size, root = _page_size_and_root(path, "unit")
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size + 8] ^= 0x80  # the first cell pointer of the units' page now points outside it
    path.write_bytes(data)
    error = _refused_at_open(path, Problem.DAMAGED)
    assert "bị hỏng" in error.message and "Khôi phục từ bản sao lưu" in error.message
    assert "out of range" in error.detail  # quick_check found it


def test_a_bit_flipped_in_a_record_is_caught_by_the_fingerprint(demo_workbook: Path) -> None:
    """SQLite keeps no checksums: a flipped letter inside a unit's name is a valid database.
    The fingerprint from the minutes is what catches it."""
    path, recorded = _handed_over(demo_workbook)
    page_size, root = _page_size_and_root(path, "unit")
    data = bytearray(path.read_bytes())
    page = data[(root - 1) * page_size:root * page_size]
    at = (root - 1) * page_size + page.index("Ban Nội chính".encode())
    data[at] ^= 0x20  # "B" → "b"
    path.write_bytes(data)
    inspect(path, check="integrity_check")  # passes: nothing at open can see it
    _refused_by_fingerprint(path, recorded)


def test_a_tampered_valid_copy_is_caught_by_the_fingerprint(demo_workbook: Path) -> None:
    """Someone edits the file with an SQLite tool, bypassing the program and its log."""
    path, recorded = _handed_over(demo_workbook)
    conn = sqlite3.connect(path)
    try:
        with conn:
            changed = conn.execute("UPDATE score SET self_value = coalesce(self_value, 0) + 500 WHERE id IN "
                                   "(SELECT id FROM score ORDER BY id LIMIT 3)").rowcount
    finally:
        conn.close()
    assert changed == 3
    inspect(path, check="integrity_check")
    _refused_by_fingerprint(path, recorded)


def _refused_by_fingerprint(path: Path, recorded: str) -> None:
    before = _state(path)
    typed = " ".join(recorded[i:i + 4].upper() for i in range(0, 64, 4))  # as read off the printed minutes
    with pytest.raises(ReceiveError) as refused:
        receive(path, fingerprint=typed, removable=lambda _: False)
    assert refused.value.problem is ReceiveProblem.FINGERPRINT_MISMATCH
    assert "không khớp với biên bản bàn giao" in refused.value.message
    assert _state(path) == before


def test_the_untouched_copy_passes_the_same_checks(demo_workbook: Path) -> None:
    """The checks above refuse because of the damage, not because they refuse everything."""
    path, recorded = _handed_over(demo_workbook)
    received = receive(path, fingerprint=recorded, removable=lambda _: False)
    assert received.fingerprint_checked and received.path == path
