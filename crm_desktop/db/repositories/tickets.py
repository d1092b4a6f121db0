"""Tickets: records with their timeline and visits, the keyset-paged queues, overdue counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal_column, or_, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.audited import AuditedRepository, Changes
from crm_desktop.db.repositories.listing import KeysetPage, fetch_in_order, keyset_page
from crm_desktop.db.search import build_search_text, search_condition, search_words
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.service import (
    Channel,
    EventKind,
    Priority,
    Queue,
    Ticket,
    TicketData,
    TicketEvent,
    TicketFilter,
    TicketKind,
    TicketRow,
    TicketStatus,
    Visit,
)
from crm_desktop.domain.sla import BusinessHours, TimeLeft, TimeState, time_left

T = m.Ticket
# Written as the partial indexes' own predicate, so SQLite serves the open queues from them.
OPEN: ColumnElement[bool] = literal_column("tickets.status NOT IN ('resolved', 'closed')")

_SORT: dict[str, Any] = {
    "due": T.resolution_due,
    "opened": T.opened_at,
    "priority": T.priority,
    "updated": T.updated_at,
    "id": T.id,
}


def ticket_search_text(subject: str, company: str | None, contact: str | None, *other: str) -> str:
    """Subject and customer with their pinyin; description and category as they are."""
    return build_search_text([subject, company or "", contact or ""], (), other)


def overdue_condition(now: datetime) -> ColumnElement[bool]:
    """Open, not waiting for the customer, and past a due time."""
    return and_(
        T.deleted_at.is_(None),
        OPEN,
        T.status != TicketStatus.WAITING.value,
        or_(
            T.resolution_due < now,
            and_(T.first_response_at.is_(None), T.first_response_due < now),
        ),
    )


def row_time_left(
    now: datetime,
    status: TicketStatus,
    first_due: datetime | None,
    first_at: datetime | None,
    first_target: int,
    resolution_due: datetime | None,
    resolution_target: int,
    paused_at: datetime | None,
    hours: BusinessHours | None,
) -> tuple[TimeLeft, TimeLeft]:
    """(first response, resolution) time left of a ticket at ``now``."""
    if not status.is_open:
        done = TimeLeft(0, TimeState.DONE)
        return done, done
    first = (
        TimeLeft(0, TimeState.DONE)
        if first_at is not None
        else time_left(now, first_due, first_target, hours, paused_at)
    )
    return first, time_left(now, resolution_due, resolution_target, hours, paused_at)


def nearest(first: TimeLeft, resolution: TimeLeft) -> TimeLeft:
    """What the queue shows: the one due first (an unanswered ticket's first response)."""
    if first.state is TimeState.DONE:
        return resolution
    return first if first.seconds <= resolution.seconds else resolution


class TicketRepository(AuditedRepository[m.Ticket]):
    model = m.Ticket
    kind = "ticket"

    # -- records ---------------------------------------------------------------------------
    def _names(
        self, company_id: int | None, contact_id: int | None
    ) -> tuple[str | None, str | None]:
        company = contact = None
        if company_id is not None:
            company = self.session.scalar(select(m.Company.name).where(m.Company.id == company_id))
            if company is None:
                raise ValidationError({"company_id": f"Company #{company_id} does not exist."})
        if contact_id is not None:
            contact = self.session.scalar(select(m.Contact.name).where(m.Contact.id == contact_id))
            if contact is None:
                raise ValidationError({"contact_id": f"Contact #{contact_id} does not exist."})
        return company, contact

    def company_of(self, contact_id: int) -> int | None:
        return self.session.scalar(select(m.Contact.company_id).where(m.Contact.id == contact_id))

    def _derived(self, values: Mapping[str, Any]) -> dict[str, str]:
        company, contact = self._names(values["company_id"], values["contact_id"])
        text = ticket_search_text(
            values["subject"], company, contact, values["description"], values["category"]
        )
        return {"search_text": text, "search_words": search_words(text)}

    def add(self, data: TicketData, state: Mapping[str, Any], *, event_body: str = "") -> int:
        """A new ticket of ``data`` with its computed ``state`` (status, opened and due times,
        targets), and the first line of its timeline."""
        values = {**details(data), "priority": int(data.priority), "assignee_id": data.assignee_id}
        obj = self._insert({**values, **state}, audit=values, **self._derived(values))
        self.add_event(obj.id, EventKind.OPENED, event_body, new=str(state.get("status", "")))
        return obj.id

    def update_details(self, ticket_id: int, version: int, data: TicketData) -> Changes:
        values = details(data)
        derived = self._derived(values)  # reads names: before the row is dirty (autoflush)

        def derive(obj: m.Ticket, _: Changes) -> None:
            for key, value in derived.items():
                setattr(obj, key, value)

        return self._update(ticket_id, version, values, derive)

    def change(
        self,
        ticket_id: int,
        version: int,
        values: Mapping[str, Any],
        events: Sequence[tuple[EventKind, str, str, str]] = (),
        action: str = "update",
    ) -> None:
        """Set ``values`` (status, times, assignee …) at the version the user read, and add
        the ``events`` (kind, body, old, new) to the timeline."""
        obj = self._load(ticket_id, version)
        changes = {k: [getattr(obj, k), v] for k, v in values.items() if getattr(obj, k) != v}
        for key, value in values.items():
            setattr(obj, key, value)
        obj.updated_at = m.utcnow()  # a timeline line alone still makes a new version
        self._save(obj, changes, action)
        for kind, body, old, new in events:
            self.add_event(ticket_id, kind, body, old=old, new=new)

    def add_event(
        self,
        ticket_id: int,
        kind: EventKind,
        body: str = "",
        *,
        old: str = "",
        new: str = "",
        activity_id: int | None = None,
    ) -> int:
        event = m.TicketEvent(
            ticket_id=ticket_id,
            kind=kind.value,
            at=m.utcnow(),
            user_id=self.ctx.user_id,
            body=body,
            old_value=old[:200],
            new_value=new[:200],
            activity_id=activity_id,
        )
        self.session.add(event)
        self.session.flush()
        return event.id

    def get(self, ticket_id: int, now: datetime, hours: BusinessHours | None) -> Ticket:
        t = self._live(ticket_id)
        company, contact = self._names(t.company_id, t.contact_id)
        status = TicketStatus(t.status)
        first, resolution = row_time_left(
            now, status, t.first_response_due, t.first_response_at, t.first_response_target,
            t.resolution_due, t.resolution_target, t.paused_at, hours,
        )  # fmt: skip
        return Ticket(
            id=t.id,
            data=TicketData(
                kind=TicketKind(t.kind),
                subject=t.subject,
                company_id=t.company_id,
                contact_id=t.contact_id,
                description=t.description,
                channel=Channel(t.channel),
                category=t.category,
                priority=Priority(t.priority),
                assignee_id=t.assignee_id,
                order_id=t.order_id,
                product_id=t.product_id,
            ),
            status=status,
            company_name=company,
            contact_name=contact,
            assignee_name=self.ctx.user_name(t.assignee_id),
            opened_at=t.opened_at,
            first_response_due=t.first_response_due,
            resolution_due=t.resolution_due,
            first_response_at=t.first_response_at,
            resolved_at=t.resolved_at,
            closed_at=t.closed_at,
            paused_since=t.paused_at,
            paused_seconds=t.paused_seconds,
            resolution=t.resolution,
            satisfaction=t.satisfaction,
            first_response_left=first,
            resolution_left=resolution,
            created_at=t.created_at,
            created_by=self.ctx.user_name(t.created_by_id),
            version=t.version,
            follow_up_of=t.follow_up_of_id,
        )

    def targets(self, ticket_id: int) -> tuple[int, int]:
        """The (first response, resolution) targets in seconds the due times came from."""
        t = self._live(ticket_id)
        return t.first_response_target, t.resolution_target

    def has_follow_up(self, ticket_id: int) -> bool:
        """Whether a ticket (an automatic return visit) already follows this one."""
        found = self.session.scalar(select(T.id).where(T.follow_up_of_id == ticket_id).limit(1))
        return found is not None

    def events(self, ticket_id: int) -> list[TicketEvent]:
        e = m.TicketEvent
        rows = self.session.scalars(
            select(e).where(e.ticket_id == ticket_id).order_by(e.at, e.id)
        ).all()
        return [
            TicketEvent(
                id=r.id, kind=EventKind(r.kind), at=r.at, user_name=self.ctx.user_name(r.user_id),
                body=r.body, old_value=r.old_value, new_value=r.new_value,
                activity_id=r.activity_id,
            )
            for r in rows
        ]  # fmt: skip

    # -- visits ----------------------------------------------------------------------------
    def add_visit(
        self, ticket_id: int, at: datetime, technician_id: int, task_id: int, notes: str
    ) -> int:
        values = {"ticket_id": ticket_id, "visit_at": at, "technician_id": technician_id,
                  "task_id": task_id, "notes": notes}  # fmt: skip
        obj = m.TicketVisit(
            **values, created_by_id=self.ctx.user_id, updated_by_id=self.ctx.user_id
        )
        self.session.add(obj)
        self.session.flush()
        self.ctx.audit("ticket_visit", obj.id, "create", values)
        return obj.id

    def visits(self, ticket_id: int) -> list[Visit]:
        v = m.TicketVisit
        rows = self.session.scalars(
            select(v).where(v.ticket_id == ticket_id, v.deleted_at.is_(None)).order_by(v.visit_at)
        ).all()
        return [
            Visit(r.id, r.ticket_id, r.visit_at, r.technician_id,
                  self.ctx.user_name(r.technician_id), r.task_id, r.notes)
            for r in rows
        ]  # fmt: skip

    # -- queues ----------------------------------------------------------------------------
    def _where(self, flt: TicketFilter, now: datetime) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = [T.deleted_at.is_(None)]
        if flt.queue is Queue.OVERDUE:
            where.append(overdue_condition(now))
        elif flt.queue is not Queue.ALL:
            where.append(OPEN)
            if flt.queue is Queue.MINE:
                where.append(T.assignee_id == self.ctx.user_id)
            elif flt.queue is Queue.UNASSIGNED:
                where.append(T.assignee_id.is_(None))
        if flt.kind is not None:
            where.append(T.kind == flt.kind.value)
        if flt.status is not None:
            where.append(T.status == flt.status.value)
        if flt.company_id is not None:
            where.append(T.company_id == flt.company_id)
        if flt.contact_id is not None:
            where.append(T.contact_id == flt.contact_id)
        if flt.assignee_id is not None:
            where.append(T.assignee_id == flt.assignee_id)
        if flt.search:
            where.append(search_condition(self.ctx.dialect, "tickets", T.id, flt.search))
        return where

    def count(self, flt: TicketFilter, now: datetime) -> int:
        return (
            self.session.scalar(select(func.count()).select_from(T).where(*self._where(flt, now)))
            or 0
        )

    def overdue_count(self, assignee_id: int | None, now: datetime) -> int:
        q = select(func.count()).select_from(T).where(overdue_condition(now))
        if assignee_id is not None:
            q = q.where(T.assignee_id == assignee_id)
        return self.session.scalar(q) or 0

    def next_due(self, assignee_id: int, now: datetime) -> datetime | None:
        """The earliest due time still ahead among the assignee's open, running tickets."""
        running = [T.deleted_at.is_(None), OPEN, T.assignee_id == assignee_id,
                   T.status != TicketStatus.WAITING.value]  # fmt: skip
        first = select(func.min(T.first_response_due)).where(
            *running, T.first_response_at.is_(None), T.first_response_due >= now
        )
        resolution = select(func.min(T.resolution_due)).where(*running, T.resolution_due >= now)
        times = [self.session.scalar(first), self.session.scalar(resolution)]
        return min((t for t in times if t is not None), default=None)

    def page(
        self,
        flt: TicketFilter,
        now: datetime,
        hours: BusinessHours | None,
        cursor: tuple[Any, ...] | None,
        limit: int,
    ) -> tuple[list[TicketRow], tuple[Any, ...] | None, bool]:
        """One page of a queue, in the filter's order: rows, the cursor to go on, more?"""
        sort = [_SORT.get(flt.sort, T.resolution_due), T.id]
        if flt.sort == "id":
            sort = [T.id]
        query = select(T.id, *sort).where(*self._where(flt, now))
        page: KeysetPage = keyset_page(self.session, query, sort, flt.descending, cursor, limit)
        rows = fetch_in_order(self.session, _row_columns(), T.id, [r[0] for r in page.rows])
        return [self._row(r, now, hours) for r in rows], page.cursor, page.has_more

    def _row(self, r: Any, now: datetime, hours: BusinessHours | None) -> TicketRow:
        (id_, kind, subject, company, contact, channel, category, priority, status, assignee,
         opened, first_due, resolution_due, first_at, first_target, resolution_target,
         paused_at, satisfaction) = r  # fmt: skip
        state = TicketStatus(status)
        first, resolution = row_time_left(
            now, state, first_due, first_at, first_target, resolution_due, resolution_target,
            paused_at, hours,
        )  # fmt: skip
        return TicketRow(
            id=id_, kind=TicketKind(kind), subject=subject, company=company, contact=contact,
            channel=Channel(channel), category=category, priority=Priority(priority),
            status=state, assignee=self.ctx.user_name(assignee), opened_at=opened,
            first_response_due=first_due if first_at is None else None,
            resolution_due=resolution_due, time_left=nearest(first, resolution),
            satisfaction=satisfaction,
        )  # fmt: skip


def details(data: TicketData) -> dict[str, Any]:
    """The fields a ticket's form edits (priority and assignee change through their own
    actions: they move due times and the timeline)."""
    return {
        "kind": data.kind.value,
        "subject": data.subject,
        "description": data.description,
        "company_id": data.company_id,
        "contact_id": data.contact_id,
        "order_id": data.order_id,
        "product_id": data.product_id,
        "channel": data.channel.value,
        "category": data.category,
    }


def _row_columns() -> list[Any]:
    company = select(m.Company.name).where(m.Company.id == T.company_id).correlate(T)
    contact = select(m.Contact.name).where(m.Contact.id == T.contact_id).correlate(T)
    return [
        T.id, T.kind, T.subject, company.scalar_subquery(), contact.scalar_subquery(), T.channel,
        T.category, T.priority, T.status, T.assignee_id, T.opened_at, T.first_response_due,
        T.resolution_due, T.first_response_at, T.first_response_target, T.resolution_target,
        T.paused_at, T.satisfaction,
    ]  # fmt: skip
