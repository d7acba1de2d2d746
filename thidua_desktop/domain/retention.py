"""Which automatic backups to keep: the newest few, then one a day, then one a month.

A rotation like this keeps the disk use bounded yet still reaches back a year, so a mistake
noticed weeks later can be recovered from.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime


def to_keep(times: Iterable[datetime], *, recent: int = 10, daily: int = 14, monthly: int = 12) -> set[datetime]:
    """The subset of backup times to keep: the `recent` newest, the newest of each of the last
    `daily` days that have backups, and the newest of each of the last `monthly` months."""
    ordered = sorted(set(times), reverse=True)
    keep = set(ordered[:recent])
    for width, count in ((10, daily), (7, monthly)):  # "YYYY-MM-DD" and "YYYY-MM" prefixes
        seen: list[str] = []
        for t in ordered:
            period = t.isoformat()[:width]
            if period not in seen:
                seen.append(period)
                if len(seen) > count:
                    break
                keep.add(t)
    return keep
