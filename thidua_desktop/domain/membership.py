"""Who leads the bloc in a year: one Trưởng khối, at most two Phó khối (HY A.I); and who heads a
unit on a given day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar

from thidua_desktop.domain.enums import MAX_DEPUTIES, MemberRole


class RoleError(ValueError):
    """A leadership line-up the bloc's rules do not allow; the message is for the user."""


def check_roles(roles: Iterable[MemberRole], *, year: int) -> None:
    """Raise RoleError if a year's roles have more than one leader or too many deputies."""
    roles = list(roles)
    if roles.count(MemberRole.TRUONG) > 1:
        raise RoleError(f"Năm {year} chỉ có một đơn vị Trưởng khối.")
    if roles.count(MemberRole.PHO) > MAX_DEPUTIES:
        raise RoleError(f"Năm {year} có tối đa {MAX_DEPUTIES} đơn vị Phó khối. "
                        "Hãy chuyển một đơn vị Phó khối về thành viên trước.")


class Term(Protocol):
    start_date: date | None
    end_date: date | None


T = TypeVar("T", bound=Term)


def in_office(terms: Iterable[T], day: date) -> T | None:
    """The term running on `day` — started on or before it (or with no start known) and not ended
    before it; when terms overlap (a new head appointed before the old one's end was typed), the
    latest started wins. Heads sign the covenant, the minutes and the documents of that day."""
    running = [t for t in terms if (t.start_date or date.min) <= day and (t.end_date is None or t.end_date >= day)]
    return max(running, key=lambda t: t.start_date or date.min, default=None)
