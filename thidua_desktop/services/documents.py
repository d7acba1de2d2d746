"""The catalogue of printable documents and the one call that produces them.

The UI lists `available_documents(ws, year_id)` (with what is missing for each, in
Vietnamese), previews with `produce(..., issue=False)` — which takes no number from the series —
and issues with `produce(..., issue=True)`, which numbers, writes, hashes and records the
document in one change. reportlab and python-docx load on the first produce, not at start-up.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import AwardType, Commendation, EmulationYear

from thidua_desktop.documents.model import Document
from thidua_desktop.domain.admin_format import number_text as format_number
from thidua_desktop.domain.enums import MeetingKind

from .document_plan import Plan
from .document_templates import default_template
from .issuing import IssueRequest, leader_unit, next_number, record_issued
from .minutes_documents import ballots_plan, counting_plan, minutes_plan, missing_meeting, missing_votes
from .workspace import ChangeRefused, Workspace
from .year_documents import (
    commendations_plan,
    covenant_plan,
    missing_covenant,
    missing_proposals,
    missing_scores,
    registration_plan,
    report_plan,
    score_summary_plan,
    submission_plan,
)


@dataclass(frozen=True, slots=True)
class DocumentKind:
    key: str
    name: str
    has_docx: bool
    landscape: bool
    numbered: bool
    missing: str | None  # why it cannot be produced yet, in Vietnamese; None: it can


@dataclass(frozen=True, slots=True)
class ProducedDocument:
    pdf_path: Path
    docx_path: Path | None
    page_size: str  # "A4 dọc" or "A4 ngang" (of the first page)
    number_text: str | None  # None: printed with the number left blank
    issued_id: int | None = None  # the IssuedDocument row, when issued
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    build: Callable[..., Plan]
    missing: Callable[[Session, int], str | None]
    landscape: bool = False
    docx: bool = True


def _no_need(_s: Session, _year_id: int) -> None:
    return None


def _meeting(kind: MeetingKind) -> Callable[[Session, int], str | None]:
    return lambda s, year_id: missing_meeting(s, year_id, kind)


CATALOGUE: dict[str, _Entry] = {
    "giao_uoc": _Entry(covenant_plan, missing_covenant),
    "dang_ky": _Entry(registration_plan, _no_need, landscape=True),
    "bb_ky_ket": _Entry(partial(minutes_plan, kind=MeetingKind.COVENANT_SIGNING), _meeting(MeetingKind.COVENANT_SIGNING)),
    "bb_so_ket": _Entry(partial(minutes_plan, kind=MeetingKind.MID_YEAR), _meeting(MeetingKind.MID_YEAR)),
    "bb_tong_ket": _Entry(partial(minutes_plan, kind=MeetingKind.YEAR_END), _meeting(MeetingKind.YEAR_END)),
    "bb_kiem_phieu": _Entry(counting_plan, missing_votes),
    "phieu_bau": _Entry(ballots_plan, missing_votes),
    "to_trinh": _Entry(submission_plan, missing_proposals),
    "bang_diem": _Entry(score_summary_plan, missing_scores, landscape=True),
    "bao_cao": _Entry(report_plan, _no_need),
    "danh_sach_khen": _Entry(commendations_plan, _no_need, landscape=True),
}


def available_documents(ws: Workspace, year_id: int) -> list[DocumentKind]:
    """Every document kind of the year, in the order of the year's work, with what is missing."""
    with ws.read() as s:
        no_leader = None if leader_unit(s, year_id) else "Năm này chưa có đơn vị Trưởng khối"
        out = []
        for key, entry in CATALOGUE.items():
            spec = default_template(key)
            out.append(DocumentKind(key, spec.name, entry.docx, entry.landscape, spec.numbered,
                                    no_leader or entry.missing(s, year_id)))
    return out


def commendation_awards(ws: Workspace, year_id: int) -> list[tuple[str, str]]:
    """(code, name) of the awards the year's commendations hold, for the list's filter."""
    with ws.read() as s:
        year = s.get(EmulationYear, year_id).year
        return [tuple(row) for row in s.execute(
            select(AwardType.code, AwardType.name).join(Commendation, Commendation.award_type_id == AwardType.id)
            .where(Commendation.year == year).group_by(AwardType.id).order_by(AwardType.position))]


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|]+', "-", name).strip(" .")


def file_stem(plan: Plan, number_text: str | None) -> str:
    """E.g. "2025 - Biên bản hội nghị tổng kết, bình xét thi đua - số 05-BB-VPTU"."""
    stem = f"{plan.facts.year} - {plan.spec.name}"
    return _safe(f"{stem} - số {number_text}" if number_text else stem)


def _paths(out: Path, stem: str, docx: bool) -> tuple[Path, Path | None]:
    if out.suffix.lower() in (".pdf", ".docx"):
        pdf = out.with_suffix(".pdf")
    else:
        pdf = out / f"{stem}.pdf"
    return pdf, (pdf.with_suffix(".docx") if docx else None)


def next_number_text(ws: Workspace, year_id: int, key: str, *, on: date | None = None,
                     **options: object) -> str | None:
    """The number issuing this document would take now, e.g. "05/BB-BLC" (None: it takes none),
    for the issue dialog; reading it consumes nothing."""
    return _number(ws, _entry(key).build(ws, year_id, on=on, **options), None)[1]


def _number(ws: Workspace, plan: Plan, typed: int | None) -> tuple[int | None, str | None]:
    """The typed number, else the series' next one, and how it prints; (None, None) for a
    document kind that takes no number."""
    if not plan.spec.numbered:
        return None, None
    n = typed
    if n is None:
        with ws.read() as s:
            n = next_number(s, plan.issued_on.year, plan.facts.issuer, plan.spec.doc_type)
    return n, format_number(n, plan.spec.doc_type.value, plan.facts.issuer.symbol)


def _write(write, doc: Document, path: Path) -> None:  # noqa: ANN001 - write_pdf or write_docx
    """Write under a temporary name, then replace: a failed write never leaves half a file, and
    a file held open elsewhere (a viewer on Windows) is a Vietnamese message."""
    temporary = path.with_name(f"~{path.name}")
    try:
        write(doc, temporary)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ChangeRefused(f"Không ghi được tệp “{path.name}” ({exc.strerror or exc}). "
                            "Tệp có đang mở trong chương trình khác không?") from None


def _entry(key: str) -> _Entry:
    entry = CATALOGUE.get(key)
    if entry is None:
        raise ChangeRefused(f"Không có loại văn bản “{key}”.")
    return entry


def produce(ws: Workspace, year_id: int, key: str, out: Path, *, number: int | None = None, issue: bool = False,
            on: date | None = None, docx: bool = True, **options: object) -> ProducedDocument:
    """Write the document as PDF (and .docx) to `out` (a folder, or a file path).

    `issue=False` is a preview: the number is left blank (or shows the typed `number`), nothing
    is recorded and no number is consumed. `issue=True` takes the next number of the year's
    series (or the typed one), writes the files and records the issued document with the
    SHA-256 of its PDF. `on` dates the document (default: the meeting's day or today);
    `options` go to the builder (e.g. award_code= for the commendation list).
    """
    from thidua_desktop.documents.docx_render import write_docx
    from thidua_desktop.documents.pdf_render import write_pdf

    entry = _entry(key)
    if number is not None and number < 1:
        raise ChangeRefused("Số văn bản phải là số nguyên dương.")
    plan = entry.build(ws, year_id, on=on, **options)
    n, text = _number(ws, plan, number) if issue or number is not None else (None, None)
    series_next = _number(ws, plan, None)[0] if issue and number is not None else None
    doc = plan.render(text)
    pdf_path, docx_path = _paths(Path(out), file_stem(plan, text if issue else None), docx and entry.docx)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    _write(write_pdf, doc, pdf_path)
    if docx_path is not None:
        _write(write_docx, doc, docx_path)
    page = "A4 ngang" if doc.landscape else "A4 dọc"
    if not issue:
        return ProducedDocument(pdf_path, docx_path, page, text)
    req = IssueRequest(year_id=year_id, template_key=key, doc_type=plan.spec.doc_type, title=plan.title,
                       issued_on=plan.issued_on, issuer=plan.facts.issuer, number=n, manual=number is not None and number != series_next,
                       signer_prefix=plan.signer_prefix, signer_post=plan.signer_post,
                       signer_name=plan.signer_name or plan.facts.issuer.signer_name, recipients=list(plan.recipients))
    try:
        record = record_issued(ws, req, pdf_path, plan.link)
    except ChangeRefused:
        for path in (pdf_path, docx_path):
            if path is not None:
                path.unlink(missing_ok=True)
        raise
    return ProducedDocument(pdf_path, docx_path, page, text, record.id, record.sha256)
