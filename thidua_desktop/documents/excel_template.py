"""The self-scoring workbook a member unit fills in (bảng tự chấm điểm), one per unit.

Only the input cells are unlocked and each carries a data validation for its criterion's
kind, so what comes back is mostly already valid. A very hidden sheet holds the identity
(bloc, year, period, unit, table version) so that ``excel_import`` can refuse a sheet that
belongs elsewhere. The layout constants below are shared with the importer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from thidua_desktop.domain.enums import CriterionKind
from thidua_desktop.domain.text import format_points

from .excel_print import FONT, period_title, print_setup

SHEET = "Tự chấm"
GUIDE_SHEET = "Hướng dẫn"
IDENTITY_SHEET = "_dinh_danh"
FORMAT = "thidua-tu-cham/1"
HEADER_ROW = 6  # "Mã" in column A; row 7 holds the sub-headers under the merged "Đơn vị tự chấm"
FIRST_ROW = 8
COL_CODE, COL_TEXT, COL_MAX, COL_KIND, COL_SCORE, COL_ACTUAL, COL_PLAN, COL_NOTE, COL_GUIDE = range(1, 10)
YES, NO = "Có", "Không"


@dataclass(frozen=True, slots=True)
class TemplateIdentity:
    """Where a sheet belongs; written into the hidden sheet and checked on import."""

    bloc_uuid: str
    bloc_name: str
    year: int
    period_kind: str
    period_label: str
    unit_uid: str
    unit_name: str
    table_uid: str
    table_version: int

    def as_rows(self) -> list[tuple[str, object]]:
        return [("format", FORMAT), *((k, getattr(self, k)) for k in self.__slots__)]


@dataclass(frozen=True, slots=True)
class Current:
    """The unit's figures already in the workbook, pre-filled so a resent sheet keeps them."""

    value: Decimal | None = None
    grade: str | None = None
    actual: float | None = None
    plan: float | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class TemplateLine:
    """A section heading (kind None, no points), a criterion heading, or a criterion to score."""

    code: str
    text: str
    max_points: Decimal | None = None
    kind: CriterionKind | None = None
    guidance: str | None = None
    current: Current = field(default_factory=Current)
    is_section: bool = False

    @property
    def scored(self) -> bool:
        return self.kind is not None


GUIDE = (
    "HƯỚNG DẪN ĐIỀN BẢNG TỰ CHẤM ĐIỂM",
    "",
    "1. Chỉ điền vào các ô nền vàng ở trang “Tự chấm”; các ô khác đã được khóa.",
    "2. Cột “Tự chấm”: tiêu chí chấm trực tiếp ghi số điểm (từ 0 đến điểm chuẩn, dùng dấu phẩy "
    "hoặc dấu chấm thập phân, ví dụ 8,5); tiêu chí xếp loại chọn A, B, C hoặc D; "
    "tiêu chí có/không chọn Có hoặc Không.",
    "3. Tiêu chí tính theo tỷ lệ: ghi “Số thực hiện” và “Kế hoạch” (kế hoạch lớn hơn 0); "
    "phần mềm của khối tự tính điểm, phần vượt kế hoạch được cộng điểm thưởng theo quy định.",
    "4. Cột “Ghi chú, tài liệu kiểm chứng”: ghi số, ngày văn bản hoặc tài liệu chứng minh.",
    "5. Ô để trống nghĩa là chưa chấm; khi nhập, khối giữ nguyên điểm đã có của tiêu chí đó.",
    "6. Không đổi tên tệp thành của đơn vị khác, không sao chép trang sang tệp khác: tệp mang "
    "mã nhận diện của đơn vị, năm, kỳ chấm và phiên bản bảng điểm; tệp sai sẽ bị từ chối.",
    "7. Lưu tệp ở dạng Excel (.xlsx) và gửi lại cho đơn vị Trưởng khối đúng hạn.",
)


def write_template(path: Path, identity: TemplateIdentity, lines: Iterable[TemplateLine]) -> Path:
    """Write one unit's self-scoring workbook to ``path`` (.xlsx) and return the path."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    wb = Workbook()
    sheet = wb.active
    sheet.title = SHEET
    _write_scoring_sheet(sheet, identity, list(lines))
    _write_guide(wb.create_sheet(GUIDE_SHEET))
    hidden = wb.create_sheet(IDENTITY_SHEET)
    for row in identity.as_rows():
        hidden.append(list(row))
    hidden.sheet_state = "veryHidden"
    hidden.protection.sheet = True
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _styles():  # noqa: ANN202 - a namespace of openpyxl styles
    from types import SimpleNamespace

    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="808080")
    return SimpleNamespace(
        font=Font(name=FONT, size=12), bold=Font(name=FONT, size=12, bold=True),
        title=Font(name=FONT, size=14, bold=True),
        wrap=Alignment(wrap_text=True, vertical="top"),
        centre=Alignment(horizontal="center", vertical="center", wrap_text=True),
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        input=PatternFill("solid", fgColor="FFF2CC"), heading=PatternFill("solid", fgColor="D9E1F2"),
        unlocked=Protection(locked=False),
    )


def _write_scoring_sheet(sheet, identity: TemplateIdentity, lines: list[TemplateLine]) -> None:  # noqa: ANN001
    from openpyxl.utils import get_column_letter

    st = _styles()
    titles = (identity.bloc_name.upper(),
              f"BẢNG TỰ CHẤM ĐIỂM THI ĐUA — {period_title(identity.period_label, identity.year)}",
              f"Đơn vị: {identity.unit_name}",
              f"Bảng điểm phiên bản {identity.table_version}")
    for row, text in enumerate(titles, start=1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COL_GUIDE)
        cell = sheet.cell(row, 1, text)
        cell.font = st.title if row <= 2 else st.bold
        cell.alignment = st.centre
    heads = {COL_CODE: "Mã", COL_TEXT: "Nội dung tiêu chí", COL_MAX: "Điểm chuẩn", COL_KIND: "Cách chấm",
             COL_SCORE: "Đơn vị tự chấm", COL_NOTE: "Ghi chú, tài liệu kiểm chứng", COL_GUIDE: "Hướng dẫn chấm"}
    subs = {COL_SCORE: "Điểm / xếp loại / Có-Không", COL_ACTUAL: "Số thực hiện", COL_PLAN: "Kế hoạch"}
    for col in range(1, COL_GUIDE + 1):
        for row, text in ((HEADER_ROW, heads.get(col)), (HEADER_ROW + 1, subs.get(col))):
            cell = sheet.cell(row, col, text)
            cell.font, cell.alignment, cell.border, cell.fill = st.bold, st.centre, st.border, st.heading
        if col not in subs:
            sheet.merge_cells(start_row=HEADER_ROW, start_column=col, end_row=HEADER_ROW + 1, end_column=col)
    sheet.merge_cells(start_row=HEADER_ROW, start_column=COL_SCORE, end_row=HEADER_ROW, end_column=COL_PLAN)

    validations = _Validations(sheet)
    for row, line in enumerate(lines, start=FIRST_ROW):
        _write_line(sheet, row, line, st, validations)
    for col, width in zip(range(1, COL_GUIDE + 1), (8, 48, 9, 16, 14, 12, 12, 30, 40)):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = sheet.cell(FIRST_ROW, COL_SCORE)
    sheet.protection.sheet = True
    sheet.protection.formatCells = False
    sheet.protection.formatRows = False
    print_setup(sheet, f"{HEADER_ROW}:{HEADER_ROW + 1}")


def _write_line(sheet, row: int, line: TemplateLine, st, validations: "_Validations") -> None:  # noqa: ANN001
    values = {COL_CODE: line.code, COL_TEXT: line.text}
    if line.max_points is not None:
        values[COL_MAX] = float(line.max_points)
    if line.scored:
        cur = line.current
        values[COL_KIND] = line.kind.label
        values[COL_GUIDE] = line.guidance
        values[COL_NOTE] = cur.note
        if line.kind in (CriterionKind.RATIO, CriterionKind.INVERSE_RATIO):
            values[COL_ACTUAL], values[COL_PLAN] = cur.actual, cur.plan
        elif line.kind is CriterionKind.GRADE:
            values[COL_SCORE] = cur.grade
        elif line.kind is CriterionKind.YES_NO:
            values[COL_SCORE] = None if cur.value is None else (YES if cur.value else NO)
        elif cur.value is not None:
            values[COL_SCORE] = float(cur.value)
    for col in range(1, COL_GUIDE + 1):
        cell = sheet.cell(row, col, values.get(col))
        cell.font = st.font if line.scored else st.bold
        cell.alignment = st.wrap
        cell.border = st.border
        if not line.scored:
            cell.fill = st.heading
    if line.max_points is not None:
        sheet.cell(row, COL_MAX).number_format = "0.##"
    if line.scored:
        for col in validations.add(line, row):
            cell = sheet.cell(row, col)
            cell.protection, cell.fill = st.unlocked, st.input


class _Validations:
    """One DataValidation per rule (grade list, yes/no list, each maximum), sharing ranges."""

    def __init__(self, sheet) -> None:  # noqa: ANN001
        self.sheet = sheet
        self.by_key: dict[object, object] = {}

    def _get(self, key: object, **kw: object):  # noqa: ANN202
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = self.by_key.get(key)
        if dv is None:
            dv = DataValidation(allow_blank=True, showErrorMessage=True, errorTitle="Giá trị không hợp lệ", **kw)
            self.sheet.add_data_validation(dv)
            self.by_key[key] = dv
        return dv

    def add(self, line: TemplateLine, row: int) -> list[int]:
        """Validate the row's input cells for its criterion's kind; return their columns."""
        from openpyxl.utils import get_column_letter

        kind = line.kind
        if kind in (CriterionKind.RATIO, CriterionKind.INVERSE_RATIO):
            dv = self._get("figure", type="decimal", operator="greaterThanOrEqual", formula1="0",
                           error="Ghi một số không âm.")
            cols = [COL_ACTUAL, COL_PLAN]
        elif kind is CriterionKind.GRADE:
            dv = self._get("grade", type="list", formula1='"A,B,C,D"', error="Chọn A, B, C hoặc D.")
            cols = [COL_SCORE]
        elif kind is CriterionKind.YES_NO:
            dv = self._get("yes_no", type="list", formula1=f'"{YES},{NO}"', error=f"Chọn {YES} hoặc {NO}.")
            cols = [COL_SCORE]
        else:
            top = line.max_points
            dv = self._get(("max", top), type="decimal", operator="between", formula1="0", formula2=str(top),
                           error=f"Điểm phải từ 0 đến {format_points(top)}.")
            cols = [COL_SCORE]
        for col in cols:
            dv.add(f"{get_column_letter(col)}{row}")
        return [*cols, COL_NOTE]


def _write_guide(sheet) -> None:  # noqa: ANN001
    st = _styles()
    for row, text in enumerate(GUIDE, start=1):
        cell = sheet.cell(row, 1, text or None)
        cell.font = st.title if row == 1 else st.font
        cell.alignment = st.wrap
    sheet.column_dimensions["A"].width = 110
    sheet.protection.sheet = True
    print_setup(sheet, None)

