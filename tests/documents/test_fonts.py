"""The bundled serif is registered once, as one family, and prints Vietnamese NFC text embedded."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from thidua_desktop.documents.fonts import (
    SERIF,
    font_name,
    initial_font,
    pdf_text,
    register_fonts,
    string_width,
)


def test_family_faces_and_nfc_guard(tmp_path: Path) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    register_fonts()
    register_fonts()
    assert font_name(bold=True, italic=True) == "LiberationSerif-BoldItalic"
    decomposed = unicodedata.normalize("NFD", "Nghiệp vụ & Đảng ủy")
    assert pdf_text(decomposed) == "Nghiệp vụ &amp; Đảng ủy"
    assert string_width(decomposed, size=13) == string_width("Nghiệp vụ & Đảng ủy", size=13) > 0
    out = tmp_path / "f.pdf"
    style = ParagraphStyle("s", fontName=SERIF, fontSize=13)
    SimpleDocTemplate(str(out), **initial_font()).build(
        [Paragraph(f"<b>{pdf_text(decomposed)}</b> <i>nghiêng</i> <b><i>cả hai</i></b>", style)]
    )
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Nghiệp vụ & Đảng ủy nghiêng cả hai" in unicodedata.normalize("NFC", text)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert {r.split()[0].split("+")[-1] for r in rows} == {
        "LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"
    } and all(" yes " in r for r in rows)
