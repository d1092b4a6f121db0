"""Products, quotes, orders, payments (回款) and receivables through the services, on a real
database file. Money is checked to the cent against Decimal arithmetic done here."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import text

from crm_desktop.db.repositories.orders import OrderRepository
from crm_desktop.db.repositories.payments import PaymentRepository
from crm_desktop.domain.errors import ConflictError, ValidationError
from crm_desktop.domain.pipeline import (
    LineData,
    OpportunityData,
    OrderData,
    OrderFilter,
    OrderKind,
    OrderStatus,
    PaymentData,
    ProductData,
)
from crm_desktop.domain.records import ChangeAction, CompanyData
from crm_desktop.services import contacts as cs
from crm_desktop.services import pipeline as ps
from crm_desktop.services import sales as ss
from crm_desktop.services.workspace import Workspace

D = Decimal
DAY = date(2030, 3, 10)


def cents(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def company(ws: Workspace, name: str = "杭州西湖科技有限公司") -> int:
    return cs.create_company(ws, CompanyData(name=name)).id


def line(qty: str, price: str, discount: str = "0", text: str = "Item") -> LineData:
    return LineData(text, D(qty), D(price), D(discount))


def order(
    ws: Workspace,
    company_id: int,
    *lines: LineData,
    kind: OrderKind = OrderKind.ORDER,
    on: date = DAY,
    due: date | None = None,
    number: str = "",
) -> ss.Order:
    return ss.create_order(
        ws,
        OrderData(kind, company_id, on, lines or (line("1", "100"),), due_date=due, number=number),
    )


def pay(ws: Workspace, order_id: int, amount: str, on: date = DAY) -> ss.Payment:
    return ss.record_payment(ws, PaymentData(order_id, D(amount), on))


# -- products ----------------------------------------------------------------------------------
def test_product_round_trip_and_duplicate_code_refused(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as refused:  # refused, not rounded to another price
        ss.create_product(ws, ProductData("PU-100", "Pump", D("1999.995")))
    assert "unit_price" in refused.value.errors
    p = ss.create_product(ws, ProductData(" ＰＵ-100 ", "离心泵 Pump", D("1999.99"), "泵", "台"))
    assert p.data.code == "PU-100" and p.data.name == "离心泵 Pump"
    assert p.data.unit_price == D("1999.99")
    for code in ("pu-100", "PU-100", "ｐｕ－１００"):
        with pytest.raises(ValidationError) as err:
            ss.create_product(ws, ProductData(code, "Other"))
        assert "code" in err.value.errors
    other = ss.create_product(ws, ProductData("VA-1", "Valve"))
    with pytest.raises(ValidationError) as err:
        ss.update_product(ws, other.id, other.version, ProductData("Pu-100", "Valve"))
    assert "code" in err.value.errors
    # Its own code, in another case, is fine.
    again = ss.update_product(ws, p.id, p.version, replace(p.data, code="pu-100"))
    assert again.data.code == "pu-100" and again.version == p.version + 1
    assert [x.data.code for x in ss.products(ws)] == ["VA-1", "pu-100"]
    assert ss.product_categories(ws) == ["泵"]


def test_inactive_products_and_search(ws: Workspace) -> None:
    ss.create_product(ws, ProductData("V-50", "Valve 50%", D("1")))
    ss.create_product(ws, ProductData("V-500", "Valve 500", D("1")))
    ss.create_product(ws, ProductData("OLD", "离心泵", D("1"), active=False))
    assert [p.data.code for p in ss.products(ws)] == ["V-50", "V-500"]
    assert [p.data.code for p in ss.products(ws, include_inactive=True)] == [
        "OLD",
        "V-50",
        "V-500",
    ]
    assert [p.data.code for p in ss.products(ws, "50%")] == ["V-50"]
    assert [p.data.code for p in ss.products(ws, "离心", include_inactive=True)] == ["OLD"]
    assert [p.data.code for p in ss.products(ws, "VALVE 500")] == ["V-500"]


def test_product_validation_names_the_field(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as err:
        ss.create_product(ws, ProductData(" ", "", D("-1"), unit="u" * 21))
    assert set(err.value.errors) == {"code", "name", "unit_price", "unit"}
    assert ss.products(ws, include_inactive=True) == []


def test_product_conflict(ws: Workspace, colleague: Workspace) -> None:
    p = ss.create_product(ws, ProductData("P1", "Pump", D("10")))
    ss.update_product(colleague, p.id, p.version, replace(p.data, unit_price=D("12")))
    with pytest.raises(ConflictError) as err:
        ss.update_product(ws, p.id, p.version, replace(p.data, unit_price=D("11")))
    assert err.value.changed_by == "Colleague"
    assert ss.products(ws)[0].data.unit_price == D("12.00")


# -- orders ------------------------------------------------------------------------------------
def test_line_amounts_with_discount_round_half_up_and_totals_are_exact(ws: Workspace) -> None:
    acme = company(ws)
    lines = (
        line("3", "33.33"),  # 99.99
        line("1", "0.25", "50"),  # 0.125 -> 0.13 (half up, not to even)
        line("1", "0.35", "50"),  # 0.175 -> 0.18
        line("2.5", "19.99", "12.5"),  # 43.728125 -> 43.73
        line("0.001", "0.01"),  # 0.00001 -> 0.00
        line("1000", "99999.99", "10"),  # 89999991.00
    )
    o = order(ws, acme, *lines)
    amounts = [ln.amount for ln in o.data.lines]
    assert amounts == [D(x) for x in ("99.99", "0.13", "0.18", "43.73", "0.00", "89999991.00")]
    by_hand = (cents(x.quantity * x.unit_price * (100 - x.discount) / 100) for x in lines)
    assert o.total == sum(by_hand, D(0))
    assert o.total == D("90000135.03")
    assert o.paid == D("0.00") and o.balance == o.total
    assert o.company_name == "杭州西湖科技有限公司" and o.owner_name == "Tester"
    assert [(ln.quantity, ln.unit_price, ln.discount) for ln in o.data.lines][3] == (
        D("2.5"),
        D("19.99"),
        D("12.5"),
    )


def test_numbers_run_per_kind_and_year(ws: Workspace) -> None:
    acme = company(ws)
    assert order(ws, acme).number == "SO2030-0001"
    assert order(ws, acme).number == "SO2030-0002"
    assert order(ws, acme, kind=OrderKind.QUOTE).number == "Q2030-0001"
    assert order(ws, acme, on=date(2031, 1, 2)).number == "SO2031-0001"
    assert order(ws, acme, kind=OrderKind.QUOTE).number == "Q2030-0002"
    assert order(ws, acme, number="A-17").number == "A-17"
    assert order(ws, acme).number == "SO2030-0003"


def test_two_colleagues_saving_a_new_order_at_once_get_two_numbers(
    ws: Workspace, colleague: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL both read the highest number before either had saved: two SO2030-0001."""
    acme = company(ws)
    meet = threading.Barrier(2)
    next_number = OrderRepository.next_number

    def number_after_both_looked(self: OrderRepository, kind: OrderKind, on: date) -> str:
        number = next_number(self, kind, on)
        with contextlib.suppress(threading.BrokenBarrierError):
            meet.wait(timeout=1)  # only reached by both when neither holds the other back
        return number

    monkeypatch.setattr(OrderRepository, "next_number", number_after_both_looked)
    threads = [threading.Thread(target=order, args=(w, acme)) for w in (ws, colleague)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(r.number for r in ss.orders(ws, OrderFilter())) == [
        "SO2030-0001",
        "SO2030-0002",
    ]


def test_numbers_keep_counting_past_9999_and_past_odd_numbers(ws: Workspace) -> None:
    acme = company(ws)
    order(ws, acme, number="SO2030-9999")
    assert order(ws, acme).number == "SO2030-10000"
    assert order(ws, acme).number == "SO2030-10001"
    order(ws, acme, number="SO2030-X1")  # typed by hand
    assert order(ws, acme).number == "SO2030-10002"
    numbers = [r.number for r in ss.orders(ws, OrderFilter())]
    assert len(numbers) == len(set(numbers))


def test_update_replaces_lines_and_total(ws: Workspace, colleague: Workspace) -> None:
    acme = company(ws)
    o = order(ws, acme, line("1", "100"), line("2", "50"))
    new = replace(o.data, lines=(line("3", "10", "10", "Service"),), notes="重新报价")
    updated = ss.update_order(ws, o.id, o.version, new)
    assert [(ln.description, ln.amount) for ln in updated.data.lines] == [("Service", D("27.00"))]
    assert updated.total == D("27.00") and updated.version == o.version + 1
    assert updated.number == o.number
    # A change of lines alone is a change too: a colleague holding the old version conflicts.
    lines_only = ss.update_order(
        ws, o.id, updated.version, replace(updated.data, lines=(line("1", "5"),))
    )
    assert lines_only.version == updated.version + 1 and lines_only.total == D("5.00")
    with pytest.raises(ConflictError) as err:
        ss.update_order(colleague, o.id, updated.version, replace(updated.data, notes="x"))
    assert err.value.changed_by == "Tester"
    assert ss.get_order(ws, o.id).total == D("5.00")


def test_order_validation_names_the_field(ws: Workspace) -> None:
    acme = company(ws)
    cases = [
        (OrderData(OrderKind.ORDER, acme, DAY, ()), "lines"),
        (OrderData(OrderKind.ORDER, acme, DAY, (LineData("", D(1), D(1)),)), "lines.1"),
        (OrderData(OrderKind.ORDER, acme, DAY, (line("1", "1"), line("0", "1"))), "lines.2"),
        (OrderData(OrderKind.ORDER, acme, DAY, (line("1", "-1"),)), "lines.1"),
        (OrderData(OrderKind.ORDER, acme, DAY, (line("1", "1", "101"),)), "lines.1"),
        (OrderData(OrderKind.ORDER, acme, DAY, (line("0.0001", "1"),)), "lines.1"),
        (OrderData(OrderKind.ORDER, acme, DAY, (line("1", "1", "12.345"),)), "lines.1"),
        (OrderData(OrderKind.ORDER, acme, DAY, (line("1", "1", text="d" * 401),)), "lines.1"),
        (
            OrderData(OrderKind.ORDER, acme, DAY, (line("1", "1"),), due_date=DAY - timedelta(1)),
            "due_date",
        ),
        (OrderData(OrderKind.ORDER, acme, DAY, (line("1e9", "1000"),)), "lines"),
        (OrderData(OrderKind.ORDER, acme, DAY, (line("1e12", "0"),)), "lines.1"),
        (OrderData(OrderKind.ORDER, acme, DAY, (line("1", "1"),), currency="YUAN"), "currency"),
        (OrderData(OrderKind.ORDER, acme, DAY, (line("1", "1"),), number="N" * 41), "number"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as err:
            ss.create_order(ws, data)
        assert field in err.value.errors, (field, err.value.errors)
        assert field in str(err.value)
    assert ss.orders(ws, OrderFilter()) == []


def test_a_price_of_fractions_of_a_cent_is_refused_not_rounded(ws: Workspace) -> None:
    """Rounding 0.125 to 0.13 would store 130.00 for 1000 pieces the user was shown as
    125.00: the total must be the one computed from the lines as typed."""
    acme = company(ws)
    with pytest.raises(ValidationError) as err:
        order(ws, acme, line("1000", "0.125"))
    assert "lines.1" in err.value.errors
    assert order(ws, acme, line("1000", "0.1300")).total == D("130.00")  # zeros are no cents


def test_orders_list_filters(ws: Workspace, colleague: Workspace) -> None:
    acme, xihu = company(ws, "Acme Trading"), company(ws)
    a = order(ws, acme)
    order(ws, xihu, kind=OrderKind.QUOTE)
    b = order(ws, xihu, line("1", "10"))
    pay(ws, b.id, "10")
    assert [r.number for r in ss.orders(ws, OrderFilter(kind=OrderKind.QUOTE))] == ["Q2030-0001"]
    assert [r.id for r in ss.orders(ws, OrderFilter(company_id=acme))] == [a.id]
    assert [r.id for r in ss.orders(ws, OrderFilter(unpaid_only=True))] == [a.id]
    assert [r.id for r in ss.orders(ws, OrderFilter(search="xihu", kind=OrderKind.ORDER))] == [b.id]
    assert [r.id for r in ss.orders(ws, OrderFilter(search="so2030-0001"))] == [a.id]
    assert ss.orders(ws, OrderFilter(owner_id=colleague.user.id)) == []


# -- quotes and orders from deals --------------------------------------------------------------
def test_accepting_a_quote_copies_its_lines_once(ws: Workspace, colleague: Workspace) -> None:
    acme = company(ws)
    quote = order(
        ws,
        acme,
        line("2", "33.33", "5", "Pump"),
        line("1", "10", text="Delivery"),
        kind=OrderKind.QUOTE,
        due=DAY + timedelta(days=30),
    )
    accepted_on = DAY + timedelta(days=5)
    o = ss.accept_quote(ws, quote.id, quote.version, accepted_on)
    assert o.data.kind is OrderKind.ORDER and o.number == "SO2030-0001"
    assert o.quote_id == quote.id and o.data.order_date == accepted_on
    assert o.data.due_date == accepted_on + timedelta(days=30)
    assert o.data.lines == quote.data.lines and o.total == quote.total == D("73.33")
    assert ss.get_order(ws, quote.id).data.status is OrderStatus.ACCEPTED
    with pytest.raises(ValidationError) as err:
        ss.accept_quote(colleague, quote.id, ss.get_order(ws, quote.id).version, accepted_on)
    assert "status" in err.value.errors
    with pytest.raises(ValidationError) as err:
        ss.accept_quote(ws, o.id, o.version, accepted_on)
    assert "kind" in err.value.errors
    assert len(ss.orders(ws, OrderFilter(kind=OrderKind.ORDER))) == 1


def test_accepting_a_quote_from_a_stale_screen_is_a_conflict(
    ws: Workspace, colleague: Workspace
) -> None:
    quote = order(ws, company(ws), kind=OrderKind.QUOTE)
    ss.update_order(colleague, quote.id, quote.version, replace(quote.data, notes="changed"))
    with pytest.raises(ConflictError):
        ss.accept_quote(ws, quote.id, quote.version, DAY)
    assert ss.orders(ws, OrderFilter(kind=OrderKind.ORDER)) == []
    assert ss.get_order(ws, quote.id).data.status is OrderStatus.OPEN


def test_order_from_a_won_deal_only(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    won = next(s for s in stages if s.name == "Won")
    acme = company(ws)
    opp = ps.create_opportunity(
        ws, OpportunityData("水泵 200 台", stages[0].id, company_id=acme, amount=D("12345.67"))
    )
    with pytest.raises(ValidationError) as err:
        ss.order_from_opportunity(ws, opp.id, DAY)
    assert "opportunity" in err.value.errors
    assert ss.orders(ws, OrderFilter()) == []
    ps.move_opportunity(ws, opp.id, opp.version, won.id)
    o = ss.order_from_opportunity(ws, opp.id, DAY, due_date=DAY + timedelta(days=30))
    assert o.data.opportunity_id == opp.id and o.opportunity_title == "水泵 200 台"
    assert o.data.company_id == acme and o.total == D("12345.67")
    assert [(ln.description, ln.quantity) for ln in o.data.lines] == [("水泵 200 台", D("1"))]
    custom = ss.order_from_opportunity(ws, opp.id, DAY, lines=(line("2", "5"),))
    assert custom.total == D("10.00")


def test_a_won_deal_without_company_cannot_become_an_order(ws: Workspace) -> None:
    won = next(s for s in ps.ensure_stages(ws) if s.name == "Won")
    opp = ps.create_opportunity(ws, OpportunityData("Walk-in", won.id, amount=D("5")))
    with pytest.raises(ValidationError) as err:
        ss.order_from_opportunity(ws, opp.id, DAY)
    assert "company" in err.value.errors


# -- payments and receivables ------------------------------------------------------------------
def test_payments_reduce_the_balance_and_overpaying_is_refused(ws: Workspace) -> None:
    o = order(ws, company(ws), line("1", "1000"))
    with pytest.raises(ValidationError) as finer:  # refused, never rounded to 400.01
        pay(ws, o.id, "400.005")
    assert "2 decimals" in finer.value.errors["amount"]
    p1 = pay(ws, o.id, "400.01")
    assert p1.data.amount == D("400.01") and p1.user_name == "Tester"
    assert ss.get_order(ws, o.id).balance == D("599.99")
    with pytest.raises(ValidationError) as err:
        pay(ws, o.id, "600.00")
    assert "amount" in err.value.errors and "599.99" in str(err.value)
    pay(ws, o.id, "599.99")
    done = ss.get_order(ws, o.id)
    assert done.paid == D("1000.00") and done.balance == D("0.00")
    with pytest.raises(ValidationError):
        pay(ws, o.id, "0.01")
    with pytest.raises(ValidationError) as err:
        pay(ws, o.id, "0")
    assert "amount" in err.value.errors
    assert [p.data.amount for p in ss.payments(ws, o.id)] == [D("400.01"), D("599.99")]


def test_two_colleagues_paying_the_same_balance_at_once_do_not_overpay(
    ws: Workspace, colleague: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL both read the full balance, both passed the check, and the order was paid
    twice (balance -100.00). Each now holds the order's row from before its check."""
    o = order(ws, company(ws))
    meet = threading.Barrier(2)
    add_payment = PaymentRepository.add

    def add_after_both_checked(self: PaymentRepository, data: PaymentData) -> int:
        with contextlib.suppress(threading.BrokenBarrierError):
            meet.wait(timeout=1)  # only reached by both when neither holds the other back
        return add_payment(self, data)

    monkeypatch.setattr(PaymentRepository, "add", add_after_both_checked)
    outcomes: list[str] = []

    def pay_all(who: Workspace) -> None:
        try:
            pay(who, o.id, "100")
            outcomes.append("paid")
        except ValidationError:
            outcomes.append("refused")

    threads = [threading.Thread(target=pay_all, args=(w,)) for w in (ws, colleague)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["paid", "refused"]
    again = ss.get_order(ws, o.id)
    assert again.paid == D("100.00") and again.balance == D("0.00")
    assert len(ss.payments(ws, o.id)) == 1


def test_payments_on_quotes_are_refused(ws: Workspace) -> None:
    quote = order(ws, company(ws), kind=OrderKind.QUOTE)
    with pytest.raises(ValidationError) as err:
        pay(ws, quote.id, "1")
    assert "order" in err.value.errors
    assert ss.payments(ws, quote.id) == []


def test_payments_on_cancelled_orders_are_refused(ws: Workspace) -> None:
    cancelled = order(ws, company(ws))
    cancelled = ss.set_order_status(ws, cancelled.id, cancelled.version, OrderStatus.CANCELLED)
    with pytest.raises(ValidationError) as err:
        pay(ws, cancelled.id, "10")
    assert "cancelled" in err.value.errors["order"]
    assert ss.get_order(ws, cancelled.id).paid == D("0.00")


def test_many_small_payments_add_up_exactly(ws: Workspace) -> None:
    o = order(ws, company(ws), line("1", "100"))
    for _ in range(3):
        pay(ws, o.id, "0.1")
    assert ss.get_order(ws, o.id).paid == D("0.30")
    for _ in range(97):
        pay(ws, o.id, "0.01")
    for _ in range(333):
        pay(ws, o.id, "0.29")
    again = ss.get_order(ws, o.id)
    assert again.paid == D("0.30") + D("0.97") + D("96.57")
    assert again.balance == D("2.16")
    assert ss.receivables(ws, DAY)[0].paid == again.paid


def test_deleting_a_payment_restores_the_balance(ws: Workspace, colleague: Workspace) -> None:
    o = order(ws, company(ws), line("1", "100"))
    first = pay(ws, o.id, "30")
    pay(ws, o.id, "70")
    assert ss.get_order(ws, o.id).balance == D("0.00")
    ss.delete_payment(ws, first.id, first.version, o.id)
    assert ss.get_order(ws, o.id).balance == D("30.00")
    assert [p.data.amount for p in ss.payments(ws, o.id)] == [D("70.00")]
    with pytest.raises(ConflictError) as err:
        ss.delete_payment(colleague, first.id, first.version, o.id)
    assert err.value.deleted
    assert ss.get_order(ws, o.id).balance == D("30.00")


def test_a_payment_does_not_conflict_with_editing_the_order(ws: Workspace) -> None:
    o = order(ws, company(ws), line("1", "100"))
    pay(ws, o.id, "40")
    edited = ss.update_order(ws, o.id, o.version, replace(o.data, notes="送货上门"))
    assert edited.paid == D("40.00") and edited.balance == D("60.00")


def test_lowering_an_order_below_what_was_paid_is_refused(ws: Workspace) -> None:
    o = order(ws, company(ws), line("1", "100"))
    pay(ws, o.id, "80")
    with pytest.raises(ValidationError) as err:
        ss.update_order(ws, o.id, o.version, replace(o.data, lines=(line("1", "50"),)))
    assert "lines" in err.value.errors
    assert ss.get_order(ws, o.id).total == D("100.00")
    assert (
        ss.update_order(ws, o.id, o.version, replace(o.data, lines=(line("1", "80"),))).balance == 0
    )


def test_receivables_per_customer_with_overdue_and_oldest_due(ws: Workspace) -> None:
    today = date(2030, 6, 1)
    acme, xihu, paid_up = company(ws, "Acme"), company(ws), company(ws, "Paid Up")
    # Acme: one order overdue and part-paid, one not yet due, one without due date
    late = order(ws, acme, line("1", "1000.10"), on=date(2030, 1, 1), due=date(2030, 2, 1))
    pay(ws, late.id, "0.10")
    order(ws, acme, line("3", "33.33"), on=date(2030, 5, 1), due=date(2030, 7, 1))
    order(ws, acme, line("1", "0.01"), on=date(2030, 5, 2))
    # 西湖: two overdue, the older one first in the debt
    order(ws, xihu, line("1", "50"), on=date(2030, 3, 1), due=date(2030, 4, 1))
    order(ws, xihu, line("1", "25.55"), on=date(2030, 1, 1), due=date(2030, 3, 15))
    # Not owed: paid in full, cancelled, a quote; not late: due today
    done = order(ws, paid_up, line("1", "10"), on=date(2030, 1, 1), due=date(2030, 4, 1))
    pay(ws, done.id, "10")
    cancelled = order(ws, acme, line("1", "9999"), on=date(2030, 1, 1), due=date(2030, 2, 1))
    ss.set_order_status(ws, cancelled.id, cancelled.version, OrderStatus.CANCELLED)
    order(
        ws, acme, line("1", "777"), kind=OrderKind.QUOTE, on=date(2030, 1, 1), due=date(2030, 2, 1)
    )
    due_today = order(ws, xihu, line("1", "5"), on=date(2030, 5, 1), due=today)

    rows = ss.receivables(ws, today)
    assert [r.company_name for r in rows] == ["Acme", "杭州西湖科技有限公司"]
    a, x = rows
    assert (a.orders, a.total, a.paid, a.balance) == (3, D("1100.10"), D("0.10"), D("1100.00"))
    assert a.overdue == D("1000.00") and a.oldest_due == date(2030, 2, 1)
    assert (x.orders, x.total, x.paid) == (3, D("80.55"), D("0.00"))
    assert x.overdue == D("75.55") and x.oldest_due == date(2030, 3, 15)  # due today: not late
    assert ss.receivables(ws, today, company_id=xihu) == [x]
    assert ss.receivables(ws, today, company_id=paid_up) == []
    assert ss.get_order(ws, late.id).overdue(today)
    assert not ss.get_order(ws, due_today.id).overdue(today)
    assert not ss.get_order(ws, cancelled.id).overdue(today)
    unpaid = {r.id for r in ss.orders(ws, OrderFilter(unpaid_only=True))}
    assert cancelled.id not in unpaid and done.id not in unpaid and late.id in unpaid


def test_payment_validation_names_the_field(ws: Workspace) -> None:
    o = order(ws, company(ws))
    with pytest.raises(ValidationError) as err:
        ss.record_payment(ws, PaymentData(o.id, D("-5"), DAY, method="m" * 31, reference="r" * 101))
    assert set(err.value.errors) == {"amount", "method", "reference"}
    assert ss.payments(ws, o.id) == []


# -- correcting a payment ----------------------------------------------------------------------
def test_correcting_a_payment_moves_the_balance_and_is_audited(
    ws: Workspace, colleague: Workspace
) -> None:
    o = order(ws, company(ws), line("1", "100"))
    typo = pay(ws, o.id, "80")
    pay(ws, o.id, "20")
    fixed = ss.update_payment(ws, typo.id, typo.version, replace(typo.data, amount=D("8.00")))
    assert fixed.data.amount == D("8.00") and fixed.version == typo.version + 1
    assert ss.get_order(ws, o.id).paid == D("28.00")
    with ws.reading() as uow:
        entries = uow.session.execute(
            text(
                "SELECT action, changes FROM audit_log WHERE entity = 'payment' AND entity_id = :i"
            ),
            {"i": typo.id},
        ).all()
    assert [a for a, _ in entries] == ["create", "update"]
    assert '"amount": ["80.00", "8.00"]' in entries[1][1]
    # a colleague's correction over the old version is a conflict, not an overwrite
    with pytest.raises(ConflictError):
        ss.update_payment(colleague, typo.id, typo.version, replace(typo.data, amount=D("9")))
    assert ss.get_order(ws, o.id).paid == D("28.00")


def test_a_correction_that_would_overpay_the_order_is_refused(ws: Workspace) -> None:
    o = order(ws, company(ws), line("1", "100"))
    first = pay(ws, o.id, "60")
    pay(ws, o.id, "30")
    # 60 → 70 is exactly the total: fine; 70 → 70.01 is one cent over
    ok = ss.update_payment(ws, first.id, first.version, replace(first.data, amount=D("70")))
    with pytest.raises(ValidationError) as err:
        ss.update_payment(ws, ok.id, ok.version, replace(ok.data, amount=D("70.01")))
    assert "amount" in err.value.errors and "70.00" in err.value.errors["amount"]
    assert ss.get_order(ws, o.id).balance == D("0.00")
    assert [p.data.amount for p in ss.payments(ws, o.id)] == [D("70.00"), D("30.00")]


def test_a_payment_moved_to_another_order_refreshes_both(ws: Workspace) -> None:
    acme = company(ws)
    wrong, right = order(ws, acme, line("1", "100")), order(ws, acme, line("1", "50"))
    quote = order(ws, acme, kind=OrderKind.QUOTE)
    p = pay(ws, wrong.id, "40")
    changes: list[object] = []
    ws.events.subscribe(changes.append)
    with pytest.raises(ValidationError):  # a quote takes no payments
        ss.update_payment(ws, p.id, p.version, replace(p.data, order_id=quote.id))
    moved = ss.update_payment(ws, p.id, p.version, replace(p.data, order_id=right.id))
    assert moved.data.order_id == right.id
    assert ss.get_order(ws, wrong.id).paid == D("0.00")
    assert ss.get_order(ws, right.id).paid == D("40.00")
    assert [(c.ids, c.action) for c in changes] == [  # type: ignore[attr-defined]
        ((wrong.id, right.id), ChangeAction.PAID)
    ]
    ss.delete_payment(ws, moved.id, moved.version)  # the payment knows its order
    assert ss.get_order(ws, right.id).paid == D("0.00")
