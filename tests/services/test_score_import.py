"""Importing filled templates into the demo bloc: preview, all-or-nothing apply, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from excel_fill import cache_formula_value, fill, rows_by_code, set_identity, year_end_period
from sqlalchemy import select

from thidua_desktop.db.models import Criterion, EvaluationPeriod, Score, ScoreSection
from thidua_desktop.domain.enums import CriterionKind, ScoredBy
from thidua_desktop.services import score_import
from thidua_desktop.services.backups import list_backups
from thidua_desktop.services.excel_exchange import write_templates
from thidua_desktop.services.scoring import scored_criteria
from thidua_desktop.services.workspace import ChangeRefused, Workspace


@pytest.fixture
def period(ws: Workspace) -> EvaluationPeriod:
    return year_end_period(ws)


@pytest.fixture
def templates(ws: Workspace, period: EvaluationPeriod, tmp_path: Path) -> list[Path]:
    return write_templates(ws, period.id, tmp_path / "gửi đơn vị")


def self_scored(ws: Workspace, period: EvaluationPeriod, kind: CriterionKind) -> Criterion:
    with ws.read() as s:
        provincial = set(s.scalars(select(ScoreSection.id).where(ScoreSection.scored_by == ScoredBy.PROVINCIAL)))
        return next(c for c in scored_criteria(s, period.score_table_id)
                    if c.kind is kind and c.section_id not in provincial)


def snapshot(ws: Workspace, period: EvaluationPeriod) -> list[tuple]:
    with ws.read() as s:
        return [(x.unit_id, x.criterion_id, x.self_value, x.self_grade, x.self_actual, x.self_plan, x.self_note)
                for x in s.scalars(select(Score).where(Score.period_id == period.id).order_by(Score.id))]


def test_round_trip_the_way_a_unit_fills_it(ws: Workspace, period: EvaluationPeriod, templates: list[Path]) -> None:
    manual = self_scored(ws, period, CriterionKind.MANUAL)
    grade = self_scored(ws, period, CriterionKind.GRADE)
    ratio = self_scored(ws, period, CriterionKind.RATIO)
    half = manual.max_points / 2
    first, second = templates[:2]
    rows = rows_by_code(first)
    fill(first, {f"E{rows[manual.code]}": f"={half}+0", f"H{rows[manual.code]}": "Hoµn thµnh tèt nhiÖm vô",
                 f"E{rows[grade.code]}": "c", f"F{rows[ratio.code]}": "87,5", f"G{rows[ratio.code]}": "100"})
    cache_formula_value(first, f"E{rows[manual.code]}", half)
    fill(second, {f"E{rows[manual.code]}": str(manual.max_points).replace(".", ",")})

    result = score_import.preview(ws, period.id, [first, second])
    assert result.problems == [] and result.can_apply
    assert any("TCVN3" in str(n) for n in result.notices)
    news = {(c.file, c.code, c.what): c.new for c in result.changes}
    assert news[(first.name, grade.code, "xếp loại")] == "C"
    assert news[(first.name, ratio.code, "số thực hiện")] == "87,5"
    assert news[(first.name, manual.code, "ghi chú")] == "Hoàn thành tốt nhiệm vụ"

    count = score_import.apply(ws, result)
    assert count == len(result.changes)
    assert [b.reason for b in list_backups(ws.workbook.bloc_uuid)] == ["before_import"]
    with ws.read() as s:
        stored = {(x.criterion_id): x for x in s.scalars(select(Score).where(Score.period_id == period.id))
                  if (x.unit_id, x.criterion_id) in result.writes and x.criterion_id in (manual.id, grade.id, ratio.id)}
    assert stored[grade.id].self_grade == "C" and stored[ratio.id].self_actual == 87.5
    assert ws.undo_text is not None and "2 tệp Excel" in ws.undo_text
    before_undo = snapshot(ws, period)
    ws.undo()  # the whole import is one step
    assert snapshot(ws, period) != before_undo
    assert score_import.preview(ws, period.id, [first, second]).changes == result.changes


def test_nothing_is_written_when_any_file_has_a_problem(ws: Workspace, period: EvaluationPeriod,
                                                        templates: list[Path], tmp_path: Path) -> None:
    manual = self_scored(ws, period, CriterionKind.MANUAL)
    yes_no = self_scored(ws, period, CriterionKind.YES_NO)
    good, bad, other_unit, _ = templates[:4]
    rows = rows_by_code(good)
    fill(good, {f"E{rows[manual.code]}": "0,5"})
    fill(bad, {f"E{rows[manual.code]}": str(manual.max_points + 1), f"E{rows[yes_no.code]}": "Chưa"})
    set_identity(other_unit, "unit_uid", "0" * 32)
    set_identity(other_unit, "unit_name", "UBND huyện Tam Đường")
    damaged = tmp_path / "hỏng.xlsx"
    damaged.write_bytes(good.read_bytes()[:3000])
    before = snapshot(ws, period)

    result = score_import.preview(ws, period.id, [good, bad, other_unit, damaged])
    where = {(p.file, p.row, p.column): p.reason for p in result.problems}
    assert "điểm phải từ 0 đến" in where[(bad.name, rows[manual.code], "E")]
    assert "chỉ nhận Có hoặc Không" in where[(bad.name, rows[yes_no.code], "E")]
    assert "“UBND huyện Tam Đường” không phải thành viên" in where[(other_unit.name, None, None)]
    assert "hỏng" in where[(damaged.name, None, None)]
    with pytest.raises(ChangeRefused, match="còn 4 lỗi"):
        score_import.apply(ws, result)
    assert snapshot(ws, period) == before
    assert list_backups(ws.workbook.bloc_uuid) == []


@pytest.mark.parametrize(("key", "value", "message"), [
    ("bloc_uuid", "f" * 32, "tệp của khối khác (“Khối thi đua khác”)"),
    ("year", 2019, "tệp của năm 2019, đang nhập cho năm"),
    ("period_kind", "mid_year", "tệp của kỳ sơ kết 6 tháng, đang nhập cho kỳ tổng kết năm"),
    ("table_uid", "e" * 32, "tệp lập theo bảng điểm phiên bản 0, kỳ này đang dùng phiên bản 1"),
])
def test_sheets_of_another_place_are_refused_saying_which(ws: Workspace, period: EvaluationPeriod,
                                                          templates: list[Path], key: str, value: object,
                                                          message: str) -> None:
    path = templates[0]
    set_identity(path, "bloc_name", "Khối thi đua khác")
    set_identity(path, "table_version", 0)
    set_identity(path, key, value)
    result = score_import.preview(ws, period.id, [path])
    assert [p.file for p in result.problems] == [path.name]
    assert message in result.problems[0].reason


def test_duplicate_unit_and_locked_period(ws: Workspace, period: EvaluationPeriod, templates: list[Path],
                                          tmp_path: Path) -> None:
    copy = tmp_path / "bản sao.xlsx"
    copy.write_bytes(templates[0].read_bytes())
    result = score_import.preview(ws, period.id, [templates[0], copy])
    assert len(result.problems) == 1 and "mỗi đơn vị chỉ nhập một tệp" in result.problems[0].reason

    def lock(s):  # noqa: ANN001, ANN202
        s.get(EvaluationPeriod, period.id).locked = True

    ws.change("khóa", lock)
    result = score_import.preview(ws, period.id, [templates[0]])
    assert any("đã khóa" in p.reason for p in result.problems)
