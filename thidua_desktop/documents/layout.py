"""The measurements of NĐ 30/2020 Phụ lục I (domain.md 2.1) shared by the PDF and .docx
renderers, so the two copies of a document are laid out alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Table

MM = 72 / 25.4  # points per millimetre

PAGE_W_MM, PAGE_H_MM = 210.0, 297.0  # A4
MARGIN_TOP_MM = 20.0
MARGIN_BOTTOM_MM = 20.0
MARGIN_LEFT_MM = 30.0
MARGIN_RIGHT_MM = 15.0
PAGE_NUMBER_FROM_TOP_MM = 10.0

# Font sizes in points
BODY = 14
HEADER = 12  # superior body, issuing body, Quốc hiệu
MOTTO = 13  # Tiêu ngữ
NUMBER = 13  # "Số: …" and the place and date line
TITLE = 14
TABLE = 12
SIGNER = 14
RECIPIENTS_LABEL = 12
RECIPIENTS = 11
PAGE_NUMBER = 13

LINE_SPACING = 1.2  # single to 1.5 lines are allowed
PARA_AFTER_PT = 6  # at least 6 pt between paragraphs
FIRST_LINE_INDENT_MM = 10.0
SIGNATURE_SPACE_MM = 24.0

HEADER_LEFT_SHARE = 0.45  # of the text width: the issuing body's column
ISSUER_RULE_SHARE = 0.4  # the rule under the issuing body: 1/3 to 1/2 of its text
TITLE_RULE_MM = 30.0
RULE_PT = 0.6


CELL_PAD_PT = 3  # left and right inside a table's cells
MIN_TABLE_SIZE = 8


def fitting_size(t: Table, widths_pt: list[float]) -> float:
    """The table's font size, lowered (not below 8 pt) until no single word is wider than its
    column: a word cut in the middle ("Thưởn g") is worse than a smaller type."""
    from .fonts import string_width

    longest: dict[int, tuple[float, str]] = {}
    cells = [(i, c.title) for i, c in enumerate(t.columns)] + [(i, x) for row in t.rows for i, x in enumerate(row)]
    for i, text in cells:
        for word in text.split():
            w = string_width(word, size=10, bold=True)
            if w > longest.get(i, (0.0, ""))[0]:
                longest[i] = (w, word)
    size = t.size
    while size > MIN_TABLE_SIZE and any(w * size / 10 > widths_pt[i] - 2 * CELL_PAD_PT
                                        for i, (w, _) in longest.items()):
        size -= 0.5
    return size


def page_size_mm(landscape: bool) -> tuple[float, float]:
    return (PAGE_H_MM, PAGE_W_MM) if landscape else (PAGE_W_MM, PAGE_H_MM)


def text_width_mm(landscape: bool) -> float:
    return page_size_mm(landscape)[0] - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
