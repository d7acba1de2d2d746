"""The year's score table: sections, nested criteria, bonus and penalty lines; its checks
against the agreed maxima; copying last year's table; freezing at the covenant signing, after
which a change makes a new version with a reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import (
    AdjustmentRule,
    Criterion,
    EmulationYear,
    EvaluationPeriod,
    Score,
    ScoreSection,
    ScoreTable,
    utc_now,
)
from thidua_desktop.domain.enums import AdjustmentKind, CriterionKind, ScoredBy, ScoreTableState
from thidua_desktop.domain.scoring import ScoreRuleError
from thidua_desktop.domain.text import clean, format_points

from .scoring import criterion_rule
from .workspace import ChangeRefused, Workspace

CRITERION_FIELDS = {"code", "text", "max_points", "kind", "grade_points", "bonus_cap_pct", "unit_of_measure",
                    "guidance", "evidence_expected", "parent_id", "section_id", "position"}
SECTION_FIELDS = {"code", "title", "max_points", "scored_by", "position"}
RULE_FIELDS = {"kind", "code", "text", "points", "per_occurrence", "cap", "scored_by", "disqualifies", "position"}


@dataclass(slots=True)
class CriterionNode:
    criterion: Criterion
    children: list["CriterionNode"] = field(default_factory=list)

    @property
    def points(self) -> Decimal:
        """A heading's points are its children's; a leaf's are its own maximum."""
        return sum((c.points for c in self.children), Decimal(0)) if self.children else self.criterion.max_points


@dataclass(slots=True)
class SectionNode:
    section: ScoreSection
    criteria: list[CriterionNode]

    @property
    def points(self) -> Decimal:
        return sum((c.points for c in self.criteria), Decimal(0))


@dataclass(slots=True)
class TableView:
    """A table as the editor shows it: sections → criteria tree, and the bonus/penalty lines."""

    table: ScoreTable
    sections: list[SectionNode]
    rules: list[AdjustmentRule]

    @property
    def frozen(self) -> bool:
        return self.table.state is ScoreTableState.FROZEN

    @property
    def points(self) -> Decimal:
        return sum((s.points for s in self.sections), Decimal(0))

    def problems(self) -> list[str]:
        """Totals that disagree with the agreed maxima, and rules that cannot be applied."""
        out = []
        for s in self.sections:
            if s.points != s.section.max_points:
                out.append(f"Phần {s.section.code}: các tiêu chí cộng lại {format_points(s.points)} điểm, "
                           f"khác điểm tối đa của phần là {format_points(s.section.max_points)}.")
        if self.points != self.table.max_points:
            out.append(f"Cả bảng: các phần cộng lại {format_points(self.points)} điểm, khác tổng điểm "
                       f"{format_points(self.table.max_points)}.")
        for node in _walk(n for s in self.sections for n in s.criteria):
            if not node.children:
                try:
                    criterion_rule(node.criterion)
                except ScoreRuleError as exc:
                    out.append(str(exc))
        return out


def _walk(nodes: Any):  # noqa: ANN202 - a generator of CriterionNode
    for node in nodes:
        yield node
        yield from _walk(node.children)


# --- reading ---------------------------------------------------------------------------------


def current_table_id(s: Session, year_id: int) -> int | None:
    return s.scalars(select(ScoreTable.id).where(ScoreTable.year_id == year_id)
                     .order_by(ScoreTable.version.desc())).first()


def table_view(ws: Workspace, table_id: int) -> TableView:
    with ws.read() as s:
        table = s.get(ScoreTable, table_id)
        sections = s.scalars(select(ScoreSection).where(ScoreSection.table_id == table_id)
                             .order_by(ScoreSection.position, ScoreSection.id)).all()
        criteria = s.scalars(select(Criterion).where(Criterion.table_id == table_id)
                             .order_by(Criterion.position, Criterion.id)).all()
        rules = s.scalars(select(AdjustmentRule).where(AdjustmentRule.table_id == table_id)
                          .order_by(AdjustmentRule.position, AdjustmentRule.id)).all()
    nodes = {c.id: CriterionNode(c) for c in criteria}
    roots: dict[int, list[CriterionNode]] = {s.id: [] for s in sections}
    for c in criteria:
        (nodes[c.parent_id].children if c.parent_id in nodes else roots[c.section_id]).append(nodes[c.id])
    return TableView(table, [SectionNode(s, roots[s.id]) for s in sections], list(rules))


def versions(ws: Workspace, year_id: int) -> list[ScoreTable]:
    with ws.read() as s:
        return list(s.scalars(select(ScoreTable).where(ScoreTable.year_id == year_id).order_by(ScoreTable.version)))


# --- creating --------------------------------------------------------------------------------


def create_table(ws: Workspace, year_id: int, name: str, max_points: Decimal = Decimal(100)) -> int:
    def do(s: Session) -> int:
        if current_table_id(s, year_id) is not None:
            raise ChangeRefused("Năm này đã có bảng điểm.")
        table = ScoreTable(year_id=year_id, version=1, name=clean(name), max_points=max_points)
        s.add(table)
        s.flush()
        return table.id

    return ws.change(f"Tạo bảng điểm “{clean(name)}”", do)


def _copy_into(s: Session, source_id: int, target: ScoreTable) -> None:
    """Copy sections, criteria (keeping the nesting) and rules of one table into another."""
    section_ids = {}
    for sec in s.scalars(select(ScoreSection).where(ScoreSection.table_id == source_id)):
        new = ScoreSection(table_id=target.id, **{k: getattr(sec, k) for k in SECTION_FIELDS})
        s.add(new)
        s.flush()
        section_ids[sec.id] = new.id
    criterion_ids: dict[int, int] = {}
    for c in s.scalars(select(Criterion).where(Criterion.table_id == source_id).order_by(Criterion.id)):
        values = {k: getattr(c, k) for k in CRITERION_FIELDS - {"parent_id", "section_id"}}
        new = Criterion(table_id=target.id, section_id=section_ids[c.section_id],
                        parent_id=criterion_ids.get(c.parent_id), **values)
        s.add(new)
        s.flush()
        criterion_ids[c.id] = new.id
    for r in s.scalars(select(AdjustmentRule).where(AdjustmentRule.table_id == source_id)):
        s.add(AdjustmentRule(table_id=target.id, **{k: getattr(r, k) for k in RULE_FIELDS}))


def copy_previous_year(ws: Workspace, year_id: int) -> int:
    """This year's table as a draft copy of the latest earlier year's table."""
    return ws.change("Sao chép bảng điểm năm trước làm dự thảo", lambda s: copy_previous_table(s, year_id).id)


def copy_previous_table(s: Session, year_id: int) -> ScoreTable:
    """The body of copy_previous_year, inside a change (opening the next year uses it too)."""
    if current_table_id(s, year_id) is not None:
        raise ChangeRefused("Năm này đã có bảng điểm.")
    year = s.get(EmulationYear, year_id)
    source = s.scalars(select(ScoreTable).join(EmulationYear, EmulationYear.id == ScoreTable.year_id)
                       .where(EmulationYear.year < year.year)
                       .order_by(EmulationYear.year.desc(), ScoreTable.version.desc())).first()
    if source is None:
        raise ChangeRefused("Chưa có bảng điểm của năm trước để sao chép.")
    table = ScoreTable(year_id=year_id, version=1, name=source.name.replace(str(year.year - 1), str(year.year)),
                       max_points=source.max_points, quantitative_bonus_cap=source.quantitative_bonus_cap,
                       based_on_id=source.id)
    s.add(table)
    s.flush()
    _copy_into(s, source.id, table)
    return table


def new_version(ws: Workspace, table_id: int, reason: str) -> int:
    """A frozen table changes only as a new version, with the reason recorded; scores already
    given keep pointing at the version they were given under."""
    reason = clean(reason)
    if not reason:
        raise ChangeRefused("Cần ghi lý do sửa đổi bảng điểm đã ký.")

    def do(s: Session) -> int:
        source = s.get(ScoreTable, table_id)
        top = s.scalar(select(func.max(ScoreTable.version)).where(ScoreTable.year_id == source.year_id))
        table = ScoreTable(year_id=source.year_id, version=top + 1, name=source.name, max_points=source.max_points,
                           quantitative_bonus_cap=source.quantitative_bonus_cap, based_on_id=source.id,
                           change_reason=reason)
        s.add(table)
        s.flush()
        _copy_into(s, source.id, table)
        return table.id

    return ws.change(f"Tạo phiên bản mới của bảng điểm. Lý do: {reason}", do)


def freeze(ws: Workspace, table_id: int) -> None:
    """Sign the table with the covenant; refused while its totals disagree with the maxima."""
    problems = table_view(ws, table_id).problems()
    if problems:
        raise ChangeRefused("Bảng điểm chưa khớp, chưa ký được:\n" + "\n".join(problems))

    def do(s: Session) -> None:
        table = s.get(ScoreTable, table_id)
        table.state, table.frozen_at = ScoreTableState.FROZEN, utc_now()

    ws.change("Ký giao ước: đóng băng bảng điểm", do)


def use_version(ws: Workspace, period_id: int, table_id: int) -> None:
    """Score an open period under another version of its year's table."""
    def do(s: Session) -> None:
        period = s.get(EvaluationPeriod, period_id)
        if period.locked:
            raise ChangeRefused("Kỳ chấm điểm đã khóa.")
        if s.get(ScoreTable, table_id).year_id != period.year_id:
            raise ChangeRefused("Phiên bản bảng điểm không thuộc năm của kỳ chấm.")
        period.score_table_id = table_id

    ws.change("Chuyển kỳ chấm điểm sang phiên bản bảng điểm khác", do)


# --- editing a draft -------------------------------------------------------------------------


def _draft(s: Session, table_id: int) -> ScoreTable:
    table = s.get(ScoreTable, table_id)
    if table.state is ScoreTableState.FROZEN:
        raise ChangeRefused("Bảng điểm đã ký kèm giao ước nên không sửa trực tiếp được. "
                            "Hãy tạo phiên bản mới (ghi lý do sửa đổi).")
    return table


def _checked(fields: dict[str, Any], allowed: set[str], kind_enum: type | None = None) -> dict[str, Any]:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    out = {k: clean(v) if isinstance(v, str) else v for k, v in fields.items()}
    for key in ("max_points", "points", "cap", "bonus_cap_pct"):
        if out.get(key) is not None:
            out[key] = Decimal(out[key])
            if out[key] < 0:
                raise ChangeRefused("Điểm không được âm.")
    if "code" in out and not out["code"]:
        raise ChangeRefused("Cần nhập mã (số thứ tự) của mục.")
    if kind_enum is not None and out.get("kind") is not None:
        out["kind"] = kind_enum(out["kind"])
    if "scored_by" in out:
        out["scored_by"] = ScoredBy(out["scored_by"])
    return out


def _next_position(s: Session, model: type, table_id: int) -> int:
    return (s.scalar(select(func.max(model.position)).where(model.table_id == table_id)) or 0) + 1


def update_table(ws: Workspace, table_id: int, *, name: str, max_points: Decimal) -> None:
    """The draft table's name and its agreed total (what the sections must add up to)."""
    values = _checked({"name": name, "max_points": max_points}, {"name", "max_points"})
    if not values["name"]:
        raise ChangeRefused("Cần nhập tên bảng điểm.")
    if values["max_points"] <= 0:
        raise ChangeRefused("Tổng điểm của bảng phải lớn hơn 0.")

    def do(s: Session) -> None:
        table = _draft(s, table_id)
        table.name, table.max_points = values["name"], values["max_points"]

    ws.change("Sửa tên và tổng điểm của bảng điểm", do)


def move(ws: Workspace, kind: str, item_id: int, step: int) -> bool:
    """Move a section or a criterion one place up (-1) or down (+1) among its siblings;
    False when it is already first or last."""
    model = ScoreSection if kind == "section" else Criterion

    def do(s: Session) -> bool:
        item = s.get(model, item_id)
        _draft(s, item.table_id)
        query = select(model).where(model.table_id == item.table_id)
        if model is Criterion:
            query = query.where(Criterion.section_id == item.section_id, Criterion.parent_id == item.parent_id
                                if item.parent_id is not None else Criterion.parent_id.is_(None))
        siblings = list(s.scalars(query.order_by(model.position, model.id)))
        at = siblings.index(item)
        if not 0 <= at + step < len(siblings):
            return False
        slots = sorted(x.position for x in siblings)
        if len(set(slots)) < len(slots):  # copied tables may repeat positions: make them distinct
            slots = list(range(slots[0], slots[0] + len(slots)))
        siblings[at], siblings[at + step] = siblings[at + step], siblings[at]
        for sibling, position in zip(siblings, slots, strict=True):
            sibling.position = position
        return True

    what = "phần" if model is ScoreSection else "tiêu chí"
    return ws.change(f"Chuyển {what} {'lên' if step < 0 else 'xuống'} trong bảng điểm", do)


def add_section(ws: Workspace, table_id: int, code: str, title: str, max_points: Decimal,
                scored_by: ScoredBy = ScoredBy.SELF_APPRAISAL) -> int:
    values = _checked({"code": code, "title": title, "max_points": max_points, "scored_by": scored_by},
                      SECTION_FIELDS)

    def do(s: Session) -> int:
        _draft(s, table_id)
        section = ScoreSection(table_id=table_id, position=_next_position(s, ScoreSection, table_id), **values)
        s.add(section)
        s.flush()
        return section.id

    return ws.change(f"Thêm phần {values['code']} vào bảng điểm", do)


def update_section(ws: Workspace, section_id: int, **fields: Any) -> None:
    values = _checked(fields, SECTION_FIELDS)

    def do(s: Session) -> None:
        section = s.get(ScoreSection, section_id)
        _draft(s, section.table_id)
        for key, value in values.items():
            setattr(section, key, value)

    ws.change("Sửa phần của bảng điểm", do)


def delete_section(ws: Workspace, section_id: int) -> None:
    def do(s: Session) -> None:
        section = s.get(ScoreSection, section_id)
        _draft(s, section.table_id)
        if s.scalars(select(Criterion.id).where(Criterion.section_id == section_id)).first():
            raise ChangeRefused(f"Phần {section.code} còn tiêu chí; hãy xóa các tiêu chí trước.")
        s.delete(section)

    ws.change("Xóa phần của bảng điểm", do)


def add_criterion(ws: Workspace, table_id: int, section_id: int, code: str, text: str, max_points: Decimal,
                  kind: CriterionKind = CriterionKind.MANUAL, *, parent_id: int | None = None,
                  **fields: Any) -> int:
    values = _checked({"code": code, "text": text, "max_points": max_points, "kind": kind, **fields},
                      CRITERION_FIELDS, CriterionKind)

    def do(s: Session) -> int:
        _draft(s, table_id)
        criterion = Criterion(table_id=table_id, section_id=section_id, parent_id=parent_id,
                              position=_next_position(s, Criterion, table_id), **values)
        s.add(criterion)
        s.flush()
        _refuse_bad_rule(criterion)
        return criterion.id

    return ws.change(f"Thêm tiêu chí {values['code']}", do)


def update_criterion(ws: Workspace, criterion_id: int, **fields: Any) -> None:
    values = _checked(fields, CRITERION_FIELDS, CriterionKind)

    def do(s: Session) -> None:
        criterion = s.get(Criterion, criterion_id)
        _draft(s, criterion.table_id)
        for key, value in values.items():
            setattr(criterion, key, value)
        if criterion.kind is not CriterionKind.GRADE:
            criterion.grade_points = None
        _refuse_bad_rule(criterion)

    ws.change("Sửa tiêu chí", do)


def _refuse_bad_rule(criterion: Criterion) -> None:
    """A criterion with 0 points is a heading waiting for its children; problems() flags it if none come."""
    if not criterion.max_points:
        return
    try:
        criterion_rule(criterion)
    except ScoreRuleError as exc:
        raise ChangeRefused(str(exc)) from None


def delete_criterion(ws: Workspace, criterion_id: int) -> None:
    def do(s: Session) -> None:
        criterion = s.get(Criterion, criterion_id)
        _draft(s, criterion.table_id)
        if s.scalars(select(Criterion.id).where(Criterion.parent_id == criterion_id)).first():
            raise ChangeRefused(f"Tiêu chí {criterion.code} còn tiêu chí con; hãy xóa các tiêu chí con trước.")
        if s.scalars(select(Score.id).where(Score.criterion_id == criterion_id)).first():
            raise ChangeRefused(f"Tiêu chí {criterion.code} đã có điểm chấm nên không xóa được.")
        s.delete(criterion)

    ws.change("Xóa tiêu chí", do)


def add_rule(ws: Workspace, table_id: int, kind: AdjustmentKind, code: str, text: str, points: Decimal,
             **fields: Any) -> int:
    values = _checked({"kind": kind, "code": code, "text": text, "points": points, **fields}, RULE_FIELDS,
                      AdjustmentKind)

    def do(s: Session) -> int:
        _draft(s, table_id)
        rule = AdjustmentRule(table_id=table_id, position=_next_position(s, AdjustmentRule, table_id), **values)
        s.add(rule)
        s.flush()
        return rule.id

    return ws.change(f"Thêm {AdjustmentKind(kind).label.lower()} {values['code']}", do)


def update_rule(ws: Workspace, rule_id: int, **fields: Any) -> None:
    values = _checked(fields, RULE_FIELDS, AdjustmentKind)

    def do(s: Session) -> None:
        rule = s.get(AdjustmentRule, rule_id)
        _draft(s, rule.table_id)
        for key, value in values.items():
            setattr(rule, key, value)

    ws.change("Sửa điểm thưởng/điểm trừ", do)


def delete_rule(ws: Workspace, rule_id: int) -> None:
    def do(s: Session) -> None:
        rule = s.get(AdjustmentRule, rule_id)
        _draft(s, rule.table_id)
        s.delete(rule)

    ws.change("Xóa điểm thưởng/điểm trừ", do)
