"""Use cases of a record's history: log an activity, follow-up tasks, my tasks."""

from __future__ import annotations

from datetime import date

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.records import (
    Activity,
    ActivityData,
    ChangeAction,
    RecordKind,
    Task,
    TaskData,
)
from crm_desktop.domain.validation import MAX_TEXT
from crm_desktop.services.workspace import Workspace
from crm_desktop.services.writes import write


def _check_activity(data: ActivityData) -> None:
    errors = {}
    if (
        data.company_id is None
        and data.contact_id is None
        and data.lead_id is None
        and data.opportunity_id is None
    ):
        errors["company_id"] = "An activity belongs to a company, a contact, a lead or a deal."
    if not data.subject.strip() and not data.outcome.strip():
        errors["subject"] = "Say what happened: a subject or an outcome."
    if len(data.subject) > 400:
        errors["subject"] = "At most 400 characters."
    if len(data.outcome) > MAX_TEXT:
        errors["outcome"] = f"At most {MAX_TEXT} characters."
    if data.occurred_at.tzinfo is None:
        raise ValueError("occurred_at must be timezone-aware")
    if errors:
        raise ValidationError(errors)


def log_activity(ws: Workspace, data: ActivityData, origin: object = None) -> int:
    _check_activity(data)
    with write(ws, RecordKind.ACTIVITY, ChangeAction.CREATED, origin) as w:
        activity_id = w.uow.activities.add(data)
        w.touched([activity_id])
    return activity_id


def update_activity(
    ws: Workspace, activity_id: int, version: int, data: ActivityData, origin: object = None
) -> None:
    _check_activity(data)
    with write(ws, RecordKind.ACTIVITY, ChangeAction.UPDATED, origin, ids=[activity_id]) as w:
        w.uow.activities.update(activity_id, version, data)


def delete_activity(ws: Workspace, activity_id: int, origin: object = None) -> None:
    with write(ws, RecordKind.ACTIVITY, ChangeAction.DELETED, origin, ids=[activity_id]) as w:
        w.uow.activities.delete(activity_id)


def timeline(
    ws: Workspace,
    *,
    company_id: int | None = None,
    contact_id: int | None = None,
    opportunity_id: int | None = None,
    lead_id: int | None = None,
) -> list[Activity]:
    """All activities, newest first; a company's include those with its people (and so those
    logged on its deals)."""
    with ws.reading() as uow:
        if opportunity_id is not None:
            return uow.activities.for_opportunity(opportunity_id)
        if lead_id is not None:
            return uow.activities.for_lead(lead_id)
        if company_id is not None:
            return uow.activities.for_company(company_id)
        if contact_id is not None:
            return uow.activities.for_contact(contact_id)
    return []


def _check_task(data: TaskData) -> None:
    if not data.title.strip():
        raise ValidationError({"title": "A task needs a title."})
    if len(data.title) > 400:
        raise ValidationError({"title": "At most 400 characters."})


def add_task(ws: Workspace, data: TaskData, origin: object = None) -> int:
    _check_task(data)
    with write(ws, RecordKind.TASK, ChangeAction.CREATED, origin) as w:
        task_id = w.uow.tasks.add(data)
        w.touched([task_id])
    return task_id


def update_task(
    ws: Workspace, task_id: int, version: int, data: TaskData, origin: object = None
) -> None:
    _check_task(data)
    with write(ws, RecordKind.TASK, ChangeAction.UPDATED, origin, ids=[task_id]) as w:
        w.uow.tasks.update(task_id, version, data)


def set_task_done(
    ws: Workspace, task_id: int, version: int, done: bool, origin: object = None
) -> int:
    """Tick or untick a follow-up; returns its new version (for the next change)."""
    with write(ws, RecordKind.TASK, ChangeAction.UPDATED, origin, ids=[task_id]) as w:
        new_version = w.uow.tasks.set_done(task_id, version, done)
    return new_version


def open_tasks(
    ws: Workspace,
    *,
    company_id: int | None = None,
    contact_id: int | None = None,
    opportunity_id: int | None = None,
) -> list[Task]:
    with ws.reading() as uow:
        if opportunity_id is not None:
            return uow.tasks.for_opportunity(opportunity_id)
        if company_id is not None:
            return uow.tasks.for_company(company_id)
        if contact_id is not None:
            return uow.tasks.for_contact(contact_id)
    return []


def my_tasks(ws: Workspace, today: date, everyone: bool = False) -> list[Task]:
    """Open follow-ups due today or overdue, of the current user (or of everyone)."""
    with ws.reading() as uow:
        return uow.tasks.due_for(None if everyone else ws.user.id, today)
