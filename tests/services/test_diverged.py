"""Two copies of the demo workbook that both changed after they parted: compare lists exactly
what each changed, and merge writes a third file holding the user's picks."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from diverged_copies import Parted, make_parted, opened
from sqlalchemy import select

from thidua_desktop.db.models import AuditEntry, Person, Unit
from thidua_desktop.db.workbook_file import create_workbook
from thidua_desktop.services.diverged import ABSENT, DivergenceError, Side, compare, merge


@pytest.fixture
def parted(demo_workbook: Path, tmp_path: Path) -> Parted:
    return make_parted(demo_workbook, tmp_path)


def test_compare_lists_exactly_what_each_copy_changed(parted: Parted) -> None:
    before = {p: p.read_bytes() for p in (parted.a, parted.b)}
    d = compare(parted.a, parted.b)
    u = parted.uid
    assert {x.key for x in d.only_a} == {f"unit:{u['u1']}:phone", f"unit:{u['KHCN']}:", f"person:{u['Chung']}:"}
    assert {x.key for x in d.only_b} == {f"unit:{u['u3']}:address", f"unit:{u['Ngoại vụ']}:",
                                         f"person:{u['Bình']}:", f"person:{u['Xóa']}:"}
    assert [x.key for x in d.conflicts] == [f"unit:{u['u2']}:phone"]
    conflict = d.conflicts[0]
    assert (conflict.what, conflict.field_label, conflict.a, conflict.b) == (
        "Đơn vị", "Điện thoại", "0213 3876 222", "0213 3876 999")
    assert conflict.record and conflict.record in conflict.subject
    deleted_in_a = d.difference(f"person:{u['Chung']}:")
    assert deleted_in_a.a == ABSENT and "Nguyễn Văn Chung" in deleted_in_a.b and deleted_in_a.before == deleted_in_a.b
    added_in_b = d.difference(f"person:{u['Bình']}:")
    assert added_in_b.a == ABSENT and added_in_b.before == ABSENT
    assert "Sở Ngoại vụ tỉnh Lai Châu" in added_in_b.b  # the reference told by name, not by id

    # Grouped per user action, each with its words and the differences it touched.
    assert d.common is not None and d.common.summary.startswith("Thêm")
    summaries_a = [x.summary for x in d.actions_a]
    assert len(summaries_a) == 7  # the undone edit and its undo are listed: nothing is hidden
    assert any(x.summary.startswith("Hoàn tác") and not x.keys for x in d.actions_a)
    assert {x.operator for x in d.actions_b} == {"Trưởng khối mới"}
    assert [len(x.keys) for x in d.actions_b] == [1, 1, 0, 1, 1, 1]
    assert {p: p.read_bytes() for p in (parted.a, parted.b)} == before


def test_merge_writes_a_new_file_with_the_picks(parted: Parted, tmp_path: Path) -> None:
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (parted.a, parted.b)}
    d = compare(parted.a, parted.b)
    u = parted.uid
    decisions = {x.key: Side.B for x in d.differences}  # take everything B did …
    decisions[f"unit:{u['u2']}:phone"] = Side.B  # … its side of the conflict …
    decisions[f"person:{u['Xóa']}:"] = Side.A  # … but keep the person B removed
    decisions[f"unit:{u['KHCN']}:"] = Side.A  # and A's own additions and edits
    decisions[f"unit:{u['u1']}:phone"] = Side.A
    # and drop A's removal of "Nguyễn Văn Chung" (decided B: he exists in B)
    merged = merge(parted.a, parted.b, tmp_path / "Bản gộp.thidua", decisions, operator="Thư ký")

    with opened(merged) as ws, ws.read() as s:
        by_uid = {x.uid: x for x in s.scalars(select(Unit))}
        people = {x.uid: x for x in s.scalars(select(Person))}
        assert by_uid[u["u1"]].phone == "0213 3876 111"
        assert by_uid[u["u2"]].phone == "0213 3876 999"
        assert by_uid[u["u3"]].address == "Số 1, đường Trần Hưng Đạo"
        assert u["KHCN"] in by_uid and u["Ngoại vụ"] in by_uid
        assert by_uid[u["KHCN"]].id != by_uid[u["Ngoại vụ"]].id
        assert people[u["Bình"]].unit_id == by_uid[u["Ngoại vụ"]].id  # re-pointed by uid
        assert u["Chung"] in people and u["Xóa"] in people
        assert ws.workbook.integrity_report() == ["ok"]
        merge_rows = s.scalars(select(AuditEntry).where(AuditEntry.summary.like("Gộp hai bản sao%"))).all()
        assert {(r.entity, r.action.value, r.field) for r in merge_rows} >= {
            ("unit", "insert", None), ("person", "insert", None), ("unit", "update", "phone"),
            ("unit", "update", "address")}
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (parted.a, parted.b)} == before
    after = compare(merged, parted.b)
    assert {x.key for x in after.differences} == {f"unit:{u['u1']}:phone", f"unit:{u['KHCN']}:",
                                                  f"person:{u['Xóa']}:"}


def test_merge_refuses_undecided_changes_and_keeps_no_half_file(parted: Parted, tmp_path: Path) -> None:
    d = compare(parted.a, parted.b)
    decisions = {x.key: Side.A for x in d.differences[1:]}
    with pytest.raises(DivergenceError, match="Còn 1 thay đổi chưa chọn") as refused:
        merge(parted.a, parted.b, tmp_path / "gộp.thidua", decisions, operator="Thư ký")
    assert d.differences[0].what in refused.value.message
    assert not (tmp_path / "gộp.thidua").exists()
    with pytest.raises(DivergenceError, match="tệp mới"):
        merge(parted.a, parted.b, parted.b, {x.key: Side.A for x in d.differences}, operator="Thư ký")


def test_merge_refuses_a_pick_that_breaks_a_reference(parted: Parted, tmp_path: Path) -> None:
    d = compare(parted.a, parted.b)
    decisions = {x.key: Side.B for x in d.differences}
    decisions[f"unit:{parted.uid['Ngoại vụ']}:"] = Side.A  # keep B's person but not B's unit she belongs to
    dest = tmp_path / "gộp.thidua"
    with pytest.raises(DivergenceError, match="Không gộp được"):
        merge(parted.a, parted.b, dest, decisions, operator="Thư ký")
    assert not dest.exists()


def test_copies_of_different_blocs_are_refused(parted: Parted, tmp_path: Path) -> None:
    other = create_workbook(tmp_path / "Khối khác.thidua", bloc_name="Cụm thi đua các huyện")
    with pytest.raises(DivergenceError, match="hai khối thi đua khác nhau"):
        compare(parted.a, other)


def test_identical_copies_have_not_diverged(parted: Parted, tmp_path: Path) -> None:
    twin = tmp_path / "bản sao y hệt.thidua"
    shutil.copyfile(parted.a, twin)
    d = compare(parted.a, twin)
    assert not d.diverged and d.actions_a == d.actions_b == ()


def test_merge_starts_from_the_copy_that_was_not_handed_over(parted: Parted, tmp_path: Path) -> None:
    """The old leader's original is marked handed over (read-only): the merge must stay editable."""
    from datetime import datetime

    from thidua_desktop.db.handover_mark import HandoverMark

    mark = HandoverMark(at=datetime(2026, 11, 20, 8, 0), to="Ban Tổ chức Tỉnh ủy", sha256="0" * 64, year=2027)
    with closing(sqlite3.connect(parted.a)) as conn, conn:
        conn.executemany("INSERT OR REPLACE INTO workbook_meta (key, value) VALUES (?, ?)", mark.meta().items())
    u = parted.uid
    d = compare(parted.a, parted.b)
    decisions = {x.key: Side.A for x in d.differences}
    decisions[f"unit:{u['u3']}:address"] = Side.B
    merged = merge(parted.a, parted.b, tmp_path / "gộp.thidua", decisions, operator="Thư ký")
    with opened(merged) as ws, ws.read() as s:
        assert not ws.read_only
        by_uid = {x.uid: x for x in s.scalars(select(Unit))}
        assert by_uid[u["u2"]].phone == "0213 3876 222" and by_uid[u["u1"]].phone == "0213 3876 111"
        assert by_uid[u["u3"]].address == "Số 1, đường Trần Hưng Đạo"
        assert u["KHCN"] in by_uid and u["Ngoại vụ"] not in by_uid
        summaries = set(s.scalars(select(AuditEntry.summary).where(AuditEntry.summary.like("Gộp hai bản sao%"))))
    assert summaries == {f"Gộp hai bản sao: lấy 7 thay đổi từ bản “{parted.a.name}”"}
