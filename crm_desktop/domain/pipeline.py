"""Immutable data of the pipeline: stages, leads, opportunities, products, orders, payments."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from crm_desktop.domain.errors import CrmError
from crm_desktop.domain.reports import Figures

CENT = Decimal("0.01")


def money(value: Decimal | int | str) -> Decimal:
    """Rounded to the cent, half up, as an invoice rounds (never banker's rounding)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def weighted_sum(deals: Iterable[tuple[Decimal, int]]) -> Decimal:
    """Σ amount × probability % of ``(amount, probability)`` pairs: summed exactly and rounded
    half up to the cent once, at the end (not a sum of rounded amounts). The board's columns,
    a single card and the forecast and funnel reports all come to their weighted amount here."""
    return money(
        sum((amount * probability for amount, probability in deals), Decimal(0)).scaleb(-2)
    )


class StageInUseError(CrmError):
    """A stage cannot be removed while deals sit in it."""

    def __init__(self, stage: str, count: int) -> None:
        self.stage = stage
        self.count = count
        super().__init__(f"The stage {stage} still holds {count} deals; move them first.")


class Outcome(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class LeadStatus(StrEnum):
    NEW = "new"
    CONTACTED = "contacted"
    QUALIFIED = "qualified"
    DISQUALIFIED = "disqualified"
    CONVERTED = "converted"


class LeadSource(StrEnum):
    """Suggested sources; any text may be stored."""

    WEB = "web form"
    FAIR = "trade fair"
    REFERRAL = "referral"
    COLD_CALL = "cold call"
    ADVERTISING = "advertising"
    OTHER = "other"


class OrderKind(StrEnum):
    QUOTE = "quote"
    ORDER = "order"


class OrderStatus(StrEnum):
    OPEN = "open"  # a quote sent / an order being delivered or paid
    ACCEPTED = "accepted"  # a quote the customer took (it became an order)
    DECLINED = "declined"
    CANCELLED = "cancelled"


class PaymentMethod(StrEnum):
    TRANSFER = "bank transfer"
    CASH = "cash"
    CARD = "card"
    ALIPAY = "alipay"
    WECHAT = "wechat pay"
    CHEQUE = "cheque"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Stage:
    id: int
    name: str
    position: int
    probability: int
    outcome: Outcome
    version: int = 1

    @property
    def is_open(self) -> bool:
        return self.outcome is Outcome.OPEN


@dataclass(frozen=True, slots=True)
class StageData:
    name: str
    probability: int
    outcome: Outcome = Outcome.OPEN


# The stages a new database starts with, in the language of whoever opens it first; each can
# be renamed, reordered, re-weighted or retired afterwards.
DEFAULT_STAGES = {
    "en": (
        ("Prospect", 10, Outcome.OPEN),
        ("Qualified", 25, Outcome.OPEN),
        ("Proposal", 50, Outcome.OPEN),
        ("Negotiation", 75, Outcome.OPEN),
        ("Won", 100, Outcome.WON),
        ("Lost", 0, Outcome.LOST),
    ),
    "zh_CN": (
        ("初步接洽", 10, Outcome.OPEN),
        ("需求确认", 25, Outcome.OPEN),
        ("方案报价", 50, Outcome.OPEN),
        ("谈判", 75, Outcome.OPEN),
        ("赢单", 100, Outcome.WON),
        ("输单", 0, Outcome.LOST),
    ),
}
DEFAULT_LOST_REASONS = {
    "en": ("Price", "Chose a competitor", "No budget", "No decision", "Product did not fit"),
    "zh_CN": ("价格", "选择了竞争对手", "没有预算", "项目搁置", "产品不满足需求"),
}


def default_language(language: str) -> str:
    """The language of the defaults for a locale name: ``zh``, ``zh_CN``, ``zh-Hans`` → Chinese,
    anything else English."""
    return "zh_CN" if language.startswith("zh") else "en"


def default_stages(language: str) -> tuple[list[StageData], list[str]]:
    """The stages and lost reasons a new database starts with, in ``language``."""
    lang = default_language(language)
    return (
        [
            StageData(name, probability, outcome)
            for name, probability, outcome in DEFAULT_STAGES[lang]
        ],
        list(DEFAULT_LOST_REASONS[lang]),
    )


@dataclass(frozen=True, slots=True)
class LeadData:
    name: str
    company_name: str = ""
    title: str = ""
    mobile: str = ""
    phone: str = ""
    email: str = ""
    city: str = ""
    source: str = ""
    status: LeadStatus = LeadStatus.NEW
    owner_id: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Lead:
    id: int
    data: LeadData
    owner_name: str | None
    created_at: datetime
    version: int
    company_id: int | None = None
    contact_id: int | None = None
    opportunity_id: int | None = None
    converted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class OpportunityData:
    title: str
    stage_id: int
    company_id: int | None = None
    contact_id: int | None = None
    amount: Decimal = Decimal("0")
    currency: str = "CNY"
    probability: int | None = None  # None: the stage's default
    close_date: date | None = None
    owner_id: int | None = None
    next_step: str = ""
    next_step_date: date | None = None
    source: str = ""
    competitor: str = ""
    lost_reason: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Opportunity:
    id: int
    data: OpportunityData
    stage_name: str
    outcome: Outcome
    company_name: str | None
    contact_name: str | None
    owner_name: str | None
    stage_entered_at: datetime
    closed_at: datetime | None
    created_at: datetime
    version: int
    lead_id: int | None = None

    @property
    def probability(self) -> int:
        return self.data.probability or 0

    @property
    def weighted(self) -> Decimal:
        return weighted_sum([(self.data.amount, self.probability)])

    def next_step_overdue(self, today: date) -> bool:
        return (
            self.outcome is Outcome.OPEN
            and self.data.next_step_date is not None
            and self.data.next_step_date < today
        )


@dataclass(frozen=True, slots=True)
class Card:
    """What a card on the board shows: light, so 5,000 of them load at once."""

    id: int
    stage_id: int
    title: str
    company_name: str | None
    amount: Decimal
    currency: str
    probability: int
    close_date: date | None
    owner_name: str | None
    next_step: str
    next_step_date: date | None
    version: int

    def next_step_overdue(self, today: date) -> bool:
        return self.next_step_date is not None and self.next_step_date < today

    @property
    def weighted(self) -> Decimal:
        return weighted_sum([(self.amount, self.probability)])


@dataclass(frozen=True, slots=True)
class BoardColumn:
    stage: Stage
    cards: tuple[Card, ...]
    count: int
    amount: Decimal
    weighted: Decimal


@dataclass(frozen=True, slots=True)
class BoardFilter:
    search: str = ""
    owner_id: int | None = None
    close_from: date | None = None
    close_to: date | None = None


@dataclass(frozen=True, slots=True)
class StageStay:
    """One passage of a deal through a stage."""

    stage_name: str
    entered_at: datetime
    left_at: datetime | None
    user_name: str | None

    def days(self, now: datetime) -> float:
        return ((self.left_at or now) - self.entered_at).total_seconds() / 86400


@dataclass(frozen=True, slots=True)
class ConversionResult:
    lead_id: int
    company_id: int | None
    contact_id: int
    opportunity_id: int | None
    company_created: bool
    contact_created: bool


@dataclass(frozen=True, slots=True)
class ForecastRow:
    """Expected revenue of open deals: Σ amount × probability, for a month and/or an owner."""

    month: str | None  # "2026-12"; None for deals without a close date
    owner: str | None
    count: int
    amount: Decimal
    weighted: Decimal
    currency: str = "CNY"  # amounts of different currencies are never added together


@dataclass(frozen=True, slots=True)
class FunnelRow:
    """Deals in a stage, of one currency (a stage without deals: one row, currency "")."""

    stage: str
    outcome: Outcome
    count: int
    amount: Decimal
    weighted: Decimal
    currency: str = "CNY"


# -- products, orders, payments ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ProductData:
    code: str
    name: str
    unit_price: Decimal = Decimal("0")
    category: str = ""
    unit: str = ""
    active: bool = True
    notes: str = ""
    cost_price: Decimal | None = None  # purchase or production cost; None: not known


@dataclass(frozen=True, slots=True)
class Product:
    id: int
    data: ProductData
    version: int


@dataclass(frozen=True, slots=True)
class LineData:
    description: str
    quantity: Decimal
    unit_price: Decimal
    discount: Decimal = Decimal("0")  # percent off
    product_id: int | None = None
    # The product's cost when the line was saved (kept: later cost changes leave it); None
    # when not known. Left None on a new line, the repository takes the product's cost.
    unit_cost: Decimal | None = None

    @property
    def amount(self) -> Decimal:
        return line_amount(self.quantity, self.unit_price, self.discount)

    @property
    def cost(self) -> Decimal | None:
        return None if self.unit_cost is None else line_cost(self.quantity, self.unit_cost)

    @property
    def profit(self) -> Decimal | None:
        """Gross profit of the line; None when its cost is not known (never 100 % margin)."""
        cost = self.cost
        return None if cost is None else self.amount - cost


def line_amount(quantity: Decimal, unit_price: Decimal, discount: Decimal) -> Decimal:
    return money(quantity * unit_price * (100 - discount) / 100)


def line_cost(quantity: Decimal, unit_cost: Decimal) -> Decimal:
    return money(quantity * unit_cost)


@dataclass(frozen=True, slots=True)
class OrderCost:
    """What an order's lines cost: Σ cost of the lines whose cost is known, and the amount and
    number of the lines whose cost is not (their profit is unknown, never 100 %)."""

    cost: Decimal
    uncosted_amount: Decimal
    uncosted_lines: int


def order_cost(lines: Iterable[LineData]) -> OrderCost:
    cost, uncosted, count = Decimal("0.00"), Decimal("0.00"), 0
    for line in lines:
        c = line.cost
        if c is None:
            uncosted += line.amount
            count += 1
        else:
            cost += c
    return OrderCost(cost, uncosted, count)


@dataclass(frozen=True, slots=True)
class OrderData:
    kind: OrderKind
    company_id: int
    order_date: date
    lines: tuple[LineData, ...]
    contact_id: int | None = None
    opportunity_id: int | None = None
    owner_id: int | None = None
    due_date: date | None = None
    status: OrderStatus = OrderStatus.OPEN
    currency: str = "CNY"
    notes: str = ""
    number: str = ""  # given by the repository when empty

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


def is_overdue(
    kind: OrderKind, status: OrderStatus, balance: Decimal, due: date | None, today: date
) -> bool:
    """An order (not a quote, not cancelled) with money still owed after its due date."""
    return (
        kind is OrderKind.ORDER
        and status is not OrderStatus.CANCELLED
        and balance > 0
        and due is not None
        and due < today
    )


@dataclass(frozen=True, slots=True)
class Order:
    id: int
    data: OrderData
    number: str
    company_name: str
    contact_name: str | None
    owner_name: str | None
    opportunity_title: str | None
    total: Decimal
    paid: Decimal
    version: int
    quote_id: int | None = None

    @property
    def balance(self) -> Decimal:
        return self.total - self.paid

    @property
    def figures(self) -> Figures:
        """Revenue, cost, gross profit and margin of the order (of its lines with a known
        cost; the others counted apart)."""
        c = order_cost(self.data.lines)
        return Figures(self.total, c.cost, c.uncosted_amount, c.uncosted_lines)

    def overdue(self, today: date) -> bool:
        d = self.data
        return is_overdue(d.kind, d.status, self.balance, d.due_date, today)


@dataclass(frozen=True, slots=True)
class OrderRow:
    """A row of the orders list."""

    id: int
    kind: OrderKind
    number: str
    order_date: date
    due_date: date | None
    company_name: str
    owner_name: str | None
    status: OrderStatus
    currency: str
    total: Decimal
    paid: Decimal

    @property
    def balance(self) -> Decimal:
        return self.total - self.paid

    def overdue(self, today: date) -> bool:
        return is_overdue(self.kind, self.status, self.balance, self.due_date, today)


@dataclass(frozen=True, slots=True)
class PaymentData:
    order_id: int
    amount: Decimal
    paid_on: date
    method: str = PaymentMethod.TRANSFER.value
    reference: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Payment:
    id: int
    data: PaymentData
    user_name: str | None
    version: int


@dataclass(frozen=True, slots=True)
class Receivable:
    """What a customer still owes: per customer, summed over its orders."""

    company_id: int
    company_name: str
    orders: int
    total: Decimal
    paid: Decimal
    overdue: Decimal
    oldest_due: date | None = None
    currency: str = "CNY"  # a customer owing in two currencies has a row for each

    @property
    def balance(self) -> Decimal:
        return self.total - self.paid


@dataclass(frozen=True, slots=True)
class OrderFilter:
    search: str = ""
    kind: OrderKind | None = None
    company_id: int | None = None
    owner_id: int | None = None
    unpaid_only: bool = False
