"""Printing certificates from the demo bloc's commendation register: what to print, what each line
says, layout profiles per award and printer, the emblem, and batches with progress and cancel."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from thidua_desktop.db.models import AwardType, Commendation, Person
from thidua_desktop.documents.certificate_layout import A3_LANDSCAPE, A4_LANDSCAPE, VARIABLE_FIELDS
from thidua_desktop.domain.enums import CertificateMode, Gender
from thidua_desktop.services import certificates as cert
from thidua_desktop.services.workspace import ChangeRefused, Workspace

MM = 72 / 25.4
FULL, OVERLAY = CertificateMode.FULL, CertificateMode.OVERLAY


def award_id(ws: Workspace, code: str) -> int:
    with ws.read() as s:
        return s.scalar(select(AwardType.id).where(AwardType.code == code))


def bk_tinh(ws: Workspace, year: int = 2024) -> list[cert.CommendationLine]:
    return cert.commendations_to_print(ws, year=year, award_type_id=award_id(ws, "BK_TINH"))


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_print_list_filters_by_year_award_unit_and_not_yet_printed(ws: Workspace, tmp_path: Path) -> None:
    everything = cert.commendations_to_print(ws)
    year = cert.commendations_to_print(ws, year=2024)
    assert year and all(r.year == 2024 for r in year) and len(year) < len(everything)
    rows = bk_tinh(ws)
    assert rows and all(r.award_name == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" for r in rows)
    assert [r.golden_book_no for r in rows] == sorted(r.golden_book_no for r in rows)  # order of the decision
    with ws.read() as s:
        person = s.scalars(select(Person).where(Person.unit_id.is_not(None))).first()
        unit_id = person.unit_id
        own = {c.id for c in s.scalars(select(Commendation).where(
            (Commendation.unit_id == unit_id) | Commendation.person_id.in_(
                select(Person.id).where(Person.unit_id == unit_id))))}
    assert {r.id for r in cert.commendations_to_print(ws, unit_id=unit_id)} == own

    assert cert.print_batch(ws, [rows[0].id], FULL, "", tmp_path / "one.pdf") is not None
    left = cert.commendations_to_print(ws, year=2024, not_printed=True)
    assert rows[0].id not in {r.id for r in left} and len(left) == len(year) - 1


def test_each_line_comes_from_the_commendation_its_decision_and_award(ws: Workspace) -> None:
    rows = bk_tinh(ws)
    collective = next(r for r in rows if r.collective)
    individual = next(r for r in rows if not r.collective)
    data_c, data_i = cert.certificate_data(ws, [collective.id, individual.id])
    assert data_c.issuer_title == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
    assert (data_c.verb, data_c.award_name) == ("TẶNG", "BẰNG KHEN")
    assert data_c.recipient == collective.recipient_name and data_c.detail == collective.recipient_detail
    assert data_c.achievement.startswith("Đã có thành tích")
    d = collective.decision_date
    assert data_c.decision.startswith(f"Số quyết định: {collective.decision_number}, ngày ")
    assert data_c.decision.endswith(f"năm {d.year}")
    assert data_c.golden_book == f"Số sổ vàng: {collective.golden_book_no:02d}"
    assert data_c.place_date.startswith("Lai Châu, ngày ")
    assert data_c.signer_title in ("CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    assert data_c.signer_name
    with ws.read() as s:
        c = s.get(Commendation, individual.id)
        gender = s.get(Person, c.person_id).gender
    assert data_i.recipient == ("Ông " if gender is Gender.NAM else "Bà ") + individual.recipient_name
    # a title (danh hiệu) reads "TẶNG DANH HIỆU" and its name
    cstdcs = cert.commendations_to_print(ws, year=2024, award_type_id=award_id(ws, "CSTDCS"))[0]
    title = cert.certificate_data(ws, [cstdcs.id])[0]
    assert (title.verb, title.award_name) == ("TẶNG DANH HIỆU", "CHIẾN SĨ THI ĐUA CƠ SỞ")


def test_default_layouts_follow_the_award_bang_khen_a3_others_a4(ws: Workspace) -> None:
    bk = cert.effective_layout(ws, award_id(ws, "BK_TINH"))
    gk = cert.effective_layout(ws, award_id(ws, "GIAY_KHEN"), "Canon LBP", OVERLAY)
    assert (bk.paper_w, bk.paper_h) == A3_LANDSCAPE and (gk.paper_w, gk.paper_h) == A4_LANDSCAPE
    assert set(gk.fields) == set(VARIABLE_FIELDS) and "quoc_hieu" in bk.fields
    assert cert.list_profiles(ws) == []


def test_moved_fields_and_offsets_are_saved_per_award_and_printer_and_undoable(ws: Workspace, tmp_path: Path) -> None:
    bk = award_id(ws, "BK_TINH")
    cert.move_field(ws, bk, "Canon LBP", OVERLAY, "recipient", x=60.0, y=120.0, w=300.0, h=20.0)
    cert.set_offset(ws, bk, "Canon LBP", 2.5, -1.0)
    layout = cert.effective_layout(ws, bk, "Canon LBP", OVERLAY)
    assert (layout.fields["recipient"].x, layout.fields["recipient"].y) == (60.0, 120.0)
    assert (layout.offset_x, layout.offset_y) == (2.5, -1.0)
    assert cert.effective_layout(ws, bk, "HP LaserJet", OVERLAY).offset_x == 0.0  # another printer: default
    [profile] = cert.list_profiles(ws)
    assert (profile.printer_name, profile.mode, profile.offset_x) == ("Canon LBP", OVERLAY, 2.5)

    rows = bk_tinh(ws)
    result = cert.print_batch(ws, [rows[0].id], OVERLAY, "Canon LBP", tmp_path / "phoi.pdf", mark_printed=False)
    assert result is not None and result.pages == 1
    html = subprocess.run(["pdftotext", "-bbox", str(result.path), "-"], capture_output=True, text=True,
                          check=True).stdout
    first = rows[0].recipient_name.split()[0]
    match = re.search(rf'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{first}</word>', html)
    assert match is not None
    assert float(match[1]) >= (60 + 2.5) * MM - 0.5
    assert (120 - 1) * MM - 0.5 <= float(match[2]) and float(match[3]) <= (140 - 1) * MM + 0.5
    assert "CỘNG HÒA" not in text_of(result.path)

    ws.undo()
    assert cert.effective_layout(ws, bk, "Canon LBP", OVERLAY).offset_x == 0.0
    assert cert.effective_layout(ws, bk, "Canon LBP", OVERLAY).fields["recipient"].x == 60.0
    cert.reset_layout(ws, bk, "Canon LBP", OVERLAY)
    assert cert.list_profiles(ws) == []


def test_impossible_layouts_are_refused_in_vietnamese(ws: Workspace) -> None:
    gk = award_id(ws, "GIAY_KHEN")
    with pytest.raises(ChangeRefused, match="ra ngoài khổ giấy"):
        cert.move_field(ws, gk, "", FULL, "recipient", x=250.0)
    with pytest.raises(ChangeRefused, match="in sẵn trên phôi"):
        cert.move_field(ws, gk, "", OVERLAY, "quoc_hieu", x=10.0)
    with pytest.raises(ChangeRefused, match="Độ lệch"):
        cert.set_offset(ws, gk, "Canon", 45.0, 0.0)
    assert cert.list_profiles(ws) == []


def test_paper_size_is_configurable(ws: Workspace, tmp_path: Path) -> None:
    bk = award_id(ws, "BK_TINH")
    cert.set_paper(ws, bk, "", FULL, 400.0, 300.0)
    result = cert.print_batch(ws, [bk_tinh(ws)[0].id], FULL, "", tmp_path / "bk.pdf", mark_printed=False)
    page = PdfReader(result.path).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((400 * MM, 300 * MM), abs=0.01)


def test_the_emblem_can_be_replaced_and_a_bad_file_is_refused(ws: Workspace, tmp_path: Path) -> None:
    bk = award_id(ws, "BK_TINH")
    bad = tmp_path / "biểu tượng.png"
    bad.write_text("không phải ảnh")
    with pytest.raises(ChangeRefused, match="PNG hoặc JPEG") as refused:
        cert.set_emblem(ws, bk, bad)
    assert "biểu tượng.png" in refused.value.message
    good = tmp_path / "logo.png"
    Image.new("RGBA", (200, 200), (200, 20, 40, 255)).save(good)
    cert.set_emblem(ws, bk, good)
    assert cert.effective_layout(ws, bk).emblem_png is not None
    assert cert.effective_layout(ws, bk, "Canon", OVERLAY).emblem_png is not None
    result = cert.print_batch(ws, [bk_tinh(ws)[0].id], FULL, "", tmp_path / "bk.pdf", mark_printed=False)
    xobjects = PdfReader(result.path).pages[0]["/Resources"]["/XObject"].values()
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects)
    cert.clear_emblem(ws, bk)
    assert cert.effective_layout(ws, bk).emblem_png is None


def test_a_batch_is_one_pdf_with_progress_and_marks_what_it_printed(ws: Workspace, tmp_path: Path) -> None:
    rows = cert.commendations_to_print(ws, year=2024)
    ids = [r.id for r in rows]
    calls: list[tuple[int, int]] = []
    folder = tmp_path / "in"
    folder.mkdir()
    result = cert.print_batch(ws, ids, FULL, "", folder / "2024.pdf", progress=lambda d, t, _name: calls.append((d, t)) is None)
    assert result is not None and result.pages == len(ids)
    assert calls == [(i, len(ids)) for i in range(1, len(ids) + 1)]
    reader = PdfReader(result.path)
    assert len(reader.pages) == len(ids)
    sizes = {(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in reader.pages}
    assert sizes == {(420, 297), (297, 210)}
    text = text_of(result.path)
    for r in rows:
        assert r.recipient_name in text
    with ws.read() as s:
        assert all(s.get(Commendation, i).printed_at is not None for i in ids)
    assert list(folder.iterdir()) == [result.path]  # no temporary file left
    assert ws.undo_text == f"In {len(ids)} bằng khen, giấy khen"


def test_a_cancelled_batch_leaves_no_file_and_marks_nothing(ws: Workspace, tmp_path: Path) -> None:
    ids = [r.id for r in cert.commendations_to_print(ws, year=2024)]
    done: list[int] = []
    folder = tmp_path / "in"
    folder.mkdir()
    out = folder / "huy.pdf"
    result = cert.print_batch(ws, ids, FULL, "", out, progress=lambda d, t, _name: done.append(d) or len(done) < 3)
    assert result is None and done == [1, 2, 3]
    assert list(folder.iterdir()) == []
    with ws.read() as s:
        assert all(s.get(Commendation, i).printed_at is None for i in ids)
    assert ws.undo_text is None


def test_calibration_page_uses_the_profile_paper_and_offset(ws: Workspace, tmp_path: Path) -> None:
    bk = award_id(ws, "BK_TINH")
    cert.set_offset(ws, bk, "Canon LBP", -1.5, 2.0)
    pdf = cert.print_calibration(ws, bk, "Canon LBP", tmp_path / "cal.pdf")
    page = PdfReader(pdf).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((420 * MM, 297 * MM), abs=0.01)
    assert "Độ lệch đang áp dụng: X = -1.5 mm; Y = 2 mm." in text_of(pdf)


def test_printing_nothing_is_refused(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ChangeRefused, match="Chưa chọn"):
        cert.print_batch(ws, [], FULL, "", tmp_path / "x.pdf")


def test_the_layout_editor_preview_outlines_each_box_and_saves_nothing(ws: Workspace, tmp_path: Path) -> None:
    gk = award_id(ws, "GIAY_KHEN")  # nobody in the demo has a Giấy khen: sample lines
    layout = cert.effective_layout(ws, gk, "Canon LBP", OVERLAY)
    moved = layout.with_field("recipient", replace(layout.fields["recipient"], y=70.0))
    pdf = cert.preview_layout(ws, gk, moved, tmp_path / "xem.pdf")
    text = text_of(pdf)
    assert "Tên tập thể, cá nhân (30; 70 mm)" in text and "Tên tập thể hoặc cá nhân được khen thưởng" in text
    assert "Số sổ vàng (22; 177.5 mm)" in text
    bk = award_id(ws, "BK_TINH")
    real = cert.preview_layout(ws, bk, cert.effective_layout(ws, bk), tmp_path / "bk.pdf", show_boxes=False)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU" in text_of(real) and "(30; " not in text_of(real)
    assert cert.list_profiles(ws) == [] and ws.undo_text is None


def test_the_filters_offer_the_years_and_awards_of_the_register(ws: Workspace) -> None:
    filters = cert.print_filters(ws)
    rows = cert.commendations_to_print(ws)
    assert filters.years == sorted({r.year for r in rows}, reverse=True)
    assert {name for _id, name in filters.awards} == {r.award_name for r in rows}
    assert (award_id(ws, "BK_TINH"), "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh") in filters.awards


def test_a_folder_that_cannot_be_written_is_a_vietnamese_message(ws: Workspace, tmp_path: Path) -> None:
    rows = bk_tinh(ws)
    with pytest.raises(ChangeRefused, match="Không ghi được tệp “bk.pdf”"):
        cert.print_batch(ws, [rows[0].id], FULL, "", tmp_path / "không có" / "bk.pdf")
    with ws.read() as s:
        assert s.get(Commendation, rows[0].id).printed_at is None
