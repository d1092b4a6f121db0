"""Sales, profit, receivables, ABC, RFM and retention against hand-computed data
(tests/unit/reports_data.py), grade write-back and its undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.pipeline import LineData, OrderData, OrderKind
from crm_desktop.domain.records import CompanyData, Grade
from crm_desktop.domain.reports import (
    AbcBasis,
    Dimension,
    Figures,
    Grain,
    ReportFilter,
    Segment,
    quintile,
    rfm_segment,
)
from crm_desktop.services import contacts as cs
from crm_desktop.services import reports as rs
from crm_desktop.services import sales as ss
from crm_desktop.services.workspace import Workspace
from tests.unit.reports_data import END, YEAR, Sales, build

D = Decimal


@pytest.fixture
def data(ws: Workspace) -> Sales:
    return build(ws)


def check_sales(ws: Workspace, s: Sales) -> None:
    """The sales and profit checks (run on PostgreSQL too)."""
    months = rs.sales(ws, replace(YEAR, currency="CNY"), Grain.MONTH)
    assert [(r.key, r.orders, r.figures.revenue) for r in months] == [
        ("2025-03", 1, D("1000.00")),
        ("2025-04", 1, D("500.00")),
        ("2025-05", 1, D("250.00")),
        ("2025-06", 1, D("100.00")),
    ]
    march = months[0]
    assert march.last_year is not None and march.last_year.revenue == D("800.00")
    assert march.received == D("1000.00") and months[1].received == D("0.00")
    quarters = rs.sales(ws, YEAR, Grain.QUARTER)
    assert [(r.key, r.currency, r.figures.revenue) for r in quarters] == [
        ("2025-Q1", "CNY", D("1000.00")),
        ("2025-Q2", "CNY", D("850.00")),
        ("2025-Q3", "USD", D("700.00")),
    ]
    assert quarters[0].last_year == Figures(D("800.00"), D("0.00"), D("800.00"), 1)
    years = rs.sales(ws, ReportFilter(currency="CNY"), Grain.YEAR)
    assert [(r.key, r.figures.revenue) for r in years] == [
        ("2024", D("800.00")),
        ("2025", D("1850.00")),
    ]
    by_customer = {r.label: r for r in rs.sales(ws, YEAR, Dimension.CUSTOMER)}
    assert set(by_customer) == {"甲", "乙", "丙", "Foreign Ltd"}  # 戊 is in the Trash
    jia = by_customer["甲"].figures
    assert (jia.revenue, jia.cost, jia.uncosted_revenue, jia.uncosted_lines) == (
        D("1100.00"), D("600.00"), D("100.00"), 1,
    )  # fmt: skip
    assert jia.profit == D("400.00") and jia.margin == 0.4  # of the costed 1,000 only
    assert by_customer["丙"].figures.profit == D("-50.00")
    assert by_customer["丙"].figures.margin == -0.2
    usd = by_customer["Foreign Ltd"]
    assert usd.currency == "USD" and usd.figures.margin is None  # no cost known: no margin
    products = rs.sales(ws, YEAR, Dimension.PRODUCT)
    assert [(r.label, r.orders, r.figures.revenue, r.figures.cost) for r in products] == [
        ("泵", 3, D("1750.00"), D("1200.00")),
        ("阀", 1, D("100.00"), D("0.00")),
        ("", 1, D("700.00"), D("0.00")),
    ]
    assert products[1].figures.uncosted_lines == 1 and products[1].figures.margin is None
    categories = rs.sales(ws, replace(YEAR, currency="CNY"), Dimension.CATEGORY)
    assert [(r.label, r.figures.profit) for r in categories] == [
        ("泵类", D("550.00")),
        ("阀类", D("0.00")),
    ]
    regions = rs.sales(ws, replace(YEAR, currency="CNY"), Dimension.REGION)
    assert [(r.label, r.figures.revenue) for r in regions] == [
        ("华东", D("1350.00")),
        ("华北", D("500.00")),
    ]
    industry = rs.sales(ws, replace(YEAR, industry="制造"), Dimension.INDUSTRY)
    assert [(r.label, r.figures.revenue) for r in industry] == [("制造", D("1600.00"))]
    owners = rs.sales(ws, replace(YEAR, currency="CNY"), Dimension.OWNER)
    assert [(r.label, r.figures.revenue) for r in owners] == [("Tester", D("1850.00"))]
    grades = rs.sales(ws, replace(YEAR, currency="CNY"), Dimension.GRADE)
    assert [(r.label, r.figures.revenue) for r in grades] == [
        ("", D("1350.00")),
        ("A", D("500.00")),
    ]
    top = rs.top_customers(ws, YEAR, by_profit=True)
    assert [r.label for r in top] == ["甲", "乙", "丙"]
    assert [r.label for r in rs.negative_margin_customers(ws, YEAR)] == ["丙"]


def check_receivables(ws: Workspace, s: Sales) -> None:
    cny, usd = rs.ageing(ws, ReportFilter(), END)
    assert (cny.currency, cny.not_due, cny.days_0_30, cny.days_31_60, cny.over_90) == (
        "CNY",
        D("1050.00"),
        D("100.00"),
        D("0.00"),
        D("500.00"),
    )  # fmt: skip (丙's order and the one of 2024 have no due date: not due, as in the lists)
    assert cny.total == D("1650.00") and cny.orders == 4
    assert (usd.currency, usd.days_31_60, usd.total) == ("USD", D("700.00"), D("700.00"))
    (paid,) = rs.days_to_pay(ws, YEAR)
    assert (paid.name, paid.orders, paid.days_to_pay, paid.days_late) == ("甲", 1, 10.0, -20.0)


def check_abc_and_rfm(ws: Workspace, s: Sales) -> None:
    result = rs.abc(ws, YEAR)
    assert result.currency == "CNY" and result.total == D("1850.00")
    rows = [
        (c.name, c.value, c.share, c.cumulative_share, c.cls, c.no_sales) for c in result.customers
    ]
    assert rows == [
        ("甲", D("1100.00"), 0.5946, 0.5946, "A", False),
        ("乙", D("500.00"), 0.2703, 0.8649, "A", False),  # crosses 80 %: still A
        ("丙", D("250.00"), 0.1351, 1.0, "B", False),
        ("丁", D("0.00"), 0.0, 1.0, "C", True),  # no sales in the period
        ("Foreign Ltd", D("0.00"), 0.0, 1.0, "C", True),  # none in CNY (names by pinyin)
    ]
    assert [(k.cls, k.customers, k.value, k.share) for k in result.classes] == [
        ("A", 2, D("1600.00"), 0.8649),
        ("B", 1, D("250.00"), 0.1351),
        ("C", 2, D("0.00"), 0.0),
    ]
    payments = rs.abc(ws, YEAR, AbcBasis.PAYMENTS)
    assert [(c.name, c.value, c.cls) for c in payments.customers if not c.no_sales] == [
        ("甲", D("1000.00"), "A")
    ]
    usd = rs.abc(ws, replace(YEAR, currency="USD"))
    assert [(c.name, c.cls) for c in usd.customers if not c.no_sales] == [("Foreign Ltd", "A")]
    rfm = rs.rfm(ws, replace(YEAR, currency="CNY"), date(2026, 6, 1))
    assert rfm.end == END
    got = {c.name: (c.recency_days, c.frequency, c.monetary, c.r, c.f, c.m, c.segment)
           for c in rfm.customers}  # fmt: skip
    assert got == {
        "甲": (213, 2, D("1100.00"), 4, 4, 4, Segment.CHAMPIONS),
        "乙": (274, 1, D("500.00"), 1, 1, 2, Segment.LOST),
        "丙": (244, 1, D("250.00"), 2, 1, 1, Segment.HIBERNATING),
    }
    totals = {t.segment: (t.customers, t.revenue) for t in rfm.segments}
    assert totals[Segment.CHAMPIONS] == (1, D("1100.00")) and totals[Segment.LOYAL] == (0, 0)
    assert rfm.customer_ids(Segment.LOST) == (s.yi,)


def test_sales_and_profit_by_period_and_group(ws: Workspace, data: Sales) -> None:
    check_sales(ws, data)


def test_receivables_ageing_and_days_to_pay(ws: Workspace, data: Sales) -> None:
    check_receivables(ws, data)


def test_abc_and_rfm_by_hand(ws: Workspace, data: Sales) -> None:
    check_abc_and_rfm(ws, data)


def test_abc_by_profit_ranks_losses_last(ws: Workspace, data: Sales) -> None:
    # profit: 甲 400, 乙 200, 丙 -50: total 600; 乙 has 400 (66.7 %) before it: A
    result = rs.abc(ws, YEAR, AbcBasis.PROFIT)
    assert [(c.name, c.value, c.cls) for c in result.customers] == [
        ("甲", D("400.00"), "A"),
        ("乙", D("200.00"), "A"),
        ("丙", D("-50.00"), "C"),
        ("丁", D("0.00"), "C"),
        ("Foreign Ltd", D("0.00"), "C"),
    ]
    assert result.total == D("600.00")


def _company_orders(ws: Workspace, amounts: dict[str, str], on: date = date(2025, 2, 1)) -> None:
    for name, amount in amounts.items():
        cid = cs.create_company(ws, CompanyData(name=name)).id
        if amount != "0":
            ss.create_order(
                ws, OrderData(OrderKind.ORDER, cid, on, (LineData("x", D(1), D(amount)),))
            )


def test_abc_ties_at_a_cut_off_share_the_class(ws: Workspace) -> None:
    # X 700, Y 150, Z 150: Y and Z both have 700 (70 %) before them: both A, though Z's
    # cumulative share is 100 %.
    _company_orders(ws, {"X": "700", "Y": "150", "Z": "150", "W": "0"})
    result = rs.abc(ws, YEAR)
    assert [(c.name, c.cumulative_share, c.cls) for c in result.customers] == [
        ("X", 0.7, "A"),
        ("Y", 0.85, "A"),
        ("Z", 1.0, "A"),
        ("W", 1.0, "C"),
    ]
    strict = rs.abc(ws, YEAR, cutoffs=("0.5", "0.9"))  # X crosses 50 %: A; Y, Z tie: B
    assert [c.cls for c in strict.customers] == ["A", "B", "B", "C"]
    with pytest.raises(ValidationError):
        rs.abc(ws, YEAR, cutoffs=("0.95", "0.8"))


def test_abc_one_customer_and_an_empty_period(ws: Workspace) -> None:
    _company_orders(ws, {"Solo": "500"})
    (solo,) = rs.abc(ws, YEAR).customers
    assert (solo.cls, solo.share, solo.cumulative_share) == ("A", 1.0, 1.0)
    empty = rs.abc(ws, ReportFilter(date(2026, 1, 1), date(2026, 12, 31)))
    assert empty.total == D("0.00") and [(c.cls, c.no_sales) for c in empty.customers] == [
        ("C", True)
    ]
    assert rs.rfm(ws, ReportFilter(date(2026, 1, 1), date(2026, 12, 31)), END).customers == ()


def test_apply_grades_writes_audited_and_undo_takes_them_back(
    ws: Workspace, colleague: Workspace, data: Sales
) -> None:
    seen: list[object] = []
    ws.events.subscribe(seen.append)
    result = rs.abc(ws, YEAR)
    applied = rs.apply_grades(ws, result, origin="tab")
    assert applied.unchanged == 1  # 乙 was A already
    assert {(c.company_id, c.old, c.new) for c in applied.changes} == {
        (data.jia, None, "A"), (data.bing, None, "B"), (data.ding, None, "C"),
        (data.foreign, None, "C"),  # no CNY sales
    }  # fmt: skip
    assert cs.get_company(ws, data.bing).data.grade is Grade.B
    assert len(seen) == 1  # one Change for the one transaction
    # A colleague edits 丁 meanwhile: the undo leaves that record as the colleague made it.
    ding = cs.get_company(colleague, data.ding)
    cs.update_company(colleague, ding.id, ding.stamp.version, replace(ding.data, city="广州"))
    undone = rs.undo_grades(ws, applied.changes)
    assert (undone.restored, undone.kept) == (3, (data.ding,))
    assert cs.get_company(ws, data.jia).data.grade is None
    assert cs.get_company(ws, data.bing).data.grade is None
    assert cs.get_company(ws, data.ding).data.grade is Grade.C
    with ws.reading() as uow:
        from sqlalchemy import text

        entries = uow.ctx.session.execute(
            text("SELECT changes FROM audit_log WHERE entity = 'company' AND entity_id = :i "
                 "ORDER BY id"), {"i": data.jia},
        ).scalars().all()  # fmt: skip
    assert entries[-2:] == ['{"grade": [null, "A"]}', '{"grade": ["A", null]}']


def test_retention_and_lapsed_customers(ws: Workspace, data: Sales) -> None:
    kept = rs.retention(ws, YEAR, END)
    assert (kept.previous, kept.retained, kept.new, kept.lost) == (1, 1, 2, 0)
    # Buys every 10 days, then nothing since 11 January: lapsed at the year's end.
    regular = cs.create_company(ws, CompanyData(name="常客")).id
    for day in (date(2025, 1, 1), date(2025, 1, 11)):
        ss.create_order(ws, OrderData(OrderKind.ORDER, regular, day, (LineData("x", D(1), D(5)),)))
    lapsed = rs.retention(ws, YEAR, END).lapsed
    assert [(x.name, x.usual_days, x.days_since) for x in lapsed] == [("常客", 10.0, 354)]


def test_scores_and_segments_are_total_and_deterministic() -> None:
    assert [quintile(r, 1, 10) for r in range(1, 11)] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert quintile(1, 1, 1) == 1 and [quintile(r, 1, 3) for r in (1, 2, 3)] == [1, 2, 4]
    # 6 of 10 tied at the top (ranks 5-10): all score as their middle place, 7.5 -> 4
    assert quintile(5, 6, 10) == 4 and quintile(1, 6, 10) == 2  # 6 tied at the bottom
    names = {rfm_segment(r, f, m) for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)}
    assert names == set(Segment)


def test_product_cost_is_kept_when_sold(ws: Workspace, data: Sales) -> None:
    pump = ss.get_product(ws, data.pump)
    ss.update_product(ws, pump.id, pump.version, replace(pump.data, cost_price=D("90")))
    by_product = rs.sales(ws, replace(YEAR, currency="CNY"), Dimension.PRODUCT)
    assert by_product[0].figures.cost == D("1200.00")  # the costs in force when sold
    (first,) = [
        o for o in ss.orders(ws, ss.OrderFilter(company_id=data.jia))
        if o.order_date == date(2025, 3, 10)
    ]  # fmt: skip
    order = ss.get_order(ws, first.id)
    assert order.data.lines[0].unit_cost == D("60.00")
    # Edited (a form without costs sends the same line without cost): the cost stays 60.
    bare = replace(order.data.lines[0], unit_cost=None)
    saved = ss.update_order(
        ws, order.id, order.version, replace(order.data, notes="n", lines=(bare,))
    )
    assert saved.data.lines[0].unit_cost == D("60.00")
    # A new line takes the cost in force now.
    more = (*saved.data.lines, LineData("泵", D(1), D(100), product_id=pump.id))
    again = ss.update_order(ws, saved.id, saved.version, replace(saved.data, lines=more))
    assert [ln.unit_cost for ln in again.data.lines] == [D("60.00"), D("90.00")]
    with pytest.raises(ValidationError) as err:
        ss.create_product(ws, replace(pump.data, code="P-2", cost_price=D("1.005")))
    assert "cost_price" in err.value.errors


def test_lead_conversion_by_source_and_activities_per_week(ws: Workspace) -> None:
    from datetime import UTC, datetime

    from crm_desktop.domain.pipeline import LeadData, OpportunityData
    from crm_desktop.domain.records import ActivityData, ActivityKind
    from crm_desktop.services import pipeline as ps
    from crm_desktop.services import timeline

    stages = ps.ensure_stages(ws)
    won = next(s for s in stages if s.outcome.value == "won")
    fair = [ps.create_lead(ws, LeadData(f"展会客户{i}", source="展会")) for i in range(2)]
    ps.create_lead(ws, LeadData("网站客户", source="网站"))
    done = ps.convert_lead(
        ws, fair[0].id, fair[0].version, opportunity=OpportunityData("首单", stages[0].id)
    )
    assert done.opportunity_id is not None
    deal = ps.get_opportunity(ws, done.opportunity_id)
    ps.move_opportunity(ws, deal.id, deal.version, won.id)
    rows = rs.conversion(ws, ReportFilter())
    assert [(r.source, r.leads, r.converted, r.won, r.rate) for r in rows] == [
        ("展会", 2, 1, 1, 0.5),
        ("网站", 1, 0, 0, 0.0),
    ]
    for day, kind in ((3, ActivityKind.CALL), (4, ActivityKind.CALL), (10, ActivityKind.VISIT)):
        when = datetime(2025, 3, day, 9, 0, tzinfo=UTC)  # Mon 3 and Tue 4, Mon 10 March
        timeline.log_activity(
            ws, ActivityData(kind, "联系", when, contact_id=done.contact_id, user_id=ws.user.id)
        )
    weeks = rs.activities(ws, ReportFilter(date(2025, 3, 1), date(2025, 3, 31)))
    assert [(w.week, w.user, w.kind, w.count) for w in weeks] == [
        (date(2025, 3, 3), "Tester", "call", 2),
        (date(2025, 3, 10), "Tester", "visit", 1),
    ]


def test_profit_of_a_line_and_an_order(ws: Workspace, data: Sales) -> None:
    (row,) = [o for o in ss.orders(ws, ss.OrderFilter(company_id=data.bing))]
    order = ss.get_order(ws, row.id)
    (line,) = order.data.lines
    assert (line.cost, line.profit) == (D("300.00"), D("-50.00"))  # 5 pumps at half price
    assert order.figures.profit == D("-50.00") and order.figures.margin == -0.2
    assert LineData("服务", D(1), D(10)).profit is None  # no cost known: no profit, no margin


def test_demo_has_costs_margins_by_category_and_loss_making_customers(ws: Workspace) -> None:
    from crm_desktop.services import demo

    demo.make_demo(ws, 200, seed=3, orders=4000)
    everything = ReportFilter()
    by_category = rs.sales(ws, everything, Dimension.CATEGORY)
    margins = {r.label: r.figures.margin for r in by_category}
    known = [m for m in margins.values() if m is not None]
    assert len(known) >= 6 and max(known) - min(known) > 0.3  # software far above machines
    assert any(r.figures.uncosted_lines for r in by_category)  # some products have no cost
    losing = rs.negative_margin_customers(ws, everything)
    assert losing and all(r.figures.profit < 0 for r in losing)
