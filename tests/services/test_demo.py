"""The demo workbook (services.demo): a sound file holding a consistent, realistic bloc history.

Totals are recomputed here from the stored scores with domain.scoring and domain.ranking, by
the rule the models describe: final_value if set; else the provincial input for a provincially
scored section; else the appraised input (the self input while nothing is appraised).
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import (
    AdjustmentRule,
    Attendance,
    AwardType,
    Commendation,
    CompletionRecord,
    Covenant,
    Criterion,
    Decision,
    EmulationYear,
    EvaluationPeriod,
    Meeting,
    Membership,
    PeriodResult,
    Person,
    Proposal,
    Quota,
    Score,
    ScoreAdjustment,
    ScoreSection,
    ScoreTable,
    Unit,
    UnitHead,
    VoteCandidate,
    VoteCounter,
    VoteRound,
)
from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.domain.enums import (
    CommendationSource,
    CriterionKind,
    MeetingKind,
    MemberRole,
    PeriodKind,
    ProposalStatus,
    ScoredBy,
    ScoreTableState,
    TieBreak,
    YearState,
)
from thidua_desktop.domain.period import score_period
from thidua_desktop.domain.scoring import classify
from thidua_desktop.services.demo import build_demo_workbook
from thidua_desktop.services.scoring import load_period

YEARS = [2023, 2024, 2025, 2026]  # the conftest fixture: years=4, units=9, criteria=30


@pytest.fixture
def s(demo_workbook: Path) -> Iterator[Session]:
    workbook = open_workbook(demo_workbook, operator="test")
    with Session(workbook.engine) as session:
        yield session
    workbook.close()


def years(s: Session) -> list[EmulationYear]:
    return list(s.scalars(select(EmulationYear).order_by(EmulationYear.year)))


def leaves_of(s: Session, table_id: int) -> list[Criterion]:
    criteria = s.scalars(select(Criterion).where(Criterion.table_id == table_id).order_by(Criterion.position)).all()
    parents = {c.parent_id for c in criteria}
    return [c for c in criteria if c.id not in parents]


# --- the file and the bloc -------------------------------------------------------------------


def test_the_demo_opens_and_passes_the_full_integrity_check(demo_workbook: Path) -> None:
    workbook = open_workbook(demo_workbook, operator="test")
    try:
        assert not workbook.read_only
        assert workbook.integrity_report() == ["ok"]
        assert workbook.inspection.summary.years == tuple(YEARS)
    finally:
        workbook.close()


def test_units_have_heads_and_staff_with_vietnamese_names(s: Session) -> None:
    units = s.scalars(select(Unit)).all()
    assert 8 <= len(units) <= 12
    assert len({u.official_name for u in units}) == len({u.symbol for u in units}) == len(units)
    assert "Văn phòng Tỉnh ủy" in {u.official_name for u in units}
    people = s.scalars(select(Person)).all()
    assert len({p.full_name for p in people}) == len(people)
    for unit in units:
        heads = s.scalars(select(UnitHead).where(UnitHead.unit_id == unit.id)).all()
        assert heads and heads[-1].end_date is None and heads[-1].post
        staff = [p for p in people if p.unit_id == unit.id and p.id not in {h.person_id for h in heads}]
        assert 2 <= len(staff) <= 4
        assert all(p.gender is not None and len(p.full_name.split()) >= 3 for p in staff)


def test_years_rotate_one_leader_and_two_deputies(s: Session) -> None:
    rows = years(s)
    assert [y.year for y in rows] == YEARS
    assert [y.state for y in rows] == [YearState.HANDED_OVER] * 3 + [YearState.SCORING]
    unit_count = len(s.scalars(select(Unit)).all())
    leaders = []
    for y in rows:
        members = s.scalars(select(Membership).where(Membership.year_id == y.id)).all()
        roles = [m.role for m in members]
        assert len(members) == unit_count
        assert roles.count(MemberRole.TRUONG) == 1 and roles.count(MemberRole.PHO) <= 2
        leaders.append(next(m.unit_id for m in members if m.role is MemberRole.TRUONG))
        assert all(m.female_share_pct is not None for m in members)
        bases = " ".join(b.text for b in y.legal_bases)
        assert ("06/2022/QH15" in bases) == (y.year >= 2024)
        assert ("98/2023/NĐ-CP" in bases) == (y.year in (2024, 2025))
        assert ("152/2025/NĐ-CP" in bases) == (y.year >= 2025)
        assert "Ủy ban nhân dân tỉnh Lai Châu" in bases
        quotas = dict(s.execute(select(AwardType.code, Quota.max_count).join(Quota, Quota.award_type_id == AwardType.id)
                                .where(Quota.year_id == y.id)).all())
        assert quotas == {"CO_TINH": 2, "BK_TINH": 1}
        assert all(TieBreak(code) for code in y.voting_rule.tie_break_order)
        assert [(b.min_score, b.label) for b in y.score_bands] == [(95, "Xuất sắc"), (85, "Tốt"), (70, "Khá")]
    assert len(set(leaders)) == len(leaders)


# --- score tables and covenants ------------------------------------------------------------------


def test_each_year_has_a_frozen_table_of_thirty_criteria_totalling_100(s: Session) -> None:
    for y in years(s):
        table = s.scalars(select(ScoreTable).where(ScoreTable.year_id == y.id)).one()
        assert table.version == 1 and table.state is ScoreTableState.FROZEN and table.max_points == 100
        leaves = leaves_of(s, table.id)
        assert len(leaves) == 30
        assert sum(c.max_points for c in leaves) == 100
        assert {c.kind for c in leaves} == set(CriterionKind)
        criteria = s.scalars(select(Criterion).where(Criterion.table_id == table.id)).all()
        assert len({c.code for c in criteria}) == len(criteria)
        headings = [c for c in criteria if c not in leaves]
        assert headings, "some criteria are nested under a heading"
        for heading in headings:
            children = [c for c in criteria if c.parent_id == heading.id]
            assert sum(c.max_points for c in children) == heading.max_points
            assert all(c.code.startswith(heading.code + ".") for c in children)
        sections = s.scalars(select(ScoreSection).where(ScoreSection.table_id == table.id)
                             .order_by(ScoreSection.position)).all()
        assert [x.code for x in sections] == ["I", "II", "III", "IV"]
        for section in sections:
            mine = [c for c in leaves if c.section_id == section.id]
            assert sum(c.max_points for c in mine) == section.max_points
            if section.scored_by is ScoredBy.PROVINCIAL:  # no actual/plan columns for the provincial stage
                assert {c.kind for c in mine} <= {CriterionKind.MANUAL, CriterionKind.GRADE, CriterionKind.YES_NO}
        for c in leaves:
            assert c.text and c.guidance and c.evidence_expected
            if c.kind is CriterionKind.GRADE:
                assert set(c.grade_points) == set("ABCD") and all(isinstance(v, str) for v in c.grade_points.values())
                assert Decimal(c.grade_points["A"]) == c.max_points
            else:
                assert c.grade_points is None
        rules = s.scalars(select(AdjustmentRule).where(AdjustmentRule.table_id == table.id)).all()
        assert any(r.disqualifies and r.points == 20 for r in rules)
        assert any(r.per_occurrence and r.cap for r in rules)


def test_covenants_are_signed_in_january_by_every_unit(s: Session) -> None:
    units = {u.id for u in s.scalars(select(Unit))}
    for y in years(s):
        covenant = s.scalars(select(Covenant).where(Covenant.year_id == y.id)).one()
        table = s.scalars(select(ScoreTable).where(ScoreTable.year_id == y.id)).one()
        assert covenant.signed_on.year == y.year and covenant.signed_on.month == 1
        assert covenant.score_table_id == table.id
        assert {x.unit_id for x in covenant.signatories} == units
        assert all(x.signed and x.signer_name and x.signer_post for x in covenant.signatories)


# --- scores and results --------------------------------------------------------------------------


def _recompute(s: Session, period: EvaluationPeriod) -> dict[int, tuple]:
    """What the program's own loader and rules make of the stored scores."""
    return {unit: (r.agreed, r.own, r.rank) for unit, r in score_period(load_period(s, period.id)).by_unit().items()}


def test_locked_periods_hold_the_results_scoring_recomputes(s: Session) -> None:
    checked = 0
    all_totals = []
    for y in years(s):
        periods = {p.kind: p for p in s.scalars(select(EvaluationPeriod).where(EvaluationPeriod.year_id == y.id))}
        assert set(periods) == {PeriodKind.MID_YEAR, PeriodKind.YEAR_END}
        bands = [(b.min_score, b.label) for b in y.score_bands]
        for period in periods.values():
            results = {r.unit_id: r for r in s.scalars(select(PeriodResult).where(PeriodResult.period_id == period.id))}
            if y.year == YEARS[-1] and period.kind is PeriodKind.YEAR_END:
                assert not period.locked and not results
                continue
            assert period.locked and period.locked_at and period.locked_by
            expected = _recompute(s, period)
            assert set(results) == set(expected)
            for unit_id, (final, own, unit_rank) in expected.items():
                r = results[unit_id]
                assert final.missing_count == 0
                assert (r.total, r.self_total, r.rank, r.disqualified) == (final.total, own.total, unit_rank,
                                                                          final.disqualified)
                assert r.band == classify(r.total, bands)
                all_totals.append(r.total)
                checked += 1
    assert checked == 7 * 9
    typical = [t for t in all_totals if 80 <= t <= 105]
    assert len(typical) >= 0.85 * len(all_totals)
    assert any(r.disqualified for r in s.scalars(select(PeriodResult)))


def test_appraisal_sometimes_lowers_the_self_score_and_adjustments_exist(s: Session) -> None:
    scores = s.scalars(select(Score).where(Score.appraised_value.is_not(None))).all()
    assert any(x.appraised_value < x.self_value for x in scores)
    assert any(x.appraisal_note for x in s.scalars(select(Score)))
    assert any(x.final_value is not None and x.final_note for x in s.scalars(select(Score)))
    codes = set(s.scalars(select(AdjustmentRule.code).join(ScoreAdjustment,
                                                           ScoreAdjustment.rule_id == AdjustmentRule.id)))
    assert {"T1", "T2", "T3", "TR6"} <= codes


def test_the_current_year_end_is_open_with_self_scores_only(s: Session) -> None:
    current = years(s)[-1]
    period = s.scalars(select(EvaluationPeriod).where(EvaluationPeriod.year_id == current.id,
                                                      EvaluationPeriod.kind == PeriodKind.YEAR_END)).one()
    scores = s.scalars(select(Score).where(Score.period_id == period.id)).all()
    assert scores
    assert all(x.appraised_value is x.appraised_grade is x.appraised_actual is x.provincial_value is None
               for x in scores)
    assert all(x.self_value is not None or x.self_grade or x.self_actual is not None for x in scores)
    scored_units = {x.unit_id for x in scores}
    assert 0 < len(s.scalars(select(Unit)).all()) - len(scored_units) <= 2
    table = s.scalars(select(ScoreTable).where(ScoreTable.year_id == current.id)).one()
    assert table.state is ScoreTableState.FROZEN and table.frozen_at is not None


# --- meetings, ballots, proposals, awards ------------------------------------------------------------


def test_each_past_year_end_meeting_has_attendance_ballots_and_proposals(s: Session) -> None:
    codes = dict(s.execute(select(AwardType.id, AwardType.code)).all())
    unit_ids = {u.id for u in s.scalars(select(Unit))}
    for y in years(s)[:-1]:
        meeting = s.scalars(select(Meeting).where(Meeting.year_id == y.id, Meeting.kind == MeetingKind.YEAR_END)).one()
        leader = s.scalars(select(Membership.unit_id).where(Membership.year_id == y.id,
                                                            Membership.role == MemberRole.TRUONG)).one()
        day = meeting.starts_at.date()
        head = s.scalars(select(Person.full_name).join(UnitHead, UnitHead.person_id == Person.id)
                         .where(UnitHead.unit_id == leader, UnitHead.start_date <= day,
                                (UnitHead.end_date.is_(None)) | (UnitHead.end_date >= day))).one()
        assert meeting.host_unit_id == leader and meeting.chair_name == head
        assert meeting.secretary_name and meeting.guests and meeting.minutes and meeting.agenda
        attendance = s.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id)).all()
        assert {a.unit_id for a in attendance} == unit_ids
        assert all(a.representative_name and a.representative_post for a in attendance if a.present)
        present = sum(a.present for a in attendance)
        assert len(s.scalars(select(VoteCounter).where(VoteCounter.meeting_id == meeting.id)).all()) >= 3
        rounds = s.scalars(select(VoteRound).where(VoteRound.meeting_id == meeting.id)).all()
        assert {codes[r.award_type_id] for r in rounds} == {"CO_TINH", "BK_TINH"}
        winners = set()
        for r in rounds:
            assert r.ballots_issued == r.ballots_returned == r.voters_present == present
            assert r.eligible_voters == len(unit_ids)
            assert r.ballots_valid + r.ballots_invalid == r.ballots_returned
            votes = [c.votes_for for c in r.candidates]
            assert all(0 <= v <= r.ballots_valid for v in votes) and sum(votes) <= r.ballots_valid * r.places
            passed = [c for c in r.candidates if c.passed]
            assert len(passed) <= r.places
            assert all(c.votes_for * 2 > r.eligible_voters for c in passed)
            assert all(c.explanation for c in r.candidates)
            winners |= {c.id for c in passed}
        results = {x.unit_id: x for x in s.scalars(select(PeriodResult).join(EvaluationPeriod).where(
            EvaluationPeriod.year_id == y.id, EvaluationPeriod.kind == PeriodKind.YEAR_END))}
        assert all(not results[s.get(VoteCandidate, c).unit_id].disqualified for c in winners)
        proposals = s.scalars(select(Proposal).where(Proposal.year_id == y.id, Proposal.unit_id.is_not(None))).all()
        assert {p.vote_candidate_id for p in proposals} == winners
        assert all(p.status is ProposalStatus.DECIDED and p.decision_id for p in proposals)
        assert sum(codes[p.award_type_id] == "CO_TINH" for p in proposals) == 2


def test_decisions_and_the_commendation_register(s: Session) -> None:
    codes = dict(s.execute(select(AwardType.id, AwardType.code)).all())
    decisions = s.scalars(select(Decision)).all()
    assert len(decisions) == 2 * 3
    for d in decisions:
        year = s.get(EmulationYear, d.year_id).year
        assert d.signed_on.year == year + 1 and d.signed_on.month in (2, 3)
        assert d.number.endswith("/QĐ-UBND") and d.issuer == "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu" and d.signer_name
        mine = s.scalars(select(Commendation).where(Commendation.decision_id == d.id)
                         .order_by(Commendation.golden_book_no)).all()
        numbers = [c.golden_book_no for c in mine]
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        proposals = s.scalars(select(Proposal).where(Proposal.decision_id == d.id)).all()
        assert sorted(p.decision_order for p in proposals) == numbers
        assert {c.proposal_id for c in mine} == {p.id for p in proposals}
    commendations = s.scalars(select(Commendation)).all()
    by_number = defaultdict(list)
    for c in commendations:
        if c.golden_book_no is not None:
            by_number[(c.decision_number, c.issuer)].append(c.golden_book_no)
    for numbers in by_number.values():
        assert sorted(numbers) == list(range(min(numbers), min(numbers) + len(numbers)))
    kinds = {(codes[c.award_type_id], c.source, c.unit_id is not None) for c in commendations}
    assert {("CO_TINH", CommendationSource.BLOC, True), ("BK_TINH", CommendationSource.BLOC, True),
            ("BK_TINH", CommendationSource.BLOC, False), ("CSTDCS", CommendationSource.EXTERNAL, False),
            ("LDTT", CommendationSource.EXTERNAL, False), ("HC_LAO_DONG_3", CommendationSource.EXTERNAL, True),
            ("BK_TTG", CommendationSource.EXTERNAL, True)} <= kinds
    assert any(codes[c.award_type_id] == "BK_BO" for c in commendations)
    assert all(c.recipient_name and c.decision_number and c.decision_date and c.issuer for c in commendations)
    rejected = s.scalars(select(Proposal).where(Proposal.status == ProposalStatus.REJECTED)).all()
    assert all(p.note and p.decision_id is None for p in rejected)


def test_completion_records_reach_back_before_the_first_year(s: Session) -> None:
    unit_ids = {u.id for u in s.scalars(select(Unit))}
    for year in range(YEARS[0] - 3, YEARS[-1]):
        rows = s.scalars(select(CompletionRecord).where(CompletionRecord.year == year,
                                                        CompletionRecord.unit_id.is_not(None))).all()
        assert {r.unit_id for r in rows} == unit_ids
        assert all(r.assessed_by and r.reference for r in rows)
    levels = [r.level.value for r in s.scalars(select(CompletionRecord))]
    assert levels.count("HTXSNV") + levels.count("HTTNV") >= 0.9 * len(levels)
    assert not s.scalars(select(CompletionRecord).where(CompletionRecord.year == YEARS[-1])).all()


def test_every_stored_text_is_nfc(demo_workbook: Path) -> None:
    conn = sqlite3.connect(demo_workbook)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        texts = 0
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        assert unicodedata.is_normalized("NFC", value), (table, value)
                        texts += 1
    finally:
        conn.close()
    assert texts > 1000


# --- arguments, size and determinism -------------------------------------------------------------


def test_the_same_seed_gives_the_same_bloc(tmp_path: Path) -> None:
    def snapshot(path: Path) -> tuple:
        conn = sqlite3.connect(path)
        try:
            return (conn.execute("SELECT official_name FROM unit ORDER BY id").fetchall(),
                    conn.execute("SELECT full_name FROM person ORDER BY id").fetchall(),
                    conn.execute("SELECT total FROM period_result ORDER BY id").fetchall())
        finally:
            conn.close()

    small = {"years": 2, "units": 5, "criteria": 12}
    first = snapshot(build_demo_workbook(tmp_path / "a.thidua", seed=7, **small))
    again = snapshot(build_demo_workbook(tmp_path / "b.thidua", seed=7, **small))
    other = snapshot(build_demo_workbook(tmp_path / "c.thidua", seed=8, **small))
    assert first == again
    assert first[1] != other[1]


def test_large_blocs_get_distinct_generated_units(tmp_path: Path) -> None:
    path = build_demo_workbook(tmp_path / "lớn.thidua", years=1, units=40, criteria=12)
    workbook = open_workbook(path, operator="test")
    try:
        assert workbook.integrity_report() == ["ok"]
        with Session(workbook.engine) as s:
            units = s.scalars(select(Unit)).all()
            assert len(units) == 40
            for column in ("official_name", "short_name", "symbol"):
                assert len({getattr(u, column) for u in units}) == 40
            assert any(u.official_name.startswith("Sở ") for u in units)
            assert s.scalars(select(EmulationYear.year)).all() == [YEARS[-1]]
    finally:
        workbook.close()


@pytest.mark.parametrize("kwargs", [{"years": 0}, {"units": 0}, {"criteria": 3}])
def test_impossible_sizes_are_refused(tmp_path: Path, kwargs: dict) -> None:
    with pytest.raises(ValueError):
        build_demo_workbook(tmp_path / "x.thidua", **kwargs)
    assert not (tmp_path / "x.thidua").exists()


def test_an_existing_file_is_never_overwritten(demo_workbook: Path) -> None:
    before = demo_workbook.read_bytes()
    with pytest.raises(FileExistsError):
        build_demo_workbook(demo_workbook, years=1, units=3, criteria=12)
    assert demo_workbook.read_bytes() == before
