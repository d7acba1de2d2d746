"""What a new year starts with where the bloc has not said otherwise (domain.md 1.1, 1.7, 1.8).

Every value here is only a starting point the secretary edits; none is a national rule.
"""

from __future__ import annotations

from decimal import Decimal

from thidua_desktop.domain.enums import Denominator, TieBreak, VoterMode

LEGAL_BASES = (
    "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022",
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, "
    "phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều "
    "của Luật Thi đua, khen thưởng",
    "Căn cứ Thông tư số 15/2025/TT-BNV ngày 04 tháng 8 năm 2025 của Bộ Nội vụ",
)

# award type code → how many proposals a khối may make (HY draft 2021: 2 Cờ + 1 Bằng khen)
QUOTAS = {"CO_TINH": 2, "BK_TINH": 1}

VOTING = {
    "voters": VoterMode.UNITS_PRESENT,
    "denominator": Denominator.ALL_MEMBERS,
    "threshold_pct": Decimal(50),
    "threshold_strict": True,  # "trên 50%"
    "quorum_pct": Decimal("66.67"),  # two thirds of the members present
    "secret_ballot": True,
    "self_vote_allowed": True,
    "max_rounds": 2,  # TANDTC-style: at most two ballots per selection
    "tie_break_order": [TieBreak.FEWER_PENALTY.value, TieBreak.MORE_GRADE_A.value,
                        TieBreak.FEMALE_PREFERENCE.value, TieBreak.LEADERS_DECIDE.value],
}
