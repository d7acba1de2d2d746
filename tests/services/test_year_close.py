"""Closing the year (checklist, read-only, reopening with a reason) and opening the next one."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select
from year_end_fixtures import finish_year_end, hold_year_end_meeting, issue_minutes, lock_year_end

from thidua_desktop.db.models import AuditEntry, EmulationYear, ScoreBand, ScoreTable
from thidua_desktop.domain.enums import MemberRole, ScoreTableState, YearState
from thidua_desktop.services import score_tables, units, years
from thidua_desktop.services.workspace import ChangeRefused, Workspace
from thidua_desktop.services.year_close import close_year, open_next_year, reopen_year, year_checklist


def _roles(ws: Workspace, year_id: int) -> dict[MemberRole, list[int]]:
    found: dict[MemberRole, list[int]] = {role: [] for role in MemberRole}
    for member in years.members(ws, year_id):
        found[member.role].append(member.unit_id)
    return found


def _open_2027(ws: Workspace, year_id: int) -> int:
    members = _roles(ws, year_id)[MemberRole.THANH_VIEN]
    return open_next_year(ws, year_id, leader_unit_id=members[0], deputy_unit_ids=(members[1], members[2])).year_id


def test_checklist_of_a_year_in_progress_says_what_is_missing(ws: Workspace) -> None:
    checklist = year_checklist(ws, years.year_id_of(ws, 2026))
    assert not checklist.ready
    assert [i.key for i in checklist.items] == ["scores", "vote", "minutes", "next_leader"]
    assert checklist.missing == [
        "Kết quả chấm điểm tổng kết năm chưa được khối thông qua và khóa "
        "(trang Chấm điểm → “Thông qua và khóa kết quả”).",
        "Chưa có hội nghị tổng kết năm 2026 trong sổ.",
        "Chưa ban hành biên bản hội nghị tổng kết, bình xét thi đua năm 2026.",
        "Chưa mở năm 2027 với đơn vị Trưởng khối, Phó khối được bầu tại hội nghị tổng kết.",
    ]


def test_checklist_of_a_past_demo_year_lacks_only_the_minutes(ws: Workspace) -> None:
    checklist = year_checklist(ws, years.year_id_of(ws, 2025))
    done = {i.key: i.done for i in checklist.items}
    assert done == {"scores": True, "vote": True, "minutes": False, "next_leader": True}
    leader = next(i for i in checklist.items if i.key == "next_leader")
    assert leader.detail.startswith("Trưởng khối: ") and "Phó khối: " in leader.detail


def test_each_item_turns_done_as_the_work_is_recorded(ws: Workspace) -> None:
    year_id = years.year_id_of(ws, 2026)
    lock_year_end(ws, year_id)
    meeting = hold_year_end_meeting(ws, year_id, vote_closed=False)
    checklist = year_checklist(ws, year_id)
    assert [i.done for i in checklist.items] == [True, False, False, False]
    assert checklist.items[1].detail == "Còn 1 vòng bỏ phiếu chưa kết thúc và công bố kết quả."
    issue_minutes(ws, meeting)
    assert year_checklist(ws, year_id).items[2].detail == "Biên bản số 07/BB-KTĐ ngày 20/12/2026."
    _open_2027(ws, year_id)
    assert [i.done for i in year_checklist(ws, year_id).items] == [True, False, True, True]


def test_closing_is_refused_with_the_missing_items(ws: Workspace) -> None:
    year_id = years.year_id_of(ws, 2026)
    lock_year_end(ws, year_id)
    with pytest.raises(ChangeRefused) as refused:
        close_year(ws, year_id)
    assert refused.value.message.startswith("Chưa khóa sổ được năm 2026, còn thiếu:\n• Chưa có hội nghị tổng kết")
    assert "Chưa mở năm 2027" in refused.value.message


def test_close_then_edits_refused_then_reopen_with_reason_audited(ws: Workspace) -> None:
    year_id = years.year_id_of(ws, 2026)
    finish_year_end(ws, year_id)
    _open_2027(ws, year_id)
    close_year(ws, year_id)
    with ws.read() as s:
        year = s.get(EmulationYear, year_id)
        assert year.state is YearState.CLOSED and year.closed_by == "Thư ký" and year.closed_at is not None
    with pytest.raises(ChangeRefused, match="Năm 2026 đã khóa sổ"):
        years.set_legal_bases(ws, year_id, ["Luật Thi đua, khen thưởng năm 2022"])
    with pytest.raises(ChangeRefused, match="Năm 2026 đã khóa sổ"):
        years.update_year(ws, year_id, theme="Chủ đề khác")
    with pytest.raises(ChangeRefused, match="Năm 2026 đã khóa sổ"):
        years.update_voting_rule(ws, year_id, max_rounds=3)
    with pytest.raises(ChangeRefused, match="không hoàn tác được"):
        ws.undo()  # closing is not taken back by an undo: it needs a reason
    with pytest.raises(ChangeRefused, match="Cần ghi lý do"):
        reopen_year(ws, year_id, "   ")

    state = reopen_year(ws, year_id, "Bổ sung  quyết định khen thưởng của UBND tỉnh")
    assert state is YearState.SCORING  # the state the year had when it was closed
    with ws.read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == "emulation_year",
                                                     AuditEntry.entity_id == year_id)
                            .order_by(AuditEntry.id)).all()
    reopened = [e for e in entries if e.field == "state"][-1]
    assert reopened.summary == "Mở lại năm 2026 đã khóa sổ. Lý do: Bổ sung quyết định khen thưởng của UBND tỉnh"
    assert (json.loads(reopened.old_value), json.loads(reopened.new_value)) == ("closed", "scoring")
    years.set_legal_bases(ws, year_id, ["Luật Thi đua, khen thưởng năm 2022"])  # editable again


def test_open_next_year_rolls_membership_over_with_changes_and_copies_settings(ws: Workspace) -> None:
    year_id = years.year_id_of(ws, 2026)
    roles = _roles(ws, year_id)
    leaving = roles[MemberRole.THANH_VIEN][-1]
    newcomer = units.add_unit(ws, "Sở Khoa học và Công nghệ", short_name="Sở KH&CN")
    retired_earlier = units.add_unit(ws, "Ban Dân vận Tỉnh ủy")
    units.retire_unit(ws, retired_earlier, year=2027)  # not in 2026, must not appear in 2027
    leader, deputy = roles[MemberRole.THANH_VIEN][0], roles[MemberRole.TRUONG][0]
    with ws.read() as s:
        old = s.get(EmulationYear, year_id)
        old.score_bands  # noqa: B018 - load before the session closes
        old_deadline = old.year_end_deadline
    years.update_year(ws, year_id, year_end_deadline=date(2027, 1, 10))

    opened = open_next_year(ws, year_id, leader_unit_id=leader, deputy_unit_ids=(deputy,), joining=(newcomer,),
                            leaving=(leaving,))
    assert opened.year == 2027
    new_roles = _roles(ws, opened.year_id)
    assert new_roles[MemberRole.TRUONG] == [leader] and new_roles[MemberRole.PHO] == [deputy]
    every = {u for ids in new_roles.values() for u in ids}
    assert every == ({u for ids in roles.values() for u in ids} - {leaving}) | {newcomer}

    old, new = years.get_year(ws, year_id), years.get_year(ws, opened.year_id)
    assert [b.text for b in new.legal_bases] == [b.text for b in old.legal_bases] and new.legal_bases
    assert {(q.award_type_id, q.max_count) for q in new.quotas} == {(q.award_type_id, q.max_count)
                                                                     for q in old.quotas}
    assert new.voting_rule.threshold_pct == old.voting_rule.threshold_pct
    assert new.year_end_deadline == date(2028, 1, 10) and old_deadline != new.year_end_deadline
    with ws.read() as s:
        bands = lambda y: sorted((b.min_score, b.label) for b in s.scalars(  # noqa: E731
            select(ScoreBand).where(ScoreBand.year_id == y)))
        assert bands(opened.year_id) == bands(year_id)
        table = s.get(ScoreTable, opened.score_table_id)
        assert table.state is ScoreTableState.DRAFT and table.year_id == opened.year_id
    def outline(table_id: int) -> list[tuple[str, list[str]]]:
        view = score_tables.table_view(ws, table_id)
        return [(s.section.code, [c.criterion.code for c in s.criteria]) for s in view.sections]

    assert outline(opened.score_table_id) == outline(score_tables.versions(ws, year_id)[-1].id)
    assert len(outline(opened.score_table_id)) >= 2
    assert ws.undo_text == "Mở năm thi đua 2027"  # one undoable step
    ws.undo()
    with pytest.raises(ChangeRefused, match="chưa có năm 2027"):
        years.year_id_of(ws, 2027)


def test_open_next_year_refuses_bad_line_ups(ws: Workspace) -> None:
    year_id = years.year_id_of(ws, 2026)
    a, b, c, d = _roles(ws, year_id)[MemberRole.THANH_VIEN][:4]
    with pytest.raises(ChangeRefused, match="tối đa 2 đơn vị Phó khối"):
        open_next_year(ws, year_id, leader_unit_id=a, deputy_unit_ids=(b, c, d))
    with pytest.raises(ChangeRefused, match="một vai trò"):
        open_next_year(ws, year_id, leader_unit_id=a, deputy_unit_ids=(a,))
    with pytest.raises(ChangeRefused, match="không thể rời khối"):
        open_next_year(ws, year_id, leader_unit_id=a, leaving=(a,))
    _open_2027(ws, year_id)
    with pytest.raises(ChangeRefused, match="Sổ đã có năm 2027"):
        _open_2027(ws, year_id)
