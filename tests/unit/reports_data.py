"""A small sales history whose reports are worked out by hand (shared by the SQLite tests and
the same checks on PostgreSQL).

Period 2025 (CNY unless said): 甲 buys 10 × pump (price 100, cost 60) on 10 March, paid in full
on 20 March, and 2 × valve (price 50, no known cost) on 1 June; 乙 (grade A already) 5 pumps
on 1 April; 丙 5 pumps at half price on 1 May (a loss: 250 for a cost of 300); 丁 buys nothing;
戊 buys 1,000 and is in the Trash; Foreign Ltd buys for 700 USD. Not sales: a quote of 甲 and a
cancelled order of 乙. In 2024 甲 bought for 800."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from crm_desktop.domain.pipeline import (
    LineData,
    OrderData,
    OrderKind,
    OrderStatus,
    PaymentData,
    ProductData,
)
from crm_desktop.domain.records import CompanyData, Grade, RecordKind
from crm_desktop.domain.reports import ReportFilter
from crm_desktop.services import contacts as cs
from crm_desktop.services import sales as ss
from crm_desktop.services.workspace import Workspace

D = Decimal
YEAR = ReportFilter(date(2025, 1, 1), date(2025, 12, 31))
END = date(2025, 12, 31)


@dataclass
class Sales:
    jia: int
    yi: int
    bing: int
    ding: int
    wu: int
    foreign: int
    pump: int
    valve: int


def _order(
    ws: Workspace,
    company: int,
    on: date,
    *lines: LineData,
    due: date | None = None,
    currency: str = "CNY",
    kind: OrderKind = OrderKind.ORDER,
) -> int:
    data = OrderData(kind, company, on, lines, due_date=due, currency=currency)
    return ss.create_order(ws, data).id


def build(ws: Workspace) -> Sales:
    def company(name: str, **kw: object) -> int:
        return cs.create_company(ws, CompanyData(name=name, **kw)).id  # type: ignore[arg-type]

    jia = company("甲", region="华东", industry="制造")
    yi = company("乙", region="华北", industry="制造", grade=Grade.A)
    bing = company("丙", region="华东", industry="贸易")
    ding = company("丁", region="华南")
    wu = company("戊")
    foreign = company("Foreign Ltd", region="Europe")
    pump = ss.create_product(ws, ProductData("P-1", "泵", D("100"), "泵类", cost_price=D("60")))
    valve = ss.create_product(ws, ProductData("V-1", "阀", D("50"), "阀类")).id

    def pumps(n: str, discount: str = "0") -> LineData:
        return LineData("泵", D(n), D("100"), D(discount), pump.id)

    first = _order(ws, jia, date(2025, 3, 10), pumps("10"), due=date(2025, 4, 9))
    ss.record_payment(ws, PaymentData(first, D("1000"), date(2025, 3, 20)))
    _order(ws, jia, date(2025, 6, 1), LineData("阀", D(2), D(50), product_id=valve),
           due=date(2025, 12, 15))  # fmt: skip
    _order(ws, yi, date(2025, 4, 1), pumps("5"), due=date(2025, 10, 1))
    _order(ws, bing, date(2025, 5, 1), pumps("5", "50"))
    trashed = _order(ws, wu, date(2025, 5, 5), pumps("10"))
    assert trashed
    cs.set_deleted(ws, RecordKind.COMPANY, [wu], True)
    _order(ws, foreign, date(2025, 7, 1), LineData("Pump", D(7), D(100)), due=date(2025, 11, 15),
           currency="USD")  # fmt: skip
    _order(ws, jia, date(2025, 8, 1), pumps("50"), kind=OrderKind.QUOTE)
    cancelled = ss.get_order(ws, _order(ws, yi, date(2025, 8, 1), pumps("9")))
    ss.set_order_status(ws, cancelled.id, cancelled.version, OrderStatus.CANCELLED)
    _order(ws, jia, date(2024, 3, 5), LineData("旧单", D(1), D(800)))
    return Sales(jia, yi, bing, ding, wu, foreign, pump.id, valve)
