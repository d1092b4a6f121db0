"""The reports a user asks for (the Reports tab and ``crm-desktop report``): each opens a
reading unit of work, runs the SQL aggregation in ``crm_desktop.reports`` and returns frozen
records; ``apply_grades`` writes ABC classes to the companies' grades (one audited
transaction) and ``undo_grades`` takes them back.

Reports of money are of one currency unless they list currencies side by side: a filter
without currency gets the most used one (``currencies(ws)[0]``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from crm_desktop.db.repositories.companies import CompanyGrades
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.records import ChangeAction, RecordKind
from crm_desktop.domain.reports import (
    DEFAULT_CUTOFFS,
    AbcBasis,
    AbcResult,
    ActivityCount,
    AgeingRow,
    ConversionRow,
    Dimension,
    GradeChange,
    GradesApplied,
    GradesUndone,
    Grain,
    PayDays,
    ReportFilter,
    Retention,
    RfmResult,
    SalesRow,
)
from crm_desktop.io.writing import TableWriter
from crm_desktop.reports import customers as customer_reports
from crm_desktop.reports import pipeline as pipeline_reports
from crm_desktop.reports import sales as sales_reports
from crm_desktop.reports.pipeline import most_used_currency
from crm_desktop.services.writes import write

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from crm_desktop.db.unit_of_work import UnitOfWork
    from crm_desktop.services.workspace import Workspace


def _one_currency(uow: UnitOfWork, flt: ReportFilter) -> ReportFilter:
    if flt.currency:
        return flt
    return replace(flt, currency=most_used_currency(uow))


def currencies(ws: Workspace) -> list[str]:
    """The currencies of the orders, most used first (the currency filter's choices)."""
    with ws.reading() as uow:
        return pipeline_reports.currencies(uow)


def last_twelve_months(today: date) -> ReportFilter:
    """The default period: the twelve months up to today."""
    return ReportFilter(start=today - timedelta(days=364), end=today)


def sales(ws: Workspace, flt: ReportFilter, by: Grain | Dimension) -> list[SalesRow]:
    """Revenue, cost, gross profit and margin by period (against last year, with payments
    received) or by owner, region, industry, customer, grade, product or category; every
    currency apart unless the filter names one."""
    with ws.reading() as uow:
        return sales_reports.sales(uow, flt, by)


def top_customers(
    ws: Workspace, flt: ReportFilter, by_profit: bool = False, limit: int = 10
) -> list[SalesRow]:
    """The ``limit`` best customers of one currency by revenue (or gross profit)."""
    with ws.reading() as uow:
        rows = sales_reports.sales(uow, _one_currency(uow, flt), Dimension.CUSTOMER)
    if by_profit:
        rows.sort(key=lambda r: (-r.figures.profit, r.label, r.key))
    return rows[:limit]


def negative_margin_customers(ws: Workspace, flt: ReportFilter) -> list[SalesRow]:
    """Customers whose known costs exceed what they paid for those lines, worst first."""
    with ws.reading() as uow:
        rows = sales_reports.sales(uow, flt, Dimension.CUSTOMER)
    losing = [r for r in rows if r.figures.profit < 0]
    losing.sort(key=lambda r: (r.currency, r.figures.profit, r.label))
    return losing


def ageing(ws: Workspace, flt: ReportFilter, today: date) -> list[AgeingRow]:
    """Open balances per currency by days past due (0–30, 31–60, 61–90, > 90)."""
    with ws.reading() as uow:
        return sales_reports.ageing(uow, flt, today)


def days_to_pay(ws: Workspace, flt: ReportFilter) -> list[PayDays]:
    with ws.reading() as uow:
        return sales_reports.days_to_pay(uow, flt)


def conversion(ws: Workspace, flt: ReportFilter) -> list[ConversionRow]:
    """Lead-to-deal conversion by lead source."""
    with ws.reading() as uow:
        return sales_reports.conversion(uow, flt)


def activities(ws: Workspace, flt: ReportFilter) -> list[ActivityCount]:
    """Calls, visits, e-mails … per salesperson and week."""
    with ws.reading() as uow:
        return sales_reports.activities(uow, flt)


def _cutoffs(cutoffs: Sequence[Decimal | float | str]) -> tuple[Decimal, Decimal]:
    try:
        a, b = (Decimal(str(c)) for c in cutoffs)
    except (ValueError, ArithmeticError):
        raise ValidationError({"cutoffs": "Give two cut-offs such as 0.8 and 0.95."}) from None
    if not 0 < a < b <= 1:
        raise ValidationError(
            {"cutoffs": "The cut-offs are shares with 0 < A < B ≤ 1 (such as 0.8 and 0.95)."}
        )
    return a, b


def abc(
    ws: Workspace,
    flt: ReportFilter,
    basis: AbcBasis = AbcBasis.REVENUE,
    cutoffs: Sequence[Decimal | float | str] = DEFAULT_CUTOFFS,
) -> AbcResult:
    """ABC classification of the customers by revenue, gross profit or payments received in
    the period (one currency); customers without sales are C (``no_sales``)."""
    limits = _cutoffs(cutoffs)
    with ws.reading() as uow:
        return customer_reports.abc(uow, _one_currency(uow, flt), basis, limits)


def rfm(ws: Workspace, flt: ReportFilter, today: date) -> RfmResult:
    """RFM scores and segments of the customers with orders in the period (one currency);
    recency is counted to the period's end (or today)."""
    as_of = min(flt.end, today) if flt.end else today
    with ws.reading() as uow:
        return customer_reports.rfm(uow, _one_currency(uow, flt), as_of)


def retention(ws: Workspace, flt: ReportFilter, today: date) -> Retention:
    """Customers kept, won and lost against the period before, and the lapsed ones."""
    end = flt.end or today
    start = flt.start or end - timedelta(days=364)
    with ws.reading() as uow:
        return customer_reports.retention(uow, _one_currency(uow, flt), start, end)


def apply_grades(ws: Workspace, result: AbcResult, origin: object = None) -> GradesApplied:
    """Write each customer's ABC class to its company's grade in one transaction, audited;
    keep the result to undo it (``undo_grades``). Companies changed or trashed since the
    analysis are still graded: the class is of their sales, not of their record."""
    grades = {c.company_id: c.cls for c in result.customers}
    with write(ws, RecordKind.COMPANY, ChangeAction.UPDATED, origin) as w:
        changes, unchanged = CompanyGrades(w.uow.companies).set(grades)
        w.touched(ch.company_id for ch in changes)
    return GradesApplied(tuple(changes), unchanged)


def undo_grades(
    ws: Workspace, changes: Iterable[GradeChange], origin: object = None
) -> GradesUndone:
    """Give back the grades ``apply_grades`` replaced, in one audited transaction; a company a
    colleague changed since keeps its record as it is (listed in ``kept``)."""
    with write(ws, RecordKind.COMPANY, ChangeAction.UPDATED, origin) as w:
        restored, kept = CompanyGrades(w.uow.companies).restore(list(changes))
        w.touched(restored)
    return GradesUndone(len(restored), tuple(kept))


def export_table(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], sheet: str
) -> int:
    """A report table to .xlsx (or .csv) with the export's rules (bold frozen header, text
    kept text, no formulas); returns the rows written."""
    with TableWriter(path, headers, sheet_name=sheet[:31]) as out:
        for row in rows:
            out.write(row)
    return out.rows
