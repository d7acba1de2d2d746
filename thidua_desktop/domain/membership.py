"""Who leads the bloc in a year: one Trưởng khối, at most two Phó khối (HY A.I)."""

from __future__ import annotations

from collections.abc import Iterable

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
