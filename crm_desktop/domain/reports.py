"""What the reports return (frozen, plain data the Reports tab, the CLI and the chart builders
share) and their pure rules: gross profit and margin, ABC classes, RFM segments.

Money is Decimal, exact to the cent, and never added across currencies: every row names its
currency. Shares and margins are floats rounded for display only (classes are decided on exact
sums)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class ReportFilter:
    """What every report can be narrowed to. ``start``/``end`` are inclusive (None: open);
    ``owner_id`` is the salesperson of the order; ``region``/``industry`` the customer's;
    ``currency`` None means the most used one (reports that list currencies side by side
    take every currency)."""

    start: date | None = None
    end: date | None = None
    owner_id: int | None = None
    region: str | None = None
    industry: str | None = None
    currency: str | None = None


class Grain(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Dimension(StrEnum):
    """What sales and profit can be grouped by besides time."""

    OWNER = "owner"
    REGION = "region"
    INDUSTRY = "industry"
    CUSTOMER = "customer"
    GRADE = "grade"
    PRODUCT = "product"
    CATEGORY = "category"


@dataclass(frozen=True, slots=True)
class Figures:
    """Revenue and what is known of its cost. Lines without a known cost are counted apart:
    profit and margin are of the costed revenue only (never a 100 % margin for an unknown
    cost); ``margin`` is None when no revenue has a known cost."""

    revenue: Decimal = ZERO
    cost: Decimal = ZERO
    uncosted_revenue: Decimal = ZERO
    uncosted_lines: int = 0

    @property
    def costed_revenue(self) -> Decimal:
        return self.revenue - self.uncosted_revenue

    @property
    def profit(self) -> Decimal:
        return self.costed_revenue - self.cost

    @property
    def margin(self) -> float | None:
        if self.costed_revenue <= 0:
            return None
        return round(float(self.profit / self.costed_revenue), 4)


@dataclass(frozen=True, slots=True)
class SalesRow:
    """One period ("2026-11", "2026-Q4", "2026") or one group (an owner, a region, a product
    …) in one currency. ``key`` identifies it (an id as text for owner/customer/product),
    ``label`` is what is shown. ``last_year`` is the same period a year before (periods only),
    ``received`` the payments received in the period (periods only)."""

    key: str
    label: str
    currency: str
    orders: int
    figures: Figures
    last_year: Figures | None = None
    received: Decimal | None = None


AGEING_BUCKETS = ("not due", "0-30", "31-60", "61-90", ">90")  # days past due


@dataclass(frozen=True, slots=True)
class AgeingRow:
    """Open balances of one currency by days past due: not yet due, 0–30, 31–60, 61–90, >90."""

    currency: str
    not_due: Decimal
    days_0_30: Decimal
    days_31_60: Decimal
    days_61_90: Decimal
    over_90: Decimal
    orders: int

    @property
    def buckets(self) -> tuple[tuple[str, Decimal], ...]:
        amounts = (self.not_due, self.days_0_30, self.days_31_60, self.days_61_90, self.over_90)
        return tuple(zip(AGEING_BUCKETS, amounts, strict=True))

    @property
    def total(self) -> Decimal:
        return sum((amount for _, amount in self.buckets), ZERO)


@dataclass(frozen=True, slots=True)
class PayDays:
    """How long a customer takes to pay its fully paid orders: from order date to the last
    payment, and beyond the due date (negative: early), averaged over its orders."""

    company_id: int
    name: str
    currency: str
    orders: int
    days_to_pay: float
    days_late: float | None


@dataclass(frozen=True, slots=True)
class ConversionRow:
    """Leads of one source: how many, how many were converted, how many became won deals."""

    source: str
    leads: int
    converted: int
    won: int

    @property
    def rate(self) -> float | None:
        return round(self.converted / self.leads, 4) if self.leads else None

    @property
    def won_rate(self) -> float | None:
        return round(self.won / self.leads, 4) if self.leads else None


@dataclass(frozen=True, slots=True)
class ActivityCount:
    """Activities of one kind logged by one salesperson in the week starting ``week``."""

    week: date
    user: str
    kind: str
    count: int


# -- ABC -----------------------------------------------------------------------------------
class AbcBasis(StrEnum):
    REVENUE = "revenue"
    PROFIT = "profit"
    PAYMENTS = "payments"


DEFAULT_CUTOFFS = (Decimal("0.8"), Decimal("0.95"))
CLASSES = ("A", "B", "C")


def abc_class(before: int, total: int, cutoffs: tuple[Decimal, Decimal]) -> str:
    """The class of a customer whose better customers (strictly greater value) sum to
    ``before`` of ``total`` (exact integers, cents): A while that is under the first cut-off
    (the customer that crosses 80 % is still A), B under the second, else C. Equal values
    have equal ``before``, so ties at a cut-off share one class."""
    if total <= 0:
        return "C"
    if before < cutoffs[0] * total:
        return "A"
    if before < cutoffs[1] * total:
        return "B"
    return "C"


@dataclass(frozen=True, slots=True)
class AbcCustomer:
    """``value`` is the basis (revenue, gross profit or payments) in the period; customers
    without any order (or payment) in the period have ``no_sales`` and class C; a value of zero
    or below adds nothing to the shares and is C."""

    company_id: int
    name: str
    value: Decimal
    share: float
    cumulative_share: float
    cls: str
    grade: str | None  # the grade the company has now
    no_sales: bool = False


@dataclass(frozen=True, slots=True)
class AbcClass:
    cls: str
    customers: int
    value: Decimal
    share: float


@dataclass(frozen=True, slots=True)
class AbcResult:
    basis: AbcBasis
    currency: str | None
    start: date | None
    end: date | None
    cutoffs: tuple[Decimal, Decimal]
    total: Decimal
    classes: tuple[AbcClass, ...]
    customers: tuple[AbcCustomer, ...]  # best first; customers without sales last

    def customer_ids(self, cls: str) -> tuple[int, ...]:
        """The customers of one class: what a click on a class opens in the Contacts list."""
        return tuple(c.company_id for c in self.customers if c.cls == cls)


@dataclass(frozen=True, slots=True)
class GradeChange:
    """A company whose grade ``apply_grades`` changed: enough to undo it (and to see that a
    colleague changed it since: its version moved on)."""

    company_id: int
    old: str | None
    new: str
    version: int  # the company's version after the change


@dataclass(frozen=True, slots=True)
class GradesApplied:
    changes: tuple[GradeChange, ...]
    unchanged: int  # companies that already had their class as grade


@dataclass(frozen=True, slots=True)
class GradesUndone:
    restored: int
    kept: tuple[int, ...] = field(default=())  # changed by someone since: left as they are


# -- RFM -----------------------------------------------------------------------------------
class Segment(StrEnum):
    CHAMPIONS = "champions"
    LOYAL = "loyal"
    POTENTIAL = "potential"
    AT_RISK = "at risk"
    CANT_LOSE = "can't lose"
    HIBERNATING = "hibernating"
    LOST = "lost"


def quintile(rank: int, ties: int, count: int) -> int:
    """Score 1–5 of a customer ranked ``rank`` (1-based, worst first; SQL RANK(): the first
    place of its tie group) among ``count``, its value shared by ``ties`` customers. A tie
    group scores as its middle place (the average rank, as statistics ranks ties): equal values
    always score alike, and a group straddling a quintile boundary goes neither to its best
    nor to its worst end (half of all customers ordering today are not all "3" or all "5")."""
    if count <= 0:
        return 1
    # 1 + floor(5 × (average rank − 1) / count), average rank = rank + (ties − 1) / 2
    return 1 + (5 * (2 * rank + ties - 3)) // (2 * count)


def rfm_segment(r: int, f: int, m: int) -> Segment:
    """Named segments from recency and the frequency–monetary average (rounded half up); every
    (r, f, m) from 1 to 5 gets exactly one."""
    fm = (f + m + 1) // 2
    if r >= 4 and fm >= 4:
        return Segment.CHAMPIONS
    if r >= 3 and fm >= 3:
        return Segment.LOYAL
    if r >= 3:
        return Segment.POTENTIAL
    if r == 1 and fm >= 4:
        return Segment.CANT_LOSE
    if fm >= 3:
        return Segment.AT_RISK
    if r == 2:
        return Segment.HIBERNATING
    return Segment.LOST


@dataclass(frozen=True, slots=True)
class RfmCustomer:
    company_id: int
    name: str
    recency_days: int
    frequency: int
    monetary: Decimal
    r: int
    f: int
    m: int
    segment: Segment


@dataclass(frozen=True, slots=True)
class SegmentTotal:
    segment: Segment
    customers: int
    revenue: Decimal


@dataclass(frozen=True, slots=True)
class RfmResult:
    currency: str | None
    start: date | None
    end: date  # recency is counted to this day
    customers: tuple[RfmCustomer, ...]
    segments: tuple[SegmentTotal, ...]  # every segment, in Segment order

    def customer_ids(self, segment: Segment) -> tuple[int, ...]:
        return tuple(c.company_id for c in self.customers if c.segment is segment)


@dataclass(frozen=True, slots=True)
class Lapsed:
    """A customer who stopped: no order for longer than its usual interval between orders."""

    company_id: int
    name: str
    last_order: date
    usual_days: float
    days_since: int


@dataclass(frozen=True, slots=True)
class Retention:
    """Customers who bought in the period before (same length) and in this one."""

    previous: int
    retained: int
    new: int
    lost: int
    lapsed: tuple[Lapsed, ...]

    @property
    def rate(self) -> float | None:
        return round(self.retained / self.previous, 4) if self.previous else None
