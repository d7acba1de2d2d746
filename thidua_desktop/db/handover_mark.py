"""The mark a handed-over workbook keeps about itself, in `workbook_meta`.

Once the outgoing leader unit has handed the workbook over, its own file must not be edited
any more: the copy it handed over has moved on. The mark names to whom and when, so the
file opens read-only with a sentence saying so, and the fingerprint of the copy handed over.
Stdlib only: `inspect()` reads it before the first paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

META_HANDED_OVER_AT = "handed_over_at"  # ISO UTC, seconds
META_HANDED_OVER_TO = "handed_over_to"  # the receiving unit's name, as shown
META_HANDOVER_SHA256 = "handover_sha256"  # of the copy handed over
META_HANDOVER_YEAR = "handover_year"  # the year the receiving unit leads


def fingerprint_groups(sha256: str) -> str:
    """A SHA-256 as people compare it by eye: upper-case groups of four characters."""
    text = sha256.upper()
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


@dataclass(frozen=True, slots=True)
class HandoverMark:
    at: datetime  # UTC, naive (as the models store it)
    to: str
    sha256: str
    year: int | None

    def notice(self) -> str:
        """The sentence the notice bar shows on a handed-over file."""
        local = self.at.replace(tzinfo=timezone.utc).astimezone()
        year = f" để làm Trưởng khối năm {self.year}" if self.year else ""
        return (f"Sổ này đã được bàn giao cho {self.to}{year} lúc {local:%H:%M} ngày {local:%d/%m/%Y}, "
                "nên chỉ mở để xem. Mọi thay đổi tiếp theo làm trên sổ của đơn vị đã nhận bàn giao "
                f"(mã kiểm tra của bản bàn giao: {fingerprint_groups(self.sha256)[:14]}…).")

    def meta(self) -> dict[str, str]:
        return {META_HANDED_OVER_AT: self.at.isoformat(timespec="seconds"), META_HANDED_OVER_TO: self.to,
                META_HANDOVER_SHA256: self.sha256, META_HANDOVER_YEAR: str(self.year or "")}


def read_mark(meta: dict[str, str | None]) -> HandoverMark | None:
    """The mark in a file's workbook_meta, or None when the file was never handed over."""
    at, to, sha = meta.get(META_HANDED_OVER_AT), meta.get(META_HANDED_OVER_TO), meta.get(META_HANDOVER_SHA256)
    if not at:
        return None
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        when = datetime(1970, 1, 1)
    year = meta.get(META_HANDOVER_YEAR) or ""
    return HandoverMark(at=when, to=to or "đơn vị nhận bàn giao", sha256=sha or "",
                        year=int(year) if year.isdigit() else None)
