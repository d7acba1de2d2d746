"""Giấy khen and Bằng khen as PDF: the full certificate on plain paper, the variable fields alone
over a pre-printed blank (phôi), and the calibration page that measures a printer's offset.

Every text goes into its layout box through `text_fit.fit_text` (shrink, then wrap, then cut),
so no name or achievement ever runs over a neighbour. Pages are written to a temporary file and
renamed at the end: a cancelled batch leaves nothing behind.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from thidua_desktop.domain.enums import CertificateMode
from thidua_desktop.domain.text import nfc

from .certificate_data import CertificateData
from .certificate_layout import A4_LANDSCAPE, FIELD_LABELS, RED, FieldBox, Layout
from .fonts import font_name, initial_font
from .text_fit import FittedText, fit_text

GOLD = HexColor("#b8860b")
DEEP_RED = HexColor(RED)
_GRID_FINE, _GRID_MID, _GRID_MAJOR = HexColor("#cfd8e3"), HexColor("#93a4b8"), HexColor("#3b5a80")
_BBOX_CENTRE = 0.3375  # Liberation Serif: (ascent 0.891 − descent 0.216) / 2, in ems above the baseline
_SPACING = 1.15  # line height / font size; more than ascent + descent, so lines never touch

Progress = Callable[[int, int, str], bool]  # (pages done, total, whose page) → False stops the batch


class EmblemError(ValueError):
    """The chosen file is not an image we can print; `message` is Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- text in boxes --------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _unit_width(font: str, text: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, 1.0)


def _font(box: FieldBox) -> str:
    return font_name(bold=box.bold, italic=box.italic)


def fit_field(box: FieldBox, text: str) -> FittedText:
    """The size and lines a text takes in its box (points)."""
    font = _font(box)
    return fit_text(nfc(text), lambda s: _unit_width(font, s), box.w * mm, box.h * mm,
                    max_size=box.size, min_size=box.min_size, spacing=_SPACING)


def _draw_field(c: Canvas, layout: Layout, box: FieldBox, text: str) -> None:
    fitted = fit_field(box, text)
    if not fitted.lines:
        return
    font = _font(box)
    c.setFont(font, fitted.size)
    c.setFillColor(HexColor(box.colour))
    left = (box.x + layout.offset_x) * mm
    top = (layout.paper_h - box.y - layout.offset_y) * mm  # PDF y grows upwards
    first_slot = top - (box.h * mm - fitted.height) / 2
    for i, line in enumerate(fitted.lines):
        baseline = first_slot - (i + 0.5) * fitted.line_height - _BBOX_CENTRE * fitted.size
        width = _unit_width(font, line) * fitted.size
        x = left + (box.w * mm - width) / 2 if box.align == "center" else left
        c.drawString(x, baseline, line)
        if box.underline:
            c.setStrokeColor(HexColor(box.colour))
            c.setLineWidth(max(0.5, fitted.size * 0.05))
            under = baseline - fitted.size * 0.16
            c.line(x, under, x + width, under)


# --- border and emblem -------------------------------------------------------------------------


def _border_form(c: Canvas, w: float, h: float, bang_khen: bool) -> str:
    """Draw the frame once per paper size as a reusable form (500 pages share one copy)."""
    name = f"frame_{int(w * 10)}_{int(h * 10)}_{int(bang_khen)}"
    if c.hasForm(name):
        return name
    s = min(w / A4_LANDSCAPE[0], h / A4_LANDSCAPE[1])
    main = DEEP_RED if bang_khen else HexColor("#1d4e89")
    c.beginForm(name)
    c.saveState()
    out, band_in, inner = 8 * s, 12.5 * s, 14.5 * s

    def frame(inset: float, width: float, colour: Color) -> None:
        c.setStrokeColor(colour)
        c.setLineWidth(width)
        c.rect(inset * mm, inset * mm, (w - 2 * inset) * mm, (h - 2 * inset) * mm, stroke=1, fill=0)

    frame(out, 2.4 * s, main)
    frame(out + 1.2 * s, 0.6 * s, GOLD)
    frame(band_in, 0.6 * s, GOLD)
    frame(inner, 1.4 * s, main)
    # the band between the frames: gold lozenges alternating with red dots
    mid = (out + 1.2 * s + band_in) / 2
    pitch = 6 * s
    c.setFillColor(GOLD)
    c.setStrokeColor(GOLD)
    for x0, y0, x1, y1 in ((mid, mid, w - mid, mid), (mid, h - mid, w - mid, h - mid),
                           (mid, mid, mid, h - mid), (w - mid, mid, w - mid, h - mid)):
        length = max(abs(x1 - x0), abs(y1 - y0))
        count = int(length / pitch)
        for i in range(1, count):
            t = i / count
            cx, cy = (x0 + (x1 - x0) * t) * mm, (y0 + (y1 - y0) * t) * mm
            if i % 2:
                d = 1.3 * s * mm
                path = c.beginPath()
                path.moveTo(cx - d, cy)
                path.lineTo(cx, cy + d)
                path.lineTo(cx + d, cy)
                path.lineTo(cx, cy - d)
                path.close()
                c.setFillColor(GOLD)
                c.drawPath(path, stroke=0, fill=1)
            else:
                c.setFillColor(main)
                c.circle(cx, cy, 0.55 * s * mm, stroke=0, fill=1)
    # corner squares inside the frame, each with a lozenge
    for cx, cy in ((mid, mid), (w - mid, mid), (mid, h - mid), (w - mid, h - mid)):
        half = (band_in - out) / 2 * mm
        c.setFillColor(white)
        c.setStrokeColor(main)
        c.setLineWidth(0.8 * s)
        c.rect(cx * mm - half, cy * mm - half, 2 * half, 2 * half, stroke=1, fill=1)
        c.setFillColor(main)
        c.circle(cx * mm, cy * mm, half * 0.45, stroke=0, fill=1)
    # a thin gold line inside the inner frame
    frame(inner + 2.2 * s, 0.35 * s, GOLD)
    c.restoreState()
    c.endForm()
    return name


def _draw_default_emblem(c: Canvas, cx: float, cy: float, r: float) -> None:
    """Our own simple emblem (not the national one): a gold ring, a red disc, a gold star."""
    import math

    c.saveState()
    c.setFillColor(GOLD)
    c.circle(cx, cy, r, stroke=0, fill=1)
    c.setFillColor(DEEP_RED)
    c.circle(cx, cy, r * 0.82, stroke=0, fill=1)
    c.setFillColor(HexColor("#ffd100"))
    path = c.beginPath()
    for k in range(10):
        radius = r * (0.62 if k % 2 == 0 else 0.25)
        angle = math.pi / 2 + k * math.pi / 5
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        if k == 0:
            path.moveTo(x, y)
        else:
            path.lineTo(x, y)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    c.setFillColor(GOLD)
    for k in range(24):  # the ring's beads
        angle = k * math.pi / 12
        c.circle(cx + r * 0.91 * math.cos(angle), cy + r * 0.91 * math.sin(angle), r * 0.045, stroke=0, fill=1)
    c.restoreState()


@lru_cache(maxsize=8)
def _image_reader(png: bytes):
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(png))


def _draw_emblem(c: Canvas, layout: Layout) -> None:
    s = min(layout.paper_w / A4_LANDSCAPE[0], layout.paper_h / A4_LANDSCAPE[1])
    size = 19 * s * mm
    cx = layout.paper_w / 2 * mm
    top = (layout.paper_h - 16 * layout.paper_h / A4_LANDSCAPE[1]) * mm
    if layout.emblem_png:
        c.drawImage(_image_reader(layout.emblem_png), cx - size / 2, top - size, size, size,
                    preserveAspectRatio=True, anchor="c", mask="auto")
    else:
        name = f"emblem_{int(size * 100)}"
        if not c.hasForm(name):  # drawn once per document and size, then reused
            c.beginForm(name)
            _draw_default_emblem(c, size / 2, size / 2, size / 2)
            c.endForm()
        c.saveState()
        c.translate(cx - size / 2, top - size)
        c.doForm(name)
        c.restoreState()


def normalise_emblem(data: bytes) -> bytes:
    """A PNG (at most 800 px a side) from a PNG or JPEG file's bytes, or EmblemError."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                raise EmblemError("Biểu tượng phải là ảnh PNG hoặc JPEG.")
            image.load()
            if min(image.size) < 16:
                raise EmblemError("Ảnh biểu tượng quá nhỏ (cần ít nhất 16 × 16 điểm ảnh).")
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise EmblemError("Không đọc được ảnh: tệp không phải ảnh PNG hoặc JPEG hợp lệ.") from exc
    picture.thumbnail((800, 800))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


# --- pages ----------------------------------------------------------------------------------------


def draw_certificate(c: Canvas, data: CertificateData, layout: Layout, *, show_boxes: bool = False) -> None:
    """One page: on plain paper the frame, emblem and every line; on a blank only the variable fields.
    `show_boxes` outlines and names each field's box (the layout editor's preview)."""
    c.setPageSize((layout.paper_w * mm, layout.paper_h * mm))
    if layout.mode is CertificateMode.FULL:
        c.doForm(_border_form(c, layout.paper_w, layout.paper_h, data.award_name.startswith("BẰNG KHEN")))
        _draw_emblem(c, layout)
    for name, box in layout.printed_fields().items():
        if show_boxes:
            _outline(c, layout, box, FIELD_LABELS[name])
        _draw_field(c, layout, box, data.text_of(name))
    c.showPage()


def _outline(c: Canvas, layout: Layout, box: FieldBox, label: str) -> None:
    c.saveState()
    c.setStrokeColor(_GRID_MAJOR)
    c.setFillColor(_GRID_MAJOR)
    c.setLineWidth(0.4)
    c.setDash(2, 2)
    left, bottom = (box.x + layout.offset_x) * mm, (layout.paper_h - box.y - box.h - layout.offset_y) * mm
    c.rect(left, bottom, box.w * mm, box.h * mm, stroke=1, fill=0)
    c.setFont(font_name(italic=True), 5.5)
    c.drawString(left + 1, bottom + box.h * mm + 1, f"{label} ({box.x:g}; {box.y:g} mm)")
    c.restoreState()


def _canvas(path: Path, title: str) -> Canvas:
    c = Canvas(str(path), pagesize=(A4_LANDSCAPE[0] * mm, A4_LANDSCAPE[1] * mm), pageCompression=1, **initial_font())
    c.setTitle(title)
    c.setCreator("ThiDua Desktop")
    return c


def render_certificates(out_path: str | os.PathLike[str], pages: Iterable[tuple[CertificateData, Layout]],
                        total: int, *, progress: Progress | None = None,
                        title: str = "Giấy khen, bằng khen", show_boxes: bool = False) -> bool:
    """Write one PDF, one page per certificate; False (and no file) when `progress` answered False."""
    with _binary_streams():
        return _render(Path(out_path), pages, total, progress, title, show_boxes)


@contextmanager
def _binary_streams():
    """Compressed streams without the ASCII85 layer: a third smaller, and reportlab's pure-Python
    ASCII85 encoder was a third of the time of a 500-page batch."""
    from reportlab import rl_config

    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def _render(out: Path, pages: Iterable[tuple[CertificateData, Layout]], total: int, progress: Progress | None,
            title: str, show_boxes: bool) -> bool:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".pdf.tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        c = _canvas(tmp, title)
        done = 0
        for data, layout in pages:
            draw_certificate(c, data, layout, show_boxes=show_boxes)
            done += 1
            if progress is not None and progress(done, total, data.recipient) is False:
                tmp.unlink(missing_ok=True)
                return False
        c.save()
        os.replace(tmp, out)
        return True
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --- calibration ----------------------------------------------------------------------------------

CALIBRATION_MARKS_MM = 20.0  # crosshairs sit this far from each edge, and one at the centre


def calibration_marks(paper_w: float, paper_h: float) -> dict[str, tuple[float, float]]:
    """Crosshair name → (x, y) in mm from the paper's top-left, as they should land."""
    d = CALIBRATION_MARKS_MM
    return {"A": (d, d), "B": (paper_w - d, d), "C": (d, paper_h - d), "D": (paper_w - d, paper_h - d),
            "E": (round(paper_w / 2), round(paper_h / 2))}


def render_calibration(out_path: str | os.PathLike[str], paper_w: float, paper_h: float,
                       offset_x: float = 0.0, offset_y: float = 0.0) -> Path:
    """A millimetre grid (1 mm fine, 10 mm numbered) and crosshairs at known places, printed with
    the given offset, so the user measures where they land and types in the correction."""
    out = Path(out_path)
    c = _canvas(out, "Trang căn chỉnh máy in")
    c.setPageSize((paper_w * mm, paper_h * mm))

    def px(x: float) -> float:
        return (x + offset_x) * mm

    def py(y: float) -> float:
        return (paper_h - y - offset_y) * mm

    for step, colour, width in ((1, _GRID_FINE, 0.15), (5, _GRID_MID, 0.3), (10, _GRID_MAJOR, 0.45)):
        c.setStrokeColor(colour)
        c.setLineWidth(width)
        for x in range(0, int(paper_w) + 1, step):
            c.line(px(x), py(0), px(x), py(paper_h))
        for y in range(0, int(paper_h) + 1, step):
            c.line(px(0), py(y), px(paper_w), py(y))
    c.setFillColor(_GRID_MAJOR)
    c.setFont(font_name(), 6)
    for x in range(10, int(paper_w), 10):
        c.drawCentredString(px(x), py(4), str(x))
    for y in range(10, int(paper_h), 10):
        c.drawString(px(1.5), py(y) - 2, str(y))
    for name, (x, y) in calibration_marks(paper_w, paper_h).items():
        c.setStrokeColor(DEEP_RED)
        c.setLineWidth(0.5)
        c.line(px(x - 8), py(y), px(x + 8), py(y))
        c.line(px(x), py(y - 8), px(x), py(y + 8))
        c.circle(px(x), py(y), 3 * mm, stroke=1, fill=0)
        c.setFillColor(DEEP_RED)
        c.setFont(font_name(bold=True), 8)
        label = f"{name} ({x:g}; {y:g} mm)"
        if x > paper_w / 2 + 1:
            c.drawRightString(px(x - 1.5), py(y - 1.5), label)
        else:
            c.drawString(px(x + 1.5), py(y - 1.5), label)
    lines = (
        f"TRANG CĂN CHỈNH MÁY IN — khổ {paper_w:g} × {paper_h:g} mm",
        "In trang này trên máy in sẽ dùng để in phôi, đúng khổ giấy, tỷ lệ 100% (không co giãn).",
        "Dùng thước đo từ mép trái và mép trên tờ giấy đến tâm dấu chữ thập A.",
        "Độ lệch ngang X = 20 − số đo ngang (mm); độ lệch dọc Y = 20 − số đo dọc (mm).",
        "Nhập hai số này vào hồ sơ máy in, rồi in lại trang này để kiểm tra: các dấu phải rơi đúng vị trí ghi bên cạnh.",
        f"Độ lệch đang áp dụng: X = {offset_x:g} mm; Y = {offset_y:g} mm.",
    )
    top = paper_h / 2 + 12
    for i, line in enumerate(lines):
        c.setFont(font_name(bold=i == 0), 11 if i == 0 else 9.5)
        c.setFillColor(HexColor("#000000"))
        width = _unit_width(font_name(bold=i == 0), line) * (11 if i == 0 else 9.5)
        x = px(paper_w / 2) - width / 2
        y = py(top + i * 6)
        c.setFillColor(white)
        c.rect(x - 2, y - 3, width + 4, 12, stroke=0, fill=1)
        c.setFillColor(HexColor("#000000"))
        c.drawString(x, y, line)
    c.showPage()
    c.save()
    return out
