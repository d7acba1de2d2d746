"""The workbook file: identity, durability settings, and every opening check on real files."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import sqlite3
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop import __version__
from thidua_desktop.db import identity as ident
from thidua_desktop.db.lock import lock_path, read_lock
from thidua_desktop.db.models import AwardType, Bloc, Person, Unit, WorkbookMeta
from thidua_desktop.db.workbook_file import Problem, WorkbookError, create_workbook, inspect, open_workbook


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expect_refusal(path: Path, problem: Problem) -> WorkbookError:
    """Opening must fail with `problem` and leave the file byte-for-byte as it was, with no lock."""
    before = sha256(path)
    with pytest.raises(WorkbookError) as caught:
        open_workbook(path, operator="Kiểm thử")
    assert caught.value.problem is problem, caught.value.message
    assert sha256(path) == before
    assert not lock_path(path).exists() or problem is Problem.LOCKED
    return caught.value


# --- identity and settings -------------------------------------------------------------------


def test_new_workbook_carries_its_identity(empty_workbook: Path) -> None:
    conn = sqlite3.connect(empty_workbook)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == ident.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == ident.FORMAT_VERSION
    meta = dict(conn.execute("SELECT key, value FROM workbook_meta"))
    conn.close()
    assert meta[ident.META_FORMAT] == str(ident.FORMAT_VERSION)
    assert len(meta[ident.META_BLOC_UUID]) == 32
    assert meta[ident.META_APP_VERSION] == __version__
    assert inspect(empty_workbook).bloc_uuid == meta[ident.META_BLOC_UUID]


def test_connections_use_rollback_journal_full_sync_and_foreign_keys(empty_workbook: Path) -> None:
    wb = open_workbook(empty_workbook, operator="Kiểm thử")
    try:
        with wb.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
            assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        wb.close()


def test_award_catalogue_is_prefilled_and_editable(empty_workbook: Path) -> None:
    wb = open_workbook(empty_workbook, operator="Kiểm thử")
    try:
        with Session(wb.engine) as s:
            codes = set(s.scalars(select(AwardType.code)))
            assert {"CO_CP", "CO_TINH", "TTLDXS", "TTLDTT", "CSTD_TQ", "CSTD_TINH", "CSTDCS", "LDTT",
                    "BK_TTG", "BK_TINH", "GIAY_KHEN", "HC_LAO_DONG_3"} <= codes
            flag = s.scalars(select(AwardType).where(AwardType.code == "CO_TINH")).one()
            flag.name = "Cờ thi đua của UBND tỉnh Lai Châu"
            s.commit()
        with Session(wb.engine) as s:
            assert s.scalars(select(AwardType.name).where(AwardType.code == "CO_TINH")).one().endswith("Lai Châu")
    finally:
        wb.close()


def test_text_is_stored_nfc_and_points_exact(empty_workbook: Path) -> None:
    import unicodedata

    from thidua_desktop.db.models import EmulationYear, Membership

    wb = open_workbook(empty_workbook, operator="Kiểm thử")
    decomposed = unicodedata.normalize("NFD", "Sở Tư pháp tỉnh Lào Cai")
    try:
        with Session(wb.engine) as s:
            unit = Unit(official_name=decomposed)
            year = EmulationYear(year=2026)
            s.add_all([unit, year])
            s.flush()
            s.add(Membership(year_id=year.id, unit_id=unit.id, female_share_pct=Decimal("70.5")))
            s.commit()
        raw = sqlite3.connect(empty_workbook)
        name, key = raw.execute("SELECT official_name, search_key FROM unit").fetchone()
        stored_pct = raw.execute("SELECT female_share_pct FROM membership").fetchone()[0]
        raw.close()
        assert name == unicodedata.normalize("NFC", name) == "Sở Tư pháp tỉnh Lào Cai"
        assert key == "so tu phap tinh lao cai"
        assert stored_pct == 7050
    finally:
        wb.close()


def test_create_is_atomic_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "Khối.thidua"

    def failing_populate(session: Session) -> None:
        session.add(Unit(official_name="Sở Nội vụ"))
        raise RuntimeError("mất điện giữa chừng")

    with pytest.raises(RuntimeError):
        create_workbook(target, bloc_name="Khối", populate=failing_populate)
    assert list(tmp_path.iterdir()) == []
    create_workbook(target, bloc_name="Khối")
    with pytest.raises(FileExistsError):
        create_workbook(target, bloc_name="Khối khác")
    assert [p.name for p in tmp_path.iterdir()] == ["Khối.thidua"]


def test_save_copy_is_complete_and_checked(empty_workbook: Path, tmp_path: Path) -> None:
    wb = open_workbook(empty_workbook, operator="Kiểm thử")
    try:
        with Session(wb.engine) as s:
            s.add(Unit(official_name="Ban Dân vận Tỉnh ủy"))
            s.commit()
        dest = tmp_path / "bản sao" / "Khối # 1?.thidua"
        dest.parent.mkdir()
        wb.save_copy(dest)
    finally:
        wb.close()
    copy = inspect(dest)
    assert copy.bloc_uuid == inspect(empty_workbook).bloc_uuid
    conn = sqlite3.connect(dest)
    assert conn.execute("SELECT official_name FROM unit").fetchall() == [("Ban Dân vận Tỉnh ủy",)]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert [p.name for p in dest.parent.iterdir()] == [dest.name]


# --- opening checks --------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError) as caught:
        open_workbook(tmp_path / "không có.thidua", operator="x")
    assert caught.value.problem is Problem.NOT_FOUND
    assert "Không tìm thấy" in caught.value.message


@pytest.mark.parametrize("content", [b"", b"Bang diem thi dua\n" * 20, b"PK\x03\x04" + b"\x00" * 500])
def test_not_a_sqlite_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bảng điểm.thidua"
    path.write_bytes(content)
    err = expect_refusal(path, Problem.NOT_SQLITE)
    assert "không phải là sổ thi đua" in err.message


def test_foreign_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "khac.thidua"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Nguyễn Văn A')")
    conn.commit()
    conn.close()
    err = expect_refusal(path, Problem.FOREIGN)
    assert "không phải sổ thi đua" in err.message


def test_truncated_file(empty_workbook: Path) -> None:
    data = empty_workbook.read_bytes()
    empty_workbook.write_bytes(data[: len(data) // 2])
    err = expect_refusal(empty_workbook, Problem.DAMAGED)
    assert "bị hỏng" in err.message


def test_truncated_mid_page(empty_workbook: Path) -> None:
    data = empty_workbook.read_bytes()
    empty_workbook.write_bytes(data[:-1000])
    expect_refusal(empty_workbook, Problem.DAMAGED)


def test_corrupted_pages(empty_workbook: Path) -> None:
    """Garbage over the b-tree pages (not the header): only the integrity check can see it."""
    data = bytearray(empty_workbook.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for p in range(2, len(data) // page):
        data[p * page: p * page + 64] = b"\xa5" * 64
    empty_workbook.write_bytes(bytes(data))
    expect_refusal(empty_workbook, Problem.DAMAGED)


def test_newer_version_file(empty_workbook: Path) -> None:
    conn = sqlite3.connect(empty_workbook)
    conn.execute(f"PRAGMA user_version = {ident.FORMAT_VERSION + 1}")
    conn.execute("UPDATE workbook_meta SET value = '9.0.0' WHERE key = 'app_version'")
    conn.commit()
    conn.close()
    err = expect_refusal(empty_workbook, Problem.NEWER)
    assert "mới hơn" in err.message and "9.0.0" in err.message


def test_read_only_copy_opens_read_only_and_is_not_modified(empty_workbook: Path) -> None:
    os.chmod(empty_workbook, 0o444)
    before = sha256(empty_workbook)
    wb = open_workbook(empty_workbook, operator="Kiểm thử")
    try:
        assert wb.read_only and "chỉ đọc" in wb.read_only_reason
        with Session(wb.engine) as s:
            assert s.scalars(select(Bloc.name)).one() == "Khối thi đua các cơ quan Đảng tỉnh"
            s.add(Unit(official_name="Sở Tài chính"))
            with pytest.raises(Exception, match="readonly|read-only|query_only"):
                s.commit()
    finally:
        wb.close()
    assert sha256(empty_workbook) == before
    assert not lock_path(empty_workbook).exists()


def test_lock_held_by_another_pc(empty_workbook: Path) -> None:
    holder = {"operator": "Trần Thị Bích", "host": "MAY-VAN-THU-02", "pid": 4242,
              "since": "2026-11-20T08:15:00", "app_version": __version__}
    lock_path(empty_workbook).write_text(json.dumps(holder, ensure_ascii=False), encoding="utf-8")
    err = expect_refusal(empty_workbook, Problem.LOCKED)
    assert "Trần Thị Bích" in err.message and "MAY-VAN-THU-02" in err.message
    assert err.lock is not None and err.lock.host == "MAY-VAN-THU-02"
    wb = open_workbook(empty_workbook, operator="Lê Văn Cường", take_over_lock=True)
    assert read_lock(empty_workbook).operator == "Lê Văn Cường"
    wb.close()
    assert not lock_path(empty_workbook).exists()


def test_second_open_in_this_program_is_refused(empty_workbook: Path) -> None:
    wb = open_workbook(empty_workbook, operator="Người thứ nhất")
    try:
        with pytest.raises(WorkbookError) as caught:
            open_workbook(empty_workbook, operator="Người thứ hai")
        assert caught.value.problem is Problem.LOCKED
        assert "Người thứ nhất" in caught.value.message
    finally:
        wb.close()


def test_stale_lock_of_this_pc_is_taken_over(empty_workbook: Path) -> None:
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    holder = {"operator": "Người cũ", "host": socket.gethostname(), "pid": int(dead.stdout),
              "since": datetime.now().isoformat(timespec="seconds"), "app_version": __version__}
    lock_path(empty_workbook).write_text(json.dumps(holder, ensure_ascii=False), encoding="utf-8")
    wb = open_workbook(empty_workbook, operator="Người mới")
    try:
        assert read_lock(empty_workbook).operator == "Người mới"
    finally:
        wb.close()


def test_opening_with_another_app_version_records_it(empty_workbook: Path) -> None:
    conn = sqlite3.connect(empty_workbook)
    conn.execute("UPDATE workbook_meta SET value = '0.0.1' WHERE key = 'app_version'")
    conn.commit()
    conn.close()
    open_workbook(empty_workbook, operator="x").close()
    assert inspect(empty_workbook).app_version == __version__


# --- upgrade from the previous format --------------------------------------------------------

FIXTURE_V1 = Path(__file__).parent.parent / "data" / "workbook_v1.thidua"


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_upgrade_from_format_1_keeps_data_and_writes_a_backup_first(tmp_path: Path) -> None:
    path = tmp_path / "Khối Đảng 2025.thidua"
    shutil.copyfile(FIXTURE_V1, path)
    assert inspect(path).format_version == 1

    wb = open_workbook(path, operator="Kiểm thử")
    try:
        backups = [p for p in tmp_path.iterdir() if ".truoc-nang-cap-v1-" in p.name]
        assert len(backups) == 1
        assert inspect(backups[0]).format_version == 1
        assert dump(backups[0]) == dump(FIXTURE_V1)  # the whole old file, row for row
        assert wb.inspection.format_version == ident.FORMAT_VERSION
        with Session(wb.engine) as s:
            units = {u.short_name: u for u in s.scalars(select(Unit))}
            assert units["ĐUK"].official_name == "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh"
            assert units["ĐUK"].search_key == "dang uy khoi cac co quan va doanh nghiep tinh duk"
            assert s.scalars(select(Person.search_key)).one() == "do thi hang chanh van phong"
            meta = dict(s.execute(select(WorkbookMeta.key, WorkbookMeta.value)).all())
            assert meta["bloc_uuid"] == "5f1e0c7a9b2d4e6f8a1b3c5d7e9f0a2b"
            assert meta["format_version"] == str(ident.FORMAT_VERSION)
        assert wb.inspection.summary.leader.name == "Văn phòng Tỉnh ủy"
        assert [d.short_name for d in wb.inspection.summary.deputies] == ["BTCTU", "UBKTTU"]
        assert wb.integrity_report() == ["ok"]
    finally:
        wb.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == ident.FORMAT_VERSION
    assert conn.execute("SELECT search_key FROM commendation").fetchone()[0] == "bao lai chau 245/qđ-ubnd".replace("đ", "d")
    conn.close()


def test_old_format_on_read_only_location_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "cu.thidua"
    shutil.copyfile(FIXTURE_V1, path)
    os.chmod(path, 0o444)
    expect_refusal(path, Problem.OLD_READ_ONLY)
    assert [p.name for p in tmp_path.iterdir()] == ["cu.thidua"]


def test_migrations_produce_exactly_the_models_schema(tmp_path: Path) -> None:
    """A file built by the migrations matches the models, so no change ships without its migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from thidua_desktop.db.engine import make_engine
    from thidua_desktop.db.models import Base

    path = create_workbook(tmp_path / "x.thidua", bloc_name="x")
    engine = make_engine(path, read_only=True)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_format_version_names_the_latest_migration() -> None:
    from thidua_desktop.db.migrate import head_revision

    assert ident.REVISION_OF_FORMAT[ident.FORMAT_VERSION] == head_revision()
