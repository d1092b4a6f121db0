"""Customer analyses as SQL aggregations and window functions: ABC classification, RFM scores
and retention. Each reads one value per customer from the orders (or payments) in one query;
Python only turns the ranked rows into records (one per customer, never one per line)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, case, func, literal, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import COMPANY, cents
from crm_desktop.domain.reports import (
    CLASSES,
    AbcBasis,
    AbcClass,
    AbcCustomer,
    AbcResult,
    Lapsed,
    ReportFilter,
    Retention,
    RfmCustomer,
    RfmResult,
    Segment,
    SegmentTotal,
    abc_class,
    quintile,
    rfm_segment,
)
from crm_desktop.reports.common import (
    ORD,
    amount,
    customer_conditions,
    days_between,
    filtered,
    in_period,
    sales_orders,
    sales_select,
)

if TYPE_CHECKING:
    from crm_desktop.db.unit_of_work import UnitOfWork


def _values(flt: ReportFilter, basis: AbcBasis) -> Select[Any]:
    """(company_id, value in cents) of the customers with sales in the period."""
    if basis is AbcBasis.PAYMENTS:
        pay = m.Payment
        # Grouped by company_id + 0: by the bare column SQLite walks ix_orders_company to skip
        # a sort, reading every order from the table (0.8 s at a million lines); so it scans
        # the covering ix_orders_report and sorts a few thousand groups (0.2 s).
        company = (ORD.company_id + 0).label("company_id")
        q = (
            select(company, func.sum(cents(pay.amount)).label("value"))
            .select_from(pay)
            .join(ORD, ORD.id == pay.order_id)
            .join(COMPANY, COMPANY.id == ORD.company_id)
            .where(pay.deleted_at.is_(None), *sales_orders())
        )
        return filtered(in_period(q, pay.paid_on, flt), flt, dates=False).group_by(company)
    value = cents(ORD.total)
    if basis is AbcBasis.PROFIT:
        value = value - cents(ORD.uncosted_amount) - cents(ORD.cost)
    q = sales_select(ORD.company_id.label("company_id"), func.sum(value).label("value"))
    return filtered(q, flt).group_by(ORD.company_id)


def abc(
    uow: UnitOfWork,
    flt: ReportFilter,
    basis: AbcBasis,
    cutoffs: tuple[Decimal, Decimal],
    with_no_sales: bool = True,
) -> AbcResult:
    """Customers ranked by ``basis`` in the period (one currency: ``flt.currency``), with share
    and cumulative share, classed A/B/C by the cut-offs (see domain.reports.abc_class). With
    ``with_no_sales`` the live customers of the filter without sales follow as C."""
    per = _values(flt, basis).subquery()
    v = case((per.c.value > 0, per.c.value), else_=0)
    q = (
        select(
            per.c.company_id,
            COMPANY.name,
            COMPANY.grade,
            per.c.value,
            func.sum(v).over(order_by=(v.desc(), per.c.company_id), rows=(None, 0)),
            func.sum(v).over(order_by=v.desc(), range_=(None, 0))
            - func.sum(v).over(partition_by=v),
            func.sum(v).over(),
        )
        .join(COMPANY, COMPANY.id == per.c.company_id)
        .order_by(v.desc(), per.c.company_id)
    )
    customers: list[AbcCustomer] = []
    total = 0
    for cid, name, grade, value, cum, before, all_ in uow.ctx.session.execute(q):
        total = int(all_)
        positive = max(int(value), 0)
        customers.append(
            AbcCustomer(
                company_id=cid,
                name=name,
                value=amount(value),
                share=round(positive / total, 4) if total else 0.0,
                cumulative_share=round(int(cum) / total, 4) if total else 0.0,
                cls=abc_class(int(before), total, cutoffs) if positive else "C",
                grade=grade,
            )
        )
    if with_no_sales:
        customers += _no_sales(uow, flt, {c.company_id for c in customers})
    classes = []
    for cls in CLASSES:
        members = [c for c in customers if c.cls == cls]
        value = sum((max(c.value, Decimal(0)) for c in members), Decimal("0.00"))
        share = round(float(value * 100) / total, 4) if total else 0.0
        classes.append(AbcClass(cls, len(members), value, share))
    return AbcResult(
        basis, flt.currency, flt.start, flt.end, cutoffs, amount(total), tuple(classes),
        tuple(customers),
    )  # fmt: skip


def _no_sales(uow: UnitOfWork, flt: ReportFilter, seen: set[int]) -> list[AbcCustomer]:
    c = m.Company
    q = (
        select(c.id, c.name, c.grade)
        .where(c.deleted_at.is_(None), *customer_conditions(flt, c))
        .order_by(c.name_sort, c.id)
    )
    if flt.owner_id is not None:  # the customer's owner: it has no orders to have sold them
        q = q.where(c.owner_id == flt.owner_id)
    return [
        AbcCustomer(cid, name, Decimal("0.00"), 0.0, 1.0, "C", grade, no_sales=True)
        for cid, name, grade in uow.ctx.session.execute(q)
        if cid not in seen
    ]


def rfm(uow: UnitOfWork, flt: ReportFilter, as_of: date) -> RfmResult:
    """Customers with orders in the period (one currency): days since the last order up to
    ``as_of``, orders, revenue, and each scored 1–5 by quintile (RANK() and the size of each
    tie group: equal values score alike, see domain.reports.quintile), and named segments with
    their counts and revenue."""
    per = filtered(
        sales_select(
            ORD.company_id.label("company_id"),
            func.max(ORD.order_date).label("last"),
            func.count(ORD.id).label("frequency"),
            func.sum(cents(ORD.total)).label("monetary"),
        ),
        flt,
    ).group_by(ORD.company_id)
    s = per.subquery()
    q = (
        select(
            s.c.company_id,
            COMPANY.name,
            s.c.last,
            s.c.frequency,
            s.c.monetary,
            func.rank().over(order_by=s.c.last),
            func.count().over(partition_by=s.c.last),
            func.rank().over(order_by=s.c.frequency),
            func.count().over(partition_by=s.c.frequency),
            func.rank().over(order_by=s.c.monetary),
            func.count().over(partition_by=s.c.monetary),
            func.count().over(),
        )
        .join(COMPANY, COMPANY.id == s.c.company_id)
        .order_by(s.c.monetary.desc(), s.c.company_id)
    )
    customers = []
    for cid, name, last, freq, money_, *ranks, n in uow.ctx.session.execute(q):
        last_day = last if isinstance(last, date) else date.fromisoformat(str(last))
        r, f, mm = (
            quintile(rank, ties, n) for rank, ties in zip(ranks[::2], ranks[1::2], strict=True)
        )
        customers.append(
            RfmCustomer(
                cid, name, (as_of - last_day).days, int(freq), amount(money_), r, f, mm,
                rfm_segment(r, f, mm),
            )
        )  # fmt: skip
    totals = [
        SegmentTotal(
            seg,
            sum(1 for c in customers if c.segment is seg),
            sum((c.monetary for c in customers if c.segment is seg), Decimal("0.00")),
        )
        for seg in Segment
    ]
    return RfmResult(flt.currency, flt.start, as_of, tuple(customers), tuple(totals))


def retention(uow: UnitOfWork, flt: ReportFilter, start: date, end: date) -> Retention:
    """Customers who bought in the period before ``start`` (as long as this one) and in
    [start, end]: retained, new, lost; and the lapsed: customers with two or more orders up to
    ``end`` whose days since the last order exceed their usual interval between orders."""
    length = (end - start).days + 1
    before = start - timedelta(days=length)
    now = case((ORD.order_date >= start, 1), else_=0)
    earlier = case((ORD.order_date < start, 1), else_=0)
    per = filtered(
        sales_select(
            ORD.company_id.label("company_id"),
            func.max(now).label("now"),
            func.max(earlier).label("earlier"),
        ),
        ReportFilter(before, end, flt.owner_id, flt.region, flt.industry, flt.currency),
    ).group_by(ORD.company_id)
    s = per.subquery()

    def count_of(cond: Any) -> Any:
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    previous, retained, new, lost = uow.ctx.session.execute(
        select(
            count_of(s.c.earlier == 1),
            count_of((s.c.earlier == 1) & (s.c.now == 1)),
            count_of((s.c.earlier == 0) & (s.c.now == 1)),
            count_of((s.c.earlier == 1) & (s.c.now == 0)),
        )
    ).one()
    return Retention(int(previous), int(retained), int(new), int(lost), _lapsed(uow, flt, end))


def _lapsed(uow: UnitOfWork, flt: ReportFilter, end: date) -> tuple[Lapsed, ...]:
    dialect = uow.ctx.dialect
    first, last, n = func.min(ORD.order_date), func.max(ORD.order_date), func.count(ORD.id)
    span = days_between(dialect, last, first)
    since = days_between(dialect, literal(end), last)
    q = filtered(
        sales_select(ORD.company_id, COMPANY.name, last, span, n),
        ReportFilter(None, end, flt.owner_id, flt.region, flt.industry, flt.currency),
    )
    q = q.group_by(ORD.company_id, COMPANY.name).having(n >= 2, since * (n - 1) > span)
    out = []
    for cid, name, last_day, days, count in uow.ctx.session.execute(q):
        day = last_day if isinstance(last_day, date) else date.fromisoformat(str(last_day))
        out.append(Lapsed(cid, name, day, round(float(days) / (count - 1), 1), (end - day).days))
    out.sort(key=lambda x: (-x.days_since, x.name, x.company_id))
    return tuple(out)
