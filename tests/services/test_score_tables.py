"""The score table: building it, checking totals, copying last year's, freezing, versions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from thidua_desktop.db.models import Criterion, EmulationYear, EvaluationPeriod, Score
from thidua_desktop.domain.enums import AdjustmentKind, CriterionKind, PeriodKind, ScoredBy
from thidua_desktop.services import score_tables as st
from thidua_desktop.services import years as year_svc
from thidua_desktop.services.workspace import ChangeRefused, Workspace

D = Decimal


def test_build_a_table_and_check_it(ws: Workspace) -> None:
    year = year_svc.create_year(ws, 2027)
    table = st.create_table(ws, year, "Bảng điểm thi đua năm 2027", D(100))
    one = st.add_section(ws, table, "I", "Thực hiện nhiệm vụ chính trị", D(70))
    three = st.add_section(ws, table, "III", "Công tác thi đua, khen thưởng", D(30), ScoredBy.PROVINCIAL)
    head = st.add_criterion(ws, table, one, "1", "Kết quả thực hiện chỉ tiêu", D(0))
    st.add_criterion(ws, table, one, "1.1", "Tỷ lệ hồ sơ giải quyết đúng hạn", D(40), CriterionKind.RATIO,
                     parent_id=head, unit_of_measure="%")
    st.add_criterion(ws, table, one, "1.2", "Chất lượng tham mưu", D(20), CriterionKind.GRADE, parent_id=head,
                     grade_points={"A": "20", "B": "15", "C": "10", "D": "5"})
    st.add_criterion(ws, table, three, "3", "Thực hiện chế độ báo cáo", D(30), CriterionKind.YES_NO)
    st.add_rule(ws, table, AdjustmentKind.PENALTY, "T1", "Lãnh đạo vắng họp khối", D(5), per_occurrence=True,
                cap=D(20))
    view = st.table_view(ws, table)
    assert [n.criterion.code for n in view.sections[0].criteria[0].children] == ["1.1", "1.2"]
    assert view.sections[0].points == D(60) and view.points == D(90)
    problems = view.problems()
    assert any("Phần I" in p and "60" in p and "70" in p for p in problems)
    assert any("Cả bảng" in p for p in problems)
    with pytest.raises(ChangeRefused, match="chưa ký được"):
        st.freeze(ws, table)
    st.add_criterion(ws, table, one, "2", "Cải cách hành chính", D(10))
    assert st.table_view(ws, table).problems() == []
    st.freeze(ws, table)
    with pytest.raises(ChangeRefused, match="phiên bản mới"):
        st.add_criterion(ws, table, one, "3", "Thêm", D(1))


def test_bad_grade_map_is_refused(ws: Workspace) -> None:
    year = year_svc.create_year(ws, 2027)
    table = st.create_table(ws, year, "Bảng 2027")
    section = st.add_section(ws, table, "I", "Phần I", D(100))
    with pytest.raises(ChangeRefused):
        st.add_criterion(ws, table, section, "1", "Xếp loại", D(10), CriterionKind.GRADE,
                         grade_points={"A": "8", "B": "9", "C": "1", "D": "0"})


def test_copy_previous_year_as_a_draft(ws: Workspace) -> None:
    with ws.read() as s:
        last = s.scalars(select(EmulationYear).order_by(EmulationYear.year.desc())).first()
        source = st.current_table_id(s, last.id)
    year = year_svc.create_year(ws, last.year + 1)
    table = st.copy_previous_year(ws, year)
    copied, original = st.table_view(ws, table), st.table_view(ws, source)
    assert not copied.frozen and copied.table.based_on_id == source
    assert copied.points == original.points == D(100)

    def codes(view: st.TableView) -> list[tuple]:
        return [(n.criterion.code, len(n.children)) for s in view.sections for n in s.criteria]

    assert codes(copied) == codes(original)
    assert [r.code for r in copied.rules] == [r.code for r in original.rules]
    with pytest.raises(ChangeRefused, match="đã có bảng điểm"):
        st.copy_previous_year(ws, year)


def test_new_version_keeps_scores_on_the_old_one(ws: Workspace) -> None:
    with ws.read() as s:
        year = s.scalars(select(EmulationYear).order_by(EmulationYear.year.desc())).first()
        table = st.current_table_id(s, year.id)
        period = s.scalars(select(EvaluationPeriod).where(EvaluationPeriod.year_id == year.id,
                                                          EvaluationPeriod.kind == PeriodKind.YEAR_END)).one()
        scored_before = s.scalar(select(Score.id).where(Score.period_id == period.id).limit(1))
    with pytest.raises(ChangeRefused, match="lý do"):
        st.new_version(ws, table, "")
    v2 = st.new_version(ws, table, "Sở Nội vụ hướng dẫn bổ sung tiêu chí chuyển đổi số")
    assert [t.version for t in st.versions(ws, year.id)] == [1, 2]
    assert st.table_view(ws, v2).table.change_reason.startswith("Sở Nội vụ")
    section = st.table_view(ws, v2).sections[0].section.id
    st.add_criterion(ws, v2, section, "9.9", "Chuyển đổi số", D(0))  # a draft version is editable
    with ws.read() as s:  # the score given under version 1 still points at version 1's criterion
        assert s.get(Criterion, s.get(Score, scored_before).criterion_id).table_id == table
    st.use_version(ws, period.id, v2)
    with ws.read() as s:
        assert s.get(EvaluationPeriod, period.id).score_table_id == v2


def test_reorder_criteria_and_sections_and_edit_the_table_heading(ws: Workspace) -> None:
    year = year_svc.create_year(ws, 2027)
    table = st.create_table(ws, year, "Bảng điểm năm 2027", D(100))
    one = st.add_section(ws, table, "I", "Nhiệm vụ chính trị", D(60))
    two = st.add_section(ws, table, "II", "Công tác thi đua", D(40))
    head = st.add_criterion(ws, table, one, "1", "Chỉ tiêu", D(0))
    a = st.add_criterion(ws, table, one, "1.1", "Thu ngân sách", D(30), parent_id=head)
    b = st.add_criterion(ws, table, one, "1.2", "Giải ngân đầu tư công", D(30), parent_id=head)
    st.add_criterion(ws, table, two, "2", "Phong trào thi đua", D(40))

    def codes() -> list[str]:
        view = st.table_view(ws, table)
        first = next(s for s in view.sections if s.section.code == "I")
        return [s.section.code for s in view.sections] + [c.criterion.code for c in first.criteria[0].children]

    assert codes() == ["I", "II", "1.1", "1.2"]
    assert st.move(ws, "criterion", b, -1) is True
    assert st.move(ws, "section", two, -1) is True
    assert codes() == ["II", "I", "1.2", "1.1"]
    assert st.move(ws, "criterion", b, -1) is False  # already first among its siblings
    assert st.move(ws, "criterion", a, +1) is False
    ws.undo()
    assert codes() == ["I", "II", "1.2", "1.1"]

    st.update_table(ws, table, name="Bảng chấm điểm thi đua năm 2027", max_points=D(100))
    assert st.table_view(ws, table).table.name == "Bảng chấm điểm thi đua năm 2027"
    with pytest.raises(ChangeRefused, match="lớn hơn 0"):
        st.update_table(ws, table, name="x", max_points=D(0))
    st.freeze(ws, table)
    with pytest.raises(ChangeRefused, match="phiên bản mới"):
        st.move(ws, "criterion", a, -1)
