"""Close-date periods a list can be narrowed to (this month, next quarter …), as date ranges."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# In the order a filter offers them; "any" is no range at all.
PERIOD_KEYS = ("any", "this_month", "next_month", "this_quarter", "next_90", "this_year", "past")


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_range(key: str, today: date) -> tuple[date | None, date | None]:
    """The first and last day (inclusive; None for open-ended) of the period ``key`` as seen on
    ``today``; an unknown key is "any": no bounds."""
    if key == "this_month":
        return today.replace(day=1), _month_end(today)
    if key == "next_month":
        first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        return first, _month_end(first)
    if key == "this_quarter":
        start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return start, _month_end(start.replace(month=start.month + 2))
    if key == "next_90":
        return today, today + timedelta(days=90)
    if key == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if key == "past":
        return None, today - timedelta(days=1)
    return None, None
