"""Which figure of a score row counts: the unit's own (tự chấm) or the agreed one (domain.md 3.1 c).

Agreed = the figure the bloc set by hand (final_value) if any; else, for a section the
provincial body scores, its figure; else the Trưởng/Phó khối's appraisal, or the unit's own
figure while nothing has been appraised yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from thidua_desktop.domain.enums import ScoredBy
from thidua_desktop.domain.scoring import CriterionRule, CriterionScore, criterion_points


@dataclass(frozen=True, slots=True)
class StageInput:
    """What one stage entered for a criterion: points or yes/no (value), a grade, or figures."""

    value: Decimal | bool | int | None = None
    grade: str | None = None
    actual: float | None = None
    plan: float | None = None

    @property
    def empty(self) -> bool:
        return self.value is None and self.grade is None and self.actual is None


@dataclass(frozen=True, slots=True)
class ScoreInputs:
    own: StageInput = StageInput()
    appraised: StageInput = StageInput()
    provincial: StageInput = StageInput()
    final_value: Decimal | None = None


def _points(rule: CriterionRule, given: StageInput) -> CriterionScore | None:
    return criterion_points(rule, value=given.value, grade=given.grade, actual=given.actual, plan=given.plan)


def own_score(rule: CriterionRule, scored_by: ScoredBy, inputs: ScoreInputs) -> CriterionScore | None:
    """The unit's self-score; a provincially scored section has none, so it reads the province's."""
    return _points(rule, inputs.provincial if scored_by is ScoredBy.PROVINCIAL else inputs.own)


def agreed_score(rule: CriterionRule, scored_by: ScoredBy, inputs: ScoreInputs) -> CriterionScore | None:
    if inputs.final_value is not None:
        return CriterionScore(Decimal(inputs.final_value))
    if scored_by is ScoredBy.PROVINCIAL:
        return _points(rule, inputs.provincial)
    return _points(rule, inputs.own if inputs.appraised.empty else inputs.appraised)
