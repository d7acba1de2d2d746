"""The commendation register on the demo bloc: search, filters, awards by hand, Excel export read
back, an all-or-nothing import, and term statistics."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from thidua_desktop.documents.register_excel import HEADER_ROW, SHEET, read_register
from thidua_desktop.domain.enums import CommendationSource, RecipientKind
from thidua_desktop.domain.text import search_key
from thidua_desktop.services import register, units
from thidua_desktop.services.register import CommendationFields, RegisterFilter
from thidua_desktop.services.workspace import ChangeRefused, Workspace


def test_search_ignores_diacritics_and_filters_combine(ws: Workspace) -> None:
    everything = register.search_register(ws)
    assert len(everything) > 100 and {r.source for r in everything} == set(CommendationSource)
    unit = everything[0].unit_name
    plain = search_key(unit)
    found = register.search_register(ws, RegisterFilter(text=plain.upper()))
    assert found and all(plain in search_key(f"{r.recipient_name} {r.recipient_detail}") for r in found)
    flags = register.search_register(ws, RegisterFilter(award_type_ids=frozenset({register.award_type_id(ws, "CO_TINH")}),
                                                        year_from=2023, year_to=2024))
    assert flags and all(r.award_name.startswith("Cờ thi đua") and 2023 <= r.year <= 2024 for r in flags)
    unit_id = flags[0].unit_id
    of_unit = register.search_register(ws, RegisterFilter(unit_id=unit_id))
    assert {r.collective for r in of_unit} == {True, False}  # the unit's own and its people's
    people = register.search_register(ws, RegisterFilter(unit_id=unit_id, recipient=RecipientKind.INDIVIDUAL))
    assert people and all(not r.collective and r.unit_id == unit_id for r in people)


def test_awards_from_outside_are_entered_corrected_and_removed_by_hand(ws: Workspace) -> None:
    unit = units.list_units(ws)[0]
    fields = CommendationFields(2021, register.award_type_id(ws, "BK_TTG"), unit_id=unit.id,
                                decision_number="1234/QĐ-TTg", decision_date=date(2021, 9, 2),
                                issuer="Thủ tướng Chính phủ", achievement="Thành tích xuất sắc 2016–2020")
    new = register.add_commendation(ws, fields)
    row = next(r for r in register.search_register(ws, RegisterFilter(text="1234/qđ-ttg")))
    assert row.commendation_id == new and row.recipient_name == unit.official_name
    assert row.source is CommendationSource.EXTERNAL
    register.update_commendation(ws, new, replace(fields, golden_book_no=7))
    assert register.search_register(ws, RegisterFilter(text="1234/QĐ-TTg"))[0].golden_book_no == 7
    register.delete_commendation(ws, new)
    assert register.search_register(ws, RegisterFilter(text="1234/QĐ-TTg")) == []
    from_bloc = register.search_register(ws, RegisterFilter(source=CommendationSource.BLOC))[0]
    with pytest.raises(ChangeRefused, match="theo đề nghị của Khối"):
        register.delete_commendation(ws, from_bloc.commendation_id)


def test_export_reads_back_line_for_line(ws: Workspace, tmp_path: Path) -> None:
    flt = RegisterFilter(year_from=2024, year_to=2025)
    rows = register.search_register(ws, flt)
    path = register.export_register(ws, tmp_path / "so-khen-thuong.xlsx", flt)
    sheet = read_register(path)
    assert sheet.problems == [] and len(sheet.lines) == len(rows)
    exported = {(l.year, l.award, l.person or l.unit, l.decision_number, l.golden_book_no, l.decision_date)
                for l in sheet.lines}
    assert exported == {(r.year, r.award_name, r.recipient_name, r.decision_number, r.golden_book_no,
                         r.decision_date) for r in rows}
    # importing the export adds nothing: every line is already in the register
    preview = register.preview_import(ws, path)
    assert preview.problems == [] and preview.new == [] and preview.skipped == len(rows)


def _sheet(path: Path, lines: list[tuple]) -> Path:
    from thidua_desktop.documents.register_excel import write_register

    write_register(path, "SỔ KHEN THƯỞNG", "", [])
    wb = load_workbook(path)
    for i, values in enumerate(lines, start=HEADER_ROW + 1):
        for col, value in enumerate(values, start=1):
            wb[SHEET].cell(i, col, value)
    wb.save(path)
    return path


def test_a_bad_sheet_lists_every_error_and_imports_nothing(ws: Workspace, tmp_path: Path) -> None:
    unit = units.list_units(ws)[0].official_name
    before = len(register.search_register(ws))
    path = _sheet(tmp_path / "ngoai-khoi.xlsx", [
        (1, 2022, "Bằng khen của Thủ tướng Chính phủ", unit, None, None, "99/QĐ-TTg", "12/05/2022"),
        (2, "hai nghìn", "Bằng khen của Thủ tướng Chính phủ", unit),
        (3, 2022, "Huy chương vàng Olympic", unit),
        (4, 2022, "Giấy khen", "Sở Không Có Thật"),
        (5, 2022, "Giấy khen", unit, None, None, None, "31/02/2022", None, "một"),
        (6, 2022, "Giấy khen", None, "Nguyễn Văn A"),
    ])
    preview = register.preview_import(ws, path)
    reasons = [(p.row, p.column, p.reason) for p in preview.problems]
    assert reasons == [
        (6, "B", "năm “hai nghìn” không phải là một số."),
        (7, "C", "“Huy chương vàng Olympic” không có trong danh mục danh hiệu, hình thức khen thưởng."),
        (8, "D", "không tìm thấy đơn vị “Sở Không Có Thật” trong sổ."),
        (9, "H", "ngày “31/02/2022” không đúng dạng ngày/tháng/năm."),
        (9, "J", "số sổ vàng “một” không phải là một số."),
        (10, "E", "cá nhân phải ghi kèm đơn vị công tác (cột D)."),
    ]
    assert not preview.can_apply
    with pytest.raises(ChangeRefused, match="còn 6 lỗi"):
        register.apply_import(ws, preview)
    assert len(register.search_register(ws)) == before


def test_a_good_sheet_imports_in_one_undoable_change(ws: Workspace, tmp_path: Path) -> None:
    unit = units.list_units(ws)[0]
    path = _sheet(tmp_path / "ngoai-khoi.xlsx", [
        (1, 2022, "bk thu tuong", unit.official_name, None, None, "99/QĐ-TTg", date(2022, 5, 12), "Thủ tướng Chính phủ"),
        (2, 2022, "Giấy khen", unit.official_name, "Trần Thị Mới", "Chuyên viên", "5/QĐ-SNV", "12/01/2023"),
    ])
    preview = register.preview_import(ws, path)
    assert preview.problems == [] and len(preview.new) == 2
    assert "Trần Thị Mới" in preview.notices[0].message
    assert register.apply_import(ws, preview) == 2
    found = register.search_register(ws, RegisterFilter(year_from=2022, year_to=2022, unit_id=unit.id,
                                                        source=CommendationSource.EXTERNAL))
    names = {(r.award_name, r.recipient_name, r.decision_date) for r in found}
    assert ("Bằng khen của Thủ tướng Chính phủ", unit.official_name, date(2022, 5, 12)) in names
    assert ("Giấy khen", "Trần Thị Mới", date(2023, 1, 12)) in names
    ws.undo()
    assert not register.search_register(ws, RegisterFilter(text="99/QĐ-TTg"))


def test_term_statistics_count_awards_and_consecutive_titles(ws: Workspace) -> None:
    stats = register.term_statistics(ws, 2023, 2025)
    rows = register.search_register(ws, RegisterFilter(year_from=2023, year_to=2025))
    assert sum(a.total for a in stats.awards) == len(rows)
    flags = next(a for a in stats.awards if a.award_name == "Cờ thi đua của Ủy ban nhân dân tỉnh")
    assert flags.collectives == sum(1 for r in rows if r.award_name == flags.award_name)
    assert stats.sentence.startswith("Từ năm 2023 đến năm 2025: ")
    assert f"{flags.total} Cờ thi đua của Ủy ban nhân dân tỉnh" in stats.sentence
    ldtt = next(c for c in stats.consecutive if c.award_name == "Lao động tiên tiến")
    assert "cá nhân đạt danh hiệu “Lao động tiên tiến” 3 năm liên tục" in stats.sentence
    assert ldtt.count > 0
    assert register.term_statistics(ws, 2025, 2025).consecutive == ()
