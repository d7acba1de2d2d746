"""Handing the workbook over: a checked, fingerprinted copy named after the bloc and year, the
handover recorded in both files, and the original read-only from then on."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from year_end_fixtures import ready_to_hand_over

from thidua_desktop.db.summary import COUNTED_TABLES
from thidua_desktop.db.workbook_file import inspect, open_workbook
from thidua_desktop.domain.enums import YearState
from thidua_desktop.services import years
from thidua_desktop.services.handover import (
    HandoverError,
    hand_over,
    handover_file_name,
    handover_plan,
    handovers,
    normalise_fingerprint,
    safe_file_name,
)
from thidua_desktop.services.workspace import ChangeRefused, Workspace

BLOC = "Khối thi đua các cơ quan Đảng tỉnh"


def test_file_names_are_safe_everywhere() -> None:
    assert handover_file_name(BLOC, 2026) == "Khối thi đua các cơ quan Đảng tỉnh - bàn giao 2026.thidua"
    assert safe_file_name('Khối "A/B": cụm 1?  ') == "Khối A B cụm 1"
    assert safe_file_name("CON") == "Sổ thi đua CON"
    assert safe_file_name("...") == "Sổ thi đua"
    assert len(safe_file_name("Khối " * 100)) <= 150
    decomposed = "Khối thi đua".replace("ố", "ô\u0301")
    assert safe_file_name(decomposed) == "Khối thi đua"


def test_fingerprints_compare_without_spaces_dashes_or_case() -> None:
    sha = hashlib.sha256(b"x").hexdigest()
    grouped = " ".join(sha[i:i + 4] for i in range(0, 64, 4)).upper()
    assert normalise_fingerprint(grouped) == sha
    assert normalise_fingerprint(sha.upper().replace("", "-")[1:-1]) == sha
    assert normalise_fingerprint(f"  {grouped[:20]}\n{grouped[20:]} ") == sha


def test_plan_says_why_a_year_cannot_be_handed_over_yet(ws: Workspace) -> None:
    plan = handover_plan(ws, years.year_id_of(ws, 2026))
    assert plan.problems == ("Năm 2026 chưa khóa sổ: hãy hoàn tất các việc cuối năm và khóa sổ trước.",
                             "Chưa có đơn vị Trưởng khối năm 2027 để nhận bàn giao.")
    with pytest.raises(ChangeRefused, match="Chưa bàn giao được"):
        hand_over(ws, plan.year_id, ws.workbook.path.parent / "x.thidua")


def test_hand_over_writes_a_checked_fingerprinted_copy_and_records_it(ws: Workspace, tmp_path: Path) -> None:
    year_id = ready_to_hand_over(ws, 2026)
    plan = handover_plan(ws, year_id)
    assert plan.problems == () and plan.to_year == 2027 and plan.to_unit and plan.from_unit
    assert plan.suggested_name.endswith(" - bàn giao 2026.thidua")
    usb = tmp_path / "usb"
    usb.mkdir()
    result = hand_over(ws, year_id, usb / plan.suggested_name)

    assert result.path == usb / plan.suggested_name
    assert result.sha256 == hashlib.sha256(result.path.read_bytes()).hexdigest()
    assert [p.name for p in usb.iterdir()] == [plan.suggested_name]  # no temporary file left behind
    groups = result.fingerprint.split(" ")
    assert len(groups) == 16 and all(len(g) == 4 for g in groups)
    conn = sqlite3.connect(result.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED_TABLES}
        copy_row = conn.execute("SELECT to_year, sha256, received_at, file_name FROM handover "
                                "WHERE to_year = 2027").fetchall()
        copy_state = conn.execute("SELECT state FROM emulation_year WHERE year = 2026").fetchone()[0]
        marked = conn.execute("SELECT count(*) FROM workbook_meta WHERE key LIKE 'handed_over%'").fetchone()[0]
    finally:
        conn.close()
    assert copy_row == [(2027, None, None, plan.suggested_name)]  # the receiver completes it
    assert copy_state == "closed" and marked == 0  # the copy is the one to work on

    minutes = result.minutes
    assert (minutes.from_year, minutes.to_year, minutes.bloc_name) == (2026, 2027, plan.bloc_name)
    assert (minutes.from_unit, minutes.to_unit) == (plan.from_unit, plan.to_unit)
    assert minutes.years == (2023, 2024, 2025, 2026, 2027)
    assert {c.kind: c.count for c in minutes.counts} == counts
    assert [c.label for c in minutes.counts][:3] == ["đơn vị", "cá nhân", "năm thi đua"]
    assert minutes.fingerprint == result.fingerprint and " ".join(minutes.fingerprint_lines) == result.fingerprint
    assert minutes.handed_by == "Thư ký" and minutes.file_name == plan.suggested_name

    row = handovers(ws)[-1]
    assert row.to_year == 2027 and row.sha256 == result.sha256 and row.record_counts["counts"] == counts
    assert years.get_year(ws, year_id).state is YearState.HANDED_OVER
    with pytest.raises(ChangeRefused, match="chỉ đọc: Sổ này đã được bàn giao cho"):
        years.update_year(ws, years.year_id_of(ws, 2027), theme="Sửa sau khi đã bàn giao")


def test_the_original_opens_read_only_with_the_notice(ws: Workspace, tmp_path: Path) -> None:
    year_id = ready_to_hand_over(ws, 2026)
    plan = handover_plan(ws, year_id)
    result = hand_over(ws, year_id, tmp_path / "ban giao")  # the suffix is added
    assert result.path.name == "ban giao.thidua"
    path = ws.workbook.path
    ws.close()
    mark = inspect(path).handed_over
    assert mark is not None and mark.sha256 == result.sha256 and mark.year == 2027
    workbook = open_workbook(path, operator="Thư ký")
    try:
        assert workbook.read_only
        assert workbook.read_only_reason.startswith(f"Sổ này đã được bàn giao cho {plan.to_unit} để làm Trưởng "
                                                    "khối năm 2027 lúc ")
        assert result.fingerprint[:14] in workbook.read_only_reason
    finally:
        workbook.close()


def test_a_failed_copy_leaves_no_trace(ws: Workspace, tmp_path: Path) -> None:
    year_id = ready_to_hand_over(ws, 2026)
    not_a_folder = tmp_path / "USB đã rút"
    not_a_folder.write_bytes(b"")  # writing under it fails as a vanished drive does (tests run as root)
    with pytest.raises(HandoverError, match="Không ghi được bản bàn giao"):
        hand_over(ws, year_id, not_a_folder / "x.thidua")
    assert [h.to_year for h in handovers(ws)] == [2024, 2025, 2026] and not ws.read_only
    assert years.get_year(ws, year_id).state is YearState.CLOSED
    assert inspect(ws.workbook.path).handed_over is None


def test_refuses_to_write_over_the_open_workbook(ws: Workspace) -> None:
    year_id = ready_to_hand_over(ws, 2026)
    with pytest.raises(ChangeRefused, match="không ghi đè"):
        hand_over(ws, year_id, ws.workbook.path)
