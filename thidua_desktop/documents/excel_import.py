"""Reading self-scoring workbooks that units filled in and sent back.

Everything that can be wrong with a file is collected as a ``Problem`` naming the file, sheet,
row and column, so the secretariat sees the whole list at once; nothing here raises for bad
input. What real sheets contain is accepted: formulas (their cached values), numbers typed as
text with a decimal comma, merged header cells, blank rows, and notes typed in TCVN3 or VNI,
which are converted to Unicode and reported as a ``Notice``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from thidua_desktop.domain.text import clean

from .excel_template import (
    COL_ACTUAL,
    COL_CODE,
    COL_NOTE,
    COL_PLAN,
    COL_SCORE,
    FORMAT,
    HEADER_ROW,
    IDENTITY_SHEET,
    SHEET,
)
from .legacy_vietnamese import Encoding, to_unicode

_LETTERS = " ABCDEFGHI"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """Why (part of) a file cannot be imported; row and column are None for the whole file."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"trang “{self.sheet}”")
        if self.row is not None:
            where.append(f"ô {self.column or ''}{self.row}")
        return f"{', '.join(where)}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Notice:
    """Something changed on the way in that the user should know (e.g. a legacy encoding)."""

    file: str
    cell: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, ô {self.cell}: {self.message}"


@dataclass(frozen=True, slots=True)
class FilledRow:
    """One criterion's row: ``score`` is a Decimal, a text (grade, Có/Không) or None."""

    row: int
    code: str
    score: Decimal | str | None
    actual: Decimal | None
    plan: Decimal | None
    note: str | None

    @property
    def blank(self) -> bool:
        return self.score is None and self.actual is None and self.plan is None and self.note is None


@dataclass(slots=True)
class FilledSheet:
    path: Path
    identity: dict[str, str]
    rows: list[FilledRow] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.path.name


@dataclass(slots=True)
class ImportBatch:
    sheets: list[FilledSheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234,5


def parse_number(value: object) -> Decimal | None:
    """A cell's number: numbers as they are, text with a decimal comma ("8,5") or point;
    None when the cell is blank. Raises ValueError for text that is not a number."""
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise ValueError
    if isinstance(value, (int, float)):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if _GROUPED.match(text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def read_filled(paths: Iterable[Path], progress: Callable[[int, int, str], bool] | None = None) -> ImportBatch | None:
    """Read every file; collect all problems and notices rather than stopping at the first.

    ``progress(done, total, file)`` is called before each file; None is returned when it
    answers False (the user cancelled)."""
    paths = [Path(p) for p in paths]
    batch = ImportBatch()
    for done, path in enumerate(paths):
        if progress is not None and progress(done, len(paths), path.name) is False:
            return None
        _read_one(path, batch)
    batch.problems.sort(key=lambda p: (p.file, p.sheet or "", p.row or 0, p.column or ""))
    return batch


def _read_one(path: Path, batch: ImportBatch) -> None:
    from openpyxl import load_workbook

    name = path.name
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file is reported, never a traceback
        batch.problems.append(Problem(name, None, None, None,
                                      "tệp bị hỏng hoặc không phải tệp Excel (.xlsx), không đọc được."))
        return
    try:
        identity = _identity(wb, name, batch)
        if identity is None:
            return
        if SHEET not in wb.sheetnames:
            batch.problems.append(Problem(name, None, None, None, f"không có trang “{SHEET}”."))
            return
        sheet = FilledSheet(path, identity)
        _read_rows(wb[SHEET].iter_rows(values_only=True), sheet, batch)
        batch.sheets.append(sheet)
    except Exception:  # noqa: BLE001 - a file damaged inside its parts fails while reading rows
        batch.problems.append(Problem(name, None, None, None, "tệp bị hỏng, không đọc hết được nội dung."))
    finally:
        wb.close()


def _identity(wb, name: str, batch: ImportBatch) -> dict[str, str] | None:  # noqa: ANN001
    if IDENTITY_SHEET not in wb.sheetnames:
        batch.problems.append(Problem(name, None, None, None, "không phải bảng tự chấm do phần mềm của khối tạo ra "
                                      "(thiếu mã nhận diện). Hãy dùng mẫu khối đã gửi."))
        return None
    identity = {str(k): "" if v is None else str(v)
                for k, v, *_ in wb[IDENTITY_SHEET].iter_rows(values_only=True) if k is not None}
    if identity.get("format") != FORMAT:
        batch.problems.append(Problem(name, None, None, None, "mẫu bảng tự chấm không đúng phiên bản phần mềm."))
        return None
    return identity


def _read_rows(rows: Iterable[tuple], sheet: FilledSheet, batch: ImportBatch) -> None:
    header_seen = False
    seen: dict[str, int] = {}
    for number, values in enumerate(rows, start=1):
        cells = (*values, *([None] * (COL_NOTE - len(values))))
        code = cells[COL_CODE - 1]
        if not header_seen:
            header_seen = isinstance(code, str) and clean(code) == "Mã"
            continue
        if number <= HEADER_ROW + 1 and code is None:
            continue  # the merged sub-header row
        row = _parse_row(number, cells, sheet.file, batch)
        if row is None:
            continue
        if row.code in seen:
            batch.problems.append(Problem(sheet.file, SHEET, number, "A",
                                          f"tiêu chí {row.code} đã có ở dòng {seen[row.code]}."))
            continue
        seen[row.code] = number
        sheet.rows.append(row)
    if not header_seen:
        batch.problems.append(Problem(sheet.file, SHEET, None, None, "không tìm thấy dòng tiêu đề có cột “Mã”."))


def _parse_row(number: int, cells: tuple, file: str, batch: ImportBatch) -> FilledRow | None:
    code = _text(cells[COL_CODE - 1], file, number, COL_CODE, batch)
    score_cell = cells[COL_SCORE - 1]
    if isinstance(score_cell, str):
        score_text = _text(score_cell, file, number, COL_SCORE, batch)
        try:
            score: Decimal | str | None = parse_number(score_text)
        except ValueError:
            score = score_text
    else:
        score = _number(score_cell, file, number, COL_SCORE, batch)
    actual = _number(cells[COL_ACTUAL - 1], file, number, COL_ACTUAL, batch)
    plan = _number(cells[COL_PLAN - 1], file, number, COL_PLAN, batch)
    note = _text(cells[COL_NOTE - 1], file, number, COL_NOTE, batch)
    if not code:
        if score is not None or actual is not None or plan is not None:
            batch.problems.append(Problem(file, SHEET, number, "A", "dòng có số liệu nhưng không có mã tiêu chí."))
        return None
    return FilledRow(number, code, score, actual, plan, note)


def _number(value: object, file: str, row: int, col: int, batch: ImportBatch) -> Decimal | None:
    try:
        return parse_number(value)
    except ValueError:
        batch.problems.append(Problem(file, SHEET, row, _LETTERS[col], f"“{value}” không phải là một số."))
        return None


def _text(value: object, file: str, row: int, col: int, batch: ImportBatch) -> str | None:
    """The cell as clean Unicode text; TCVN3 or VNI text is converted and reported."""
    if value is None:
        return None
    if not isinstance(value, str):
        return clean(format(value, "f") if isinstance(value, Decimal) else str(value))
    text, found = to_unicode(value)
    if found is not Encoding.UNICODE:
        batch.notices.append(Notice(file, f"{_LETTERS[col]}{row}",
                                    f"chữ gõ bằng bảng mã {found.value} đã được chuyển sang Unicode: “{clean(text)}”."))
    return clean(text) or None
