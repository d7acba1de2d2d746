"""Reading the audit log for people: Vietnamese rows, local time, filters, keyset pages, search."""

from __future__ import annotations

import time
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from thidua_desktop.db.models import AuditEntry, Base, EmulationYear, Membership
from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.domain.enums import AuditAction, MemberRole
from thidua_desktop.domain.text import search_key
from thidua_desktop.services import audit_log
from thidua_desktop.services import units as unit_svc
from thidua_desktop.services.audit import NOT_AUDITED
from thidua_desktop.services.audit_labels import FIELD_LABELS, FIELD_OVERRIDES, HIDDEN_FIELDS, TABLE_LABELS
from thidua_desktop.services.audit_log import AuditFilter
from thidua_desktop.services.workspace import Workspace


@pytest.fixture
def ws(empty_workbook: Path):
    workspace = Workspace(open_workbook(empty_workbook, operator="Nguyễn Thị Lan"), operator="Nguyễn Thị Lan")
    yield workspace
    workspace.close()


def add_year(ws: Workspace, year: int) -> int:
    def do(s):
        row = EmulationYear(year=year)
        s.add(row)
        s.flush()
        return row.id

    return ws.change(f"Tạo năm thi đua {year}", do)


def join(ws: Workspace, year_id: int, unit_id: int, role: MemberRole = MemberRole.THANH_VIEN) -> None:
    ws.change("Thêm đơn vị vào năm", lambda s: s.add(Membership(year_id=year_id, unit_id=unit_id, role=role)))


def test_an_edit_reads_as_vietnamese_with_operator_and_values(ws: Workspace) -> None:
    uid = unit_svc.add_unit(ws, "Sở Tư pháp", short_name="STP")
    unit_svc.update_unit(ws, uid, short_name="S.TP", holds_seal=False)
    lines = audit_log.entries(ws)
    assert [line.summary for line in lines] == ["Sửa thông tin đơn vị STP"] * 2 + ["Thêm đơn vị Sở Tư pháp"]
    seal, short, added = lines
    assert {line.operator for line in lines} == {"Nguyễn Thị Lan"}
    assert (short.action, short.what, short.record, short.field, short.old, short.new) == (
        AuditAction.UPDATE, "Đơn vị", "Sở Tư pháp", "Tên viết tắt", "STP", "S.TP")
    assert (seal.field, seal.old, seal.new) == ("Có con dấu riêng", "Có", "Không")
    assert short.subject == "Đơn vị: Sở Tư pháp" and short.unit == "Sở Tư pháp"
    assert added.action is AuditAction.INSERT and added.field == "" and added.old == ""
    assert "Tên đầy đủ: Sở Tư pháp" in added.new and "Loại hình đơn vị: Cơ quan hành chính" in added.new
    assert ("Tên viết tắt", "STP") in added.details


def test_technical_fields_are_never_shown(ws: Workspace) -> None:
    uid = unit_svc.add_unit(ws, "Sở Tư pháp")
    unit_svc.update_unit(ws, uid, official_name="Sở Tư pháp tỉnh Lai Châu")  # also rewrites search_key
    with ws.read() as s:
        raw_fields = set(s.scalars(select(AuditEntry.field)).all())
    assert "search_key" in raw_fields
    lines = audit_log.entries(ws)
    assert [line.field for line in lines] == ["Tên đầy đủ", ""]
    assert audit_log.count(ws) == 2
    shown = " ".join(f"{label} {value}" for line in lines for label, value in line.details)
    assert "search_key" not in shown and "uid" not in shown and "so tu phap" not in shown


def test_time_is_shown_in_local_time(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        unit_svc.add_unit(ws, "Sở Tư pháp")
        with ws.read() as s:
            stored = s.scalars(select(AuditEntry.at)).one()
        line = audit_log.entries(ws)[0]
        assert line.at - stored == timedelta(hours=7)
        assert line.when == (stored + timedelta(hours=7)).strftime("%d/%m/%Y %H:%M")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_values_read_as_people_write_them(ws: Workspace) -> None:
    uid = unit_svc.add_unit(ws, "Sở Tư pháp", short_name="STP")
    year_id = add_year(ws, 2025)
    join(ws, year_id, uid)
    ws.change("Đổi vai trò", lambda s: setattr(s.scalars(select(Membership)).one(), "role", MemberRole.PHO))
    ws.change("Tỷ lệ nữ", lambda s: setattr(s.scalars(select(Membership)).one(), "female_share_pct", "72.5"))
    ws.change("Hạn đăng ký", lambda s: setattr(s.get(EmulationYear, year_id), "registration_deadline",
                                                date(2025, 3, 15)))
    deadline, share, role, joined = audit_log.entries(ws, limit=4)
    assert (role.what, role.record, role.field, role.old, role.new) == (
        "Thành viên năm", "Sở Tư pháp", "Vai trò", "Thành viên", "Phó khối")
    assert (share.field, share.old, share.new) == ("Tỷ lệ nữ (%)", audit_log.EMPTY, "72,5")
    assert (deadline.subject, deadline.field, deadline.new) == ("Năm thi đua: 2025", "Hạn đăng ký thi đua", "15/03/2025")
    assert ("Năm thi đua", "2025") in joined.details and ("Đơn vị", "Sở Tư pháp") in joined.details
    assert joined.year == 2025


def test_a_deleted_record_is_still_named_from_the_log(ws: Workspace) -> None:
    uid = unit_svc.add_unit(ws, "Sở Tư pháp", short_name="STP")
    unit_svc.set_head(ws, uid, full_name="Trần Văn Bình", post="Giám đốc", start_date=date(2025, 1, 2))
    ws.undo()  # removes the person and the head together
    removed_head = next(line for line in audit_log.entries(ws) if line.entity == "unit_head")
    assert removed_head.action is AuditAction.DELETE and removed_head.summary.startswith("Hoàn tác: ")
    assert ("Cá nhân", "Trần Văn Bình") in removed_head.details
    assert ("Từ ngày", "02/01/2025") in removed_head.details


def test_undo_and_redo_write_their_own_rows(ws: Workspace) -> None:
    uid = unit_svc.add_unit(ws, "Sở Tư pháp", short_name="STP")
    unit_svc.update_unit(ws, uid, short_name="S.TP")
    ws.undo()
    ws.redo()
    summaries = [line.summary for line in audit_log.entries(ws)]
    assert summaries[:2] == ["Làm lại: Sửa thông tin đơn vị STP", "Hoàn tác: Sửa thông tin đơn vị STP"]
    undone = audit_log.entries(ws)[1]
    assert (undone.field, undone.old, undone.new) == ("Tên viết tắt", "S.TP", "STP")


def test_filters_by_year_unit_operator_and_words(ws: Workspace) -> None:
    a = unit_svc.add_unit(ws, "Sở Tư pháp", short_name="STP")
    b = unit_svc.add_unit(ws, "Ban Dân vận Tỉnh ủy", short_name="BDV")
    y24, y25 = add_year(ws, 2024), add_year(ws, 2025)
    join(ws, y24, a)
    ws.operator = "Lê Thị Hoa"
    join(ws, y25, b)
    unit_svc.update_unit(ws, b, note="Đảng ủy cơ sở")

    def summaries(flt: AuditFilter) -> list[str]:
        return [line.summary for line in audit_log.entries(ws, flt)]

    assert summaries(AuditFilter(year=2024)) == ["Thêm đơn vị vào năm", "Tạo năm thi đua 2024"]
    assert [line.unit for line in audit_log.entries(ws, AuditFilter(year=2025))] == ["Ban Dân vận Tỉnh ủy", ""]
    assert summaries(AuditFilter(unit_id=a)) == ["Thêm đơn vị vào năm", "Thêm đơn vị Sở Tư pháp"]
    assert summaries(AuditFilter(operator="Lê Thị Hoa")) == ["Sửa thông tin đơn vị BDV", "Thêm đơn vị vào năm"]
    assert summaries(AuditFilter(text="dang uy")) == ["Sửa thông tin đơn vị BDV"]  # accent-blind, Đ → d
    assert summaries(AuditFilter(text="TƯ PHÁP")) == ["Thêm đơn vị Sở Tư pháp"]
    assert summaries(AuditFilter(text="hoa")) == ["Sửa thông tin đơn vị BDV", "Thêm đơn vị vào năm"]  # operator
    assert summaries(AuditFilter(unit_id=b, operator="Nguyễn Thị Lan")) == ["Thêm đơn vị Ban Dân vận Tỉnh ủy"]
    assert audit_log.count(ws, AuditFilter(unit_id=b)) == 3
    assert audit_log.count(ws, AuditFilter(text="không có đâu")) == 0
    assert audit_log.operators(ws) == ["Lê Thị Hoa", "Nguyễn Thị Lan"]
    assert audit_log.years(ws) == [2025, 2024]


def test_pages_follow_each_other_without_gaps(ws: Workspace) -> None:
    uid = unit_svc.add_unit(ws, "Sở Tư pháp")
    for i in range(6):
        unit_svc.update_unit(ws, uid, note=f"Ghi chú {i}")
    first = audit_log.entries(ws, limit=3)
    second = audit_log.entries(ws, before_id=first[-1].id, limit=3)
    third = audit_log.entries(ws, before_id=second[-1].id, limit=3)
    ids = [line.id for line in first + second + third]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 7
    assert [line.new for line in first] == ["Ghi chú 5", "Ghi chú 4", "Ghi chú 3"]
    assert third[-1].summary == "Thêm đơn vị Sở Tư pháp"


def test_fold_matches_like_search_key() -> None:
    samples = ["Đảng ủy Khối các cơ quan tỉnh", "ỦY BAN NHÂN DÂN", "Trường THPT Dương Minh Châu",
               "Ý Yên", "Ngữ văn", "Đồng Văn", "Hòa Bình"]
    for text in samples:
        assert audit_log.fold(text) == search_key(text)
        assert audit_log.fold(unicodedata.normalize("NFD", text)) == search_key(text)


def test_every_table_and_column_has_a_vietnamese_label() -> None:
    audited = [t for t in Base.metadata.sorted_tables if t.name not in NOT_AUDITED]
    missing_tables = [t.name for t in audited if t.name not in TABLE_LABELS]
    missing_fields = [f"{t.name}.{c.name}" for t in audited for c in t.columns
                      if c.name not in HIDDEN_FIELDS and c.name not in FIELD_LABELS
                      and (t.name, c.name) not in FIELD_OVERRIDES]
    assert missing_tables == [] and missing_fields == []
