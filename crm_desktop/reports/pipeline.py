"""Pipeline analyses as SQL aggregations: the weighted forecast of open deals and the funnel.

Amounts are summed in SQL as whole cents (SQLite keeps NUMERIC as binary floating point), the
weighted amount as cents × percent, so both are exact; the weighted total is rounded to the
cent once, by the same domain function the board uses."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import cents
from crm_desktop.domain.pipeline import ForecastRow, FunnelRow, Outcome, money, weighted_sum
from crm_desktop.reports.common import CANCELLED_LITERAL, ORDER_LITERAL

if TYPE_CHECKING:
    from crm_desktop.db.unit_of_work import UnitOfWork

_DEALS = m.Opportunity
# The three sums every report row carries: deals, Σ amount (cents), Σ amount × probability
# (cents × percent).
_COUNT = func.count(_DEALS.id)
_AMOUNT = func.coalesce(func.sum(cents(_DEALS.amount)), 0)
_WEIGHTED = func.coalesce(func.sum(cents(_DEALS.amount) * _DEALS.probability), 0)


def _amount(total_cents: Any) -> Decimal:
    return money(Decimal(int(total_cents)).scaleb(-2))


def _weighted(cents_times_percent: Any) -> Decimal:
    # Σ (amount × probability) in cents: as one "deal" of 100 % it goes through weighted_sum.
    return weighted_sum([(Decimal(int(cents_times_percent)).scaleb(-2), 1)])


def _month(dialect: str, column: Any) -> Any:
    if dialect == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def forecast(
    uow: UnitOfWork, by_owner: bool, by_month: bool, owner_id: int | None = None
) -> list[ForecastRow]:
    """Open deals grouped by close month ("2026-12", None without a close date) and/or owner,
    and always by currency: count, Σ amount, Σ amount × probability; by month, then owner,
    then currency."""
    ctx = uow.ctx
    group: list[Any] = []
    if by_month:
        group.append(_month(ctx.dialect, _DEALS.close_date))
    if by_owner:
        group.append(_DEALS.owner_id)
    group.append(_DEALS.currency)
    q = select(*group, _COUNT, _AMOUNT, _WEIGHTED).where(
        _DEALS.deleted_at.is_(None), _DEALS.closed_at.is_(None)
    )
    if owner_id is not None:
        q = q.where(_DEALS.owner_id == owner_id)
    q = q.group_by(*group)
    rows = []
    for r in ctx.session.execute(q):
        values = list(r)
        month = values.pop(0) if by_month else None
        owner = ctx.user_name(values.pop(0)) if by_owner else None
        currency, count, amount, weighted = values
        rows.append(
            ForecastRow(month, owner, int(count), _amount(amount), _weighted(weighted), currency)
        )
    rows.sort(key=lambda r: (r.month is None, r.month or "", r.owner or "", r.currency))
    return rows


def funnel(uow: UnitOfWork) -> list[FunnelRow]:
    """Per live stage, in the board's order, and per currency: deals in it (open or closed),
    Σ amount, Σ amount × probability. A stage without deals has one row of currency ""."""
    stage = m.Stage
    q = (
        select(stage.name, stage.outcome, _DEALS.currency, _COUNT, _AMOUNT, _WEIGHTED)
        .select_from(stage)
        .outerjoin(_DEALS, and_(_DEALS.stage_id == stage.id, _DEALS.deleted_at.is_(None)))
        .where(stage.deleted_at.is_(None))
        .group_by(stage.id, stage.name, stage.outcome, stage.position, _DEALS.currency)
        .order_by(stage.position, stage.id, _DEALS.currency)
    )
    return [
        FunnelRow(
            name, Outcome(outcome), int(count), _amount(amount), _weighted(weighted), cur or ""
        )
        for name, outcome, cur, count, amount, weighted in uow.ctx.session.execute(q)
    ]


def currencies(uow: UnitOfWork) -> list[str]:
    """The currencies of the orders that are sales (then of the live deals, when there are no
    orders), most used first."""
    o, deal = m.Order, m.Opportunity
    for q in (
        select(o.currency)
        .where(o.deleted_at.is_(None), o.kind == ORDER_LITERAL, o.status != CANCELLED_LITERAL)
        .group_by(o.currency)
        .order_by(func.count().desc(), o.currency),
        select(deal.currency)
        .where(deal.deleted_at.is_(None))
        .group_by(deal.currency)
        .order_by(func.count().desc(), deal.currency),
    ):
        found = [str(c) for c in uow.ctx.session.scalars(q)]
        if found:
            return found
    return []


def most_used_currency(uow: UnitOfWork) -> str | None:
    """What a report of one currency shows when none is asked for (None: no orders or deals)."""
    return next(iter(currencies(uow)), None)
