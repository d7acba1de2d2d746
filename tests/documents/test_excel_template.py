"""The self-scoring template: locked except the inputs, validated inputs, hidden identity, print setup."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from excel_fill import year_end_period
from openpyxl import load_workbook

from thidua_desktop.db.models import Membership, Unit
from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.documents.excel_template import (
    FIRST_ROW,
    GUIDE_SHEET,
    IDENTITY_SHEET,
    SHEET,
    Current,
    TemplateIdentity,
    TemplateLine,
    write_template,
)
from thidua_desktop.domain.enums import CriterionKind
from thidua_desktop.services.excel_exchange import write_templates
from thidua_desktop.services.workspace import Workspace

IDENTITY = TemplateIdentity("b" * 32, "Khối thi đua các cơ quan Đảng tỉnh", 2026, "year_end", "Tổng kết năm",
                            "u" * 32, "Văn phòng Tỉnh ủy", "t" * 32, 2)
LINES = [
    TemplateLine("I", "Thực hiện nhiệm vụ chính trị", Decimal(40), is_section=True),
    TemplateLine("1.1", "Chấm trực tiếp", Decimal("7.5"), CriterionKind.MANUAL, "Chấm theo báo cáo năm",
                 Current(value=Decimal("6.5"), note="Báo cáo số 12")),
    TemplateLine("1.2", "Xếp loại", Decimal(5), CriterionKind.GRADE, current=Current(grade="B")),
    TemplateLine("1.3", "Có kế hoạch năm", Decimal(2), CriterionKind.YES_NO, current=Current(value=Decimal(1))),
    TemplateLine("1.4", "Tỷ lệ hoàn thành", Decimal(5), CriterionKind.RATIO, current=Current(actual=98.5, plan=100)),
]


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return write_template(tmp_path / "mẫu.xlsx", IDENTITY, LINES)


def test_only_input_cells_are_unlocked_and_validated(template: Path) -> None:
    wb = load_workbook(template)
    sheet = wb[SHEET]
    assert sheet.protection.sheet and wb.security.lockStructure
    manual, grade, yes_no, ratio = range(FIRST_ROW + 1, FIRST_ROW + 5)
    unlocked = {c.coordinate for row in sheet.iter_rows() for c in row if not c.protection.locked}
    assert unlocked == {f"E{manual}", f"H{manual}", f"E{grade}", f"H{grade}", f"E{yes_no}", f"H{yes_no}",
                        f"F{ratio}", f"G{ratio}", f"H{ratio}"}
    rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert rules[f"E{manual}"].type == "decimal" and rules[f"E{manual}"].formula2 == "7.5"
    assert rules[f"E{grade}"].formula1 == '"A,B,C,D"'
    assert rules[f"E{yes_no}"].formula1 == '"Có,Không"'
    assert rules[f"F{ratio} G{ratio}"].operator == "greaterThanOrEqual"
    # the unit's current figures are pre-filled
    assert [sheet[f"E{r}"].value for r in (manual, grade, yes_no)] == [6.5, "B", "Có"]
    assert (sheet[f"F{ratio}"].value, sheet[f"G{ratio}"].value, sheet[f"H{manual}"].value) == (98.5, 100, "Báo cáo số 12")


def test_identity_is_very_hidden_and_guide_is_vietnamese(template: Path) -> None:
    wb = load_workbook(template)
    hidden = wb[IDENTITY_SHEET]
    assert hidden.sheet_state == "veryHidden"
    identity = {r[0]: r[1] for r in hidden.iter_rows(values_only=True)}
    assert identity["bloc_uuid"] == "b" * 32 and identity["unit_uid"] == "u" * 32
    assert (identity["year"], identity["period_kind"], identity["table_version"]) == (2026, "year_end", 2)
    assert wb[GUIDE_SHEET]["A1"].value == "HƯỚNG DẪN ĐIỀN BẢNG TỰ CHẤM ĐIỂM"
    assert wb.sheetnames[0] == SHEET and wb[SHEET]["A2"].value.endswith("TỔNG KẾT NĂM 2026")


def test_print_setup(template: Path) -> None:
    sheet = load_workbook(template)[SHEET]
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$6:$7"
    assert sheet["B9"].font.name == "Times New Roman" and sheet["B9"].alignment.wrap_text
    assert "A6:A7" in {str(r) for r in sheet.merged_cells.ranges}


def test_one_template_per_member_unit(demo_workbook: Path, tmp_path: Path) -> None:
    ws = Workspace(open_workbook(demo_workbook, operator="Thư ký"), operator="Thư ký")
    try:
        period = year_end_period(ws)
        seen: list[str] = []
        paths = write_templates(ws, period.id, tmp_path / "mẫu", lambda done, total, name: seen.append(name) or True)
        with ws.read() as s:
            members = s.query(Unit.uid).join(Membership, Membership.unit_id == Unit.id) \
                .filter(Membership.year_id == period.year_id).all()
        assert len(paths) == len(members) == len(seen) == 9
        uids = set()
        for path in paths:
            identity = {r[0]: r[1] for r in load_workbook(path, read_only=True)[IDENTITY_SHEET].iter_rows(values_only=True)}
            assert identity["bloc_uuid"] == ws.workbook.bloc_uuid
            uids.add(identity["unit_uid"])
        assert uids == {m.uid for m in members}
        # cancelling stops before the next file
        stopped = write_templates(ws, period.id, tmp_path / "dừng", lambda done, total, name: done < 2)
        assert len(stopped) == 2
    finally:
        ws.close()
