"""What the file keeps about itself: issued documents and their number series, templates,
certificate layouts, handovers, the audit log and the file's own identity."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from thidua_desktop.db.types import CodeEnum, NfcString, NfcText
from thidua_desktop.domain.enums import AuditAction, CertificateMode, DocumentType, SignerPrefix

from .base import Base, Entity, utc_now


class WorkbookMeta(Base):
    """Key/value facts about the file: format version, bloc UUID, the app that last wrote it."""

    __tablename__ = "workbook_meta"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str | None] = mapped_column(NfcText)


class DocumentSeries(Entity, Base):
    """A yearly number series of one issuer: the leader unit's văn thư, or the bloc's own."""

    __tablename__ = "document_series"
    __table_args__ = (UniqueConstraint("calendar_year", "issuer_unit_id", "doc_type"),)

    calendar_year: Mapped[int] = mapped_column(Integer)
    issuer_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))  # None: the bloc itself
    doc_type: Mapped[DocumentType] = mapped_column(CodeEnum(DocumentType))
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class IssuedDocument(Entity, Base):
    """Every document the secretariat issued, as issued: number, issuer and signer snapshots, file hash."""

    __tablename__ = "issued_document"

    year_id: Mapped[int | None] = mapped_column(ForeignKey("emulation_year.id"), index=True)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("document_series.id"))
    doc_type: Mapped[DocumentType] = mapped_column(CodeEnum(DocumentType))
    template_key: Mapped[str | None] = mapped_column(String(50))
    number: Mapped[int | None] = mapped_column(Integer)
    number_text: Mapped[str | None] = mapped_column(NfcString(100))  # "05/BB-KTĐ", as printed
    manual_number: Mapped[bool] = mapped_column(Boolean, default=False)
    issued_on: Mapped[date | None] = mapped_column(Date)
    title: Mapped[str] = mapped_column(NfcString(300))
    issuer_name: Mapped[str | None] = mapped_column(NfcString(300))
    issuer_superior: Mapped[str | None] = mapped_column(NfcString(300))
    signer_prefix: Mapped[SignerPrefix | None] = mapped_column(CodeEnum(SignerPrefix))
    signer_post: Mapped[str | None] = mapped_column(NfcString(200))
    signer_name: Mapped[str | None] = mapped_column(NfcString(200))
    recipients: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))  # Nơi nhận lines
    file_name: Mapped[str | None] = mapped_column(NfcString(500))
    sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[str | None] = mapped_column(NfcString(200))


class DocumentTemplate(Entity, Base):
    """User-adjustable wording of a document kind: texts with {placeholders}, signer, Nơi nhận."""

    __tablename__ = "document_template"

    key: Mapped[str] = mapped_column(String(50), unique=True)
    doc_type: Mapped[DocumentType] = mapped_column(CodeEnum(DocumentType))
    name: Mapped[str] = mapped_column(NfcString(300))
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)


class CertificateLayout(Entity, Base):
    """Where each field of a certificate goes, per award type and printer (overlay on phôi)."""

    __tablename__ = "certificate_layout"
    __table_args__ = (UniqueConstraint("award_type_id", "printer_name", "mode"),)

    award_type_id: Mapped[int] = mapped_column(ForeignKey("award_type.id"))
    printer_name: Mapped[str] = mapped_column(NfcString(200), default="")
    mode: Mapped[CertificateMode] = mapped_column(CodeEnum(CertificateMode), default=CertificateMode.FULL)
    paper_width_mm: Mapped[float] = mapped_column(Float)
    paper_height_mm: Mapped[float] = mapped_column(Float)
    offset_x_mm: Mapped[float] = mapped_column(Float, default=0.0)
    offset_y_mm: Mapped[float] = mapped_column(Float, default=0.0)
    fields: Mapped[dict] = mapped_column(JSON, default=dict)  # name → {x, y, w, h, size, bold, colour}
    emblem_png: Mapped[bytes | None] = mapped_column(LargeBinary)


class Handover(Entity, Base):
    """A passing of the workbook from one leader unit to the next, with the file's fingerprint."""

    __tablename__ = "handover"

    from_year_id: Mapped[int] = mapped_column(ForeignKey("emulation_year.id"))
    to_year: Mapped[int] = mapped_column(Integer)
    from_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    to_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    handed_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    handed_by: Mapped[str | None] = mapped_column(NfcString(200))
    file_name: Mapped[str | None] = mapped_column(NfcString(500))
    sha256: Mapped[str | None] = mapped_column(String(64))
    record_counts: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"))
    received_at: Mapped[datetime | None] = mapped_column(DateTime)
    received_by: Mapped[str | None] = mapped_column(NfcString(200))
    note: Mapped[str | None] = mapped_column(NfcText)


class AuditEntry(Base):
    """One changed field: who, when, what, old → new.

    No foreign keys: the log must outlive what it describes. `batch` groups the rows of one
    user action (one undo step); `uid` orders copies' histories when they diverge.
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    batch: Mapped[str] = mapped_column(String(32), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, index=True)
    operator: Mapped[str] = mapped_column(NfcString(200))
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    unit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    entity_uid: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[AuditAction] = mapped_column(CodeEnum(AuditAction))
    field: Mapped[str | None] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(NfcText)
    new_value: Mapped[str | None] = mapped_column(NfcText)
    summary: Mapped[str | None] = mapped_column(NfcText)  # the action in words, e.g. "Thêm đơn vị Sở Tư pháp"
