"""Scoring under the covenant's table; the worked examples follow domain.md 3.1 (HY IV–V)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua_desktop.domain.enums import AdjustmentKind, CriterionKind
from thidua_desktop.domain.scoring import (
    AdjustmentRule,
    CriterionRule,
    CriterionScore,
    ScoreInputError,
    ScoreRuleError,
    SectionRule,
    adjustment_points,
    check_section,
    classify,
    criterion_points,
    unit_total,
)

K = CriterionKind
BONUS, PENALTY = AdjustmentKind.BONUS, AdjustmentKind.PENALTY


def rule(code: str, top: str | int, kind: CriterionKind = K.MANUAL, **kw) -> CriterionRule:
    return CriterionRule(code, D(top), kind, **kw)


# HY penalty lines (domain.md 3.1).
LEADER_ABSENT = AdjustmentRule("P1", PENALTY, D(5))  # −5 each time
REPORT_LATE_5 = AdjustmentRule("P2", PENALTY, D(5))  # report 5 to under 10 days late
KHIEN_TRACH = AdjustmentRule("P3", PENALTY, D(10), per_occurrence=False)
REPORT_LATE_15 = AdjustmentRule("P4", PENALTY, D(20))
CANH_CAO = AdjustmentRule("P5", PENALTY, D(20), per_occurrence=False, disqualifies=True)
CREATIVE = AdjustmentRule("B1", BONUS, D(5), per_occurrence=False)  # +5 creative organisation
CO_THI_DUA = AdjustmentRule("B2", BONUS, D(10), per_occurrence=False)  # HCMC: +10 for a Cờ


# --- quantitative criteria -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("actual", "points", "bonus"),
    [
        # 87.5 / 100 = 87.5% → 0.875 × 10 = 8.75, no bonus.
        ("87.5", "8.75", "0"),
        # 100% → full 10 points.
        ("100", "10", "0"),
        # 105% → 10 points; 5% above plan → 5 × 1% × 10 = 0.50 bonus.
        ("105", "10", "0.50"),
        # 110% → 10 points; 10% above → 1.00, exactly the cap (10% of 10).
        ("110", "10", "1.00"),
        # 125% → 25% above would be 2.50, capped at 1.00.
        ("125", "10", "1.00"),
        # 2/3 of plan: 6.666… → 6.67 (half-up to cents).
        ("66.66666", "6.67", "0"),
    ],
)
def test_ratio(actual: str, points: str, bonus: str) -> None:
    score = criterion_points(rule("3.1", 10, K.RATIO), actual=D(actual), plan=D(100))
    assert score == CriterionScore(D(points), D(bonus))


@pytest.mark.parametrize(
    ("actual", "points", "bonus"),
    [
        # Poverty rate, plan 3.5%: actual 4.0% → 3.5 / 4.0 = 0.875 → 8.75 of 10.
        ("4.0", "8.75", "0"),
        # actual 3.5% → on plan → 10.
        ("3.5", "10", "0"),
        # actual 3.4% → 3.5 / 3.4 = 1.0294 → 10 + 0.0294 × 10 = 0.29 bonus.
        ("3.4", "10", "0.29"),
        # actual 3.0% → 3.5 / 3.0 = 1.1667 → bonus 1.67 capped at 1.00.
        ("3.0", "10", "1.00"),
        # actual 0%: the reduction target is beaten outright → full points and full cap.
        ("0", "10", "1.00"),
    ],
)
def test_inverse_ratio_poverty_rate(actual: str, points: str, bonus: str) -> None:
    score = criterion_points(rule("3.2", 10, K.INVERSE_RATIO), actual=D(actual), plan=D("3.5"))
    assert score == CriterionScore(D(points), D(bonus))


def test_ratio_bonus_cap_is_configurable() -> None:
    # Cap 20% of 15 = 3.00; 130% → 30% above → 4.50, capped at 3.00; cap 0 disables the bonus.
    assert criterion_points(rule("3.3", 15, K.RATIO, bonus_cap_pct=D(20)), actual=130, plan=100) == \
        CriterionScore(D(15), D(3))
    assert criterion_points(rule("3.3", 15, K.RATIO, bonus_cap_pct=D(0)), actual=130, plan=100) == \
        CriterionScore(D(15), D(0))


# --- qualitative, yes/no, manual -------------------------------------------------------------

@pytest.mark.parametrize(
    ("top", "expected"),
    [
        # Default map A = 100%, B = 75%, C = 50%, D = 25% of the standard points.
        ("8", {"A": "8", "B": "6", "C": "4", "D": "2"}),
        ("5", {"A": "5", "B": "3.75", "C": "2.5", "D": "1.25"}),
        # 1.5 × 0.75 = 1.125 → 1.13 and 1.5 × 0.25 = 0.375 → 0.38 (half-up).
        ("1.5", {"A": "1.5", "B": "1.13", "C": "0.75", "D": "0.38"}),
    ],
)
def test_default_grade_map(top: str, expected: dict[str, str]) -> None:
    r = rule("2.1", top, K.GRADE)
    assert dict(r.grade_points) == {g: D(p) for g, p in expected.items()}
    for letter, points in expected.items():
        assert criterion_points(r, grade=f" {letter.lower()} ") == CriterionScore(D(points), D(0), letter)


def test_bloc_sets_its_own_grade_points() -> None:
    r = rule("2.2", 5, K.GRADE, grade_points={"a": D(5), "B": D(4), "C": D("2.5"), "D": D(0)})
    assert criterion_points(r, grade="B").points == D(4)
    assert criterion_points(r, grade="D").points == D(0)


def test_yes_no_and_manual() -> None:
    yes_no = rule("4.1", 3, K.YES_NO)
    assert criterion_points(yes_no, value=True) == CriterionScore(D(3))
    assert criterion_points(yes_no, value=1) == CriterionScore(D(3))
    assert criterion_points(yes_no, value=0) == CriterionScore(D(0))
    manual = rule("1.2", 5)
    assert criterion_points(manual, value=D("4.5")).points == D("4.5")
    assert criterion_points(manual, value="4.567").points == D("4.57")
    assert criterion_points(manual, value=4.5).points == D("4.5")  # a spreadsheet cell
    assert criterion_points(manual, value=5).points == D(5)


@pytest.mark.parametrize("kind", list(CriterionKind))
def test_missing_input_is_not_scored_yet(kind: CriterionKind) -> None:
    r = rule("1.1", 10, kind)
    assert criterion_points(r) is None
    assert criterion_points(r, value="", grade="  ", actual=" ", plan=D(100)) is None


@pytest.mark.parametrize(
    ("r", "kwargs", "message"),
    [
        (rule("1.2", 5), {"value": 6}, "Tiêu chí 1.2: điểm phải từ 0 đến 5."),
        (rule("1.2", 5), {"value": D("-0.5")}, "Tiêu chí 1.2: điểm phải từ 0 đến 5."),
        (rule("1.3", "2.5"), {"value": 3}, "Tiêu chí 1.3: điểm phải từ 0 đến 2,5."),
        (rule("1.2", 5), {"value": "năm"}, "Tiêu chí 1.2: điểm phải là một số."),
        (rule("1.2", 5), {"value": D("NaN")}, "Tiêu chí 1.2: điểm phải là một số."),
        (rule("1.2", 5), {"value": [5]}, "Tiêu chí 1.2: điểm phải là một số."),
        (rule("2.1", 8, K.GRADE), {"grade": "E"}, "Tiêu chí 2.1: xếp loại phải là A, B, C hoặc D."),
        (rule("2.1", 8, K.GRADE), {"grade": "AB"}, "Tiêu chí 2.1: xếp loại phải là A, B, C hoặc D."),
        (rule("3.1", 10, K.RATIO), {"actual": 5, "plan": 0}, "Tiêu chí 3.1: kế hoạch phải lớn hơn 0."),
        (rule("3.1", 10, K.RATIO), {"actual": 5}, "Tiêu chí 3.1: kế hoạch phải lớn hơn 0."),
        (rule("3.2", 10, K.INVERSE_RATIO), {"actual": 1, "plan": -2},
         "Tiêu chí 3.2: kế hoạch phải lớn hơn 0."),
        (rule("3.1", 10, K.RATIO), {"actual": -1, "plan": 10}, "Tiêu chí 3.1: số thực hiện không được âm."),
        (rule("3.1", 10, K.RATIO), {"actual": "x", "plan": 10}, "Tiêu chí 3.1: số thực hiện phải là một số."),
        (rule("4.1", 3, K.YES_NO), {"value": 2}, "Tiêu chí 4.1: chỉ nhận Có (1) hoặc Không (0)."),
    ],
)
def test_invalid_input(r: CriterionRule, kwargs: dict, message: str) -> None:
    with pytest.raises(ScoreInputError) as info:
        criterion_points(r, **kwargs)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: rule("1.1", 0), "Tiêu chí 1.1: điểm chuẩn phải lớn hơn 0 và có tối đa 2 chữ số thập phân."),
        (lambda: rule("1.1", "0.125"),
         "Tiêu chí 1.1: điểm chuẩn phải lớn hơn 0 và có tối đa 2 chữ số thập phân."),
        (lambda: rule("1.1", 5, K.RATIO, bonus_cap_pct=D(-1)), "Tiêu chí 1.1: mức thưởng tối đa không được âm."),
        (lambda: rule("2.1", 5, K.GRADE, grade_points={"A": D(5), "B": D(4), "C": D(3)}),
         "Tiêu chí 2.1: phải đặt điểm cho đủ các loại A, B, C, D."),
        (lambda: rule("2.1", 5, K.GRADE, grade_points={"A": D(4), "B": D(3), "C": D(2), "D": D(1)}),
         "Tiêu chí 2.1: loại A phải được đủ điểm chuẩn (5)."),
        (lambda: rule("2.1", 5, K.GRADE, grade_points={"A": D(5), "B": D(3), "C": D(4), "D": D(1)}),
         "Tiêu chí 2.1: điểm các loại phải giảm dần từ A đến D và không âm."),
        (lambda: rule("2.1", 5, K.GRADE, grade_points={"A": D(5), "B": D(3), "C": D(2), "D": D(-1)}),
         "Tiêu chí 2.1: điểm các loại phải giảm dần từ A đến D và không âm."),
        (lambda: rule("1.1", 5, grade_points={"A": D(5), "B": D(3), "C": D(2), "D": D(1)}),
         "Tiêu chí 1.1: chỉ tiêu chí xếp loại mới có điểm cho A, B, C, D."),
        (lambda: AdjustmentRule("P9", PENALTY, D(0)), "Điểm trừ P9: số điểm phải lớn hơn 0."),
        (lambda: AdjustmentRule("B9", BONUS, D(5), cap=D(-1)), "Điểm thưởng B9: mức tối đa không được âm."),
    ],
)
def test_invalid_rules(make, message: str) -> None:
    with pytest.raises(ScoreRuleError) as info:
        make()
    assert str(info.value) == message


# --- bonus and penalty lines -----------------------------------------------------------------

def test_adjustment_points() -> None:
    assert adjustment_points(LEADER_ABSENT, 0) == 0
    assert adjustment_points(LEADER_ABSENT, 3) == D(15)  # −5 each time
    assert adjustment_points(KHIEN_TRACH, 2) == D(10)  # once only
    capped = AdjustmentRule("P6", PENALTY, D(5), cap=D(10))
    assert adjustment_points(capped, 3) == D(10)
    with pytest.raises(ScoreInputError, match="^Điểm trừ P1: số lần phải là số nguyên không âm.$"):
        adjustment_points(LEADER_ABSENT, -1)
    with pytest.raises(ScoreInputError):
        adjustment_points(LEADER_ABSENT, 1.5)  # type: ignore[arg-type]


# --- unit totals -----------------------------------------------------------------------------

def test_hy_style_unit_total() -> None:
    sections = {
        # Part I (self-scored, appraised): 18.5 + 15 (110% of plan) + 11.25 (B of 15) = 44.75.
        "I": [
            criterion_points(rule("1.1", 20), value=D("18.5")),
            criterion_points(rule("1.2", 15, K.RATIO), actual=110, plan=100),  # bonus 1.50
            criterion_points(rule("1.3", 15, K.GRADE), grade="B"),
        ],
        # Part II: 10 (poverty 3.0% vs plan 3.5%, bonus capped 1.00) + 10 (yes) + 10 (A) = 30.
        "II": [
            criterion_points(rule("2.1", 10, K.INVERSE_RATIO), actual=D("3.0"), plan=D("3.5")),
            criterion_points(rule("2.2", 10, K.YES_NO), value=True),
            criterion_points(rule("2.3", 10, K.GRADE), grade="A"),
        ],
        # Part III (scored by the provincial body): 19, and one criterion not scored yet.
        "III": [criterion_points(rule("3.1", 20), value=19), None],
    }
    # +5 creative organisation, −5 one leader absence.
    result = unit_total(sections, [(CREATIVE, 1), (LEADER_ABSENT, 1), (CANH_CAO, 0)])
    assert result.section_totals == {"I": D("44.75"), "II": D(30), "III": D(19)}
    assert result.criteria_total == D("93.75")
    assert result.quantitative_bonus == D("2.50")  # 1.50 + 1.00
    assert (result.bonus, result.penalty) == (D(5), D(5))
    assert result.total == D("96.25")  # 93.75 + 2.50 + 5 − 5
    assert result.grade_a_count == 1
    assert (result.scored_count, result.missing_count) == (7, 1)
    assert not result.disqualified and result.disqualified_by == ()


def test_total_quantitative_bonus_is_capped_at_20() -> None:
    # 25 ratio criteria at 120% of plan, each 10 points: bonus 1.00 each (cap 10%) → 25 → 20.
    r = rule("3.1", 10, K.RATIO)
    scores = [criterion_points(r, actual=120, plan=100) for _ in range(25)]
    result = unit_total({"I": scores})
    assert result.criteria_total == D(250)
    assert result.quantitative_bonus == D(20)
    assert result.total == D(270)
    assert unit_total({"I": scores}, quantitative_bonus_cap=D(30)).quantitative_bonus == D(25)


def test_penalties_and_disqualification() -> None:
    # 90 points; −5 × 2 absences, −5 late report, −10 khiển trách, −20 cảnh cáo (disqualifies).
    result = unit_total(
        {"I": [CriterionScore(D(90))]},
        [(LEADER_ABSENT, 2), (REPORT_LATE_5, 1), (KHIEN_TRACH, 1), (CANH_CAO, 1), (REPORT_LATE_15, 0)],
    )
    assert result.penalty == D(45)
    assert result.total == D(45)
    assert result.disqualified and result.disqualified_by == ("P5",)


def test_total_may_exceed_100() -> None:
    # HCMC example: 97 from the department plus +10 for a provincial Cờ thi đua = 107.
    result = unit_total({"I": [CriterionScore(D(60)), CriterionScore(D(37))]}, [(CO_THI_DUA, 1)])
    assert result.total == D(107)


def test_empty_unit() -> None:
    result = unit_total({"I": [None, None], "II": []})
    assert result.total == 0 and result.section_totals == {"I": 0, "II": 0}
    assert (result.scored_count, result.missing_count) == (0, 2)


def test_check_section() -> None:
    section = SectionRule("I", D(50))
    check_section(section, [rule("1.1", 30), rule("1.2", 20)])
    with pytest.raises(ScoreRuleError) as info:
        check_section(section, [rule("1.1", 30), rule("1.2", "20.5")])
    assert str(info.value) == "Mục I: tổng điểm chuẩn các tiêu chí (50,5) vượt điểm tối đa của mục (50)."


def test_classify() -> None:
    bands = [(D(90), "Xuất sắc"), (D(70), "Khá"), (D(80), "Tốt")]
    assert classify(D(107), bands) == "Xuất sắc"
    assert classify(D(80), bands) == "Tốt"
    assert classify(D("79.99"), bands) == "Khá"
    assert classify(D(50), bands) is None
    assert classify(D(95), []) is None


# --- properties ------------------------------------------------------------------------------

cents = st.decimals(min_value=D("0.01"), max_value=D(1000), places=2)
amounts = st.decimals(min_value=D(0), max_value=D(10**6), places=4)
plans = st.decimals(min_value=D("0.0001"), max_value=D(10**6), places=4)
pcts = st.decimals(min_value=D(0), max_value=D(100), places=1)


@given(cents, st.data())
def test_manual_points_within_range(top: D, data: st.DataObject) -> None:
    value = data.draw(st.decimals(min_value=D(0), max_value=top, places=3))
    points = criterion_points(rule("1", top), value=value).points
    assert 0 <= points <= top


@given(cents, st.sampled_from("ABCDabcd"))
def test_grade_points_within_range(top: D, letter: str) -> None:
    points = criterion_points(rule("1", top, K.GRADE), grade=letter).points
    assert 0 <= points <= top


@given(cents, pcts, st.sampled_from([K.RATIO, K.INVERSE_RATIO]), amounts, plans)
def test_ratio_points_and_bonus_within_range(top: D, pct: D, kind: K, actual: D, plan: D) -> None:
    r = rule("1", top, kind, bonus_cap_pct=pct)
    score = criterion_points(r, actual=actual, plan=plan)
    assert 0 <= score.points <= top
    assert 0 <= score.bonus <= r.bonus_cap
    assert abs(r.bonus_cap - top * pct / 100) <= D("0.005")
    assert score.bonus == 0 or score.points == top  # the bonus only starts above 100%


scores = st.one_of(
    st.none(),
    st.builds(CriterionScore, cents, st.decimals(min_value=D(0), max_value=D(5), places=2),
              st.sampled_from([None, "A", "B"])),
)
adjustment_rules = st.builds(
    AdjustmentRule, st.just("X"), st.sampled_from(list(AdjustmentKind)), cents, st.booleans(),
    st.one_of(st.none(), cents), st.booleans(),
)


@given(
    st.dictionaries(st.sampled_from(["I", "II", "III"]), st.lists(scores, max_size=10)),
    st.lists(st.tuples(adjustment_rules, st.integers(0, 5)), max_size=6),
)
def test_total_is_the_sum_of_its_parts(sections: dict, adjustments: list) -> None:
    result = unit_total(sections, adjustments)
    given_scores = [s for ss in sections.values() for s in ss if s is not None]
    assert result.criteria_total == sum(result.section_totals.values()) == sum(s.points for s in given_scores)
    assert result.quantitative_bonus == min(sum(s.bonus for s in given_scores), D(20))
    assert result.total == result.criteria_total + result.quantitative_bonus + result.bonus - result.penalty
    assert result.bonus >= 0 and result.penalty >= 0
    assert result.scored_count == len(given_scores)
    assert result.scored_count + result.missing_count == sum(len(ss) for ss in sections.values())
    assert result.grade_a_count == sum(s.grade == "A" for s in given_scores)
    assert result.disqualified == any(r.disqualifies and n for r, n in adjustments)
