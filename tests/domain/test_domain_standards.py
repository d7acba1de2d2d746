"""History-based standards of a collective: consecutive years, the award the window starts
after, and the flags and certificates counted inside it."""

from __future__ import annotations

from thidua_desktop.domain.enums import AwardLevel, CompletionLevel
from thidua_desktop.domain.standards import (
    AwardKind,
    AwardRecord,
    History,
    StaffYear,
    award_kind,
    chain,
    collective_hints,
    excellent_collective,
    merit_province,
)

X, T = CompletionLevel.HTXSNV, CompletionLevel.HTTNV
BK_2019 = AwardRecord(2019, AwardKind.MERIT_PROVINCE, "Bằng khen tỉnh năm 2019")
FLAG_2022 = AwardRecord(2022, AwardKind.FLAG_PROVINCE, "Cờ thi đua tỉnh năm 2022")


def test_five_excellent_years_after_a_certificate_with_a_flag_meet_the_prime_ministers_standard() -> None:
    history = History({y: X for y in range(2019, 2025)}, [BK_2019, FLAG_2022])
    hint = chain(history, 2024, "merit_pm")
    assert hint.met and hint.years == (2020, 2021, 2022, 2023, 2024)
    assert hint.status == ("Đủ điều kiện: sau Bằng khen tỉnh năm 2019, 5 năm liên tục HTXSNV/TTLĐXS (2020–2024), "
                           "trong đó có Cờ thi đua tỉnh năm 2022")
    assert hint.awards == ("Bằng khen tỉnh năm 2019", "Cờ thi đua tỉnh năm 2022")


def test_missing_it_by_one_year() -> None:
    history = History({2019: X, 2020: T, 2021: X, 2022: X, 2023: X, 2024: X}, [BK_2019, FLAG_2022])
    hint = chain(history, 2024, "merit_pm")
    assert not hint.met and hint.years == (2021, 2022, 2023, 2024)
    assert hint.status == ("Còn thiếu: mới có 4 năm liên tục HTXSNV/TTLĐXS sau Bằng khen tỉnh năm 2019 "
                           "(2021–2024), còn thiếu 1 năm")


def test_enough_years_but_no_flag_or_second_certificate() -> None:
    history = History({y: X for y in range(2019, 2025)}, [BK_2019])
    hint = chain(history, 2024, "merit_pm")
    assert not hint.met and "cần 1 Cờ thi đua cấp bộ, tỉnh hoặc 2 Bằng khen cấp bộ, tỉnh; đã có: chưa có" in \
        hint.status


def test_no_earlier_award_means_no_window() -> None:
    hint = chain(History({y: X for y in range(2015, 2025)}), 2024, "labour_3")
    assert not hint.met and hint.status == "Còn thiếu: chưa có Bằng khen của Thủ tướng Chính phủ làm mốc tính"


def test_labour_order_chain_counts_flags_after_the_prime_ministers_certificate() -> None:
    pm = AwardRecord(2018, AwardKind.MERIT_PM, "Bằng khen Thủ tướng năm 2018")
    flags = [AwardRecord(y, AwardKind.FLAG_PROVINCE, f"Cờ tỉnh năm {y}") for y in (2020, 2023)]
    assert chain(History({y: X for y in range(2019, 2024)}, [pm, *flags]), 2023, "labour_3").met
    assert not chain(History({y: X for y in range(2019, 2024)}, [pm, flags[0]]), 2023, "labour_2").met


def test_the_excellent_collective_title_counts_as_an_excellent_year() -> None:
    titles = [AwardRecord(y, AwardKind.EXCELLENT_COLLECTIVE, f"TTLĐXS {y}") for y in (2023, 2024)]
    assert merit_province(History({2023: T, 2024: T}, titles), 2024).met
    hint = merit_province(History({2023: T, 2024: X}), 2024)
    assert not hint.met and hint.status == "Còn thiếu: năm 2023: HTTNV, chưa đạt HTXSNV/TTLĐXS"


def test_excellent_collective_needs_its_people() -> None:
    history = History({2024: X})
    assert excellent_collective(history, 2024, StaffYear(10, 10, 7, 1)).met
    hint = excellent_collective(history, 2024, StaffYear(10, 9, 6, 0))
    assert hint.status == ("Còn thiếu: 1/10 người chưa hoàn thành nhiệm vụ; Lao động tiên tiến 6/10 người, dưới "
                           "70%; chưa có Chiến sĩ thi đua cơ sở")
    assert len(collective_hints(history, 2024, StaffYear(10, 10, 7, 1))) == 6


def test_catalogue_codes_are_classified() -> None:
    assert award_kind("CO_TINH", AwardLevel.BO_TINH) is AwardKind.FLAG_PROVINCE
    assert award_kind("BK_BO", AwardLevel.BO_TINH) is AwardKind.MERIT_PROVINCE
    assert award_kind("BK_TTG", AwardLevel.CHINH_PHU) is AwardKind.MERIT_PM
    assert award_kind("GIAY_KHEN", AwardLevel.CO_SO) is AwardKind.OTHER
