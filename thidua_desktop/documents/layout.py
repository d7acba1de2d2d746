"""The measurements of NĐ 30/2020 Phụ lục I (domain.md 2.1) shared by the PDF and .docx
renderers, so the two copies of a document are laid out alike."""

from __future__ import annotations

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


def page_size_mm(landscape: bool) -> tuple[float, float]:
    return (PAGE_H_MM, PAGE_W_MM) if landscape else (PAGE_W_MM, PAGE_H_MM)


def text_width_mm(landscape: bool) -> float:
    return page_size_mm(landscape)[0] - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
