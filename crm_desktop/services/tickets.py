"""Use cases of the Service tab: open a ticket, assign it, reply, note, move it through its
statuses (waiting pauses the clock; resolving and closing need the resolution; reopening keeps
the history), schedule a repair visit, and the queues.

Every function takes ``now`` (default: the current time) so tests and the report work on fixed
times; due times come from the response-time rules and settings stored with the database.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.records import (
    ActivityData,
    ActivityKind,
    Change,
    ChangeAction,
    RecordKind,
    TaskData,
)
from crm_desktop.domain.service import (
    MAX_SUBJECT,
    Channel,
    EventKind,
    Priority,
    Queue,
    ServiceReport,
    Ticket,
    TicketData,
    TicketEvent,
    TicketFilter,
    TicketKind,
    TicketPage,
    TicketRow,
    TicketStatus,
    Visit,
    check_transition,
    default_categories,
    target_for,
)
from crm_desktop.domain.sla import BusinessHours, Target, due_times, working_between
from crm_desktop.domain.validation import MAX_SHORT, MAX_TEXT, clean_text
from crm_desktop.reports import service as service_reports
from crm_desktop.services.workspace import Workspace
from crm_desktop.services.writes import trash, write

if TYPE_CHECKING:
    from crm_desktop.db.unit_of_work import UnitOfWork

PAGE = 100
OPEN_QUEUE = TicketFilter()  # open tickets, the one due first on top
_ACTIVITY_OF_CHANNEL = {
    Channel.PHONE: ActivityKind.CALL,
    Channel.EMAIL: ActivityKind.EMAIL,
    Channel.VISIT: ActivityKind.VISIT,
}


def _at(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("naive datetime given; use an aware one")
    return now


def _hours(uow: UnitOfWork) -> BusinessHours | None:
    return uow.service_config.settings().hours()


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _text(body: str, missing: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": missing})
    if len(body) > MAX_TEXT:
        raise ValidationError({"body": f"At most {MAX_TEXT} characters."})
    return body


# -- opening and editing -------------------------------------------------------------------
def clean_ticket(data: TicketData) -> TicketData:
    data = replace(
        data,
        subject=clean_text(data.subject),
        category=clean_text(data.category),
        description=data.description.strip(),
    )
    errors = {}
    if not data.subject:
        errors["subject"] = "A ticket needs a subject."
    elif len(data.subject) > MAX_SUBJECT:
        errors["subject"] = f"At most {MAX_SUBJECT} characters."
    if data.company_id is None and data.contact_id is None:
        errors["company_id"] = "A ticket belongs to a company or a contact."
    if len(data.category) > MAX_SHORT:
        errors["category"] = f"At most {MAX_SHORT} characters."
    if len(data.description) > MAX_TEXT:
        errors["description"] = f"At most {MAX_TEXT} characters."
    if errors:
        raise ValidationError(errors)
    return data


def _add(
    uow: UnitOfWork, data: TicketData, opened_at: datetime, follow_up_of: int | None = None
) -> int:
    """A new ticket with its due times; the contact's company when only the contact is given."""
    if data.company_id is None and data.contact_id is not None:
        data = replace(data, company_id=uow.tickets.company_of(data.contact_id))
    target = target_for(uow.service_config.rules(), data.kind, data.priority, data.channel)
    due = due_times(opened_at, target, _hours(uow))
    state = {
        "status": (TicketStatus.ASSIGNED if data.assignee_id else TicketStatus.NEW).value,
        "opened_at": opened_at,
        "first_response_due": due.first_response if target.first_response else None,
        "resolution_due": due.resolution,
        "first_response_target": target.first_response,
        "resolution_target": target.resolution,
        "follow_up_of_id": follow_up_of,
    }
    return uow.tickets.add(data, state, event_body=data.description)


def company_named(ws: Workspace, name: str) -> int:
    """The one live company of this name (up to case, spaces and punctuation), for the
    command line's ``--company NAME``."""
    with ws.reading() as uow:
        found = uow.customers.companies_named(name)
    if not found:
        raise ValidationError({"company": f"No company is named {name!r}."})
    exact = [cid for cid, n in found if n == name.strip()]
    if len(found) > 1 and len(exact) != 1:
        names = ", ".join(f"#{cid} {n}" for cid, n in found[:5])
        raise ValidationError({"company": f"{len(found)} companies are named {name!r}: {names}."})
    return exact[0] if exact else found[0][0]


def open_ticket(
    ws: Workspace, data: TicketData, *, now: datetime | None = None, origin: object = None
) -> Ticket:
    """Open a ticket; its first-response and resolution due times are computed from the
    rules for its kind, priority and channel (in business hours when they are on)."""
    at = _at(now)
    data = clean_ticket(data)
    with write(ws, RecordKind.TICKET, ChangeAction.CREATED, origin) as w:
        ticket_id = _add(w.uow, data, at)
        w.touched([ticket_id])
        ticket = w.uow.tickets.get(ticket_id, at, _hours(w.uow))
    return ticket


def update_ticket(
    ws: Workspace,
    ticket_id: int,
    version: int,
    data: TicketData,
    *,
    now: datetime | None = None,
    origin: object = None,
) -> Ticket:
    """Save the form's fields (subject, description, customer, channel, category, order,
    product); priority and assignee change with ``change_priority`` and ``assign``."""
    at = _at(now)
    data = clean_ticket(data)
    with write(ws, RecordKind.TICKET, ChangeAction.UPDATED, origin, ids=[ticket_id]) as w:
        w.uow.tickets.update_details(ticket_id, version, data)
        ticket = w.uow.tickets.get(ticket_id, at, _hours(w.uow))
    return ticket


def change_priority(
    ws: Workspace,
    ticket_id: int,
    version: int,
    priority: Priority,
    *,
    now: datetime | None = None,
    origin: object = None,
) -> Ticket:
    """A new priority and the due times of its targets (counted from the opening, less the
    time spent waiting)."""
    at = _at(now)
    with write(ws, RecordKind.TICKET, ChangeAction.UPDATED, origin, ids=[ticket_id]) as w:
        uow = w.uow
        hours = _hours(uow)
        t = uow.tickets.get(ticket_id, at, hours)
        if t.data.priority is not priority:
            target = target_for(uow.service_config.rules(), t.data.kind, priority, t.data.channel)
            due = due_times(t.opened_at, target, hours, t.paused_seconds)
            values = {
                "priority": int(priority),
                "first_response_due": due.first_response if target.first_response else None,
                "resolution_due": due.resolution,
                "first_response_target": target.first_response,
                "resolution_target": target.resolution,
            }
            event = (EventKind.PRIORITY, "", t.data.priority.label, priority.label)
            uow.tickets.change(ticket_id, version, values, [event])
            t = uow.tickets.get(ticket_id, at, hours)
    return t


def assign(
    ws: Workspace,
    ticket_id: int,
    version: int,
    assignee_id: int | None,
    *,
    now: datetime | None = None,
    origin: object = None,
) -> Ticket:
    """Give the ticket to someone (None: to nobody). A new or reopened ticket becomes
    assigned; an assigned one taken from everyone becomes new again."""
    at = _at(now)
    with write(ws, RecordKind.TICKET, ChangeAction.UPDATED, origin, ids=[ticket_id]) as w:
        uow = w.uow
        t = uow.tickets.get(ticket_id, at, _hours(uow))
        if t.data.assignee_id != assignee_id:
            new_name = uow.ctx.user_name(assignee_id) if assignee_id is not None else None
            if assignee_id is not None and new_name is None:
                raise ValidationError({"assignee_id": f"User #{assignee_id} does not exist."})
            values: dict[str, Any] = {"assignee_id": assignee_id}
            events = [(EventKind.ASSIGNED, "", t.assignee_name or "", new_name or "")]
            status = t.status
            if assignee_id is not None and t.status in (TicketStatus.NEW, TicketStatus.REOPENED):
                status = TicketStatus.ASSIGNED
            elif assignee_id is None and t.status is TicketStatus.ASSIGNED:
                status = TicketStatus.NEW
            if status is not t.status:
                values["status"] = status.value
                events.append((EventKind.STATUS, "", t.status.value, status.value))
            uow.tickets.change(ticket_id, version, values, events)
            t = uow.tickets.get(ticket_id, at, _hours(uow))
    return t


def reply(
    ws: Workspace,
    ticket_id: int,
    version: int,
    body: str,
    *,
    log_activity: bool = False,
    now: datetime | None = None,
    origin: object = None,
) -> Ticket:
    """Answer the customer: the first answer is the first response (its clock stops); a new,
    assigned or reopened ticket is then in progress. With ``log_activity`` the reply is also
    an activity (call, e-mail, visit or note, after the ticket's channel) on the customer's
    timeline."""
    at = _at(now)
    body = _text(body, "Write the reply.")
    activity_id = None
    with write(ws, RecordKind.TICKET, ChangeAction.UPDATED, origin, ids=[ticket_id]) as w:
        uow = w.uow
        t = uow.tickets.get(ticket_id, at, _hours(uow))
        values: dict[str, Any] = {}
        events = []
        if t.first_response_at is None:
            values["first_response_at"] = at
        if t.status in (TicketStatus.NEW, TicketStatus.ASSIGNED, TicketStatus.REOPENED):
            values["status"] = TicketStatus.IN_PROGRESS.value
            events.append((EventKind.STATUS, "", t.status.value, TicketStatus.IN_PROGRESS.value))
        if log_activity:
            activity_id = uow.activities.add(
                ActivityData(
                    kind=_ACTIVITY_OF_CHANNEL.get(t.data.channel, ActivityKind.NOTE),
                    subject=f"#{t.id} {t.data.subject}"[:MAX_SUBJECT],
                    outcome=body,
                    occurred_at=at,
                    company_id=t.data.company_id,
                    contact_id=t.data.contact_id,
                )
            )
        uow.tickets.change(ticket_id, version, values)
        uow.tickets.add_event(ticket_id, EventKind.REPLY, body, activity_id=activity_id)
        for kind, text, old, new in events:
            uow.tickets.add_event(ticket_id, kind, text, old=old, new=new)
        t = uow.tickets.get(ticket_id, at, _hours(uow))
    if activity_id is not None:
        ws.events.publish(Change(RecordKind.ACTIVITY, (activity_id,), ChangeAction.CREATED, origin))
    return t


def add_note(ws: Workspace, ticket_id: int, body: str, origin: object = None) -> TicketEvent:
    """An internal note on the timeline (never sent; the ticket itself is unchanged)."""
    body = _text(body, "Write the note.")
    with write(ws, RecordKind.TICKET, ChangeAction.UPDATED, origin, ids=[ticket_id]) as w:
        w.uow.tickets.targets(ticket_id)  # NotFoundError for a ticket in the Trash
        event_id = w.uow.tickets.add_event(ticket_id, EventKind.NOTE, body)
        event = next(e for e in w.uow.tickets.events(ticket_id) if e.id == event_id)
    return event


def set_status(
    ws: Workspace,
    ticket_id: int,
    version: int,
    status: TicketStatus,
    *,
    resolution: str = "",
    satisfaction: int | None = None,
    now: datetime | None = None,
    origin: object = None,
) -> Ticket:
    """Move the ticket to ``status`` (domain.service.TRANSITIONS). Waiting for the customer
    stops the clock; leaving it moves the due times by the time waited. Resolving and closing
    need the resolution (a resolved ticket closes with the one it has) and may record the
    customer's satisfaction (1-5). Reopening keeps the timeline and gives the ticket its
    resolution time again from now. A resolved complaint gets its return visit ticket,
    ``return_visit_days`` later, when the setting is on."""
    at = _at(now)
    resolution = resolution.strip()
    with write(ws, RecordKind.TICKET, ChangeAction.UPDATED, origin, ids=[ticket_id]) as w:
        uow = w.uow
        settings = uow.service_config.settings()
        hours = settings.hours()
        t = uow.tickets.get(ticket_id, at, hours)
        resolution = resolution or t.resolution
        check_transition(t.status, status, resolution, satisfaction)
        values: dict[str, Any] = {"status": status.value}
        paused = t.paused_seconds
        if t.status is TicketStatus.WAITING and t.paused_since is not None:
            paused += working_between(t.paused_since, at, hours)
            values["paused_at"] = None
        if status is TicketStatus.WAITING:
            values["paused_at"] = at
        if status is TicketStatus.REOPENED:
            # The time it stood resolved counts as paused: the resolution is due a full
            # target from now.
            paused = working_between(t.opened_at, at, hours)
            values.update(resolved_at=None, closed_at=None, satisfaction=None)
        if status in (TicketStatus.RESOLVED, TicketStatus.CLOSED):
            values["resolution"] = resolution
            values["resolved_at"] = t.resolved_at or at
            if satisfaction is not None:
                values["satisfaction"] = satisfaction
        if status is TicketStatus.CLOSED:
            values["closed_at"] = at
        if paused != t.paused_seconds:
            first, total = uow.tickets.targets(ticket_id)
            due = due_times(t.opened_at, Target(first, total), hours, paused)
            values["paused_seconds"] = round(paused)
            values["first_response_due"] = due.first_response if first else None
            values["resolution_due"] = due.resolution
        body = resolution if status in (TicketStatus.RESOLVED, TicketStatus.CLOSED) else ""
        event = (EventKind.STATUS, body, t.status.value, status.value)
        uow.tickets.change(ticket_id, version, values, [event])
        if (
            not status.is_open
            and t.status.is_open
            and t.data.kind is TicketKind.COMPLAINT
            and settings.return_visit_days > 0
            and not uow.tickets.has_follow_up(ticket_id)
        ):
            w.touched([_return_visit(uow, t, at + timedelta(days=settings.return_visit_days))])
        t = uow.tickets.get(ticket_id, at, hours)
    return t


def _return_visit(uow: UnitOfWork, complaint: Ticket, when: datetime) -> int:
    zh = _has_han(complaint.data.subject)
    data = TicketData(
        kind=TicketKind.VISIT,
        subject=(f"回访：{complaint.data.subject}" if zh else
                 f"Return visit: {complaint.data.subject}")[:MAX_SUBJECT],
        company_id=complaint.data.company_id,
        contact_id=complaint.data.contact_id,
        channel=Channel.PHONE,
        category=default_categories("zh_CN" if zh else "en", TicketKind.VISIT)[1],
        assignee_id=complaint.data.assignee_id,
    )  # fmt: skip
    return _add(uow, data, when, follow_up_of=complaint.id)


def schedule_visit(
    ws: Workspace,
    ticket_id: int,
    at: datetime,
    technician_id: int,
    notes: str = "",
    *,
    origin: object = None,
) -> Visit:
    """A visit to the customer for a repair ticket, on ``at`` by ``technician_id``: it is the
    technician's follow-up task (My tasks) on that day, and a line of the ticket's timeline."""
    if at.tzinfo is None:
        raise ValueError("naive datetime given; use an aware one")
    notes = notes.strip()
    with write(ws, RecordKind.TICKET, ChangeAction.UPDATED, origin, ids=[ticket_id]) as w:
        uow = w.uow
        hours = _hours(uow)
        t = uow.tickets.get(ticket_id, at, hours)
        if t.data.kind is not TicketKind.REPAIR:
            raise ValidationError({"kind": "Visits are scheduled for repair tickets."})
        if not t.status.is_open:
            raise ValidationError({"status": "Reopen the ticket to schedule a visit."})
        technician = uow.ctx.user_name(technician_id)
        if technician is None:
            raise ValidationError({"technician_id": f"User #{technician_id} does not exist."})
        local = at.astimezone(hours.tz if hours is not None else None)
        word = "上门维修" if _has_han(t.data.subject) else "Repair visit"
        task_id = uow.tasks.add(
            TaskData(
                title=f"{word} {local:%H:%M} #{t.id} {t.data.subject}"[:MAX_SUBJECT],
                due_date=local.date(),
                owner_id=technician_id,
                company_id=t.data.company_id,
                contact_id=t.data.contact_id,
                notes=notes,
            )
        )
        visit_id = uow.tickets.add_visit(ticket_id, at, technician_id, task_id, notes)
        uow.tickets.add_event(
            ticket_id, EventKind.VISIT, notes, new=f"{local:%Y-%m-%d %H:%M} {technician}"
        )
        visit = next(v for v in uow.tickets.visits(ticket_id) if v.id == visit_id)
    ws.events.publish(Change(RecordKind.TASK, (task_id,), ChangeAction.CREATED, origin))
    return visit


def delete_tickets(ws: Workspace, ids: list[int], origin: object = None) -> list[int]:
    return trash(ws, RecordKind.TICKET, lambda uow: uow.tickets, ids, True, origin)


def restore_tickets(ws: Workspace, ids: list[int], origin: object = None) -> list[int]:
    return trash(ws, RecordKind.TICKET, lambda uow: uow.tickets, ids, False, origin)


# -- reading -------------------------------------------------------------------------------
def get_ticket(ws: Workspace, ticket_id: int, *, now: datetime | None = None) -> Ticket:
    with ws.reading() as uow:
        return uow.tickets.get(ticket_id, _at(now), _hours(uow))


def ticket_timeline(ws: Workspace, ticket_id: int) -> list[TicketEvent]:
    """Replies, notes, status changes, assignments and visits, oldest first."""
    with ws.reading() as uow:
        return uow.tickets.events(ticket_id)


def ticket_visits(ws: Workspace, ticket_id: int) -> list[Visit]:
    with ws.reading() as uow:
        return uow.tickets.visits(ticket_id)


def queue(
    ws: Workspace,
    flt: TicketFilter = OPEN_QUEUE,
    cursor: tuple[object, ...] | None = None,
    limit: int = PAGE,
    *,
    now: datetime | None = None,
) -> TicketPage:
    """One page of a queue (mine, unassigned, overdue, open, all; by kind, status, search,
    customer), sorted in SQL; pass the page's cursor to get the next."""
    at = _at(now)
    with ws.reading() as uow:
        rows, next_cursor, more = uow.tickets.page(flt, at, _hours(uow), cursor, limit)
    return TicketPage(tuple(rows), next_cursor, more)


def queue_count(
    ws: Workspace, flt: TicketFilter = OPEN_QUEUE, *, now: datetime | None = None
) -> int:
    with ws.reading() as uow:
        return uow.tickets.count(flt, _at(now))


def my_overdue_count(ws: Workspace, *, now: datetime | None = None) -> int:
    """The status bar's count: open tickets assigned to me past a due time."""
    with ws.reading() as uow:
        return uow.tickets.overdue_count(ws.user.id, _at(now))


def my_next_due(ws: Workspace, *, now: datetime | None = None) -> datetime | None:
    """When the next of my tickets falls due (None: none running): the window sets its timer
    to it, to tell me the moment one goes overdue."""
    with ws.reading() as uow:
        return uow.tickets.next_due(ws.user.id, _at(now))


def customer_tickets(
    ws: Workspace,
    *,
    company_id: int | None = None,
    contact_id: int | None = None,
    limit: int = 200,
    now: datetime | None = None,
) -> list[TicketRow]:
    """A company's or a contact's tickets, newest first (for their record in Contacts)."""
    flt = TicketFilter(
        queue=Queue.ALL, company_id=company_id, contact_id=contact_id, sort="opened",
        descending=True,
    )  # fmt: skip
    return list(queue(ws, flt, None, limit, now=now).rows)


def service_report(
    ws: Workspace,
    start: date | None = None,
    end: date | None = None,
    *,
    now: datetime | None = None,
) -> ServiceReport:
    """Over the tickets opened from ``start`` to ``end`` (either open): open and overdue by
    kind and priority, median first-response and resolution hours, the share resolved within
    target, the satisfaction average, complaints by category."""
    if start is not None and end is not None and end < start:
        raise ValidationError({"to": "The period ends before it starts."})
    with ws.reading() as uow:
        return service_reports.service_report(uow, start, end, _at(now))
