"""Ranking of units by total score, with a configurable tie-break that is always reported.

No text fixes a tie-break for blocs (domain.md 3.2), so the year sets the order and every
document prints it (``Ranking.order_used``) together with why each tied unit was placed
where it is (``RankedRow.explanation``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from thidua_desktop.domain.enums import TieBreak
from thidua_desktop.domain.text import format_points, vi_sort_key

TOTAL_LABEL = "Tổng điểm"
FEMALE_SHARE_MIN = Decimal(70)  # collectives with at least 70% women are preferred


@dataclass(frozen=True, slots=True)
class RankInput:
    """One unit's figures for ranking; ``name`` is what explanations call it (default: key).

    Ties are listed by name, then by key, so keys must be orderable among equal names.
    """

    key: Hashable
    total: Decimal
    penalty: Decimal = Decimal(0)
    grade_a_count: int = 0
    votes: int | None = None  # None: no vote was held for this unit
    female_share_pct: Decimal | None = None
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or str(self.key)


@dataclass(frozen=True, slots=True)
class RankedRow:
    """``rank`` is by total only (the printed "Hạng"); ``position`` applies the tie-breaks."""

    key: Hashable
    name: str
    total: Decimal
    rank: int
    position: int
    decided_by: TieBreak | None
    explanation: str


@dataclass(frozen=True, slots=True)
class Ranking:
    rows: tuple[RankedRow, ...]
    order_used: tuple[str, ...]

    @property
    def order_text(self) -> str:
        """The order as printed: "Tổng điểm → Ít điểm trừ hơn → …"."""
        return " → ".join(self.order_used)

    def by_key(self) -> dict[Hashable, RankedRow]:
        return {row.key: row for row in self.rows}


# For each computable key: sort value (smaller is better), printed value, why better, why worse.
_KEYS: dict[TieBreak, tuple[Callable[[RankInput], object], Callable[[RankInput], str], str, str]] = {
    TieBreak.FEWER_PENALTY: (
        lambda e: e.penalty,
        lambda e: format_points(e.penalty),
        "ít điểm trừ hơn",
        "nhiều điểm trừ hơn",
    ),
    TieBreak.MORE_GRADE_A: (
        lambda e: -e.grade_a_count,
        lambda e: str(e.grade_a_count),
        "nhiều tiêu chí xếp loại A hơn",
        "ít tiêu chí xếp loại A hơn",
    ),
    TieBreak.MORE_VOTES: (
        lambda e: -(e.votes or 0),
        lambda e: str(e.votes),
        "nhiều phiếu bầu hơn",
        "ít phiếu bầu hơn",
    ),
    TieBreak.FEMALE_PREFERENCE: (
        lambda e: not _female_majority(e),
        lambda e: "không rõ tỷ lệ nữ"
        if e.female_share_pct is None
        else f"{format_points(e.female_share_pct)}% nữ",
        "được ưu tiên tập thể có từ 70% nữ trở lên",
        "không thuộc diện ưu tiên tập thể có từ 70% nữ trở lên",
    ),
}


def _female_majority(entry: RankInput) -> bool:
    return entry.female_share_pct is not None and entry.female_share_pct >= FEMALE_SHARE_MIN


def _check(entries: Sequence[RankInput], tie_breaks: Sequence[TieBreak]) -> None:
    if len(set(tie_breaks)) != len(tie_breaks):
        raise ValueError("Thứ tự xét khi bằng điểm có tiêu chí bị lặp.")
    if TieBreak.LEADERS_DECIDE in tie_breaks[:-1]:
        raise ValueError(
            "“Trưởng khối và Phó khối quyết định” phải là bước cuối cùng khi xét bằng điểm."
        )
    keys = [e.key for e in entries]
    if len(set(keys)) != len(keys):
        raise ValueError("Một đơn vị xuất hiện hai lần trong bảng xếp hạng.")


def rank(entries: Iterable[RankInput], tie_breaks: Sequence[TieBreak] = ()) -> Ranking:
    """Competition ranks by total (1, 2, 2, 4) and positions refined by ``tie_breaks``.

    Rows still equal after every applicable key (or when the leaders must decide) share a
    position. Output is ordered by position, then by name (Vietnamese order), then key.
    """
    items = list(entries)
    tie_breaks = tuple(tie_breaks)
    _check(items, tie_breaks)
    items.sort(key=lambda e: (-e.total, vi_sort_key(e.name), e.key))

    rows: list[RankedRow] = []
    start = 0
    while start < len(items):
        end = start + 1
        while end < len(items) and items[end].total == items[start].total:
            end += 1
        rows.extend(_rank_group(items[start:end], start + 1, tie_breaks))
        start = end
    return Ranking(tuple(rows), (TOTAL_LABEL, *(tb.label for tb in tie_breaks)))


def _rank_group(
    group: list[RankInput], first: int, tie_breaks: tuple[TieBreak, ...]
) -> list[RankedRow]:
    """Rows of units sharing one total, which all hold competition rank ``first``."""
    if len(group) == 1:
        e = group[0]
        return [RankedRow(e.key, e.name, e.total, first, first, None, "")]
    notes: dict[Hashable, list[str]] = {e.key: [] for e in group}
    decided: dict[Hashable, TieBreak | None] = {}
    peers = {e.key: [p for p in group if p is not e] for e in group}
    rows = []
    position = first
    for subgroup in _refine(group, tie_breaks, peers, notes, decided):
        for e in subgroup:
            others = ", ".join(p.label for p in peers[e.key])
            text = f"Bằng điểm với {others} ({format_points(e.total)}); " + "; ".join(notes[e.key])
            rows.append(
                RankedRow(e.key, e.name, e.total, first, position, decided.get(e.key), text + ".")
            )
        position += len(subgroup)
    return rows


def _refine(
    group: list[RankInput],
    keys: tuple[TieBreak, ...],
    peers: dict[Hashable, list[RankInput]],
    notes: dict[Hashable, list[str]],
    decided: dict[Hashable, TieBreak | None],
) -> list[list[RankInput]]:
    """Split a tied group by the first key that separates it, recursively; in order."""
    if len(group) == 1:
        return [group]
    for i, tie_break in enumerate(keys):
        if tie_break is TieBreak.LEADERS_DECIDE:
            for e in group:
                decided[e.key] = tie_break
                notes[e.key].append(
                    "Trưởng khối và Phó khối quyết định thứ tự" + _with(e, group, peers)
                )
            return [group]
        if tie_break is TieBreak.MORE_VOTES and any(e.votes is None for e in group):
            continue  # no vote among these units: the key does not apply
        sort_value, shown, better, worse = _KEYS[tie_break]
        buckets: dict[object, list[RankInput]] = {}
        for e in group:
            buckets.setdefault(sort_value(e), []).append(e)
        if len(buckets) == 1:
            continue
        ordered = [buckets[v] for v in sorted(buckets)]  # type: ignore[type-var]
        for n, bucket in enumerate(ordered):
            above = [p for b in ordered[:n] for p in b]
            below = [p for b in ordered[n + 1:] for p in b]
            for e in bucket:
                decided[e.key] = tie_break
                if above:
                    notes[e.key].append(_versus("xếp dưới", "vì " + worse, e, above, peers, shown))
                if below:
                    notes[e.key].append(_versus("xếp trên", "nhờ " + better, e, below, peers, shown))
        rest = keys[i + 1:]
        return [sub for bucket in ordered for sub in _refine(bucket, rest, peers, notes, decided)]
    for e in group:
        decided[e.key] = None
        notes[e.key].append("xếp cùng vị trí" + _with(e, group, peers))
    return [group]


def _with(e: RankInput, group: list[RankInput], peers: dict[Hashable, list[RankInput]]) -> str:
    """" với X, Y" unless those are all the units tied on total (already named)."""
    others = [p for p in group if p is not e]
    if len(others) == len(peers[e.key]):
        return ""
    return " với " + ", ".join(p.label for p in others)


def _versus(
    verb: str,
    reason: str,
    e: RankInput,
    others: list[RankInput],
    peers: dict[Hashable, list[RankInput]],
    shown: Callable[[RankInput], str],
) -> str:
    """"xếp trên X nhờ ít điểm trừ hơn (0 so với 5)"; X is left out when it is every peer."""
    names = "" if len(others) == len(peers[e.key]) else " " + ", ".join(p.label for p in others)
    values = ", ".join(dict.fromkeys(shown(p) for p in others))
    return f"{verb}{names} {reason} ({shown(e)} so với {values})"
