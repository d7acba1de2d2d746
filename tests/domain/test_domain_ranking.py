"""Ranking: shared competition ranks, configurable tie-breaks, and the reasons printed."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua_desktop.domain.enums import TieBreak as T
from thidua_desktop.domain.ranking import RankInput, rank

FULL_ORDER = [T.FEWER_PENALTY, T.MORE_GRADE_A, T.MORE_VOTES, T.FEMALE_PREFERENCE, T.LEADERS_DECIDE]


def table(ranking) -> list[tuple[str, int, int]]:
    return [(row.name, row.rank, row.position) for row in ranking.rows]


def test_fewer_penalty_breaks_the_tie_and_is_explained() -> None:
    ranking = rank(
        [
            RankInput("tc", D("95.50"), penalty=D(5), name="Sở Tài chính"),
            RankInput("kh", D("95.5"), penalty=D(0), name="Sở Kế hoạch và Đầu tư"),
            RankInput("nv", D(97), name="Sở Nội vụ"),
            RankInput("xd", D(80), name="Sở Xây dựng"),
        ],
        [T.FEWER_PENALTY],
    )
    assert table(ranking) == [
        ("Sở Nội vụ", 1, 1),
        ("Sở Kế hoạch và Đầu tư", 2, 2),
        ("Sở Tài chính", 2, 3),
        ("Sở Xây dựng", 4, 4),
    ]
    rows = ranking.by_key()
    assert rows["kh"].decided_by is T.FEWER_PENALTY
    assert rows["kh"].explanation == (
        "Bằng điểm với Sở Tài chính (95,5); xếp trên nhờ ít điểm trừ hơn (0 so với 5)."
    )
    assert rows["tc"].explanation == (
        "Bằng điểm với Sở Kế hoạch và Đầu tư (95,5); xếp dưới vì nhiều điểm trừ hơn (5 so với 0)."
    )
    assert rows["nv"].decided_by is None and rows["nv"].explanation == ""
    assert ranking.order_used == ("Tổng điểm", "Ít điểm trừ hơn")
    assert ranking.order_text == "Tổng điểm → Ít điểm trừ hơn"


def test_full_order_over_five_tied_units() -> None:
    ranking = rank(
        [
            RankInput("a", D(90), D(0), 3, name="Sở A"),
            RankInput("b", D(90), D(5), 4, name="Sở B"),
            RankInput("c", D(90), D(5), 2, name="Sở C"),
            RankInput("d", D(90), D(5), 2, female_share_pct=D(75), name="Sở D"),
            RankInput("e", D(90), D(5), 2, female_share_pct=D("69.9"), name="Sở E"),
        ],
        FULL_ORDER,
    )
    assert table(ranking) == [
        ("Sở A", 1, 1), ("Sở B", 1, 2), ("Sở D", 1, 3), ("Sở C", 1, 4), ("Sở E", 1, 4),
    ]
    rows = ranking.by_key()
    assert [rows[k].decided_by for k in "abdce"] == [
        T.FEWER_PENALTY, T.MORE_GRADE_A, T.FEMALE_PREFERENCE, T.LEADERS_DECIDE, T.LEADERS_DECIDE,
    ]
    assert rows["b"].explanation == (
        "Bằng điểm với Sở A, Sở C, Sở D, Sở E (90); "
        "xếp dưới Sở A vì nhiều điểm trừ hơn (5 so với 0); "
        "xếp trên Sở C, Sở D, Sở E nhờ nhiều tiêu chí xếp loại A hơn (4 so với 2)."
    )
    assert rows["c"].explanation.endswith(
        "xếp dưới Sở D vì không thuộc diện ưu tiên tập thể có từ 70% nữ trở lên "
        "(không rõ tỷ lệ nữ so với 75% nữ); Trưởng khối và Phó khối quyết định thứ tự với Sở E."
    )
    assert ranking.order_text == (
        "Tổng điểm → Ít điểm trừ hơn → Nhiều tiêu chí xếp loại A hơn → Nhiều phiếu bầu hơn → "
        "Ưu tiên tập thể có từ 70% nữ trở lên → Trưởng khối và Phó khối quyết định"
    )


def test_female_share_of_exactly_70_qualifies() -> None:
    ranking = rank(
        [RankInput("x", D(80), name="Hội Nông dân tỉnh"),
         RankInput("y", D(80), female_share_pct=D(70), name="Hội Liên hiệp Phụ nữ tỉnh")],
        [T.FEMALE_PREFERENCE],
    )
    assert table(ranking) == [("Hội Liên hiệp Phụ nữ tỉnh", 1, 1), ("Hội Nông dân tỉnh", 1, 2)]
    assert ranking.by_key()["y"].explanation == (
        "Bằng điểm với Hội Nông dân tỉnh (80); xếp trên nhờ được ưu tiên tập thể có từ 70% nữ "
        "trở lên (70% nữ so với không rõ tỷ lệ nữ)."
    )


def test_votes_apply_only_where_every_tied_unit_was_voted_on() -> None:
    voted = [RankInput("a", D(80), votes=3), RankInput("b", D(80), votes=7)]
    ranking = rank(voted, [T.MORE_VOTES])
    assert [(r.key, r.position, r.decided_by) for r in ranking.rows] == [
        ("b", 1, T.MORE_VOTES), ("a", 2, T.MORE_VOTES),
    ]
    assert ranking.rows[0].explanation == "Bằng điểm với a (80); xếp trên nhờ nhiều phiếu bầu hơn (7 so với 3)."
    not_voted = [RankInput("a", D(80), votes=3), RankInput("b", D(80), votes=None, penalty=D(1))]
    ranking = rank(not_voted, [T.MORE_VOTES, T.FEWER_PENALTY])
    assert [(r.key, r.position, r.decided_by) for r in ranking.rows] == [
        ("a", 1, T.FEWER_PENALTY), ("b", 2, T.FEWER_PENALTY),
    ]


def test_leaders_decide_leaves_the_tie_and_says_so() -> None:
    ranking = rank(
        [RankInput(1, D(88), name="Tỉnh đoàn"), RankInput(2, D(88), name="Báo Hưng Yên")],
        [T.FEWER_PENALTY, T.LEADERS_DECIDE],
    )
    assert table(ranking) == [("Báo Hưng Yên", 1, 1), ("Tỉnh đoàn", 1, 1)]
    row = ranking.rows[0]
    assert row.decided_by is T.LEADERS_DECIDE
    assert row.explanation == "Bằng điểm với Tỉnh đoàn (88); Trưởng khối và Phó khối quyết định thứ tự."


def test_without_tie_breaks_tied_units_share_the_position() -> None:
    ranking = rank([RankInput(2, D(70)), RankInput(1, D(70)), RankInput(3, D("70.5"))])
    assert [(r.key, r.rank, r.position, r.decided_by) for r in ranking.rows] == [
        (3, 1, 1, None), (1, 2, 2, None), (2, 2, 2, None),
    ]
    assert ranking.rows[1].explanation == "Bằng điểm với 2 (70); xếp cùng vị trí."
    assert ranking.order_used == ("Tổng điểm",)


def test_ties_are_listed_in_vietnamese_order() -> None:
    names = ["Đồng Văn", "Bắc Hà", "Dương Minh Châu", "Ân Thi", "An Lão"]
    ranking = rank([RankInput(n, D(50), name=n) for n in names])
    assert [r.name for r in ranking.rows] == ["An Lão", "Ân Thi", "Bắc Hà", "Dương Minh Châu", "Đồng Văn"]


def test_empty() -> None:
    assert rank([]).rows == ()


@pytest.mark.parametrize(
    ("entries", "order", "message"),
    [
        ([], [T.FEWER_PENALTY, T.FEWER_PENALTY], "Thứ tự xét khi bằng điểm có tiêu chí bị lặp."),
        ([], [T.LEADERS_DECIDE, T.FEWER_PENALTY],
         "“Trưởng khối và Phó khối quyết định” phải là bước cuối cùng khi xét bằng điểm."),
        ([RankInput(1, D(5)), RankInput(1, D(6))], [],
         "Một đơn vị xuất hiện hai lần trong bảng xếp hạng."),
    ],
)
def test_invalid_configuration(entries, order, message: str) -> None:
    with pytest.raises(ValueError) as info:
        rank(entries, order)
    assert str(info.value) == message


# --- properties ------------------------------------------------------------------------------

entry_lists = st.lists(
    st.builds(
        RankInput,
        key=st.integers(0, 10**6),
        total=st.sampled_from([D(80), D("80.00"), D("85.5"), D(90), D(107)]),
        penalty=st.sampled_from([D(0), D(5), D(10)]),
        grade_a_count=st.integers(0, 2),
        votes=st.one_of(st.none(), st.integers(0, 3)),
        female_share_pct=st.one_of(st.none(), st.sampled_from([D(40), D(70), D(85)])),
    ),
    max_size=12,
    unique_by=lambda e: e.key,
)
# Any prefix of any order of the computable keys, optionally closed by the leaders' decision.
orders = st.tuples(st.permutations(FULL_ORDER[:-1]), st.integers(0, 4), st.booleans()).map(
    lambda t: list(t[0][: t[1]]) + [T.LEADERS_DECIDE] * t[2]
)


@given(entry_lists, orders)
def test_ranks_are_competition_ranks(entries: list[RankInput], order: list[T]) -> None:
    rows = rank(entries, order).rows
    assert len(rows) == len(entries)
    for row in rows:
        assert row.rank == 1 + sum(other.total > row.total for other in rows)
        assert row.position == 1 + sum(other.position < row.position for other in rows)
    assert [r.position for r in rows] == sorted(r.position for r in rows)


@given(entry_lists, orders)
def test_position_refines_rank(entries: list[RankInput], order: list[T]) -> None:
    rows = rank(entries, order).rows
    for a in rows:
        tied = sum(b.total == a.total for b in rows)
        assert a.rank <= a.position < a.rank + tied
        for b in rows:
            if a.rank < b.rank:
                assert a.position < b.position


@given(entry_lists, st.just([T.FEWER_PENALTY]))
def test_fewer_penalty_orders_tied_units(entries: list[RankInput], order: list[T]) -> None:
    penalty = {e.key: e.penalty for e in entries}
    rows = rank(entries, order).rows
    for a in rows:
        for b in rows:
            if a.total == b.total:
                assert (a.position < b.position) == (penalty[a.key] < penalty[b.key])


@given(entry_lists, orders, st.randoms(use_true_random=False))
def test_result_does_not_depend_on_input_order(entries, order, random) -> None:
    shuffled = list(entries)
    random.shuffle(shuffled)
    assert rank(shuffled, order).rows == rank(entries, order).rows
