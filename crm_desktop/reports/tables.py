"""Report results as tables (a title, headers and rows of plain values) in English or Chinese:
what the CLI prints, what the Reports tab shows, what goes into the .xlsx export. Money stays
Decimal (the export writes it as a number to the cent), shares are fractions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crm_desktop.domain.reports import AGEING_BUCKETS, AbcResult, AgeingRow, RfmResult, SalesRow
from crm_desktop.reports.labels import segment_name, text


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def _h(lang: str, *keys: str) -> tuple[str, ...]:
    return tuple(text(k, lang) for k in keys)


def abc_table(result: AbcResult, lang: str = "en") -> Table:
    basis = {"revenue": "Revenue", "profit": "Profit", "payments": "Payments"}[result.basis]
    rows = tuple(
        (c.cls, c.name, c.value, c.share, c.cumulative_share, text("No sales", lang) if c.no_sales else "")
        for c in result.customers
    )  # fmt: skip
    return Table(
        text("ABC analysis by {basis}", lang, basis=result.basis.value),
        _h(lang, "Class", "Customer", basis, "Share", "Cumulative share", "No sales"),
        rows,
    )


def abc_classes_table(result: AbcResult, lang: str = "en") -> Table:
    basis = {"revenue": "Revenue", "profit": "Profit", "payments": "Payments"}[result.basis]
    return Table(
        text("ABC analysis by {basis}", lang, basis=result.basis.value),
        _h(lang, "Class", "Customers", basis, "Share"),
        tuple((k.cls, k.customers, k.value, k.share) for k in result.classes),
    )


def rfm_table(result: RfmResult, lang: str = "en") -> Table:
    return Table(
        text("RFM segments", lang),
        (*_h(lang, "Customer", "Recency (days)", "Frequency", "Monetary"), "R", "F", "M",
         text("Segment", lang)),
        tuple(
            (c.name, c.recency_days, c.frequency, c.monetary, c.r, c.f, c.m,
             segment_name(c.segment, lang))
            for c in result.customers
        ),
    )  # fmt: skip


def segments_table(result: RfmResult, lang: str = "en") -> Table:
    return Table(
        text("RFM segments", lang),
        _h(lang, "Segment", "Customers", "Revenue"),
        tuple((segment_name(s.segment, lang), s.customers, s.revenue) for s in result.segments),
    )


def sales_table(
    rows: Sequence[SalesRow], lang: str = "en", *, periods: bool, by: str = "customer"
) -> Table:
    """Periods: revenue against last year and payments received; groups: revenue, cost, gross
    profit, margin and what has no known cost."""
    if periods:
        return Table(
            text("Revenue", lang),
            _h(lang, "Period", "Currency", "Orders", "Revenue", "Last year", "Gross profit",
               "Margin", "Received"),
            tuple(
                (r.label, r.currency, r.orders, r.figures.revenue,
                 r.last_year.revenue if r.last_year else None, r.figures.profit, r.figures.margin,
                 r.received)
                for r in rows
            ),
        )  # fmt: skip
    return Table(
        text("Gross profit", lang),
        (text(by, lang).capitalize(), *_h(lang, "Currency", "Orders", "Revenue", "Cost",
         "Gross profit", "Margin", "Lines without cost", "Revenue without cost")),
        tuple(
            (r.label, r.currency, r.orders, r.figures.revenue, r.figures.cost, r.figures.profit,
             r.figures.margin, r.figures.uncosted_lines, r.figures.uncosted_revenue)
            for r in rows
        ),
    )  # fmt: skip


def ageing_table(rows: Sequence[AgeingRow], lang: str = "en") -> Table:
    return Table(
        text("Receivables ageing", lang),
        (text("Currency", lang), *(text(name, lang) for name in AGEING_BUCKETS),
         text("Open balance", lang), text("Orders", lang)),
        tuple((r.currency, *(v for _, v in r.buckets), r.total, r.orders) for r in rows),
    )  # fmt: skip
