"""The wording rules of a certificate's lines (domain.md 2.3)."""

from __future__ import annotations

from datetime import date

import pytest

from thidua_desktop.documents.certificate_data import (
    award_heading,
    decision_line,
    golden_book_line,
    place_date_line,
    place_of,
    signer_title,
)


@pytest.mark.parametrize(("issuer", "post", "title"), [
    ("Chủ tịch Ủy ban nhân dân tỉnh Lai Châu", "Chủ tịch Ủy ban nhân dân tỉnh", "CHỦ TỊCH"),
    ("Chủ tịch Ủy ban nhân dân tỉnh Lai Châu", "Phó Chủ tịch Ủy ban nhân dân tỉnh", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
    ("Giám đốc Sở Tư pháp", "Phó Giám đốc Sở Tư pháp", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"),
    ("Trưởng Ban Tổ chức Tỉnh ủy", None, "TRƯỞNG BAN"),
    ("Chánh Văn phòng Tỉnh ủy", None, "CHÁNH VĂN PHÒNG"),
    ("Tổng Biên tập Báo Lai Châu", None, "TỔNG BIÊN TẬP"),
    ("Hiệu trưởng Trường Chính trị tỉnh Lai Châu", None, "HIỆU TRƯỞNG"),
    ("Ban Tổ chức Trung ương", None, "BAN TỔ CHỨC TRUNG ƯƠNG"),
])
def test_the_signer_title_is_the_head_title_with_kt_for_a_deputy(issuer: str, post: str | None, title: str) -> None:
    assert signer_title(issuer, post) == title


def test_forms_read_tang_and_titles_read_tang_danh_hieu() -> None:
    assert award_heading("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", False) == ("TẶNG", "BẰNG KHEN")
    assert award_heading("Giấy khen", False) == ("TẶNG", "GIẤY KHEN")
    assert award_heading("Chiến sĩ thi đua cơ sở", True) == ("TẶNG DANH HIỆU", "CHIẾN SĨ THI ĐUA CƠ SỞ")


def test_decision_golden_book_and_place_lines() -> None:
    assert decision_line("820/QĐ-UBND", date(2026, 2, 9)) == "Số quyết định: 820/QĐ-UBND, ngày 09 tháng 02 năm 2026"
    assert decision_line(None, None) == "Số quyết định: ……, ngày …… tháng …… năm ……"
    assert golden_book_line(7) == "Số sổ vàng: 07" and golden_book_line(123) == "Số sổ vàng: 123"
    assert place_date_line("Lai Châu", date(2025, 3, 17)) == "Lai Châu, ngày 17 tháng 3 năm 2025"
    assert place_date_line(None, date(2025, 3, 17)) == "Ngày 17 tháng 3 năm 2025"


@pytest.mark.parametrize(("issuer", "place"), [
    ("Chủ tịch Ủy ban nhân dân tỉnh Lai Châu", "Lai Châu"),
    ("Chủ tịch Ủy ban nhân dân thành phố Hải Phòng", "Hải Phòng"),
    ("Trưởng Ban Tổ chức Tỉnh ủy", "Điện Biên"),  # the bloc's province
    ("Văn phòng Trung ương Đảng", "Hà Nội"),
    ("Thủ tướng Chính phủ", "Hà Nội"),
    ("Bộ trưởng Bộ Tư pháp", "Hà Nội"),
])
def test_the_place_is_where_the_issuer_sits(issuer: str, place: str) -> None:
    assert place_of(issuer, "Điện Biên") == place
