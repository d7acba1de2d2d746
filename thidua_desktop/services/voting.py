"""The bình xét at the year-end meeting: attendance by unit, candidates per award from the
year-end ranking, tallies per round counted under the year's rules (domain/voting.py), the
result and its explanation stored on each candidate, and a second round for open places.

Rounds and attendance carry no year of their own, so every edit here checks that the
meeting's year is still open (the Workspace guards only rows with a year).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import (
    Attendance,
    AwardType,
    EmulationYear,
    EvaluationPeriod,
    Meeting,
    Membership,
    Person,
    Proposal,
    Quota,
    Unit,
    VoteCandidate,
    VoteRound,
    VotingRule,
)
from thidua_desktop.domain import voting as rules_of
from thidua_desktop.domain.enums import MeetingKind, PeriodKind
from thidua_desktop.domain.text import clean, vi_sort_key
from thidua_desktop.domain.voting import Candidate, RoundResult, Tally, VoteRules

from .scoring import period_results
from .workspace import ChangeRefused, Workspace


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    unit_id: int
    unit_name: str
    present: bool
    representative_name: str | None
    representative_post: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class RankedUnit:
    """A unit as the year-end ranking placed it; disqualified units are not proposed."""

    unit_id: int
    name: str
    total: Decimal
    rank: int
    position: int
    disqualified: bool
    penalty: Decimal
    grade_a_count: int
    female_share_pct: Decimal | None


@dataclass(frozen=True, slots=True)
class CandidateRow:
    candidate_id: int
    unit_id: int | None
    person_id: int | None
    name: str
    total_score: Decimal | None
    rank: int | None
    votes_for: int | None
    passed: bool | None
    explanation: str | None


@dataclass(frozen=True, slots=True)
class RoundView:
    """A round as the tally grid and the minutes show it; ``result`` once counted."""

    round_id: int
    meeting_id: int
    award_type_id: int
    award_name: str
    round_no: int
    places: int
    eligible_voters: int | None
    voters_present: int | None
    ballots_issued: int | None
    ballots_returned: int | None
    ballots_valid: int | None
    ballots_invalid: int | None
    closed: bool
    rules: VoteRules
    candidates: tuple[CandidateRow, ...]
    result: RoundResult | None
    quota_warning: str | None


@dataclass(frozen=True, slots=True)
class PassedCandidate:
    """Who the meeting chose, for the proposals and the minutes."""

    candidate_id: int
    award_type_id: int
    unit_id: int | None
    person_id: int | None
    name: str
    total_score: Decimal | None
    rank: int | None
    round_no: int


# --- the meeting and its attendance ------------------------------------------------------------


def _year_of_meeting(s: Session, meeting_id: int) -> tuple[Meeting, EmulationYear]:
    meeting = s.get(Meeting, meeting_id)
    if meeting is None:
        raise ChangeRefused("Không tìm thấy cuộc họp.")
    return meeting, s.get(EmulationYear, meeting.year_id)


def _editable(s: Session, meeting_id: int) -> tuple[Meeting, EmulationYear]:
    meeting, year = _year_of_meeting(s, meeting_id)
    if year.state.read_only:
        raise ChangeRefused(f"Năm {year.year} đã khóa sổ ({year.state.label.lower()}), không sửa được.")
    return meeting, year


def find_year_end_meeting(ws: Workspace, year_id: int) -> int | None:
    """The year's bình xét meeting, if it has one."""
    with ws.read() as s:
        return s.scalars(select(Meeting.id).where(Meeting.year_id == year_id, Meeting.kind == MeetingKind.YEAR_END)
                         .order_by(Meeting.id)).first()


def year_end_meeting(ws: Workspace, year_id: int) -> int:
    """The year's bình xét meeting, created (every member unit marked present) if missing."""
    found = find_year_end_meeting(ws, year_id)
    if found is not None:
        return found
    with ws.read() as s:
        year = s.get(EmulationYear, year_id)
    if year.state.read_only:
        raise ChangeRefused(f"Năm {year.year} đã khóa sổ, không tạo được hội nghị bình xét.")

    def do(s: Session) -> int:
        meeting = Meeting(year_id=year_id, kind=MeetingKind.YEAR_END,
                          title=f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {year.year}, bình xét, suy tôn "
                                "các đơn vị dẫn đầu")
        units = s.scalars(select(Membership.unit_id).where(Membership.year_id == year_id)).all()
        meeting.attendance.extend(Attendance(unit_id=u, present=True) for u in units)
        s.add(meeting)
        s.flush()
        return meeting.id

    return ws.change(f"Tạo hội nghị bình xét năm {year.year}", do)


def attendance(ws: Workspace, meeting_id: int) -> list[AttendanceRow]:
    """Every member unit of the meeting's year, present or not, in Vietnamese order."""
    with ws.read() as s:
        meeting = s.get(Meeting, meeting_id)
        marked = {a.unit_id: a for a in meeting.attendance}
        units = s.execute(select(Unit.id, Unit.official_name).join(Membership, Membership.unit_id == Unit.id)
                          .where(Membership.year_id == meeting.year_id)).all()
    rows = []
    for unit_id, name in units:
        a = marked.get(unit_id)
        rows.append(AttendanceRow(unit_id, name, a is not None and a.present, a.representative_name if a else None,
                                  a.representative_post if a else None, a.note if a else None))
    return sorted(rows, key=lambda r: vi_sort_key(r.unit_name))


def set_attendance(ws: Workspace, meeting_id: int, unit_id: int, *, present: bool,
                   representative_name: str | None = None, representative_post: str | None = None,
                   note: str | None = None) -> None:
    def do(s: Session) -> None:
        meeting, _ = _editable(s, meeting_id)
        row = next((a for a in meeting.attendance if a.unit_id == unit_id), None)
        if row is None:
            row = Attendance(unit_id=unit_id)
            meeting.attendance.append(row)
        row.present = present
        row.representative_name = clean(representative_name) or None
        row.representative_post = clean(representative_post) or None
        row.note = clean(note) or None

    with ws.read() as s:
        name = s.get(Unit, unit_id).official_name
    ws.change(f"Điểm danh {name}: {'có mặt' if present else 'vắng'}", do)


# --- the ranking the candidates come from ------------------------------------------------------


def year_end_ranking(ws: Workspace, year_id: int) -> list[RankedUnit]:
    """The year-end ranking (agreed totals, the year's tie-break order), in position order."""
    with ws.read() as s:
        period_id = s.scalars(select(EvaluationPeriod.id).where(EvaluationPeriod.year_id == year_id,
                                                                EvaluationPeriod.kind == PeriodKind.YEAR_END)).first()
    if period_id is None:
        raise ChangeRefused("Năm này chưa có kỳ tổng kết để lấy kết quả xếp hạng.")
    results = period_results(ws, period_id)
    return [RankedUnit(r.unit.id, r.unit.name, r.agreed.total, r.rank, r.position, r.agreed.disqualified,
                       r.agreed.penalty, r.agreed.grade_a_count, r.unit.female_share_pct) for r in results.rows]


# --- rounds ------------------------------------------------------------------------------------


def year_rules(s: Session, year_id: int) -> VoteRules:
    rule = s.scalars(select(VotingRule).where(VotingRule.year_id == year_id)).first()
    if rule is None:
        return VoteRules.from_mapping({})
    return VoteRules.from_mapping({k: getattr(rule, k) for k in ("voters", "denominator", "threshold_pct",
                                                                   "threshold_strict", "quorum_pct", "secret_ballot",
                                                                   "self_vote_allowed", "max_rounds",
                                                                   "tie_break_order")})


def quota_of(s: Session, year_id: int, award_type_id: int) -> int | None:
    """The year's cap on proposals of an award type (None: no cap)."""
    quota = s.scalars(select(Quota).where(Quota.year_id == year_id, Quota.award_type_id == award_type_id)).first()
    if quota is None:
        return None
    members = s.scalar(select(func.count()).select_from(Membership).where(Membership.year_id == year_id))
    return rules_of.quota_limit(quota.max_count, quota.max_percent, quota.rounding, members)


def open_round(ws: Workspace, meeting_id: int, award_type_id: int, *, places: int | None = None,
               unit_ids: Sequence[int] | None = None) -> int:
    """Round 1 for an award: places default to the quota (else 1); candidates default to the
    best-ranked units not disqualified and not chosen for another award at this meeting."""
    with ws.read() as s:
        meeting, year = _year_of_meeting(s, meeting_id)
        if s.scalars(select(VoteRound.id).where(VoteRound.meeting_id == meeting_id,
                                                VoteRound.award_type_id == award_type_id)).first() is not None:
            award = s.get(AwardType, award_type_id).name
            raise ChangeRefused(f"Đã có vòng bỏ phiếu {award} tại hội nghị này.")
        award = s.get(AwardType, award_type_id)
        chosen = {c.unit_id for c in _passed(s, meeting_id)}
        cap = quota_of(s, year.id, award_type_id)
    places = places if places is not None else (cap or 1)
    if places < 1:
        raise ChangeRefused("Số suất phải từ 1 trở lên.")
    ranking = {r.unit_id: r for r in year_end_ranking(ws, year.id)}
    if unit_ids is None:
        unit_ids = [r.unit_id for r in ranking.values() if not r.disqualified and r.unit_id not in chosen][:places + 1]
    _check_candidates(ranking, unit_ids)

    def do(s: Session) -> int:
        _editable(s, meeting_id)
        vote_round = VoteRound(meeting_id=meeting_id, award_type_id=award_type_id, round_no=1, places=places,
                               rules=year_rules(s, year.id).snapshot())
        _fill(vote_round, unit_ids, ranking)
        s.add(vote_round)
        s.flush()
        return vote_round.id

    return ws.change(f"Mở vòng bỏ phiếu {award.name} năm {year.year}", do)


def _check_candidates(ranking: Mapping[int, RankedUnit], unit_ids: Sequence[int]) -> None:
    if not unit_ids:
        raise ChangeRefused("Chưa có đơn vị nào trong danh sách bỏ phiếu.")
    if len(set(unit_ids)) != len(unit_ids):
        raise ChangeRefused("Một đơn vị có tên hai lần trong danh sách bỏ phiếu.")
    outside = [u for u in unit_ids if u not in ranking]
    if outside:
        raise ChangeRefused("Danh sách bỏ phiếu có đơn vị không thuộc Khối năm này.")


def _fill(vote_round: VoteRound, unit_ids: Sequence[int], ranking: Mapping[int, RankedUnit]) -> None:
    vote_round.candidates.clear()
    vote_round.candidates.extend(
        VoteCandidate(position=i, unit_id=u, total_score=ranking[u].total, rank=ranking[u].rank)
        for i, u in enumerate(unit_ids))


def set_candidates(ws: Workspace, round_id: int, unit_ids: Sequence[int]) -> None:
    """Replace the candidates of a round not counted yet (the order is the ballot's)."""
    with ws.read() as s:
        vote_round = s.get(VoteRound, round_id)
        year_id = s.get(Meeting, vote_round.meeting_id).year_id
    ranking = {r.unit_id: r for r in year_end_ranking(ws, year_id)}
    _check_candidates(ranking, unit_ids)

    def do(s: Session) -> None:
        vote_round = s.get(VoteRound, round_id)
        _editable(s, vote_round.meeting_id)
        if vote_round.closed:
            raise ChangeRefused("Vòng này đã kiểm phiếu; không sửa danh sách được.")
        _fill(vote_round, unit_ids, ranking)

    ws.change("Sửa danh sách bỏ phiếu", do)


def _names(s: Session, candidates: Sequence[VoteCandidate]) -> dict[int, str]:
    units = dict(s.execute(select(Unit.id, Unit.official_name)
                           .where(Unit.id.in_([c.unit_id for c in candidates if c.unit_id]))).all())
    persons = dict(s.execute(select(Person.id, Person.full_name)
                             .where(Person.id.in_([c.person_id for c in candidates if c.person_id]))).all())
    return {c.id: units[c.unit_id] if c.unit_id else persons[c.person_id] for c in candidates}


def _domain_candidates(s: Session, vote_round: VoteRound, ranking: Mapping[int, RankedUnit]) -> list[Candidate]:
    names = _names(s, vote_round.candidates)
    out = []
    for c in vote_round.candidates:
        r = ranking.get(c.unit_id) if c.unit_id else None
        out.append(Candidate(c.id, names[c.id], c.total_score, c.rank,
                             penalty=r.penalty if r else Decimal(0), grade_a_count=r.grade_a_count if r else 0,
                             female_share_pct=r.female_share_pct if r else None))
    return out


def _ranking_or_empty(ws: Workspace, year_id: int) -> dict[int, RankedUnit]:
    try:
        return {r.unit_id: r for r in year_end_ranking(ws, year_id)}
    except ChangeRefused:
        return {}


def enter_tally(ws: Workspace, round_id: int, *, issued: int, returned: int, valid: int, invalid: int,
                votes: Mapping[int, int | None], eligible: int | None = None,
                present: int | None = None) -> RoundResult:
    """Check the tally (every impossibility refused at once), count it under the rules copied
    into the round, store each candidate's votes, result and explanation, and close the round.

    ``votes`` maps candidate ids to votes for. ``eligible`` and ``present`` default to the
    member units and the units marked present (override them when named persons vote).
    """
    with ws.read() as s:
        vote_round = s.get(VoteRound, round_id)
        meeting = s.get(Meeting, vote_round.meeting_id)
        members = s.scalar(select(func.count()).select_from(Membership).where(Membership.year_id == meeting.year_id))
        here = sum(1 for a in meeting.attendance if a.present)
        rules = VoteRules.from_mapping(vote_round.rules or {})
        names = _names(s, vote_round.candidates)
        ids = [c.id for c in vote_round.candidates]
    unknown = set(votes) - set(ids)
    if unknown:
        raise ChangeRefused("Có số phiếu của đơn vị không thuộc vòng bỏ phiếu này.")
    tally = Tally(members if eligible is None else eligible, here if present is None else present, issued, returned,
                  valid, invalid, {i: votes.get(i) for i in ids})
    problems = rules_of.tally_problems(tally, vote_round.places, names)
    if problems:
        raise ChangeRefused("Số liệu kiểm phiếu không hợp lý:\n" + "\n".join(f"– {p}" for p in problems))
    ranking = _ranking_or_empty(ws, meeting.year_id)

    def do(s: Session) -> RoundResult:
        row = s.get(VoteRound, round_id)
        _editable(s, row.meeting_id)
        if s.scalars(select(VoteRound.id).where(VoteRound.meeting_id == row.meeting_id,
                                                VoteRound.award_type_id == row.award_type_id,
                                                VoteRound.round_no > row.round_no)).first() is not None:
            raise ChangeRefused("Đã có vòng bỏ phiếu sau vòng này; không sửa kết quả vòng này được.")
        if s.scalars(select(Proposal.id).where(Proposal.vote_candidate_id.in_(ids))).first() is not None:
            raise ChangeRefused("Kết quả vòng này đã thành tờ trình đề nghị; không sửa được.")
        result = rules_of.count_round(rules, row.places, tally, _domain_candidates(s, row, ranking), row.round_no)
        row.eligible_voters, row.voters_present = tally.eligible, tally.present
        row.ballots_issued, row.ballots_returned = issued, returned
        row.ballots_valid, row.ballots_invalid = valid, invalid
        row.closed = True
        outcome = {c.key: c for c in result.candidates}
        for candidate in row.candidates:
            o = outcome[candidate.id]
            candidate.votes_for, candidate.passed, candidate.explanation = o.votes, o.passed, o.explanation
        row.note = " ".join(result.notes) or None
        return result

    with ws.read() as s:
        label = f"{s.get(AwardType, vote_round.award_type_id).name}, vòng {vote_round.round_no}"
    return ws.change(f"Nhập kết quả kiểm phiếu {label}", do)


def open_next_round(ws: Workspace, round_id: int) -> int:
    """A further round for the places the counted round left open, among its runoff candidates."""
    view = round_view(ws, round_id)
    if view.result is None:
        raise ChangeRefused("Vòng này chưa kiểm phiếu.")
    if not view.result.open_places:
        raise ChangeRefused("Vòng này đã chọn đủ số suất; không cần bỏ phiếu thêm.")
    if not view.result.next_round:
        raise ChangeRefused(f"Đã bỏ phiếu đủ {view.rules.max_rounds} vòng theo quy chế.")
    keep = set(view.result.next_round)

    def do(s: Session) -> int:
        _editable(s, view.meeting_id)
        if s.scalars(select(VoteRound.id).where(VoteRound.meeting_id == view.meeting_id,
                                                VoteRound.award_type_id == view.award_type_id,
                                                VoteRound.round_no == view.round_no + 1)).first() is not None:
            raise ChangeRefused(f"Đã có vòng {view.round_no + 1}.")
        row = VoteRound(meeting_id=view.meeting_id, award_type_id=view.award_type_id, round_no=view.round_no + 1,
                        places=view.result.open_places, rules=view.rules.snapshot())
        row.candidates.extend(VoteCandidate(position=i, unit_id=c.unit_id, person_id=c.person_id,
                                            total_score=c.total_score, rank=c.rank)
                              for i, c in enumerate(c for c in view.candidates if c.candidate_id in keep))
        s.add(row)
        s.flush()
        return row.id

    return ws.change(f"Mở vòng {view.round_no + 1} bỏ phiếu {view.award_name}", do)


# --- reading -----------------------------------------------------------------------------------


def rounds(ws: Workspace, meeting_id: int) -> list[RoundView]:
    """Every round of the meeting, by award then round number."""
    with ws.read() as s:
        ids = s.scalars(select(VoteRound.id).join(AwardType, AwardType.id == VoteRound.award_type_id)
                        .where(VoteRound.meeting_id == meeting_id)
                        .order_by(AwardType.position, VoteRound.round_no)).all()
        year_id = s.get(Meeting, meeting_id).year_id
    ranking = _ranking_or_empty(ws, year_id) if ids else {}  # once for all the rounds
    return [_round_view(ws, i, ranking) for i in ids]


def round_view(ws: Workspace, round_id: int) -> RoundView:
    with ws.read() as s:
        year_id = s.scalar(select(Meeting.year_id).join(VoteRound, VoteRound.meeting_id == Meeting.id)
                           .where(VoteRound.id == round_id))
    return _round_view(ws, round_id, _ranking_or_empty(ws, year_id))


def _round_view(ws: Workspace, round_id: int, ranking: Mapping[int, RankedUnit]) -> RoundView:
    """The ranking is read before the session: each session holds the file's lock."""
    with ws.read() as s:
        row = s.get(VoteRound, round_id)
        meeting = s.get(Meeting, row.meeting_id)
        award = s.get(AwardType, row.award_type_id)
        names = _names(s, row.candidates)
        rules = VoteRules.from_mapping(row.rules or {})
        cap = quota_of(s, meeting.year_id, row.award_type_id)
        candidates = tuple(CandidateRow(c.id, c.unit_id, c.person_id, names[c.id], c.total_score, c.rank,
                                        c.votes_for, c.passed, c.explanation) for c in row.candidates)
        result = None
        if row.closed and None not in (row.eligible_voters, row.voters_present, row.ballots_issued,
                                       row.ballots_returned, row.ballots_valid, row.ballots_invalid):
            tally = Tally(row.eligible_voters, row.voters_present, row.ballots_issued, row.ballots_returned,
                          row.ballots_valid, row.ballots_invalid, {c.id: c.votes_for for c in row.candidates})
            result = rules_of.count_round(rules, row.places, tally, _domain_candidates(s, row, ranking),
                                          row.round_no)
        first_places = s.scalar(select(VoteRound.places).where(VoteRound.meeting_id == row.meeting_id,
                                                               VoteRound.award_type_id == row.award_type_id,
                                                               VoteRound.round_no == 1))
    warning = rules_of.quota_warning(award.name, first_places or row.places, cap)
    return RoundView(row.id, row.meeting_id, row.award_type_id, award.name, row.round_no, row.places,
                     row.eligible_voters, row.voters_present, row.ballots_issued, row.ballots_returned,
                     row.ballots_valid, row.ballots_invalid, row.closed, rules, candidates, result, warning)


def _passed(s: Session, meeting_id: int) -> list[VoteCandidate]:
    return list(s.scalars(select(VoteCandidate).join(VoteRound, VoteRound.id == VoteCandidate.round_id)
                          .join(AwardType, AwardType.id == VoteRound.award_type_id)
                          .where(VoteRound.meeting_id == meeting_id, VoteCandidate.passed.is_(True))
                          .order_by(AwardType.position, VoteRound.round_no, VoteCandidate.votes_for.desc(),
                                    VoteCandidate.rank, VoteCandidate.position)))


def passed_candidates(ws: Workspace, meeting_id: int) -> list[PassedCandidate]:
    """Everyone the meeting chose, by award, round, then votes: what becomes the proposals."""
    with ws.read() as s:
        rows = _passed(s, meeting_id)
        names = _names(s, rows)
        round_of = {r.id: r for r in s.scalars(select(VoteRound).where(VoteRound.meeting_id == meeting_id))}
        return [PassedCandidate(c.id, round_of[c.round_id].award_type_id, c.unit_id, c.person_id, names[c.id],
                                c.total_score, c.rank, round_of[c.round_id].round_no) for c in rows]
