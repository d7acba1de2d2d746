"""Hints for the history-based standards of a collective (domain.md 1.6, Luật TĐKT 2022):
"N năm liên tục" counted on the yearly completion level, "sau đó" counted from a previous
award, and the flags and certificates of merit inside that window.

The program informs; people decide: each hint says "Đủ điều kiện" or "Còn thiếu …" with the
years and awards it counted, and what it cannot know (unity, integrity …) is named in
``also_check`` for the secretary to confirm.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from thidua_desktop.domain.enums import AwardLevel, CompletionLevel

MET = "Đủ điều kiện"
EXCELLENT_TEXT = "HTXSNV/TTLĐXS"


class AwardKind(StrEnum):
    """What an award counts as in the standards."""

    FLAG_GOVERNMENT = "Cờ thi đua của Chính phủ"
    FLAG_PROVINCE = "Cờ thi đua cấp bộ, tỉnh"
    MERIT_PM = "Bằng khen của Thủ tướng Chính phủ"
    MERIT_PROVINCE = "Bằng khen cấp bộ, tỉnh"
    LABOUR_3 = "Huân chương Lao động hạng Ba"
    LABOUR_2 = "Huân chương Lao động hạng Nhì"
    LABOUR_1 = "Huân chương Lao động hạng Nhất"
    EXCELLENT_COLLECTIVE = "Tập thể lao động xuất sắc"
    OTHER = "Khác"


def award_kind(code: str, level: AwardLevel) -> AwardKind:
    """Classify a catalogue entry by its code and level (the catalogue's codes are stable)."""
    fixed = {"CO_CP": AwardKind.FLAG_GOVERNMENT, "BK_TTG": AwardKind.MERIT_PM, "HC_LAO_DONG_3": AwardKind.LABOUR_3,
             "HC_LAO_DONG_2": AwardKind.LABOUR_2, "HC_LAO_DONG_1": AwardKind.LABOUR_1,
             "TTLDXS": AwardKind.EXCELLENT_COLLECTIVE, "DVQT": AwardKind.EXCELLENT_COLLECTIVE}
    if code in fixed:
        return fixed[code]
    if level is AwardLevel.BO_TINH and code.startswith("CO_"):
        return AwardKind.FLAG_PROVINCE
    if level is AwardLevel.BO_TINH and code.startswith("BK_"):
        return AwardKind.MERIT_PROVINCE
    return AwardKind.OTHER


@dataclass(frozen=True, slots=True)
class AwardRecord:
    year: int
    kind: AwardKind
    label: str  # as the hint names it: "Cờ thi đua của UBND tỉnh năm 2022 (QĐ 215/QĐ-UBND)"


@dataclass(frozen=True, slots=True)
class History:
    """One collective's record: completion level per calendar year and every award received."""

    levels: Mapping[int, CompletionLevel]
    awards: Sequence[AwardRecord] = ()

    def excellent(self, year: int) -> bool:
        """HTXSNV that year, or the title Tập thể lao động xuất sắc for it."""
        return self.levels.get(year) is CompletionLevel.HTXSNV or any(
            a.year == year and a.kind is AwardKind.EXCELLENT_COLLECTIVE for a in self.awards)

    def streak(self, as_of: int) -> list[int]:
        """The consecutive excellent years ending at ``as_of`` (empty if as_of is not one)."""
        years: list[int] = []
        year = as_of
        while self.excellent(year):
            years.insert(0, year)
            year -= 1
        return years


@dataclass(frozen=True, slots=True)
class StandardHint:
    title: str
    legal_ref: str
    met: bool
    status: str  # "Đủ điều kiện" or "Còn thiếu …"
    years: tuple[int, ...]  # the years counted
    awards: tuple[str, ...]  # the awards counted
    also_check: str  # conditions the register cannot show


def _span(years: Sequence[int]) -> str:
    if not years:
        return "chưa có năm nào"
    return f"năm {years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _level_text(history: History, year: int) -> str:
    level = history.levels.get(year)
    return f"năm {year}: {level.value}" if level else f"năm {year}: chưa có kết quả đánh giá"


_ALSO = "dân chủ ở cơ sở, phong trào thi đua, thực hành tiết kiệm, phòng, chống tham nhũng, lãng phí"


def merit_province(history: History, as_of: int) -> StandardHint:
    """Bằng khen cấp bộ, tỉnh, Điều 74.3: 2 consecutive years HTXSNV or TTLĐXS."""
    years = [as_of - 1, as_of]
    missing = [y for y in years if not history.excellent(y)]
    if missing:
        status = "Còn thiếu: " + "; ".join(f"{_level_text(history, y)}, chưa đạt {EXCELLENT_TEXT}" for y in missing)
    else:
        status = f"{MET}: 2 năm liên tục {EXCELLENT_TEXT} ({_span(years)})"
    counted = tuple(y for y in years if y not in missing)
    return StandardHint("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (tập thể)", "Điều 74 khoản 3", not missing,
                        status, counted, (), _ALSO)


@dataclass(frozen=True, slots=True)
class _Chain:
    title: str
    legal_ref: str
    after: tuple[AwardKind, ...]  # the earlier award the window starts after
    combos: tuple[Mapping[AwardKind, int], ...]  # any one suffices
    combos_text: str
    also_check: str


_CHAINS = {
    "merit_pm": _Chain("Bằng khen của Thủ tướng Chính phủ (tập thể)", "Điều 73 khoản 4 điểm e",
                       (AwardKind.MERIT_PROVINCE,),
                       ({AwardKind.FLAG_PROVINCE: 1}, {AwardKind.MERIT_PROVINCE: 2}),
                       "1 Cờ thi đua cấp bộ, tỉnh hoặc 2 Bằng khen cấp bộ, tỉnh", _ALSO),
    "labour_3": _Chain("Huân chương Lao động hạng Ba (tập thể)", "Điều 44 khoản 4 điểm đ", (AwardKind.MERIT_PM,),
                       ({AwardKind.FLAG_GOVERNMENT: 1}, {AwardKind.FLAG_PROVINCE: 2},
                        {AwardKind.FLAG_PROVINCE: 1, AwardKind.MERIT_PROVINCE: 1}, {AwardKind.MERIT_PROVINCE: 2}),
                       "1 Cờ thi đua của Chính phủ, hoặc 2 Cờ thi đua cấp bộ, tỉnh, hoặc 1 Cờ và 1 Bằng khen cấp bộ, "
                       "tỉnh, hoặc 2 Bằng khen cấp bộ, tỉnh (tập thể không thuộc đối tượng tặng Cờ)",
                       "quá trình xây dựng, phát triển từ 10 năm trở lên; " + _ALSO),
    "labour_2": _Chain("Huân chương Lao động hạng Nhì (tập thể)", "Điều 43 khoản 4 điểm d", (AwardKind.LABOUR_3,),
                       ({AwardKind.FLAG_GOVERNMENT: 1, AwardKind.FLAG_PROVINCE: 1}, {AwardKind.FLAG_PROVINCE: 3},
                        {AwardKind.MERIT_PROVINCE: 3}),
                       "1 Cờ thi đua của Chính phủ và 1 Cờ thi đua cấp bộ, tỉnh, hoặc 3 Cờ thi đua cấp bộ, tỉnh, hoặc "
                       "3 Bằng khen cấp bộ, tỉnh (tập thể không thuộc đối tượng tặng Cờ)", _ALSO),
    "labour_1": _Chain("Huân chương Lao động hạng Nhất (tập thể)", "Điều 42 khoản 4 điểm d", (AwardKind.LABOUR_2,),
                       ({AwardKind.FLAG_GOVERNMENT: 2}, {AwardKind.FLAG_GOVERNMENT: 1, AwardKind.FLAG_PROVINCE: 2},
                        {AwardKind.FLAG_PROVINCE: 4}, {AwardKind.MERIT_PROVINCE: 4}),
                       "2 Cờ thi đua của Chính phủ, hoặc 1 Cờ thi đua của Chính phủ và 2 Cờ thi đua cấp bộ, tỉnh, "
                       "hoặc 4 Cờ thi đua cấp bộ, tỉnh, hoặc 4 Bằng khen cấp bộ, tỉnh (tập thể không thuộc đối tượng "
                       "tặng Cờ)", _ALSO),
}
CHAIN_YEARS = 5


def chain(history: History, as_of: int, which: str) -> StandardHint:
    """"After award X, 5 or more consecutive years HTXSNV/TTLĐXS, including …"."""
    c = _CHAINS[which]
    streak = history.streak(as_of)
    anchors = [a for a in history.awards if a.kind in c.after and a.year < as_of]
    if not anchors:
        names = " hoặc ".join(k.value for k in c.after)
        return StandardHint(c.title, c.legal_ref, False, f"Còn thiếu: chưa có {names} làm mốc tính", tuple(streak),
                            (), c.also_check)
    # the anchor that leaves the longest window of excellent years after it
    anchor = min(anchors, key=lambda a: (max(a.year + 1, streak[0] if streak else as_of + 1), -a.year))
    window = [y for y in streak if y > anchor.year]
    inside = [a for a in history.awards if a.year in window and a is not anchor]
    counts = Counter(a.kind for a in inside)
    enough_awards = any(all(counts[k] >= n for k, n in combo.items()) for combo in c.combos)
    used = tuple(a.label for a in inside if any(a.kind in combo for combo in c.combos))
    gaps = []
    if len(window) < CHAIN_YEARS:
        gaps.append(f"mới có {len(window)} năm liên tục {EXCELLENT_TEXT} sau {anchor.label} "
                    f"({_span(window)}), còn thiếu {CHAIN_YEARS - len(window)} năm")
    if not enough_awards:
        have = ", ".join(used) if used else "chưa có"
        gaps.append(f"trong thời gian đó cần {c.combos_text}; đã có: {have}")
    if gaps:
        status = "Còn thiếu: " + "; ".join(gaps)
    else:
        status = (f"{MET}: sau {anchor.label}, {len(window)} năm liên tục {EXCELLENT_TEXT} ({_span(window)}), "
                  f"trong đó có {', '.join(used)}")
    return StandardHint(c.title, c.legal_ref, not gaps, status, tuple(window), (anchor.label, *used), c.also_check)


@dataclass(frozen=True, slots=True)
class StaffYear:
    """A collective's people in one year, for Tập thể lao động xuất sắc (Điều 27)."""

    staff: int  # people assessed that year
    completed: int  # of them, at least "hoàn thành nhiệm vụ"
    ldtt: int  # holding Lao động tiên tiến
    cstdcs: int  # holding Chiến sĩ thi đua cơ sở


def excellent_collective(history: History, year: int, staff: StaffYear) -> StandardHint:
    """Tập thể lao động xuất sắc, Điều 27: HTXSNV, 100% complete, ≥70% LĐTT, ≥1 CSTĐCS."""
    gaps = []
    if history.levels.get(year) is not CompletionLevel.HTXSNV:
        gaps.append(f"{_level_text(history, year)}, chưa hoàn thành xuất sắc nhiệm vụ")
    if staff.staff == 0:
        gaps.append(f"chưa có kết quả đánh giá cán bộ năm {year}")
    else:
        if staff.completed < staff.staff:
            gaps.append(f"{staff.staff - staff.completed}/{staff.staff} người chưa hoàn thành nhiệm vụ")
        if staff.ldtt * 10 < staff.staff * 7:
            gaps.append(f"Lao động tiên tiến {staff.ldtt}/{staff.staff} người, dưới 70%")
    if staff.cstdcs < 1:
        gaps.append("chưa có Chiến sĩ thi đua cơ sở")
    if gaps:
        status = "Còn thiếu: " + "; ".join(gaps)
    else:
        status = (f"{MET}: năm {year} HTXSNV; {staff.completed}/{staff.staff} người hoàn thành nhiệm vụ; "
                  f"Lao động tiên tiến {staff.ldtt}/{staff.staff}; {staff.cstdcs} Chiến sĩ thi đua cơ sở")
    return StandardHint("Tập thể lao động xuất sắc", "Điều 27", not gaps, status, (year,), (),
                        "đoàn kết, gương mẫu chấp hành chủ trương, chính sách, pháp luật")


def collective_hints(history: History, as_of: int, staff: StaffYear) -> list[StandardHint]:
    """Every collective standard the register can speak to, for the year ``as_of``."""
    return [excellent_collective(history, as_of, staff), merit_province(history, as_of),
            *(chain(history, as_of, which) for which in _CHAINS)]
