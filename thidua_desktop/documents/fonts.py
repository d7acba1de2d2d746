"""The one place that registers the bundled Liberation Serif with reportlab.

Liberation Serif is metric-compatible with Times New Roman (what NĐ 30/2020 asks for) and has
every Vietnamese precomposed letter; the OFL licence travels beside it in resources/fonts/.
reportlab is imported inside the functions, so importing this module costs nothing at start-up.
Every document and certificate module calls ``register_fonts()`` and names fonts through
``SERIF``/``font_name()``; text goes through ``pdf_text()`` (NFC: reportlab cannot place
combining marks, so an NFD "ệ" would print as "e" and two loose marks).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from thidua_desktop.domain.text import nfc
from thidua_desktop.paths import resource_dir

SERIF = "LiberationSerif"
SERIF_BOLD = "LiberationSerif-Bold"
SERIF_ITALIC = "LiberationSerif-Italic"
SERIF_BOLD_ITALIC = "LiberationSerif-BoldItalic"

_FILES = {
    SERIF: "LiberationSerif-Regular.ttf",
    SERIF_BOLD: "LiberationSerif-Bold.ttf",
    SERIF_ITALIC: "LiberationSerif-Italic.ttf",
    SERIF_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}
_registered = False


def font_dir():
    return resource_dir() / "fonts"


def register_fonts() -> None:
    """Register the four faces and map them as one family, so <b>/<i> in Paragraphs work.

    Idempotent and cheap after the first call.
    """
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(font_dir() / file)))
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, SERIF_ITALIC)
    addMapping(SERIF, 1, 1, SERIF_BOLD_ITALIC)
    pdfmetrics.registerFontFamily(
        SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD_ITALIC
    )
    _registered = True


def font_name(*, bold: bool = False, italic: bool = False) -> str:
    """The registered face for a style (registers the fonts on first use)."""
    register_fonts()
    if bold and italic:
        return SERIF_BOLD_ITALIC
    if bold:
        return SERIF_BOLD
    return SERIF_ITALIC if italic else SERIF


def initial_font() -> dict[str, object]:
    """Keyword arguments for a reportlab Canvas or DocTemplate so that its page-start font is
    ours: the default (Helvetica, a base-14 font that cannot show Vietnamese) would otherwise
    be written into every page's resources."""
    register_fonts()
    return {"initialFontName": SERIF, "initialFontSize": 13}


def pdf_text(text: str | None) -> str:
    """NFC text, XML-escaped, for a reportlab Paragraph (which parses markup)."""
    return escape(nfc(text or ""))


def string_width(text: str, *, size: float, bold: bool = False, italic: bool = False) -> float:
    """Width in points of one line of NFC text in the bundled face, for fit-to-box checks."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(nfc(text), font_name(bold=bold, italic=italic), size)
