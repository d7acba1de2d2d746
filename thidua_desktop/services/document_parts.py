"""Pieces several documents share: the score table of a period, the proposals list, vote
results with their percentage on the year's denominator, names of units and persons."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import AwardType, EvaluationPeriod, Person, Proposal, Unit, VoteRound
from thidua_desktop.documents.model import Column, Table
from thidua_desktop.domain.enums import Denominator, PeriodKind
from thidua_desktop.domain.period import PeriodResults
from thidua_desktop.domain.text import format_points

from .document_facts import points


def subject_name(s: Session, unit_id: int | None, person_id: int | None) -> str:
    """A unit's official name, or "Ông/Bà …, post, unit" for a person."""
    if unit_id is not None:
        return s.get(Unit, unit_id).official_name
    person = s.get(Person, person_id)
    where = person.unit.official_name if person.unit else ""
    return ", ".join(x for x in (person.full_name, person.post, where) if x)


def period_id_of(s: Session, year_id: int, kind: PeriodKind) -> int | None:
    return s.scalars(select(EvaluationPeriod.id).where(EvaluationPeriod.year_id == year_id,
                                                       EvaluationPeriod.kind == kind)).first()


def score_table(results: PeriodResults, *, caption: str | None = None) -> Table:
    """Self-scored, appraised (criteria and quantitative bonus), bonus and penalty, final, rank."""
    rows = []
    for r in results.rows:
        appraised = r.agreed.criteria_total + r.agreed.quantitative_bonus
        adjust = r.agreed.bonus - r.agreed.penalty
        sign = "+" if adjust > 0 else ""
        rows.append((str(r.rank), r.unit.name, points(r.own.total), points(appraised),
                     f"{sign}{format_points(adjust)}" if adjust else "0", points(r.agreed.total), str(r.rank)))
    return Table((Column("STT", 0.7, "center"), Column("Đơn vị", 4.2), Column("Tự chấm", 1, "right"),
                  Column("Thẩm định", 1.1, "right"), Column("Cộng/trừ", 1.2, "right"),
                  Column("Kết quả", 1, "right"), Column("Xếp hạng", 0.9, "center")),
                 tuple((str(i), *row[1:]) for i, row in enumerate(rows, start=1)), caption=caption)


@dataclass(frozen=True, slots=True)
class ProposalLine:
    award: str
    name: str
    score: str
    rank: str
    achievement: str


def proposal_lines(s: Session, year_id: int) -> list[ProposalLine]:
    rows = s.scalars(select(Proposal).where(Proposal.year_id == year_id)
                     .join(AwardType, AwardType.id == Proposal.award_type_id)
                     .order_by(AwardType.position, Proposal.position, Proposal.id)).all()
    return [ProposalLine(p.award_type.name, subject_name(s, p.unit_id, p.person_id), points(p.total_score),
                         str(p.rank or ""), p.achievement or "") for p in rows]


def proposals_table(lines: list[ProposalLine]) -> Table:
    return Table((Column("STT", 0.7, "center"), Column("Tên tập thể, cá nhân", 4), Column("Hình thức khen thưởng", 3),
                  Column("Tổng điểm", 1, "right"), Column("Xếp hạng", 0.9, "center")),
                 tuple((str(i), x.name, x.award, x.score, x.rank) for i, x in enumerate(lines, start=1)))


def percent(votes: int, denominator: int | None) -> str:
    if not denominator:
        return ""
    pct = (Decimal(votes) * 100 / denominator).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return format_points(pct) + "%"


@dataclass(frozen=True, slots=True)
class RoundFacts:
    award: str
    round_no: int
    places: int
    issued: int | None
    returned: int | None
    valid: int | None
    invalid: int | None
    denominator: int | None
    denominator_words: str
    candidates: list[tuple[str, str, str, int, str, bool | None]]  # name, score, rank, votes, %, passed
    note: str | None


def rounds_of(s: Session, meeting_id: int) -> list[RoundFacts]:
    rounds = s.scalars(select(VoteRound).where(VoteRound.meeting_id == meeting_id)
                       .join(AwardType, AwardType.id == VoteRound.award_type_id)
                       .order_by(AwardType.position, VoteRound.round_no)).all()
    out = []
    for r in rounds:
        rule = Denominator((r.rules or {}).get("denominator", Denominator.ALL_MEMBERS.value))
        denominator = r.eligible_voters if rule is Denominator.ALL_MEMBERS else r.voters_present
        words = "tổng số thành viên" if rule is Denominator.ALL_MEMBERS else "số đại biểu có mặt"
        candidates = [(subject_name(s, c.unit_id, c.person_id), points(c.total_score), str(c.rank or ""),
                       c.votes_for or 0, percent(c.votes_for or 0, denominator), c.passed) for c in r.candidates]
        out.append(RoundFacts(s.get(AwardType, r.award_type_id).name, r.round_no, r.places, r.ballots_issued,
                              r.ballots_returned, r.ballots_valid, r.ballots_invalid, denominator or r.ballots_valid,
                              words, candidates, r.note))
    return out


def verdict(passed: bool | None) -> str:
    return {True: "Đạt", False: "Không đạt"}.get(passed, "")


def ballots_line(r: RoundFacts) -> str:
    def n(x: int | None) -> str:
        return "…" if x is None else f"{x:02d}"

    return (f"Số phiếu phát ra: {n(r.issued)}; số phiếu thu về: {n(r.returned)}; số phiếu hợp lệ: {n(r.valid)}; "
            f"số phiếu không hợp lệ: {n(r.invalid)}.")


def votes_table(r: RoundFacts, caption: str | None = None) -> Table:
    return Table((Column("STT", 0.7, "center"), Column("Tên đơn vị, cá nhân", 4), Column("Tổng điểm", 1, "right"),
                  Column("Số phiếu đồng ý", 1.2, "center"),
                  Column(f"Tỷ lệ % (trên {r.denominator_words})", 1.5, "right"), Column("Kết quả", 1.3, "center")),
                 tuple((str(i), name, score, str(votes), pct, verdict(passed))
                       for i, (name, score, _rank, votes, pct, passed) in enumerate(r.candidates, start=1)),
                 caption=caption)


def round_caption(r: RoundFacts) -> str:
    again = f" (bỏ phiếu lần {r.round_no})" if r.round_no > 1 else ""
    return f"{r.award}{again}"
