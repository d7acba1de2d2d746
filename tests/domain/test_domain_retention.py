"""Backup rotation: newest few, one a day, one a month."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from thidua_desktop.domain.retention import to_keep

START = datetime(2026, 1, 1, 8, 0)


def test_keeps_recent_daily_and_monthly() -> None:
    # every 6 hours for 400 days
    times = [START + timedelta(hours=6 * i) for i in range(1600)]
    keep = to_keep(times, recent=10, daily=14, monthly=12)
    newest = max(times)
    assert set(sorted(times)[-10:]) <= keep
    days = {t.date() for t in keep if newest - t < timedelta(days=14)}
    assert len(days) == 14
    months = {(t.year, t.month) for t in keep}
    assert len(months) == 12
    assert len(keep) <= 10 + 14 + 12


@given(st.lists(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)), max_size=80))
def test_never_drops_the_newest_and_never_invents(times: list[datetime]) -> None:
    keep = to_keep(times, recent=3, daily=5, monthly=4)
    assert keep <= set(times)
    if times:
        assert max(times) in keep
    assert len(keep) <= 3 + 5 + 4
