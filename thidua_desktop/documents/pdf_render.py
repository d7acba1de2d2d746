"""Lays a `Document` out as a PDF with reportlab's platypus, by the rules of NĐ 30/2020.

A4 with the decree's margins, the two-column header with its two rules, page numbers centred
in the top margin from page 2 on, portrait and landscape pages in one file. Only the bundled
Liberation Serif is used (documents/fonts.py), embedded, so Vietnamese prints on any PC.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from . import layout as L
from .fonts import SERIF, font_name, pdf_text, register_fonts
from .model import (
    QUOC_HIEU,
    TIEU_NGU,
    Annex,
    Bases,
    CutLine,
    Document,
    Header,
    Items,
    Keep,
    KinhGui,
    PageBreak,
    Para,
    Signatures,
    Signer,
    Spacer,
    Table,
    Title,
)

MM = L.MM
_FONT = ("FONT", (0, 0), (-1, -1), SERIF, L.BODY)  # also for empty cells: no Helvetica in the file
_ALIGN = {"justify": TA_JUSTIFY, "left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def _style(size: float, *, bold: bool = False, italic: bool = False, align: str = "center",
           indent_mm: float = 0, after: float = 0, leading: float | None = None) -> ParagraphStyle:
    return ParagraphStyle(
        f"s{size}{bold}{italic}{align}{indent_mm}{after}", fontName=font_name(bold=bold, italic=italic),
        fontSize=size, leading=leading or size * L.LINE_SPACING, alignment=_ALIGN[align],
        firstLineIndent=indent_mm * MM, spaceAfter=after)


class _CutLine(Flowable):
    """A dashed line across the frame, with room above and below."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, 10 * MM

    def draw(self) -> None:
        self.canv.setLineWidth(0.4)
        self.canv.setDash(4, 3)
        self.canv.line(0, 5 * MM, self.avail, 5 * MM)


class _Rule(Flowable):
    """A solid line of a given width, centred in the space it is given."""

    def __init__(self, width: float, *, space_before: float = 5, space_after: float = 3) -> None:
        super().__init__()
        self.rule_width, self.before, self.after = width, space_before, space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.before + self.after

    def draw(self) -> None:
        x0 = (self.avail - self.rule_width) / 2
        self.canv.setLineWidth(L.RULE_PT)
        self.canv.line(x0, self.after, x0 + self.rule_width, self.after)


def _grid(rows: list[list], widths: list[float], *, header: bool = True) -> RLTable:
    """A ruled table whose header row repeats on every page."""
    table = RLTable(rows, colWidths=widths, repeatRows=1 if header else 0)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), _FONT, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), L.CELL_PAD_PT),
                               ("RIGHTPADDING", (0, 0), (-1, -1), L.CELL_PAD_PT),
                               ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return table


class _Group:
    """Flowables that a Keep takes in as they are (a marker, never drawn)."""

    def __init__(self, parts: list[Flowable]) -> None:
        self.parts = parts


def _widest(text: str, font: str, size: float, width: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return max(stringWidth(line, font, size) for line in simpleSplit(text, font, size, width))


class _Renderer:
    def __init__(self, doc: Document) -> None:
        register_fonts()
        self.doc = doc
        self.landscape = doc.landscape
        self.story: list[Flowable] = []
        self.keeping = False  # inside a Keep: no nested KeepTogether (reportlab then breaks the page)
        self.last_grid: tuple[RLTable, list[list], list[float]] | None = None  # the latest table, its rows

    @property
    def width(self) -> float:
        return L.text_width_mm(self.landscape) * MM

    # -- header --

    def header(self, h: Header) -> None:
        left_w = self.width * L.HEADER_LEFT_SHARE
        right_w = self.width - left_w
        issuer_font = font_name(bold=True)
        left: list[Flowable] = []
        if h.superior:
            left.append(Paragraph(pdf_text(h.superior.upper()), _style(L.HEADER)))
        issuer = h.issuer.upper()
        left.append(Paragraph(pdf_text(issuer), _style(L.HEADER, bold=True)))
        left.append(_Rule(_widest(issuer, issuer_font, L.HEADER, left_w) * L.ISSUER_RULE_SHARE))
        motto_w = _widest(TIEU_NGU, font_name(bold=True), L.MOTTO, right_w)
        right = [Paragraph(QUOC_HIEU, _style(L.HEADER, bold=True)),
                 Paragraph(pdf_text(TIEU_NGU), _style(L.MOTTO, bold=True)), _Rule(motto_w)]
        number = h.number_text or f"{' ' * 8}/{h.symbol_suffix}"
        number_p = Paragraph(f"Số: {pdf_text(number)}".replace("  ", "&nbsp; "), _style(L.NUMBER)) \
            if h.numbered else ""
        date_p = Paragraph(pdf_text(h.place_date), _style(L.NUMBER, italic=True)) if h.place_date else ""
        table = RLTable([[left, right], [number_p, date_p]], colWidths=[left_w, right_w])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), _FONT,
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        self.story += [table, RLSpacer(1, 8 * MM)]

    # -- blocks --

    def title(self, t: Title) -> None:
        parts: list[Flowable] = [Paragraph(pdf_text(t.kind.upper()), _style(L.TITLE, bold=True))]
        if t.summary:
            parts.append(Paragraph(pdf_text(t.summary), _style(L.TITLE, bold=True)))
        parts += [_Rule(L.TITLE_RULE_MM * MM), RLSpacer(1, 3 * MM)]
        self.story.append(KeepTogether(parts) if not self.keeping else _Group(parts))

    def kinh_gui(self, k: KinhGui) -> None:
        size = L.BODY
        if len(k.recipients) == 1:
            self.story.append(Paragraph(f"Kính gửi: {pdf_text(k.recipients[0])}", _style(size, after=8)))
            return
        rows = [["Kính gửi:" if i == 0 else "", Paragraph(f"- {pdf_text(r)}", _style(size, align="left"))]
                for i, r in enumerate(k.recipients)]
        label_w = 25 * MM
        table = RLTable(rows, colWidths=[label_w, self.width * 0.75 - label_w], hAlign="CENTER")
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SERIF, size), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("ALIGN", (0, 0), (0, -1), "RIGHT"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        self.story += [table, RLSpacer(1, 4 * MM)]

    def bases(self, b: Bases) -> None:
        style = _style(L.BODY, italic=True, align="justify", indent_mm=L.FIRST_LINE_INDENT_MM, after=3)
        self.story += [Paragraph(pdf_text(line), style) for line in b.lines]
        self.story.append(RLSpacer(1, 2 * MM))

    def para(self, p: Para) -> None:
        style = _style(p.size or L.BODY, bold=p.bold, italic=p.italic, align=p.align,
                       indent_mm=L.FIRST_LINE_INDENT_MM if p.indent else 0, after=L.PARA_AFTER_PT)
        style.keepWithNext = p.leads_in
        text = pdf_text(p.text)
        if p.label:
            text = f"<b>{pdf_text(p.label)}</b> {text}"
        self.story.append(Paragraph(text, style))

    def items(self, it: Items) -> None:
        style = _style(L.BODY, align="justify", indent_mm=L.FIRST_LINE_INDENT_MM, after=3)
        for i, text in enumerate(it.items, start=1):
            mark = f"{i}." if it.numbered else "-"
            self.story.append(Paragraph(f"{mark} {pdf_text(text)}", style))
        self.story.append(RLSpacer(1, 2 * MM))

    def table(self, t: Table) -> None:
        total = sum(c.weight for c in t.columns)
        widths = [self.width * c.weight / total for c in t.columns]
        size = L.fitting_size(t, widths)
        head = [Paragraph(pdf_text(c.title), _style(size, bold=True)) for c in t.columns]
        body = []
        for r, row in enumerate(t.rows):
            bold = r in t.bold_rows
            body.append([Paragraph(pdf_text(cell), _style(size, bold=bold, align=c.align))
                         for cell, c in zip(row, t.columns, strict=True)])
        if t.caption:
            caption = _style(L.BODY, bold=True, align="left", after=4)
            caption.keepWithNext = True
            self.story.append(Paragraph(pdf_text(t.caption), caption))
        table = _grid([head, *body], widths)
        self.last_grid = (table, [head, *body], widths)
        self.story += [table, RLSpacer(1, 4 * MM)]

    def _signer_head(self, s: Signer) -> list[Flowable]:
        out: list[Flowable] = []
        if s.prefix:
            out.append(Paragraph(pdf_text(s.prefix.upper()), _style(L.SIGNER, bold=True)))
        out.append(Paragraph(pdf_text(s.title.upper()), _style(L.SIGNER, bold=True)))
        if s.note:
            out.append(Paragraph(pdf_text(s.note), _style(L.SIGNER - 1, italic=True)))
        return out

    @staticmethod
    def _signer_name(s: Signer) -> Flowable | str:
        return Paragraph(pdf_text(s.name), _style(L.SIGNER, bold=True)) if s.name else ""

    def _signer(self, s: Signer) -> list[Flowable]:
        return [*self._signer_head(s), RLSpacer(1, L.SIGNATURE_SPACE_MM * MM), self._signer_name(s) or RLSpacer(1, 1)]

    def _recipients(self, lines: tuple[str, ...]) -> list[Flowable]:
        out: list[Flowable] = [Paragraph("Nơi nhận:", _style(L.RECIPIENTS_LABEL, bold=True, italic=True,
                                                             align="left"))]
        style = _style(L.RECIPIENTS, align="left", leading=L.RECIPIENTS * 1.15)
        out += [Paragraph(f"- {pdf_text(line)}", style) for line in lines]
        return out

    def signatures(self, sig: Signatures) -> None:
        plain = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), _FONT, ("LEFTPADDING", (0, 0), (-1, -1), 2),
                            ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 0),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 6 * MM)])
        lead = [*self._last_lines(), RLSpacer(1, 3 * MM)]
        if len(sig.signers) == 1:
            left = self._recipients(sig.recipients) if sig.recipients else ""
            table = RLTable([[left, self._signer(sig.signers[0])]], colWidths=[self.width * 0.45, self.width * 0.55])
            table.setStyle(plain)
            self.story.append(KeepTogether([*lead, table]))
            return
        n = max(1, sig.per_row)
        width = self.width / n
        for start in range(0, len(sig.signers), n):
            group = sig.signers[start:start + n]
            pad = [""] * (n - len(group))
            # heads, the room to sign, names: one table row each, so the names of a row line up
            table = RLTable([[self._signer_head(s) for s in group] + pad, [""] * n,
                             [self._signer_name(s) for s in group] + pad],
                            colWidths=[width] * n, rowHeights=[None, L.SIGNATURE_SPACE_MM * MM, None])
            table.setStyle(plain)
            table.setStyle(TableStyle([("BOTTOMPADDING", (0, 0), (-1, 1), 0)]))
            heading = [Paragraph(pdf_text(sig.heading), _style(L.SIGNER, bold=True, after=6))] \
                if sig.heading and start == 0 else []
            self.story.append(KeepTogether([*(lead if start == 0 else []), *heading, table]))
        if sig.recipients:
            self.story.append(KeepTogether(self._recipients(sig.recipients)))

    def _last_lines(self) -> list[Flowable]:
        """What travels with the signatures so that they never stand alone on a page: the last
        paragraph, or the last row of a table that ends the text (the grid goes on unbroken)."""
        story = self.story
        if story and isinstance(story[-1], Paragraph):
            return [story.pop()]
        table, rows, widths = self.last_grid or (None, [], [])
        if len(story) >= 2 and story[-2] is table and len(rows) > 2:
            story[-2] = _grid(rows[:-1], widths)
            return [_grid(rows[-1:], widths, header=False), story.pop()]
        return []

    def annex(self, a: Annex) -> None:
        self.page_break(a.landscape)
        self.story.append(Paragraph(pdf_text(a.label), _style(14, bold=True)))
        self.story.append(Paragraph(pdf_text(a.title.upper()), _style(L.TITLE, bold=True)))
        if a.attached_to:
            self.story.append(Paragraph(pdf_text(a.attached_to), _style(L.TITLE, italic=True)))
        self.story += [_Rule(L.TITLE_RULE_MM * MM), RLSpacer(1, 4 * MM)]

    def page_break(self, landscape_next: bool | None) -> None:
        if landscape_next is not None and landscape_next != self.landscape:
            self.landscape = landscape_next
            self.story.append(NextPageTemplate("landscape" if landscape_next else "portrait"))
        self.story.append(RLPageBreak())

    def build(self) -> list[Flowable]:
        if self.doc.header:
            self.header(self.doc.header)
        self.blocks(self.doc.blocks)
        return self.story

    def blocks(self, blocks: list | tuple) -> None:
        for b in blocks:
            match b:
                case Keep():
                    outer, self.story, self.keeping = self.story, [], True
                    self.blocks(b.blocks)
                    flat = [g for f in self.story for g in (f.parts if isinstance(f, _Group) else [f])]
                    outer.append(KeepTogether(flat))
                    self.story, self.keeping = outer, False
                case CutLine():
                    self.story.append(_CutLine())
                case Title():
                    self.title(b)
                case KinhGui():
                    self.kinh_gui(b)
                case Bases():
                    self.bases(b)
                case Para():
                    self.para(b)
                case Items():
                    self.items(b)
                case Table():
                    self.table(b)
                case Signatures():
                    self.signatures(b)
                case Annex():
                    self.annex(b)
                case PageBreak():
                    self.page_break(b.landscape)
                case Spacer():
                    self.story.append(RLSpacer(1, b.height_mm * MM))


def _page_number(canvas, doc) -> None:  # noqa: ANN001 - reportlab's callback signature
    """Arabic numerals centred in the top margin, from page 2 on."""
    if doc.page > 1:
        width, height = canvas._pagesize
        canvas.setFont(SERIF, L.PAGE_NUMBER)
        canvas.drawCentredString(width / 2, height - L.PAGE_NUMBER_FROM_TOP_MM * MM - L.PAGE_NUMBER * 0.7,
                                 str(doc.page))


def _template(name: str, size: tuple[float, float], numbered: bool) -> PageTemplate:
    frame = Frame(L.MARGIN_LEFT_MM * MM, L.MARGIN_BOTTOM_MM * MM,
                  size[0] - (L.MARGIN_LEFT_MM + L.MARGIN_RIGHT_MM) * MM,
                  size[1] - (L.MARGIN_TOP_MM + L.MARGIN_BOTTOM_MM) * MM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)
    return PageTemplate(id=name, frames=[frame], onPage=_page_number if numbered else _no_number, pagesize=size)


def _no_number(canvas, doc) -> None:  # noqa: ANN001
    return None


def write_pdf(doc: Document, path: Path) -> Path:
    """Write the document as a PDF; returns the path."""
    from .fonts import initial_font

    path.parent.mkdir(parents=True, exist_ok=True)
    story = _Renderer(doc).build()
    portrait = _template("portrait", A4, doc.page_numbers)
    wide = _template("landscape", landscape(A4), doc.page_numbers)
    templates = [wide, portrait] if doc.landscape else [portrait, wide]
    pdf = BaseDocTemplate(str(path), pagesize=templates[0].pagesize, pageTemplates=templates,
                          title=doc.title, author="", creator="ThiDua Desktop", **initial_font())
    pdf.build(story)
    return path
