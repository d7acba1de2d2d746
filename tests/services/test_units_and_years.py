"""Units, heads, people, years and roles through the services, on a real workbook."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from thidua_desktop.db.models import AwardType, Quota
from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.domain.enums import MemberRole, TieBreak
from thidua_desktop.services import units as unit_svc
from thidua_desktop.services import years as year_svc
from thidua_desktop.services.workspace import ChangeRefused, Workspace

NAMES = ["Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Báo Lai Châu",
         "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh", "Ban Dân vận Tỉnh ủy"]


@pytest.fixture
def ws(empty_workbook: Path):
    workspace = Workspace(open_workbook(empty_workbook, operator="Thư ký"), operator="Thư ký")
    yield workspace
    workspace.close()


@pytest.fixture
def ids(ws: Workspace) -> dict[str, int]:
    return {name: unit_svc.add_unit(ws, name) for name in NAMES}


def test_units_list_in_vietnamese_order(ws: Workspace, ids: dict[str, int]) -> None:
    assert [u.official_name for u in unit_svc.list_units(ws)] == [
        "Ban Dân vận Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Báo Lai Châu", "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh",
        "Ủy ban Kiểm tra Tỉnh ủy", "Văn phòng Tỉnh ủy"]


def test_duplicate_and_empty_names_are_refused(ws: Workspace, ids: dict[str, int]) -> None:
    with pytest.raises(ChangeRefused, match="Đã có đơn vị"):
        unit_svc.add_unit(ws, "  bao   lai chau ".replace("bao", "Báo").replace("chau", "Châu"))
    with pytest.raises(ChangeRefused, match="không được để trống"):
        unit_svc.add_unit(ws, "   ")


def test_retire_keeps_history_and_leaves_next_years(ws: Workspace, ids: dict[str, int]) -> None:
    y2025 = year_svc.create_year(ws, 2025, leader_unit_id=ids["Văn phòng Tỉnh ủy"])
    unit_svc.retire_unit(ws, ids["Báo Lai Châu"], year=2026, reason="Sáp nhập")
    y2026 = year_svc.create_year(ws, 2026)
    assert "Báo Lai Châu" in [m.name for m in year_svc.members(ws, y2025)]
    assert "Báo Lai Châu" not in [m.name for m in year_svc.members(ws, y2026)]
    assert "Báo Lai Châu" not in [u.official_name for u in unit_svc.list_units(ws, include_retired=False)]
    assert "Báo Lai Châu" in [u.official_name for u in unit_svc.list_units(ws)]


def test_heads_over_time(ws: Workspace, ids: dict[str, int]) -> None:
    unit = ids["Văn phòng Tỉnh ủy"]
    unit_svc.set_head(ws, unit, full_name="Nguyễn Văn Bình", post="Chánh Văn phòng", start_date=date(2020, 5, 1))
    unit_svc.set_head(ws, unit, full_name="Đỗ Thị Hằng", post="Chánh Văn phòng", start_date=date(2025, 3, 1))
    heads = unit_svc.heads_of(ws, unit)
    assert [(h.full_name, h.end_date) for h in heads] == [("Nguyễn Văn Bình", date(2025, 2, 28)),
                                                          ("Đỗ Thị Hằng", None)]
    assert unit_svc.head_on(heads, date(2024, 12, 31)).full_name == "Nguyễn Văn Bình"
    assert unit_svc.head_on(heads, date(2026, 1, 5)).full_name == "Đỗ Thị Hằng"
    with pytest.raises(ChangeRefused, match="phải sau"):
        unit_svc.set_head(ws, unit, full_name="Lò Văn Pọm", post="Chánh Văn phòng", start_date=date(2024, 1, 1))


def test_persons_sort_by_given_name(ws: Workspace, ids: dict[str, int]) -> None:
    unit = ids["Ban Tổ chức Tỉnh ủy"]
    for name in ["Nguyễn Văn Thắng", "Trần Thị Bích", "Lê Đức Anh"]:
        unit_svc.add_person(ws, unit, name)
    assert [p.full_name for p in unit_svc.persons_of(ws, unit)] == ["Lê Đức Anh", "Trần Thị Bích", "Nguyễn Văn Thắng"]


def test_first_year_gets_defaults_and_next_year_copies(ws: Workspace, ids: dict[str, int]) -> None:
    y1 = year_svc.create_year(ws, 2025, leader_unit_id=ids["Văn phòng Tỉnh ủy"],
                              deputy_unit_ids=(ids["Ban Tổ chức Tỉnh ủy"], ids["Báo Lai Châu"]))
    year_svc.update_year(ws, y1, place_name="Lai Châu")
    year_svc.set_legal_bases(ws, y1, ["Căn cứ Luật Thi đua, khen thưởng năm 2022;", "", "Căn cứ Quyết định số 12."])
    year_svc.update_voting_rule(ws, y1, threshold_pct=Decimal("66.67"),
                                tie_break_order=[TieBreak.MORE_VOTES.value, TieBreak.LEADERS_DECIDE.value])
    y2 = year_svc.create_year(ws, 2026, leader_unit_id=ids["Báo Lai Châu"])
    years = {y.year: y for y in year_svc.list_years(ws)}
    assert [b.text for b in years[2026].legal_bases] == ["Căn cứ Luật Thi đua, khen thưởng năm 2022",
                                                         "Căn cứ Quyết định số 12"]
    assert years[2026].place_name == "Lai Châu"
    assert years[2026].voting_rule.threshold_pct == Decimal("66.67")
    assert years[2026].voting_rule.tie_break_order == ["more_votes", "leaders_decide"]
    with ws.read() as s:
        codes = {s.get(AwardType, q.award_type_id).code: q.max_count
                 for q in s.scalars(select(Quota).where(Quota.year_id == y2))}
    assert codes == {"CO_TINH": 2, "BK_TINH": 1}
    assert len(years[2025].legal_bases) == 2 and "Luật" in years[2025].legal_bases[0].text
    roles = {m.name: m.role for m in year_svc.members(ws, y2)}
    assert roles["Báo Lai Châu"] is MemberRole.TRUONG and list(roles.values()).count(MemberRole.PHO) == 0


def test_roles_one_leader_two_deputies(ws: Workspace, ids: dict[str, int]) -> None:
    y = year_svc.create_year(ws, 2026, leader_unit_id=ids["Văn phòng Tỉnh ủy"])
    year_svc.set_role(ws, y, ids["Ban Tổ chức Tỉnh ủy"], MemberRole.PHO)
    year_svc.set_role(ws, y, ids["Báo Lai Châu"], MemberRole.PHO)
    with pytest.raises(ChangeRefused, match="tối đa 2 đơn vị Phó khối"):
        year_svc.set_role(ws, y, ids["Ban Dân vận Tỉnh ủy"], MemberRole.PHO)
    year_svc.set_role(ws, y, ids["Ban Dân vận Tỉnh ủy"], MemberRole.TRUONG)  # the old leader steps down
    roles = {m.name: m.role for m in year_svc.members(ws, y)}
    assert roles["Ban Dân vận Tỉnh ủy"] is MemberRole.TRUONG
    assert roles["Văn phòng Tỉnh ủy"] is MemberRole.THANH_VIEN
    assert ws.undo() is not None
    assert {m.name: m.role for m in year_svc.members(ws, y)}["Văn phòng Tỉnh ủy"] is MemberRole.TRUONG


def test_rotation_history(ws: Workspace, ids: dict[str, int]) -> None:
    year_svc.create_year(ws, 2024, leader_unit_id=ids["Báo Lai Châu"], deputy_unit_ids=(ids["Ban Dân vận Tỉnh ủy"],))
    year_svc.create_year(ws, 2025, leader_unit_id=ids["Văn phòng Tỉnh ủy"])
    history = year_svc.rotation_history(ws)
    assert [(r.year, r.leader, r.deputies) for r in history] == [
        (2025, "Văn phòng Tỉnh ủy", ()), (2024, "Báo Lai Châu", ("Ban Dân vận Tỉnh ủy",))]


def test_creating_an_existing_year_is_refused(ws: Workspace, ids: dict[str, int]) -> None:
    year_svc.create_year(ws, 2026)
    with pytest.raises(ChangeRefused, match="đã có năm 2026"):
        year_svc.create_year(ws, 2026)
