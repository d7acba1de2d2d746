"""The first-run wizard's backend: pasted units, checks, and a complete new workbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.domain.enums import BlocKind, MemberRole
from thidua_desktop.services import units as unit_svc
from thidua_desktop.services import years as year_svc
from thidua_desktop.services.bloc_setup import (
    NewBloc,
    NewUnit,
    SetupError,
    check_leadership,
    create_bloc,
    parse_units,
    units_from_rows,
)
from thidua_desktop.services.workspace import Workspace

PASTED = (
    "STT\tTên đơn vị\tViết tắt\tThủ trưởng\tChức vụ\n"
    "1\tVăn phòng Tỉnh ủy\tVPTU\tĐỗ Thị Hằng\tChánh Văn phòng\n"
    "2\tBan Tổ chức Tỉnh ủy\tBTC\tGiàng A Tông\tTrưởng ban\n"
    "\n"
    "3\tBáo Lai Châu\tBLC\n"
)


def test_parse_units_pasted_from_excel() -> None:
    assert parse_units(PASTED) == [
        NewUnit("Văn phòng Tỉnh ủy", "VPTU", "Đỗ Thị Hằng", "Chánh Văn phòng"),
        NewUnit("Ban Tổ chức Tỉnh ủy", "BTC", "Giàng A Tông", "Trưởng ban"),
        NewUnit("Báo Lai Châu", "BLC", None, None),
    ]
    assert parse_units("Sở Tư pháp; STP\nSở Y tế") == [NewUnit("Sở Tư pháp", "STP"), NewUnit("Sở Y tế")]


def test_parse_units_of_an_official_list_with_groups_and_wrapped_cells() -> None:
    # Excel's clipboard: CRLF rows, a cell with a line break quoted, a blank STT, group headings I., II.
    pasted = ("TT\tCơ quan, đơn vị\tViết tắt\tThủ trưởng\tChức vụ\r\n"
              "I.\tCÁC CƠ QUAN ĐẢNG\t\t\t\r\n"
              "1\t\"Văn phòng\nTỉnh ủy\"\tVPTU\tĐỗ Thị Hằng\tThủ trưởng\r\n"
              "\tBan Dân vận Tỉnh ủy\tBDV\t\t\r\n"
              "II\tCÁC SỞ, NGÀNH\t\t\t\r\n"
              "2\tTrung tâm Chính trị tỉnh\tTT\t\t\r\n")
    assert parse_units(pasted) == [
        NewUnit("Văn phòng Tỉnh ủy", "VPTU", "Đỗ Thị Hằng", "Thủ trưởng"),
        NewUnit("Ban Dân vận Tỉnh ủy", "BDV"),
        NewUnit("Trung tâm Chính trị tỉnh", "TT"),
    ]


def test_grid_rows_become_units_and_a_row_without_a_name_is_refused() -> None:
    rows = [["  Sở  Y tế ", "SYT", "", ""], ["", "", "", ""], ["Sở Tư pháp", None, "Lò Văn Pấng", "Giám đốc"]]
    assert units_from_rows(rows) == (NewUnit("Sở Y tế", "SYT"), NewUnit("Sở Tư pháp", None, "Lò Văn Pấng", "Giám đốc"))
    with pytest.raises(SetupError, match="Dòng 4 chưa có tên đơn vị"):
        units_from_rows([*rows, ["", "BLC", "", ""]])


def test_a_third_deputy_is_refused_with_a_message() -> None:
    check_leadership(2026, 0, (1, 2))
    with pytest.raises(SetupError, match="tối đa 2 đơn vị Phó khối"):
        check_leadership(2026, 0, (1, 2, 3))
    with pytest.raises(SetupError, match="từ 2000 đến 2100"):
        check_leadership(1999, None, ())


def spec(**over) -> NewBloc:
    base = dict(name="Khối thi đua các cơ quan Đảng tỉnh", kind=BlocKind.KHOI, organising_body="UBND tỉnh Lai Châu",
                province="Lai Châu", units=tuple(parse_units(PASTED)), first_year=2026, leader=0, deputies=(2,))
    base.update(over)
    return NewBloc(**base)


@pytest.mark.parametrize("over, message", [
    ({"name": "  "}, "tên khối"),
    ({"units": ()}, "ít nhất một đơn vị"),
    ({"units": (NewUnit("Sở Y tế"), NewUnit("sở y tế"))}, "trùng"),
    ({"deputies": (0,)}, "vừa là Trưởng khối"),
    ({"deputies": (1, 2, 2)}, "tối đa 2"),
])
def test_wizard_answers_are_checked(tmp_path: Path, over: dict, message: str) -> None:
    with pytest.raises(SetupError, match=message):
        create_bloc(tmp_path / "x.thidua", spec(**over), operator="Thư ký")
    assert not (tmp_path / "x.thidua").exists()


def test_create_bloc_writes_a_complete_workbook(tmp_path: Path) -> None:
    path = create_bloc(tmp_path / "Khối Đảng.thidua", spec(), operator="Thư ký")
    ws = Workspace(open_workbook(path, operator="Thư ký"), operator="Thư ký")
    try:
        roles = {m.name: m.role for m in year_svc.members(ws, year_svc.year_id_of(ws, 2026))}
        assert roles == {"Văn phòng Tỉnh ủy": MemberRole.TRUONG, "Báo Lai Châu": MemberRole.PHO,
                         "Ban Tổ chức Tỉnh ủy": MemberRole.THANH_VIEN}
        vptu = next(u for u in unit_svc.list_units(ws) if u.short_name == "VPTU")
        assert [(h.full_name, h.post) for h in unit_svc.heads_of(ws, vptu.id)] == [("Đỗ Thị Hằng", "Chánh Văn phòng")]
        year = year_svc.list_years(ws)[0]
        assert year.place_name == "Lai Châu" and year.voting_rule is not None and year.legal_bases
    finally:
        ws.close()


def test_a_file_is_never_overwritten_and_an_unwritable_place_is_an_os_error(tmp_path: Path) -> None:
    existing = tmp_path / "Khối Đảng.thidua"
    existing.write_bytes("sổ khác".encode())
    with pytest.raises(FileExistsError):
        create_bloc(existing, spec(), operator="Thư ký")
    assert existing.read_bytes() == "sổ khác".encode()
    with pytest.raises(OSError, match="Không ghi được sổ thi đua"):
        create_bloc(tmp_path / "không có" / "x.thidua", spec(), operator="Thư ký")
