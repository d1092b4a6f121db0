"""The Service tab's commands: ``tickets``, ``ticket add`` and ``report service``.

Kept beside cli.py (which adds these parsers and dispatches to them) so that each area's
commands stay short modules; the helpers (--db, JSON output, tables) are cli.py's own.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import Any

from crm_desktop.domain.service import (
    Channel,
    Priority,
    Queue,
    ServiceReport,
    Ticket,
    TicketData,
    TicketFilter,
    TicketKind,
    TicketRow,
    TicketStatus,
)

KINDS = [k.value for k in TicketKind]
STATUSES = [s.value for s in TicketStatus]
PRIORITIES = [p.label for p in Priority]
CHANNELS = [c.value for c in Channel]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is no date: write 2026-12-31") from None


def add_parsers(sub: Any, reports: Any) -> None:
    """The parsers of ``tickets``, ``ticket add`` and ``report service``."""
    from crm_desktop import cli

    tickets = sub.add_parser("tickets", help="the service queue: open tickets, mine, overdue …")
    cli._db_option(tickets, top=False)
    tickets.add_argument("--mine", action="store_true", help="only tickets assigned to me")
    tickets.add_argument("--overdue", action="store_true", help="only tickets past a due time")
    tickets.add_argument("--kind", choices=KINDS, help="only tickets of this kind")
    tickets.add_argument(
        "--status", choices=STATUSES, help="only tickets with this status (default: open ones)"
    )
    tickets.add_argument("--search", default="", metavar="TEXT", help="subject, customer, pinyin")
    tickets.add_argument("--limit", type=cli._limit, default=100, help="at most this many")
    tickets.add_argument("--json", action="store_true", help="print the tickets as JSON")

    ticket = sub.add_parser("ticket", help="open a service ticket")
    actions = ticket.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="open a ticket; prints it with its due times")
    cli._db_option(add, top=False)
    add.add_argument("--kind", choices=KINDS, required=True)
    who = add.add_mutually_exclusive_group(required=True)
    who.add_argument("--company", metavar="NAME", help="the customer company's name")
    who.add_argument("--contact", type=cli._record_id, metavar="ID", help="the contact's ID")
    add.add_argument("--subject", required=True)
    add.add_argument("--description", default="")
    add.add_argument("--priority", choices=PRIORITIES, default="normal")
    add.add_argument("--channel", choices=CHANNELS, default="phone")
    add.add_argument("--category", default="")
    add.add_argument("--json", action="store_true", help="print the ticket as JSON")

    service = reports.add_parser(
        "service", help="tickets: open and overdue, response times, satisfaction, complaints"
    )
    cli._db_option(service, top=False)
    service.add_argument("--from", dest="start", type=_day, metavar="DATE", help="opened from")
    service.add_argument("--to", dest="end", type=_day, metavar="DATE", help="opened until")
    service.add_argument("--json", action="store_true", help="print the report as JSON")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _hours_left(seconds: float) -> float:
    return round(seconds / 3600, 2)


def row_json(r: TicketRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "kind": r.kind.value,
        "subject": r.subject,
        "company": r.company,
        "contact": r.contact,
        "channel": r.channel.value,
        "category": r.category,
        "priority": r.priority.label,
        "status": r.status.value,
        "assignee": r.assignee,
        "opened_at": _iso(r.opened_at),
        "first_response_due": _iso(r.first_response_due),
        "resolution_due": _iso(r.resolution_due),
        "hours_left": _hours_left(r.time_left.seconds),
        "state": r.time_left.state.value,
        "satisfaction": r.satisfaction,
    }


def ticket_json(t: Ticket) -> dict[str, Any]:
    return {
        "id": t.id,
        "kind": t.data.kind.value,
        "subject": t.data.subject,
        "company_id": t.data.company_id,
        "company": t.company_name,
        "contact_id": t.data.contact_id,
        "contact": t.contact_name,
        "channel": t.data.channel.value,
        "category": t.data.category,
        "priority": t.data.priority.label,
        "status": t.status.value,
        "assignee": t.assignee_name,
        "opened_at": _iso(t.opened_at),
        "first_response_due": _iso(t.first_response_due),
        "resolution_due": _iso(t.resolution_due),
        "version": t.version,
    }


def _local(value: datetime | None) -> str:
    return f"{value.astimezone():%Y-%m-%d %H:%M}" if value is not None else "-"


def cmd_tickets(args: argparse.Namespace) -> int:
    from crm_desktop import cli
    from crm_desktop.services import tickets

    ws = cli._open(args)
    try:
        me = ws.user.id
        if args.overdue:
            flt = TicketFilter(queue=Queue.OVERDUE, assignee_id=me if args.mine else None)
        elif args.mine:
            flt = TicketFilter(queue=Queue.MINE)
        else:
            flt = TicketFilter(queue=Queue.ALL if args.status else Queue.OPEN)
        kind = TicketKind(args.kind) if args.kind else None
        status = TicketStatus(args.status) if args.status else None
        flt = TicketFilter(
            queue=flt.queue, kind=kind, status=status, search=args.search,
            assignee_id=flt.assignee_id,
        )  # fmt: skip
        page = tickets.queue(ws, flt, None, args.limit)
        total = tickets.queue_count(ws, flt)
    finally:
        ws.close()
    rows = [row_json(r) for r in page.rows]
    body = [
        [f"#{r.id}", r.kind.value, r.priority.label, r.status.value, r.subject[:40],
         r.company or r.contact or "-", r.assignee or "-", _local(r.resolution_due),
         r.time_left.state.value]
        for r in page.rows
    ]  # fmt: skip
    header = ["ID", "Kind", "Priority", "Status", "Subject", "Customer", "Assignee", "Due", "State"]
    text = cli._table(header, body, set()) if body else "No tickets."
    if page.has_more:
        text += f"\n… {total - len(rows):,} more (--limit)"
    cli._emit(args, {"tickets": rows, "count": total, "has_more": page.has_more}, text)
    return 0


def cmd_ticket(args: argparse.Namespace) -> int:
    from crm_desktop import cli
    from crm_desktop.services import tickets

    ws = cli._open(args)
    try:
        company_id = tickets.company_named(ws, args.company) if args.company else None
        t = tickets.open_ticket(
            ws,
            TicketData(
                kind=TicketKind(args.kind),
                subject=args.subject,
                company_id=company_id,
                contact_id=args.contact,
                description=args.description,
                channel=Channel(args.channel),
                category=args.category,
                priority=Priority.parse(args.priority),
            ),
        )
    finally:
        ws.close()
    text = (
        f"Ticket #{t.id} opened ({t.data.kind.value}, {t.data.priority.label}) for "
        f"{t.company_name or t.contact_name}: first response due {_local(t.first_response_due)}, "
        f"resolution due {_local(t.resolution_due)}"
    )
    cli._emit(args, ticket_json(t), text)
    return 0


def report_json(r: ServiceReport) -> dict[str, Any]:
    return {
        "from": r.start,
        "to": r.end,
        "opened": r.opened,
        "resolved": r.resolved,
        "open_overdue": [
            {
                "kind": c.kind.value,
                "priority": c.priority.label,
                "open": c.open,
                "overdue": c.overdue,
            }
            for c in r.counts
        ],
        "median_first_response_hours": r.median_first_response_hours,
        "median_resolution_hours": r.median_resolution_hours,
        "resolved_within_target": r.resolved_within_target,
        "satisfaction": {"average": r.satisfaction_average, "count": r.satisfaction_count},
        "complaints_by_category": [
            {"category": c, "count": n} for c, n in r.complaints_by_category
        ],
    }


def cmd_report_service(args: argparse.Namespace) -> int:
    from crm_desktop import cli
    from crm_desktop.services import tickets

    ws = cli._open(args)
    try:
        r = tickets.service_report(ws, args.start, args.end)
    finally:
        ws.close()

    def num(value: float | None, unit: str = "") -> str:
        return "-" if value is None else f"{value:,.2f}{unit}"

    share = None if r.resolved_within_target is None else r.resolved_within_target * 100
    lines = [
        f"Tickets opened {r.start or 'ever'} to {r.end or 'now'}: {r.opened:,}, "
        f"resolved {r.resolved:,}",
        f"Median first response: {num(r.median_first_response_hours, ' h')}; "
        f"median resolution: {num(r.median_resolution_hours, ' h')}; "
        f"resolved within target: {num(share, ' %')}",
        f"Satisfaction: {num(r.satisfaction_average)} ({r.satisfaction_count:,} scores)",
        "",
        cli._table(
            ["Kind", "Priority", "Open", "Overdue"],
            [[c.kind.value, c.priority.label, f"{c.open:,}", f"{c.overdue:,}"] for c in r.counts],
            {2, 3},
        ),
        "",
        cli._table(
            ["Complaint category", "Tickets"],
            [[c or "-", f"{n:,}"] for c, n in r.complaints_by_category],
            {1},
        ),
    ]
    cli._emit(args, report_json(r), "\n".join(lines))
    return 0
