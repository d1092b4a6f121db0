"""What the report queries share: which orders count as sales, the filters, period keys in
both dialects, and cents turned back into money.

Sales are live orders (not quotes, not cancelled) of customers not in the Trash. The three
conditions on the order are written as literals, the very terms of the partial covering index
``ix_orders_report``: SQLite uses a partial index only when the query repeats its condition
(a bound parameter would not do)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, String, cast, func, literal_column, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import COMPANY, cents
from crm_desktop.domain.pipeline import money
from crm_desktop.domain.reports import Figures, Grain, ReportFilter

ORD = m.Order
ORDER_LITERAL: ColumnElement[str] = literal_column("'order'")
CANCELLED_LITERAL: ColumnElement[str] = literal_column("'cancelled'")


def sales_orders() -> list[ColumnElement[bool]]:
    """The orders that are sales (with ``COMPANY`` joined: its customer not in the Trash)."""
    return [
        ORD.deleted_at.is_(None),
        ORD.kind == ORDER_LITERAL,
        ORD.status != CANCELLED_LITERAL,
        COMPANY.deleted_at.is_(None),
    ]


def in_period(
    q: Select[Any], column: Any, flt: ReportFilter, *, moments: bool = False
) -> Select[Any]:
    """``q`` where the date ``column`` lies in the period (both ends included); a timestamp
    column (``moments``) from the first day's midnight (UTC) to before the next day after the
    last."""
    if flt.start is not None:
        q = q.where(column >= (_moment(flt.start) if moments else flt.start))
    if flt.end is not None:
        q = q.where(column < _moment(flt.end + timedelta(days=1)) if moments else column <= flt.end)
    return q


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


def customer_conditions(flt: ReportFilter, company: Any) -> list[ColumnElement[bool]]:
    """The filter's region and industry, on a company table (or alias)."""
    out = []
    if flt.region:
        out.append(company.region == flt.region)
    if flt.industry:
        out.append(company.industry == flt.industry)
    return out


def filtered(q: Select[Any], flt: ReportFilter, *, dates: bool = True) -> Select[Any]:
    """``q`` (over orders joined to ``COMPANY``) narrowed to the filter: order date within the
    period (unless ``dates`` is False), salesperson, the customer's region and industry, and
    the currency when one is given."""
    if dates:
        q = in_period(q, ORD.order_date, flt)
    if flt.owner_id is not None:
        q = q.where(ORD.owner_id == flt.owner_id)
    q = q.where(*customer_conditions(flt, COMPANY))
    if flt.currency:
        q = q.where(ORD.currency == flt.currency)
    return q


def sales_select(*columns: Any) -> Select[Any]:
    return select_from_orders(*columns).where(*sales_orders())


def select_from_orders(*columns: Any) -> Select[Any]:
    return select(*columns).select_from(ORD).join(COMPANY, COMPANY.id == ORD.company_id)


def period_key(dialect: str, grain: Grain, column: Any) -> Any:
    """ "2026-11", "2026-Q4" or "2026" of a date column, in SQL."""
    if dialect == "postgresql":
        pattern = {Grain.MONTH: "YYYY-MM", Grain.QUARTER: 'YYYY-"Q"Q', Grain.YEAR: "YYYY"}
        return func.to_char(column, pattern[grain])
    if grain is Grain.QUARTER:
        month = cast(func.strftime("%m", column), Integer)
        return func.strftime("%Y-Q", column).concat(cast((month + 2) // 3, String))
    return func.strftime("%Y-%m" if grain is Grain.MONTH else "%Y", column)


def week_start(dialect: str, column: Any) -> Any:
    """The Monday of the week of a timestamp (as a date in PostgreSQL, ISO text in SQLite)."""
    if dialect == "postgresql":
        return func.date(func.date_trunc("week", column))
    return func.date(column, "weekday 0", "-6 days")


def days_between(dialect: str, later: Any, earlier: Any) -> Any:
    """Whole days from ``earlier`` to ``later`` (dates), in SQL."""
    if dialect == "postgresql":
        return later - earlier
    return func.julianday(later) - func.julianday(earlier)


def amount(total_cents: Any) -> Decimal:
    """Whole cents summed in SQL, as money."""
    return money(Decimal(int(total_cents or 0)).scaleb(-2))


def figure_columns() -> tuple[Any, Any, Any, Any]:
    """Σ total, Σ cost, Σ amount without known cost (cents), Σ lines without cost."""
    return (
        func.coalesce(func.sum(cents(ORD.total)), 0),
        func.coalesce(func.sum(cents(ORD.cost)), 0),
        func.coalesce(func.sum(cents(ORD.uncosted_amount)), 0),
        func.coalesce(func.sum(ORD.uncosted_lines), 0),
    )


def figures(revenue: Any, cost: Any, uncosted: Any, lines: Any) -> Figures:
    return Figures(amount(revenue), amount(cost), amount(uncosted), int(lines or 0))


def shift_year(key: str, years: int) -> str:
    """A period key ("2025-11", "2025-Q4", "2025") moved by ``years``."""
    return f"{int(key[:4]) + years:04d}{key[4:]}"


def year_earlier(day: date) -> date:
    """The same day a year before (29 February: the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)
