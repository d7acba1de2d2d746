"""The year's own documents: the covenant with its score table annex and a signature for every
unit head, the registration summary, the tờ trình proposing awards, the score summary (A4
landscape), the year-end report filled with the year's figures, and lists of commendations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from thidua_desktop.db.models import (
    AwardType,
    Commendation,
    Covenant,
    EvaluationPeriod,
    Proposal,
    Unit,
)
from thidua_desktop.documents.model import (
    Annex,
    Bases,
    Column,
    Document,
    Items,
    KinhGui,
    Para,
    Signatures,
    Signer,
    Table,
    Title,
)
from thidua_desktop.domain.admin_format import date_words, signing_title
from thidua_desktop.domain.enums import MeetingKind, PeriodKind, ProposalStatus
from thidua_desktop.domain.text import format_points, vi_sort_key

from . import score_tables
from .covenant import registrations
from .document_facts import points, read_facts, recipients
from .document_parts import period_id_of, proposal_lines, proposals_table, score_table
from .document_plan import Plan
from .document_templates import fill, template_from
from .minutes_documents import meeting_of
from .scoring import period_results
from .workspace import ChangeRefused, Workspace


def _basis_lines(lines: list[str], extra: list[str] = ()) -> tuple[str, ...]:
    """Each căn cứ ends with ";" and the last with "." (NĐ 30/2020)."""
    body = [x.strip().rstrip(";.") for x in [*lines, *extra] if x.strip()]
    return tuple(x + (";" if i < len(body) - 1 else ".") for i, x in enumerate(body))


# --- covenant --------------------------------------------------------------------------------


def missing_covenant(s: Session, year_id: int) -> str | None:
    covenant = s.scalars(select(Covenant).where(Covenant.year_id == year_id)).first()
    if covenant is None:
        return "Chưa soạn giao ước thi đua"
    if covenant.score_table_id is None and score_tables.current_table_id(s, year_id) is None:
        return "Chưa có bảng điểm kèm giao ước"
    return None


def covenant_plan(ws: Workspace, year_id: int, on: date | None = None) -> Plan:
    with ws.read() as s:
        problem = missing_covenant(s, year_id)
        if problem:
            raise ChangeRefused(problem + ".")
        covenant = s.scalars(select(Covenant).where(Covenant.year_id == year_id)
                             .options(selectinload(Covenant.signatories))).one()
        day = on or covenant.signed_on or date.today()
        facts = read_facts(s, year_id, day)
        spec = template_from(s, "giao_uoc")
        table_id = covenant.score_table_id or score_tables.current_table_id(s, year_id)
        names = {u.id: u.official_name for u in s.scalars(select(Unit))}
        signatories = sorted(covenant.signatories, key=lambda x: vi_sort_key(names[x.unit_id]))
        signers = tuple(Signer(title=signing_title(x.signer_post or "Thủ trưởng đơn vị", names[x.unit_id]),
                               name=x.signer_name, prefix=names[x.unit_id]) for x in signatories)
    view = score_tables.table_view(ws, table_id)
    values = {**facts.values(), "covenant_date": date_words(day)}
    content = [line.strip() for line in (covenant.content or "").splitlines() if line.strip()]

    def render(number_text: str | None) -> Document:
        title = fill(spec.title, values)
        doc = Document(facts.header(spec, number_text), title=title)
        doc.add(Title(title, fill(spec.summary, values)))
        if facts.legal_bases:
            doc.add(Bases(_basis_lines(facts.legal_bases)))
        # the covenant's own text (covenant page) has its opening; the template's stands in for it
        doc.add(*[Para(line) for line in content] or [Para(fill(spec.texts.get("opening"), values))])
        doc.add(Para(fill(spec.texts.get("table_note"), values)), Para(fill(spec.texts.get("closing"), values)),
                Signatures(signers, per_row=2, heading=fill(spec.texts.get("signatures_heading"), values)))
        attached = f"(Kèm theo Giao ước thi đua số {number_text or '…'} {date_words(day)})"
        doc.add(Annex("Phụ lục", f"Bảng điểm thi đua năm {facts.year}", attached), _criteria_table(view))
        return doc

    def link(s: Session, document_id: int) -> None:
        s.get(Covenant, covenant.id).document_id = document_id

    return Plan(spec, facts, day, fill(spec.title, values), render, recipients=(), link=link)


def _criteria_table(view: score_tables.TableView) -> Table:
    rows: list[tuple[str, ...]] = []
    bold: set[int] = set()

    def walk(nodes: list, depth: int) -> None:
        for node in nodes:
            c = node.criterion
            if node.children:
                bold.add(len(rows))
            rows.append((c.code, c.text, format_points(node.points)))
            walk(node.children, depth + 1)

    for section in view.sections:
        bold.add(len(rows))
        rows.append((section.section.code, section.section.title.upper(), format_points(section.points)))
        walk(section.criteria, 1)
    for rule in view.rules:
        sign = "+" if rule.kind.value == "bonus" else "−"
        rows.append((rule.code, f"{rule.kind.label}: {rule.text}", f"{sign}{format_points(rule.points)}"))
    bold.add(len(rows))
    rows.append(("", "TỔNG CỘNG", format_points(view.points)))
    return Table((Column("Mã", 0.8, "center"), Column("Nội dung tiêu chí", 6), Column("Điểm tối đa", 1.1, "right")),
                 tuple(rows), bold_rows=frozenset(bold))


# --- registration summary --------------------------------------------------------------------


def registration_plan(ws: Workspace, year_id: int, on: date | None = None) -> Plan:
    day = on or date.today()
    rows = registrations(ws, year_id)
    with ws.read() as s:
        facts = read_facts(s, year_id, day)
        spec = template_from(s, "dang_ky")
        awards = dict(s.execute(select(AwardType.code, AwardType.name)).all())
    registered = [r for r in rows if r.received_on or r.award_codes or r.targets]
    values = {**facts.values(), "registered_count": len(registered), "today": date_words(day)}

    def render(number_text: str | None) -> Document:
        doc = Document(facts.header(spec, number_text), landscape=True, title=fill(spec.title, values))
        doc.add(Title(fill(spec.title, values), fill(spec.summary, values)), Para(fill(spec.texts.get("opening"), values)))
        doc.add(Table((Column("STT", 0.7, "center"), Column("Đơn vị", 3), Column("Ngày nhận", 1.2, "center"),
                       Column("Số văn bản", 1.7, "center"), Column("Danh hiệu, hình thức khen thưởng đăng ký", 3),
                       Column("Chỉ tiêu, nhiệm vụ", 5)),
                      tuple((str(i), r.unit_name, f"{r.received_on:%d/%m/%Y}" if r.received_on else "Chưa gửi",
                             r.document_ref or "", "; ".join(awards[c] for c in r.award_codes), r.targets or "")
                            for i, r in enumerate(rows, start=1)), size=11))
        doc.add(facts.signatures(spec, values))
        return doc

    sig = facts.signatures(spec, values).signers[0]
    return Plan(spec, facts, day, fill(spec.title, values), render, signer_prefix=sig.prefix, signer_post=sig.title,
                recipients=recipients(spec, values))


# --- tờ trình --------------------------------------------------------------------------------


def missing_proposals(s: Session, year_id: int) -> str | None:
    if meeting_of(s, year_id, MeetingKind.YEAR_END) is None:
        return "Chưa có cuộc họp tổng kết"
    if s.scalars(select(Proposal.id).where(Proposal.year_id == year_id)).first() is None:
        return "Chưa có đề nghị khen thưởng"
    return None


def submission_plan(ws: Workspace, year_id: int, on: date | None = None) -> Plan:
    with ws.read() as s:
        problem = missing_proposals(s, year_id)
        if problem:
            raise ChangeRefused(problem + ".")
        meeting = meeting_of(s, year_id, MeetingKind.YEAR_END)
        meeting_day = meeting.starts_at.date() if meeting.starts_at else None
        day = on or date.today()
        facts = read_facts(s, year_id, day)
        spec = template_from(s, "to_trinh")
        lines = proposal_lines(s, year_id)
        proposal_ids = list(s.scalars(select(Proposal.id).where(Proposal.year_id == year_id)))
    values = {**facts.values(), "meeting_date": date_words(meeting_day) if meeting_day else "…"}
    by_award: dict[str, list] = {}
    for line in lines:
        by_award.setdefault(line.award, []).append(line)

    def render(number_text: str | None) -> Document:
        doc = Document(facts.header(spec, number_text), title=fill(spec.summary, values))
        doc.add(Title(fill(spec.title, values), fill(spec.summary, values)),
                KinhGui(tuple(fill(k, values) for k in spec.kinh_gui)),
                Bases(_basis_lines(facts.legal_bases, [fill(spec.texts.get("basis_minutes"), values)])),
                Para(fill(spec.texts.get("opening"), values)))
        for i, (award, group) in enumerate(by_award.items(), start=1):
            doc.add(Para(f"{i}. {award}: {len(group):02d} tập thể, cá nhân.", bold=True))
        doc.add(proposals_table(lines), Para(fill(spec.texts.get("closing"), values)))
        doc.add(facts.signatures(spec, values))
        return doc

    def link(s: Session, document_id: int) -> None:
        for p in s.scalars(select(Proposal).where(Proposal.id.in_(proposal_ids))):
            p.submission_document_id = document_id
            if p.status is ProposalStatus.PROPOSED:
                p.status, p.sent_on = ProposalStatus.SENT, day

    sig = facts.signatures(spec, values).signers[0]
    return Plan(spec, facts, day, f"Tờ trình {fill(spec.summary, values)}", render, signer_prefix=sig.prefix,
                signer_post=sig.title, recipients=recipients(spec, values), link=link)


# --- score summary ---------------------------------------------------------------------------


def latest_period(s: Session, year_id: int) -> EvaluationPeriod | None:
    """The year-end period once it has scores, else the mid-year one."""
    periods = {p.kind: p for p in s.scalars(select(EvaluationPeriod).where(EvaluationPeriod.year_id == year_id))}
    return periods.get(PeriodKind.YEAR_END) if PeriodKind.YEAR_END in periods else periods.get(PeriodKind.MID_YEAR)


def missing_scores(s: Session, year_id: int) -> str | None:
    return None if latest_period(s, year_id) else "Chưa có kỳ chấm điểm"


_PERIOD_WORDS = {PeriodKind.MID_YEAR: "Sơ kết 6 tháng đầu năm", PeriodKind.YEAR_END: "Tổng kết năm"}


def score_summary_plan(ws: Workspace, year_id: int, on: date | None = None,
                       period_kind: PeriodKind | None = None) -> Plan:
    day = on or date.today()
    with ws.read() as s:
        period = s.get(EvaluationPeriod, period_id_of(s, year_id, period_kind)) if period_kind else \
            latest_period(s, year_id)
        if period is None:
            raise ChangeRefused("Chưa có kỳ chấm điểm.")
        facts = read_facts(s, year_id, day)
        spec = template_from(s, "bang_diem")
        kind = period.kind
    results = period_results(ws, period.id)
    values = {**facts.values(), "period_label": _PERIOD_WORDS[kind]}

    def render(number_text: str | None) -> Document:
        sections = results.rows[0].own.section_totals.keys() if results.rows else []
        columns = [Column("Hạng", 0.9, "center"), Column("Đơn vị", 3.2)]
        for code in sections:
            columns += [Column(f"Phần {code} tự chấm", 1, "right"), Column(f"Phần {code} kết quả", 1, "right")]
        columns += [Column("Thưởng định lượng", 1.1, "right"), Column("Điểm thưởng", 1.1, "right"),
                    Column("Điểm trừ", 1.1, "right"), Column("Tổng tự chấm", 1.1, "right"),
                    Column("Tổng kết quả", 1.1, "right"), Column("Xếp loại", 1.1, "center")]
        rows = []
        for r in results.rows:
            row = [str(r.rank), r.unit.name]
            for code in sections:
                row += [points(r.own.section_totals.get(code)), points(r.agreed.section_totals.get(code))]
            row += [points(r.agreed.quantitative_bonus), points(r.agreed.bonus), points(r.agreed.penalty),
                    points(r.own.total), points(r.agreed.total), r.band or ""]
            rows.append(tuple(row))
        doc = Document(facts.header(spec, number_text), landscape=True, title=fill(spec.title, values))
        doc.add(Title(fill(spec.title, values), fill(spec.summary, values)),
                Table(tuple(columns), tuple(rows), size=11), facts.signatures(spec, values))
        return doc

    sig = facts.signatures(spec, values).signers[0]
    return Plan(spec, facts, day, f"{fill(spec.title, values)} – {kind.label} {facts.year}", render,
                signer_prefix=sig.prefix, signer_post=sig.title)


# --- year-end report -------------------------------------------------------------------------


def report_plan(ws: Workspace, year_id: int, on: date | None = None) -> Plan:
    day = on or date.today()
    regs = registrations(ws, year_id)
    with ws.read() as s:
        facts = read_facts(s, year_id, day)
        spec = template_from(s, "bao_cao")
        period = latest_period(s, year_id)
        covenant = s.scalars(select(Covenant).where(Covenant.year_id == year_id)).first()
        table_id = (covenant.score_table_id if covenant else None) or score_tables.current_table_id(s, year_id)
        proposals = proposal_lines(s, year_id)
        decided = s.scalars(select(Proposal.id).where(Proposal.year_id == year_id,
                                                      Proposal.status == ProposalStatus.DECIDED)).all()
        awards = s.execute(select(AwardType.name, Commendation.id).join(
            Commendation, Commendation.award_type_id == AwardType.id).where(Commendation.year == facts.year)
            .order_by(AwardType.position)).all()
    results = period_results(ws, period.id) if period else None
    table_points = score_tables.table_view(ws, table_id).points if table_id else None
    totals = [r.agreed.total for r in results.rows] if results and results.rows else []
    top = results.rows[0] if totals else None
    counts: dict[str, int] = {}
    for name, _id in awards:
        counts[name] = counts.get(name, 0) + 1
    values = {**facts.values(),
              "registered_count": sum(1 for r in regs if r.received_on or r.award_codes or r.targets),
              "covenant_date": date_words(covenant.signed_on) if covenant and covenant.signed_on else "(chưa ký)",
              "table_points": points(table_points) or "…",
              "average_score": format_points((sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01")))
              if totals else "…",
              "top_unit": top.unit.name if top else "…", "top_score": points(top.agreed.total) if top else "…",
              "proposal_count": f"{len(proposals):02d}", "decided_count": f"{len(decided):02d}"}

    def render(number_text: str | None) -> Document:
        t = spec.texts
        doc = Document(facts.header(spec, number_text), title=fill(spec.summary, values))
        doc.add(Title(fill(spec.title, values), fill(spec.summary, values)),
                KinhGui(tuple(fill(k, values) for k in spec.kinh_gui)),
                Para("I. ĐẶC ĐIỂM TÌNH HÌNH", bold=True, indent=False), Para(fill(t.get("situation"), values)),
                Para("II. KẾT QUẢ THỰC HIỆN", bold=True, indent=False),
                Para("1. Đăng ký thi đua, ký kết giao ước", bold=True), Para(fill(t.get("registration"), values)),
                Para("2. Kết quả chấm điểm thi đua", bold=True), Para(fill(t.get("scores"), values)))
        if results and results.rows:
            doc.add(score_table(results))
        doc.add(Para("3. Bình xét, đề nghị khen thưởng", bold=True), Para(fill(t.get("proposals"), values)))
        if proposals:
            doc.add(proposals_table(proposals))
        if counts:
            doc.add(Para(f"4. Khen thưởng năm {facts.year}", bold=True),
                    Items(tuple(f"{name}: {n:02d}" for name, n in counts.items()), numbered=False))
        doc.add(Para("III. ĐÁNH GIÁ CHUNG", bold=True, indent=False), Para(fill(t.get("assessment"), values)),
                Para(f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {facts.year + 1}", bold=True, indent=False),
                Para(fill(t.get("next_year"), values)), facts.signatures(spec, values))
        return doc

    sig = facts.signatures(spec, values).signers[0]
    return Plan(spec, facts, day, f"Báo cáo {fill(spec.summary, values)}", render, signer_prefix=sig.prefix,
                signer_post=sig.title, recipients=recipients(spec, values))


# --- commendations ---------------------------------------------------------------------------


def commendations_plan(ws: Workspace, year_id: int, on: date | None = None,
                       award_code: str | None = None) -> Plan:
    """The year's commendations (all, or one award) with their decisions."""
    day = on or date.today()
    with ws.read() as s:
        facts = read_facts(s, year_id, day)
        spec = template_from(s, "danh_sach_khen")
        query = (select(Commendation, AwardType.name, AwardType.position)
                 .join(AwardType, AwardType.id == Commendation.award_type_id).where(Commendation.year == facts.year))
        award_name = None
        if award_code:
            query = query.where(AwardType.code == award_code)
            award_name = s.scalars(select(AwardType.name).where(AwardType.code == award_code)).first()
        rows = s.execute(query).all()
    rows = sorted(rows, key=lambda r: (r[2], vi_sort_key(r[0].recipient_name)))
    values = {**facts.values(), "award_filter": award_name or "Tất cả các hình thức khen thưởng"}

    def render(number_text: str | None) -> Document:
        doc = Document(facts.header(spec, number_text), landscape=True, title=fill(spec.title, values))
        doc.add(Title(fill(spec.title, values), fill(spec.summary, values)))
        doc.add(Table((Column("STT", 0.7, "center"), Column("Tên tập thể, cá nhân", 2.6),
                       Column("Chức vụ, đơn vị", 3), Column("Hình thức khen thưởng", 2.6),
                       Column("Thành tích", 3.2), Column("Số, ngày quyết định", 1.8, "center")),
                      tuple((str(i), c.recipient_name, c.recipient_detail or "", award, c.achievement or "",
                             ", ".join(x for x in (c.decision_number,
                                                   f"{c.decision_date:%d/%m/%Y}" if c.decision_date else None) if x))
                            for i, (c, award, _pos) in enumerate(rows, start=1)), size=11))
        doc.add(facts.signatures(spec, values))
        return doc

    sig = facts.signatures(spec, values).signers[0]
    return Plan(spec, facts, day, fill(spec.title, values), render, signer_prefix=sig.prefix,
                signer_post=sig.title)
