"""A unit's score under the covenant's score table (domain.md 3.1–3.3).

Criteria are scored one by one (``criterion_points``), then summed with the quantitative
bonus, the bonus lines and the penalty lines (``unit_total``). Only a criterion's own score is
checked against its maximum: a final total may exceed the table's maximum (e.g. 107/100).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from types import MappingProxyType

from thidua_desktop.domain.enums import AdjustmentKind, CriterionKind
from thidua_desktop.domain.text import format_points

ZERO = Decimal("0.00")
_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)
GRADES = ("A", "B", "C", "D")
# Share of the standard points per grade when the bloc has not set its own (A is always full).
_DEFAULT_GRADE_SHARE = (Decimal(1), Decimal("0.75"), Decimal("0.5"), Decimal("0.25"))


class ScoreRuleError(ValueError):
    """A line of the score table that cannot be applied as written."""


class ScoreInputError(ValueError):
    """A unit's figure the rule does not accept; the message names the criterion and range."""


def _cents(d: Decimal) -> Decimal:
    return d.quantize(_CENT, ROUND_HALF_UP)


def _blank(x: object) -> bool:
    return x is None or (isinstance(x, str) and not x.strip())


def _decimal(x: object, code: str, what: str) -> Decimal:
    """Accept Decimal, int, numeric text, or a float by its shortest repr (spreadsheet cells)."""
    try:
        if type(x) is Decimal:
            d = x
        elif isinstance(x, float):
            d = Decimal(repr(x))
        elif isinstance(x, (Decimal, int, str)):
            d = Decimal(x.strip() if isinstance(x, str) else x)
        else:
            raise InvalidOperation
    except InvalidOperation:
        raise ScoreInputError(f"Tiêu chí {code}: {what} phải là một số.") from None
    if not d.is_finite():
        raise ScoreInputError(f"Tiêu chí {code}: {what} phải là một số.")
    return d


# --- criteria --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CriterionScore:
    """Points a unit earns on one criterion; ``grade`` is kept to count A grades for ties."""

    points: Decimal
    bonus: Decimal = ZERO
    grade: str | None = None


@dataclass(frozen=True, slots=True)
class CriterionRule:
    """One criterion of the table. For GRADE kinds ``grade_points`` is filled in if omitted."""

    code: str
    max_points: Decimal
    kind: CriterionKind
    grade_points: Mapping[str, Decimal] | None = field(default=None, hash=False)
    bonus_cap_pct: Decimal = Decimal(10)
    bonus_cap: Decimal = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        code, top = self.code, self.max_points
        if top <= 0 or top.as_tuple().exponent < -2:  # type: ignore[operator]
            raise ScoreRuleError(
                f"Tiêu chí {code}: điểm chuẩn phải lớn hơn 0 và có tối đa 2 chữ số thập phân."
            )
        if self.bonus_cap_pct < 0:
            raise ScoreRuleError(f"Tiêu chí {code}: mức thưởng tối đa không được âm.")
        object.__setattr__(self, "max_points", _cents(top))
        object.__setattr__(self, "bonus_cap", _cents(top * self.bonus_cap_pct / _HUNDRED))
        if self.kind is not CriterionKind.GRADE:
            if self.grade_points is not None:
                raise ScoreRuleError(
                    f"Tiêu chí {code}: chỉ tiêu chí xếp loại mới có điểm cho A, B, C, D."
                )
            return
        object.__setattr__(self, "grade_points", MappingProxyType(self._grade_map()))

    def _grade_map(self) -> dict[str, Decimal]:
        code, top = self.code, self.max_points
        if self.grade_points is None:
            return {g: _cents(top * s) for g, s in zip(GRADES, _DEFAULT_GRADE_SHARE)}
        given = {g.strip().upper(): Decimal(p) for g, p in self.grade_points.items()}
        if sorted(given) != list(GRADES):
            raise ScoreRuleError(f"Tiêu chí {code}: phải đặt điểm cho đủ các loại A, B, C, D.")
        if given["A"] != top:
            raise ScoreRuleError(
                f"Tiêu chí {code}: loại A phải được đủ điểm chuẩn ({format_points(top)})."
            )
        points = [given[g] for g in GRADES]
        if points[-1] < 0 or any(a < b for a, b in zip(points, points[1:])):
            raise ScoreRuleError(
                f"Tiêu chí {code}: điểm các loại phải giảm dần từ A đến D và không âm."
            )
        return {g: _cents(given[g]) for g in GRADES}


def criterion_points(
    rule: CriterionRule,
    *,
    value: object = None,
    grade: str | None = None,
    actual: object = None,
    plan: object = None,
) -> CriterionScore | None:
    """Score one criterion from the input its kind uses; None while that input is missing.

    MANUAL and YES_NO read ``value``, GRADE reads ``grade``, the ratio kinds read ``actual``
    against ``plan``. Points are rounded half-up to 0.01.
    """
    kind = rule.kind
    if kind is CriterionKind.GRADE:
        return _grade_score(rule, grade)
    if kind is CriterionKind.RATIO or kind is CriterionKind.INVERSE_RATIO:
        return _ratio_score(rule, actual, plan)
    if _blank(value):
        return None
    if kind is CriterionKind.YES_NO:
        if value not in (0, 1):  # also True/False and Decimal 0/1
            raise ScoreInputError(f"Tiêu chí {rule.code}: chỉ nhận Có (1) hoặc Không (0).")
        return CriterionScore(rule.max_points if value else ZERO)
    points = _decimal(value, rule.code, "điểm")
    if not 0 <= points <= rule.max_points:
        raise ScoreInputError(
            f"Tiêu chí {rule.code}: điểm phải từ 0 đến {format_points(rule.max_points)}."
        )
    return CriterionScore(_cents(points))


def _grade_score(rule: CriterionRule, grade: str | None) -> CriterionScore | None:
    if _blank(grade):
        return None
    letter = str(grade).strip().upper()
    points = rule.grade_points.get(letter) if rule.grade_points else None
    if points is None:
        raise ScoreInputError(f"Tiêu chí {rule.code}: xếp loại phải là A, B, C hoặc D.")
    return CriterionScore(points, ZERO, letter)


def _ratio_score(rule: CriterionRule, actual: object, plan: object) -> CriterionScore | None:
    """Achievement against plan; above 100% moves to the bonus (+1% of max per 1%, capped).

    For reduction targets (INVERSE_RATIO) the ratio is plan ÷ actual; an actual of 0 means
    the target was beaten outright, so the unit gets full points and the full bonus cap.
    """
    if _blank(actual):
        return None
    code = rule.code
    done = _decimal(actual, code, "số thực hiện")
    target = None if _blank(plan) else _decimal(plan, code, "kế hoạch")
    if target is None or target <= 0:
        raise ScoreInputError(f"Tiêu chí {code}: kế hoạch phải lớn hơn 0.")
    if done < 0:
        raise ScoreInputError(f"Tiêu chí {code}: số thực hiện không được âm.")
    top = rule.max_points
    if rule.kind is CriterionKind.INVERSE_RATIO:
        if done == 0:
            return CriterionScore(top, rule.bonus_cap)
        ratio = target / done
    else:
        ratio = done / target
    if ratio <= 1:
        return CriterionScore(_cents(ratio * top))
    return CriterionScore(top, min(_cents((ratio - 1) * top), rule.bonus_cap))


# --- bonus and penalty lines -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AdjustmentRule:
    """A bonus or penalty line; ``points`` is positive, the kind gives the sign."""

    code: str
    kind: AdjustmentKind
    points: Decimal
    per_occurrence: bool = True
    cap: Decimal | None = None
    disqualifies: bool = False  # e.g. HY: a cảnh cáo of the leadership bars Cờ and Bằng khen

    def __post_init__(self) -> None:
        if self.points <= 0:
            raise ScoreRuleError(f"{self.kind.label} {self.code}: số điểm phải lớn hơn 0.")
        if self.cap is not None and self.cap < 0:
            raise ScoreRuleError(f"{self.kind.label} {self.code}: mức tối đa không được âm.")


def adjustment_points(rule: AdjustmentRule, occurrences: int) -> Decimal:
    """The positive amount a line adds or takes away for the given number of occurrences."""
    if not isinstance(occurrences, int) or occurrences < 0:
        raise ScoreInputError(
            f"{rule.kind.label} {rule.code}: số lần phải là số nguyên không âm."
        )
    if not occurrences:
        return ZERO
    amount = rule.points * occurrences if rule.per_occurrence else rule.points
    return amount if rule.cap is None or amount <= rule.cap else rule.cap


# --- sections and totals ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SectionRule:
    """A content group (Mục I, II, III …) whose maximum the bloc may split but not exceed."""

    code: str
    max_points: Decimal


def check_section(section: SectionRule, rules: Iterable[CriterionRule]) -> None:
    """Reject a breakdown whose criteria together exceed the section's points (HY IV)."""
    total = sum((r.max_points for r in rules), ZERO)
    if total > section.max_points:
        raise ScoreRuleError(
            f"Mục {section.code}: tổng điểm chuẩn các tiêu chí ({format_points(total)}) "
            f"vượt điểm tối đa của mục ({format_points(section.max_points)})."
        )


@dataclass(frozen=True, slots=True)
class UnitTotal:
    """Everything the score table prints for one unit, before ranking."""

    section_totals: Mapping[str, Decimal] = field(hash=False)
    criteria_total: Decimal
    quantitative_bonus: Decimal
    bonus: Decimal
    penalty: Decimal
    total: Decimal
    disqualified_by: tuple[str, ...]
    grade_a_count: int
    scored_count: int
    missing_count: int

    @property
    def disqualified(self) -> bool:
        """True when a line such as a cảnh cáo bars the unit from Cờ and Bằng khen proposals."""
        return bool(self.disqualified_by)


def unit_total(
    section_scores: Mapping[str, Iterable[CriterionScore | None]],
    adjustments: Iterable[tuple[AdjustmentRule, int]] = (),
    *,
    quantitative_bonus_cap: Decimal = Decimal(20),
) -> UnitTotal:
    """Sum a unit's criteria by section, then add the capped quantitative bonus and the
    bonus lines and take off the penalty lines. None scores count as not yet scored."""
    section_totals: dict[str, Decimal] = {}
    ratio_bonus = ZERO
    grade_a = scored = missing = 0
    for section, scores in section_scores.items():
        subtotal = ZERO
        for score in scores:
            if score is None:
                missing += 1
                continue
            scored += 1
            subtotal += score.points
            if score.bonus:
                ratio_bonus += score.bonus
            if score.grade == "A":
                grade_a += 1
        section_totals[section] = subtotal
    criteria_total = sum(section_totals.values(), ZERO)
    quantitative_bonus = min(ratio_bonus, quantitative_bonus_cap)

    bonus = penalty = ZERO
    disqualified_by: list[str] = []
    for rule, occurrences in adjustments:
        amount = adjustment_points(rule, occurrences)
        if rule.kind is AdjustmentKind.BONUS:
            bonus += amount
        else:
            penalty += amount
        if rule.disqualifies and occurrences:
            disqualified_by.append(rule.code)

    return UnitTotal(
        section_totals=section_totals,
        criteria_total=criteria_total,
        quantitative_bonus=quantitative_bonus,
        bonus=bonus,
        penalty=penalty,
        total=criteria_total + quantitative_bonus + bonus - penalty,
        disqualified_by=tuple(disqualified_by),
        grade_a_count=grade_a,
        scored_count=scored,
        missing_count=missing,
    )


def classify(total: Decimal, bands: Sequence[tuple[Decimal, str]]) -> str | None:
    """The label of the highest band whose minimum the total reaches (bands are local, optional)."""
    best: tuple[Decimal, str] | None = None
    for minimum, label in bands:
        if minimum <= total and (best is None or minimum > best[0]):
            best = (minimum, label)
    return None if best is None else best[1]
