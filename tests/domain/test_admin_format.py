from datetime import date, datetime

from thidua_desktop.domain.admin_format import number_text, place_date, symbol_suffix, time_words


def test_leading_zeros_for_small_days_and_january_february_only() -> None:
    assert place_date("Hưng Yên", date(2026, 1, 5)) == "Hưng Yên, ngày 05 tháng 01 năm 2026"
    assert place_date("Lai Châu", date(2025, 2, 14)) == "Lai Châu, ngày 14 tháng 02 năm 2025"
    assert place_date("Lai Châu", date(2025, 12, 9)) == "Lai Châu, ngày 09 tháng 12 năm 2025"
    assert place_date("Lai Châu", date(2025, 3, 10)) == "Lai Châu, ngày 10 tháng 3 năm 2025"
    assert time_words(datetime(2025, 12, 17, 8, 0)) == "08 giờ 00 phút, ngày 17 tháng 12 năm 2025"


def test_number_and_symbol() -> None:
    assert number_text(5, "BB", "KTĐ") == "05/BB-KTĐ"
    assert number_text(123, "TTr", "vptu") == "123/TTr-VPTU"
    assert symbol_suffix("BC", None) == "BC"


def test_signing_title_drops_the_unit_name_from_the_post() -> None:
    from thidua_desktop.domain.admin_format import signing_title

    assert signing_title("Trưởng Ban Tổ chức Tỉnh ủy", "Ban Tổ chức Tỉnh ủy") == "Trưởng Ban"
    assert signing_title("Chánh Văn phòng Tỉnh ủy", "Văn phòng Tỉnh ủy") == "Chánh Văn phòng"
    assert signing_title("Bí thư Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh",
                         "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh") == "Bí thư"
    assert signing_title("Tổng Biên tập Báo Lai Châu", "Báo Lai Châu") == "Tổng Biên tập"
    assert signing_title("Giám đốc", "Sở Tư pháp") == "Giám đốc"
    assert signing_title("Chủ tịch", "Hội Nông dân") == "Chủ tịch"
