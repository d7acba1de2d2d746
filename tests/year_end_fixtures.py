"""Year-end work done the quick way, for tests of closing and handing over a year: the year-end
period locked, a year-end meeting with a closed vote round, and its minutes issued."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import (
    AwardType,
    EmulationYear,
    EvaluationPeriod,
    IssuedDocument,
    Meeting,
    ScoreTable,
    VoteRound,
    utc_now,
)
from thidua_desktop.domain.enums import DocumentType, MeetingKind, PeriodKind
from thidua_desktop.services.workspace import Workspace


def lock_year_end(ws: Workspace, year_id: int) -> None:
    def do(s: Session) -> None:
        period = s.scalars(select(EvaluationPeriod).where(EvaluationPeriod.year_id == year_id,
                                                          EvaluationPeriod.kind == PeriodKind.YEAR_END)).first()
        if period is None:
            table = s.scalars(select(ScoreTable.id).where(ScoreTable.year_id == year_id)).first()
            period = EvaluationPeriod(year_id=year_id, kind=PeriodKind.YEAR_END, score_table_id=table)
            s.add(period)
        period.locked, period.locked_at, period.locked_by = True, utc_now(), ws.operator

    ws.change("Khóa kết quả tổng kết (kiểm thử)", do)


def hold_year_end_meeting(ws: Workspace, year_id: int, *, vote_closed: bool = True) -> int:
    def do(s: Session) -> int:
        year = s.get(EmulationYear, year_id).year
        meeting = Meeting(year_id=year_id, kind=MeetingKind.YEAR_END, title=f"Hội nghị tổng kết năm {year}",
                          starts_at=datetime(year, 12, 20, 8, 0))
        s.add(meeting)
        s.flush()
        award = s.scalars(select(AwardType.id)).first()
        s.add(VoteRound(meeting_id=meeting.id, award_type_id=award, round_no=1, closed=vote_closed))
        return meeting.id

    return ws.change("Hội nghị tổng kết (kiểm thử)", do)


def issue_minutes(ws: Workspace, meeting_id: int) -> int:
    def do(s: Session) -> int:
        meeting = s.get(Meeting, meeting_id)
        doc = IssuedDocument(year_id=meeting.year_id, doc_type=DocumentType.BIEN_BAN, number=7,
                             number_text="07/BB-KTĐ", issued_on=date(meeting.starts_at.year, 12, 20),
                             title=f"Biên bản {meeting.title}")
        s.add(doc)
        s.flush()
        meeting.document_id = doc.id
        return doc.id

    return ws.change("Ban hành biên bản tổng kết (kiểm thử)", do)


def finish_year_end(ws: Workspace, year_id: int) -> None:
    """Everything of the closing checklist except electing next year's leader."""
    lock_year_end(ws, year_id)
    issue_minutes(ws, hold_year_end_meeting(ws, year_id))


def ready_to_hand_over(ws: Workspace, year: int, *, leader_unit_id: int | None = None) -> int:
    """Finish `year`, open the next one with a new leader (another member unless given), close `year`."""
    from thidua_desktop.domain.enums import MemberRole
    from thidua_desktop.services.year_close import close_year, open_next_year
    from thidua_desktop.services.years import members, year_id_of

    year_id = year_id_of(ws, year)
    finish_year_end(ws, year_id)
    if leader_unit_id is None:
        leader_unit_id = next(m.unit_id for m in members(ws, year_id) if m.role is MemberRole.THANH_VIEN)
    open_next_year(ws, year_id, leader_unit_id=leader_unit_id)
    close_year(ws, year_id)
    return year_id
