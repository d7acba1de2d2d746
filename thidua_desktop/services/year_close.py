"""Closing the bloc's year and opening the next one.

A year closes only when the year-end work is done: the year-end scores are final and locked,
the vote at the year-end meeting is over, its minutes are issued, and next year's Trưởng khối
is elected (the next year exists with its leader). Closing makes the year read-only; reopening
needs a reason, which the audit log keeps with the change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import (
    AuditEntry,
    EmulationYear,
    EvaluationPeriod,
    IssuedDocument,
    Meeting,
    Membership,
    Unit,
    VoteRound,
    utc_now,
)
from thidua_desktop.domain.enums import DocumentType, MeetingKind, MemberRole, PeriodKind, YearState
from thidua_desktop.domain.membership import RoleError, check_roles
from thidua_desktop.domain.text import clean, search_key

from .score_tables import copy_previous_table
from .workspace import ChangeRefused, Workspace
from .years import add_year

REOPENED_STATE = YearState.DECISIONS_RECORDED  # when the log does not say what the state was


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One condition for closing the year: done, with what was found, or what is missing."""

    key: str  # "scores", "vote", "minutes", "next_leader"
    label: str
    done: bool
    detail: str  # what was found when done, what is missing otherwise (Vietnamese)


@dataclass(frozen=True, slots=True)
class YearChecklist:
    year_id: int
    year: int
    state: YearState
    items: tuple[CheckItem, ...]

    @property
    def ready(self) -> bool:
        return all(item.done for item in self.items)

    @property
    def missing(self) -> list[str]:
        return [item.detail for item in self.items if not item.done]


# --- the checklist ---------------------------------------------------------------------------


def year_checklist(ws: Workspace, year_id: int) -> YearChecklist:
    with ws.read() as s:
        year = s.get(EmulationYear, year_id)
        meeting = s.scalars(select(Meeting).where(Meeting.year_id == year_id, Meeting.kind == MeetingKind.YEAR_END)
                            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())).first()
        items = (_scores_item(s, year), _vote_item(s, year, meeting), _minutes_item(s, year, meeting),
                 _next_leader_item(s, year))
        return YearChecklist(year_id, year.year, year.state, items)


def _scores_item(s: Session, year: EmulationYear) -> CheckItem:
    label = "Điểm tổng kết năm đã thống nhất và khóa"
    period = s.scalars(select(EvaluationPeriod).where(EvaluationPeriod.year_id == year.id,
                                                      EvaluationPeriod.kind == PeriodKind.YEAR_END)).first()
    if period is None:
        return CheckItem("scores", label, False, f"Chưa có kỳ chấm điểm tổng kết năm {year.year}.")
    if not period.locked:
        return CheckItem("scores", label, False, "Kết quả chấm điểm tổng kết năm chưa được khối thông qua và khóa "
                         "(trang Chấm điểm → “Thông qua và khóa kết quả”).")
    when = f" ngày {period.locked_at:%d/%m/%Y}" if period.locked_at else ""
    return CheckItem("scores", label, True, f"Đã khóa{when}.")


def _vote_item(s: Session, year: EmulationYear, meeting: Meeting | None) -> CheckItem:
    label = "Bình xét, bỏ phiếu tại hội nghị tổng kết đã xong"
    if meeting is None:
        return CheckItem("vote", label, False, f"Chưa có hội nghị tổng kết năm {year.year} trong sổ.")
    rounds = s.scalars(select(VoteRound).where(VoteRound.meeting_id == meeting.id)).all()
    if not rounds:
        return CheckItem("vote", label, False, "Hội nghị tổng kết chưa có vòng bỏ phiếu bình xét nào.")
    still_open = sum(not r.closed for r in rounds)
    if still_open:
        return CheckItem("vote", label, False, f"Còn {still_open} vòng bỏ phiếu chưa kết thúc và công bố kết quả.")
    return CheckItem("vote", label, True, f"{len(rounds)} vòng bỏ phiếu đã kết thúc.")


def _minutes_item(s: Session, year: EmulationYear, meeting: Meeting | None) -> CheckItem:
    label = "Biên bản hội nghị tổng kết đã ban hành"
    document = s.get(IssuedDocument, meeting.document_id) if meeting and meeting.document_id else None
    if document is None:
        minutes = s.scalars(select(IssuedDocument).where(IssuedDocument.year_id == year.id,
                                                         IssuedDocument.doc_type == DocumentType.BIEN_BAN)).all()
        document = next((d for d in minutes if _is_year_end_minutes(d)), None)
    if document is None:
        return CheckItem("minutes", label, False, "Chưa ban hành biên bản hội nghị tổng kết, bình xét thi đua "
                         f"năm {year.year}.")
    number = f"số {document.number_text} " if document.number_text else ""
    day = f"ngày {document.issued_on:%d/%m/%Y}" if document.issued_on else "(chưa ghi ngày)"
    return CheckItem("minutes", label, True, f"Biên bản {number}{day}.")


def _is_year_end_minutes(document: IssuedDocument) -> bool:
    key = document.template_key or ""
    return "year_end" in key or "tong_ket" in key or "tong ket" in search_key(document.title)


def _next_leader_item(s: Session, year: EmulationYear) -> CheckItem:
    label = f"Đã bầu Trưởng khối, Phó khối năm {year.year + 1}"
    following = s.scalars(select(EmulationYear).where(EmulationYear.year == year.year + 1)).first()
    if following is None:
        return CheckItem("next_leader", label, False, f"Chưa mở năm {year.year + 1} với đơn vị Trưởng khối, Phó khối "
                         "được bầu tại hội nghị tổng kết.")
    leaders = s.execute(select(Membership.role, Unit.official_name).join(Unit, Unit.id == Membership.unit_id)
                        .where(Membership.year_id == following.id,
                               Membership.role.in_([MemberRole.TRUONG, MemberRole.PHO]))).all()
    leader = next((name for role, name in leaders if role is MemberRole.TRUONG), None)
    if leader is None:
        return CheckItem("next_leader", label, False, f"Năm {year.year + 1} chưa có đơn vị Trưởng khối.")
    deputies = [name for role, name in leaders if role is MemberRole.PHO]
    return CheckItem("next_leader", label, True, f"Trưởng khối: {leader}"
                     + (f"; Phó khối: {', '.join(deputies)}." if deputies else "; chưa có Phó khối."))


# --- closing and reopening -------------------------------------------------------------------


def close_year(ws: Workspace, year_id: int) -> None:
    """Close the year (read-only from now on); refused with the list of what is missing."""
    checklist = year_checklist(ws, year_id)
    if checklist.state.read_only:
        raise ChangeRefused(f"Năm {checklist.year} đã khóa sổ ({checklist.state.label.lower()}).")
    if not checklist.ready:
        raise ChangeRefused(f"Chưa khóa sổ được năm {checklist.year}, còn thiếu:\n"
                            + "\n".join(f"• {line}" for line in checklist.missing))

    def do(s: Session) -> None:
        year = s.get(EmulationYear, year_id)
        year.state, year.closed_at, year.closed_by = YearState.CLOSED, utc_now(), ws.operator

    ws.change(f"Khóa sổ năm {checklist.year}", do)


def reopen_year(ws: Workspace, year_id: int, reason: str) -> YearState:
    """Open a closed (or handed-over) year for corrections; the reason goes into the log.
    The year goes back to the state it had when it was closed."""
    reason = clean(reason or "")
    if not reason:
        raise ChangeRefused("Cần ghi lý do mở lại năm đã khóa sổ.")

    def do(s: Session) -> YearState:
        year = s.get(EmulationYear, year_id)
        if not year.state.read_only:
            raise ChangeRefused(f"Năm {year.year} đang mở, không cần mở lại.")
        year.state = _state_before_closing(s, year)
        year.closed_at = year.closed_by = None
        return year.state

    with ws.read() as s:
        number = s.get(EmulationYear, year_id).year
    return ws.change(f"Mở lại năm {number} đã khóa sổ. Lý do: {reason}", do)


def _state_before_closing(s: Session, year: EmulationYear) -> YearState:
    """The state the audit log saw the year leave for CLOSED, the last time it was closed."""
    entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == EmulationYear.__tablename__,
                                               AuditEntry.entity_id == year.id, AuditEntry.field == "state",
                                               AuditEntry.new_value == json.dumps(YearState.CLOSED.value))
                      .order_by(AuditEntry.id.desc())).first()
    try:
        state = YearState(json.loads(entry.old_value)) if entry else REOPENED_STATE
    except ValueError:
        state = REOPENED_STATE
    return REOPENED_STATE if state.read_only else state


# --- opening the next year -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NextYear:
    year_id: int
    year: int
    score_table_id: int | None  # the draft copied from this year's table (None: this year had none)


def open_next_year(ws: Workspace, from_year_id: int, *, leader_unit_id: int,
                   deputy_unit_ids: tuple[int, ...] = (), joining: tuple[int, ...] = (),
                   leaving: tuple[int, ...] = ()) -> NextYear:
    """Open the year after `from_year_id` in one change: this year's members (minus `leaving`, plus
    `joining`) with the elected Trưởng and Phó khối, the score table copied as a draft, and the
    legal bases, quotas, voting rules and score bands copied for editing."""
    if not leader_unit_id:
        raise ChangeRefused("Hãy chọn đơn vị Trưởng khối được bầu cho năm sau.")
    leaders = {leader_unit_id, *deputy_unit_ids}
    if len(leaders) != 1 + len(deputy_unit_ids):
        raise ChangeRefused("Mỗi đơn vị chỉ giữ một vai trò: hãy chọn các đơn vị khác nhau.")
    if leaders & set(leaving):
        raise ChangeRefused("Đơn vị được bầu làm Trưởng khối hoặc Phó khối không thể rời khối.")
    with ws.read() as s:
        number = s.get(EmulationYear, from_year_id).year + 1
        members = set(s.scalars(select(Membership.unit_id).where(Membership.year_id == from_year_id)))
    try:
        check_roles([MemberRole.TRUONG] + [MemberRole.PHO] * len(deputy_unit_ids), year=number)
    except RoleError as exc:
        raise ChangeRefused(str(exc)) from None

    def do(s: Session) -> NextYear:
        chosen = sorted((members - set(leaving)) | set(joining))
        new = add_year(s, number, leader_unit_id=leader_unit_id, deputy_unit_ids=tuple(deputy_unit_ids),
                       member_unit_ids=chosen)
        try:
            table_id = copy_previous_table(s, new.id).id
        except ChangeRefused:
            table_id = None
        return NextYear(new.id, number, table_id)

    return ws.change(f"Mở năm thi đua {number}", do)
