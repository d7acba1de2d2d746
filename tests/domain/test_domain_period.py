"""A whole period: own and agreed totals per unit, adjustments, ranking and bands."""

from decimal import Decimal

from thidua_desktop.domain.agreed import ScoreInputs, StageInput
from thidua_desktop.domain.enums import AdjustmentKind, CriterionKind, ScoredBy, TieBreak
from thidua_desktop.domain.period import AdjustmentLine, CriterionLine, PeriodModel, UnitLine, rescore_unit, score_period
from thidua_desktop.domain.scoring import AdjustmentRule, CriterionRule

D = Decimal


def model() -> PeriodModel:
    criteria = [CriterionLine(1, "I", ScoredBy.SELF_APPRAISAL, CriterionRule("1", D(60), CriterionKind.MANUAL)),
                CriterionLine(2, "I", ScoredBy.SELF_APPRAISAL, CriterionRule("2", D(20), CriterionKind.GRADE)),
                CriterionLine(3, "III", ScoredBy.PROVINCIAL, CriterionRule("3", D(20), CriterionKind.MANUAL))]
    late = AdjustmentRule("P1", AdjustmentKind.PENALTY, D(5), per_occurrence=True, cap=D(20))
    units = [UnitLine(10, "Sở Tư pháp"), UnitLine(11, "Báo Lai Châu"), UnitLine(12, "Ban Dân vận")]
    m = PeriodModel(sections=("I", "III"), criteria=criteria, rules={7: late}, units=units,
                    tie_breaks=(TieBreak.FEWER_PENALTY,), bands=((D(90), "Xuất sắc"), (D(80), "Tốt")))
    for unit, (own, appraised, grade, prov) in {10: ("58", "55", "A", "20"), 11: ("60", None, "B", "20"),
                                               12: ("60", "60", "A", "10")}.items():
        m.inputs[(unit, 1)] = ScoreInputs(own=StageInput(D(own)), appraised=StageInput(D(appraised) if appraised else None))
        m.inputs[(unit, 2)] = ScoreInputs(own=StageInput(grade=grade))
        m.inputs[(unit, 3)] = ScoreInputs(provincial=StageInput(D(prov)))
    m.adjustments[11] = [AdjustmentLine(7, own_occurrences=0, occurrences=1)]
    return m


def test_period_totals_ranks_and_bands() -> None:
    rows = score_period(model()).by_unit()
    # 10: 55 + 20 (A) + 20 = 95; own 58 + 20 + 20 = 98
    assert (rows[10].agreed.total, rows[10].own.total) == (D("95.00"), D("98.00"))
    # 11: nothing appraised: own 60 + 15 (B = 75 %) + 20 − 5 agreed penalty = 90; own declared no penalty: 95
    assert (rows[11].agreed.total, rows[11].own.total) == (D("90.00"), D("95.00"))
    # 12: 60 + 20 + 10 = 90, ties with 11 but has no penalty: placed above by the tie-break
    assert rows[12].agreed.total == D("90.00")
    assert [(r.unit.id, r.rank, r.position) for r in score_period(model()).rows] == [(10, 1, 1), (12, 2, 2), (11, 2, 3)]
    assert "ít điểm trừ hơn" in rows[12].explanation
    assert (rows[10].band, rows[11].band) == ("Xuất sắc", "Xuất sắc")


def test_unscored_criteria_are_counted_missing() -> None:
    m = model()
    del m.inputs[(12, 2)]
    assert score_period(m).by_unit()[12].agreed.missing_count == 1


def test_rescoring_one_unit_gives_the_same_results_as_scoring_the_period() -> None:
    m = model()
    before = score_period(m)
    m.inputs[(11, 1)] = ScoreInputs(own=StageInput(D(60)), appraised=StageInput(D(40)))
    assert rescore_unit(m, before, 11) == score_period(m)
    assert [r.unit.id for r in rescore_unit(m, before, 11).rows] == [10, 12, 11]
