"""Counting a bình xét ballot under the year's rules (domain.md 1.8): checking a tally, who
passed and why in one Vietnamese sentence each, places left open for a second round, and
the quota check that warns without blocking (1.7).

Pure data in, pure data out: the service stores the outcome, the minutes print it.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from thidua_desktop.domain import defaults
from thidua_desktop.domain.enums import Denominator, TieBreak, VoterMode
from thidua_desktop.domain.ranking import RankInput, rank
from thidua_desktop.domain.text import format_points

# Thresholds stored in hundredths that mean an exact fraction ("2/3" cannot be 66.67 %).
_EXACT = {Decimal("66.67"): Fraction(2, 3), Decimal("66.66"): Fraction(2, 3),
          Decimal("33.33"): Fraction(1, 3), Decimal("33.34"): Fraction(1, 3)}


@dataclass(frozen=True, slots=True)
class VoteRules:
    """The rules a round is counted under; a copy is kept with the round (``snapshot``)."""

    voters: VoterMode = VoterMode.UNITS_PRESENT
    denominator: Denominator = Denominator.ALL_MEMBERS
    threshold_pct: Decimal = Decimal(50)
    threshold_strict: bool = True  # "trên 50%" (strict) or "từ 50% trở lên"
    quorum_pct: Decimal = Decimal("66.67")
    secret_ballot: bool = True
    self_vote_allowed: bool = True
    max_rounds: int = 2
    tie_break_order: tuple[TieBreak, ...] = ()

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "VoteRules":
        """From a VotingRule's fields, defaults.VOTING, or a stored snapshot (texts)."""
        merged = {**defaults.VOTING, **{k: v for k, v in values.items() if v is not None}}
        return cls(
            voters=VoterMode(merged["voters"]),
            denominator=Denominator(merged["denominator"]),
            threshold_pct=Decimal(str(merged["threshold_pct"])),
            threshold_strict=bool(merged["threshold_strict"]),
            quorum_pct=Decimal(str(merged["quorum_pct"])),
            secret_ballot=bool(merged["secret_ballot"]),
            self_vote_allowed=bool(merged["self_vote_allowed"]),
            max_rounds=int(merged["max_rounds"]),
            tie_break_order=tuple(TieBreak(t) for t in merged["tie_break_order"]),
        )

    def snapshot(self) -> dict[str, Any]:
        """JSON-ready copy, in the form the demo's rounds already hold."""
        return {"voters": self.voters.value, "denominator": self.denominator.value,
                "threshold_pct": str(self.threshold_pct), "threshold_strict": self.threshold_strict,
                "quorum_pct": str(self.quorum_pct), "secret_ballot": self.secret_ballot,
                "self_vote_allowed": self.self_vote_allowed, "max_rounds": self.max_rounds,
                "tie_break_order": [t.value for t in self.tie_break_order]}

    @property
    def threshold(self) -> Fraction:
        return _EXACT.get(self.threshold_pct, Fraction(self.threshold_pct) / 100)

    @property
    def quorum(self) -> Fraction:
        return _EXACT.get(self.quorum_pct, Fraction(self.quorum_pct) / 100)

    @property
    def threshold_text(self) -> str:
        """"trên 50%", "từ 2/3 trở lên"."""
        amount = _pct_text(self.threshold_pct)
        return f"trên {amount}" if self.threshold_strict else f"từ {amount} trở lên"

    @property
    def base_text(self) -> str:
        """What the share is counted on."""
        who = "đơn vị" if self.voters is VoterMode.UNITS_PRESENT else "thành viên"
        if self.denominator is Denominator.PRESENT:
            return f"số {who} có mặt"
        return "tổng số đơn vị thành viên" if self.voters is VoterMode.UNITS_PRESENT else "tổng số thành viên"

    def reaches(self, votes: int, base: int) -> bool:
        if base <= 0:
            return False
        share = Fraction(votes, base)
        return share > self.threshold if self.threshold_strict else share >= self.threshold

    def fewest_votes(self, base: int) -> int:
        """The fewest votes that pass, for the ballot's instructions and the minutes."""
        need = self.threshold * base
        least = math.floor(need) + 1 if self.threshold_strict else math.ceil(need)
        return max(least, 1)

    @property
    def summary(self) -> str:
        """One line for a screen: "Bỏ phiếu kín; đạt khi trên 50% tổng số đơn vị thành viên; tối đa 2 vòng"."""
        how = "Bỏ phiếu kín" if self.secret_ballot else "Biểu quyết công khai"
        return f"{how}; đạt khi {self.threshold_text} {self.base_text}; tối đa {self.max_rounds} vòng"

    def sentences(self) -> list[str]:
        """The rules as the minutes state them."""
        who = self.voters.label.lower()
        lines = [
            f"Hình thức: {'bỏ phiếu kín' if self.secret_ballot else 'biểu quyết công khai'}; {who}.",
            f"Đơn vị (người) được đề nghị khi đạt {self.threshold_text} số phiếu đồng ý trên {self.base_text}.",
            f"Hội nghị hợp lệ khi có mặt từ {_pct_text(self.quorum_pct)} tổng số thành viên trở lên.",
            "Đơn vị được bỏ phiếu cho chính mình." if self.self_vote_allowed
            else "Đơn vị không bỏ phiếu cho chính mình.",
            f"Mỗi lần bình xét bỏ phiếu tối đa {self.max_rounds} vòng.",
        ]
        if self.tie_break_order:
            lines.append("Khi bằng phiếu, xét theo thứ tự: Tổng điểm → "
                         + " → ".join(t.label for t in self.tie_break_order) + ".")
        return lines


def _pct_text(pct: Decimal) -> str:
    exact = _EXACT.get(pct)
    if exact is not None:
        return f"{exact.numerator}/{exact.denominator}"
    return f"{format_points(pct)}%"


def percent(votes: int, base: int) -> Decimal:
    """votes/base in percent, two decimals (what the minutes print)."""
    if base <= 0:
        return Decimal(0)
    return (Decimal(votes * 100) / Decimal(base)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- the tally ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tally:
    """What the ban kiểm phiếu counted for one ballot. ``votes``: candidate key → votes for
    (None when not entered yet)."""

    eligible: int  # member units (or named voters)
    present: int
    issued: int
    returned: int
    valid: int
    invalid: int
    votes: Mapping[Hashable, int | None] = field(default_factory=dict)


def tally_problems(tally: Tally, places: int, names: Mapping[Hashable, str]) -> list[str]:
    """Every reason the tally cannot be right, in Vietnamese; empty when it is possible."""
    problems: list[str] = []
    figures = {"số thành viên": tally.eligible, "số có mặt": tally.present, "số phiếu phát ra": tally.issued,
               "số phiếu thu vào": tally.returned, "số phiếu hợp lệ": tally.valid,
               "số phiếu không hợp lệ": tally.invalid}
    for label, value in figures.items():
        if value < 0:
            problems.append(f"{label.capitalize()} không được âm ({value}).")
    if tally.present > tally.eligible:
        problems.append(f"Số có mặt ({tally.present}) nhiều hơn số thành viên ({tally.eligible}).")
    if tally.issued > tally.present:
        problems.append(f"Số phiếu phát ra ({tally.issued}) nhiều hơn số có mặt ({tally.present}).")
    if tally.returned > tally.issued:
        problems.append(f"Số phiếu thu vào ({tally.returned}) nhiều hơn số phiếu phát ra ({tally.issued}).")
    if tally.valid > tally.returned:
        problems.append(f"Số phiếu hợp lệ ({tally.valid}) nhiều hơn số phiếu thu vào ({tally.returned}).")
    if tally.valid + tally.invalid != tally.returned:
        problems.append(f"Phiếu hợp lệ ({tally.valid}) cộng phiếu không hợp lệ ({tally.invalid}) phải bằng số "
                        f"phiếu thu vào ({tally.returned}).")
    for key, votes in tally.votes.items():
        name = names.get(key, str(key))
        if votes is None:
            problems.append(f"Chưa nhập số phiếu đồng ý cho {name}.")
        elif votes < 0:
            problems.append(f"Số phiếu đồng ý cho {name} không được âm ({votes}).")
        elif votes > tally.valid:
            problems.append(f"{name} được {votes} phiếu, nhiều hơn số phiếu hợp lệ ({tally.valid}).")
    given = sum(v for v in tally.votes.values() if v is not None and v > 0)
    if places > 0 and given > tally.valid * places:
        problems.append(f"Tổng số phiếu đồng ý ({given}) vượt quá số phiếu hợp lệ nhân số suất "
                        f"({tally.valid} × {places} = {tally.valid * places}): mỗi phiếu chọn tối đa {places} "
                        "đơn vị.")
    return problems


# --- counting a round --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate with the ranking figures the tie-breaks use."""

    key: Hashable
    name: str
    total: Decimal | None = None
    rank: int | None = None
    penalty: Decimal = Decimal(0)
    grade_a_count: int = 0
    female_share_pct: Decimal | None = None


@dataclass(frozen=True, slots=True)
class CandidateResult:
    key: Hashable
    name: str
    votes: int
    share_pct: Decimal
    reached: bool  # met the threshold
    passed: bool  # holds one of the places
    tied_open: bool  # tied for the last place and not separated: the next round or the leaders decide
    place: int | None  # 1-based order among those who reached the threshold
    explanation: str


@dataclass(frozen=True, slots=True)
class RoundResult:
    round_no: int
    places: int
    base: int
    quorum_met: bool
    candidates: tuple[CandidateResult, ...]
    open_places: int
    next_round: tuple[Hashable, ...]  # candidates for the following round (empty: none possible)
    notes: tuple[str, ...]

    @property
    def passed(self) -> tuple[CandidateResult, ...]:
        return tuple(c for c in self.candidates if c.passed)


def count_round(rules: VoteRules, places: int, tally: Tally, candidates: Sequence[Candidate],
                round_no: int = 1) -> RoundResult:
    """Who passes: those reaching the threshold, by votes, then total score, then the year's
    tie-break order (domain/ranking), until the places are filled. Call only with a tally
    for which ``tally_problems`` is empty."""
    base = tally.present if rules.denominator is Denominator.PRESENT else tally.eligible
    quorum_met = tally.eligible > 0 and Fraction(tally.present, tally.eligible) >= rules.quorum
    votes = {c.key: tally.votes.get(c.key) or 0 for c in candidates}
    reached = [c for c in candidates if rules.reaches(votes[c.key], base)]
    ordered, tie_notes, blocks = _order(reached, votes, rules.tie_break_order)

    passed: set[Hashable] = set()
    tied: set[Hashable] = set()
    for block in blocks:
        room = places - len(passed)
        if room <= 0:
            break
        if len(block) <= room:
            passed.update(c.key for c in block)
        else:
            tied.update(c.key for c in block)
            break
    open_places = places - len(passed)
    place_of = {c.key: i for i, c in enumerate(ordered, start=1)}

    results = []
    for c in candidates:
        v = votes[c.key]
        share = percent(v, base)
        counted = f"{v}/{base} phiếu ({format_points(share)}% {rules.base_text})"
        note = tie_notes.get(c.key, "")
        if c.key in passed:
            text = f"Đạt: {counted}, {rules.threshold_text}; xếp thứ {place_of[c.key]}"
            text += f"; {note}." if note else "."
        elif c.key in tied:
            text = (f"Đạt tỷ lệ: {counted}, {rules.threshold_text}, nhưng {note or 'bằng phiếu ở suất cuối'}; "
                    + _after_tie(rules, round_no))
        elif c.key in place_of:
            text = (f"Không được chọn: {counted} đạt tỷ lệ {rules.threshold_text} nhưng xếp thứ {place_of[c.key]}, "
                    f"ngoài {places} suất")
            text += f"; {note}." if note else "."
        else:
            text = f"Không đạt: {counted}, chưa {rules.threshold_text}."
        results.append(CandidateResult(c.key, c.name, v, share, c.key in place_of, c.key in passed, c.key in tied,
                                       place_of.get(c.key), text))

    notes: list[str] = []
    if not quorum_met:
        notes.append(f"Số có mặt ({tally.present}/{tally.eligible}) chưa đạt {_pct_text(rules.quorum_pct)} tổng số "
                     "thành viên theo quy chế; kết quả cần được Hội nghị xem xét.")
    next_round: tuple[Hashable, ...] = ()
    if open_places:
        pool = [c.key for c in candidates if c.key in tied] or [c.key for c in candidates if c.key not in passed]
        if round_no < rules.max_rounds and pool:
            next_round = tuple(pool)
            notes.append(f"Còn {open_places} suất chưa có người đạt; bỏ phiếu vòng {round_no + 1}.")
        elif TieBreak.LEADERS_DECIDE in rules.tie_break_order:
            notes.append(f"Còn {open_places} suất; đã bỏ phiếu đủ {rules.max_rounds} vòng, Trưởng khối và Phó khối "
                         "quyết định theo quy chế.")
        else:
            notes.append(f"Còn {open_places} suất; đã bỏ phiếu đủ {rules.max_rounds} vòng, không có thêm đơn vị đạt.")
    return RoundResult(round_no, places, base, quorum_met, tuple(results), open_places, next_round, tuple(notes))


def _after_tie(rules: VoteRules, round_no: int) -> str:
    if round_no < rules.max_rounds:
        return f"bỏ phiếu vòng {round_no + 1} để chọn."
    if TieBreak.LEADERS_DECIDE in rules.tie_break_order:
        return "Trưởng khối và Phó khối quyết định."
    return "chưa chọn được."


def _order(reached: list[Candidate], votes: Mapping[Hashable, int], tie_breaks: tuple[TieBreak, ...]
           ) -> tuple[list[Candidate], dict[Hashable, str], list[list[Candidate]]]:
    """Order by votes; equal votes by total score then the tie-breaks (domain/ranking).

    Returns the order, a note per candidate whose tie was examined, and the blocks that
    remain tied (a block of one is a candidate the rules placed alone)."""
    keys = tuple(t for t in tie_breaks if t is not TieBreak.MORE_VOTES)
    by_votes: dict[int, list[Candidate]] = {}
    for c in reached:
        by_votes.setdefault(votes[c.key], []).append(c)
    ordered: list[Candidate] = []
    notes: dict[Hashable, str] = {}
    blocks: list[list[Candidate]] = []
    for v in sorted(by_votes, reverse=True):
        group = by_votes[v]
        if len(group) == 1:
            ordered.append(group[0])
            blocks.append(group)
            continue
        entries = {c.key: c for c in group}
        ranking = rank([RankInput(key=c.key, total=c.total if c.total is not None else Decimal(0), penalty=c.penalty,
                                  grade_a_count=c.grade_a_count, female_share_pct=c.female_share_pct, name=c.name)
                        for c in group], keys)
        position_blocks: dict[int, list[Candidate]] = {}
        for row in ranking.rows:
            position_blocks.setdefault(row.position, []).append(entries[row.key])
        for row in ranking.rows:
            others = ", ".join(p.name for p in group if p.key != row.key)
            detail = _lower_first(row.explanation.rstrip(".")) if row.explanation else _by_total(row.key, group)
            notes[row.key] = f"bằng {v} phiếu với {others}; {detail}"
            ordered.append(entries[row.key])
        blocks.extend(position_blocks[p] for p in sorted(position_blocks))
    return ordered, notes, blocks


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _by_total(key: Hashable, group: list[Candidate]) -> str:
    """Why a candidate tied on votes stands where it does when the totals differ."""
    me = next(c for c in group if c.key == key)
    mine = me.total if me.total is not None else Decimal(0)
    higher = [c for c in group if (c.total or Decimal(0)) > mine]
    lower = [c for c in group if (c.total or Decimal(0)) < mine]
    parts = []
    if lower:
        parts.append(f"xếp trên {', '.join(c.name for c in lower)} nhờ tổng điểm cao hơn "
                     f"({format_points(mine)} so với {', '.join(format_points(c.total or Decimal(0)) for c in lower)})")
    if higher:
        parts.append(f"xếp dưới {', '.join(c.name for c in higher)} vì tổng điểm thấp hơn "
                     f"({format_points(mine)} so với "
                     f"{', '.join(format_points(c.total or Decimal(0)) for c in higher)})")
    return "; ".join(parts)


# --- quotas ------------------------------------------------------------------------------------


def quota_limit(max_count: int | None, max_percent: Decimal | None, rounding: str, members: int) -> int | None:
    """The cap a Quota row sets: the smaller of the count and the share of members."""
    limits = []
    if max_count is not None:
        limits.append(max_count)
    if max_percent is not None:
        exact = Fraction(max_percent) * members / 100
        if rounding == "up":
            limits.append(math.ceil(exact))
        elif rounding == "nearest":
            limits.append(math.floor(exact + Fraction(1, 2)))
        else:
            limits.append(math.floor(exact))
    return min(limits) if limits else None


def quota_warning(award_name: str, count: int, limit: int | None) -> str | None:
    """A warning when more are proposed than the quota allows; the proposal still goes ahead."""
    if limit is None or count <= limit:
        return None
    return (f"Số đề nghị {award_name} ({count}) vượt chỉ tiêu của Khối ({limit}). Chương trình vẫn ghi nhận; "
            "đề nghị kiểm tra lại trước khi trình.")

