"""Demo service data: tickets of every kind and status over 12 months, some overdue, some
scored; categories and articles in both languages; found by the queues and the search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crm_desktop.domain.service import Queue, TicketFilter, TicketKind, TicketStatus
from crm_desktop.services import demo, demo_service, knowledge, maintenance
from crm_desktop.services import service_config as sc
from crm_desktop.services import tickets as tk
from crm_desktop.services.workspace import Workspace


def test_demo_makes_tickets_of_every_kind_and_status(ws: Workspace) -> None:
    summary = demo.make_demo(ws, 2000, seed=21)
    assert summary.tickets == 500 and summary.articles == len(demo_service.ARTICLES)
    assert summary.ticket_events > summary.tickets
    assert maintenance.check(ws).counts["tickets"] == 500
    for kind in TicketKind:
        assert tk.queue_count(ws, TicketFilter(queue=Queue.ALL, kind=kind)) > 0, kind
    for status in TicketStatus:
        assert tk.queue_count(ws, TicketFilter(queue=Queue.ALL, status=status)) > 0, status
    assert tk.queue_count(ws, TicketFilter(queue=Queue.OVERDUE)) > 0
    report = tk.service_report(ws)
    assert report.satisfaction_count > 0 and report.resolved > 0
    oldest = tk.queue(ws, TicketFilter(queue=Queue.ALL, sort="opened"), limit=1).rows[0]
    assert oldest.opened_at > datetime.now(UTC) - timedelta(days=366)
    assert oldest.opened_at < datetime.now(UTC) - timedelta(days=200)
    # Categories were configured in the demo's language; articles are in both.
    assert sc.categories(ws, TicketKind.COMPLAINT)[0] == "产品质量"
    assert {a.data.language for a in knowledge.search_articles(ws)} == {"en", "zh_CN"}
    assert knowledge.search_articles(ws, "密封圈")[0].data.language == "zh_CN"
    assert knowledge.search_articles(ws, "seal")[0].data.language == "en"
    # A second demo adds tickets, not the articles again.
    again = demo.make_demo(ws, 40, seed=22)
    assert again.tickets == 10 and again.articles == 0


def test_tickets_for_a_benchmark(ws: Workspace) -> None:
    demo.make_demo(ws, 40, seed=23)
    made = demo_service.add_demo_tickets(ws, 300, seed=1)
    assert made.tickets == 300
    assert tk.queue_count(ws, TicketFilter(queue=Queue.ALL)) == 310
    page = tk.queue(ws, TicketFilter(queue=Queue.ALL, search="漏水"))
    assert all("漏水" in r.subject for r in page.rows)
