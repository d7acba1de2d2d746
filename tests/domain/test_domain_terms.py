"""Who heads a unit on a day: the running term, the latest started when two overlap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thidua_desktop.domain.membership import in_office


@dataclass
class Term:
    name: str
    start_date: date | None
    end_date: date | None = None


def test_the_running_term_and_overlaps() -> None:
    old = Term("Lò Văn Thắng", date(2019, 3, 1), date(2024, 6, 30))
    new = Term("Lê Thị Hoa", date(2024, 6, 15))  # appointed before the old term's end was typed
    unknown = Term("Nguyễn Văn An", None, date(2019, 2, 28))
    terms = [new, old, unknown]
    assert in_office(terms, date(2018, 1, 1)) is unknown
    assert in_office(terms, date(2020, 1, 1)) is old
    assert in_office(terms, date(2024, 6, 20)) is new  # overlap: the latest started
    assert in_office(terms, date(2024, 6, 30)) is new
    assert in_office(terms, date(2026, 1, 1)) is new
    assert in_office([old], date(2025, 1, 1)) is None
    assert in_office([], date(2025, 1, 1)) is None
