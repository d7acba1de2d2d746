"""What a document builder hands to `services/documents.produce`: the template, the year's facts
(issuer, signer), the date, and a function that lays the document out once its number is known,
so a preview can be drawn without taking a number from the series."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from thidua_desktop.documents.model import Document

from .document_facts import YearFacts
from .document_templates import TemplateSpec


@dataclass(slots=True)
class Plan:
    spec: TemplateSpec
    facts: YearFacts
    issued_on: date
    title: str  # as the register lists it
    render: Callable[[str | None], Document]  # number text (None: left blank) → the document
    signer_prefix: str | None = None
    signer_post: str | None = None
    signer_name: str | None = None  # None: the issuer's signer (the leader unit's head)
    recipients: tuple[str, ...] = ()
    link: Callable[[Session, int], None] | None = None  # ties the issued record to its subject
