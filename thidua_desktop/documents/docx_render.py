"""Writes a `Document` as .docx with python-docx, laid out like the PDF, for editing in Word.

Times New Roman (what Word on Windows has and what NĐ 30/2020 names), the decree's margins, the
header as a borderless two-column table, rules as paragraph borders narrowed by indents, page
numbers in a PAGE field of the page header from page 2 on (a different first-page header), and
landscape sections for landscape pages.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as WordParagraph

from thidua_desktop.domain.text import nfc

from . import layout as L
from .fonts import string_width
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

FONT = "Times New Roman"
_ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "left": WD_ALIGN_PARAGRAPH.LEFT,
          "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _setup_section(section, landscape: bool) -> None:  # noqa: ANN001 - a python-docx Section
    width, height = L.page_size_mm(landscape)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(L.MARGIN_TOP_MM), Mm(L.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(L.MARGIN_LEFT_MM), Mm(L.MARGIN_RIGHT_MM)
    section.header_distance = Mm(L.PAGE_NUMBER_FROM_TOP_MM)


def _no_borders(table) -> None:  # noqa: ANN001
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _cant_split(tr) -> None:  # noqa: ANN001 - a w:tr element
    tr_pr = tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))  # before trHeight and tblHeader, as the schema orders them


def _repeat_header(row) -> None:  # noqa: ANN001
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.word = new_docx()
        self.landscape = doc.landscape
        normal = self.word.styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(L.BODY)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        section = self.word.sections[0]
        _setup_section(section, self.landscape)
        section.different_first_page_header_footer = True
        if doc.page_numbers:
            p = section.header.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._page_field(p)

    @property
    def width_mm(self) -> float:
        return L.text_width_mm(self.landscape)

    @staticmethod
    def _page_field(p) -> None:  # noqa: ANN001
        run = p.add_run()
        run.font.size = Pt(L.PAGE_NUMBER)
        for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            elif text == "PAGE":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = " PAGE "
            else:
                el = OxmlElement("w:t")
                el.text = text
            run._r.append(el)

    def para(self, text: str = "", *, container=None, size: float = L.BODY, bold: bool = False,  # noqa: ANN001
             italic: bool = False, align: str = "center", indent: bool = False, after: float = 0,
             label: str | None = None):
        box = container if container is not None else self.word
        p = box.add_paragraph()
        p.alignment = _ALIGN[align]
        fmt = p.paragraph_format
        fmt.space_after = Pt(after)
        fmt.line_spacing = L.LINE_SPACING if size >= L.BODY else 1.0
        if indent:
            fmt.first_line_indent = Mm(L.FIRST_LINE_INDENT_MM)
        if label:
            r = p.add_run(nfc(label) + " ")
            r.bold, r.font.size = True, Pt(size)
        if text:
            r = p.add_run(nfc(text))
            r.bold, r.italic, r.font.size = bold, italic, Pt(size)
        return p

    def rule(self, container, width_mm: float, box_mm: float, *, style: str = "single") -> None:  # noqa: ANN001
        """A centred line: an empty paragraph's bottom border, narrowed by its indents."""
        p = container.add_paragraph()
        side = max(0.0, (box_mm - width_mm) / 2)
        fmt = p.paragraph_format
        fmt.left_indent, fmt.right_indent = Mm(side), Mm(side)
        fmt.space_after = Pt(4)
        fmt.line_spacing = Pt(2)
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for k, v in (("w:val", style), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(k), v)
        border.append(bottom)
        p._p.get_or_add_pPr().append(border)

    @staticmethod
    def _cell(cell, width_mm: float):  # noqa: ANN001, ANN205
        cell.width = Mm(width_mm)
        return cell

    def header(self, h: Header) -> None:
        left_w = self.width_mm * L.HEADER_LEFT_SHARE
        right_w = self.width_mm - left_w
        table = self.word.add_table(rows=2, cols=2)
        table.autofit = False
        _no_borders(table)
        cells = [[self._cell(table.cell(r, c), w) for c, w in enumerate((left_w, right_w))] for r in range(2)]
        left, right = cells[0]
        left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
        right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
        if h.superior:
            self.para(h.superior.upper(), container=left, size=L.HEADER)
        issuer = h.issuer.upper()
        self.para(issuer, container=left, size=L.HEADER, bold=True)
        issuer_mm = min(string_width(issuer, size=L.HEADER, bold=True) / L.MM, left_w)
        self.rule(left, issuer_mm * L.ISSUER_RULE_SHARE, left_w)
        self.para(QUOC_HIEU, container=right, size=L.HEADER, bold=True)
        self.para(TIEU_NGU, container=right, size=L.MOTTO, bold=True)
        self.rule(right, string_width(TIEU_NGU, size=L.MOTTO, bold=True) / L.MM, right_w)
        number = h.number_text or f"{' ' * 8}/{h.symbol_suffix}"
        if h.numbered:
            cells[1][0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = cells[1][0].paragraphs[0].add_run(f"Số: {nfc(number)}")
            run.font.size = Pt(L.NUMBER)
        if h.place_date:
            cells[1][1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = cells[1][1].paragraphs[0].add_run(nfc(h.place_date))
            run.italic, run.font.size = True, Pt(L.NUMBER)
        self.para(after=12)

    def title(self, t: Title) -> None:
        self.para(t.kind.upper(), size=L.TITLE, bold=True)
        if t.summary:
            self.para(t.summary, size=L.TITLE, bold=True)
        self.rule(self.word, L.TITLE_RULE_MM, self.width_mm)

    def kinh_gui(self, k: KinhGui) -> None:
        if len(k.recipients) == 1:
            self.para(f"Kính gửi: {k.recipients[0]}", after=8)
            return
        for i, r in enumerate(k.recipients):
            p = self.para(f"{'Kính gửi:' if i == 0 else ''}\t- {r}", align="left", after=8 if i == len(k.recipients) - 1 else 0)
            p.paragraph_format.left_indent = Mm(self.width_mm * 0.15)
            p.paragraph_format.tab_stops.add_tab_stop(Mm(25))

    def table(self, t: Table) -> None:
        if t.caption:
            self.para(t.caption, bold=True, align="left", after=4)
        total = sum(c.weight for c in t.columns)
        widths = [self.width_mm * c.weight / total for c in t.columns]
        table = self.word.add_table(rows=1 + len(t.rows), cols=len(t.columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for c, col in enumerate(t.columns):
            cell = self._cell(table.cell(0, c), widths[c])
            self._cell_text(cell, col.title, t.size, bold=True, align="center")
        _repeat_header(table.rows[0])
        for r, row in enumerate(t.rows, start=1):
            for c, (text, col) in enumerate(zip(row, t.columns, strict=True)):
                cell = self._cell(table.cell(r, c), widths[c])
                self._cell_text(cell, text, t.size, bold=(r - 1) in t.bold_rows, align=col.align)
        self.para(after=6)

    @staticmethod
    def _cell_text(cell, text: str, size: float, *, bold: bool, align: str) -> None:  # noqa: ANN001
        p = cell.paragraphs[0]
        p.alignment = _ALIGN[align]
        run = p.add_run(nfc(text))
        run.bold, run.font.size = bold, Pt(size)

    def _signer(self, cell, s: Signer) -> None:  # noqa: ANN001
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        self._signer_head(cell, s)
        spacer = self.para("", container=cell)
        spacer.paragraph_format.space_after = Mm(L.SIGNATURE_SPACE_MM - 6)
        if s.name:
            self.para(s.name, container=cell, size=L.SIGNER, bold=True, after=12)

    def _signer_head(self, cell, s: Signer) -> None:  # noqa: ANN001
        if s.prefix:
            self.para(s.prefix.upper(), container=cell, size=L.SIGNER, bold=True)
        self.para(s.title.upper(), container=cell, size=L.SIGNER, bold=True)
        if s.note:
            self.para(s.note, container=cell, size=L.SIGNER - 1, italic=True)

    def _recipients(self, cell, lines: tuple[str, ...]) -> None:  # noqa: ANN001
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        self.para("Nơi nhận:", container=cell, size=L.RECIPIENTS_LABEL, bold=True, italic=True, align="left")
        for line in lines:
            self.para(f"- {line}", container=cell, size=L.RECIPIENTS, align="left")

    def signatures(self, sig: Signatures) -> None:
        if len(sig.signers) == 1:
            table = self.word.add_table(rows=1, cols=2)
            _no_borders(table)
            left = self._cell(table.cell(0, 0), self.width_mm * 0.45)
            right = self._cell(table.cell(0, 1), self.width_mm * 0.55)
            if sig.recipients:
                self._recipients(left, sig.recipients)
            self._signer(right, sig.signers[0])
            return
        n = max(1, sig.per_row)
        groups = [sig.signers[i:i + n] for i in range(0, len(sig.signers), n)]
        table = self.word.add_table(rows=2 * len(groups), cols=n)
        _no_borders(table)
        for g, group in enumerate(groups):
            for c, s in enumerate(group):
                head = self._cell(table.cell(2 * g, c), self.width_mm / n)
                head.paragraphs[0]._p.getparent().remove(head.paragraphs[0]._p)
                self._signer_head(head, s)
                self.para("", container=head).paragraph_format.space_after = Mm(L.SIGNATURE_SPACE_MM - 6)
                name = self._cell(table.cell(2 * g + 1, c), self.width_mm / n)
                name.paragraphs[0]._p.getparent().remove(name.paragraphs[0]._p)
                self.para(s.name or "", container=name, size=L.SIGNER, bold=True, after=12)
            for r in (2 * g, 2 * g + 1):
                _cant_split(table.rows[r]._tr)
        if sig.recipients:
            self.para("Nơi nhận:", size=L.RECIPIENTS_LABEL, bold=True, italic=True, align="left")
            for line in sig.recipients:
                self.para(f"- {line}", size=L.RECIPIENTS, align="left")

    def annex(self, a: Annex) -> None:
        self.page_break(a.landscape)
        self.para(a.label, size=14, bold=True)
        self.para(a.title.upper(), size=L.TITLE, bold=True)
        if a.attached_to:
            self.para(a.attached_to, size=L.TITLE, italic=True)
        self.rule(self.word, L.TITLE_RULE_MM, self.width_mm)

    def page_break(self, landscape_next: bool | None) -> None:
        if landscape_next is not None and landscape_next != self.landscape:
            self.landscape = landscape_next
            section = self.word.add_section(WD_SECTION.NEW_PAGE)
            _setup_section(section, landscape_next)
            section.different_first_page_header_footer = False
            return
        self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def build(self) -> None:
        if self.doc.header:
            self.header(self.doc.header)
        self.blocks(self.doc.blocks)

    def keep(self, b: Keep) -> None:
        """Word keeps the blocks on one page: each paragraph, table rows included, keeps with the next."""
        body = self.word.element.body
        before = len(body)
        self.blocks(b.blocks)
        for el in list(body)[before:]:
            for p in el.iter(qn("w:p")):
                WordParagraph(p, self.word).paragraph_format.keep_with_next = True
            for tr in el.iter(qn("w:tr")):
                _cant_split(tr)

    def blocks(self, blocks: list | tuple) -> None:
        for b in blocks:
            match b:
                case Keep():
                    self.keep(b)
                case CutLine():
                    self.rule(self.word, self.width_mm, self.width_mm, style="dashed")
                case Title():
                    self.title(b)
                case KinhGui():
                    self.kinh_gui(b)
                case Bases():
                    for line in b.lines:
                        self.para(line, italic=True, align="justify", indent=True, after=3)
                case Para():
                    self.para(b.text, size=b.size or L.BODY, bold=b.bold, italic=b.italic, align=b.align,
                              indent=b.indent, after=L.PARA_AFTER_PT, label=b.label)
                case Items():
                    for i, text in enumerate(b.items, start=1):
                        self.para(f"{f'{i}.' if b.numbered else '-'} {text}", align="justify", indent=True, after=3)
                case Table():
                    self.table(b)
                case Signatures():
                    self.signatures(b)
                case Annex():
                    self.annex(b)
                case PageBreak():
                    self.page_break(b.landscape)
                case Spacer():
                    self.para().paragraph_format.space_after = Mm(b.height_mm)


def write_docx(doc: Document, path: Path) -> Path:
    """Write the document as an editable .docx; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = _Writer(doc)
    writer.build()
    writer.word.core_properties.title = nfc(doc.title)
    writer.word.core_properties.author = ""
    writer.word.save(str(path))
    return path
