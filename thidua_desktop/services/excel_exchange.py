"""Excel files the secretariat sends out: every unit's self-scoring template, the summary.

Thin use cases for the UI: they read what the documents need from the workbook and hand
plain data to ``documents``; importing what comes back is ``score_import``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import Bloc, Criterion, EmulationYear, EvaluationPeriod, Membership, Score, ScoreTable, Unit
from thidua_desktop.documents.excel_summary import SummaryData, write_summary
from thidua_desktop.documents.excel_template import Current, TemplateIdentity, TemplateLine, write_template
from thidua_desktop.domain.enums import ScoredBy
from thidua_desktop.domain.period import score_period
from thidua_desktop.domain.text import vi_sorted

from .score_tables import CriterionNode, table_view
from .scoring import load_period
from .workspace import Workspace

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def _lines(nodes: list[CriterionNode], current: dict[int, Score]) -> list[TemplateLine]:
    out = []
    for node in nodes:
        c = node.criterion
        if node.children:
            out.append(TemplateLine(c.code, c.text, node.points))
            out.extend(_lines(node.children, current))
            continue
        guidance = "\n".join(x for x in (c.guidance, c.evidence_expected and f"Tài liệu kiểm chứng: "
                                         f"{c.evidence_expected}") if x) or None
        row = current.get(c.id)
        now = Current(row.self_value, row.self_grade, row.self_actual, row.self_plan, row.self_note) if row else Current()
        out.append(TemplateLine(c.code, c.text, c.max_points, c.kind, guidance, now))
    return out


def file_name(year: int, period_label: str, unit_name: str) -> str:
    """A Windows-safe file name that says whose template it is."""
    return _UNSAFE.sub("_", f"{year} - {period_label} - {unit_name}").strip(" .") + ".xlsx"


def write_templates(ws: Workspace, period_id: int, folder: Path,
                    progress: Callable[[int, int, str], bool] | None = None) -> list[Path]:
    """Write every member unit's template into ``folder``; ``progress(done, total, unit)``
    is called before each file and may return False to stop (files already written stay)."""
    with ws.read() as s:
        period = s.get(EvaluationPeriod, period_id)
        year = s.get(EmulationYear, period.year_id)
        table = s.get(ScoreTable, period.score_table_id)
        bloc = s.scalars(select(Bloc)).first()
        units = vi_sorted(s.scalars(select(Unit).join(Membership, Membership.unit_id == Unit.id)
                                    .where(Membership.year_id == year.id)).all(), key=lambda u: u.official_name)
        scores: dict[int, dict[int, Score]] = {}
        for row in s.scalars(select(Score).where(Score.period_id == period_id)):
            scores.setdefault(row.unit_id, {})[row.criterion_id] = row
    view = table_view(ws, table.id)
    sections = [x for x in view.sections if x.section.scored_by is not ScoredBy.PROVINCIAL]
    written = []
    for done, unit in enumerate(units):
        if progress is not None and progress(done, len(units), unit.official_name) is False:
            break
        identity = TemplateIdentity(ws.workbook.bloc_uuid, bloc.name, year.year, period.kind.value,
                                    period.kind.label, unit.uid, unit.official_name, table.uid, table.version)
        current = scores.get(unit.id, {})
        lines = []
        for section in sections:
            lines.append(TemplateLine(section.section.code, section.section.title, section.points, is_section=True))
            lines.extend(_lines(section.criteria, current))
        written.append(write_template(Path(folder) / file_name(year.year, period.kind.label, unit.official_name),
                                      identity, lines))
    return written


def summary_file_name(ws: Workspace, period_id: int) -> str:
    """The name offered when saving a period's summary, e.g. "2025 - Tổng kết năm - Bảng tổng hợp điểm.xlsx"."""
    with ws.read() as s:
        period = s.get(EvaluationPeriod, period_id)
        year = s.get(EmulationYear, period.year_id)
        return file_name(year.year, period.kind.label, "Bảng tổng hợp điểm")


def summary(ws: Workspace, period_id: int, path: Path) -> Path:
    """Write the period's summary workbook (every unit, every criterion, totals, ranks)."""
    with ws.read() as s:
        data = _summary_data(s, period_id)
    return write_summary(path, data)


def _summary_data(s: Session, period_id: int) -> SummaryData:
    period = s.get(EvaluationPeriod, period_id)
    year = s.get(EmulationYear, period.year_id)
    table = s.get(ScoreTable, period.score_table_id)
    model = load_period(s, period_id)
    texts = dict(s.execute(select(Criterion.id, Criterion.text).where(Criterion.table_id == table.id)).all())
    bloc = s.scalars(select(Bloc)).first()
    return SummaryData(bloc_name=bloc.name, year=year.year, period_label=period.kind.label,
                       table_name=table.name, table_version=table.version, locked=period.locked,
                       model=model, results=score_period(model), criterion_texts=texts)
