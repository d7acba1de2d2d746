"""Reading filled templates: what real sheets contain is accepted, every problem is listed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from excel_fill import cache_formula_value, fill
from openpyxl import Workbook

from thidua_desktop.documents.excel_import import parse_number, read_filled
from thidua_desktop.documents.excel_template import SHEET, TemplateIdentity, TemplateLine, write_template
from thidua_desktop.domain.enums import CriterionKind

IDENTITY = TemplateIdentity("b" * 32, "Khối", 2026, "year_end", "Tổng kết năm", "u" * 32, "Sở Tư pháp", "t" * 32, 1)
LINES = [TemplateLine("I", "Phần I", Decimal(20), is_section=True),
         TemplateLine("1.1", "Điểm", Decimal(10), CriterionKind.MANUAL),
         TemplateLine("1.2", "Điểm", Decimal(10), CriterionKind.MANUAL),
         TemplateLine("1.3", "Xếp loại", Decimal(5), CriterionKind.GRADE),
         TemplateLine("1.4", "Tỷ lệ", Decimal(5), CriterionKind.RATIO)]


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return write_template(tmp_path / "Sở Tư pháp.xlsx", IDENTITY, LINES)


@pytest.mark.parametrize(("text", "number"), [("8,5", Decimal("8.5")), (" 8.5 ", Decimal("8.5")), (7, Decimal(7)),
                                              (4.1, Decimal("4.1")), ("1.234,5", Decimal("1234.5")), ("", None),
                                              (None, None)])
def test_numbers_as_units_type_them(text: object, number: Decimal | None) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["tám", "8,5đ", True, "nan"])
def test_text_that_is_not_a_number(text: object) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_filled_values_formula_comma_legacy_note_and_blank_rows(template: Path) -> None:
    fill(template, {"E9": 7, "E10": "=4+4.5", "E11": "b", "F12": "98,5", "G12": 100, "H9": "Hoµn thµnh tèt nhiÖm vô",
                    "A14": None})
    cache_formula_value(template, "E10", 8.5)
    batch = read_filled([template])
    assert batch.problems == []
    rows = {r.code: r for r in batch.sheets[0].rows}
    assert rows["1.1"].score == 7 and rows["1.1"].note == "Hoàn thành tốt nhiệm vụ"
    assert rows["1.2"].score == Decimal("8.5")  # the formula's cached value
    assert rows["1.3"].score == "b"
    assert (rows["1.4"].actual, rows["1.4"].plan) == (Decimal("98.5"), 100)
    assert rows["I"].blank  # section heading: nothing to import
    assert [str(n) for n in batch.notices] == [
        "Sở Tư pháp.xlsx, ô H9: chữ gõ bằng bảng mã TCVN3 (.VnTime) đã được chuyển sang Unicode: "
        "“Hoàn thành tốt nhiệm vụ”."]
    assert batch.sheets[0].identity["unit_uid"] == "u" * 32


def test_every_problem_is_listed_with_file_sheet_row_and_column(template: Path, tmp_path: Path) -> None:
    fill(template, {"F12": "chín mươi", "G12": "1O0"})
    damaged = tmp_path / "hỏng.xlsx"
    damaged.write_bytes(template.read_bytes()[:2000])
    foreign = tmp_path / "bảng khác.xlsx"
    Workbook().save(foreign)
    text = tmp_path / "ghi chú.xlsx"
    text.write_text("không phải Excel", encoding="utf-8")
    batch = read_filled([template, damaged, foreign, text])
    assert [(p.file, p.sheet, p.row, p.column) for p in batch.problems] == [
        ("Sở Tư pháp.xlsx", SHEET, 12, "F"), ("Sở Tư pháp.xlsx", SHEET, 12, "G"),
        ("bảng khác.xlsx", None, None, None), ("ghi chú.xlsx", None, None, None), ("hỏng.xlsx", None, None, None)]
    assert str(batch.problems[0]) == "Sở Tư pháp.xlsx, trang “Tự chấm”, ô F12: “chín mươi” không phải là một số."
    assert "hỏng" in batch.problems[-1].reason and "thiếu mã nhận diện" in batch.problems[2].reason
