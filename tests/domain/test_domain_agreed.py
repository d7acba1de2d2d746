"""Which figure counts: own, appraised, provincial, or the one the bloc set by hand."""

from decimal import Decimal

import pytest

from thidua_desktop.domain.agreed import ScoreInputs, StageInput, agreed_score, own_score
from thidua_desktop.domain.enums import CriterionKind, ScoredBy
from thidua_desktop.domain.scoring import CriterionRule, ScoreInputError

MANUAL = CriterionRule("1.1", Decimal(5), CriterionKind.MANUAL)
RATIO = CriterionRule("2.1", Decimal(4), CriterionKind.RATIO)
SELF, PROV = ScoredBy.SELF_APPRAISAL, ScoredBy.PROVINCIAL


def test_own_figure_counts_until_appraised() -> None:
    inputs = ScoreInputs(own=StageInput(value=Decimal("4.5")))
    assert agreed_score(MANUAL, SELF, inputs).points == Decimal("4.50")
    appraised = ScoreInputs(own=StageInput(value=Decimal("4.5")), appraised=StageInput(value=Decimal(4)))
    assert agreed_score(MANUAL, SELF, appraised).points == Decimal("4.00")
    assert own_score(MANUAL, SELF, appraised).points == Decimal("4.50")


def test_appraised_ratio_uses_the_appraised_figures() -> None:
    inputs = ScoreInputs(own=StageInput(actual=110.0, plan=100.0), appraised=StageInput(actual=95.0, plan=100.0))
    assert agreed_score(RATIO, SELF, inputs).points == Decimal("3.80")  # 95 % of 4
    assert own_score(RATIO, SELF, inputs).bonus == Decimal("0.40")  # 10 % above plan, capped at 10 % of 4


def test_provincial_sections_read_the_province_and_final_overrides_all() -> None:
    inputs = ScoreInputs(own=StageInput(value=Decimal(5)), provincial=StageInput(value=Decimal(3)))
    assert agreed_score(MANUAL, PROV, inputs).points == own_score(MANUAL, PROV, inputs).points == Decimal("3.00")
    assert agreed_score(MANUAL, PROV, ScoreInputs(final_value=Decimal("2.5"))).points == Decimal("2.5")


def test_nothing_entered_is_not_scored_and_bad_input_is_refused() -> None:
    assert agreed_score(MANUAL, SELF, ScoreInputs()) is None
    with pytest.raises(ScoreInputError, match="1.1"):
        agreed_score(MANUAL, SELF, ScoreInputs(appraised=StageInput(value=Decimal(6))))
