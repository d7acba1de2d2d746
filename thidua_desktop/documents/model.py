"""The document model: what an administrative document says, with no notion of PDF or Word.

Services build a `Document` from the workbook; `pdf_render` and `docx_render` lay it out by
the rules of NĐ 30/2020 (domain.md 2.1). Keeping the two renderers on one model is what makes
the PDF and the editable .docx say the same thing. Pure dataclasses, no imports of reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["justify", "left", "center", "right"]

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True, slots=True)
class Header:
    """Boxes 1–4: issuing body (under its superior body), Quốc hiệu, number, place and date.

    `number_text` None prints "Số:      /BB-KTĐ" with the number left to write by hand (a preview
    or a draft); `place_date` None leaves the line out (the biên bản of Mẫu 1.9 has none).
    """

    issuer: str
    symbol_suffix: str  # "BB-KTĐ": what follows the number
    superior: str | None = None
    number_text: str | None = None
    place_date: str | None = None
    numbered: bool = True  # False: no "Số:" line (tables and lists that take no number)


@dataclass(frozen=True, slots=True)
class Title:
    """Box 5a: the kind of document in capitals, the trích yếu below it, a short rule."""

    kind: str
    summary: str | None = None


@dataclass(frozen=True, slots=True)
class KinhGui:
    recipients: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Bases:
    """Căn cứ lines, italic, each ending ";" and the last "." (the renderer does not add them)."""

    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: justified with a first-line indent unless told otherwise; `label` is a bold
    lead-in on the same line ("Thời gian bắt đầu:")."""

    text: str
    label: str | None = None
    bold: bool = False
    italic: bool = False
    align: Align = "justify"
    indent: bool = True
    size: float | None = None  # None: the body size

    @property
    def leads_in(self) -> bool:
        """A heading, or a short line ending in ":", belongs with what follows it on the page
        (a long paragraph ending in ":" may stay behind rather than leave a half-empty page)."""
        text = f"{self.label or ''} {self.text}".strip()
        return self.bold or (text.endswith(":") and len(text) <= 120)


@dataclass(frozen=True, slots=True)
class Items:
    """A list, each item on its own justified line: numbered "1.", "2."… or with a dash."""

    items: tuple[str, ...]
    numbered: bool = True


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    weight: float = 1.0  # share of the text width
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class Table:
    """A grid with its header row repeated on every page; `bold_rows` are totals or groups."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    bold_rows: frozenset[int] = frozenset()
    size: float = 12
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Signer:
    """One signature block: "TM. KHỐI THI ĐUA" / "TRƯỞNG KHỐI", room to sign, the name."""

    title: str
    name: str | None = None
    prefix: str | None = None  # "TM. KHỐI THI ĐUA …", "KT. GIÁM ĐỐC" (already with its body)
    note: str | None = None  # e.g. "(Ký, ghi rõ họ tên)" on ballots and minutes' member lines


@dataclass(frozen=True, slots=True)
class Signatures:
    """The closing: Nơi nhận at the left and one signer at the right, or two signers side by side
    (THƯ KÝ left, CHỦ TỌA right), or a grid of many (the covenant's unit heads)."""

    signers: tuple[Signer, ...]
    recipients: tuple[str, ...] = ()
    per_row: int = 2
    heading: str | None = None  # above the grid, kept on the page of its first row


@dataclass(frozen=True, slots=True)
class Annex:
    """Starts an appendix on a new page: "Phụ lục I", its title, the "(Kèm theo …)" line."""

    label: str
    title: str
    attached_to: str | None = None
    landscape: bool = False


@dataclass(frozen=True, slots=True)
class PageBreak:
    landscape: bool | None = None  # None: keep the orientation


@dataclass(frozen=True, slots=True)
class Spacer:
    height_mm: float = 4


@dataclass(frozen=True, slots=True)
class CutLine:
    """A dashed line across the page to cut along (several ballots on one sheet)."""


@dataclass(frozen=True, slots=True)
class Keep:
    """Blocks that stay on one page (one ballot)."""

    blocks: tuple


Block = Title | KinhGui | Bases | Para | Items | Table | Signatures | Annex | PageBreak | Spacer | CutLine | Keep


@dataclass(slots=True)
class Document:
    header: Header | None
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False
    title: str = ""  # for the PDF's metadata and the file name
    page_numbers: bool = True  # from page 2 on; off for sheets of ballots

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    def texts(self) -> list[str]:
        """Every printed string in reading order (tests and the overflow check use it)."""
        out: list[str] = []
        if self.header:
            h = self.header
            number = (h.number_text or h.symbol_suffix) if h.numbered else None
            out += [x for x in (h.superior, h.issuer, number, h.place_date) if x]
        for b in _flatten(self.blocks):
            match b:
                case Title():
                    out += [x for x in (b.kind, b.summary) if x]
                case KinhGui() | Bases():
                    out += list(getattr(b, "recipients", None) or getattr(b, "lines", ()))
                case Para():
                    out.append(f"{b.label} {b.text}" if b.label else b.text)
                case Items():
                    out += list(b.items)
                case Table():
                    out += [c.title for c in b.columns] + [cell for row in b.rows for cell in row]
                case Signatures():
                    out += [b.heading] if b.heading else []
                    out += list(b.recipients)
                    out += [x for s in b.signers for x in (s.prefix, s.title, s.name) if x]
                case Annex():
                    out += [x for x in (b.label, b.title, b.attached_to) if x]
        return out


def _flatten(blocks: list[Block] | tuple) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        out += _flatten(b.blocks) if isinstance(b, Keep) else [b]
    return out
