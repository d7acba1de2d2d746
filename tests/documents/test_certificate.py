"""Certificates as PDF: every line in the order and colour of domain.md 2.3, embedded fonts, exact
paper sizes, overlay fields at their millimetre positions, long texts inside their boxes, the
calibration page, and loose comparisons with reference renders."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from thidua_desktop.documents.certificate import (
    calibration_marks,
    fit_field,
    normalise_emblem,
    render_calibration,
    render_certificates,
)
from thidua_desktop.documents.certificate_data import (
    CertificateData,
    decision_line,
    golden_book_line,
    place_date_line,
    signer_title,
)
from thidua_desktop.documents.certificate_layout import (
    A3_LANDSCAPE,
    A4_LANDSCAPE,
    FIXED_FIELDS,
    VARIABLE_FIELDS,
    Layout,
    default_layout,
)
from thidua_desktop.domain.enums import CertificateMode

MM = 72 / 25.4
RENDERS = Path(__file__).resolve().parent.parent / "data" / "renders"
LONG_UNIT = "Ban Quản lý các khu công nghiệp và khu kinh tế cửa khẩu tỉnh Lai Châu"
LONG_ACHIEVEMENT = (
    "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị năm 2025, góp phần tích cực vào phong trào thi "
    "đua Khối thi đua các cơ quan Đảng tỉnh Lai Châu, đặc biệt trong công tác xây dựng Đảng, chuyển đổi số, cải cách "
    "hành chính, sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả và thực hiện chính quyền địa phương "
    "hai cấp, xứng đáng là điển hình tiên tiến của tỉnh Lai Châu trong năm 2025"
)
ORDER = ("quoc_hieu", "tieu_ngu", "issuer_title", "verb", "award_name", "recipient", "detail", "achievement")


def bang_khen(**changes: str) -> CertificateData:
    day = date(2026, 2, 9)
    data = CertificateData(
        issuer_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", verb="TẶNG", award_name="BẰNG KHEN",
        recipient="Báo Lai Châu", detail="Tỉnh ủy Lai Châu",
        achievement="Đã có thành tích xuất sắc trong phong trào thi đua Khối thi đua các cơ quan Đảng tỉnh Lai Châu "
                    "năm 2025",
        decision=decision_line("820/QĐ-UBND", day), golden_book=golden_book_line(10),
        place_date=place_date_line("Lai Châu", day),
        signer_title=signer_title("Chủ tịch Ủy ban nhân dân tỉnh Lai Châu", "Phó Chủ tịch Ủy ban nhân dân tỉnh"),
        signer_name="Bùi Kim Dung")
    return replace(data, **changes)


def _giay_khen() -> CertificateData:
    return replace(bang_khen(), issuer_title="GIÁM ĐỐC SỞ TƯ PHÁP TỈNH LAI CHÂU", award_name="GIẤY KHEN",
                     recipient="Bà Nguyễn Thị Minh Nguyệt", detail="Phó Trưởng phòng Tổng hợp, Văn phòng Sở Tư pháp",
                     achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025",
                     decision=decision_line("12/QĐ-STP", date(2026, 1, 5)), golden_book=golden_book_line(3),
                     place_date=place_date_line("Lai Châu", date(2026, 1, 5)),
                     signer_title=signer_title("Giám đốc Sở Tư pháp", "Giám đốc Sở Tư pháp"),
                     signer_name="Lò Văn Thắng")


def giay_khen(**changes: str) -> CertificateData:
    return replace(_giay_khen(), **changes)


def render(tmp_path: Path, pages: list[tuple[CertificateData, Layout]], name: str = "c.pdf") -> Path:
    out = tmp_path / name
    assert render_certificates(out, pages, len(pages))
    return out


def words(pdf: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """(word, x0, top, x1, bottom) in points from the top-left, in the order they were drawn."""
    html = subprocess.run(["pdftotext", "-raw", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [(m[5], float(m[1]), float(m[2]), float(m[3]), float(m[4])) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def field_boxes(pdf: Path, data: CertificateData, layout: Layout, page: int = 1) -> dict[str, tuple[float, ...]]:
    """Each printed field's words (drawn field by field) → their union box in points."""
    found, rest = {}, words(pdf, page)
    for name, box in layout.printed_fields().items():
        count = len(" ".join(fit_field(box, data.text_of(name)).lines).split())
        mine, rest = rest[:count], rest[count:]
        found[name] = (min(w[1] for w in mine), min(w[2] for w in mine), max(w[3] for w in mine),
                       max(w[4] for w in mine))
    assert not rest
    return found


def assert_inside_boxes(pdf: Path, data: CertificateData, layout: Layout, page: int = 1) -> None:
    boxes = field_boxes(pdf, data, layout, page)
    for name, (x0, top, x1, bottom) in boxes.items():
        box = layout.fields[name]
        left, upper = (box.x + layout.offset_x) * MM, (box.y + layout.offset_y) * MM
        assert left - 0.5 <= x0 and x1 <= left + box.w * MM + 0.5, name
        assert upper - 0.5 <= top and bottom <= upper + box.h * MM + 0.5, name
    names = list(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            ax0, at, ax1, ab = boxes[a]
            bx0, bt, bx1, bb = boxes[b]
            assert ax1 <= bx0 or bx1 <= ax0 or ab <= bt or bb <= at, f"{a} overlaps {b}"


def pdffonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


# --- the full certificate ---------------------------------------------------------------------------


def test_full_bang_khen_has_every_line_in_the_order_of_the_decree(tmp_path: Path) -> None:
    data, layout = bang_khen(), default_layout(CertificateMode.FULL, *A3_LANDSCAPE)
    pdf = render(tmp_path, [(data, layout)])
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    positions = [text.index(data.text_of(name)) for name in ORDER]
    assert positions == sorted(positions)
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "TẶNG", "BẰNG KHEN", "Báo Lai Châu",
                 "Số quyết định: 820/QĐ-UBND, ngày 09 tháng 02 năm 2026", "Số sổ vàng: 10",
                 "Lai Châu, ngày 09 tháng 02 năm 2026", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Bùi Kim Dung"):
        assert line in text

    boxes = field_boxes(pdf, data, layout)
    tops = [boxes[name][1] for name in ORDER]
    assert tops == sorted(tops)  # top to bottom on the page
    mid = A3_LANDSCAPE[0] * MM / 2
    assert boxes["decision"][2] < mid and boxes["golden_book"][2] < mid  # bottom left
    assert boxes["decision"][3] <= boxes["golden_book"][1]
    assert min(boxes[n][0] for n in ("place_date", "signer_title", "signer_name")) > mid  # bottom right
    assert boxes["place_date"][3] <= boxes["signer_title"][1]
    assert boxes["signer_name"][1] - boxes["signer_title"][3] >= 20 * MM  # room for signature and seal
    assert boxes["decision"][1] > boxes["achievement"][3] and boxes["place_date"][1] > boxes["achievement"][3]


def test_lines_are_red_or_black_as_the_decree_says(tmp_path: Path) -> None:
    data, layout = giay_khen(), default_layout(CertificateMode.FULL, *A4_LANDSCAPE)
    pdf = render(tmp_path, [(data, layout)])
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(tmp_path / "page")], check=True)
    image = Image.open(tmp_path / "page-1.png").convert("RGB")
    scale = 100 / 25.4

    def ink(name: str) -> tuple[int, int, int]:
        box = layout.fields[name]
        crop = image.crop((int(box.x * scale), int(box.y * scale), int((box.x + box.w) * scale),
                           int((box.y + box.h) * scale)))
        dark = [p for p in crop.get_flattened_data() if sum(p) < 600]
        assert dark, name
        return tuple(sum(c) // len(dark) for c in zip(*dark))  # type: ignore[return-value]

    for name in ("issuer_title", "award_name"):
        r, g, b = ink(name)
        assert r > 150 and g < 100 and b < 110, name
    for name in ("quoc_hieu", "tieu_ngu", "verb", "recipient", "achievement", "decision", "place_date",
                 "signer_title", "signer_name"):
        r, g, b = ink(name)
        assert max(r, g, b) - min(r, g, b) < 40 and r < 140, name


def test_fonts_are_embedded_and_none_is_a_core_font(tmp_path: Path) -> None:
    pdf = render(tmp_path, [(bang_khen(), default_layout(CertificateMode.FULL, *A3_LANDSCAPE)),
                            (giay_khen(), default_layout(CertificateMode.OVERLAY, *A4_LANDSCAPE))])
    fonts = pdffonts(pdf)
    assert fonts
    for row in fonts:
        assert "LiberationSerif" in row[0]
        assert row[-5] == "yes"  # emb
    names = " ".join(r[0] for r in fonts)
    assert not re.search(r"Helvetica|Times-|Courier|Symbol|ZapfDingbats", names)


def test_paper_sizes_are_exact_landscape(tmp_path: Path) -> None:
    pdf = render(tmp_path, [(bang_khen(), default_layout(CertificateMode.FULL, *A3_LANDSCAPE)),
                            (giay_khen(), default_layout(CertificateMode.FULL, *A4_LANDSCAPE)),
                            (bang_khen(), default_layout(CertificateMode.OVERLAY, 400, 300))])
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(pdf).pages]
    assert sizes == [pytest.approx((420 * MM, 297 * MM), abs=0.01), pytest.approx((297 * MM, 210 * MM), abs=0.01),
                     pytest.approx((400 * MM, 300 * MM), abs=0.01)]


def test_longest_names_and_achievements_stay_inside_their_boxes(tmp_path: Path) -> None:
    unit = bang_khen(recipient=LONG_UNIT, detail="Ủy ban nhân dân tỉnh Lai Châu", achievement=LONG_ACHIEVEMENT)
    person = giay_khen(recipient="Bà Tòng Thị Nguyễn Hoàng Phương Uyên",
                       detail="Phó Trưởng phòng Quản lý doanh nghiệp và lao động, Ban Quản lý các khu công nghiệp và "
                              "khu kinh tế cửa khẩu tỉnh Lai Châu",
                       achievement=LONG_ACHIEVEMENT)
    assert len(LONG_ACHIEVEMENT) >= 400
    pages = [(unit, default_layout(CertificateMode.FULL, *A3_LANDSCAPE)),
             (person, default_layout(CertificateMode.FULL, *A4_LANDSCAPE)),
             (unit, replace(default_layout(CertificateMode.OVERLAY, *A4_LANDSCAPE), offset_x=2.5, offset_y=-1.5)),
             (person, default_layout(CertificateMode.OVERLAY, *A3_LANDSCAPE))]
    pdf = render(tmp_path, pages)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "…" not in text  # realistic texts shrink and wrap, they are not cut
    for page, (data, layout) in enumerate(pages, start=1):
        assert_inside_boxes(pdf, data, layout, page)


# --- overlay on pre-printed blanks ---------------------------------------------------------------------


def test_overlay_prints_only_the_variable_fields_at_their_positions_plus_the_offset(tmp_path: Path) -> None:
    layout = default_layout(CertificateMode.OVERLAY, *A4_LANDSCAPE)
    layout = replace(layout.with_field("recipient", replace(layout.fields["recipient"], x=50, y=60, w=150, h=12)),
                     offset_x=3.0, offset_y=-2.0)
    assert set(layout.printed_fields()) == set(VARIABLE_FIELDS)
    data = giay_khen()
    pdf = render(tmp_path, [(data, layout)])
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for name in FIXED_FIELDS:
        assert data.text_of(name) not in text
    boxes = field_boxes(pdf, data, layout)
    x0, top, x1, bottom = boxes["recipient"]
    assert 53 * MM - 0.5 <= x0 and x1 <= 203 * MM + 0.5  # 50 + 3 … 50 + 150 + 3 mm
    assert 58 * MM - 0.5 <= top and bottom <= 70 * MM + 0.5  # 60 − 2 … 60 + 12 − 2 mm
    assert abs((x0 + x1) / 2 - 128 * MM) < 1.0  # centred in the moved box
    assert_inside_boxes(pdf, data, layout)
    page = PdfReader(pdf).pages[0]
    assert "/XObject" not in page["/Resources"]  # no frame, no emblem on a blank


def test_calibration_page_has_the_grid_labels_and_the_crosshairs(tmp_path: Path) -> None:
    pdf = render_calibration(tmp_path / "cal.pdf", 297, 210, offset_x=1.5, offset_y=-0.5)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "TRANG CĂN CHỈNH MÁY IN — khổ 297 × 210 mm" in text
    assert "Độ lệch đang áp dụng: X = 1.5 mm; Y = -0.5 mm." in text
    marks = calibration_marks(297, 210)
    assert marks == {"A": (20, 20), "B": (277, 20), "C": (20, 190), "D": (277, 190), "E": (148, 105)}
    for name, (x, y) in marks.items():
        assert f"{name} ({x:g}; {y:g} mm)" in text
    found = {w[0] for w in words(pdf)}
    assert {str(n) for n in range(10, 290, 10)} <= found  # every 10 mm numbered
    page = PdfReader(pdf).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((297 * MM, 210 * MM), abs=0.01)
    # the label of A sits just right of its crosshair, moved by the offset
    label = next(w for w in words(pdf) if w[0] == "A")
    assert abs(label[1] - (20 + 1.5 + 1.5) * MM) < 1.0


# --- emblem ------------------------------------------------------------------------------------------


def test_a_replaced_emblem_is_printed_as_an_image(tmp_path: Path) -> None:
    source = tmp_path / "logo.jpg"
    Image.new("RGB", (120, 90), (20, 90, 160)).save(source, format="JPEG")
    png = normalise_emblem(source.read_bytes())
    assert png.startswith(b"\x89PNG")
    layout = default_layout(CertificateMode.FULL, *A4_LANDSCAPE)
    pdf = render(tmp_path, [(giay_khen(), replace(layout, emblem_png=png)), (giay_khen(), layout)])
    first, second = PdfReader(pdf).pages
    images = [x.get_object() for x in first["/Resources"]["/XObject"].values()]
    assert any(x["/Subtype"] == "/Image" for x in images)
    assert all(x.get_object()["/Subtype"] != "/Image" for x in second["/Resources"]["/XObject"].values())


def test_a_file_that_is_not_an_image_is_refused_in_vietnamese() -> None:
    from thidua_desktop.documents.certificate import EmblemError

    with pytest.raises(EmblemError, match="PNG hoặc JPEG"):
        normalise_emblem(b"%PDF-1.4 not an image")


# --- reference renders ---------------------------------------------------------------------------------


REFERENCES = {
    "certificate_giay_khen_full.png": (giay_khen, CertificateMode.FULL),
    "certificate_bang_khen_overlay.png": (bang_khen, CertificateMode.OVERLAY),
}


def _render_png(tmp_path: Path, name: str) -> Image.Image:
    make, mode = REFERENCES[name]
    pdf = render(tmp_path, [(make(), default_layout(mode, *A4_LANDSCAPE))], name=f"{name}.pdf")
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", "-singlefile", str(pdf), str(tmp_path / name[:-4])],
                   check=True)
    return Image.open(tmp_path / name).convert("L")


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_renders_look_like_the_references(tmp_path: Path, name: str) -> None:
    """Loose: catches a moved block or a lost frame, not anti-aliasing. THIDUA_UPDATE_RENDERS=1 rewrites."""
    image = _render_png(tmp_path, name)
    if os.environ.get("THIDUA_UPDATE_RENDERS"):
        image.save(RENDERS / name, optimize=True)
    reference = Image.open(RENDERS / name).convert("L")
    assert image.size == reference.size
    assert ImageStat.Stat(ImageChops.difference(image, reference)).mean[0] < 2.0
