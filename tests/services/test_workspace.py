"""The change mechanism: committed at once, audited, undoable and redoable, listeners told."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from thidua_desktop.db.models import AuditEntry, AwardType, Commendation, EmulationYear, Membership, Person, Unit, UnitHead
from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.domain.enums import AuditAction, CommendationSource, MemberRole, YearState
from thidua_desktop.services.workspace import ChangeEvent, ChangeRefused, Workspace


@pytest.fixture
def ws(empty_workbook: Path):
    workspace = Workspace(open_workbook(empty_workbook, operator="Nguyễn Thị Lan"), operator="Nguyễn Thị Lan")
    yield workspace
    workspace.close()


def units(ws: Workspace) -> list[tuple[str, str | None]]:
    with ws.read() as s:
        return [(u.official_name, u.short_name) for u in s.scalars(select(Unit).order_by(Unit.id))]


def add_unit(ws: Workspace, name: str, short: str | None = None) -> int:
    def do(s):
        unit = Unit(official_name=name, short_name=short)
        s.add(unit)
        s.flush()
        return unit.id

    return ws.change(f"Thêm đơn vị {name}", do)


def test_each_change_is_committed_at_once(ws: Workspace, empty_workbook: Path) -> None:
    add_unit(ws, "Sở Tư pháp", "STP")
    other = sqlite3.connect(empty_workbook)  # a second reader sees it: it is on disk
    assert other.execute("SELECT official_name FROM unit").fetchall() == [("Sở Tư pháp",)]
    other.close()


def test_changes_are_audited_with_operator_and_values(ws: Workspace) -> None:
    uid = add_unit(ws, "Sở Tư pháp", "STP")

    def rename(s):
        s.get(Unit, uid).short_name = "S.TP"

    ws.change("Sửa tên viết tắt", rename)
    with ws.read() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert {e.operator for e in entries} == {"Nguyễn Thị Lan"}
    assert entries[0].action is AuditAction.INSERT and entries[0].entity == "unit"
    assert entries[0].unit_id == uid
    upd = [e for e in entries if e.action is AuditAction.UPDATE and e.field == "short_name"]
    assert len(upd) == 1 and upd[0].old_value == '"STP"' and upd[0].new_value == '"S.TP"'
    assert upd[0].summary == "Sửa tên viết tắt"


def test_undo_and_redo_insert_update_delete(ws: Workspace) -> None:
    a = add_unit(ws, "Sở Tư pháp", "STP")
    add_unit(ws, "Ban Dân vận Tỉnh ủy", "BDV")
    ws.change("Đổi tên", lambda s: setattr(s.get(Unit, a), "official_name", "Sở Tư pháp tỉnh Lai Châu"))
    ws.change("Xóa Ban Dân vận", lambda s: s.delete(s.scalars(select(Unit).where(Unit.short_name == "BDV")).one()))
    assert units(ws) == [("Sở Tư pháp tỉnh Lai Châu", "STP")]

    assert ws.undo() == "Xóa Ban Dân vận"
    assert units(ws) == [("Sở Tư pháp tỉnh Lai Châu", "STP"), ("Ban Dân vận Tỉnh ủy", "BDV")]
    assert ws.undo() == "Đổi tên"
    assert units(ws)[0] == ("Sở Tư pháp", "STP")
    with ws.read() as s:  # the search key follows the name back
        assert s.get(Unit, a).search_key == "so tu phap stp"
    assert ws.redo() == "Đổi tên"
    assert units(ws)[0] == ("Sở Tư pháp tỉnh Lai Châu", "STP")
    assert ws.redo() == "Xóa Ban Dân vận"
    assert ws.redo() is None
    for _ in range(4):
        ws.undo()
    assert units(ws) == [] and ws.undo() is None
    with ws.read() as s:
        summaries = [e.summary for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert "Hoàn tác: Xóa Ban Dân vận" in summaries and "Làm lại: Đổi tên" in summaries


def test_undo_restores_typed_values(ws: Workspace) -> None:
    """Dates, points and enums survive the trip through the log."""
    def setup(s):
        unit, year = Unit(official_name="Báo Lai Châu"), EmulationYear(year=2026, registration_deadline=date(2026, 1, 5))
        s.add_all([unit, year])
        s.flush()
        s.add(Membership(year_id=year.id, unit_id=unit.id, role=MemberRole.PHO, female_share_pct=Decimal("72.5")))

    ws.change("Lập năm 2026", setup)

    def edit(s):
        m = s.scalars(select(Membership)).one()
        m.role, m.female_share_pct = MemberRole.TRUONG, Decimal("60")
        s.scalars(select(EmulationYear)).one().registration_deadline = date(2026, 1, 10)

    ws.change("Sửa", edit)
    ws.undo()
    with ws.read() as s:
        m = s.scalars(select(Membership)).one()
        assert (m.role, m.female_share_pct) == (MemberRole.PHO, Decimal("72.50"))
        assert s.scalars(select(EmulationYear)).one().registration_deadline == date(2026, 1, 5)
    ws.undo()
    ws.redo()
    with ws.read() as s:
        assert s.scalars(select(Membership)).one().female_share_pct == Decimal("72.50")


def test_undo_of_several_related_rows(ws: Workspace) -> None:
    def add_with_head(s):
        unit = Unit(official_name="Ủy ban Kiểm tra Tỉnh ủy")
        person = Person(full_name="Lò Văn Hùng")
        s.add_all([unit, person])
        s.flush()
        s.add(UnitHead(unit_id=unit.id, person_id=person.id, post="Chủ nhiệm"))

    ws.change("Thêm đơn vị và thủ trưởng", add_with_head)
    ws.undo()  # children first, or the foreign keys would refuse
    with ws.read() as s:
        assert s.scalars(select(UnitHead)).all() == [] and s.scalars(select(Unit)).all() == []
    ws.redo()
    with ws.read() as s:
        assert s.scalars(select(UnitHead.post)).one() == "Chủ nhiệm"


def test_listeners_hear_every_change_undo_and_redo(ws: Workspace) -> None:
    heard: list[ChangeEvent] = []
    ws.subscribe(heard.append)
    add_unit(ws, "Sở Tư pháp")
    ws.undo()
    ws.redo()
    assert [e.kind for e in heard] == ["change", "undo", "redo"]
    assert all(e.tables == {"unit"} for e in heard)


def test_a_new_change_clears_redo(ws: Workspace) -> None:
    add_unit(ws, "A")
    ws.undo()
    add_unit(ws, "B")
    assert ws.redo() is None and ws.undo_text == "Thêm đơn vị B"


def test_failed_change_leaves_nothing(ws: Workspace) -> None:
    def broken(s):
        s.add(Unit(official_name="Sở Công Thương"))
        s.flush()
        raise ValueError("lỗi giữa chừng")

    with pytest.raises(ValueError):
        ws.change("Hỏng", broken)
    assert units(ws) == []
    with ws.read() as s:
        assert s.scalars(select(AuditEntry)).all() == []
    assert ws.undo() is None


def test_closed_year_refuses_edits(ws: Workspace) -> None:
    def setup(s):
        s.add_all([Unit(official_name="Sở Y tế"), EmulationYear(year=2025, state=YearState.CLOSED)])

    ws.change("Lập năm", setup)

    def join(s):
        y = s.scalars(select(EmulationYear)).one()
        u = s.scalars(select(Unit)).one()
        s.add(Membership(year_id=y.id, unit_id=u.id))

    with pytest.raises(ChangeRefused, match="Năm 2025 đã khóa sổ"):
        ws.change("Thêm thành viên", join)
    with ws.read() as s:
        assert s.scalars(select(Membership)).all() == []


def test_the_register_of_a_closed_year_stays_editable_and_undoable(ws: Workspace) -> None:
    """Decisions and printed certificates come after the year is closed: the register is not the year's."""
    def setup(s):
        unit = Unit(official_name="Sở Y tế")
        s.add_all([unit, EmulationYear(year=2025, state=YearState.CLOSED)])
        s.flush()
        award = s.scalars(select(AwardType)).first()
        s.add(Commendation(year=2025, award_type_id=award.id, unit_id=unit.id, recipient_name="Sở Y tế",
                           source=CommendationSource.EXTERNAL))

    ws.change("Lập năm", setup)

    def printed(s):
        s.scalars(select(Commendation)).one().printed_at = datetime(2026, 3, 20, 9, 0)

    ws.change("In bằng khen", printed)
    assert ws.undo() == "In bằng khen"
    with ws.read() as s:
        assert s.scalars(select(Commendation)).one().printed_at is None


def test_read_only_workbook_refuses_changes(empty_workbook: Path) -> None:
    os.chmod(empty_workbook, 0o444)
    ws = Workspace(open_workbook(empty_workbook, operator="x"), operator="x")
    try:
        with pytest.raises(ChangeRefused, match="chỉ đọc"):
            add_unit(ws, "Sở Xây dựng")
    finally:
        ws.close()


def test_history_survives_reopening(ws: Workspace, empty_workbook: Path) -> None:
    add_unit(ws, "Sở Tư pháp")
    ws.close()
    again = Workspace(open_workbook(empty_workbook, operator="Người khác"), operator="Người khác")
    try:
        assert units(again) == [("Sở Tư pháp", None)]
        with again.read() as s:
            assert s.scalars(select(AuditEntry.operator)).all() == ["Nguyễn Thị Lan"]
    finally:
        again.close()
