"""What the secretary types into a score cell and how a stored input reads back: points with a
decimal comma ("8,5"), a grade letter ("B"), "có"/"không", or "thực hiện/kế hoạch" ("95/100").
Range checks stay in the rules (services.scores); this only turns text into an Entry."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from thidua_desktop.domain.agreed import StageInput
from thidua_desktop.domain.enums import CriterionKind
from thidua_desktop.domain.text import format_points
from thidua_desktop.services.scores import Entry

YES, NO = "có", "không"
_YES = {"có", "co", "c", "x", "1", "đạt", "dat"}
_NO = {"không", "khong", "k", "0", "ko"}
HINTS = {
    CriterionKind.MANUAL: "Nhập số điểm, ví dụ 8,5.",
    CriterionKind.RATIO: "Nhập số thực hiện/kế hoạch, ví dụ 95/100.",
    CriterionKind.INVERSE_RATIO: "Nhập số thực hiện/kế hoạch, ví dụ 95/100 (chỉ tiêu giảm: càng thấp càng tốt).",
    CriterionKind.GRADE: "Nhập loại A, B, C hoặc D.",
    CriterionKind.YES_NO: "Nhập “có” hoặc “không”.",
}


class CellTextError(ValueError):
    """Text that is not a figure of the criterion's kind; the message says what to type."""


def number(text: str, what: str = "điểm") -> Decimal:
    """A number typed the Vietnamese way ("8,5") or the English way ("8.5")."""
    cleaned = text.strip().replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")  # 1.000,5 → 1000.5
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise CellTextError(f"“{text.strip()}” không phải là {what} hợp lệ.") from None
    if not value.is_finite():
        raise CellTextError(f"“{text.strip()}” không phải là {what} hợp lệ.")
    return value


def parse_entry(kind: CriterionKind, text: str) -> Entry:
    """The Entry a typed cell stands for; an empty cell clears the stage."""
    text = text.strip()
    if not text:
        return Entry()
    if kind is CriterionKind.GRADE:
        return Entry(grade=text.upper())
    if kind is CriterionKind.YES_NO:
        word = text.casefold()
        if word in _YES or word in _NO:
            return Entry(value=word in _YES)
        raise CellTextError(f"“{text}”: {HINTS[kind]}")
    if kind in (CriterionKind.RATIO, CriterionKind.INVERSE_RATIO):
        actual, slash, plan = text.partition("/")
        if not slash:
            raise CellTextError(f"“{text}”: {HINTS[kind]}")
        return Entry(actual=float(number(actual, "số thực hiện")), plan=float(number(plan, "số kế hoạch")))
    return Entry(value=number(text))


def parse_points(text: str) -> Decimal | None:
    """A hand-agreed figure (Thống nhất): points, or None to go back to the computed one."""
    return number(text) if text.strip() else None


def _figure(x: float) -> str:
    return format_points(Decimal(repr(x)))


def entry_text(kind: CriterionKind, given: StageInput) -> str:
    """A stored stage input as the secretary would type it."""
    if given.grade:
        return given.grade
    if given.actual is not None:
        return f"{_figure(given.actual)}/{_figure(given.plan)}" if given.plan is not None else _figure(given.actual)
    if given.value is None:
        return ""
    if kind is CriterionKind.YES_NO:
        return YES if given.value else NO
    return format_points(Decimal(given.value))


def as_entry(given: StageInput) -> Entry:
    """The Entry that writes `given` back unchanged (used when only the note changes)."""
    return Entry(given.value, given.grade, given.actual, given.plan)
