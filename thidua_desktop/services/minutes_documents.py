"""The documents of a meeting: the biên bản (NĐ 30/2020 Mẫu 1.9) of the covenant signing, the
mid-year and the year-end review, the biên bản kiểm phiếu, and the ballots (phiếu bầu).

Mẫu 1.9 order: Thời gian bắt đầu, Địa điểm, Thành phần tham dự, Chủ trì, Thư ký, Nội dung, the
closing line; THƯ KÝ signs at the left and CHỦ TỌA at the right; no place and date line.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import Meeting, Unit, VoteCounter
from thidua_desktop.documents.model import (
    Column,
    CutLine,
    Document,
    Items,
    Keep,
    PageBreak,
    Para,
    Signatures,
    Signer,
    Table,
    Title,
)
from thidua_desktop.domain.admin_format import time_words
from thidua_desktop.domain.enums import MeetingKind, PeriodKind
from thidua_desktop.domain.text import vi_sort_key

from .document_facts import YearFacts, read_facts, recipients
from .document_parts import (
    RoundFacts,
    ballots_line,
    period_id_of,
    proposal_lines,
    proposals_table,
    round_caption,
    rounds_of,
    score_table,
    votes_table,
)
from .document_plan import Plan
from .document_templates import TemplateSpec, fill, template_from
from .scoring import period_results
from .workspace import ChangeRefused, Workspace

MINUTES_KEYS = {MeetingKind.COVENANT_SIGNING: "bb_ky_ket", MeetingKind.MID_YEAR: "bb_so_ket",
                MeetingKind.YEAR_END: "bb_tong_ket"}
_MISSING = {MeetingKind.COVENANT_SIGNING: "Chưa có hội nghị ký kết giao ước",
            MeetingKind.MID_YEAR: "Chưa có hội nghị sơ kết", MeetingKind.YEAR_END: "Chưa có cuộc họp tổng kết"}


def meeting_of(s: Session, year_id: int, kind: MeetingKind) -> Meeting | None:
    return s.scalars(select(Meeting).where(Meeting.year_id == year_id, Meeting.kind == kind)
                     .order_by(Meeting.starts_at.desc())).first()


def missing_meeting(s: Session, year_id: int, kind: MeetingKind) -> str | None:
    """What keeps the meeting's documents from being produced, in Vietnamese (None: nothing)."""
    return None if meeting_of(s, year_id, kind) else _MISSING[kind]


def missing_votes(s: Session, year_id: int) -> str | None:
    meeting = meeting_of(s, year_id, MeetingKind.YEAR_END)
    if meeting is None:
        return _MISSING[MeetingKind.YEAR_END]
    return None if meeting.rounds else "Cuộc họp tổng kết chưa có lượt bỏ phiếu"


def _meeting_or_refuse(s: Session, year_id: int, kind: MeetingKind) -> Meeting:
    meeting = meeting_of(s, year_id, kind)
    if meeting is None:
        raise ChangeRefused(_MISSING[kind] + ".")
    return meeting


def _person_line(name: str | None, post: str | None) -> str:
    return " – ".join(x for x in (f"Đồng chí {name}" if name else None, post) if x) or "…"


def _attendance(s: Session, meeting: Meeting) -> tuple[Table, int, int]:
    names = {u.id: u.official_name for u in s.scalars(select(Unit).where(
        Unit.id.in_([a.unit_id for a in meeting.attendance])))}
    lines = sorted(meeting.attendance, key=lambda a: vi_sort_key(names[a.unit_id]))
    rows = []
    for i, a in enumerate(lines, start=1):
        who = ", ".join(x for x in (a.representative_name, a.representative_post) if x)
        state = "Có mặt" if a.present else (a.note or "Vắng")
        rows.append((str(i), names[a.unit_id], who, state))
    table = Table((Column("STT", 0.7, "center"), Column("Đơn vị", 3.2), Column("Đại biểu dự họp", 3.6),
                   Column("Ghi chú", 1.5, "center")), tuple(rows))
    return table, sum(a.present for a in meeting.attendance), len(meeting.attendance)


def _values(facts: YearFacts, meeting: Meeting) -> dict:
    return {**facts.values(), "meeting_title": meeting.title,
            "end_time": time_words(meeting.ends_at) if meeting.ends_at else "…"}


def minutes_plan(ws: Workspace, year_id: int, kind: MeetingKind, on: date | None = None) -> Plan:
    """The biên bản of the year's meeting of this kind (the latest, if several)."""
    with ws.read() as s:
        meeting = _meeting_or_refuse(s, year_id, kind)
        day = _meeting_day(meeting, on)
        facts = read_facts(s, year_id, day)
        spec = template_from(s, MINUTES_KEYS[kind])
        attendance, present, total = _attendance(s, meeting)
        rounds = rounds_of(s, meeting.id) if kind is MeetingKind.YEAR_END else []
        proposals = proposal_lines(s, year_id) if kind is MeetingKind.YEAR_END else []
        period_kind = {MeetingKind.MID_YEAR: PeriodKind.MID_YEAR, MeetingKind.YEAR_END: PeriodKind.YEAR_END}.get(kind)
        period_id = period_id_of(s, year_id, period_kind) if period_kind else None
    results = period_results(ws, period_id) if period_id else None
    values = _values(facts, meeting)
    chair, secretary = meeting.chair_name, meeting.secretary_name

    def render(number_text: str | None) -> Document:
        doc = Document(facts.header(spec, number_text, dated=False), title=fill(spec.summary, values))
        doc.add(Title(fill(spec.title, values), fill(spec.summary, values)))
        start = time_words(meeting.starts_at) + "." if meeting.starts_at else "…"
        doc.add(Para(start, label="Thời gian bắt đầu:"),
                Para(f"{meeting.place or '…'}.", label="Địa điểm:"),
                Para(f"có mặt {present:02d}/{total:02d} đơn vị thành viên.", label="Thành phần tham dự:"))
        guests = [g.strip() for g in (meeting.guests or "").splitlines() if g.strip()]
        if guests:
            doc.add(Para("Đại biểu mời:", italic=True), Items(tuple(guests), numbered=False))
        doc.add(Para("Đại diện các đơn vị thành viên:", italic=True), attendance)
        doc.add(Para(_person_line(chair, meeting.chair_post) + ".", label="Chủ trì (chủ tọa):"),
                Para(_person_line(secretary, meeting.secretary_post) + ".", label="Thư ký (người ghi biên bản):"),
                Para("", label="Nội dung (theo diễn biến cuộc họp):"))
        agenda = [a.strip() for a in (meeting.agenda or "").splitlines() if a.strip()]
        if agenda:
            doc.add(Para("Chương trình hội nghị:", italic=True), *[Para(a) for a in agenda])
        for line in (meeting.minutes or "").splitlines():
            if line.strip():
                doc.add(Para(line.strip()))
        if results is not None and results.rows:
            doc.add(Para(fill(spec.texts.get("scores_heading"), values), bold=True), score_table(results))
        if rounds:
            doc.add(Para(fill(spec.texts.get("votes_heading"), values), bold=True))
            for r in rounds:
                doc.add(Para(round_caption(r), italic=True), Para(ballots_line(r)), votes_table(r))
                if r.note:
                    doc.add(Para(r.note))
        if proposals:
            doc.add(Para(fill(spec.texts.get("proposals_heading"), values), bold=True), proposals_table(proposals))
        if kind is MeetingKind.YEAR_END:
            doc.add(Para(fill(spec.texts.get("election"), values)))
        doc.add(Para(fill(spec.texts.get("closing"), values)))
        doc.add(Signatures((Signer("Thư ký", secretary), Signer("Chủ tọa", chair)),
                           recipients=recipients(spec, values)))
        return doc

    def link(s: Session, document_id: int) -> None:
        s.get(Meeting, meeting.id).document_id = document_id

    return Plan(spec, facts, day, f"Biên bản {meeting.title}", render, signer_post="Chủ tọa", signer_name=chair,
                recipients=recipients(spec, values), link=link)


def _meeting_day(meeting: Meeting, on: date | None) -> date:
    return on or (meeting.starts_at.date() if meeting.starts_at else date.today())


def _voting(s: Session, year_id: int, on: date | None, key: str) -> tuple[Meeting, list[RoundFacts], date,
                                                                          YearFacts, TemplateSpec]:
    """The year-end meeting with its vote rounds, for the counting minutes and the ballots."""
    meeting = _meeting_or_refuse(s, year_id, MeetingKind.YEAR_END)
    rounds = rounds_of(s, meeting.id)
    if not rounds:
        raise ChangeRefused("Cuộc họp tổng kết chưa có lượt bỏ phiếu.")
    day = _meeting_day(meeting, on)
    return meeting, rounds, day, read_facts(s, year_id, day), template_from(s, key)


def counting_plan(ws: Workspace, year_id: int, on: date | None = None) -> Plan:
    """The biên bản kiểm phiếu of the year-end meeting's ballots."""
    with ws.read() as s:
        meeting, rounds, day, facts, spec = _voting(s, year_id, on, "bb_kiem_phieu")
        counters = s.scalars(select(VoteCounter).where(VoteCounter.meeting_id == meeting.id)
                             .order_by(VoteCounter.position, VoteCounter.id)).all()
        team = [(c.full_name, c.post, c.role) for c in counters]
    values = _values(facts, meeting)

    def render(number_text: str | None) -> Document:
        doc = Document(facts.header(spec, number_text, dated=False), title=fill(spec.title, values))
        doc.add(Title(fill(spec.title, values), fill(spec.summary, values)))
        start = time_words(meeting.starts_at) + "." if meeting.starts_at else "…"
        doc.add(Para(start, label="Thời gian bắt đầu:"), Para(f"{meeting.place or '…'}.", label="Địa điểm:"),
                Para(fill(spec.texts.get("opening"), values)), Para("", label="Ban kiểm phiếu gồm:"))
        doc.add(Items(tuple(", ".join(x for x in (n, p) if x) + (f" – {r}" if r else "") for n, p, r in team)
                      or ("…",)))
        for r in rounds:
            doc.add(Para(round_caption(r), bold=True), Para(ballots_line(r)),
                    votes_table(r, caption=f"Kết quả kiểm phiếu (chọn {r.places:02d}):"))
            if r.note:
                doc.add(Para(r.note))
        doc.add(Para(fill(spec.texts.get("closing"), values)))
        signers = tuple(Signer((role or "Thành viên"), name) for name, _post, role in team)
        doc.add(Signatures(signers or (Signer("Trưởng ban"),), per_row=3, heading="BAN KIỂM PHIẾU"))
        return doc

    return Plan(spec, facts, day, "Biên bản kiểm phiếu", render, recipients=(), signer_post="Trưởng ban kiểm phiếu")


def ballots_plan(ws: Workspace, year_id: int, on: date | None = None, copies: int | None = None) -> Plan:
    """The ballots of the year-end meeting: for each award category and round, as many copies as
    ballots were issued (or `copies`), several to a page with a dashed line to cut along."""
    with ws.read() as s:
        _meeting, rounds, day, facts, spec = _voting(s, year_id, on, "phieu_bau")
    base = facts.values()

    def ballot(r: RoundFacts) -> Keep:
        values = {**base, "award": r.award, "places": f"{r.places:02d}"}
        blocks: list = [Para(facts.bloc.upper(), bold=True, align="center", indent=False, size=13),
                        Title(fill(spec.title, values), fill(spec.summary, values))]
        if r.round_no > 1:
            blocks.append(Para(f"(Bỏ phiếu lần {r.round_no})", italic=True, align="center", indent=False))
        blocks += [Para(fill(spec.texts.get("instruction"), values), italic=True),
                   Table((Column("STT", 0.7, "center"), Column("Tên đơn vị, cá nhân", 6)),
                         tuple((str(k), name) for k, (name, *_rest) in enumerate(r.candidates, start=1)), size=14)]
        return Keep(tuple(blocks))

    def render(_number_text: str | None) -> Document:
        doc = Document(None, title=f"Phiếu bầu năm {facts.year}", page_numbers=False)
        for i, r in enumerate(rounds):
            if i:
                doc.add(PageBreak())
            for _ in range(copies or r.issued or len(facts.members)):
                doc.add(ballot(r), CutLine())
        return doc

    return Plan(spec, facts, day, f"Phiếu bầu năm {facts.year}", render)
