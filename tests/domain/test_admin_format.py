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
