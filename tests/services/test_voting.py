"""The year-end bình xét on the demo bloc: attendance, candidates from the ranking, tallies,
results with explanations, a second round, quotas, and closed years left alone."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from thidua_desktop.db.models import Meeting, VoteCandidate
from thidua_desktop.domain.enums import MeetingKind
from thidua_desktop.services import voting, years
from thidua_desktop.services.register import award_type_id
from thidua_desktop.services.workspace import ChangeRefused, Workspace


@pytest.fixture
def current(ws: Workspace) -> int:
    return years.year_id_of(ws, max(y.year for y in years.list_years(ws)))


def test_past_rounds_of_the_demo_read_back_as_they_were_counted(ws: Workspace) -> None:
    for year in years.list_years(ws)[:-1]:
        meeting = voting.year_end_meeting(ws, year.id)
        views = voting.rounds(ws, meeting)
        assert views, year.year
        for view in views:
            assert view.result is not None
            assert [c.passed for c in view.candidates] == [r.passed for r in view.result.candidates]
        assert voting.passed_candidates(ws, meeting)


def test_a_whole_vote_on_the_current_year(ws: Workspace, current: int) -> None:
    meeting = voting.year_end_meeting(ws, current)
    assert voting.year_end_meeting(ws, current) == meeting
    rows = voting.attendance(ws, meeting)
    assert len(rows) == 9 and all(r.present for r in rows)
    voting.set_attendance(ws, meeting, rows[0].unit_id, present=False, note="Vắng có lý do")
    ranking = voting.year_end_ranking(ws, current)
    flag = voting.open_round(ws, meeting, award_type_id(ws, "CO_TINH"))
    view = voting.round_view(ws, flag)
    assert view.places == 2 and view.quota_warning is None
    eligible = [r.unit_id for r in ranking if not r.disqualified][:3]
    assert [c.unit_id for c in view.candidates] == eligible
    ids = [c.candidate_id for c in view.candidates]

    with pytest.raises(ChangeRefused) as refused:
        voting.enter_tally(ws, flag, issued=8, returned=8, valid=9, invalid=0, votes={ids[0]: 10, ids[1]: 1, ids[2]: 0})
    assert "Số phiếu hợp lệ (9) nhiều hơn số phiếu thu vào (8)." in refused.value.message
    assert "được 10 phiếu, nhiều hơn số phiếu hợp lệ (9)" in refused.value.message
    assert voting.round_view(ws, flag).result is None  # nothing stored

    result = voting.enter_tally(ws, flag, issued=8, returned=8, valid=8, invalid=0,
                                votes={ids[0]: 8, ids[1]: 7, ids[2]: 1})
    assert [c.key for c in result.passed] == ids[:2]
    stored = voting.round_view(ws, flag)
    assert stored.eligible_voters == 9 and stored.voters_present == 8
    assert stored.candidates[0].explanation == \
        "Đạt: 8/9 phiếu (88,89% tổng số đơn vị thành viên), trên 50%; xếp thứ 1."

    merit = voting.open_round(ws, meeting, award_type_id(ws, "BK_TINH"))
    view = voting.round_view(ws, merit)
    assert view.places == 1 and not {c.unit_id for c in view.candidates} & set(eligible[:2])
    votes = {c.candidate_id: 0 for c in view.candidates}
    votes[view.candidates[0].candidate_id] = 6
    voting.enter_tally(ws, merit, issued=8, returned=8, valid=7, invalid=1, votes=votes)
    chosen = voting.passed_candidates(ws, meeting)
    assert [c.unit_id for c in chosen] == [*eligible[:2], view.candidates[0].unit_id]


def test_second_round_fills_the_open_place_and_rounds_are_capped(ws: Workspace, current: int) -> None:
    meeting = voting.year_end_meeting(ws, current)
    merit = voting.open_round(ws, meeting, award_type_id(ws, "BK_TINH"), places=1)
    ids = [c.candidate_id for c in voting.round_view(ws, merit).candidates]
    first = voting.enter_tally(ws, merit, issued=9, returned=9, valid=9, invalid=0, votes={ids[0]: 4, ids[1]: 4})
    assert first.open_places == 1 and first.next_round == tuple(ids)
    second = voting.open_next_round(ws, merit)
    view = voting.round_view(ws, second)
    assert view.round_no == 2 and view.places == 1 and len(view.candidates) == 2
    with pytest.raises(ChangeRefused, match="Đã có vòng bỏ phiếu sau"):
        voting.enter_tally(ws, merit, issued=9, returned=9, valid=9, invalid=0, votes={ids[0]: 6, ids[1]: 3})
    new_ids = [c.candidate_id for c in view.candidates]
    result = voting.enter_tally(ws, second, issued=9, returned=9, valid=9, invalid=0,
                                votes={new_ids[0]: 3, new_ids[1]: 6})
    assert [c.key for c in result.passed] == [new_ids[1]]
    with pytest.raises(ChangeRefused, match="chọn đủ số suất"):
        voting.open_next_round(ws, second)


def test_more_places_than_the_quota_warn_but_go_ahead(ws: Workspace, current: int) -> None:
    meeting = voting.year_end_meeting(ws, current)
    flag = voting.open_round(ws, meeting, award_type_id(ws, "CO_TINH"), places=3)
    view = voting.round_view(ws, flag)
    assert view.places == 3 and len(view.candidates) == 4
    assert "vượt chỉ tiêu của Khối (2)" in view.quota_warning


def test_candidates_can_be_edited_until_counted(ws: Workspace, current: int) -> None:
    meeting = voting.year_end_meeting(ws, current)
    ranking = voting.year_end_ranking(ws, current)
    flag = voting.open_round(ws, meeting, award_type_id(ws, "CO_TINH"))
    chosen = [ranking[4].unit_id, ranking[0].unit_id]
    voting.set_candidates(ws, flag, chosen)
    assert [c.unit_id for c in voting.round_view(ws, flag).candidates] == chosen
    with pytest.raises(ChangeRefused, match="hai lần"):
        voting.set_candidates(ws, flag, [chosen[0], chosen[0]])


def test_closed_years_are_read_only(ws: Workspace) -> None:
    past = years.list_years(ws)[-2]
    with ws.read() as s:
        meeting = s.scalars(select(Meeting.id).where(Meeting.year_id == past.id,
                                                     Meeting.kind == MeetingKind.YEAR_END)).one()
        before = s.scalars(select(VoteCandidate.passed)).all()
    unit = voting.attendance(ws, meeting)[0].unit_id
    with pytest.raises(ChangeRefused, match="đã khóa sổ"):
        voting.set_attendance(ws, meeting, unit, present=False)
    with pytest.raises(ChangeRefused, match="đã khóa sổ"):
        voting.open_round(ws, meeting, award_type_id(ws, "CO_CP"))
    with ws.read() as s:
        assert s.scalars(select(VoteCandidate.passed)).all() == before
