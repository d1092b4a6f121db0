"""Demo data of the pipeline and of sales: what the Pipeline tab and the reports will show."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest

from crm_desktop.domain.errors import Cancelled, CrmError
from crm_desktop.domain.pipeline import (
    BoardFilter,
    LeadStatus,
    OrderFilter,
    OrderKind,
    OrderStatus,
    Outcome,
)
from crm_desktop.domain.validation import validate_lead, validate_opportunity, validate_product
from crm_desktop.services import demo, pipeline, sales

PIPELINE_TABLES = (
    "stages",
    "lost_reasons",
    "leads",
    "opportunities",
    "stage_history",
    "products",
    "orders",
    "order_lines",
    "payments",
    "companies",
    "contacts",
)


def counts(ws) -> dict[str, int]:
    with ws.reading() as uow:
        return uow.ctx.counts(PIPELINE_TABLES)


def all_orders(ws, kind: OrderKind | None = None):
    return sales.orders(ws, OrderFilter(kind=kind), limit=1_000_000)


def test_deals_in_every_stage_with_their_history(ws) -> None:
    summary = demo.make_demo(ws, 400, seed=1)
    assert summary.opportunities == 60 and summary.leads == 50
    funnel = pipeline.funnel(ws)
    assert [r.stage for r in funnel] == ["初步接洽", "需求确认", "方案报价", "谈判", "赢单", "输单"]
    assert all(r.count > 0 for r in funnel), funnel
    today = date.today()
    open_deals = pipeline.opportunity_list(ws, BoardFilter(), Outcome.OPEN)
    # Open deals close over the coming months; some next steps are overdue.
    assert all(
        d.data.close_date and d.data.close_date >= today - timedelta(days=10) for d in open_deals
    )
    assert max(d.data.close_date for d in open_deals) > today + timedelta(days=90)  # type: ignore[operator]
    assert any(d.next_step_overdue(today) for d in open_deals)
    assert any(not d.next_step_overdue(today) for d in open_deals)
    won = pipeline.opportunity_list(ws, BoardFilter(), Outcome.WON)
    lost = pipeline.opportunity_list(ws, BoardFilter(), Outcome.LOST)
    reasons = set(pipeline.lost_reasons(ws))
    assert won and lost
    assert all(d.data.lost_reason in reasons for d in lost)
    assert all(d.closed_at is not None and d.closed_at.date() < today for d in won + lost)
    for deal in open_deals + won + lost:
        validate_opportunity(deal.data)  # each opens and saves unchanged in the form
        stays = pipeline.stage_history(ws, deal.id)
        assert stays[-1].stage_name == deal.stage_name and stays[-1].left_at is None
        for before, after in pairwise(stays):
            assert before.left_at == after.entered_at
            assert before.entered_at < after.entered_at
        assert stays[-1].entered_at == deal.stage_entered_at
        if deal.outcome is not Outcome.OPEN:
            assert deal.closed_at == stays[-1].entered_at
            assert len(stays) >= 2  # a deal is won or lost after it was worked on


def test_leads_some_converted_into_deals_at_their_customer(ws) -> None:
    demo.make_demo(ws, 400, seed=2)
    statuses = {s: pipeline.leads(ws, status=s) for s in LeadStatus}
    assert all(statuses[s] for s in LeadStatus), {s: len(v) for s, v in statuses.items()}
    for lead in statuses[LeadStatus.CONVERTED]:
        assert lead.opportunity_id is not None and lead.converted_at is not None
        deal = pipeline.get_opportunity(ws, lead.opportunity_id)
        assert deal.lead_id == lead.id
        assert (deal.data.company_id, deal.data.contact_id) == (lead.company_id, lead.contact_id)
        assert lead.created_at < lead.converted_at
    for lead in statuses[LeadStatus.NEW] + statuses[LeadStatus.CONTACTED]:
        validate_lead(lead.data, ws.phone_region)
    # The search of the leads list finds them by pinyin or name as it finds contacts.
    some = statuses[LeadStatus.NEW][0]
    assert some.id in [x.id for x in pipeline.leads(ws, some.data.name)]


def test_orders_total_their_lines_and_payments_never_exceed_them(ws) -> None:
    summary = demo.make_demo(ws, 200, seed=3)
    assert summary.order_lines == 50 * demo.demo_sales.LINES_PER_COMPANY
    assert 30 <= len(sales.products(ws)) <= 80
    for product in sales.products(ws):
        validate_product(product.data)
    rows = all_orders(ws)
    assert len(rows) == summary.orders + summary.quotes
    lines = 0
    for row in rows:
        order = sales.get_order(ws, row.id)
        assert 1 <= len(order.data.lines) <= 6
        lines += len(order.data.lines)
        assert order.total == sum(line.amount for line in order.data.lines)
        assert order.total == order.total.quantize(Decimal("0.01")) > 0
        paid = sum((p.data.amount for p in sales.payments(ws, row.id)), Decimal("0.00"))
        assert order.paid == paid <= order.total
        if order.data.kind is OrderKind.ORDER:
            assert order.data.due_date is not None and order.data.due_date >= order.data.order_date
        else:
            assert paid == 0
        if order.data.status is OrderStatus.CANCELLED:
            assert paid == 0
        if order.quote_id is not None:  # a quote the customer accepted, same lines
            quote = sales.get_order(ws, order.quote_id)
            assert quote.data.status is OrderStatus.ACCEPTED
            assert quote.total == order.total and quote.data.order_date <= order.data.order_date
    assert lines == summary.order_lines
    kinds = Counter((r.kind, r.status) for r in rows)
    assert kinds[(OrderKind.QUOTE, OrderStatus.ACCEPTED)] > 0
    today = date.today()
    orders = [r for r in rows if r.kind is OrderKind.ORDER]
    fully = sum(r.paid == r.total for r in orders)
    partly = sum(0 < r.paid < r.total for r in orders)
    assert fully > len(orders) / 2 and partly > 0
    assert any(r.overdue(today) for r in orders)
    receivables = sales.receivables(ws, today)
    assert receivables and receivables[0].overdue > 0


def test_won_deals_have_their_order(ws) -> None:
    demo.make_demo(ws, 400, seed=4)
    won = {d.id: d for d in pipeline.opportunity_list(ws, BoardFilter(), Outcome.WON)}
    linked = set()
    for row in all_orders(ws, OrderKind.ORDER):
        if row.company_name not in {d.company_name for d in won.values()}:
            continue
        order = sales.get_order(ws, row.id)
        deal = won.get(order.data.opportunity_id or 0)
        if deal is not None:
            linked.add(deal.id)
            assert order.total == deal.data.amount
            assert order.data.company_id == deal.data.company_id
            assert order.data.order_date >= deal.data.close_date  # type: ignore[operator]
    assert len(linked) > len(won) / 2


def test_orders_spread_over_24_months_with_seasons(ws) -> None:
    summary = demo.make_demo(ws, 0, seed=5)
    assert summary.order_lines == 0  # nothing to sell to, nothing asked for
    demo.make_demo(ws, 800, seed=5, locale="zh_CN")
    today = date.today()
    orders = all_orders(ws, OrderKind.ORDER)
    dates = [o.order_date for o in orders]
    assert min(dates) >= today - timedelta(days=730) and max(dates) <= today
    months = Counter(d.strftime("%Y-%m") for d in dates)
    assert len(months) >= 24
    by_month = Counter(d.month for d in dates)
    assert by_month[11] + by_month[12] > by_month[2] * 2  # Q4 strong, Chinese New Year weak
    # Numbers run with the dates, per kind and year.
    for year in {d.year for d in dates}:
        same = sorted((o for o in orders if o.order_date.year == year), key=lambda o: o.number)
        assert [o.order_date for o in same] == sorted(o.order_date for o in same)
        assert same[0].number.startswith(f"SO{year}-")


def test_demo_orders_adds_exactly_n_lines_to_an_existing_demo(ws) -> None:
    demo.make_demo(ws, 100, seed=6)
    before = counts(ws)
    summary = demo.make_demo(ws, 0, seed=7, orders=5_000)
    after = counts(ws)
    assert summary.order_lines == 5_000
    assert after["order_lines"] - before["order_lines"] == 5_000
    assert after["orders"] - before["orders"] == summary.orders + summary.quotes
    # Sold to the customers there, from the catalogue there: nothing else added.
    for table in ("companies", "contacts", "products", "opportunities", "leads", "stages"):
        assert after[table] == before[table], table
    # Numbers go on from those already given.
    numbers = [o.number for o in all_orders(ws)]
    assert len(numbers) == len(set(numbers))


def test_demo_orders_needs_customers(ws) -> None:
    with pytest.raises(CrmError):
        demo.make_demo(ws, 0, orders=10)
    assert counts(ws)["orders"] == 0
    with pytest.raises(CrmError):
        demo.make_demo(ws, 10, orders=-1)


def test_cancel_of_orders_leaves_the_database_as_it_was(ws) -> None:
    demo.make_demo(ws, 40, seed=8)
    before = counts(ws)
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 2  # after two batches of lines are written

    with pytest.raises(Cancelled):
        demo.make_demo(ws, 0, seed=9, orders=100_000, cancelled=cancelled)
    assert calls["n"] == 3
    assert counts(ws) == before


def test_stage_language_and_currency_follow_the_locale(ws) -> None:
    demo.make_demo(ws, 40, seed=10, locale="en")
    assert [s.name for s in pipeline.stages(ws)] == [
        "Prospect",
        "Qualified",
        "Proposal",
        "Negotiation",
        "Won",
        "Lost",
    ]
    assert {o.currency for o in all_orders(ws)} == {"USD"}
    assert all(p.data.unit in {"pcs", "set", "unit", "reel", "job", "box", "drum", "dozen",
                               "year", "day", "roll"} for p in sales.products(ws))  # fmt: skip
    # A second demo keeps the stages, catalogue and currency it finds.
    demo.make_demo(ws, 40, seed=11, locale="zh_CN")
    assert len(pipeline.stages(ws)) == 6
    assert {o.currency for o in all_orders(ws)} == {"USD"}
    assert len(sales.products(ws)) == len({p.data.code for p in sales.products(ws)})


def test_mixed_demo_with_english_stages(ws) -> None:
    demo.make_demo(ws, 40, seed=12, language="en")
    assert pipeline.stages(ws)[0].name == "Prospect"
    assert {o.currency for o in all_orders(ws)} == {"CNY"}


def test_same_seed_same_sales(tmp_path) -> None:
    from crm_desktop.services.workspace import open_workspace

    seen = []
    for n in (1, 2):
        w = open_workspace(tmp_path / f"{n}.db", "Tester")
        try:
            demo.make_demo(w, 60, seed=99)
            seen.append([(o.number, o.company_name, o.total, o.paid) for o in all_orders(w)])
        finally:
            w.close()
    assert seen[0] == seen[1]


def test_number_of_deals_can_be_given(ws) -> None:
    """How a benchmark fills the board: 40 companies, 400 deals, about half of them open."""
    summary = demo.make_demo(ws, 160, seed=13, deals=400, orders=0)
    assert summary.opportunities == 400 and summary.order_lines == 0
    columns = pipeline.board(ws, BoardFilter(), date.today())
    open_cards = sum(c.count for c in columns if c.stage.is_open)
    assert 150 < open_cards < 250
    with pytest.raises(CrmError):
        demo.make_demo(ws, 10, deals=-1)
