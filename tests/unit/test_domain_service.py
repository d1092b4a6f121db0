"""Service rules on fixed dates: statuses, targets, due times in business hours, time left."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.service import (
    HOUR,
    Channel,
    Priority,
    ServiceSettings,
    SlaRule,
    TicketKind,
    TicketStatus,
    check_transition,
    default_categories,
    default_rules,
    target_for,
)
from crm_desktop.domain.sla import (
    BusinessHours,
    Target,
    TimeState,
    add_working,
    due_times,
    time_left,
    working_between,
)

SH = ZoneInfo("Asia/Shanghai")
HOURS = BusinessHours(tz=SH, holidays=frozenset({date(2026, 10, 1), date(2026, 10, 2)}))


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


# -- statuses ------------------------------------------------------------------------------
def test_no_close_or_resolve_without_a_resolution() -> None:
    with pytest.raises(ValidationError) as err:
        check_transition(TicketStatus.IN_PROGRESS, TicketStatus.CLOSED)
    assert "resolution" in err.value.errors
    with pytest.raises(ValidationError):
        check_transition(TicketStatus.NEW, TicketStatus.RESOLVED, "   ")
    check_transition(TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, "Replaced the pump")


def test_reopen_only_from_resolved_or_closed_and_back_to_work() -> None:
    with pytest.raises(ValidationError):
        check_transition(TicketStatus.IN_PROGRESS, TicketStatus.REOPENED)
    check_transition(TicketStatus.RESOLVED, TicketStatus.REOPENED)
    check_transition(TicketStatus.CLOSED, TicketStatus.REOPENED)
    check_transition(TicketStatus.REOPENED, TicketStatus.IN_PROGRESS)
    with pytest.raises(ValidationError):  # a closed ticket is not worked on before reopening
        check_transition(TicketStatus.CLOSED, TicketStatus.IN_PROGRESS)
    with pytest.raises(ValidationError):
        check_transition(TicketStatus.CLOSED, TicketStatus.RESOLVED, "x")


def test_satisfaction_is_one_to_five() -> None:
    check_transition(TicketStatus.RESOLVED, TicketStatus.CLOSED, "done", 5)
    with pytest.raises(ValidationError) as err:
        check_transition(TicketStatus.RESOLVED, TicketStatus.CLOSED, "done", 6)
    assert "satisfaction" in err.value.errors


def test_open_statuses() -> None:
    assert TicketStatus.WAITING.is_open and TicketStatus.REOPENED.is_open
    assert not TicketStatus.RESOLVED.is_open and not TicketStatus.CLOSED.is_open


def test_priority_parse() -> None:
    assert Priority.parse("Urgent") is Priority.URGENT
    with pytest.raises(ValidationError):
        Priority.parse("asap")


def test_complaint_categories_default() -> None:
    assert default_categories("en", TicketKind.COMPLAINT) == (
        "Product quality", "Delivery", "Billing", "Service attitude",
    )  # fmt: skip
    assert default_categories("zh_CN", TicketKind.COMPLAINT)[0] == "产品质量"


# -- targets -------------------------------------------------------------------------------
def test_default_urgent_target_is_one_hour_and_eight() -> None:
    t = target_for(default_rules(), TicketKind.REPAIR, Priority.URGENT, Channel.PHONE)
    assert t == Target(1 * HOUR, 8 * HOUR)


def test_email_unanswered_twelve_hours_rule() -> None:
    rules = (
        *default_rules(),
        SlaRule(None, None, 12 * HOUR, channel=Channel.EMAIL),
    )
    low = target_for(rules, TicketKind.INQUIRY, Priority.LOW, Channel.EMAIL)
    assert low.first_response == 12 * HOUR  # tighter than low's 24 h
    assert low.resolution == 168 * HOUR
    urgent = target_for(rules, TicketKind.INQUIRY, Priority.URGENT, Channel.EMAIL)
    assert urgent.first_response == 1 * HOUR  # the stricter rule wins
    phone = target_for(rules, TicketKind.INQUIRY, Priority.LOW, Channel.PHONE)
    assert phone.first_response == 24 * HOUR


def test_a_configured_cell_replaces_the_default() -> None:
    rules = (SlaRule(TicketKind.COMPLAINT, Priority.NORMAL, 2 * HOUR, 24 * HOUR),)
    assert target_for(rules, TicketKind.COMPLAINT, Priority.NORMAL, Channel.WEB) == Target(
        2 * HOUR, 24 * HOUR
    )
    assert target_for(rules, TicketKind.INQUIRY, Priority.NORMAL, Channel.WEB) == Target(
        8 * HOUR, 72 * HOUR
    )


# -- due-time arithmetic -------------------------------------------------------------------
def test_wall_clock_crosses_midnight() -> None:
    opened = at(27, 22)  # Friday 22:00
    due = due_times(opened, Target(1 * HOUR, 8 * HOUR), None)
    assert due.first_response == at(27, 23)
    assert due.resolution == at(28, 6)


def test_business_hours_across_midnight_and_the_weekend() -> None:
    opened = at(27, 16)  # Friday 16:00; 2 h left that day, then Monday 9:00
    assert add_working(opened, 1 * HOUR, HOURS) == at(27, 17)
    assert add_working(opened, 8 * HOUR, HOURS) == at(30, 15)  # Monday 15:00
    # Opened on Saturday night: the clock starts Monday 9:00.
    assert add_working(at(28, 23), 1 * HOUR, HOURS) == at(30, 10)


def test_business_hours_skip_holidays() -> None:
    # Wednesday 30 September 17:00 + 2 h: 1 h that day, 1-2 Oct holidays, Saturday, Sunday.
    opened = datetime(2026, 9, 30, 17, tzinfo=SH)
    assert add_working(opened, 2 * HOUR, HOURS) == datetime(2026, 10, 5, 10, tzinfo=SH)


def test_a_worked_saturday_counts() -> None:
    hours = BusinessHours(tz=SH, workdays=frozenset({date(2026, 11, 28)}))
    assert add_working(at(27, 17), 2 * HOUR, hours) == at(28, 10)


def test_business_hours_in_utc_results() -> None:
    opened = datetime(2026, 11, 27, 8, tzinfo=UTC)  # 16:00 in Shanghai
    due = add_working(opened, 3 * HOUR, HOURS)
    assert due == at(30, 10)
    assert due.tzinfo is UTC  # given back in the zone it was asked in


def test_working_between() -> None:
    assert working_between(at(27, 16), at(30, 10), HOURS) == 3 * HOUR
    assert working_between(at(30, 10), at(27, 16), HOURS) == -3 * HOUR
    assert working_between(at(27, 20), at(29, 20), HOURS) == 0
    assert working_between(at(27, 16), at(28, 16), None) == 24 * HOUR


def test_waiting_pauses_the_clock() -> None:
    opened = at(23, 9)  # Monday
    target = Target(1 * HOUR, 8 * HOUR)
    # Waited from Monday 12:00 to Tuesday 10:00: 6 working hours paused.
    paused = working_between(at(23, 12), at(24, 10), HOURS)
    assert paused == 7 * HOUR
    due = due_times(opened, target, HOURS, paused)
    assert due.resolution == at(24, 15)  # 8 h + 7 h paused from Monday 9:00


def test_time_left_states() -> None:
    due = at(27, 17)
    allowed = 8 * HOUR
    assert time_left(at(27, 9), due, allowed, None).state is TimeState.OK
    amber = time_left(at(27, 16), due, allowed, None)  # 1 h of 8 left: under 20 %
    assert amber.state is TimeState.AMBER and amber.seconds == HOUR
    late = time_left(at(27, 18), due, allowed, None)
    assert late.state is TimeState.OVERDUE and late.seconds == -HOUR
    assert time_left(at(27, 17), due, allowed, None).state is TimeState.OVERDUE
    assert time_left(at(27, 9), None, allowed, None).state is TimeState.DONE


def test_time_left_is_frozen_while_paused() -> None:
    due = at(27, 17)
    paused = time_left(at(30, 12), due, 8 * HOUR, None, paused_since=at(27, 13))
    assert paused.state is TimeState.PAUSED and paused.seconds == 4 * HOUR


def test_time_left_in_business_hours_over_the_weekend() -> None:
    due = at(30, 10)  # Monday 10:00
    left = time_left(at(27, 17), due, 8 * HOUR, HOURS)  # Friday 17:00: 2 working hours
    assert left.seconds == 2 * HOUR and left.state is TimeState.OK
    assert time_left(at(30, 9, 30), due, 8 * HOUR, HOURS).state is TimeState.AMBER


def test_settings_hours() -> None:
    assert ServiceSettings().hours() is None
    hours = ServiceSettings(business_hours=True, timezone="Asia/Shanghai").hours()
    assert hours is not None and hours.tz == SH and hours.start == time(9)
    with pytest.raises(ValidationError):
        ServiceSettings(business_hours=True, timezone="Mars/Base").hours()


def test_no_working_days_is_an_error() -> None:
    with pytest.raises(ValueError):
        add_working(at(27, 9), HOUR, BusinessHours(days=frozenset(), tz=SH))


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working(datetime(2026, 11, 27, 9), HOUR, None)
