"""Every document of a year from the demo bloc: fields and their order in the PDF text, embedded
fonts, A4 pages, page numbers from page 2, margins, the .docx read back; the catalogue; issuing
with numbers from the series; templates a user adjusts."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from document_checks import (
    assert_fonts_embedded,
    assert_in_order,
    assert_page_numbers,
    flat,
    header_columns,
    page_sizes_mm,
    top_margin_text,
    pdf_text,
    words_outside_margins,
)
from sqlalchemy import select

from thidua_desktop.db.models import (
    Commendation,
    Covenant,
    DocumentSeries,
    IssuedDocument,
    Meeting,
    Proposal,
    Unit,
    VoteCounter,
)
from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.domain.enums import MeetingKind, ProposalStatus
from thidua_desktop.services import units
from thidua_desktop.services.document_templates import (
    TemplateError,
    default_template,
    effective_template,
    fill,
    reset_template,
    save_template,
)
from thidua_desktop.services.documents import (
    CATALOGUE,
    available_documents,
    commendation_awards,
    next_number_text,
    produce,
)
from thidua_desktop.services.issuing import issued_documents
from thidua_desktop.services.workspace import ChangeRefused, Workspace
from thidua_desktop.services.years import create_year, update_year, year_id_of

DAY = date(2025, 12, 20)
# key → (its title as printed, whether it takes a number)
KINDS = {"giao_uoc": ("GIAO ƯỚC THI ĐUA NĂM 2025", True),
         "dang_ky": ("BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2025", False),
         "bb_ky_ket": ("BIÊN BẢN", True), "bb_so_ket": ("BIÊN BẢN", True), "bb_tong_ket": ("BIÊN BẢN", True),
         "bb_kiem_phieu": ("BIÊN BẢN KIỂM PHIẾU", True), "phieu_bau": ("PHIẾU BẦU", False),
         "to_trinh": ("TỜ TRÌNH", True), "bang_diem": ("BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA", False),
         "bao_cao": ("BÁO CÁO", True),
         "danh_sach_khen": ("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2025", False)}
LONG_UNIT = "Ban Quản lý các khu công nghiệp và khu kinh tế cửa khẩu tỉnh Lai Châu"
LONG_ACHIEVEMENT = ("Đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị, chuyên môn năm 2025, góp phần vào "
                    "sự nghiệp xây dựng và bảo vệ Tổ quốc, đẩy mạnh thu hút đầu tư vào các khu công nghiệp, khu kinh "
                    "tế cửa khẩu Ma Lù Thàng và phát triển kinh tế – xã hội của tỉnh")


@pytest.fixture(scope="module")
def module_ws(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("docs") / "demo.thidua"
    shutil.copyfile(_demo_template, path)
    workspace = Workspace(open_workbook(path, operator="Thư ký"), operator="Thư ký")
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def produced(module_ws: Workspace, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every document of 2025 as a preview, into one folder."""
    folder = tmp_path_factory.mktemp("out")
    year_id = year_id_of(module_ws, 2025)
    return {key: produce(module_ws, year_id, key, folder, on=DAY) for key in CATALOGUE}


def _meeting(ws: Workspace, year: int, kind: MeetingKind) -> Meeting:
    year_id = year_id_of(ws, year)
    with ws.read() as s:
        return s.scalars(select(Meeting).where(Meeting.year_id == year_id, Meeting.kind == kind)).one()


def test_catalogue_says_what_is_missing(module_ws: Workspace) -> None:
    ready = available_documents(module_ws, year_id_of(module_ws, 2025))
    assert [k.key for k in ready] == list(CATALOGUE) and all(k.missing is None for k in ready)
    assert {k.key for k in ready if k.landscape} == {"dang_ky", "bang_diem", "danh_sach_khen"}
    current = {k.key: k.missing for k in available_documents(module_ws, year_id_of(module_ws, 2026))}
    assert current["bb_tong_ket"] == "Chưa có cuộc họp tổng kết"
    assert current["to_trinh"] == "Chưa có cuộc họp tổng kết"
    assert current["bb_so_ket"] is None and current["giao_uoc"] is None
    with pytest.raises(ChangeRefused, match="Chưa có cuộc họp tổng kết"):
        produce(module_ws, year_id_of(module_ws, 2026), "bb_tong_ket", Path("/nonexistent"))


@pytest.mark.parametrize("key", list(CATALOGUE))
def test_every_document_is_a4_embedded_numbered_and_inside_its_margins(produced: dict, key: str) -> None:
    doc = produced[key]
    pages = page_sizes_mm(doc.pdf_path)
    landscape = CATALOGUE[key].landscape
    assert pages[0] == ((297, 210) if landscape else (210, 297))
    assert doc.page_size == ("A4 ngang" if landscape else "A4 dọc")
    assert all(p in ((210, 297), (297, 210)) for p in pages)
    assert_fonts_embedded(doc.pdf_path)
    if key == "phieu_bau":  # sheets of ballots to cut apart carry no page numbers
        assert all(top_margin_text(doc.pdf_path, n) == "" for n in range(1, len(pages) + 1))
    else:
        assert_page_numbers(doc.pdf_path)
    assert words_outside_margins(doc.pdf_path) == []
    assert doc.number_text is None and doc.issued_id is None
    title, numbered = KINDS[key]
    assert CATALOGUE[key].docx and default_template(key).numbered == numbered
    word = _docx_text(doc.docx_path)
    assert title in pdf_text(doc.pdf_path).splitlines() and title in word.splitlines()
    if key != "phieu_bau":
        left, right = header_columns(doc.pdf_path)
        assert ("Số:" in left) == numbered and ("Số:" in word) == numbered
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in word


def _docx_text(path: Path) -> str:
    from docx import Document as open_docx

    word = open_docx(str(path))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_year_end_minutes_follow_mau_1_9(module_ws: Workspace, produced: dict) -> None:
    meeting = _meeting(module_ws, 2025, MeetingKind.YEAR_END)
    doc = produced["bb_tong_ket"]
    left, right = header_columns(doc.pdf_path)
    assert "/BB-" in left and "ngày" not in right  # Mẫu 1.9 has no place and date line
    text = pdf_text(doc.pdf_path)
    guests = meeting.guests.splitlines()
    order = ["BIÊN BẢN", meeting.title[:40], "Thời gian bắt đầu:", "08 giờ 00 phút, ngày 17 tháng 12 năm 2025",
             "Địa điểm:", meeting.place[:30], "Thành phần tham dự:", "có mặt 09/09 đơn vị", "Đại biểu mời:",
             f"- {guests[0]}", "Đại diện các đơn vị thành viên:", "Có mặt",
             "Chủ trì (chủ tọa):", f"Đồng chí {meeting.chair_name} – {meeting.chair_post}",
             "Thư ký (người ghi biên bản):", f"Đồng chí {meeting.secretary_name}",
             "Nội dung (theo diễn biến cuộc họp):", "Chương trình hội nghị:",
             "Thông qua kết quả chấm điểm thi đua năm 2025", "Tự chấm", "Thẩm định", "Kết quả", "Xếp hạng",
             "Kết quả bình xét, bỏ phiếu suy tôn:", "Cờ thi đua của Ủy ban nhân dân tỉnh",
             "Số phiếu phát ra: 09; số phiếu thu về: 09; số phiếu hợp lệ: 09; số phiếu không hợp lệ: 00.",
             "77,78%", "Đạt", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (bỏ phiếu lần 2)",
             "Hội nghị thống nhất đề nghị khen thưởng:", "Hình thức khen thưởng",
             "Hội nghị thống nhất bầu Báo Lai Châu làm đơn vị Trưởng khối",
             "Cuộc họp kết thúc vào 11 giờ 15 phút, ngày 17 tháng 12 năm 2025",
             "THƯ KÝ", "CHỦ TỌA", meeting.secretary_name, meeting.chair_name, "Nơi nhận:", "- Lưu: VT, Hồ sơ."]
    assert_in_order(text, order)
    word = _docx_text(doc.docx_path)
    assert_in_order(word, ["BIÊN BẢN", "Thời gian bắt đầu:", "Địa điểm:", "Thành phần tham dự:", "Chủ trì (chủ tọa):",
                           "Thư ký (người ghi biên bản):", "Nội dung (theo diễn biến cuộc họp):",
                           "Cuộc họp kết thúc vào 11 giờ 15 phút"])
    assert "77,78%" in word and meeting.chair_name in word and "Nơi nhận:" in word


def test_covenant_signing_and_mid_year_minutes(module_ws: Workspace, produced: dict) -> None:
    for key, kind in (("bb_ky_ket", MeetingKind.COVENANT_SIGNING), ("bb_so_ket", MeetingKind.MID_YEAR)):
        meeting = _meeting(module_ws, 2025, kind)
        text = pdf_text(produced[key].pdf_path)
        assert_in_order(text, ["BIÊN BẢN", meeting.title[:40], "Thời gian bắt đầu:", "Địa điểm:", "Thành phần tham dự:",
                               "Chủ trì (chủ tọa):", "Thư ký (người ghi biên bản):",
                               "Nội dung (theo diễn biến cuộc họp):", meeting.minutes[:40], "Cuộc họp kết thúc vào",
                               "THƯ KÝ", "CHỦ TỌA"])
    assert "Kết quả chấm điểm thi đua 6 tháng đầu năm 2025:" in pdf_text(produced["bb_so_ket"].pdf_path)


def test_vote_counting_minutes_and_ballots(module_ws: Workspace, produced: dict) -> None:
    meeting = _meeting(module_ws, 2025, MeetingKind.YEAR_END)
    with module_ws.read() as s:
        team = s.scalars(select(VoteCounter).where(VoteCounter.meeting_id == meeting.id)
                         .order_by(VoteCounter.position)).all()
    text = pdf_text(produced["bb_kiem_phieu"].pdf_path)
    assert_in_order(text, ["BIÊN BẢN KIỂM PHIẾU", "Thời gian bắt đầu:", "Địa điểm:", "Ban kiểm phiếu gồm:",
                           f"1. {team[0].full_name}", f"2. {team[1].full_name}",
                           "Cờ thi đua của Ủy ban nhân dân tỉnh", "Số phiếu phát ra: 09", "số phiếu hợp lệ: 09",
                           "(chọn 02)", "Ban Nội chính Tỉnh ủy", "77,78%", "Đạt", "88,89%", "11,11%", "Không đạt",
                           "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Việc kiểm phiếu kết thúc vào",
                           "BAN KIỂM PHIẾU", "TRƯỞNG BAN", team[0].full_name])
    ballots = produced["phieu_bau"].pdf_path
    # two awards, the second voted twice; 9 ballots issued each time, three to a page
    assert len(page_sizes_mm(ballots)) == 9 and pdf_text(ballots).count("PHIẾU BẦU") == 27
    assert_in_order(pdf_text(ballots), [
        "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH LAI CHÂU", "PHIẾU BẦU",
        "Suy tôn đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh năm 2025", "không quá 02 đơn vị",
        "1", "Ban Nội chính Tỉnh ủy", "PHIẾU BẦU", "Bằng khen của Chủ tịch", "(Bỏ phiếu lần 2)"])


def test_submission_lists_every_proposal_under_its_bases(module_ws: Workspace, produced: dict) -> None:
    year_id = year_id_of(module_ws, 2025)
    with module_ws.read() as s:
        names = [s.get(Unit, p.unit_id).official_name for p in s.scalars(
            select(Proposal).where(Proposal.year_id == year_id, Proposal.unit_id.is_not(None))
            .order_by(Proposal.award_type_id, Proposal.position))][:2]
    text = pdf_text(produced["to_trinh"].pdf_path)
    left, right = header_columns(produced["to_trinh"].pdf_path)
    assert "Lai Châu, ngày 20 tháng 12 năm 2025" in right and "/TTr-" in left
    assert_in_order(text, ["TỜ TRÌNH", "Về việc đề nghị khen thưởng", "Kính gửi:",
                           "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu", "Sở Nội vụ tỉnh Lai Châu",
                           "Căn cứ Luật Thi đua, khen thưởng", "2022;",
                           "Căn cứ Biên bản hội nghị tổng kết, bình xét thi đua năm 2025", "ngày 17 tháng 12 năm 2025.",
                           "kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh", "1. Cờ thi đua của Ủy ban nhân dân tỉnh: 02",
                           "2. Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", names[0][:20], names[1][:20], "kính trình",
                           "Nơi nhận:", "- Như trên;", "TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI"])
    assert "ngày ngày" not in text
    assert_in_order(_docx_text(produced["to_trinh"].docx_path), ["TỜ TRÌNH", "Kính gửi:", "Căn cứ", names[0]])


def test_covenant_has_its_score_table_annex_and_every_head(module_ws: Workspace, produced: dict) -> None:
    year_id = year_id_of(module_ws, 2025)
    with module_ws.read() as s:
        covenant = s.scalars(select(Covenant).where(Covenant.year_id == year_id)).one()
        heads = [x.signer_name for x in covenant.signatories]
    text = pdf_text(produced["giao_uoc"].pdf_path)
    assert_in_order(text, ["GIAO ƯỚC THI ĐUA NĂM 2025", "Căn cứ", covenant.content.splitlines()[0][:40],
                           covenant.content.splitlines()[1][:30], "cam kết", "ĐẠI DIỆN CÁC ĐƠN VỊ THÀNH VIÊN KÝ GIAO ƯỚC", "Phụ lục",
                           "BẢNG ĐIỂM THI ĐUA NĂM 2025", "(Kèm theo Giao ước thi đua số", "Nội dung tiêu chí",
                           "TỔNG CỘNG", "100"])
    assert all(name in text for name in heads) and len(heads) == 9
    assert "Thực hiện phong trào thi đua năm 2025" not in text  # the template's opening only stands in
    assert "TRƯỞNG BAN" in text and "CHÁNH VĂN PHÒNG" in text


def test_tables_report_and_lists(module_ws: Workspace, produced: dict) -> None:
    summary = pdf_text(produced["bang_diem"].pdf_path)
    assert_in_order(summary, ["BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA", "Tổng kết năm 2025", "Hạng", "Đơn vị",
                              "Ban Nội chính Tỉnh ủy", "102,77", "TRƯỞNG KHỐI"])
    report = pdf_text(produced["bao_cao"].pdf_path)
    assert_in_order(report, ["BÁO CÁO", "Tổng kết công tác thi đua, khen thưởng năm 2025", "Kính gửi:",
                             "I. ĐẶC ĐIỂM TÌNH HÌNH", "gồm 9 đơn vị thành viên", "II. KẾT QUẢ THỰC HIỆN",
                             "Có 9/9 đơn vị đăng ký thi đua", "ngày 16 tháng 01 năm 2025", "100 điểm",
                             "đơn vị dẫn đầu là Ban Nội chính Tỉnh ủy với 102,77 điểm", "3. Bình xét",
                             "đề nghị khen thưởng 05 tập thể, cá nhân", "4. Khen thưởng năm 2025",
                             "III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
                             "đơn vị Trưởng khối là Báo Lai Châu", "Nơi nhận:"])
    registration = pdf_text(produced["dang_ky"].pdf_path)
    assert_in_order(registration, ["BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2025", "9/9 đơn vị", "Ngày nhận",
                                   "Phấn đấu"])
    assert "Ban Bảo vệ" in registration and "Chỉ tiêu, nhiệm vụ" in registration
    awards = pdf_text(produced["danh_sach_khen"].pdf_path)
    assert_in_order(awards, ["DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2025",
                             "Tất cả các hình thức khen thưởng", "Số, ngày quyết định", "QĐ"])
    only = produce(module_ws, year_id_of(module_ws, 2025), "danh_sach_khen", produced["bao_cao"].pdf_path.parent /
                   "cờ.pdf", award_code="CO_TINH", docx=False)
    flag = pdf_text(only.pdf_path)
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh" in flag and "Lao động tiên tiến" not in flag
    assert only.docx_path is None


def test_issuing_numbers_records_and_hashes(ws: Workspace, tmp_path: Path) -> None:
    year_id = year_id_of(ws, 2026)
    preview = produce(ws, year_id, "bb_so_ket", tmp_path / "xem")
    assert preview.number_text is None
    assert next_number_text(ws, year_id, "bb_so_ket") == "01/BB-BLC"
    assert next_number_text(ws, year_id, "bang_diem") is None
    first = produce(ws, year_id, "bb_so_ket", tmp_path, issue=True)
    assert first.number_text == "01/BB-BLC"
    left, _ = header_columns(first.pdf_path)
    assert "Số: 01/BB-BLC" in left
    assert first.sha256 == hashlib.sha256(first.pdf_path.read_bytes()).hexdigest()
    produce(ws, year_id, "bb_so_ket", tmp_path / "xem2")  # a preview in between takes no number
    second = produce(ws, year_id, "bb_ky_ket", tmp_path, issue=True, number=2)  # the dialog's default
    assert second.number_text == "02/BB-BLC"
    manual = produce(ws, year_id, "bb_so_ket", tmp_path, issue=True, number=7)
    assert manual.number_text == "07/BB-BLC"
    with pytest.raises(ChangeRefused, match="Số 07/BB-BLC đã cấp cho"):
        produce(ws, year_id, "bb_so_ket", tmp_path / "trùng", issue=True, number=7)
    assert not list((tmp_path / "trùng").glob("*"))
    after = produce(ws, year_id, "giao_uoc", tmp_path, issue=True)
    assert after.number_text == "01/GƯ-BLC"
    meeting = _meeting(ws, 2026, MeetingKind.MID_YEAR)
    with ws.read() as s:
        rows = s.scalars(select(IssuedDocument).order_by(IssuedDocument.id)).all()
        series = s.scalars(select(DocumentSeries).where(DocumentSeries.doc_type == "BB")).one()
    assert [r.number_text for r in rows] == ["01/BB-BLC", "02/BB-BLC", "07/BB-BLC", "01/GƯ-BLC"]
    assert [r.manual_number for r in rows] == [False, False, True, False]
    assert series.last_number == 7 and series.calendar_year == 2026
    assert rows[0].issuer_name == "Báo Lai Châu" and rows[0].signer_name == meeting.chair_name
    assert rows[0].file_name == first.pdf_path.name and rows[0].sha256 == first.sha256
    assert rows[0].recipients[-1] == "Lưu: VT, Hồ sơ." and rows[0].created_by == "Thư ký"
    assert meeting.document_id == rows[2].id
    assert next_number_text(ws, year_id, "bb_ky_ket") == "08/BB-BLC"
    assert produce(ws, year_id, "bb_so_ket", tmp_path, issue=True).number_text == "08/BB-BLC"
    register = issued_documents(ws, year_id)
    assert [r.number_text for r in register] == ["08/BB-BLC", "07/BB-BLC", "01/BB-BLC", "01/GƯ-BLC", "02/BB-BLC"]
    assert [r.issued_on for r in register][2:] == [date(2026, 7, 17), date(2026, 1, 22), date(2026, 1, 22)]


def test_issuing_in_a_closed_year_is_refused_and_leaves_no_file(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ChangeRefused, match="đã khóa sổ"):
        produce(ws, year_id_of(ws, 2025), "to_trinh", tmp_path / "out", issue=True)
    assert list((tmp_path / "out").glob("*")) == []
    with ws.read() as s:
        assert s.scalars(select(IssuedDocument)).first() is None
        assert all(p.status is not ProposalStatus.SENT for p in s.scalars(select(Proposal)))


def test_a_year_without_leader_can_produce_nothing(ws: Workspace, tmp_path: Path) -> None:
    year_id = create_year(ws, 2027)
    assert {k.missing for k in available_documents(ws, year_id)} == {"Năm này chưa có đơn vị Trưởng khối"}
    with pytest.raises(ChangeRefused, match="Năm 2027 chưa có đơn vị Trưởng khối"):
        produce(ws, year_id, "bao_cao", tmp_path)


def test_commendation_filter_choices(module_ws: Workspace) -> None:
    choices = commendation_awards(module_ws, year_id_of(module_ws, 2025))
    assert ("CO_TINH", "Cờ thi đua của Ủy ban nhân dân tỉnh") in choices and ("LDTT", "Lao động tiên tiến") in choices
    assert len(choices) == len(set(choices))


def test_a_file_that_cannot_be_written_is_a_message(ws: Workspace, tmp_path: Path) -> None:
    year_id = year_id_of(ws, 2026)
    (tmp_path / "chiếm.pdf").mkdir()  # stands where the PDF should go
    with pytest.raises(ChangeRefused, match="Không ghi được tệp “chiếm.pdf”"):
        produce(ws, year_id, "bb_so_ket", tmp_path / "chiếm.pdf", issue=True)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".docx")) == ["chiếm.pdf"]
    assert issued_documents(ws, year_id) == []


def test_the_bloc_as_issuer(ws: Workspace, tmp_path: Path) -> None:
    year_id = year_id_of(ws, 2026)
    update_year(ws, year_id, issuer_mode="bloc")
    out = produce(ws, year_id, "bao_cao", tmp_path, issue=True, on=date(2026, 2, 3))
    left, right = header_columns(out.pdf_path)
    assert_in_order(left, ["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH LAI CHÂU",
                           "Số: 01/BC-KTĐ"])
    assert out.number_text == "01/BC-KTĐ" and "Lai Châu, ngày 03 tháng 02 năm 2026" in right


def test_templates_are_data_the_user_adjusts(ws: Workspace, tmp_path: Path) -> None:
    year_id = year_id_of(ws, 2026)
    spec = effective_template(ws, "bb_so_ket")
    assert not spec.overridden and "{end_time}" in spec.texts["closing"]
    content = spec.content()
    content["texts"]["closing"] = "Hội nghị bế mạc lúc {end_time}, năm {year}./."
    content["recipients"] = ["Thường trực Hội đồng Thi đua – Khen thưởng tỉnh;", "Lưu: VT."]
    save_template(ws, "bb_so_ket", content)
    assert effective_template(ws, "bb_so_ket").overridden
    text = pdf_text(produce(ws, year_id, "bb_so_ket", tmp_path / "a").pdf_path)
    assert_in_order(text, ["Hội nghị bế mạc lúc 11 giờ 30 phút, ngày 17 tháng 7 năm 2026, năm 2026./.",
                           "Nơi nhận:", "- Thường trực Hội đồng Thi đua – Khen thưởng tỉnh;"])
    content["texts"]["closing"] = "Kết thúc lúc {gio_ket_thuc}"
    with pytest.raises(TemplateError, match=r"chỗ điền không dùng được: \{gio_ket_thuc\}"):
        save_template(ws, "bb_so_ket", content)
    content["texts"]["closing"] = "Kết thúc {"
    with pytest.raises(TemplateError, match="ngoặc nhọn không khớp"):
        save_template(ws, "bb_so_ket", content)
    with pytest.raises(TemplateError, match=r"chỗ điền không biết: \{x\.y\}"):
        fill("{x.y}", {"x": 1})
    reset_template(ws, "bb_so_ket")
    assert not effective_template(ws, "bb_so_ket").overridden
    assert "Biên bản đã được đọc lại" in flat(pdf_text(produce(ws, year_id, "bb_so_ket", tmp_path / "b").pdf_path))


def test_longest_names_stay_inside_the_margins(ws: Workspace, tmp_path: Path) -> None:
    """The leader unit and a member renamed to the longest realistic name; every document of
    the year still keeps every word inside the margins."""
    year_id = year_id_of(ws, 2025)
    with ws.read() as s:
        leader_id = s.scalars(select(Meeting.host_unit_id).where(Meeting.year_id == year_id)).first()
        other = s.scalars(select(Unit.id).where(Unit.id != leader_id)).first()
    units.update_unit(ws, leader_id, official_name=LONG_UNIT, superior_body="Ủy ban nhân dân tỉnh Lai Châu")
    units.update_unit(ws, other, official_name="Trung tâm Xúc tiến đầu tư, thương mại và du lịch thuộc "
                                               "Ban Quản lý các khu kinh tế cửa khẩu tỉnh Lai Châu")

    def long_commendation(s) -> None:  # noqa: ANN001 - a Session
        c = s.scalars(select(Commendation).where(Commendation.year == 2025)).first()
        c.recipient_name = "Nguyễn Thị Phương Thảo Nguyên"
        c.recipient_detail = "Phó Trưởng phòng Quản lý doanh nghiệp và lao động, " + LONG_UNIT
        c.achievement = LONG_ACHIEVEMENT

    ws.change("Thành tích dài", long_commendation)
    for key in CATALOGUE:
        out = produce(ws, year_id, key, tmp_path, on=DAY, docx=False)
        assert words_outside_margins(out.pdf_path) == [], key
    assert "Ma Lù Thàng" in pdf_text(produce(ws, year_id, "danh_sach_khen", tmp_path / "k", docx=False).pdf_path)
    left, _ = header_columns(produce(ws, year_id, "to_trinh", tmp_path / "t", docx=False).pdf_path)
    assert " ".join(left.split()).startswith("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU " + LONG_UNIT.upper())


def test_word_copies_open_in_libreoffice_writer(produced: dict, tmp_path: Path) -> None:
    """Each .docx opens in a real word processor: same kind of pages, the same key texts."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; the .docx files were only read back with python-docx")
    sources = [produced[key].docx_path for key in CATALOGUE]
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), *map(str, sources)], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for key, source in zip(CATALOGUE, sources, strict=True):
        pdf = tmp_path / source.with_suffix(".pdf").name
        pages = page_sizes_mm(pdf)
        assert pages[0] == ((297, 210) if CATALOGUE[key].landscape else (210, 297)), key
        text = flat(pdf_text(pdf))
        assert KINDS[key][0] in text, key
        if key != "phieu_bau":
            assert "Độc lập - Tự do - Hạnh phúc" in text and top_margin_text(pdf, 1) == "", key
        if len(pages) > 1 and key != "phieu_bau":
            assert top_margin_text(pdf, 2) == "2", key
