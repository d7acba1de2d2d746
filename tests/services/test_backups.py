"""Backups: made with the backup API after a check, rotated, listed with summaries, restored to a new file."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from thidua_desktop.db.workbook_file import WorkbookError, inspect, open_workbook
from thidua_desktop.services import backups
from thidua_desktop.services import units as unit_svc
from thidua_desktop.services.workspace import Workspace


@pytest.fixture
def ws(empty_workbook: Path):
    workspace = Workspace(open_workbook(empty_workbook, operator="Thư ký"), operator="Thư ký")
    yield workspace
    workspace.close()


def test_backup_list_and_restore_into_a_new_file(ws: Workspace, tmp_path: Path) -> None:
    unit_svc.add_unit(ws, "Sở Tư pháp")
    first = backups.make_backup(ws.workbook, "manual", now=datetime(2026, 11, 20, 9, 0))
    unit_svc.add_unit(ws, "Sở Y tế")
    backups.make_backup(ws.workbook, "close", now=datetime(2026, 11, 21, 17, 30))
    listed = backups.list_backups(ws.workbook.bloc_uuid)
    assert [b.reason for b in listed] == ["close", "manual"]
    assert listed[1].path == first and listed[1].summary.counts["unit"] == 1
    assert "20/11/2026 09:00 (sao lưu thủ công)" in listed[1].describe() and "1 đơn vị" in listed[1].describe()

    restored = backups.restore(first, tmp_path / "khôi phục.thidua", open_workbook_path=ws.workbook.path)
    assert inspect(restored).bloc_uuid == ws.workbook.bloc_uuid
    again = Workspace(open_workbook(restored, operator="x"), operator="x")
    try:
        assert [u.official_name for u in unit_svc.list_units(again)] == ["Sở Tư pháp"]
    finally:
        again.close()


def test_restore_never_overwrites(ws: Workspace) -> None:
    backup = backups.make_backup(ws.workbook, "manual")
    with pytest.raises(backups.BackupError, match="tệp mới"):
        backups.restore(backup, ws.workbook.path, open_workbook_path=ws.workbook.path)


def test_damaged_backup_is_refused_on_restore(ws: Workspace, tmp_path: Path) -> None:
    backup = backups.make_backup(ws.workbook, "manual")
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 3])
    with pytest.raises(WorkbookError):
        backups.restore(backup, tmp_path / "x.thidua")
    assert not (tmp_path / "x.thidua").exists()


def test_daily_backup_due_and_rotation(ws: Workspace) -> None:
    t0 = datetime(2026, 1, 1, 8, 0)
    assert backups.daily_backup_due(ws.workbook, now=t0)
    backups.make_backup(ws.workbook, "daily", now=t0)
    assert not backups.daily_backup_due(ws.workbook, now=t0 + timedelta(hours=23))
    assert backups.daily_backup_due(ws.workbook, now=t0 + timedelta(hours=24))
    for i in range(1, 60):
        backups.make_backup(ws.workbook, "daily", now=t0 + timedelta(days=i))
    kept = backups.list_backups(ws.workbook.bloc_uuid)
    assert 14 <= len(kept) <= 10 + 14 + 12
    assert kept[0].made_at == t0 + timedelta(days=59)


def test_a_damaged_workbook_is_not_backed_up(ws: Workspace) -> None:
    path = ws.workbook.path
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for p in range(2, len(data) // page):
        data[p * page: p * page + 64] = b"\x5a" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(backups.BackupError, match="không vượt qua kiểm tra"):
        backups.make_backup(ws.workbook, "close")
    assert backups.list_backups(ws.workbook.bloc_uuid) == []
