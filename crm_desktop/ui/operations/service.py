"""Service actions (tickets, the knowledge base, response-time targets): one factory per user
action, each an ``Op``. The caller adds ``.success/.failure`` and ``.run()``; ``parent`` is
also the change's origin. A ticket action succeeds with the ticket as it now is (its new
version), so the next action of the same dialog goes on from it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QWidget

from crm_desktop.domain.service import (
    ArticleData,
    Priority,
    ServiceSettings,
    SlaRule,
    Ticket,
    TicketData,
    TicketStatus,
)
from crm_desktop.services import knowledge
from crm_desktop.services import service_config as config
from crm_desktop.services import tickets as t
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op, service_write, write


def open_ticket(parent: QWidget, ws: Workspace, data: TicketData) -> Op:
    return service_write(parent, t.open_ticket, ws, data)


def update_ticket(parent: QWidget, ws: Workspace, ticket: Ticket, data: TicketData) -> Op:
    return service_write(parent, t.update_ticket, ws, ticket.id, ticket.version, data)


def assign(parent: QWidget, ws: Workspace, ticket: Ticket, assignee_id: int | None) -> Op:
    return service_write(parent, t.assign, ws, ticket.id, ticket.version, assignee_id)


def change_priority(parent: QWidget, ws: Workspace, ticket: Ticket, priority: Priority) -> Op:
    return service_write(parent, t.change_priority, ws, ticket.id, ticket.version, priority)


def reply(parent: QWidget, ws: Workspace, ticket: Ticket, body: str, log_activity: bool) -> Op:
    return service_write(
        parent, t.reply, ws, ticket.id, ticket.version, body, log_activity=log_activity
    )


def add_note(parent: QWidget, ws: Workspace, ticket: Ticket, body: str) -> Op:
    """Succeeds with the ticket read afresh (a note changes no field, but the dialog shows
    the ticket as it now is)."""

    def note() -> Ticket:
        t.add_note(ws, ticket.id, body, origin=parent)
        return t.get_ticket(ws, ticket.id)

    return write(parent, note)


def set_status(
    parent: QWidget,
    ws: Workspace,
    ticket: Ticket,
    status: TicketStatus,
    resolution: str = "",
    satisfaction: int | None = None,
) -> Op:
    """Waiting pauses the clock; resolving and closing take the resolution; reopening keeps
    the history."""
    return service_write(
        parent, t.set_status, ws, ticket.id, ticket.version, status,
        resolution=resolution, satisfaction=satisfaction,
    )  # fmt: skip


def schedule_visit(
    parent: QWidget, ws: Workspace, ticket: Ticket, at: datetime, technician_id: int, notes: str
) -> Op:
    """The repair visit (the technician's task on that day); succeeds with the ticket."""

    def schedule() -> Ticket:
        t.schedule_visit(ws, ticket.id, at, technician_id, notes, origin=parent)
        return t.get_ticket(ws, ticket.id)

    return write(parent, schedule)


def delete_tickets(parent: QWidget, ws: Workspace, ids: list[int]) -> Op:
    return service_write(parent, t.delete_tickets, ws, ids)


# -- knowledge base --------------------------------------------------------------------------
def add_article(parent: QWidget, ws: Workspace, data: ArticleData) -> Op:
    return service_write(parent, knowledge.add_article, ws, data)


def update_article(parent: QWidget, ws: Workspace, id_: int, version: int, data: ArticleData) -> Op:
    return service_write(parent, knowledge.update_article, ws, id_, version, data)


def delete_articles(parent: QWidget, ws: Workspace, ids: list[int]) -> Op:
    return service_write(parent, knowledge.delete_articles, ws, ids)


def article_from_ticket(parent: QWidget, ws: Workspace, ticket_id: int, **kw: Any) -> Op:
    """A new article from the ticket's answer (its resolution, else its last reply)."""
    return service_write(parent, knowledge.article_from_ticket, ws, ticket_id, **kw)


# -- settings --------------------------------------------------------------------------------
def save_sla_rules(parent: QWidget, ws: Workspace, rules: tuple[SlaRule, ...]) -> Op:
    return service_write(parent, config.save_sla_rules, ws, rules)


def save_service_settings(parent: QWidget, ws: Workspace, settings: ServiceSettings) -> Op:
    return service_write(parent, config.save_service_settings, ws, settings)


def save_targets(
    parent: QWidget, ws: Workspace, rules: tuple[SlaRule, ...], settings: ServiceSettings
) -> Op:
    """The targets dialog's Save: the rules, then business hours and the return visit."""

    def save() -> None:
        config.save_sla_rules(ws, rules, origin=parent)
        config.save_service_settings(ws, settings, origin=parent)

    return write(parent, save)
