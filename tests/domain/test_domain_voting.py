"""Counting a ballot: thresholds, impossible tallies, ties at the last place, second rounds, quotas."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from thidua_desktop.domain import defaults
from thidua_desktop.domain.enums import Denominator, TieBreak
from thidua_desktop.domain.voting import (
    Candidate,
    Tally,
    VoteRules,
    count_round,
    quota_limit,
    quota_warning,
    tally_problems,
)

RULES = VoteRules.from_mapping(defaults.VOTING)
UNITS = [Candidate(f"u{i}", name, Decimal(total)) for i, (name, total) in enumerate(
    [("Lào Cai", 96), ("Bắc Hà", 95), ("Si Ma Cai", 93)], start=1)]


def tally(votes: dict, *, eligible: int = 8, present: int = 8, valid: int | None = None) -> Tally:
    valid = present if valid is None else valid
    return Tally(eligible, present, present, present, valid, present - valid, votes)


def test_the_seeds_bloc_of_eight_three_eligible_two_flags() -> None:
    result = count_round(RULES, 2, tally({"u1": 7, "u2": 6, "u3": 3}), UNITS)
    assert [c.name for c in result.passed] == ["Lào Cai", "Bắc Hà"]
    first, _, third = result.candidates
    assert first.explanation == ("Đạt: 7/8 phiếu (87,5% tổng số đơn vị thành viên), trên 50%; xếp thứ 1.")
    assert third.explanation == "Không đạt: 3/8 phiếu (37,5% tổng số đơn vị thành viên), chưa trên 50%."
    assert result.open_places == 0 and result.next_round == () and result.quorum_met


def test_strict_threshold_needs_more_than_half_and_two_thirds_is_exact() -> None:
    assert not RULES.reaches(4, 8) and RULES.reaches(5, 8) and RULES.fewest_votes(8) == 5
    two_thirds = VoteRules.from_mapping({"threshold_pct": Decimal("66.67"), "threshold_strict": False})
    assert two_thirds.reaches(6, 9) and not two_thirds.reaches(5, 9) and two_thirds.fewest_votes(9) == 6
    assert two_thirds.threshold_text == "từ 2/3 trở lên"


def test_denominator_present_counts_on_those_present() -> None:
    rules = VoteRules.from_mapping({"denominator": Denominator.PRESENT})
    result = count_round(rules, 1, tally({"u1": 4}, present=6), UNITS[:1])
    assert result.passed and "4/6 phiếu (66,67% số đơn vị có mặt)" in result.candidates[0].explanation
    assert not count_round(RULES, 1, tally({"u1": 4}, present=6), UNITS[:1]).passed


def test_impossible_tallies_are_refused_with_every_reason() -> None:
    bad = Tally(8, 7, 8, 9, 10, 0, {"u1": 11, "u2": None})
    problems = tally_problems(bad, 1, {"u1": "Lào Cai", "u2": "Bắc Hà"})
    assert "Số phiếu phát ra (8) nhiều hơn số có mặt (7)." in problems
    assert "Số phiếu thu vào (9) nhiều hơn số phiếu phát ra (8)." in problems
    assert "Số phiếu hợp lệ (10) nhiều hơn số phiếu thu vào (9)." in problems
    assert "Lào Cai được 11 phiếu, nhiều hơn số phiếu hợp lệ (10)." in problems
    assert "Chưa nhập số phiếu đồng ý cho Bắc Hà." in problems
    assert any(p.startswith("Phiếu hợp lệ (10) cộng phiếu không hợp lệ (0)") for p in problems)
    assert tally_problems(tally({"u1": 8, "u2": 8}), 2, {}) == []
    assert any("vượt quá số phiếu hợp lệ nhân số suất" in p for p in tally_problems(tally({"u1": 8, "u2": 1}), 1, {}))


def test_tie_on_votes_is_broken_by_total_then_the_configured_order() -> None:
    result = count_round(RULES, 1, tally({"u1": 6, "u2": 6, "u3": 1}), UNITS)
    assert [c.name for c in result.passed] == ["Lào Cai"]
    assert "bằng 6 phiếu với Bắc Hà; xếp trên Bắc Hà nhờ tổng điểm cao hơn (96 so với 95)" in \
        result.candidates[0].explanation
    same_total = [Candidate("a", "Phong Thổ", Decimal(90), penalty=Decimal(2)),
                  Candidate("b", "Tam Đường", Decimal(90), penalty=Decimal(0))]
    result = count_round(RULES, 1, tally({"a": 5, "b": 5}), same_total)
    assert [c.name for c in result.passed] == ["Tam Đường"]
    assert result.candidates[1].explanation == (
        "Đạt: 5/8 phiếu (62,5% tổng số đơn vị thành viên), trên 50%; xếp thứ 1; bằng 5 phiếu với Phong Thổ; "
        "bằng điểm với Phong Thổ (90); xếp trên nhờ ít điểm trừ hơn (0 so với 2).")
    assert "ngoài 1 suất" in result.candidates[0].explanation


def test_an_unbroken_tie_at_the_last_place_goes_to_a_second_round_then_to_the_leaders() -> None:
    twins = [Candidate("a", "Phong Thổ", Decimal(90)), Candidate("b", "Tam Đường", Decimal(90)),
             Candidate("c", "Sìn Hồ", Decimal(99))]
    first = count_round(RULES, 2, tally({"a": 5, "b": 5, "c": 8}), twins)
    assert [c.name for c in first.passed] == ["Sìn Hồ"] and first.open_places == 1
    assert first.next_round == ("a", "b")
    assert first.candidates[0].tied_open and "bỏ phiếu vòng 2 để chọn" in first.candidates[0].explanation
    last = count_round(RULES, 1, tally({"a": 4, "b": 4}), twins[:2], round_no=2)
    assert last.next_round == () and "Trưởng khối và Phó khối quyết định" in last.notes[0]


def test_nobody_reaching_the_threshold_leaves_the_place_open_for_round_two() -> None:
    result = count_round(RULES, 1, tally({"u1": 4, "u2": 4}), UNITS[:2])
    assert not result.passed and result.open_places == 1 and result.next_round == ("u1", "u2")
    assert result.notes == ("Còn 1 suất chưa có người đạt; bỏ phiếu vòng 2.",)


def test_quorum_not_met_is_reported() -> None:
    result = count_round(RULES, 1, tally({"u1": 5}, present=5), UNITS[:1])
    assert not result.quorum_met and "chưa đạt 2/3" in result.notes[0]


def test_rules_round_trip_through_the_stored_snapshot() -> None:
    rules = VoteRules.from_mapping({"tie_break_order": [TieBreak.MORE_GRADE_A], "threshold_pct": Decimal("60")})
    assert VoteRules.from_mapping(rules.snapshot()) == rules
    assert any("Tổng điểm → Nhiều tiêu chí xếp loại A hơn" in line for line in rules.sentences())


def test_quota_warns_and_takes_the_smaller_cap() -> None:
    assert quota_limit(2, None, "down", 9) == 2
    assert quota_limit(None, Decimal(20), "down", 9) == 1
    assert quota_limit(None, Decimal(20), "up", 9) == 2
    assert quota_limit(None, Decimal(25), "nearest", 10) == 3
    assert quota_warning("Cờ tỉnh", 2, 2) is None
    assert "vượt chỉ tiêu của Khối (2)" in quota_warning("Cờ tỉnh", 3, 2)


@given(st.lists(st.integers(0, 9), min_size=1, max_size=6), st.integers(1, 3))
def test_never_more_pass_than_places_and_all_who_pass_reach_the_threshold(votes: list[int], places: int) -> None:
    candidates = [Candidate(i, f"Đơn vị {i}", Decimal(90)) for i in range(len(votes))]
    result = count_round(RULES, places, Tally(9, 9, 9, 9, 9, 0, dict(enumerate(votes))), candidates)
    assert len(result.passed) <= places
    assert all(c.votes * 2 > 9 for c in result.passed)
    assert result.open_places == places - len(result.passed)
    assert all(c.explanation for c in result.candidates)
