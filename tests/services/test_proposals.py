"""From the meeting's results to proposals, then the province's decision: statuses, số sổ vàng
in the decision's order, and the commendations ready for the certificates."""

from __future__ import annotations

from datetime import date

import pytest

from thidua_desktop.db.models import EmulationYear
from thidua_desktop.domain.enums import CommendationSource, ProposalStatus, YearState
from thidua_desktop.services import proposals, voting, years
from thidua_desktop.services.proposals import DecisionFields
from thidua_desktop.services.register import award_type_id
from thidua_desktop.services.workspace import ChangeRefused, Workspace



@pytest.fixture
def voted(ws: Workspace) -> tuple[int, int]:
    """The current year after a vote: two flags and one certificate of merit chosen."""
    year_id = years.year_id_of(ws, max(y.year for y in years.list_years(ws)))
    meeting = voting.year_end_meeting(ws, year_id)
    flag = voting.open_round(ws, meeting, award_type_id(ws, "CO_TINH"))
    ids = [c.candidate_id for c in voting.round_view(ws, flag).candidates]
    voting.enter_tally(ws, flag, issued=9, returned=9, valid=9, invalid=0, votes={ids[0]: 9, ids[1]: 8, ids[2]: 1})
    merit = voting.open_round(ws, meeting, award_type_id(ws, "BK_TINH"))
    ids = [c.candidate_id for c in voting.round_view(ws, merit).candidates]
    voting.enter_tally(ws, merit, issued=9, returned=9, valid=9, invalid=0, votes={ids[0]: 7, ids[1]: 2})
    return year_id, meeting


def test_the_past_years_proposals_read_with_their_decisions(ws: Workspace) -> None:
    past = years.list_years(ws)[0]
    rows = proposals.list_proposals(ws, past.id)
    decided = [r for r in rows if r.status is ProposalStatus.DECIDED]
    assert decided and all(r.decision_number and r.golden_book_no for r in decided)
    assert {r.award_name for r in decided} >= {"Cờ thi đua của Ủy ban nhân dân tỉnh"}


def test_results_become_proposals_then_a_decision_numbers_the_golden_book(ws: Workspace,
                                                                          voted: tuple[int, int]) -> None:
    year_id, meeting = voted
    created = proposals.propose_from_meeting(ws, meeting)
    assert len(created) == 3
    with pytest.raises(ChangeRefused, match="Không có kết quả bình xét mới"):
        proposals.propose_from_meeting(ws, meeting)
    rows = proposals.list_proposals(ws, year_id)
    flags = [r for r in rows if r.award_name.startswith("Cờ thi đua")]
    assert [r.position for r in flags] == [1, 2] and all(r.status is ProposalStatus.PROPOSED for r in rows)
    assert flags[0].achievement.startswith("Đã hoàn thành xuất sắc toàn diện nhiệm vụ")
    assert proposals.quota_warnings(ws, year_id) == []

    for r in flags:
        proposals.set_status(ws, r.proposal_id, ProposalStatus.SENT, sent_on=date(2027, 1, 5))
        proposals.set_status(ws, r.proposal_id, ProposalStatus.PASSED_COUNCIL)
    with pytest.raises(ChangeRefused, match="khi ghi quyết định"):
        proposals.set_status(ws, flags[0].proposal_id, ProposalStatus.DECIDED)

    fields = DecisionFields("215/QĐ-UBND", date(2027, 2, 10), "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu",
                            "Lê Văn Lương", "Chủ tịch Ủy ban nhân dân tỉnh")
    order = [flags[1].proposal_id, flags[0].proposal_id]  # the decision lists them the other way round
    decision = proposals.record_decision(ws, year_id, award_type_id(ws, "CO_TINH"), fields, order, first_golden_no=17)
    given = proposals.commendations_of_decision(ws, decision)
    assert [(c.recipient_name, c.golden_book_no) for c in given] == [(flags[1].recipient_name, 17),
                                                                      (flags[0].recipient_name, 18)]
    assert all(c.source is CommendationSource.BLOC and c.decision_number == "215/QĐ-UBND" for c in given)
    assert given[0].recipient_detail == flags[1].recipient_detail
    after = {r.proposal_id: r for r in proposals.list_proposals(ws, year_id)}
    assert after[flags[0].proposal_id].status is ProposalStatus.DECIDED
    assert after[flags[0].proposal_id].golden_book_no == 18

    with pytest.raises(ChangeRefused, match="Đã có quyết định"):
        proposals.record_decision(ws, year_id, award_type_id(ws, "CO_TINH"), fields, order)
    merit = next(r for r in rows if r.award_name.startswith("Bằng khen"))
    with pytest.raises(ChangeRefused, match="không phải Cờ thi đua"):
        proposals.record_decision(ws, year_id, award_type_id(ws, "CO_TINH"), fields, [merit.proposal_id])
    with pytest.raises(ChangeRefused, match="Chưa nhập số quyết định"):
        proposals.record_decision(ws, year_id, award_type_id(ws, "BK_TINH"),
                                  DecisionFields(" ", date(2027, 2, 10), "Chủ tịch"), [merit.proposal_id])


def test_a_third_flag_proposal_warns_about_the_quota(ws: Workspace, voted: tuple[int, int]) -> None:
    year_id, meeting = voted
    proposals.propose_from_meeting(ws, meeting)
    chosen = {c.unit_id for c in voting.passed_candidates(ws, meeting)}
    other = next(r.unit_id for r in voting.year_end_ranking(ws, year_id) if r.unit_id not in chosen)
    proposals.add_proposal(ws, year_id, award_type_id(ws, "CO_TINH"), unit_id=other)
    assert proposals.quota_warnings(ws, year_id) == [
        "Số đề nghị Cờ thi đua của Ủy ban nhân dân tỉnh (3) vượt chỉ tiêu của Khối (2). Chương trình vẫn ghi nhận; "
        "đề nghị kiểm tra lại trước khi trình."]


def test_the_decision_is_recorded_after_the_year_was_closed(ws: Workspace, voted: tuple[int, int]) -> None:
    """The province answers in spring, after the year-end meeting closed the year (or in the next
    leader's file): its decision is recorded and undone; the bloc's own proposals stay as closed."""
    year_id, meeting = voted
    created = proposals.propose_from_meeting(ws, meeting)

    def close(s) -> None:  # noqa: ANN001
        s.get(EmulationYear, year_id).state = YearState.HANDED_OVER

    ws.change("Bàn giao năm", close)
    with pytest.raises(ChangeRefused, match="đã khóa sổ"):
        proposals.add_proposal(ws, year_id, award_type_id(ws, "BK_TINH"), unit_id=years.members(ws, year_id)[0].unit_id)
    flags = [r for r in proposals.list_proposals(ws, year_id) if r.award_name.startswith("Cờ thi đua")]
    proposals.set_status(ws, flags[0].proposal_id, ProposalStatus.SENT, sent_on=date(2027, 1, 5))
    fields = DecisionFields("215/QĐ-UBND", date(2027, 3, 10), "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu")
    decision = proposals.record_decision(ws, year_id, award_type_id(ws, "CO_TINH"), fields,
                                         [r.proposal_id for r in flags])
    assert [c.golden_book_no for c in proposals.commendations_of_decision(ws, decision)] == [1, 2]
    ws.undo()
    assert all(r.status is not ProposalStatus.DECIDED for r in proposals.list_proposals(ws, year_id))
    assert len(created) == 3
