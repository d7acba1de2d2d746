"""Time 500 certificates into one PDF (target ≤ 3 s), against the way offices do it today: a
mail-merged Word file of the same 500 certificates converted to PDF by LibreOffice headless.

Prints the median of a few runs of ours, the time of the .docx route (building the .docx with
python-docx, then `soffice --headless --convert-to pdf` with a throw-away profile) and the ratio.
Output goes to benchmarks/.cache/. Run: .venv/bin/python benchmarks/bench_certificates.py [runs]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

CACHE = Path(__file__).parent / ".cache" / "certificates"
COUNT = 500

UNITS = ("Ban Quản lý các khu công nghiệp và khu kinh tế cửa khẩu tỉnh Lai Châu", "Báo Lai Châu",
         "Trường Chính trị tỉnh Lai Châu", "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh", "Văn phòng Tỉnh ủy",
         "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh")
PEOPLE = ("Bà Mai Thị Hạnh", "Ông Lò Văn Thắng", "Bà Tòng Thị Nguyễn Hoàng Phương Uyên", "Ông Vàng A Sình",
          "Bà Đỗ Thị Thu Hạnh", "Ông Chẻo A Sử")


def certificates() -> list:
    """500 certificates, Bằng khen (A3) and Giấy khen (A4), collectives and individuals."""
    from thidua_desktop.documents.certificate_data import (
        CertificateData,
        decision_line,
        golden_book_line,
        place_date_line,
        signer_title,
    )

    out = []
    day = date(2026, 2, 9)
    for i in range(COUNT):
        bang_khen = i % 2 == 0
        person = i % 3 == 0
        signed = day + timedelta(days=i % 20)
        out.append(CertificateData(
            issuer_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU" if bang_khen else "GIÁM ĐỐC SỞ TƯ PHÁP TỈNH LAI CHÂU",
            verb="TẶNG", award_name="BẰNG KHEN" if bang_khen else "GIẤY KHEN",
            recipient=PEOPLE[i % len(PEOPLE)] if person else UNITS[i % len(UNITS)],
            detail="Phó Trưởng phòng Tổng hợp, Văn phòng Tỉnh ủy" if person else "Tỉnh ủy Lai Châu",
            achievement=f"Đã có thành tích xuất sắc trong phong trào thi đua Khối thi đua các cơ quan Đảng tỉnh Lai "
                        f"Châu năm 2025{', góp phần xây dựng Đảng và hệ thống chính trị vững mạnh' * (i % 3)}",
            decision=decision_line(f"{100 + i // 40}/QĐ-UBND", signed), golden_book=golden_book_line(i % 40 + 1),
            place_date=place_date_line("Lai Châu", signed),
            signer_title=signer_title("Chủ tịch Ủy ban nhân dân tỉnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh"
                                      if i % 4 else "Chủ tịch Ủy ban nhân dân tỉnh"),
            signer_name="Bùi Kim Dung"))
    return out


def ours(items: list, out: Path) -> float:
    from thidua_desktop.documents.certificate import render_certificates
    from thidua_desktop.documents.certificate_layout import default_layout, default_paper
    from thidua_desktop.domain.enums import CertificateMode

    layouts = {name: default_layout(CertificateMode.FULL, *default_paper(name)) for name in ("BẰNG KHEN", "GIẤY KHEN")}
    start = time.perf_counter()
    render_certificates(out, ((d, layouts[d.award_name]) for d in items), len(items))
    return time.perf_counter() - start


def mail_merge_docx(items: list, out: Path) -> None:
    """What a secretary's Word mail merge gives: one landscape section per certificate, the same lines."""
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    red, black = RGBColor(0xC8, 0x10, 0x2E), RGBColor(0, 0, 0)
    doc = Document()
    for i, d in enumerate(items):
        section = doc.sections[0] if i == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
        a3 = d.award_name == "BẰNG KHEN"
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = (Mm(420), Mm(297)) if a3 else (Mm(297), Mm(210))
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(25))
        scale = 1.41 if a3 else 1.0
        lines = ((d.quoc_hieu, 15, True, False, black, "c"), (d.tieu_ngu, 14, True, False, black, "c"),
                 (d.issuer_title, 16, True, False, red, "c"), (d.verb, 15, True, False, black, "c"),
                 (d.award_name, 42, True, False, red, "c"), (d.recipient, 24, True, False, black, "c"),
                 (d.detail, 15, False, True, black, "c"), (d.achievement, 15, False, False, black, "c"),
                 (d.place_date, 13, True, True, black, "r"), (d.signer_title, 13, True, False, black, "r"),
                 ("\n\n", 13, False, False, black, "r"), (d.signer_name, 14, True, False, black, "r"),
                 (d.decision, 12, True, True, black, "l"), (d.golden_book, 12, True, True, black, "l"))
        for text, size, bold, italic, colour, align in lines:
            paragraph = doc.add_paragraph()
            paragraph.alignment = {"c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT,
                                   "l": WD_ALIGN_PARAGRAPH.LEFT}[align]
            paragraph.paragraph_format.space_after = Pt(2)
            run = paragraph.add_run(text)
            run.bold, run.italic = bold, italic
            run.font.size = Pt(size * scale)
            run.font.name = "Liberation Serif"
            run.font.color.rgb = colour
    doc.save(str(out))


def libreoffice(docx: Path, outdir: Path) -> float:
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        start = time.perf_counter()
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(outdir), str(docx)], check=True, capture_output=True)
        return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    CACHE.mkdir(parents=True, exist_ok=True)
    items = certificates()
    ours(items[:2], CACHE / "warm-up.pdf")  # fonts registered, modules imported
    times = [ours(items, CACHE / "ours-500.pdf") for _ in range(runs)]
    ours_median = statistics.median(times)
    size = (CACHE / "ours-500.pdf").stat().st_size / 1e6
    print(f"ThiDua (reportlab): {COUNT} certificates in one PDF, median of {runs}: {ours_median:.2f} s "
          f"(runs {', '.join(f'{t:.2f}' for t in times)}; {size:.1f} MB) — target ≤ 3 s: "
          f"{'OK' if ours_median <= 3 else 'MISSED'}")

    start = time.perf_counter()
    docx = CACHE / "mail-merge-500.docx"
    mail_merge_docx(items, docx)
    build = time.perf_counter() - start
    convert = libreoffice(docx, CACHE)
    from pypdf import PdfReader

    pages = len(PdfReader(CACHE / "mail-merge-500.pdf").pages)
    print(f"Mail merge route: python-docx build {build:.2f} s + LibreOffice headless convert {convert:.2f} s "
          f"= {build + convert:.2f} s ({pages} pages)")
    print(f"Ratio (LibreOffice convert only / ours): {convert / ours_median:.1f}×; "
          f"(build + convert) / ours: {(build + convert) / ours_median:.1f}×")


if __name__ == "__main__":
    main()
