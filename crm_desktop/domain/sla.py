"""Response-time arithmetic: due times in wall-clock or business hours, the clock paused while a
ticket waits for the customer, and the time left (ok, amber under 20 % left, overdue).

Pure: every function takes the times it works on (aware datetimes), so the rules are tested
with fixed dates. Business hours are local time in ``BusinessHours.tz``; a due time crosses
midnight, weekends and holidays by walking the working windows day by day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

AMBER_SHARE = 0.2  # under this share of the target left: amber
MAX_DAYS = 3660  # a due time is never searched for further than ten years ahead


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """Working days (0 Monday … 6 Sunday), the working day's hours, holidays, and the zone the
    hours are in (None: this computer's local zone)."""

    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    start: time = time(9, 0)
    end: time = time(18, 0)
    holidays: frozenset[date] = frozenset()
    tz: tzinfo | None = None
    # Extra working days (调休: a Saturday worked to bridge a holiday).
    workdays: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() in self.days and day not in self.holidays

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        """The day's working hours as aware datetimes, or None on a day off."""
        if not self.is_working_day(day) or self.end <= self.start:
            return None
        zone = self.tz
        start = datetime.combine(day, self.start)
        end = datetime.combine(day, self.end)
        if zone is None:
            return start.astimezone(), end.astimezone()
        return start.replace(tzinfo=zone), end.replace(tzinfo=zone)

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()


def _windows(hours: BusinessHours, start: datetime) -> Iterator[tuple[datetime, datetime]]:
    """The working windows from ``start`` on, the first cut to begin at ``start``."""
    day = hours.local_day(start)
    for _ in range(MAX_DAYS):
        window = hours.window(day)
        day += timedelta(days=1)
        if window is None or window[1] <= start:
            continue
        yield max(window[0], start), window[1]
    raise ValueError("no working hours within ten years: check the working days and hours")


def add_working(start: datetime, seconds: float, hours: BusinessHours | None) -> datetime:
    """``start`` plus ``seconds`` of working time (wall-clock time when ``hours`` is None)."""
    _aware(start)
    if hours is None:
        return start + timedelta(seconds=seconds)
    if seconds <= 0:
        return start
    left = timedelta(seconds=seconds)
    for begin, end in _windows(hours, start):
        if end - begin >= left:
            return (begin + left).astimezone(start.tzinfo)
        left -= end - begin
    raise AssertionError("unreachable")  # _windows raises first


def working_between(start: datetime, end: datetime, hours: BusinessHours | None) -> float:
    """Seconds of working time from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    _aware(start)
    _aware(end)
    if end < start:
        return -working_between(end, start, hours)
    if hours is None:
        return (end - start).total_seconds()
    total = 0.0
    for begin, stop in _windows(hours, start):
        if begin >= end:
            break
        total += (min(stop, end) - begin).total_seconds()
        if stop >= end:
            break
    return total


@dataclass(frozen=True, slots=True)
class Target:
    """Seconds allowed until the first response and until the resolution."""

    first_response: int
    resolution: int


@dataclass(frozen=True, slots=True)
class DueTimes:
    first_response: datetime
    resolution: datetime


def due_times(
    opened_at: datetime,
    target: Target,
    hours: BusinessHours | None,
    paused_seconds: float = 0,
) -> DueTimes:
    """When the first response and the resolution are due for a ticket opened at ``opened_at``,
    with the clock stopped for ``paused_seconds`` (of working time) while it waited."""
    return DueTimes(
        add_working(opened_at, target.first_response + paused_seconds, hours),
        add_working(opened_at, target.resolution + paused_seconds, hours),
    )


class TimeState(StrEnum):
    OK = "ok"
    AMBER = "amber"  # under 20 % of the target left
    OVERDUE = "overdue"
    PAUSED = "paused"  # waiting for the customer: the clock stands still
    DONE = "done"  # answered / resolved: nothing is due


@dataclass(frozen=True, slots=True)
class TimeLeft:
    """What the queue shows: seconds of (working) time left, negative when overdue."""

    seconds: float
    state: TimeState


def time_left(
    now: datetime,
    due: datetime | None,
    allowed_seconds: float,
    hours: BusinessHours | None,
    paused_since: datetime | None = None,
) -> TimeLeft:
    """Time left until ``due`` out of ``allowed_seconds``; while paused, the time left when
    the pause began. No due time: done."""
    if due is None:
        return TimeLeft(0, TimeState.DONE)
    at = paused_since if paused_since is not None else now
    seconds = working_between(at, due, hours)
    if paused_since is not None:
        return TimeLeft(seconds, TimeState.PAUSED)
    if seconds < 0 or (seconds == 0 and now >= due):
        return TimeLeft(seconds, TimeState.OVERDUE)
    if allowed_seconds > 0 and seconds < AMBER_SHARE * allowed_seconds:
        return TimeLeft(seconds, TimeState.AMBER)
    return TimeLeft(seconds, TimeState.OK)


def _aware(moment: datetime) -> None:
    if moment.tzinfo is None:
        raise ValueError("naive datetime given; use an aware one")


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
