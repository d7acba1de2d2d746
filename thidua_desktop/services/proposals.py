"""The bloc's proposals (đề nghị) and the decisions that answer them.

What the meeting chose becomes proposals; each is followed from the bloc to the provincial
council until it is decided or rejected. Recording a decision numbers its recipients in the
sổ vàng in the decision's order and writes their commendations, with the recipient's name and
post as of the decision, ready for the certificates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import (
    AwardType,
    Bloc,
    Commendation,
    Decision,
    EmulationYear,
    Meeting,
    Person,
    Proposal,
    Unit,
)
from thidua_desktop.domain import voting as rules_of
from thidua_desktop.domain.enums import CommendationSource, ProposalStatus
from thidua_desktop.domain.text import clean, vi_sort_key

from .voting import passed_candidates, quota_of
from .workspace import ChangeRefused, Workspace

# Where a proposal may go next by hand; DECIDED comes only with a recorded decision.
NEXT_STATUS = {
    ProposalStatus.PROPOSED: (ProposalStatus.SENT, ProposalStatus.REJECTED),
    ProposalStatus.SENT: (ProposalStatus.PASSED_COUNCIL, ProposalStatus.REJECTED, ProposalStatus.PROPOSED),
    ProposalStatus.PASSED_COUNCIL: (ProposalStatus.REJECTED, ProposalStatus.SENT),
    ProposalStatus.REJECTED: (ProposalStatus.SENT,),
    ProposalStatus.DECIDED: (),
}


@dataclass(frozen=True, slots=True)
class ProposalRow:
    proposal_id: int
    year: int
    award_type_id: int
    award_name: str
    unit_id: int | None
    person_id: int | None
    recipient_name: str
    recipient_detail: str | None
    position: int
    achievement: str | None
    total_score: Decimal | None
    rank: int | None
    status: ProposalStatus
    sent_on: date | None
    decision_number: str | None
    decision_date: date | None
    golden_book_no: int | None
    note: str | None


def recipient_of(s: Session, unit_id: int | None, person_id: int | None) -> tuple[str, str | None]:
    """The name and the detail (post and workplace, or the superior body) printed today."""
    if unit_id is not None:
        unit = s.get(Unit, unit_id)
        return unit.official_name, unit.superior_body
    person = s.get(Person, person_id)
    unit = s.get(Unit, person.unit_id) if person.unit_id else None
    parts = [p for p in (person.post, unit.official_name if unit else None) if p]
    if len(parts) == 2 and parts[1] in parts[0]:
        parts = parts[:1]
    return person.full_name, ", ".join(parts) or None


def _year(s: Session, year_id: int) -> EmulationYear:
    year = s.get(EmulationYear, year_id)
    if year.state.read_only:
        raise ChangeRefused(f"Năm {year.year} đã khóa sổ ({year.state.label.lower()}), không sửa được.")
    return year


def _default_achievement(s: Session, year: int, award: AwardType) -> str:
    bloc = s.scalars(select(Bloc.name)).first() or "Khối"
    if award.code.startswith("CO_"):
        return f"Đã hoàn thành xuất sắc toàn diện nhiệm vụ, dẫn đầu phong trào thi đua {bloc} năm {year}"
    return f"Đã có thành tích xuất sắc trong phong trào thi đua {bloc} năm {year}"


# --- proposals ---------------------------------------------------------------------------------


def propose_from_meeting(ws: Workspace, meeting_id: int) -> list[int]:
    """A proposal for each candidate the meeting chose that has none yet; returns their ids."""
    chosen = passed_candidates(ws, meeting_id)
    with ws.read() as s:
        year_id = s.get(Meeting, meeting_id).year_id
        done = set(s.scalars(select(Proposal.vote_candidate_id).where(Proposal.year_id == year_id)))
    todo = [c for c in chosen if c.candidate_id not in done]
    if not todo:
        raise ChangeRefused("Không có kết quả bình xét mới để lập đề nghị.")

    def do(s: Session) -> list[int]:
        year = _year(s, year_id)
        last = dict(s.execute(select(Proposal.award_type_id, func.max(Proposal.position))
                              .where(Proposal.year_id == year_id).group_by(Proposal.award_type_id)).all())
        rows = []
        for c in todo:
            award = s.get(AwardType, c.award_type_id)
            last[award.id] = (last.get(award.id) or 0) + 1
            rows.append(Proposal(year_id=year_id, award_type_id=award.id, unit_id=c.unit_id, person_id=c.person_id,
                                 position=last[award.id], achievement=_default_achievement(s, year.year, award),
                                 total_score=c.total_score, rank=c.rank, vote_candidate_id=c.candidate_id))
        s.add_all(rows)
        s.flush()
        return [p.id for p in rows]

    return ws.change(f"Lập đề nghị khen thưởng từ kết quả bình xét ({len(todo)} đề nghị)", do)


def add_proposal(ws: Workspace, year_id: int, award_type_id: int, *, unit_id: int | None = None,
                 person_id: int | None = None, achievement: str | None = None, note: str | None = None) -> int:
    """A proposal made without a vote (an individual, or a title the bloc only forwards)."""
    if (unit_id is None) == (person_id is None):
        raise ChangeRefused("Đề nghị phải dành cho một đơn vị hoặc một cá nhân.")

    def do(s: Session) -> int:
        _year(s, year_id)
        position = (s.scalar(select(func.max(Proposal.position)).where(Proposal.year_id == year_id,
                                                                        Proposal.award_type_id == award_type_id))
                    or 0) + 1
        row = Proposal(year_id=year_id, award_type_id=award_type_id, unit_id=unit_id, person_id=person_id,
                       position=position, achievement=clean(achievement) or None, note=clean(note) or None)
        s.add(row)
        s.flush()
        return row.id

    with ws.read() as s:
        name = recipient_of(s, unit_id, person_id)[0]
    return ws.change(f"Thêm đề nghị khen thưởng cho {name}", do)


def list_proposals(ws: Workspace, year_id: int) -> list[ProposalRow]:
    """The year's proposals by award, then their order in the submission."""
    with ws.read() as s:
        year = s.get(EmulationYear, year_id).year
        rows = s.execute(select(Proposal, AwardType.name, AwardType.position)
                         .join(AwardType, AwardType.id == Proposal.award_type_id)
                         .where(Proposal.year_id == year_id)).all()
        books = dict(s.execute(select(Commendation.proposal_id, Commendation.golden_book_no)
                               .where(Commendation.proposal_id.in_([p.id for p, *_ in rows]))).all())
        out = []
        for p, award_name, award_pos in sorted(rows, key=lambda r: (r[2], r[0].position, r[0].id)):
            name, detail = recipient_of(s, p.unit_id, p.person_id)
            decision = p.decision
            out.append(ProposalRow(p.id, year, p.award_type_id, award_name, p.unit_id, p.person_id, name, detail,
                                   p.position, p.achievement, p.total_score, p.rank, p.status, p.sent_on,
                                   decision.number if decision else None, decision.signed_on if decision else None,
                                   books.get(p.id), p.note))
    return out


def set_status(ws: Workspace, proposal_id: int, status: ProposalStatus, *, sent_on: date | None = None,
               note: str | None = None) -> None:
    """Move a proposal along (sent, passed by the council, rejected); a decision is recorded
    with ``record_decision``."""
    def do(s: Session) -> None:
        p = s.get(Proposal, proposal_id)  # the province's answer comes after the year is closed: no year check
        if status not in NEXT_STATUS[p.status]:
            if status is ProposalStatus.DECIDED:
                raise ChangeRefused("Đề nghị chỉ chuyển sang “Đã có quyết định” khi ghi quyết định khen thưởng.")
            raise ChangeRefused(f"Đề nghị đang ở trạng thái “{p.status.label}”, không chuyển sang "
                                f"“{status.label}” được.")
        p.status = status
        if sent_on is not None:
            p.sent_on = sent_on
        if note is not None:
            p.note = clean(note) or None

    with ws.read() as s:
        p = s.get(Proposal, proposal_id)
        name = recipient_of(s, p.unit_id, p.person_id)[0]
    ws.change(f"Đề nghị khen thưởng {name}: {status.label.lower()}", do)


def update_proposal(ws: Workspace, proposal_id: int, *, achievement: str | None = None, position: int | None = None,
                    note: str | None = None) -> None:
    def do(s: Session) -> None:
        p = s.get(Proposal, proposal_id)
        _year(s, p.year_id)
        if achievement is not None:
            p.achievement = clean(achievement) or None
        if position is not None:
            p.position = position
        if note is not None:
            p.note = clean(note) or None

    ws.change("Sửa đề nghị khen thưởng", do)


def quota_warnings(ws: Workspace, year_id: int) -> list[str]:
    """Award types proposed more often than the year's quota (a warning, never a block)."""
    with ws.read() as s:
        counts = Counter(s.scalars(select(Proposal.award_type_id).where(
            Proposal.year_id == year_id, Proposal.status != ProposalStatus.REJECTED)))
        out = []
        for award_type_id, count in counts.items():
            award = s.get(AwardType, award_type_id)
            warning = rules_of.quota_warning(award.name, count, quota_of(s, year_id, award_type_id))
            if warning:
                out.append((award.position, warning))
    return [w for _, w in sorted(out)]


# --- decisions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DecisionFields:
    number: str  # "1234/QĐ-UBND"
    signed_on: date
    issuer: str  # "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu"
    signer_name: str | None = None
    signer_post: str | None = None
    content: str | None = None


def record_decision(ws: Workspace, year_id: int, award_type_id: int, fields: DecisionFields,
                    proposal_ids: Sequence[int], *, first_golden_no: int = 1) -> int:
    """Record the province's decision on ``proposal_ids`` (in the decision's order): they become
    decided, take số sổ vàng first_golden_no, +1, … and each gets its commendation."""
    number, issuer = clean(fields.number), clean(fields.issuer)
    problems = []
    if not number:
        problems.append("Chưa nhập số quyết định.")
    if not issuer:
        problems.append("Chưa nhập cơ quan, người có thẩm quyền ban hành quyết định.")
    if not proposal_ids:
        problems.append("Quyết định chưa có tập thể, cá nhân nào.")
    if len(set(proposal_ids)) != len(proposal_ids):
        problems.append("Một đề nghị có tên hai lần trong quyết định.")
    if first_golden_no < 1:
        problems.append("Số sổ vàng phải từ 1 trở lên.")
    if problems:
        raise ChangeRefused("\n".join(problems))

    def do(s: Session) -> int:
        year = s.get(EmulationYear, year_id)  # decided months after the year closed: recorded all the same
        award = s.get(AwardType, award_type_id)
        proposals = [s.get(Proposal, i) for i in proposal_ids]
        for p in proposals:
            name = recipient_of(s, p.unit_id, p.person_id)[0]
            if p.year_id != year_id:
                raise ChangeRefused(f"Đề nghị cho {name} không thuộc năm {year.year}.")
            if p.award_type_id != award_type_id:
                raise ChangeRefused(f"Đề nghị cho {name} là {p.award_type.name}, không phải {award.name}.")
            if p.status in (ProposalStatus.DECIDED, ProposalStatus.REJECTED):
                raise ChangeRefused(f"Đề nghị cho {name} đang ở trạng thái “{p.status.label}”.")
        decision = Decision(year_id=year_id, number=number, signed_on=fields.signed_on, issuer=issuer,
                            signer_name=clean(fields.signer_name) or None, signer_post=clean(fields.signer_post) or None,
                            award_type_id=award_type_id, content=clean(fields.content) or None)
        s.add(decision)
        s.flush()
        for i, p in enumerate(proposals):
            name, detail = recipient_of(s, p.unit_id, p.person_id)
            p.status, p.decision_id, p.decision_order = ProposalStatus.DECIDED, decision.id, i + 1
            s.add(Commendation(year=year.year, award_type_id=award_type_id, unit_id=p.unit_id, person_id=p.person_id,
                               recipient_name=name, recipient_detail=detail, achievement=p.achievement,
                               source=CommendationSource.BLOC, proposal_id=p.id, decision_id=decision.id,
                               decision_number=number, decision_date=fields.signed_on, issuer=issuer,
                               golden_book_no=first_golden_no + i))
        return decision.id

    return ws.change(f"Ghi quyết định khen thưởng số {number}", do)


def commendations_of_decision(ws: Workspace, decision_id: int) -> list[Commendation]:
    """The decision's commendations in sổ vàng order: what the certificates print."""
    with ws.read() as s:
        return list(s.scalars(select(Commendation).where(Commendation.decision_id == decision_id)
                              .order_by(Commendation.golden_book_no, Commendation.id)))


def decisions(ws: Workspace, year_id: int) -> list[Decision]:
    with ws.read() as s:
        rows = list(s.scalars(select(Decision).where(Decision.year_id == year_id)))
    return sorted(rows, key=lambda d: (d.signed_on, vi_sort_key(d.number)))
