"""Activities and follow-up tasks: the history of a customer, my tasks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from crm_desktop.domain.errors import ConflictError, ValidationError
from crm_desktop.domain.records import (
    ActivityData,
    ActivityKind,
    CompanyData,
    ContactData,
    TaskData,
)
from crm_desktop.services import contacts as cs
from crm_desktop.services import timeline as tl
from crm_desktop.services.workspace import Workspace


def at(days_ago: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days_ago)


def test_company_timeline_holds_its_peoples_activities_newest_first(ws: Workspace) -> None:
    company = cs.create_company(ws, CompanyData(name="ACME"))
    anna = cs.create_contact(ws, ContactData(name="Anna", company_id=company.id))
    other = cs.create_contact(ws, ContactData(name="Other"))
    tl.log_activity(ws, ActivityData(ActivityKind.CALL, "first call", at(10), contact_id=anna.id))
    tl.log_activity(
        ws, ActivityData(ActivityKind.VISIT, "site visit", at(2), company_id=company.id)
    )
    tl.log_activity(ws, ActivityData(ActivityKind.NOTE, "unrelated", at(1), contact_id=other.id))
    history = tl.timeline(ws, company_id=company.id)
    assert [a.data.subject for a in history] == ["site visit", "first call"]
    assert history[1].contact_name == "Anna" and history[1].user_name == "Tester"
    assert [a.data.subject for a in tl.timeline(ws, contact_id=anna.id)] == ["first call"]


def test_activity_needs_a_subject_or_outcome_and_a_record(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as err:
        tl.log_activity(ws, ActivityData(ActivityKind.CALL, " ", at(0)))
    assert set(err.value.errors) == {"company_id", "subject"}


def test_my_tasks_lists_overdue_and_today_not_later_or_done(
    ws: Workspace, colleague: Workspace
) -> None:
    today = date.today()
    contact = cs.create_contact(ws, ContactData(name="Kim"))
    for title, due in (("overdue", -3), ("today", 0), ("next week", 7)):
        tl.add_task(ws, TaskData(title, today + timedelta(days=due), contact_id=contact.id))
    tl.add_task(colleague, TaskData("theirs", today, contact_id=contact.id))
    done_id = tl.add_task(ws, TaskData("already done", today - timedelta(days=1)))
    tl.set_task_done(ws, done_id, 1, True)
    mine = tl.my_tasks(ws, today)
    assert [t.data.title for t in mine] == ["overdue", "today"]
    assert mine[0].is_overdue(today) and mine[1].is_due_today(today)
    assert mine[0].contact_name == "Kim"
    assert {t.data.title for t in tl.my_tasks(ws, today, everyone=True)} == {
        "overdue",
        "today",
        "theirs",
    }
    assert [t.data.title for t in tl.open_tasks(ws, contact_id=contact.id)] == [
        "overdue",
        "today",
        "theirs",
        "next week",
    ]


def test_ticking_a_task_a_colleague_changed_is_a_conflict(
    ws: Workspace, colleague: Workspace
) -> None:
    task_id = tl.add_task(ws, TaskData("call back", date.today()))
    tl.update_task(colleague, task_id, 1, TaskData("call back before noon", date.today()))
    with pytest.raises(ConflictError):
        tl.set_task_done(ws, task_id, 1, True)
    tl.set_task_done(ws, task_id, 2, True)
    assert tl.my_tasks(ws, date.today()) == []
