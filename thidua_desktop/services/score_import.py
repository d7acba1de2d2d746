"""Importing the self-scores units send back in their Excel templates: all or nothing.

``preview`` reads every file, checks that each belongs to this bloc, year, period, table
version and a member unit, checks every figure with the domain's rules, and lists the
changes against the current values together with every problem found. ``apply`` refuses
while any problem remains; otherwise it backs the workbook up and writes all figures of all
files in ONE ``ws.change``, so an import is one undoable step and never half done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import (
    Criterion,
    EmulationYear,
    EvaluationPeriod,
    Membership,
    Score,
    ScoreSection,
    ScoreTable,
    Unit,
)
from thidua_desktop.documents.excel_import import FilledRow, FilledSheet, Notice, Problem, read_filled
from thidua_desktop.documents.excel_template import COL_ACTUAL, COL_PLAN, COL_SCORE, SHEET
from thidua_desktop.domain.enums import CriterionKind, PeriodKind, ScoredBy
from thidua_desktop.domain.scoring import ScoreInputError, criterion_points
from thidua_desktop.domain.text import format_points, search_key

from .backups import BackupError, make_backup
from .scores import open_period
from .scoring import criterion_rule, scored_criteria
from .workspace import ChangeRefused, Workspace

_COL = " ABCDEFGHI"
_FIELD_LABEL = {"self_value": "điểm tự chấm", "self_grade": "xếp loại", "self_actual": "số thực hiện",
                "self_plan": "kế hoạch", "self_note": "ghi chú"}
_YES_NO = {"co": 1, "khong": 0}


@dataclass(frozen=True, slots=True)
class Change:
    """One figure that the import would change, for the preview."""

    file: str
    unit: str
    code: str
    what: str
    old: str
    new: str


@dataclass(slots=True)
class ImportPreview:
    period_id: int
    files: int
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    writes: dict[tuple[int, int], dict[str, object]] = field(default_factory=dict)  # (unit, criterion) → fields

    @property
    def can_apply(self) -> bool:
        return not self.problems and bool(self.writes)


@dataclass(slots=True)
class _Context:
    """What the checks need about the period, read once."""

    bloc_uuid: str
    period: EvaluationPeriod
    year: EmulationYear
    table: ScoreTable
    criteria: dict[str, Criterion]  # code → self-scored leaf criterion
    provincial: set[str]
    units: dict[str, Unit]  # uid → member unit of the year
    current: dict[tuple[int, int], Score]


def _context(s: Session, bloc_uuid: str, period_id: int) -> _Context:
    period = s.get(EvaluationPeriod, period_id)
    year = s.get(EmulationYear, period.year_id)
    table = s.get(ScoreTable, period.score_table_id)
    provincial_sections = set(s.scalars(select(ScoreSection.id).where(
        ScoreSection.table_id == table.id, ScoreSection.scored_by == ScoredBy.PROVINCIAL)))
    leaves = scored_criteria(s, table.id)
    units = s.scalars(select(Unit).join(Membership, Membership.unit_id == Unit.id)
                      .where(Membership.year_id == year.id)).all()
    current = {(x.unit_id, x.criterion_id): x for x in s.scalars(select(Score).where(Score.period_id == period_id))}
    return _Context(bloc_uuid, period, year, table,
                    {c.code: c for c in leaves if c.section_id not in provincial_sections},
                    {c.code for c in leaves if c.section_id in provincial_sections},
                    {u.uid: u for u in units}, current)


def preview(ws: Workspace, period_id: int, paths: list[Path],
            progress: Callable[[int, int, str], bool] | None = None) -> ImportPreview | None:
    """Read and check every file; list the changes and every problem, writing nothing.

    None when ``progress`` answered False (the user cancelled while the files were read)."""
    batch = read_filled(paths, progress)
    if batch is None:
        return None
    result = ImportPreview(period_id, len(paths), problems=list(batch.problems), notices=list(batch.notices))
    with ws.read() as s:
        ctx = _context(s, ws.workbook.bloc_uuid, period_id)
    if ctx.period.locked:
        result.problems.append(Problem("", None, None, None, f"kết quả {ctx.period.kind.label.lower()} đã khóa, "
                                       "không nhập được. Muốn nhập, hãy mở khóa (cần ghi lý do)."))
    if ctx.year.state.read_only:
        result.problems.append(Problem("", None, None, None, f"năm {ctx.year.year} đã khóa sổ, không nhập được."))
    files_of_unit: dict[str, str] = {}
    for sheet in batch.sheets:
        unit = _check_identity(sheet, ctx, result.problems)
        if unit is None:
            continue
        if unit.uid in files_of_unit:
            result.problems.append(Problem(sheet.file, None, None, None, f"trùng đơn vị “{unit.official_name}” với "
                                           f"tệp {files_of_unit[unit.uid]}; mỗi đơn vị chỉ nhập một tệp."))
            continue
        files_of_unit[unit.uid] = sheet.file
        for row in sheet.rows:
            _check_row(sheet, unit, row, ctx, result)
    result.problems.sort(key=lambda p: (p.file, p.row or 0, p.column or ""))
    return result


def _check_identity(sheet: FilledSheet, ctx: _Context, problems: list[Problem]) -> Unit | None:
    """The member unit the file belongs to, or None after saying why it belongs elsewhere."""
    ident, file = sheet.identity, sheet.file

    def refuse(reason: str) -> None:
        problems.append(Problem(file, None, None, None, reason))

    if ident.get("bloc_uuid") != ctx.bloc_uuid:
        refuse(f"tệp của khối khác (“{ident.get('bloc_name')}”), không phải của khối đang mở.")
        return None
    if ident.get("year") != str(ctx.year.year):
        refuse(f"tệp của năm {ident.get('year')}, đang nhập cho năm {ctx.year.year}.")
        return None
    if ident.get("period_kind") != ctx.period.kind.value:
        kind = ident.get("period_kind", "")
        other = PeriodKind(kind).label.lower() if kind in PeriodKind._value2member_map_ else kind
        refuse(f"tệp của kỳ {other}, đang nhập cho kỳ {ctx.period.kind.label.lower()}.")
        return None
    if ident.get("table_uid") != ctx.table.uid:
        refuse(f"tệp lập theo bảng điểm phiên bản {ident.get('table_version')}, kỳ này đang dùng phiên bản "
               f"{ctx.table.version}. Hãy gửi lại cho đơn vị mẫu mới.")
        return None
    unit = ctx.units.get(ident.get("unit_uid", ""))
    if unit is None:
        refuse(f"đơn vị “{ident.get('unit_name')}” không phải thành viên của khối năm {ctx.year.year}.")
    return unit


def _check_row(sheet: FilledSheet, unit: Unit, row: FilledRow, ctx: _Context, result: ImportPreview) -> None:
    def problem(col: int, reason: str) -> None:
        result.problems.append(Problem(sheet.file, SHEET, row.row, _COL[col], reason))

    criterion = ctx.criteria.get(row.code)
    if criterion is None:
        if not row.blank:
            problem(1, f"tiêu chí {row.code} do cơ quan thường trực tỉnh chấm, đơn vị không tự chấm."
                    if row.code in ctx.provincial else f"không có tiêu chí mã {row.code} trong bảng điểm.")
        return
    if row.blank:
        return
    try:
        fields = _fields(criterion, row)
    except _CellError as exc:
        problem(exc.column, exc.reason)
        return
    if row.note is not None:
        fields["self_note"] = row.note
    old = ctx.current.get((unit.id, criterion.id))
    unit_name = unit.short_name or unit.official_name
    for key, new in fields.items():
        before = getattr(old, key) if old is not None else None
        if _same(before, new):
            continue
        result.writes.setdefault((unit.id, criterion.id), {})[key] = new
        result.changes.append(Change(sheet.file, unit_name, criterion.code, _FIELD_LABEL[key],
                                     _shown(criterion, key, before), _shown(criterion, key, new)))


class _CellError(Exception):
    def __init__(self, column: int, reason: str) -> None:
        super().__init__(reason)
        self.column, self.reason = column, reason


def _fields(criterion: Criterion, row: FilledRow) -> dict[str, object]:
    """The Score columns a filled row sets, after the criterion's rule accepted them."""
    rule, kind, code = criterion_rule(criterion), criterion.kind, criterion.code
    try:
        if kind in (CriterionKind.RATIO, CriterionKind.INVERSE_RATIO):
            if row.actual is None and row.plan is None:
                return {}
            if row.plan is None or row.plan <= 0:
                raise _CellError(COL_PLAN, f"tiêu chí {code}: kế hoạch phải lớn hơn 0.")
            if row.actual is None:
                raise _CellError(COL_ACTUAL, f"tiêu chí {code}: chưa ghi số thực hiện.")
            criterion_points(rule, actual=row.actual, plan=row.plan)
            return {"self_actual": float(row.actual), "self_plan": float(row.plan)}
        if row.score is None:
            return {}
        if kind is CriterionKind.GRADE:
            if not isinstance(row.score, str):
                raise _CellError(COL_SCORE, f"tiêu chí {code}: xếp loại phải là A, B, C hoặc D.")
            return {"self_grade": criterion_points(rule, grade=row.score).grade}
        if kind is CriterionKind.YES_NO:
            value = _YES_NO.get(search_key(row.score)) if isinstance(row.score, str) else row.score
            if value not in (0, 1):
                raise _CellError(COL_SCORE, f"tiêu chí {code}: chỉ nhận Có hoặc Không.")
            return {"self_value": Decimal(int(value))}
        if isinstance(row.score, str):
            raise _CellError(COL_SCORE, f"tiêu chí {code}: “{row.score}” không phải là số điểm.")
        return {"self_value": criterion_points(rule, value=row.score).points}
    except ScoreInputError as exc:
        column = COL_ACTUAL if kind in (CriterionKind.RATIO, CriterionKind.INVERSE_RATIO) else COL_SCORE
        raise _CellError(column, str(exc)) from None


def _same(before: object, new: object) -> bool:
    if before is None or new is None:
        return before is new
    if isinstance(new, (Decimal, float)):
        return Decimal(str(before)) == Decimal(str(new))
    return before == new


def _shown(criterion: Criterion, key: str, value: object) -> str:
    if value is None:
        return "(trống)"
    if key == "self_value" and criterion.kind is CriterionKind.YES_NO:
        return "Có" if value else "Không"
    if isinstance(value, (Decimal, float)):
        return format_points(Decimal(str(value)))
    return str(value)


def back_up_before_import(ws: Workspace) -> None:
    """Every import starts from a backup; without one it does not start."""
    if ws.read_only:
        raise ChangeRefused(f"Sổ đang mở ở chế độ chỉ đọc: {ws.workbook.read_only_reason}")
    try:
        make_backup(ws.workbook, "before_import")
    except BackupError as exc:
        raise ChangeRefused(f"Chưa nhập vì không sao lưu được trước khi nhập. {exc.message}") from None


def apply(ws: Workspace, result: ImportPreview) -> int:
    """Back up, then write every figure of the preview in one change; returns how many."""
    if result.problems:
        raise ChangeRefused(f"Chưa nhập được: còn {len(result.problems)} lỗi trong các tệp. Không có số liệu nào "
                            "được ghi.")
    if not result.writes:
        raise ChangeRefused("Các tệp không có số liệu nào khác với số liệu đã có.")
    back_up_before_import(ws)
    period_id = result.period_id

    def do(s: Session) -> int:
        open_period(s, period_id)
        rows = {(x.unit_id, x.criterion_id): x for x in s.scalars(select(Score).where(Score.period_id == period_id))}
        for (unit_id, criterion_id), fields in result.writes.items():
            score = rows.get((unit_id, criterion_id))
            if score is None:
                score = Score(period_id=period_id, unit_id=unit_id, criterion_id=criterion_id)
                s.add(score)
            for key, value in fields.items():
                setattr(score, key, value)
        return sum(len(f) for f in result.writes.values())

    units = len({unit for unit, _ in result.writes})
    return ws.change(f"Nhập điểm tự chấm từ {result.files} tệp Excel ({units} đơn vị)", do)
