"""Checks on written PDFs with poppler's tools: text in reading order, fonts, page sizes, and
the words' boxes against the NĐ 30/2020 margins."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

MM = 72 / 25.4
BASE14 = {"Courier", "Helvetica", "Times", "Symbol", "ZapfDingbats", "Times-Roman", "Arial"}


def pdf_text(path: Path, *, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFC", out)


def region_text(path: Path, page: int, x_mm: float, y_mm: float, w_mm: float, h_mm: float) -> str:
    """The text of one rectangle of a page (e.g. one column of the header)."""
    box = [str(round(v * MM)) for v in (x_mm, y_mm, w_mm, h_mm)]
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", box[0], "-y", box[1], "-W", box[2],
                          "-H", box[3], str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFC", out)


def header_columns(path: Path) -> tuple[str, str]:
    """Page 1's header: the issuing body's column, and the Quốc hiệu's column (top 60 mm)."""
    width = page_sizes_mm(path)[0][0]
    split = 30 + (width - 45) * 0.45
    return region_text(path, 1, 0, 0, split, 60), region_text(path, 1, split, 0, width - split, 60)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def assert_in_order(text: str, expected: list[str]) -> None:
    """Every expected string occurs, each after the one before it."""
    haystack, at = flat(text), 0
    for item in expected:
        found = haystack.find(flat(item), at)
        assert found >= 0, f"missing or out of order: {item!r} (after position {at})"
        at = found + len(flat(item))


def assert_fonts_embedded(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    names = [r.split()[0].split("+")[-1] for r in rows]
    assert rows, "no fonts"
    for row, name in zip(rows, names, strict=True):
        assert " yes " in row, f"not embedded: {row}"
        assert name.split("-")[0] not in BASE14, f"core font: {name}"
    return names


def page_sizes_mm(path: Path) -> list[tuple[int, int]]:
    from pypdf import PdfReader

    return [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM))
            for p in PdfReader(str(path)).pages]


def words_outside_margins(path: Path, *, left_mm: float = 30, right_mm: float = 15, top_mm: float = 20,
                          bottom_mm: float = 20, slack_pt: float = 1.5) -> list[str]:
    """Words whose box crosses the margins (the page number in the top margin is allowed)."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out).replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    bad = []
    for n, page in enumerate(root.iter("page"), start=1):
        w, h = float(page.get("width")), float(page.get("height"))
        for word in page.iter("word"):
            x0, y0, x1, y1 = (float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            if n > 1 and y1 < top_mm * MM and word.text and word.text.isdigit():
                continue  # the page number
            if x0 < left_mm * MM - slack_pt or x1 > w - right_mm * MM + slack_pt or \
                    y0 < top_mm * MM - slack_pt or y1 > h - bottom_mm * MM + slack_pt:
                bad.append(f"page {n}: {word.text!r} at ({x0:.0f}, {y0:.0f}, {x1:.0f}, {y1:.0f})")
    return bad


def top_margin_text(path: Path, page: int, page_width_mm: float = 297) -> str:
    """What is printed in the top margin of a page: its number from page 2 on, nothing on page 1."""
    return region_text(path, page, 0, 0, page_width_mm, 19).strip()


def assert_page_numbers(path: Path) -> None:
    pages = page_sizes_mm(path)
    assert top_margin_text(path, 1) == ""
    for n in range(2, len(pages) + 1):
        assert top_margin_text(path, n) == str(n)
