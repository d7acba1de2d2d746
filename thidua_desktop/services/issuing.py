"""Who issues the bloc's documents, their numbers, and the register of what was issued.

The issuer is the year's leader unit (its name, superior body, symbol, its head signing) or the
bloc itself ("KHỐI THI ĐUA …", its own symbol), as `EmulationYear.issuer_mode` says (domain.md
open question 10). Numbers run per calendar year, issuer and document type (DocumentSeries);
a typed number overrides the series. Issuing records an IssuedDocument with the SHA-256 of the
written file, in one Workspace.change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from thidua_desktop.db.models import (
    Bloc,
    DocumentSeries,
    EmulationYear,
    IssuedDocument,
    Membership,
    Unit,
    UnitHead,
)
from thidua_desktop.domain.admin_format import number_text
from thidua_desktop.domain.enums import DocumentType, IssuerMode, MemberRole, SignerPrefix
from thidua_desktop.domain.membership import in_office

from .workspace import ChangeRefused, Workspace


@dataclass(frozen=True, slots=True)
class Issuer:
    unit_id: int | None  # None: the bloc itself
    name: str
    superior: str | None
    symbol: str | None
    signer_name: str | None  # the leader unit's head on the day
    signer_post: str | None
    place: str  # the địa danh of the date line


@dataclass(frozen=True, slots=True)
class IssuedRecord:
    id: int
    number: int | None
    number_text: str | None
    sha256: str


def head_on(s: Session, unit_id: int, day: date) -> UnitHead | None:
    """The unit's head in office on `day` (the latest started, not yet ended)."""
    return in_office(s.scalars(select(UnitHead).where(UnitHead.unit_id == unit_id)
                               .options(selectinload(UnitHead.person))), day)


def leader_unit(s: Session, year_id: int) -> Unit | None:
    return s.scalars(select(Unit).join(Membership, Membership.unit_id == Unit.id)
                     .where(Membership.year_id == year_id, Membership.role == MemberRole.TRUONG)).first()


def issuer_of(s: Session, year_id: int, day: date) -> Issuer:
    """The year's issuer on `day`; refused in Vietnamese when the year has no leader unit."""
    year = s.get(EmulationYear, year_id)
    bloc = s.scalars(select(Bloc)).first()
    leader = leader_unit(s, year_id)
    if leader is None:
        raise ChangeRefused(f"Năm {year.year} chưa có đơn vị Trưởng khối: chưa lập được văn bản.")
    head = head_on(s, leader.id, day)
    place = year.place_name or bloc.province or ""
    signer = (head.person.full_name if head else None, head.post if head else None)
    if year.issuer_mode is IssuerMode.BLOC:
        return Issuer(None, bloc.name, bloc.organising_body, bloc.symbol, *signer, place)
    return Issuer(leader.id, leader.official_name, leader.superior_body, leader.symbol, *signer, place)


def _series(s: Session, calendar_year: int, issuer: Issuer, doc_type: DocumentType) -> DocumentSeries | None:
    unit = DocumentSeries.issuer_unit_id.is_(None) if issuer.unit_id is None else \
        DocumentSeries.issuer_unit_id == issuer.unit_id
    return s.scalars(select(DocumentSeries).where(DocumentSeries.calendar_year == calendar_year, unit,
                                                  DocumentSeries.doc_type == doc_type)).first()


def next_number(s: Session, calendar_year: int, issuer: Issuer, doc_type: DocumentType) -> int:
    """The number the next document of this type would take; reading it consumes nothing."""
    series = _series(s, calendar_year, issuer, doc_type)
    return (series.last_number if series else 0) + 1


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def signer_prefix(prefix: str | None) -> SignerPrefix:
    """The authority prefix a signer line starts with ("TM. KHỐI …" → TM.)."""
    head = (prefix or "").strip().split(" ", 1)[0].upper()
    return next((p for p in SignerPrefix if p.value and p.value == head), SignerPrefix.NONE)


@dataclass(frozen=True, slots=True)
class IssueRequest:
    """What the register keeps of one document being issued."""

    year_id: int
    template_key: str
    doc_type: DocumentType
    title: str
    issued_on: date
    issuer: Issuer
    number: int | None  # None: a document kind without a number
    manual: bool
    signer_prefix: str | None
    signer_post: str | None
    signer_name: str | None
    recipients: list[str]


def record_issued(ws: Workspace, req: IssueRequest, pdf_path: Path, link=None) -> IssuedRecord:  # noqa: ANN001
    """Record an issued document, its number taken from its series, in one change.

    `link(session, document_id)` ties it to what it records (the meeting, the covenant…).
    The number was read before the file was written; if it has meanwhile been taken (another
    window issued one), the change is refused and nothing is recorded.
    """
    digest = sha256_of(pdf_path)
    text = number_text(req.number, req.doc_type.value, req.issuer.symbol) if req.number is not None else None

    def do(s: Session) -> IssuedRecord:
        series = None
        if req.number is not None:
            series = _series(s, req.issued_on.year, req.issuer, req.doc_type)
            if series is None:
                series = DocumentSeries(calendar_year=req.issued_on.year, issuer_unit_id=req.issuer.unit_id,
                                        doc_type=req.doc_type, last_number=0)
                s.add(series)
                s.flush()
            taken = s.scalars(select(IssuedDocument).where(IssuedDocument.series_id == series.id,
                                                           IssuedDocument.number == req.number)).first()
            if taken is not None:
                raise ChangeRefused(f"Số {text} đã cấp cho “{taken.title}” ngày "
                                    f"{taken.issued_on:%d/%m/%Y}. Hãy chọn số khác.")
            if not req.manual and req.number != series.last_number + 1:
                raise ChangeRefused(f"Số {text} vừa được dùng cho văn bản khác. Hãy lập lại văn bản.")
            series.last_number = max(series.last_number, req.number)
        doc = IssuedDocument(
            year_id=req.year_id, series_id=series.id if series else None, doc_type=req.doc_type,
            template_key=req.template_key, number=req.number, number_text=text, manual_number=req.manual,
            issued_on=req.issued_on, title=req.title, issuer_name=req.issuer.name,
            issuer_superior=req.issuer.superior, signer_prefix=signer_prefix(req.signer_prefix),
            signer_post=req.signer_post, signer_name=req.signer_name, recipients=req.recipients or None,
            file_name=pdf_path.name, sha256=digest, created_by=ws.operator)
        s.add(doc)
        s.flush()
        if link is not None:
            link(s, doc.id)
        return IssuedRecord(doc.id, req.number, text, digest)

    label = f"số {text}" if text else f"ngày {req.issued_on:%d/%m/%Y}"
    return ws.change(f"Ban hành {req.title} ({label})", do)


def issued_documents(ws: Workspace, year_id: int) -> list[IssuedDocument]:
    """The register of the year, latest first."""
    with ws.read() as s:
        return list(s.scalars(select(IssuedDocument).where(IssuedDocument.year_id == year_id)
                              .order_by(IssuedDocument.issued_on.desc(), IssuedDocument.id.desc())))
