"""A period's results for the whole bloc: every unit's own and agreed totals, ranks and bands.

Pure data in, pure data out, so the score grid can keep a period in memory and recompute it
after each keystroke without going back to the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from thidua_desktop.domain.agreed import ScoreInputs, StageInput, agreed_score, own_score
from thidua_desktop.domain.enums import ScoredBy, TieBreak
from thidua_desktop.domain.ranking import RankInput, Ranking, rank
from thidua_desktop.domain.scoring import AdjustmentRule, CriterionRule, UnitTotal, classify, unit_total


@dataclass(frozen=True, slots=True)
class CriterionLine:
    id: int
    section: str
    scored_by: ScoredBy
    rule: CriterionRule


@dataclass(frozen=True, slots=True)
class AdjustmentLine:
    rule_id: int
    own_occurrences: int | None  # what the unit declared; None: the same as agreed
    occurrences: int  # agreed after appraisal


@dataclass(frozen=True, slots=True)
class UnitLine:
    id: int
    name: str
    female_share_pct: Decimal | None = None


@dataclass(slots=True)
class PeriodModel:
    sections: tuple[str, ...]
    criteria: list[CriterionLine]
    rules: dict[int, AdjustmentRule]
    units: list[UnitLine]
    inputs: dict[tuple[int, int], ScoreInputs] = field(default_factory=dict)  # (unit, criterion)
    adjustments: dict[int, list[AdjustmentLine]] = field(default_factory=dict)  # unit → lines
    quantitative_bonus_cap: Decimal = Decimal(20)
    tie_breaks: tuple[TieBreak, ...] = ()
    bands: tuple[tuple[Decimal, str], ...] = ()


@dataclass(frozen=True, slots=True)
class UnitResult:
    unit: UnitLine
    own: UnitTotal
    agreed: UnitTotal
    rank: int
    position: int
    explanation: str
    band: str | None


@dataclass(frozen=True, slots=True)
class PeriodResults:
    rows: tuple[UnitResult, ...]  # in ranking order
    ranking: Ranking

    def by_unit(self) -> dict[int, UnitResult]:
        return {r.unit.id: r for r in self.rows}


_EMPTY = ScoreInputs()


def _total(model: PeriodModel, unit: int, *, agreed: bool) -> UnitTotal:
    by_section: dict[str, list] = {s: [] for s in model.sections}
    score = agreed_score if agreed else own_score
    for c in model.criteria:
        by_section[c.section].append(score(c.rule, c.scored_by, model.inputs.get((unit, c.id), _EMPTY)))
    lines = [(model.rules[a.rule_id], a.occurrences if agreed or a.own_occurrences is None else a.own_occurrences)
             for a in model.adjustments.get(unit, ())]
    return unit_total(by_section, lines, quantitative_bonus_cap=model.quantitative_bonus_cap)


def score_period(model: PeriodModel) -> PeriodResults:
    """Totals of every unit, ranked by the agreed total with the year's tie-break order."""
    totals = {u.id: (_total(model, u.id, agreed=False), _total(model, u.id, agreed=True)) for u in model.units}
    return _ranked(model, totals)


def rescore_unit(model: PeriodModel, previous: PeriodResults, unit_id: int) -> PeriodResults:
    """The same as ``score_period`` after an edit that touched only `unit_id`: the other units'
    totals are taken from `previous`, so one keystroke sums one unit's criteria, then re-ranks."""
    totals = {r.unit.id: (r.own, r.agreed) for r in previous.rows}
    totals[unit_id] = (_total(model, unit_id, agreed=False), _total(model, unit_id, agreed=True))
    return _ranked(model, totals)


def _ranked(model: PeriodModel, totals: Mapping[int, tuple[UnitTotal, UnitTotal]]) -> PeriodResults:
    ranking = rank([RankInput(key=u.id, total=totals[u.id][1].total, penalty=totals[u.id][1].penalty,
                              grade_a_count=totals[u.id][1].grade_a_count, female_share_pct=u.female_share_pct,
                              name=u.name) for u in model.units], model.tie_breaks)
    units = {u.id: u for u in model.units}
    rows = tuple(UnitResult(units[r.key], *totals[r.key], r.rank, r.position, r.explanation,
                            classify(totals[r.key][1].total, model.bands)) for r in ranking.rows)
    return PeriodResults(rows, ranking)


def sections_of(criteria: Sequence[CriterionLine]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.section for c in criteria))


def inputs_from(values: Mapping[str, object]) -> ScoreInputs:
    """ScoreInputs from a score row's columns (self_*, appraised_*, provincial_*, final_value)."""
    def stage(prefix: str) -> StageInput:
        return StageInput(values.get(f"{prefix}_value"), values.get(f"{prefix}_grade"),
                          values.get(f"{prefix}_actual"), values.get(f"{prefix}_plan"))

    return ScoreInputs(stage("self"), stage("appraised"), stage("provincial"), values.get("final_value"))
