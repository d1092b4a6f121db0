"""Tickets on a real database file: opening with due times, priority, assignment, replies,
notes, the waiting pause, resolve/close/reopen, the automatic return visit, repair visits in
My tasks, the queues (keyset pages, search with pinyin, overdue) and conflicts."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from crm_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from crm_desktop.domain.records import Change, CompanyData, ContactData, RecordKind
from crm_desktop.domain.service import (
    HOUR,
    Channel,
    EventKind,
    Priority,
    Queue,
    ServiceSettings,
    SlaRule,
    TicketData,
    TicketFilter,
    TicketKind,
    TicketStatus,
)
from crm_desktop.domain.sla import TimeState
from crm_desktop.services import contacts as cs
from crm_desktop.services import service_config as sc
from crm_desktop.services import tickets as tk
from crm_desktop.services import timeline as tl
from crm_desktop.services.workspace import Workspace

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai


def customer(
    ws: Workspace, name: str = "杭州西湖机械有限公司", person: str = "张伟"
) -> tuple[int, int]:
    company = cs.create_company(ws, CompanyData(name=name))
    contact = cs.create_contact(ws, ContactData(name=person, company_id=company.id))
    return company.id, contact.id


def ticket(ws: Workspace, company_id: int, **kw: object) -> TicketData:
    fields: dict[str, object] = {"kind": TicketKind.COMPLAINT, "subject": "Pump leaks"}
    fields.update(kw)
    return TicketData(company_id=company_id, **fields)  # type: ignore[arg-type]


def test_open_computes_due_times_from_the_targets(ws: Workspace) -> None:
    company, contact = customer(ws)
    t = tk.open_ticket(ws, ticket(ws, None, contact_id=contact, priority=Priority.URGENT), now=T0)
    assert t.data.company_id == company  # the contact's company
    assert t.status is TicketStatus.NEW and t.company_name == "杭州西湖机械有限公司"
    assert t.first_response_due == T0 + timedelta(hours=1)
    assert t.resolution_due == T0 + timedelta(hours=8)
    assert t.first_response_left.state is TimeState.OK
    assert [e.kind for e in tk.ticket_timeline(ws, t.id)] == [EventKind.OPENED]


def test_open_needs_a_subject_and_a_customer(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as err:
        tk.open_ticket(ws, TicketData(kind=TicketKind.INQUIRY, subject=" "))
    assert {"subject", "company_id"} <= set(err.value.errors)
    with pytest.raises(ValidationError):
        tk.open_ticket(ws, TicketData(kind=TicketKind.INQUIRY, subject="x", company_id=999))


def test_business_hours_and_the_email_rule(ws: Workspace) -> None:
    company, _ = customer(ws)
    sc.save_service_settings(ws, ServiceSettings(business_hours=True, timezone="Asia/Shanghai"))
    sc.save_sla_rules(
        ws, (*sc.sla_rules(ws), SlaRule(None, None, 12 * HOUR, channel=Channel.EMAIL))
    )
    friday_5pm = datetime(2026, 11, 27, 9, tzinfo=UTC)
    t = tk.open_ticket(
        ws, ticket(ws, company, channel=Channel.EMAIL, priority=Priority.LOW), now=friday_5pm
    )
    # 12 working hours from Friday 17:00: 1 h Friday, 9 h Monday, 2 h Tuesday -> Tue 11:00.
    assert t.first_response_due == datetime(2026, 12, 1, 3, tzinfo=UTC)


def test_priority_change_recomputes_due_times(ws: Workspace, colleague: Workspace) -> None:
    company, _ = customer(ws)
    t = tk.open_ticket(ws, ticket(ws, company), now=T0)
    assert t.resolution_due == T0 + timedelta(hours=72)
    t2 = tk.change_priority(ws, t.id, t.version, Priority.URGENT, now=T0 + timedelta(minutes=5))
    assert t2.resolution_due == T0 + timedelta(hours=8)
    assert t2.first_response_due == T0 + timedelta(hours=1)
    events = tk.ticket_timeline(ws, t.id)
    assert (events[-1].kind, events[-1].old_value, events[-1].new_value) == (
        EventKind.PRIORITY, "normal", "urgent",
    )  # fmt: skip
    with pytest.raises(ConflictError):  # a colleague saving over the newer version
        tk.change_priority(colleague, t.id, t.version, Priority.LOW)


def test_assign_reply_and_note(ws: Workspace, colleague: Workspace) -> None:
    company, contact = customer(ws)
    t = tk.open_ticket(ws, ticket(ws, company, contact_id=contact, channel=Channel.EMAIL), now=T0)
    t = tk.assign(ws, t.id, t.version, colleague.user.id, now=T0)
    assert t.status is TicketStatus.ASSIGNED and t.assignee_name == "Colleague"
    answered = T0 + timedelta(minutes=30)
    t = tk.reply(colleague, t.id, t.version, "We send a new seal.", log_activity=True, now=answered)
    assert t.first_response_at == answered and t.status is TicketStatus.IN_PROGRESS
    assert t.first_response_left.state is TimeState.DONE
    tk.add_note(colleague, t.id, "Seal in stock, ship today")
    events = tk.ticket_timeline(ws, t.id)
    kinds = [e.kind for e in events]
    assert kinds == [EventKind.OPENED, EventKind.ASSIGNED, EventKind.STATUS, EventKind.REPLY,
                     EventKind.STATUS, EventKind.NOTE]  # fmt: skip
    reply = events[3]
    assert reply.user_name == "Colleague" and reply.activity_id is not None
    history = tl.timeline(ws, contact_id=contact)
    assert (
        history[0].data.outcome == "We send a new seal." and history[0].data.kind.value == "email"
    )
    t = tk.assign(ws, t.id, t.version, None)
    assert t.assignee_name is None and t.status is TicketStatus.IN_PROGRESS


def test_waiting_pauses_the_clock(ws: Workspace) -> None:
    company, _ = customer(ws)
    t = tk.open_ticket(ws, ticket(ws, company, priority=Priority.URGENT), now=T0)
    t = tk.set_status(ws, t.id, t.version, TicketStatus.WAITING, now=T0 + timedelta(hours=2))
    assert t.resolution_left.state is TimeState.PAUSED
    assert t.resolution_left.seconds == 6 * HOUR
    late = T0 + timedelta(hours=20)
    assert tk.get_ticket(ws, t.id, now=late).resolution_left.state is TimeState.PAUSED
    assert tk.queue_count(ws, TicketFilter(queue=Queue.OVERDUE), now=late) == 0
    t = tk.set_status(ws, t.id, t.version, TicketStatus.IN_PROGRESS, now=late)
    assert t.paused_seconds == 18 * HOUR
    assert t.resolution_due == T0 + timedelta(hours=26)
    assert t.resolution_left.seconds == 6 * HOUR


def test_resolve_close_reopen(ws: Workspace) -> None:
    company, _ = customer(ws)
    t = tk.open_ticket(ws, ticket(ws, company), now=T0)
    with pytest.raises(ValidationError):
        tk.set_status(ws, t.id, t.version, TicketStatus.CLOSED)
    with pytest.raises(ValidationError):
        tk.set_status(ws, t.id, t.version, TicketStatus.RESOLVED, resolution="x", satisfaction=9)
    done = T0 + timedelta(hours=5)
    t = tk.set_status(
        ws, t.id, t.version, TicketStatus.RESOLVED, resolution="Seal replaced", now=done
    )
    assert t.resolved_at == done and t.resolution_left.state is TimeState.DONE
    t = tk.set_status(ws, t.id, t.version, TicketStatus.CLOSED, satisfaction=4, now=done)
    assert t.closed_at == done and t.satisfaction == 4 and t.resolution == "Seal replaced"
    reopened = T0 + timedelta(days=10)
    t = tk.set_status(ws, t.id, t.version, TicketStatus.REOPENED, now=reopened)
    assert t.resolved_at is None and t.closed_at is None and t.status.is_open
    assert t.resolution_due == reopened + timedelta(hours=72)
    statuses = [
        (e.old_value, e.new_value) for e in tk.ticket_timeline(ws, t.id)
        if e.kind is EventKind.STATUS
    ]  # fmt: skip
    assert statuses == [("new", "resolved"), ("resolved", "closed"), ("closed", "reopened")]


def test_a_resolved_complaint_gets_its_return_visit(ws: Workspace) -> None:
    company, _ = customer(ws)
    sc.save_service_settings(ws, ServiceSettings(return_visit_days=7))
    t = tk.open_ticket(ws, ticket(ws, company, subject="产品漏油"), now=T0)
    inquiry = tk.open_ticket(ws, ticket(ws, company, kind=TicketKind.INQUIRY), now=T0)
    tk.set_status(ws, inquiry.id, inquiry.version, TicketStatus.RESOLVED, resolution="ok", now=T0)
    seen: list[Change] = []
    ws.events.subscribe(seen.append)
    t = tk.set_status(ws, t.id, t.version, TicketStatus.RESOLVED, resolution="换密封圈", now=T0)
    visits = tk.queue(ws, TicketFilter(queue=Queue.ALL, kind=TicketKind.VISIT), now=T0).rows
    assert len(visits) == 1
    visit = tk.get_ticket(ws, visits[0].id, now=T0)
    assert visit.follow_up_of == t.id and visit.data.subject == "回访：产品漏油"
    assert visit.opened_at == T0 + timedelta(days=7) and visit.data.category == "投诉回访"
    assert seen[-1].kind is RecordKind.TICKET and set(seen[-1].ids) == {t.id, visit.id}
    # Closing it after resolving makes no second one.
    tk.set_status(ws, t.id, t.version, TicketStatus.CLOSED, now=T0)
    assert tk.queue_count(ws, TicketFilter(queue=Queue.ALL, kind=TicketKind.VISIT)) == 1


def test_a_repair_visit_is_the_technicians_task(ws: Workspace, colleague: Workspace) -> None:
    company, contact = customer(ws)
    sc.save_service_settings(ws, ServiceSettings(business_hours=True, timezone="Asia/Shanghai"))
    t = tk.open_ticket(ws, ticket(ws, company, kind=TicketKind.REPAIR, contact_id=contact))
    when = datetime(2026, 12, 3, 6, 30, tzinfo=UTC)  # 14:30 in Shanghai
    visit = tk.schedule_visit(ws, t.id, when, colleague.user.id, "bring the seal kit")
    assert visit.technician_name == "Colleague" and visit.at == when
    tasks = tl.my_tasks(colleague, date(2026, 12, 3))
    assert [(x.id, x.data.due_date) for x in tasks] == [(visit.task_id, date(2026, 12, 3))]
    assert "14:30" in tasks[0].data.title and tasks[0].contact_name == "张伟"
    assert tk.ticket_timeline(ws, t.id)[-1].kind is EventKind.VISIT
    complaint = tk.open_ticket(ws, ticket(ws, company))
    with pytest.raises(ValidationError):
        tk.schedule_visit(ws, complaint.id, when, colleague.user.id)


def test_queues_mine_unassigned_overdue_and_kinds(ws: Workspace, colleague: Workspace) -> None:
    company, _ = customer(ws)
    mine = tk.open_ticket(
        ws, ticket(ws, company, assignee_id=ws.user.id, priority=Priority.URGENT), now=T0
    )
    tk.open_ticket(ws, ticket(ws, company, kind=TicketKind.INQUIRY, subject="Price list"), now=T0)
    theirs = tk.open_ticket(
        ws, ticket(ws, company, assignee_id=colleague.user.id, kind=TicketKind.REPAIR), now=T0
    )
    assert mine.status is TicketStatus.ASSIGNED
    late = T0 + timedelta(hours=9)  # urgent: 8 h resolution; others: first response 8 h
    ids = lambda q, **kw: [r.id for r in tk.queue(ws, TicketFilter(queue=q, **kw), now=late).rows]  # noqa: E731
    assert ids(Queue.MINE) == [mine.id]
    assert len(ids(Queue.UNASSIGNED)) == 1
    assert ids(Queue.OPEN, kind=TicketKind.REPAIR) == [theirs.id]
    assert set(ids(Queue.OVERDUE)) == {mine.id, theirs.id} | set(ids(Queue.UNASSIGNED))
    assert tk.my_overdue_count(ws, now=late) == 1
    assert tk.my_next_due(ws, now=T0) == T0 + timedelta(hours=1)  # urgent: first response
    assert tk.my_next_due(ws, now=late) is None  # nothing of mine still ahead
    assert tk.my_overdue_count(ws, now=T0 + timedelta(minutes=30)) == 0
    row = tk.queue(ws, TicketFilter(queue=Queue.MINE), now=late).rows[0]
    assert row.time_left.state is TimeState.OVERDUE
    amber = tk.queue(ws, TicketFilter(queue=Queue.MINE), now=T0 + timedelta(minutes=50)).rows[0]
    assert amber.time_left.state is TimeState.AMBER  # 10 of 60 minutes to the first response
    tk.reply(ws, mine.id, mine.version, "On it", now=late)
    assert ids(Queue.MINE, status=TicketStatus.IN_PROGRESS) == [mine.id]


def test_queue_pages_and_sorts_by_keyset(ws: Workspace) -> None:
    company, _ = customer(ws)
    made = [
        tk.open_ticket(
            ws, ticket(ws, company, subject=f"Ticket {i}", priority=Priority(i % 4)),
            now=T0 + timedelta(minutes=i),
        ).id
        for i in range(25)
    ]  # fmt: skip
    seen: list[int] = []
    cursor = None
    flt = TicketFilter(queue=Queue.ALL, sort="opened", descending=True)
    while True:
        page = tk.queue(ws, flt, cursor, 10, now=T0)
        seen.extend(r.id for r in page.rows)
        cursor = page.cursor
        if not page.has_more:
            break
    assert seen == made[::-1]
    by_priority = tk.queue(
        ws, TicketFilter(queue=Queue.ALL, sort="priority", descending=True), now=T0
    )
    assert [r.priority for r in by_priority.rows[:7]] == [Priority.URGENT] * 6 + [Priority.HIGH]
    assert tk.queue_count(ws, TicketFilter(queue=Queue.ALL)) == 25


def test_queue_search_chinese_english_pinyin(ws: Workspace) -> None:
    hz, zhang = customer(ws)
    other, _ = customer(ws, "Acme Tools", "John Smith")
    a = tk.open_ticket(ws, ticket(ws, hz, subject="设备漏油", contact_id=zhang), now=T0)
    b = tk.open_ticket(ws, ticket(ws, other, subject="Invoice is wrong"), now=T0)

    def found(text: str) -> list[int]:
        return [r.id for r in tk.queue(ws, TicketFilter(queue=Queue.ALL, search=text), now=T0).rows]

    assert found("漏油") == [a.id]
    assert found("杭州") == [a.id]
    assert found("hangzhou") == [a.id]
    assert found("zhang") == [a.id]  # the contact's name in pinyin
    assert found("invoice") == [b.id]
    assert found("acme") == [b.id]
    assert found("%") == []


def test_customer_tickets_and_trash(ws: Workspace) -> None:
    company, contact = customer(ws)
    other, _ = customer(ws, "Other", "Bob")
    a = tk.open_ticket(ws, ticket(ws, company, contact_id=contact), now=T0)
    b = tk.open_ticket(ws, ticket(ws, company), now=T0 + timedelta(hours=1))
    tk.open_ticket(ws, ticket(ws, other), now=T0)
    assert [r.id for r in tk.customer_tickets(ws, company_id=company)] == [b.id, a.id]
    assert [r.id for r in tk.customer_tickets(ws, contact_id=contact)] == [a.id]
    assert tk.delete_tickets(ws, [a.id]) == [a.id]
    assert [r.id for r in tk.customer_tickets(ws, company_id=company)] == [b.id]
    with pytest.raises(NotFoundError):
        tk.get_ticket(ws, a.id)
    assert tk.restore_tickets(ws, [a.id]) == [a.id]


def test_update_details_and_search_follows(ws: Workspace) -> None:
    company, _ = customer(ws)
    t = tk.open_ticket(ws, ticket(ws, company), now=T0)
    changed = tk.update_ticket(
        ws, t.id, t.version, ticket(ws, company, subject="Motor noise", category="Product quality")
    )
    assert changed.data.subject == "Motor noise" and changed.version == t.version + 1
    flt = TicketFilter(queue=Queue.ALL, search="motor")
    assert [r.id for r in tk.queue(ws, flt).rows] == [t.id]


def test_categories_and_rules_settings(ws: Workspace) -> None:
    assert sc.categories(ws, TicketKind.COMPLAINT) == [
        "Product quality", "Delivery", "Billing", "Service attitude",
    ]  # fmt: skip
    assert sc.categories(ws, TicketKind.COMPLAINT, "zh_CN")[0] == "产品质量"
    assert sc.save_categories(ws, TicketKind.COMPLAINT, ["Packaging", " Packaging", "Delivery"]) == [
        "Packaging", "Delivery",
    ]  # fmt: skip
    assert sc.categories(ws, TicketKind.COMPLAINT, "zh_CN") == ["Packaging", "Delivery"]
    with pytest.raises(ValidationError):
        sc.save_sla_rules(ws, (SlaRule(TicketKind.INQUIRY, Priority.LOW, HOUR, 0),))
    with pytest.raises(ValidationError):
        sc.save_service_settings(
            ws, ServiceSettings(business_hours=True, work_start=time(18), work_end=time(9))
        )
    s = ServiceSettings(business_hours=True, holidays=frozenset({date(2027, 2, 17)}),
                        timezone="Asia/Shanghai", return_visit_days=3)  # fmt: skip
    sc.save_service_settings(ws, s)
    assert sc.service_settings(ws) == s
