"""Demo data of the pipeline and of sales: leads, deals in every stage with their stage history,
a product catalogue, quotes and orders with line items over the last 24 months, and payments.

Orders are made day by day, oldest first, so their numbers run with their dates; a day's share
follows the season (a stronger fourth quarter, a dip around Chinese New Year for Chinese
customers, quiet weekends) and a slow growth. Rows go to the database in batches as they are
made, so a million lines take constant memory. Every amount is Decimal, exact to the cent: an
order's total is the sum of its lines, its ``paid`` the sum of its payments, never more than
its total.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from crm_desktop.db.bulk_sales import CustomerRow, ProductRow, SalesBulkRepository, StageRow
from crm_desktop.domain.errors import Cancelled
from crm_desktop.domain.pipeline import (
    LeadSource,
    LeadStatus,
    LineData,
    OrderKind,
    OrderStatus,
    Outcome,
    PaymentMethod,
    line_amount,
    money,
    order_cost,
)
from crm_desktop.services.demo_catalogue import (
    EN_CATALOGUE,
    MARGINS,
    UNKNOWN_COST_EVERY,
    ZH_CATALOGUE,
)

Progress = Callable[[int, int, str], None]
STEP_PIPELINE = "pipeline"
STEP_ORDERS = "orders"

LINE_BATCH = 20_000
DAYS = 730  # orders over the last 24 months
LINES_PER_COMPANY = 28  # default scale: about one order per 3 customers a month, 3.5 lines each
DEFAULT_LINES_CAP = 100_000  # the default for a big contact demo stays a few seconds
DEALS_PER_COMPANY = 0.6
LEADS_PER_COMPANY = 0.5
MAX_DEALS = 30_000
MAX_LEADS = 20_000
QUOTE_SHARE = 0.2  # orders that went through a quote first
LOST_QUOTE_SHARE = 0.04  # quotes still open or declined
CANCELLED_SHARE = 0.02
# A few customers haggle so hard they cost money: every LOSS_EVERY-th company gets this
# discount on its orders (not on won deals, whose amount was agreed), below most costs.
LOSS_EVERY = 29
LOSS_DISCOUNT = Decimal("45")
_HAN = re.compile(r"[\u4e00-\u9fff]")

# Spring Festival (the dip in Chinese orders runs from a week before to two weeks after).
CHINESE_NEW_YEAR = tuple(
    date.fromisoformat(d)
    for d in (
        "2022-02-01", "2023-01-22", "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06",
        "2028-01-26", "2029-02-13", "2030-02-03", "2031-01-23", "2032-02-11", "2033-01-31",
    )
)  # fmt: skip
# Month factors: year-end budgets in Q4; Golden Week in October for China, summer holidays
# and late December for the West.
MONTH_ZH = (0.95, 0.9, 1.05, 1.0, 0.95, 1.05, 0.95, 0.9, 1.1, 0.95, 1.3, 1.45)
MONTH_EN = (0.8, 0.9, 1.05, 1.0, 1.0, 1.0, 0.85, 0.85, 1.05, 1.15, 1.3, 1.2)


@dataclass(frozen=True, slots=True)
class SalesSummary:
    leads: int = 0
    opportunities: int = 0
    products: int = 0
    orders: int = 0
    quotes: int = 0
    order_lines: int = 0
    payments: int = 0


@dataclass(frozen=True, slots=True)
class _Words:
    """The words of deals, next steps and payments in one language."""

    deal_titles: tuple[str, ...]  # {brand} is the customer's name, {cat} a product category
    next_steps: tuple[str, ...]
    competitors: tuple[str, ...]
    lead_notes: tuple[str, ...]
    variant: str  # the name suffix of a product's second model
    methods: tuple[tuple[PaymentMethod, int], ...]
    terms: tuple[tuple[int, int], ...]  # (days to pay, weight)


ZH_WORDS = _Words(
    deal_titles=("{cat}采购项目", "{cat}年度框架合同", "{cat}升级改造", "新厂区{cat}配套", "{cat}替换项目"),
    next_steps=("发送报价单", "安排技术交流", "催合同审批", "约总经理见面", "提交方案", "样品测试反馈", "确认交期"),
    competitors=("西门子", "汇川技术", "本地代理商", "施耐德", "海康威视", "", "", ""),
    lead_notes=("展会上留的名片", "官网询价", "老客户介绍", "需要报价", ""),
    variant="（加强型）",
    methods=((PaymentMethod.TRANSFER, 75), (PaymentMethod.ALIPAY, 8), (PaymentMethod.WECHAT, 7),
             (PaymentMethod.CASH, 5), (PaymentMethod.CHEQUE, 5)),
    terms=((30, 45), (60, 35), (90, 15), (0, 5)),
)  # fmt: skip
EN_WORDS = _Words(
    deal_titles=("{cat} purchase", "{cat} framework agreement", "{cat} upgrade", "New site {cat}", "{cat} replacement"),
    next_steps=("Send quote", "Technical call", "Chase contract approval", "Meet the owner", "Submit proposal", "Sample feedback", "Confirm delivery date"),
    competitors=("Siemens", "Rockwell", "Local distributor", "Schneider", "", "", ""),
    lead_notes=("Card from the trade fair", "Asked for prices on the website", "Referred by a customer", ""),
    variant=" (Pro)",
    methods=((PaymentMethod.TRANSFER, 60), (PaymentMethod.CARD, 25), (PaymentMethod.CHEQUE, 15)),
    terms=((30, 70), (60, 25), (0, 5)),
)  # fmt: skip
DISCOUNTS = (
    (Decimal("0"), 70),
    (Decimal("5"), 15),
    (Decimal("10"), 10),
    (Decimal("15"), 5),
)


def default_lines(new_companies: int) -> int:
    """The order lines a demo of ``new_companies`` companies gets when not told."""
    return min(new_companies * LINES_PER_COMPANY, DEFAULT_LINES_CAP)


def catalogue_rows(language: str, ids: Iterator[int], taken: set[str]) -> list[dict[str, object]]:
    """The product catalogue in ``language`` (zh_CN or en): ~55 products, codes not in
    ``taken``. Big items come in a second, dearer model."""
    zh = language == "zh_CN"
    groups, words = (ZH_CATALOGUE, ZH_WORDS) if zh else (EN_CATALOGUE, EN_WORDS)
    rows: list[dict[str, object]] = []
    for prefix, category, items in groups:
        n = 100
        for name, unit, price, _lo, hi in items:
            models = [(name, Decimal(price))]
            if hi <= 20:  # machines and licences have a pro model, consumables do not
                models.append((name + words.variant, money(Decimal(price) * Decimal("1.35"))))
            for model_name, unit_price in models:
                n += 1
                code = f"{prefix}-{n}"
                if code in taken:
                    continue
                known = len(rows) % UNKNOWN_COST_EVERY != UNKNOWN_COST_EVERY - 1
                margin = Decimal(MARGINS.get(prefix, "0.3"))
                rows.append(
                    {
                        "id": next(ids),
                        "code": code,
                        "name": model_name,
                        "category": category,
                        "unit": unit,
                        "unit_price": unit_price,
                        "cost_price": money(unit_price * (1 - margin)) if known else None,
                        "active": True,
                        "notes": "",
                    }
                )
    return rows


def _quantity_ranges(language: str) -> dict[str, tuple[int, int]]:
    groups, words = (ZH_CATALOGUE, ZH_WORDS) if language == "zh_CN" else (EN_CATALOGUE, EN_WORDS)
    out: dict[str, tuple[int, int]] = {}
    for _prefix, _category, items in groups:
        for name, _unit, _price, lo, hi in items:
            out[name] = (lo, hi)
            out[name + words.variant] = (lo, max(lo, hi // 2))
    return out


class _IdPool:
    """Ids handed out one at a time, reserved a block at a time (one query per block)."""

    def __init__(self, bulk: SalesBulkRepository, table: str, block: int = 4096) -> None:
        self.bulk, self.table, self.block = bulk, table, block
        self._ids: Iterator[int] = iter(())

    def __call__(self) -> int:
        value = next(self._ids, None)
        if value is None:
            self._ids = iter(self.bulk.reserve_ids(self.table, self.block))
            value = next(self._ids)
        return value


@dataclass
class _Customer:
    row: CustomerRow
    zh: bool
    weight: float


Line = tuple[ProductRow, Decimal, Decimal]  # product, quantity, discount (percent)


@dataclass
class WonDealOrder:
    """The order of a won deal, written on its day; its lines are chosen with the deal, whose
    amount is their total."""

    customer: _Customer
    opportunity_id: int
    order_date: date
    lines: list[Line]


@dataclass
class _Counts:
    orders: int = 0
    quotes: int = 0
    lines: int = 0
    payments: int = 0


@dataclass
class _Stream:
    """Orders of Chinese or of Western customers, with their own seasons."""

    customers: list[_Customer]
    cum: list[float]
    per_day: list[float]  # expected lines each day
    left: int  # lines still to make
    carry: float = 0.0
    next: int = 1  # lines of the next order


@dataclass
class _Buffer:
    orders: list[dict[str, object]] = field(default_factory=list)
    lines: list[tuple[object, ...]] = field(default_factory=list)  # ORDER_LINE_COLUMNS
    payments: list[dict[str, object]] = field(default_factory=list)


def _day_weights(start: date, days: int, zh: bool) -> list[float]:
    """How busy each day is: month of the year, weekday, Chinese New Year, a slow growth."""
    months = MONTH_ZH if zh else MONTH_EN
    out = []
    for i in range(days):
        d = start + timedelta(days=i)
        w = months[d.month - 1] * (1 + 0.15 * i / 365)
        weekday = d.weekday()
        if weekday == 5:
            w *= 0.3 if zh else 0.1
        elif weekday == 6:
            w *= 0.05
        if zh:
            for festival in CHINESE_NEW_YEAR:
                if -7 <= (d - festival).days <= 14:
                    w *= 0.15
                    break
        elif (d.month, d.day) >= (12, 24) or (d.month, d.day) == (1, 1):
            w *= 0.2
        out.append(w)
    return out


class SalesGenerator:
    """Makes and writes the pipeline and sales rows of one demo run (one transaction)."""

    def __init__(
        self,
        sales: SalesBulkRepository,
        rng: random.Random,
        now: datetime,
        language: str,
        currency: str,
    ) -> None:
        self.sales = sales
        self.rng = rng
        self.now = now
        self.today = now.date()
        self.start = self.today - timedelta(days=DAYS - 1)  # the first day with orders
        self.language = language
        self.currency = currency
        self.words = ZH_WORDS if language == "zh_CN" else EN_WORDS
        self.quantities = _quantity_ranges(language)
        self.products: list[ProductRow] = []
        self._product_cum: list[float] = []
        self._methods = [m_.value for m_, _ in self.words.methods]
        self._method_weights = [w for _, w in self.words.methods]
        self._terms = [t for t, _ in self.words.terms]
        self._term_weights = [w for _, w in self.words.terms]
        self._discounts = [d for d, _ in DISCOUNTS]
        self._discount_cum = list(itertools.accumulate(w for _, w in DISCOUNTS))
        self._order_ids = _IdPool(sales, "orders")
        self._numbers: dict[str, int] = {}

    # -- products --------------------------------------------------------------------------
    def ensure_products(self) -> int:
        """Sell the active products already there, or a new catalogue; returns how many were
        added."""
        added = 0
        if not self.sales.products():
            taken = self.sales.product_codes()
            count = len(catalogue_rows(self.language, itertools.count(), taken))
            rows = catalogue_rows(
                self.language, iter(self.sales.reserve_ids("products", count)), taken
            )
            self.sales.add_products(rows, self.now - timedelta(days=DAYS + 30))
            added = len(rows)
        self.products = self.sales.products()
        order = list(range(len(self.products)))
        self.rng.shuffle(order)
        # A few products sell most (an ABC analysis has an A class to find); machines costing
        # a year's salary sell less often than gloves.
        weights = [0.0] * len(order)
        for rank, index in enumerate(order):
            price = float(self.products[index].unit_price) or 1.0
            weights[index] = min(1.0, 2000 / price) ** 0.5 / (rank + 1) ** 0.9
        self._product_cum = list(itertools.accumulate(weights))
        return added

    def _product(self) -> ProductRow:
        x = self.rng.random() * self._product_cum[-1]
        return self.products[min(bisect.bisect_right(self._product_cum, x), len(self.products) - 1)]

    def _lines(self, count: int, bigger: bool = False) -> list[Line]:
        r = self.rng
        out = []
        for _ in range(count):
            p = self._product()
            lo, hi = self.quantities.get(p.name, (1, 10))
            if bigger:
                lo = max(lo, hi // 3)
            x = r.random() * self._discount_cum[-1]
            discount = self._discounts[bisect.bisect_right(self._discount_cum, x)]
            out.append((p, Decimal(r.randint(lo, hi)), discount))
        return out

    def _line_count(self) -> int:
        return self.rng.choices((1, 2, 3, 4, 5, 6), cum_weights=(14, 32, 52, 70, 86, 100))[0]

    # -- customers -------------------------------------------------------------------------
    def customers(self, first_id: int = 0) -> list[_Customer]:
        grade = {"A": 6.0, "B": 3.0, "C": 1.0}
        out = []
        for row in self.sales.customers(first_id):
            # Lognormal on top of the grade: a few customers buy far more (RFM, ABC).
            weight = grade.get(row.grade or "", 0.7) * self.rng.lognormvariate(0, 0.8)
            out.append(_Customer(row, bool(_HAN.search(row.name)), weight))
        return out

    # -- leads and deals -------------------------------------------------------------------
    def pipeline(
        self,
        customers: list[_Customer],
        deals: int,
        leads: int,
        owners: list[int],
        person: Callable[[], dict[str, str]],
        order_lines: int,
    ) -> tuple[int, int, list[WonDealOrder]]:
        """Deals in every stage, with their stage history, and leads (a quarter converted into
        those deals). Won deals get an order (up to a third of ``order_lines``), returned as
        plans for :meth:`orders`. Returns (deals, leads, plans)."""
        r = self.rng
        stages = self.sales.stages()
        open_stages = [s for s in stages if s.outcome == Outcome.OPEN.value]
        closed = [s for s in stages if s.outcome != Outcome.OPEN.value]
        won = [s for s in closed if s.outcome == Outcome.WON.value]
        lost = [s for s in closed if s.outcome == Outcome.LOST.value]
        reasons = self.sales.lost_reasons() or [""]
        if not customers or not open_stages:
            deals = 0
        ids = self.sales.reserve_ids("opportunities", deals)
        rows: list[dict[str, object]] = []
        history: list[dict[str, object]] = []
        names: dict[int, tuple[str, str]] = {}
        plans: list[WonDealOrder] = []
        planned_lines = 0
        weights = list(itertools.accumulate(c.weight for c in customers))
        open_weights = list(range(len(open_stages) + 1, 1, -1))  # early stages hold more deals
        for n, deal_id in enumerate(ids):
            if n < len(stages):  # the first deals go round every stage: no empty column
                stage = [*open_stages, *closed][n]
            else:
                kind = r.choices(("open", "won", "lost"), (50, 30, 20))[0]
                if kind == "won" and won:
                    stage = won[0]
                elif kind == "lost" and lost:
                    stage = lost[0]
                else:
                    stage = r.choices(open_stages, open_weights)[0]
            customer = r.choices(customers, cum_weights=weights)[0]
            row, stays = self._deal(deal_id, stage, open_stages, customer, reasons)
            if (
                stage.outcome == Outcome.WON.value
                and self.products
                and planned_lines * 3 < order_lines
            ):
                lines = self._lines(r.randint(1, 5), bigger=True)
                planned_lines += len(lines)
                row["amount"] = sum(
                    (line_amount(q, p.unit_price, d) for p, q, d in lines), Decimal("0.00")
                )
                close_date = row["close_date"]
                assert isinstance(close_date, date)
                when = min(self.today, close_date + timedelta(days=r.randint(0, 5)))
                plans.append(WonDealOrder(customer, deal_id, when, lines))
            rows.append(row)
            history.extend(stays)
            names[deal_id] = (customer.row.name, customer.row.contact_name or "")
        lead_rows = self._leads(leads, rows, owners, person)
        self.sales.add_leads(lead_rows, self.now)  # first: a deal names the lead it came from
        self.sales.add_opportunities(rows, self.now, names)
        self.sales.add_stage_history(history)
        plans.sort(key=lambda p: p.order_date)
        return len(rows), len(lead_rows), plans

    def _deal(
        self,
        deal_id: int,
        stage: StageRow,
        open_stages: list[StageRow],
        customer: _Customer,
        reasons: list[str],
    ) -> tuple[dict[str, object], list[dict[str, object]]]:
        r = self.rng
        w = self.words
        is_open = stage.outcome == Outcome.OPEN.value
        if is_open:
            path = open_stages[: open_stages.index(stage) + 1]
        else:
            reached = r.randint(1 if stage.outcome == Outcome.LOST.value else 2, len(open_stages))
            path = [*open_stages[: max(1, reached)], stage]
        if len(path) > (1 if is_open else 2) and r.random() < 0.3:
            path = path[1:]  # came in already qualified
        stays = [timedelta(days=r.randint(2, 25), hours=r.randint(0, 23)) for _ in path]
        if is_open:
            last_entered = self.now - timedelta(days=r.randint(0, 40), hours=r.randint(0, 23))
            closed_at = None
            # Mostly in the coming months; a few already slipped past their date.
            close_date = self.today + timedelta(days=r.randint(-10, 180))
        else:
            closed_at = self.now - timedelta(days=r.randint(1, DAYS - 30), hours=r.randint(0, 23))
            last_entered = closed_at
            close_date = closed_at.date()
        start = last_entered - sum(stays[:-1], timedelta())
        history = []
        entered = start
        for i, s in enumerate(path):
            left = entered + stays[i] if i < len(path) - 1 else None
            history.append(
                {
                    "opportunity_id": deal_id,
                    "stage_id": s.id,
                    "entered_at": entered,
                    "left_at": left,
                    "user_id": customer.row.owner_id,
                }
            )
            entered += stays[i]
        category = self._product().category if self.products else ""
        typical = 80_000 if self.currency == "CNY" else 12_000
        amount = round(r.lognormvariate(math.log(typical), 0.9), -2)
        row: dict[str, object] = {
            "id": deal_id,
            "title": r.choice(w.deal_titles).format(cat=category),
            "company_id": customer.row.id,
            "contact_id": customer.row.contact_id,
            "lead_id": None,
            "stage_id": stage.id,
            "amount": money(Decimal(max(amount, 100))),
            "currency": self.currency,
            "probability": stage.probability,
            "close_date": close_date,
            "owner_id": customer.row.owner_id,
            "next_step": r.choice(w.next_steps) if is_open else "",
            "next_step_date": self.today + timedelta(days=r.randint(-14, 21)) if is_open else None,
            "source": r.choice(list(LeadSource)).value,
            "competitor": r.choice(w.competitors),
            "lost_reason": r.choice(reasons) if stage.outcome == Outcome.LOST.value else "",
            "closed_at": closed_at,
            "stage_entered_at": last_entered,
            "notes": "",
            "created_at": start,
            "updated_at": last_entered,
        }
        return row, history

    def _leads(
        self,
        count: int,
        deals: list[dict[str, object]],
        owners: list[int],
        person: Callable[[], dict[str, str]],
    ) -> list[dict[str, object]]:
        """Leads: a quarter converted (into a deal of this demo, at its customer), the rest new,
        contacted, qualified or disqualified."""
        r = self.rng
        free = list(deals)
        r.shuffle(free)
        statuses = (
            LeadStatus.NEW.value,
            LeadStatus.CONTACTED.value,
            LeadStatus.QUALIFIED.value,
            LeadStatus.DISQUALIFIED.value,
        )
        out: list[dict[str, object]] = []
        for lead_id in self.sales.reserve_ids("leads", count):
            created = self.now - timedelta(days=r.randint(0, 150), hours=r.randint(0, 23))
            p = person()
            row: dict[str, object] = {
                "id": lead_id,
                "name": p["name"],
                "company_name": p["company_name"],
                "title": p["title"],
                "mobile": p["mobile"],
                "phone": "",
                "email": p["email"],
                "city": p["city"],
                "source": r.choice(list(LeadSource)).value,
                "status": r.choices(statuses, (35, 30, 15, 20))[0],
                "owner_id": r.choice(owners),
                "notes": r.choice(self.words.lead_notes),
                "company_id": None,
                "contact_id": None,
                "converted_at": None,
            }
            if free and r.random() < 0.25:
                deal = free.pop()
                deal["lead_id"] = lead_id
                converted = deal["created_at"]
                assert isinstance(converted, datetime)
                created = converted - timedelta(days=r.randint(1, 20), hours=r.randint(0, 23))
                row.update(  # the lead became the deal's customer and contact
                    status=LeadStatus.CONVERTED.value,
                    company_id=deal["company_id"],
                    contact_id=deal["contact_id"],
                    converted_at=converted,
                    owner_id=deal["owner_id"],
                )
            row["created_at"] = created
            row["updated_at"] = row["converted_at"] or created
            out.append(row)
        return out

    # -- quotes, orders, payments ----------------------------------------------------------
    def _number(self, kind: OrderKind, on: date) -> str:
        prefix = f"{'Q' if kind is OrderKind.QUOTE else 'SO'}{on.year}-"
        n = self._numbers.get(prefix)
        if n is None:
            n = self.sales.last_number(prefix)
        n += 1
        self._numbers[prefix] = n
        return f"{prefix}{n:04d}"

    def orders(
        self,
        customers: list[_Customer],
        total_lines: int,
        plans: list[WonDealOrder],
        report: Progress,
        stop: Callable[[], bool],
    ) -> _Counts:
        """Exactly ``total_lines`` line items of quotes and orders over the last 24 months (the
        plans' lines included), with payments; written in batches, oldest first."""
        counts = _Counts()
        if total_lines <= 0 or not customers or not self.products:
            return counts
        r = self.rng
        planned = sum(len(p.lines) for p in plans)
        budget = total_lines - planned
        start = self.start
        streams: list[_Stream] = []
        total_weight = sum(c.weight for c in customers)
        remaining = budget
        groups = [[c for c in customers if c.zh], [c for c in customers if not c.zh]]
        groups = [g for g in groups if g]
        for i, group in enumerate(groups):
            weight = sum(c.weight for c in group)
            lines = remaining if i == len(groups) - 1 else round(budget * weight / total_weight)
            remaining -= lines
            days = _day_weights(start, DAYS, group[0].zh)
            scale = lines / sum(days)
            streams.append(
                _Stream(
                    customers=group,
                    cum=list(itertools.accumulate(c.weight for c in group)),
                    per_day=[d * scale for d in days],
                    left=lines,
                    next=self._line_count(),
                )
            )
        buffer = _Buffer()
        plan_index = 0
        for day_index in range(DAYS):
            day = start + timedelta(days=day_index)
            last_day = day_index == DAYS - 1
            while plan_index < len(plans) and (plans[plan_index].order_date <= day or last_day):
                plan = plans[plan_index]
                self._document(buffer, counts, plan.customer, day, plan.lines, plan.opportunity_id)
                plan_index += 1
            for st in streams:
                st.carry += st.per_day[day_index]
                while st.left > 0 and (st.carry >= st.next or last_day):
                    k = min(st.next, st.left)
                    customer = r.choices(st.customers, cum_weights=st.cum)[0]
                    quoted = 2 * k <= st.left and r.random() < QUOTE_SHARE
                    cost = 2 * k if quoted else k
                    self._document(buffer, counts, customer, day, self._lines(k), None, quoted)
                    st.left -= cost
                    st.carry -= cost
                    st.next = self._line_count()
            if len(buffer.lines) >= LINE_BATCH:
                self._flush(buffer)
                report(counts.lines, total_lines, STEP_ORDERS)
                if stop():
                    raise Cancelled()
        self._flush(buffer)
        report(counts.lines, total_lines, STEP_ORDERS)
        return counts

    def _document(
        self,
        buffer: _Buffer,
        counts: _Counts,
        customer: _Customer,
        day: date,
        lines: list[Line],
        opportunity_id: int | None,
        quoted: bool = False,
    ) -> None:
        """An order (after an accepted quote when ``quoted``), or now and then a quote that is
        still open (recent) or was declined (older), with its lines and payments."""
        r = self.rng
        c = customer.row
        quote_id = None
        if quoted:
            quote_day = max(day - timedelta(days=r.randint(3, 21)), self.start)
            quote_id = self._order_row(buffer, counts, OrderKind.QUOTE, c, quote_day, lines, None, None, OrderStatus.ACCEPTED)  # fmt: skip
        elif opportunity_id is None and r.random() < LOST_QUOTE_SHARE:
            status = OrderStatus.OPEN if (self.today - day).days < 45 else OrderStatus.DECLINED
            self._order_row(buffer, counts, OrderKind.QUOTE, c, day, lines, None, None, status)
            return
        age = (self.today - day).days
        status = OrderStatus.OPEN
        if age > 7 and r.random() < CANCELLED_SHARE and opportunity_id is None:
            status = OrderStatus.CANCELLED
        self._order_row(
            buffer, counts, OrderKind.ORDER, c, day, lines, opportunity_id, quote_id, status
        )

    def _order_row(
        self,
        buffer: _Buffer,
        counts: _Counts,
        kind: OrderKind,
        c: CustomerRow,
        day: date,
        lines: list[Line],
        opportunity_id: int | None,
        quote_id: int | None,
        status: OrderStatus,
    ) -> int:
        r = self.rng
        order_id = self._order_ids()
        squeezed = opportunity_id is None and c.id % LOSS_EVERY == 0
        kept = [LineData(p.name, q, p.unit_price, LOSS_DISCOUNT if squeezed else d, p.id, p.cost_price) for p, q, d in lines]  # fmt: skip
        costs = order_cost(kept)
        total = sum((line.amount for line in kept), Decimal("0.00"))
        for position, ln in enumerate(kept, start=1):
            buffer.lines.append(
                (order_id, position, ln.product_id, ln.description, ln.quantity, ln.unit_price,
                 ln.discount, ln.amount, ln.unit_cost)
            )  # fmt: skip
        stamp = datetime.combine(day, time(1, 0), UTC) + timedelta(minutes=r.randrange(540))
        due = None
        paid = Decimal("0.00")
        if kind is OrderKind.ORDER:
            counts.orders += 1
            due = day + timedelta(days=r.choices(self._terms, self._term_weights)[0])
            if status is OrderStatus.OPEN:
                paid = self._payments(buffer, counts, order_id, day, due, total)
        else:
            counts.quotes += 1
        counts.lines += len(lines)
        buffer.orders.append(
            {
                "id": order_id,
                "kind": kind.value,
                "number": self._number(kind, day),
                "company_id": c.id,
                "contact_id": c.contact_id,
                "opportunity_id": opportunity_id,
                "quote_id": quote_id,
                "owner_id": c.owner_id,
                "order_date": day,
                "due_date": due,
                "status": status.value,
                "currency": self.currency,
                "total": total,
                "paid": paid,
                "cost": costs.cost,
                "uncosted_amount": costs.uncosted_amount,
                "uncosted_lines": costs.uncosted_lines,
                "notes": "",
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        return order_id

    def _payments(
        self,
        buffer: _Buffer,
        counts: _Counts,
        order_id: int,
        day: date,
        due: date,
        total: Decimal,
    ) -> Decimal:
        """Most orders paid in full (some with a deposit first), some partly, some not at all;
        past their due date the unpaid ones are the overdue receivables."""
        r = self.rng
        today = self.today
        x = r.random()
        parts: list[tuple[Decimal, date]] = []
        deposit_day = min(today, day + timedelta(days=r.randint(0, 7)))
        if due < today:
            if x < 0.82:  # paid in full, now and then late
                pay_day = min(today, due + timedelta(days=r.randint(-20, 25)))
                pay_day = max(pay_day, day)
                if r.random() < 0.3 and total >= 100:
                    deposit = money(total * Decimal("0.3"))
                    parts = [(deposit, deposit_day), (total - deposit, max(pay_day, deposit_day))]
                else:
                    parts = [(total, pay_day)]
            elif x < 0.92:  # partly paid
                share = Decimal(r.randint(20, 80)) / 100
                parts = [
                    (money(total * share), min(today, due + timedelta(days=r.randint(-10, 10))))
                ]
            # else: nothing paid, overdue
        elif x < 0.3:
            parts = [(total, min(today, day + timedelta(days=r.randint(0, 20))))]
        elif x < 0.5 and total >= 100:
            parts = [(money(total * Decimal("0.3")), deposit_day)]
        paid = Decimal("0.00")
        for amount, paid_on in parts:
            if amount <= 0:
                continue
            paid += amount
            stamp = datetime.combine(paid_on, time(2, 0), UTC)
            buffer.payments.append(
                {
                    "order_id": order_id,
                    "amount": amount,
                    "paid_on": max(paid_on, day),
                    "method": r.choices(self._methods, self._method_weights)[0],
                    "reference": f"{r.randrange(10**9):09d}",
                    "notes": "",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            counts.payments += 1
        return paid

    def _flush(self, buffer: _Buffer) -> None:
        self.sales.add_orders(buffer.orders, self.now)
        self.sales.add_order_lines(buffer.lines)
        self.sales.add_payments(buffer.payments, self.now)
        buffer.orders.clear()
        buffer.lines.clear()
        buffer.payments.clear()
