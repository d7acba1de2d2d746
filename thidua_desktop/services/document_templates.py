"""The wording of each document kind as data: defaults shipped in
resources/templates/documents.json, overridden per workbook in the DocumentTemplate table.

A template holds the title, trích yếu, texts with {placeholders}, the signer's prefix and
title, Kính gửi and Nơi nhận lines. A user's template that names an unknown placeholder is
refused with a Vietnamese message when saved, and again (never a traceback) when filled.
"""

from __future__ import annotations

import json
import string
from copy import deepcopy
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import DocumentTemplate
from thidua_desktop.domain.enums import DocumentType
from thidua_desktop.domain.text import nfc
from thidua_desktop.paths import resource_dir

from .workspace import ChangeRefused, Workspace

EDITABLE = ("title", "summary", "texts", "signer", "recipients", "kinh_gui")


class TemplateError(ChangeRefused):
    """A template that cannot be filled: the message names the bad placeholder in Vietnamese."""


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    key: str
    name: str
    doc_type: DocumentType
    numbered: bool
    title: str
    summary: str | None
    texts: dict[str, str]
    fields: dict[str, str]  # placeholder → what it holds (common ones included)
    signer: dict[str, str] | None = None  # {"prefix": …, "title": …}
    recipients: list[str] = field(default_factory=list)
    kinh_gui: list[str] = field(default_factory=list)
    overridden: bool = False

    def content(self) -> dict[str, Any]:
        """The editable part, as saved in an override."""
        return {"title": self.title, "summary": self.summary, "texts": dict(self.texts), "signer": self.signer,
                "recipients": list(self.recipients), "kinh_gui": list(self.kinh_gui)}


@cache
def _defaults() -> dict[str, Any]:
    with open(resource_dir() / "templates" / "documents.json", encoding="utf-8") as f:
        return json.load(f)


def template_keys() -> list[str]:
    return list(_defaults()["templates"])


def _spec(key: str, override: dict[str, Any] | None) -> TemplateSpec:
    data = _defaults()
    if key not in data["templates"]:
        raise ChangeRefused(f"Không có mẫu văn bản “{key}”.")
    base = deepcopy(data["templates"][key])
    for name in EDITABLE:
        if override and name in override:
            if name == "texts":
                base["texts"] = {**base.get("texts", {}), **override["texts"]}
            else:
                base[name] = override[name]
    return TemplateSpec(key=key, name=base["name"], doc_type=DocumentType(base["doc_type"]),
                        numbered=base["numbered"], title=base["title"], summary=base.get("summary"),
                        texts=base.get("texts", {}), fields={**data["common_fields"], **base.get("fields", {})},
                        signer=base.get("signer"), recipients=base.get("recipients", []),
                        kinh_gui=base.get("kinh_gui", []), overridden=bool(override))


def default_template(key: str) -> TemplateSpec:
    return _spec(key, None)


def template_from(s: Session, key: str) -> TemplateSpec:
    row = s.scalars(select(DocumentTemplate).where(DocumentTemplate.key == key)).first()
    return _spec(key, row.content if row else None)


def effective_template(ws: Workspace, key: str) -> TemplateSpec:
    """The workbook's wording of a document kind: its override, or the shipped default."""
    with ws.read() as s:
        return template_from(s, key)


def _strings(content: dict[str, Any]) -> list[str]:
    out: list[str] = [content.get("title") or "", content.get("summary") or ""]
    out += list((content.get("texts") or {}).values())
    out += list((content.get("signer") or {}).values())
    out += list(content.get("recipients") or []) + list(content.get("kinh_gui") or [])
    return [x for x in out if isinstance(x, str)]


def placeholders(text: str) -> list[str]:
    """The {names} a text uses; a stray brace is a Vietnamese TemplateError."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        raise TemplateError(f"Lời văn có dấu ngoặc nhọn không khớp: “{text}”. Chỗ điền viết dạng {{year}}; "
                            "muốn in dấu ngoặc thì gõ hai lần {{ }}.") from None


def check_content(key: str, content: dict[str, Any]) -> None:
    """Refuse a template that uses a placeholder the document cannot fill."""
    allowed = default_template(key).fields
    for text in _strings(content):
        unknown = [n for n in placeholders(text) if n not in allowed]
        if unknown:
            names = ", ".join(f"{{{n}}}" for n in allowed)
            raise TemplateError(f"Mẫu văn bản có chỗ điền không dùng được: {{{unknown[0]}}}. "
                                f"Các chỗ điền dùng được: {names}.")


def save_template(ws: Workspace, key: str, content: dict[str, Any]) -> None:
    """Save the workbook's own wording of a document kind (only the editable parts)."""
    content = {k: v for k, v in content.items() if k in EDITABLE}
    check_content(key, content)
    spec = default_template(key)
    clean_content = json.loads(nfc(json.dumps(content, ensure_ascii=False)))

    def do(s: Session) -> None:
        row = s.scalars(select(DocumentTemplate).where(DocumentTemplate.key == key)).first()
        if row is None:
            row = DocumentTemplate(key=key, doc_type=spec.doc_type, name=spec.name)
            s.add(row)
        row.content = clean_content

    ws.change(f"Sửa mẫu văn bản “{spec.name}”", do)


def reset_template(ws: Workspace, key: str) -> None:
    """Back to the shipped wording."""
    spec = default_template(key)

    def do(s: Session) -> None:
        row = s.scalars(select(DocumentTemplate).where(DocumentTemplate.key == key)).first()
        if row is not None:
            s.delete(row)

    ws.change(f"Khôi phục mẫu văn bản “{spec.name}”", do)


def fill(text: str | None, values: dict[str, Any]) -> str:
    """The text with its placeholders filled; an unknown one is a Vietnamese TemplateError."""
    if not text:
        return ""
    for name in placeholders(text):
        if name not in values:
            raise TemplateError(f"Mẫu văn bản có chỗ điền không biết: {{{name}}}. Hãy sửa mẫu hoặc khôi phục "
                                "mẫu mặc định.")
    try:
        return nfc(text.format_map(values))
    except (ValueError, IndexError, AttributeError, KeyError):
        raise TemplateError(f"Không điền được lời văn: “{text}”. Chỗ điền chỉ viết dạng {{year}}.") from None
