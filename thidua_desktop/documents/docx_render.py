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


# What the schema (CT_PPrBase) places after w:pBdr in a paragraph's properties.
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
               "w:rPr", "w:sectPr", "w:pPrChange")


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
    tbl_pr = table._tbl.tblPr
    later = next((c for c in tbl_pr if c.tag in {qn("w:shd"), qn("w:tblLayout"), qn("w:tblCellMar"), qn("w:tblLook")}),
                 None)  # the schema puts tblBorders before these
    if later is None:
        tbl_pr.append(borders)
    else:
        later.addprevious(borders)


def _cell_margins(table, side_pt: float) -> None:  # noqa: ANN001
    """Left and right cell margins as in the PDF (Word's default 1.9 mm would wrap the Quốc hiệu)."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(round(side_pt * 20)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        tbl_pr.append(margins)
    else:
        look.addprevious(margins)


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
        p._p.get_or_add_pPr().insert_element_before(border, *_AFTER_PBDR)

    def new_table(self, rows: int, widths_mm: list[float], *, grid: bool = False):  # noqa: ANN201 - a Table
        """A table of fixed column widths (grid columns and every cell: Word reads the cells,
        LibreOffice the grid), with lines or without any; the cells start without a paragraph
        of their own only when filled through `empty`."""
        table = self.word.add_table(rows=rows, cols=len(widths_mm))
        table.autofit = False  # w:tblLayout fixed
        if grid:
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
        else:
            _no_borders(table)
        _cell_margins(table, L.CELL_PAD_PT if grid else 0)
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)
        return table

    @staticmethod
    def empty(cell):  # noqa: ANN001, ANN205
        """The cell without its initial empty paragraph, to be filled with `para`."""
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        return cell

    def header(self, h: Header) -> None:
        left_w = self.width_mm * L.HEADER_LEFT_SHARE
        right_w = self.width_mm - left_w
        table = self.new_table(2, [left_w, right_w])
        cells = [[table.cell(r, c) for c in range(2)] for r in range(2)]
        left, right = self.empty(cells[0][0]), self.empty(cells[0][1])
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
            self.para(t.caption, bold=True, align="left", after=4).paragraph_format.keep_with_next = True
        total = sum(c.weight for c in t.columns)
        widths = [self.width_mm * c.weight / total for c in t.columns]
        size = L.fitting_size(t, [w * L.MM for w in widths])
        table = self.new_table(1 + len(t.rows), widths, grid=True)
        for c, col in enumerate(t.columns):
            self._cell_text(table.cell(0, c), col.title, size, bold=True, align="center")
        _repeat_header(table.rows[0])
        for r, row in enumerate(t.rows, start=1):
            cells = table.rows[r].cells
            for c, (text, col) in enumerate(zip(row, t.columns, strict=True)):
                self._cell_text(cells[c], text, size, bold=(r - 1) in t.bold_rows, align=col.align)
        self.para(after=6)

    @staticmethod
    def _cell_text(cell, text: str, size: float, *, bold: bool, align: str) -> None:  # noqa: ANN001
        p = cell.paragraphs[0]
        p.alignment = _ALIGN[align]
        run = p.add_run(nfc(text))
        run.bold, run.font.size = bold, Pt(size)

    def _signer(self, cell, s: Signer) -> None:  # noqa: ANN001
        self._signer_head(self.empty(cell), s)
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
        self.para("Nơi nhận:", container=cell, size=L.RECIPIENTS_LABEL, bold=True, italic=True, align="left")
        for line in lines:
            self.para(f"- {line}", container=cell, size=L.RECIPIENTS, align="left")

    def signatures(self, sig: Signatures) -> None:
        last = self.word.element.body[-2] if len(self.word.element.body) > 1 else None  # [-1] is sectPr
        if last is not None and last.tag == qn("w:p"):  # the last paragraph travels with the signatures
            WordParagraph(last, self.word).paragraph_format.keep_with_next = True
        if len(sig.signers) == 1:
            table = self.new_table(1, [self.width_mm * 0.45, self.width_mm * 0.55])
            if sig.recipients:
                self._recipients(self.empty(table.cell(0, 0)), sig.recipients)
            self._signer(table.cell(0, 1), sig.signers[0])
            return
        n = max(1, sig.per_row)
        groups = [sig.signers[i:i + n] for i in range(0, len(sig.signers), n)]
        if sig.heading:
            self.para(sig.heading, size=L.SIGNER, bold=True, after=6).paragraph_format.keep_with_next = True
        table = self.new_table(2 * len(groups), [self.width_mm / n] * n)
        for g, group in enumerate(groups):
            for c, s in enumerate(group):
                head = self.empty(table.cell(2 * g, c))
                self._signer_head(head, s)
                self.para("", container=head).paragraph_format.space_after = Mm(L.SIGNATURE_SPACE_MM - 6)
                self.para(s.name or "", container=self.empty(table.cell(2 * g + 1, c)), size=L.SIGNER, bold=True,
                          after=12)
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
                    p = self.para(b.text, size=b.size or L.BODY, bold=b.bold, italic=b.italic, align=b.align,
                                  indent=b.indent, after=L.PARA_AFTER_PT, label=b.label)
                    p.paragraph_format.keep_with_next = b.leads_in or None
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
