"""A handed-over workbook opens read-only, saying to whom and when; an unmarked one does not."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from thidua_desktop.db.handover_mark import HandoverMark, fingerprint_groups, read_mark
from thidua_desktop.db.lock import lock_path
from thidua_desktop.db.workbook_file import _write_meta, inspect, open_workbook

SHA = "0123456789abcdef" * 4


def test_fingerprint_in_groups_of_four() -> None:
    groups = fingerprint_groups(SHA)
    assert groups.split(" ")[:3] == ["0123", "4567", "89AB"]
    assert len(groups.split(" ")) == 16 and groups.replace(" ", "").lower() == SHA


def test_unmarked_file_opens_for_editing(empty_workbook: Path) -> None:
    assert inspect(empty_workbook).handed_over is None
    workbook = open_workbook(empty_workbook, operator="Thư ký")
    try:
        assert not workbook.read_only
    finally:
        workbook.close()


def test_marked_file_opens_read_only_with_the_notice(empty_workbook: Path) -> None:
    mark = HandoverMark(at=datetime(2027, 1, 8, 2, 30), to="Sở Tư pháp", sha256=SHA, year=2027)
    _write_meta(empty_workbook, mark.meta())
    found = inspect(empty_workbook).handed_over
    assert found == mark
    workbook = open_workbook(empty_workbook, operator="Thư ký")
    try:
        assert workbook.read_only
        assert workbook.read_only_reason == mark.notice()
        assert "bàn giao cho Sở Tư pháp để làm Trưởng khối năm 2027" in mark.notice()
        assert "/01/2027" in mark.notice() and "0123 4567" in mark.notice()
        assert not lock_path(empty_workbook).exists()  # nobody holds a file nobody may edit
    finally:
        workbook.close()


def test_a_damaged_date_still_marks_the_file() -> None:
    mark = read_mark({"handed_over_at": "hôm qua", "handed_over_to": None, "handover_sha256": SHA})
    assert mark is not None and mark.to == "đơn vị nhận bàn giao" and mark.year is None
