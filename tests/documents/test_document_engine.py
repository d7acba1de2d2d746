"""The document engine on a model built by hand: NĐ 30/2020 layout in the PDF and the .docx,
with the longest realistic names and texts staying inside the margins."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from document_checks import (
    assert_fonts_embedded,
    assert_in_order,
    assert_page_numbers,
    flat,
    header_columns,
    page_sizes_mm,
    pdf_text,
    top_margin_text,
    words_outside_margins,
)

from thidua_desktop.documents import layout
from thidua_desktop.documents.fonts import string_width
from thidua_desktop.documents.model import (
    Annex,
    Bases,
    Column,
    Document,
    Header,
    Items,
    KinhGui,
    Para,
    Signatures,
    Signer,
    Table,
    Title,
)

LONG_UNIT = "Ban Quản lý các khu công nghiệp và khu kinh tế cửa khẩu tỉnh Lai Châu"
LONG_SUPERIOR = "Ủy ban nhân dân tỉnh Lai Châu"
LONG_ACHIEVEMENT = ("Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị, chuyên môn năm 2025, góp phần "
                    "vào sự nghiệp xây dựng và bảo vệ Tổ quốc, đẩy mạnh thu hút đầu tư vào các khu công nghiệp, "
                    "khu kinh tế cửa khẩu Ma Lù Thàng và phát triển kinh tế – xã hội của tỉnh")
LONG_PERSON = "Nguyễn Thị Phương Thảo Nguyên, Phó Trưởng phòng Quản lý doanh nghiệp và lao động, " + LONG_UNIT


def sample() -> Document:
    doc = Document(Header(issuer=LONG_UNIT, superior=LONG_SUPERIOR, symbol_suffix="TTr-BQLKKT",
                          number_text="05/TTr-BQLKKT", place_date="Lai Châu, ngày 05 tháng 01 năm 2026"),
                   title="Tờ trình mẫu")
    doc.add(Title("Tờ trình", "Về việc đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh năm 2025 cho " + LONG_UNIT),
            KinhGui(("Chủ tịch Ủy ban nhân dân tỉnh Lai Châu", "Sở Nội vụ tỉnh Lai Châu")),
            Bases(("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                   "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ.")),
            Para(LONG_ACHIEVEMENT + ".", label="Thành tích:"),
            Items((LONG_ACHIEVEMENT, "Mục thứ hai")),
            Table((Column("STT", 0.7, "center"), Column("Tên tập thể, cá nhân", 4), Column("Thành tích", 5),
                   Column("Điểm", 1, "right")),
                  tuple((str(i), LONG_PERSON, LONG_ACHIEVEMENT, "102,75") for i in range(1, 16))),
            Signatures((Signer("Trưởng khối", "Nguyễn Thị Phương Thảo Nguyên",
                               prefix="TM. Khối thi đua các cơ quan, đơn vị kinh tế, quản lý nhà nước tỉnh"),),
                       recipients=("Như trên;", "Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Lai Châu (để b/c);",
                                   "Lưu: VT, KTĐ.")),
            Annex("Phụ lục I", "Danh sách đơn vị", "(Kèm theo Tờ trình số 05/TTr-BQLKKT ngày 05 tháng 01 năm 2026)",
                  landscape=True),
            Table((Column("STT", 0.7, "center"), Column("Đơn vị", 5), Column("Ghi chú", 3)),
                  tuple((str(i), LONG_UNIT, LONG_ACHIEVEMENT) for i in range(1, 4))))
    return doc


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from thidua_desktop.documents.docx_render import write_docx
    from thidua_desktop.documents.pdf_render import write_pdf

    folder = tmp_path_factory.mktemp("engine")
    doc = sample()
    return write_pdf(doc, folder / "mẫu.pdf"), write_docx(doc, folder / "mẫu.docx")


def test_pdf_fields_in_order_and_layout(written: tuple[Path, Path]) -> None:
    pdf, _ = written
    text = pdf_text(pdf)
    left, right = header_columns(pdf)
    assert_in_order(left, [LONG_SUPERIOR.upper(), LONG_UNIT.upper(), "Số: 05/TTr-BQLKKT"])
    assert_in_order(right, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                            "Lai Châu, ngày 05 tháng 01 năm 2026"])
    assert_in_order(text, ["TỜ TRÌNH",
                           "Về việc đề nghị tặng Cờ thi đua", "Kính gửi:", "- Chủ tịch Ủy ban nhân dân tỉnh Lai Châu",
                           "- Sở Nội vụ tỉnh Lai Châu", "Căn cứ Luật Thi đua, khen thưởng",
                           "Căn cứ Nghị định số 152/2025/NĐ-CP", "Thành tích:", "1. Đã có thành tích",
                           "2. Mục thứ hai", "STT", "Tên tập thể, cá nhân"])
    pages = page_sizes_mm(pdf)
    assert len(pages) >= 3
    assert_page_numbers(pdf)
    assert pages[0] == (210, 297) and pages[-1] == (297, 210)
    last = pdf_text(pdf, first=len(pages), last=len(pages))
    assert_in_order(last, ["Phụ lục I", "DANH SÁCH ĐƠN VỊ", "(Kèm theo Tờ trình số 05"])
    assert_in_order(text, ["Nơi nhận:", "- Như trên;", "- Lưu: VT, KTĐ.", "Nguyễn Thị Phương Thảo Nguyên"])
    assert "TM. KHỐI THI ĐUA CÁC CƠ QUAN" in flat(text)
    assert set(assert_fonts_embedded(pdf)) <= {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic",
                                                "LiberationSerif-BoldItalic"}
    assert words_outside_margins(pdf) == []


def test_header_fits_its_columns() -> None:
    """Quốc hiệu at 12 pt bold fits the right column; the Tiêu ngữ rule is as long as its text."""
    width = layout.text_width_mm(False) * (1 - layout.HEADER_LEFT_SHARE) * layout.MM
    assert string_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=layout.HEADER, bold=True) < width


def test_docx_same_text_and_layout(written: tuple[Path, Path]) -> None:
    from docx import Document as open_docx
    from docx.shared import Mm

    _, path = written
    word = open_docx(str(path))
    first, wide = word.sections[0], word.sections[-1]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert (round(wide.page_width.mm), round(wide.page_height.mm)) == (297, 210)
    assert abs(first.left_margin - Mm(30)) < Mm(0.1) and abs(first.right_margin - Mm(15)) < Mm(0.1)
    assert abs(first.top_margin - Mm(20)) < Mm(0.1)
    assert first.different_first_page_header_footer
    assert not first.first_page_header.paragraphs[0].text  # nothing on page 1
    header_xml = first.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    assert word.styles["Normal"].font.name == "Times New Roman"
    head = word.tables[0]
    assert head.cell(0, 0).text.split("\n")[:2] == [LONG_SUPERIOR.upper(), LONG_UNIT.upper()]
    assert head.cell(0, 1).text.split("\n")[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert head.cell(1, 0).text == "Số: 05/TTr-BQLKKT"
    assert head.cell(1, 1).text == "Lai Châu, ngày 05 tháng 01 năm 2026"
    assert "w:val=\"nil\"" in head._tbl.xml  # no borders
    body = [p.text for p in word.paragraphs if p.text]
    assert_in_order("\n".join(body), ["TỜ TRÌNH", "Về việc đề nghị tặng Cờ thi đua", "Kính gửi:",
                                       "Căn cứ Luật Thi đua", "Thành tích:", "1. Đã có thành tích", "2. Mục thứ hai",
                                       "Phụ lục I", "DANH SÁCH ĐƠN VỊ"])
    grid = word.tables[1]
    assert [c.text for c in grid.rows[0].cells] == ["STT", "Tên tập thể, cá nhân", "Thành tích", "Điểm"]
    assert "tblHeader" in grid.rows[0]._tr.xml
    with zipfile.ZipFile(path) as z:
        assert "Nơi nhận:" in z.read("word/document.xml").decode()


def test_kept_blocks_and_sheets_without_page_numbers(tmp_path: Path) -> None:
    """Ballots: each kept on one page, a dashed cut line between them, no page numbers."""
    from docx import Document as open_docx

    from thidua_desktop.documents.docx_render import write_docx
    from thidua_desktop.documents.model import CutLine, Keep
    from thidua_desktop.documents.pdf_render import write_pdf

    ballot = Keep((Title("Phiếu bầu", "Suy tôn " + LONG_UNIT),
                   Table((Column("STT", 0.7, "center"), Column("Tên đơn vị", 6)),
                         tuple((str(i), LONG_UNIT) for i in range(1, 9)), size=14)))
    doc = Document(None, [ballot, CutLine()] * 7, page_numbers=False)
    pdf = write_pdf(doc, tmp_path / "phiếu.pdf")
    pages = len(page_sizes_mm(pdf))
    assert 2 <= pages < 7
    for n in range(1, pages + 1):  # every ballot whole on its page, nothing in the top margin
        page = pdf_text(pdf, first=n, last=n)
        assert page.count("PHIẾU BẦU") == page.count("Suy tôn") == flat(page).count(" 8 ")
        assert top_margin_text(pdf, n) == ""
    word = open_docx(str(write_docx(doc, tmp_path / "phiếu.docx")))
    assert "PAGE" not in word.sections[0].header._element.xml
    body = word.element.body.xml
    assert body.count("<w:keepNext/>") >= 7 * 10 and 'w:val="dashed"' in body


@pytest.mark.parametrize("ending", ["paragraph", "table"])
def test_signatures_never_stand_alone_on_a_page(tmp_path: Path, ending: str) -> None:
    """Whatever the length of the text, the last paragraph (or the last table row) goes over
    to the signatures' page with them."""
    from thidua_desktop.documents.pdf_render import write_pdf

    signer = Signatures((Signer("Trưởng khối", "Lường Văn Dũng", prefix="TM. Khối thi đua"),),
                        recipients=("Lưu: VT.",))
    for n in range(14, 40, 2):
        body: list = [Para(LONG_ACHIEVEMENT) for _ in range(n // 2)]
        if ending == "paragraph":
            body += [Para(LONG_ACHIEVEMENT) for _ in range(n // 3)] + [Para("Kết thúc văn bản./.")]
            last = "Kết thúc văn bản./."
        else:
            body.append(Table((Column("STT", 0.7, "center"), Column("Nội dung", 8)),
                              tuple((str(i), f"Dòng số {i}") for i in range(1, n + 1))))
            last = f"Dòng số {n}"
        pdf = write_pdf(Document(None, [*body, signer]), tmp_path / f"{ending}{n}.pdf")
        pages = len(page_sizes_mm(pdf))
        signed = next(p for p in range(1, pages + 1) if "TRƯỞNG KHỐI" in pdf_text(pdf, first=p, last=p))
        assert last in flat(pdf_text(pdf, first=signed, last=signed)), (ending, n)
