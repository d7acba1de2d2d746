"""Completion levels per unit and year, and the standards hints computed from the register."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.domain.enums import CompletionLevel
from thidua_desktop.services import register, standards, units, years
from thidua_desktop.services.register import CommendationFields
from thidua_desktop.services.workspace import Workspace

X, T = CompletionLevel.HTXSNV, CompletionLevel.HTTNV


@pytest.fixture
def fresh(empty_workbook: Path) -> Iterator[Workspace]:
    workspace = Workspace(open_workbook(empty_workbook, operator="Thư ký"), operator="Thư ký")
    yield workspace
    workspace.close()


def _history(ws: Workspace, name: str, levels: dict[int, CompletionLevel], awards: list[tuple[int, str]]) -> int:
    unit = units.add_unit(ws, name)
    for year, level in levels.items():
        standards.set_completion(ws, unit, year, level, assessed_by="Ban Thường vụ Tỉnh ủy")
    for year, code in awards:
        register.add_commendation(ws, CommendationFields(year, register.award_type_id(ws, code), unit_id=unit,
                                                         decision_number=f"{year}/QĐ-UBND",
                                                         decision_date=date(year + 1, 2, 1)))
    return unit


def test_a_five_year_history_that_meets_and_one_that_misses_by_a_year(fresh: Workspace) -> None:
    meets = _history(fresh, "Văn phòng Tỉnh ủy", {y: X for y in range(2019, 2025)},
                     [(2019, "BK_TINH"), (2022, "CO_TINH")])
    misses = _history(fresh, "Ban Tổ chức Tỉnh ủy", {2019: X, 2020: T, **{y: X for y in range(2021, 2025)}},
                      [(2019, "BK_TINH"), (2022, "CO_TINH")])
    hints = standards.standards_for_units(fresh, [meets, misses], 2024)
    pm = {u: next(h for h in hints[u] if h.title.startswith("Bằng khen của Thủ tướng")) for u in hints}
    assert pm[meets].met and pm[meets].status.startswith(
        "Đủ điều kiện: sau BK tỉnh năm 2019 (QĐ 2019/QĐ-UBND), 5 năm liên tục HTXSNV/TTLĐXS (2020–2024)")
    assert not pm[misses].met and "còn thiếu 1 năm" in pm[misses].status
    province = {u: next(h for h in hints[u] if h.legal_ref == "Điều 74 khoản 3") for u in hints}
    assert province[meets].met and province[misses].met


def test_completion_levels_are_set_changed_and_removed(fresh: Workspace) -> None:
    unit = units.add_unit(fresh, "Ban Dân vận Tỉnh ủy")
    standards.set_completion(fresh, unit, 2024, X, reference="Thông báo số 12-TB/TU")
    standards.set_completion(fresh, unit, 2024, T)
    assert standards.completion_levels(fresh, [unit])[unit][2024].level is T
    standards.set_completion(fresh, unit, 2024, None)
    assert standards.completion_levels(fresh, [unit]) == {}


def test_every_member_of_the_demo_gets_its_hints(ws: Workspace) -> None:
    year = years.list_years(ws)[-2]
    members = [m.unit_id for m in years.members(ws, year.id)]
    hints = standards.standards_for_units(ws, members, year.year)
    levels = standards.completion_levels(ws, members)
    for unit in members:
        assert len(hints[unit]) == 6
        province = next(h for h in hints[unit] if h.legal_ref == "Điều 74 khoản 3")
        both = all(levels[unit].get(y) and levels[unit][y].level is X for y in (year.year - 1, year.year))
        assert province.met or not both
        excellent = hints[unit][0]
        assert excellent.status.startswith(("Đủ điều kiện", "Còn thiếu"))
    assert any(h.met for unit in members for h in hints[unit])
