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


def test_adding_and_removing_members_of_a_year(ws: Workspace, ids: dict[str, int]) -> None:
    unit_svc.retire_unit(ws, ids["Báo Lai Châu"], year=2026, reason="Sáp nhập")
    y = year_svc.create_year(ws, 2026)
    year_svc.remove_member(ws, y, ids["Ban Dân vận Tỉnh ủy"])
    assert [u.name for u in year_svc.units_outside(ws, y)] == ["Ban Dân vận Tỉnh ủy"]  # not the retired one
    year_svc.add_members(ws, y, [ids["Ban Dân vận Tỉnh ủy"]])
    assert year_svc.units_outside(ws, y) == []
    assert ws.undo_text == "Thêm Ban Dân vận Tỉnh ủy vào danh sách năm 2026"
    with pytest.raises(ChangeRefused, match="đã thôi tham gia khối từ năm 2026"):
        year_svc.add_members(ws, y, [ids["Báo Lai Châu"]])


def test_a_member_with_data_in_the_year_stays(ws: Workspace, ids: dict[str, int]) -> None:
    from thidua_desktop.db.models import Registration

    y = year_svc.create_year(ws, 2026)
    ws.change("Đăng ký", lambda s: s.add(Registration(year_id=y, unit_id=ids["Báo Lai Châu"])))
    with pytest.raises(ChangeRefused, match="Báo Lai Châu đã có số liệu của năm 2026"):
        year_svc.remove_member(ws, y, ids["Báo Lai Châu"])
    assert "Báo Lai Châu" in [m.name for m in year_svc.members(ws, y)]


def test_quota_lines_show_proposable_awards_and_caps(ws: Workspace, ids: dict[str, int]) -> None:
    y = year_svc.create_year(ws, 2026)
    lines = {q.name: q.max_count for q in year_svc.quota_lines(ws, y)}
    assert lines["Cờ thi đua của Ủy ban nhân dân tỉnh"] == 2
    assert lines["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"] == 1
    assert lines["Cờ thi đua của Chính phủ"] is None
    assert "Giấy khen" not in lines and "Chiến sĩ thi đua cấp tỉnh" not in lines  # not a bloc's proposal
    co_cp = next(q.award_type_id for q in year_svc.quota_lines(ws, y) if q.name == "Cờ thi đua của Chính phủ")
    year_svc.set_quota(ws, y, co_cp, 1)
    with pytest.raises(ChangeRefused, match="không được âm"):
        year_svc.set_quota(ws, y, co_cp, -1)
    year_svc.restore_default_quotas(ws, y)
    assert {q.name: q.max_count for q in year_svc.quota_lines(ws, y)} == lines


def test_year_fields_clear_and_name_the_change(ws: Workspace, ids: dict[str, int]) -> None:
    y = year_svc.create_year(ws, 2026)
    year_svc.update_year(ws, y, place_name="  Lai   Châu ", dossier_deadline=date(2027, 1, 20))
    assert ws.undo_text == "Sửa thông tin năm 2026"
    year_svc.update_year(ws, y, place_name="")
    assert ws.undo_text == "Sửa địa danh năm 2026"
    year = year_svc.get_year(ws, y)
    assert year.place_name is None and year.dossier_deadline == date(2027, 1, 20)
    ws.undo()
    assert year_svc.get_year(ws, y).place_name == "Lai Châu"


def test_voting_rule_limits_and_defaults(ws: Workspace, ids: dict[str, int]) -> None:
    y = year_svc.create_year(ws, 2026)
    with pytest.raises(ChangeRefused, match="có mặt tối thiểu"):
        year_svc.update_voting_rule(ws, y, quorum_pct=Decimal(0))
    year_svc.update_voting_rule(ws, y, secret_ballot=False, max_rounds=3, tie_break_order=["more_votes"])
    year_svc.restore_default_voting_rule(ws, y)
    rule = year_svc.get_year(ws, y).voting_rule
    assert (rule.secret_ballot, rule.max_rounds) == (True, 2)
    assert rule.tie_break_order == ["fewer_penalty", "more_grade_a", "female_preference", "leaders_decide"]


# --- units page: rows, joining, leaving, coming back ------------------------------------------


def _close(ws: Workspace, year_id: int) -> None:
    from thidua_desktop.db.models import EmulationYear
    from thidua_desktop.domain.enums import YearState

    ws.change("Khóa sổ", lambda s: setattr(s.get(EmulationYear, year_id), "state", YearState.CLOSED))


def _member_names(ws: Workspace, year_id: int) -> list[str]:
    return [m.name for m in year_svc.members(ws, year_id)]


def test_unit_rows_carry_the_head_on_the_day_asked(ws: Workspace, ids: dict[str, int]) -> None:
    unit = ids["Văn phòng Tỉnh ủy"]
    unit_svc.update_unit(ws, unit, short_name="VPTU", symbol="VPTU", superior_body="Tỉnh ủy Lai Châu")
    unit_svc.set_head(ws, unit, full_name="Nguyễn Văn Bình", post="Chánh Văn phòng", start_date=date(2020, 5, 1))
    unit_svc.set_head(ws, unit, full_name="Đỗ Thị Hằng", post="Chánh Văn phòng", start_date=date(2025, 3, 1))
    rows = {r.official_name: r for r in unit_svc.unit_rows(ws, on=date(2024, 6, 1))}
    assert list(rows) == [u.official_name for u in unit_svc.list_units(ws)]
    row = rows["Văn phòng Tỉnh ủy"]
    assert (row.symbol, row.superior_body, row.head.full_name) == ("VPTU", "Tỉnh ủy Lai Châu", "Nguyễn Văn Bình")
    assert unit_svc.unit_rows(ws)[-1].head.full_name == "Đỗ Thị Hằng"
    assert rows["Báo Lai Châu"].head is None and not rows["Báo Lai Châu"].retired


def test_a_joining_unit_is_listed_in_the_open_years_from_its_first_year(ws: Workspace, ids: dict[str, int]) -> None:
    y2024 = year_svc.create_year(ws, 2024)
    y2025 = year_svc.create_year(ws, 2025)
    _close(ws, y2024)
    new = unit_svc.add_unit(ws, "Sở Nội vụ", joined_year=2024)
    assert "Sở Nội vụ" in _member_names(ws, y2025) and "Sở Nội vụ" not in _member_names(ws, y2024)
    assert ws.undo() is not None
    assert "Sở Nội vụ" not in _member_names(ws, y2025)
    assert new not in [u.id for u in unit_svc.list_units(ws)]
    unit_svc.add_unit(ws, "Sở Y tế")  # no year given: no year lists it
    assert "Sở Y tế" not in _member_names(ws, y2025)


def test_leaving_drops_the_unit_from_open_years_only(ws: Workspace, ids: dict[str, int]) -> None:
    y2024 = year_svc.create_year(ws, 2024, leader_unit_id=ids["Văn phòng Tỉnh ủy"])
    y2025 = year_svc.create_year(ws, 2025, leader_unit_id=ids["Văn phòng Tỉnh ủy"])
    _close(ws, y2024)
    with pytest.raises(ChangeRefused, match="Năm 2024 đã khóa sổ.*từ năm 2025 trở đi"):
        unit_svc.retire_unit(ws, ids["Báo Lai Châu"], year=2024)
    with pytest.raises(ChangeRefused, match="đang là Trưởng khối năm 2025"):
        unit_svc.retire_unit(ws, ids["Văn phòng Tỉnh ủy"], year=2025)
    unit_svc.retire_unit(ws, ids["Báo Lai Châu"], year=2025, reason="  Sáp nhập  vào Sở Văn hóa ")
    assert "Báo Lai Châu" in _member_names(ws, y2024) and "Báo Lai Châu" not in _member_names(ws, y2025)
    row = next(r for r in unit_svc.unit_rows(ws) if r.id == ids["Báo Lai Châu"])
    assert (row.retired, row.retired_year, row.retired_reason) == (True, 2025, "Sáp nhập vào Sở Văn hóa")
    with pytest.raises(ChangeRefused, match="đã rời khối từ năm 2025"):
        unit_svc.retire_unit(ws, ids["Báo Lai Châu"], year=2026)

    unit_svc.reinstate_unit(ws, ids["Báo Lai Châu"])
    assert "Báo Lai Châu" in _member_names(ws, y2025)
    assert not next(r for r in unit_svc.unit_rows(ws) if r.id == ids["Báo Lai Châu"]).retired
    with pytest.raises(ChangeRefused, match="đang tham gia"):
        unit_svc.reinstate_unit(ws, ids["Báo Lai Châu"])


def test_leaving_before_joining_is_refused(ws: Workspace) -> None:
    unit = unit_svc.add_unit(ws, "Sở Nội vụ", joined_year=2023)
    with pytest.raises(ChangeRefused, match="tham gia khối từ năm 2023"):
        unit_svc.retire_unit(ws, unit, year=2022)


def test_a_new_head_reuses_the_person_and_terms_never_overlap(ws: Workspace, ids: dict[str, int]) -> None:
    unit = ids["Ban Tổ chức Tỉnh ủy"]
    staff = unit_svc.add_person(ws, unit, "Lê Đức Anh", post="Phó Trưởng ban", active=False)
    unit_svc.set_head(ws, unit, full_name="Nguyễn Văn Thắng", post="Trưởng ban", start_date=date(2019, 1, 1))
    unit_svc.set_head(ws, unit, full_name="Lê Đức Anh", post="Trưởng ban", start_date=date(2024, 7, 1))
    person = next(p for p in unit_svc.persons_of(ws, unit) if p.id == staff)
    assert (person.post, person.active) == ("Trưởng ban", True)

    first, second = unit_svc.heads_of(ws, unit)
    with pytest.raises(ChangeRefused, match="trùng với nhiệm kỳ của Trưởng ban Lê Đức Anh"):
        unit_svc.correct_head(ws, first.id, post="Trưởng ban", start_date=date(2019, 1, 1), end_date=date(2024, 7, 1))
    with pytest.raises(ChangeRefused, match="không được trước"):
        unit_svc.correct_head(ws, first.id, post="Trưởng ban", start_date=date(2019, 1, 1), end_date=date(2018, 1, 1))
    unit_svc.correct_head(ws, first.id, post="Trưởng Ban Tổ chức", start_date=date(2019, 3, 15),
                          end_date=date(2024, 6, 30))
    assert [(h.post, h.start_date) for h in unit_svc.heads_of(ws, unit)][0] == ("Trưởng Ban Tổ chức", date(2019, 3, 15))
    assert "Sửa nhiệm kỳ thủ trưởng Nguyễn Văn Thắng" in ws.undo_text

    unit_svc.correct_head(ws, second.id, post="Trưởng ban", start_date=date(2024, 7, 1), end_date=date(2025, 1, 31))
    with pytest.raises(ChangeRefused, match="sau ngày thôi nhiệm vụ của Lê Đức Anh"):
        unit_svc.set_head(ws, unit, full_name="Trần Thị Bích", post="Trưởng ban", start_date=date(2025, 1, 1))
    unit_svc.set_head(ws, unit, full_name="Trần Thị Bích", post="Trưởng ban", start_date=date(2025, 3, 1))
    assert unit_svc.heads_of(ws, unit)[-1].full_name == "Trần Thị Bích"


def test_people_are_marked_inactive_not_deleted(ws: Workspace, ids: dict[str, int]) -> None:
    unit = ids["Báo Lai Châu"]
    pid = unit_svc.add_person(ws, unit, "Trần Thị Bích", gender="nu", birth_year=1985, post="Phóng viên")
    unit_svc.update_person(ws, pid, active=False)
    assert ws.undo_text == "Trần Thị Bích: đã nghỉ hoặc chuyển công tác"
    assert unit_svc.persons_of(ws, unit) == []
    person = unit_svc.persons_of(ws, unit, include_inactive=True)[0]
    assert (person.gender.label, person.birth_year, person.active) == ("Nữ", 1985, False)
    unit_svc.update_person(ws, pid, full_name="Trần Thị Ngọc Bích", gender=None, birth_year=None)
    assert ws.undo_text == "Sửa thông tin cá nhân Trần Thị Bích"
    with pytest.raises(ChangeRefused, match="Năm sinh 1850"):
        unit_svc.update_person(ws, pid, birth_year=1850)
    with pytest.raises(ChangeRefused, match="không được để trống"):
        unit_svc.add_person(ws, unit, "  ")
