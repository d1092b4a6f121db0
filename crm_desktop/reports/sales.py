"""Sales and profit as SQL aggregations: by period against the year before, by salesperson,
region, industry, customer, grade, product and category; receivables ageing and days to pay;
lead conversion by source; activities per salesperson and week.

Sums are of whole cents (exact on SQLite, whose NUMERIC is binary floating point). Profit by
customer, owner, region or period reads the orders alone (they keep their lines' cost); only
product and category read the lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, distinct, func, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import COMPANY, cents
from crm_desktop.domain.reports import (
    ActivityCount,
    AgeingRow,
    ConversionRow,
    Dimension,
    Figures,
    Grain,
    PayDays,
    ReportFilter,
    SalesRow,
)
from crm_desktop.reports.common import (
    ORD,
    amount,
    days_between,
    figure_columns,
    figures,
    filtered,
    in_period,
    period_key,
    sales_orders,
    sales_select,
    shift_year,
    week_start,
    year_earlier,
)

if TYPE_CHECKING:
    from crm_desktop.db.unit_of_work import UnitOfWork

L = m.OrderLine
P = m.Product


def sales(uow: UnitOfWork, flt: ReportFilter, by: Grain | Dimension) -> list[SalesRow]:
    """Revenue, cost and gross profit per period or group and currency. Periods come with the
    same period a year before and the payments received in it, oldest first; groups come
    largest revenue first (per currency)."""
    if isinstance(by, Grain):
        return _by_period(uow, flt, by)
    if by in (Dimension.PRODUCT, Dimension.CATEGORY):
        return _by_product(uow, flt, by)
    return _by_order_group(uow, flt, by)


def _by_period(uow: UnitOfWork, flt: ReportFilter, grain: Grain) -> list[SalesRow]:
    ctx = uow.ctx
    key = period_key(ctx.dialect, grain, ORD.order_date)
    q = sales_select(key, ORD.currency, func.count(ORD.id), *figure_columns()).group_by(
        key, ORD.currency
    )
    now = {
        (k, cur): (int(n), figures(*f)) for k, cur, n, *f in ctx.session.execute(filtered(q, flt))
    }
    before = ReportFilter(
        start=flt.start and year_earlier(flt.start),
        end=flt.end and year_earlier(flt.end),
        owner_id=flt.owner_id,
        region=flt.region,
        industry=flt.industry,
        currency=flt.currency,
    )
    last = {
        (shift_year(k, 1), cur): figures(*f)
        for k, cur, _n, *f in ctx.session.execute(filtered(q, before))
    }
    received = _received(uow, flt, grain)
    rows = []
    for k, cur in sorted(set(now) | set(received)):
        n, fig = now.get((k, cur), (0, Figures()))
        rows.append(
            SalesRow(
                k,
                k,
                cur,
                n,
                fig,
                last.get((k, cur), Figures()),
                received.get((k, cur), Decimal("0.00")),
            )
        )
    return rows


def _received(uow: UnitOfWork, flt: ReportFilter, grain: Grain) -> dict[tuple[str, str], Decimal]:
    """Payments received per period (of their date) and currency, on orders that are sales."""
    pay = m.Payment
    key = period_key(uow.ctx.dialect, grain, pay.paid_on)
    q = (
        select(key, ORD.currency, func.sum(cents(pay.amount)))
        .select_from(pay)
        .join(ORD, ORD.id == pay.order_id)
        .join(COMPANY, COMPANY.id == ORD.company_id)
        .where(pay.deleted_at.is_(None), *sales_orders())
        .group_by(key, ORD.currency)
    )
    q = filtered(in_period(q, pay.paid_on, flt), flt, dates=False)
    return {(k, cur): amount(total) for k, cur, total in uow.ctx.session.execute(q)}


_GROUP_COLUMNS: dict[Dimension, Any] = {
    Dimension.OWNER: ORD.owner_id,
    Dimension.REGION: COMPANY.region,
    Dimension.INDUSTRY: COMPANY.industry,
    Dimension.GRADE: COMPANY.grade,
}


def _by_order_group(uow: UnitOfWork, flt: ReportFilter, by: Dimension) -> list[SalesRow]:
    ctx = uow.ctx
    if by is Dimension.CUSTOMER:
        group: list[Any] = [ORD.company_id, COMPANY.name]
    else:
        group = [_GROUP_COLUMNS[by]]
    q = sales_select(*group, ORD.currency, func.count(ORD.id), *figure_columns()).group_by(
        *group, ORD.currency
    )
    rows = []
    for r in ctx.session.execute(filtered(q, flt)):
        values = list(r)
        if by is Dimension.CUSTOMER:
            company_id, name = values.pop(0), values.pop(0)
            key, label = str(company_id), name
        elif by is Dimension.OWNER:
            owner = values.pop(0)
            key, label = ("" if owner is None else str(owner)), ctx.user_name(owner) or ""
        else:
            value = values.pop(0) or ""
            key, label = value, value
        currency, n, *f = values
        rows.append(SalesRow(key, label, currency, int(n), figures(*f)))
    return _largest_first(rows)


def _by_product(uow: UnitOfWork, flt: ReportFilter, by: Dimension) -> list[SalesRow]:
    known = L.unit_cost.is_not(None)
    line_figures = (
        func.coalesce(func.sum(cents(L.amount)), 0),
        func.coalesce(func.sum(case((known, cents(L.unit_cost * L.quantity)), else_=0)), 0),
        func.coalesce(func.sum(case((known, 0), else_=cents(L.amount))), 0),
        func.coalesce(func.sum(case((known, 0), else_=1)), 0),
    )
    group: list[Any] = [L.product_id, P.name] if by is Dimension.PRODUCT else [P.category]
    q = (
        select(*group, ORD.currency, func.count(distinct(ORD.id)), *line_figures)
        .select_from(L)
        .join(ORD, ORD.id == L.order_id)
        .join(COMPANY, COMPANY.id == ORD.company_id)
        .outerjoin(P, P.id == L.product_id)
        .where(*sales_orders())
        .group_by(*group, ORD.currency)
    )
    rows = []
    for r in uow.ctx.session.execute(filtered(q, flt)):
        values = list(r)
        if by is Dimension.PRODUCT:
            product_id, name = values.pop(0), values.pop(0)
            key, label = ("" if product_id is None else str(product_id)), name or ""
        else:
            key = label = values.pop(0) or ""
        currency, n, *f = values
        rows.append(SalesRow(key, label, currency, int(n), figures(*f)))
    return _largest_first(rows)


def _largest_first(rows: list[SalesRow]) -> list[SalesRow]:
    rows.sort(key=lambda r: (r.currency, -r.figures.revenue, r.label, r.key))
    return rows


# -- receivables ---------------------------------------------------------------------------
def ageing(uow: UnitOfWork, flt: ReportFilter, today: date) -> list[AgeingRow]:
    """Open balances (orders that are sales) per currency, by days past their due date on
    ``today``; an order without due date counts as not yet due. The period is not applied:
    what is owed today is owed whenever it was ordered."""
    balance = cents(ORD.total) - cents(ORD.paid)
    late = days_between(uow.ctx.dialect, today, ORD.due_date)

    def bucket(cond: Any) -> Any:
        return func.coalesce(func.sum(case((cond, balance), else_=0)), 0)

    not_due = ORD.due_date.is_(None) | (ORD.due_date >= today)
    due = ORD.due_date < today
    q = sales_select(
        ORD.currency,
        bucket(not_due),
        bucket(and_(due, late <= 30)),
        bucket(and_(due, late > 30, late <= 60)),
        bucket(and_(due, late > 60, late <= 90)),
        bucket(and_(due, late > 90)),
        func.count(ORD.id),
    ).where(balance > 0)
    q = filtered(q, flt, dates=False).group_by(ORD.currency).order_by(ORD.currency)
    return [
        AgeingRow(cur, amount(a), amount(b), amount(c), amount(d), amount(e), int(n))
        for cur, a, b, c, d, e, n in uow.ctx.session.execute(q)
    ]


def days_to_pay(uow: UnitOfWork, flt: ReportFilter) -> list[PayDays]:
    """Per customer and currency, over its fully paid orders of the period: average days from
    order to the last payment, and past the due date (negative: paid early); slowest first."""
    pay = m.Payment
    last = (
        select(pay.order_id, func.max(pay.paid_on).label("paid_on"))
        .where(pay.deleted_at.is_(None))
        .group_by(pay.order_id)
        .subquery()
    )
    dialect = uow.ctx.dialect
    q = (
        sales_select(
            ORD.company_id,
            COMPANY.name,
            ORD.currency,
            func.count(ORD.id),
            func.avg(days_between(dialect, last.c.paid_on, ORD.order_date)),
            func.avg(days_between(dialect, last.c.paid_on, ORD.due_date)),
        )
        .join(last, last.c.order_id == ORD.id)
        .where(cents(ORD.paid) >= cents(ORD.total), ORD.total > 0)
        .group_by(ORD.company_id, COMPANY.name, ORD.currency)
    )
    out = [
        PayDays(cid, name, cur, int(n), round(float(days), 1),
                None if late is None else round(float(late), 1))
        for cid, name, cur, n, days, late in uow.ctx.session.execute(filtered(q, flt))
    ]  # fmt: skip
    out.sort(key=lambda p: (-p.days_to_pay, p.name, p.company_id))
    return out


# -- pipeline and activity -----------------------------------------------------------------
def conversion(uow: UnitOfWork, flt: ReportFilter) -> list[ConversionRow]:
    """Leads created in the period by source: how many, converted, and won (a deal made from
    the lead reached a won stage); most leads first."""
    lead, deal, stage = m.Lead, m.Opportunity, m.Stage
    won = (
        select(deal.lead_id)
        .join(stage, stage.id == deal.stage_id)
        .where(deal.deleted_at.is_(None), stage.outcome == "won", deal.lead_id.is_not(None))
        .distinct()
        .subquery()
    )
    q = (
        select(
            lead.source,
            func.count(lead.id),
            func.coalesce(func.sum(case((lead.converted_at.is_not(None), 1), else_=0)), 0),
            func.count(won.c.lead_id),
        )
        .outerjoin(won, won.c.lead_id == lead.id)
        .where(lead.deleted_at.is_(None))
        .group_by(lead.source)
    )
    q = in_period(q, lead.created_at, flt, moments=True)
    if flt.owner_id is not None:
        q = q.where(lead.owner_id == flt.owner_id)
    rows = [
        ConversionRow(source or "", int(n), int(conv), int(w))
        for source, n, conv, w in uow.ctx.session.execute(q)
    ]
    rows.sort(key=lambda r: (-r.leads, r.source))
    return rows


def activities(uow: UnitOfWork, flt: ReportFilter) -> list[ActivityCount]:
    """Activities per salesperson, week (its Monday) and kind (call, visit, e-mail …)."""
    act = m.Activity
    ctx = uow.ctx
    week = week_start(ctx.dialect, act.occurred_at)
    q = (
        select(week, act.user_id, act.kind, func.count(act.id))
        .where(act.deleted_at.is_(None))
        .group_by(week, act.user_id, act.kind)
    )
    q = in_period(q, act.occurred_at, flt, moments=True)
    if flt.owner_id is not None:
        q = q.where(act.user_id == flt.owner_id)
    rows = [
        ActivityCount(
            w if isinstance(w, date) else date.fromisoformat(str(w)),
            ctx.user_name(user) or "",
            kind,
            int(n),
        )
        for w, user, kind, n in ctx.session.execute(q)
    ]
    rows.sort(key=lambda r: (r.week, r.user, r.kind))
    return rows
