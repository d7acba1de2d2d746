"""The commendation register (sổ khen thưởng) as an Excel sheet: written for printing and
sharing, and read back for importing awards received outside the bloc.

The exported sheet is also the import template: the same columns, so an export reads back.
Reading collects every problem (file, row, column) instead of stopping at the first; matching
names against the workbook is the service's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from thidua_desktop.domain.text import clean, search_key

from .excel_import import Notice, Problem, parse_number
from .excel_print import FONT, print_setup
from .legacy_vietnamese import Encoding, to_unicode

SHEET = "Sổ khen thưởng"
HEADER_ROW = 4
COLUMNS = ("STT", "Năm", "Danh hiệu, hình thức khen thưởng", "Đơn vị", "Cá nhân",
           "Chức vụ, nơi công tác / cơ quan chủ quản", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành",
           "Số sổ vàng", "Nội dung thành tích", "Nguồn", "Ghi chú")
_WIDTHS = (6, 7, 32, 30, 24, 34, 16, 12, 30, 9, 40, 14, 24)
_LETTERS = "ABCDEFGHIJKLM"
(C_NO, C_YEAR, C_AWARD, C_UNIT, C_PERSON, C_DETAIL, C_NUMBER, C_DATE, C_ISSUER, C_BOOK, C_ACHIEVEMENT, C_SOURCE,
 C_NOTE) = range(13)


@dataclass(frozen=True, slots=True)
class RegisterLine:
    """One award as the sheet holds it (the row number for problems; 0 when written)."""

    year: int
    award: str
    unit: str | None
    person: str | None
    detail: str | None = None
    decision_number: str | None = None
    decision_date: date | None = None
    issuer: str | None = None
    golden_book_no: int | None = None
    achievement: str | None = None
    source: str | None = None
    note: str | None = None
    row: int = 0


@dataclass(slots=True)
class RegisterSheet:
    file: str
    lines: list[RegisterLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def write_register(path: Path, title: str, subtitle: str, lines: list[RegisterLine]) -> Path:
    """The register as one formatted sheet, A4 landscape, the header repeated on every page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wb = Workbook()
    sheet = wb.active
    sheet.title = SHEET
    last = len(COLUMNS)
    for row, (text, size) in enumerate(((title, 14), (subtitle, 12)), start=1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        cell = sheet.cell(row, 1, text)
        cell.font = Font(name=FONT, size=size, bold=True)
        cell.alignment = Alignment(horizontal="center")
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    plain, bold = Font(name=FONT, size=11), Font(name=FONT, size=11, bold=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for col, (text, width) in enumerate(zip(COLUMNS, _WIDTHS), start=1):
        cell = sheet.cell(HEADER_ROW, col, text)
        cell.font, cell.border = bold, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        sheet.column_dimensions[_LETTERS[col - 1]].width = width
    for i, line in enumerate(lines, start=1):
        values = (i, line.year, line.award, line.unit, line.person, line.detail, line.decision_number,
                  line.decision_date, line.issuer, line.golden_book_no, line.achievement, line.source, line.note)
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(HEADER_ROW + i, col, value)
            cell.font, cell.border, cell.alignment = plain, border, wrap
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    print_setup(sheet, f"{HEADER_ROW}:{HEADER_ROW}")
    wb.save(path)
    return path


def read_register(path: Path) -> RegisterSheet:
    """Every line of a register sheet, with every problem of form (year, date, numbers)."""
    from openpyxl import load_workbook

    result = RegisterSheet(Path(path).name)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file is reported, never a traceback
        result.problems.append(Problem(result.file, None, None, None,
                                       "tệp bị hỏng hoặc không phải tệp Excel (.xlsx), không đọc được."))
        return result
    try:
        if SHEET not in wb.sheetnames:
            result.problems.append(Problem(result.file, None, None, None, f"không có trang “{SHEET}”."))
            return result
        _read_rows(list(wb[SHEET].iter_rows(values_only=True)), result)
    except Exception:  # noqa: BLE001 - a file damaged inside its parts fails while reading rows
        result.problems.append(Problem(result.file, None, None, None, "tệp bị hỏng, không đọc hết được nội dung."))
    finally:
        wb.close()
    result.problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    return result


def _read_rows(rows: list[tuple], sheet: RegisterSheet) -> None:
    header = next((n for n, values in enumerate(rows, start=1)
                   if len(values) > C_AWARD and isinstance(values[C_YEAR], str)
                   and search_key(values[C_YEAR]) == "nam"), None)
    if header is None:
        sheet.problems.append(Problem(sheet.file, SHEET, None, None, "không tìm thấy dòng tiêu đề có cột “Năm”."))
        return
    for number, values in enumerate(rows[header:], start=header + 1):
        cells = (*values, *([None] * (len(COLUMNS) - len(values))))
        line = _parse(number, cells, sheet)
        if line is not None:
            sheet.lines.append(line)


def _problem(sheet: RegisterSheet, row: int, col: int, reason: str) -> None:
    sheet.problems.append(Problem(sheet.file, SHEET, row, _LETTERS[col], reason))


def _parse(number: int, cells: tuple, sheet: RegisterSheet) -> RegisterLine | None:
    texts = {col: _text(cells[col], number, col, sheet) for col in (C_AWARD, C_UNIT, C_PERSON, C_DETAIL, C_NUMBER,
                                                                    C_ISSUER, C_ACHIEVEMENT, C_SOURCE, C_NOTE)}
    if all(cells[c] is None or (isinstance(cells[c], str) and not cells[c].strip())
           for c in range(C_YEAR, len(COLUMNS))):
        return None  # a blank line
    year = _int(cells[C_YEAR], number, C_YEAR, sheet, "năm")
    if year is None and cells[C_YEAR] in (None, ""):
        _problem(sheet, number, C_YEAR, "chưa ghi năm khen thưởng.")
    elif year is not None and not 1945 <= year <= 2100:
        _problem(sheet, number, C_YEAR, f"năm {year} không hợp lệ.")
        year = None
    if not texts[C_AWARD]:
        _problem(sheet, number, C_AWARD, "chưa ghi danh hiệu hoặc hình thức khen thưởng.")
    if not texts[C_UNIT] and not texts[C_PERSON]:
        _problem(sheet, number, C_UNIT, "chưa ghi đơn vị hoặc cá nhân được khen thưởng.")
    day = _date(cells[C_DATE], number, sheet)
    book = _int(cells[C_BOOK], number, C_BOOK, sheet, "số sổ vàng")
    if year is None or not texts[C_AWARD] or not (texts[C_UNIT] or texts[C_PERSON]):
        return None
    return RegisterLine(year, texts[C_AWARD], texts[C_UNIT], texts[C_PERSON], texts[C_DETAIL], texts[C_NUMBER], day,
                        texts[C_ISSUER], book, texts[C_ACHIEVEMENT], texts[C_SOURCE], texts[C_NOTE], number)


def _text(value: object, row: int, col: int, sheet: RegisterSheet) -> str | None:
    """Clean Unicode text; TCVN3 or VNI text is converted and reported."""
    if value is None:
        return None
    if not isinstance(value, str):
        return clean(str(value)) or None
    text, found = to_unicode(value)
    if found is not Encoding.UNICODE:
        sheet.notices.append(Notice(sheet.file, f"{_LETTERS[col]}{row}", f"chữ gõ bằng bảng mã {found.value} đã "
                                    f"được chuyển sang Unicode: “{clean(text)}”."))
    return clean(text) or None


def _int(value: object, row: int, col: int, sheet: RegisterSheet, what: str) -> int | None:
    try:
        number = parse_number(value)
    except ValueError:
        _problem(sheet, row, col, f"{what} “{value}” không phải là một số.")
        return None
    if number is None:
        return None
    if number != number.to_integral_value():
        _problem(sheet, row, col, f"{what} phải là số nguyên ({value}).")
        return None
    return int(number)


def _date(value: object, row: int, sheet: RegisterSheet) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    _problem(sheet, row, C_DATE, f"ngày “{text}” không đúng dạng ngày/tháng/năm.")
    return None
