"""The reports the tab lists: for each, what it asks the services (run in a worker), the chart
it draws and the table it shows, from the plain results.

``query`` runs off the GUI thread and touches nothing of Qt. ``chart`` and ``table`` run on the
GUI thread: ``chart`` returns a builder with its words already translated, so the tab calls it
at once to draw, and an export calls it again in its worker for a figure of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PySide6.QtCore import QCoreApplication

from crm_desktop.domain.records import ActivityKind
from crm_desktop.domain.reports import (
    DEFAULT_CUTOFFS,
    AbcBasis,
    AbcResult,
    Dimension,
    Grain,
    ReportFilter,
    Retention,
    RfmResult,
    SalesRow,
)
from crm_desktop.reports import charts
from crm_desktop.reports.labels import segment_name
from crm_desktop.reports.labels import text as label
from crm_desktop.services import reports as rs
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.labels import activity_label, source_label
from crm_desktop.ui.reports import figures
from crm_desktop.ui.reports.report_table import Col, Kind, ReportRow, ReportTable
from crm_desktop.ui.widgets.format import money_text

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls
MAX_PARETO_BARS = 400
ChartBuilder = Callable[[], Figure]


@dataclass(frozen=True)
class Options:
    """The report's own choices besides the filters (each report reads the ones it shows)."""

    grain: str = Grain.MONTH.value
    by: str = Dimension.OWNER.value
    view: str = ""
    basis: str = AbcBasis.REVENUE.value
    cutoffs: tuple[Decimal, Decimal] = DEFAULT_CUTOFFS


@dataclass(frozen=True)
class Loaded:
    """What a query brought: the report's result with the options and filter it was asked
    with (the tab may have moved on by the time it is shown)."""

    key: str
    options: Options
    filter: ReportFilter
    result: Any


def _money_cols(*keys: str, lang: str) -> tuple[Col, ...]:
    return tuple(Col(k.lower(), label(k, lang), Kind.MONEY) for k in keys)


def _pct(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else "–"


class Report:
    key = ""
    options: tuple[str, ...] = ()  # which option widgets show: grain, by, view, abc

    def title(self) -> str:
        raise NotImplementedError

    def views(self) -> list[tuple[str, str]]:
        """The choices of the "Show" box (key, words); none: the box hides."""
        return []

    def query(self, ws: Workspace, flt: ReportFilter, opts: Options, today: date) -> Any:
        raise NotImplementedError

    def chart(self, loaded: Loaded, lang: str) -> ChartBuilder:
        raise NotImplementedError

    def table(self, loaded: Loaded, lang: str) -> ReportTable:
        raise NotImplementedError


def _group_table(
    name: str,
    rows: list[SalesRow],
    header: str,
    lang: str,
    summary: str = "",
    *,
    customers: bool = False,
) -> ReportTable:
    cols = (
        Col("name", header),
        Col("currency", label("Currency", lang), Kind.CURRENCY),
        Col("orders", label("Orders", lang), Kind.COUNT),
        *_money_cols("Revenue", "Cost", "Gross profit", lang=lang),
        Col("margin", label("Margin", lang), Kind.SHARE),
        Col("uncosted_lines", label("Lines without cost", lang), Kind.COUNT),
        *_money_cols("Revenue without cost", lang=lang),
    )
    return ReportTable(
        name,
        cols,
        tuple(
            ReportRow(
                f"{r.currency}:{r.key}",
                (
                    r.label or label("(none)", lang),
                    r.currency,
                    r.orders,
                    r.figures.revenue,
                    r.figures.cost,
                    r.figures.profit,
                    r.figures.margin,
                    r.figures.uncosted_lines,
                    r.figures.uncosted_revenue,
                ),
                int(r.key) if customers and r.key.isdigit() else None,
            )
            for r in rows
        ),
        summary=summary,
    )


def _totals(rows: list[SalesRow]) -> str:
    """Revenue and gross profit summed per currency (never across currencies)."""
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for r in rows:
        sums[r.currency][0] += r.figures.revenue
        sums[r.currency][1] += r.figures.profit
    return " · ".join(
        translate("Reports", "Revenue {revenue}, gross profit {profit}").format(
            revenue=money_text(rev, cur), profit=money_text(profit, cur)
        )
        for cur, (rev, profit) in sums.items()
    )


class SalesByPeriod(Report):
    key = "sales_period"
    options = ("grain",)

    def title(self) -> str:
        return translate("Reports", "Sales by period")

    def query(self, ws: Workspace, flt: ReportFilter, opts: Options, today: date) -> Any:
        return rs.sales(ws, flt, Grain(opts.grain))

    def chart(self, loaded: Loaded, lang: str) -> ChartBuilder:
        rows, grain = loaded.result, loaded.options.grain
        return lambda: charts.sales_period_figure(rows, grain, lang)

    def table(self, loaded: Loaded, lang: str) -> ReportTable:
        rows: list[SalesRow] = loaded.result
        cols = (
            Col("period", label("Period", lang)),
            Col("currency", label("Currency", lang), Kind.CURRENCY),
            Col("orders", label("Orders", lang), Kind.COUNT),
            *_money_cols("Revenue", "Last year", "Gross profit", lang=lang),
            Col("margin", label("Margin", lang), Kind.SHARE),
            *_money_cols("Received", lang=lang),
        )
        return ReportTable(
            translate("Reports", "Sales by period"),
            cols,
            tuple(
                ReportRow(
                    f"{r.currency}:{r.key}",
                    (
                        r.label,
                        r.currency,
                        r.orders,
                        r.figures.revenue,
                        r.last_year.revenue if r.last_year else None,
                        r.figures.profit,
                        r.figures.margin,
                        r.received,
                    ),
                )
                for r in rows
            ),
            summary=_totals(rows),
        )


class SalesByGroup(Report):
    key = "sales_group"
    options = ("by",)

    def title(self) -> str:
        return translate("Reports", "Sales by salesperson, region, industry, product …")

    def query(self, ws: Workspace, flt: ReportFilter, opts: Options, today: date) -> Any:
        return rs.sales(ws, flt, Dimension(opts.by))

    def chart(self, loaded: Loaded, lang: str) -> ChartBuilder:
        rows, by = loaded.result, loaded.options.by
        return lambda: charts.breakdown_figure(rows, by, lang)

    def table(self, loaded: Loaded, lang: str) -> ReportTable:
        by = loaded.options.by
        return _group_table(
            translate("Reports", "Sales by group"),
            loaded.result,
            label(by, lang).capitalize(),
            lang,
            _totals(loaded.result),
            customers=by == Dimension.CUSTOMER.value,
        )


class TopCustomers(Report):
    key = "top_customers"
    options = ("view",)

    def title(self) -> str:
        return translate("Reports", "Top customers and negative margin")

    def views(self) -> list[tuple[str, str]]:
        return [
            ("revenue", translate("Reports", "Top 10 by revenue")),
            ("profit", translate("Reports", "Top 10 by gross profit")),
            ("negative", translate("Reports", "Negative margin")),
        ]

    def query(self, ws: Workspace, flt: ReportFilter, opts: Options, today: date) -> Any:
        if opts.view == "negative":
            return rs.negative_margin_customers(ws, flt)
        return rs.top_customers(ws, flt, by_profit=opts.view == "profit")

    def chart(self, loaded: Loaded, lang: str) -> ChartBuilder:
        rows = loaded.result
        title = dict(self.views()).get(loaded.options.view, "")

        def build() -> Figure:
            fig = charts.breakdown_figure(rows, "customer", lang)
            fig.axes[0].set_title(title)
            return fig

        return build

    def table(self, loaded: Loaded, lang: str) -> ReportTable:
        summary = ""
        if loaded.options.view == "negative":
            summary = translate(
                "Reports", "Customers whose known costs exceed what they paid for those lines."
            )
        return _group_table(
            translate("Reports", "Top customers"),
            loaded.result,
            label("Customer", lang),
            lang,
            summary,
            customers=True,
        )


class Receivables(Report):
    key = "receivables"
    options = ("view",)

    def title(self) -> str:
        return translate("Reports", "Receivables ageing and days to pay")

    def views(self) -> list[tuple[str, str]]:
        return [
            ("ageing", translate("Reports", "Ageing")),
            ("days", translate("Reports", "Days to pay")),
        ]

    def query(self, ws: Workspace, flt: ReportFilter, opts: Options, today: date) -> Any:
        if opts.view == "days":
            return rs.days_to_pay(ws, flt)
        return rs.ageing(ws, flt, today)

    def _words(self) -> dict[str, str]:
        return {
            "title": translate("Reports", "Slowest payers"),
            "empty": translate("Reports", "No fully paid orders in this period"),
            "days": translate("Reports", "Days to pay (by the due date)"),
            "late": translate("Reports", "Days late"),
            "axis": translate("Reports", "Days from order to payment"),
        }

    def chart(self, loaded: Loaded, lang: str) -> ChartBuilder:
        rows, currency = loaded.result, loaded.filter.currency
        if loaded.options.view == "days":
            words = self._words()
            return lambda: figures.days_to_pay_figure(rows, words)
        return lambda: charts.ageing_figure(rows, lang, currency)

    def table(self, loaded: Loaded, lang: str) -> ReportTable:
        if loaded.options.view == "days":
            return ReportTable(
                translate("Reports", "Days to pay"),
                (
                    Col("customer", label("Customer", lang)),
                    Col("currency", label("Currency", lang), Kind.CURRENCY),
                    Col("orders", label("Orders", lang), Kind.COUNT),
                    Col("days", label("Days to pay", lang), Kind.DAYS),
                    Col("late", label("Days late", lang), Kind.DAYS),
                ),
                tuple(
                    ReportRow(
                        f"{p.currency}:{p.company_id}",
                        (p.name, p.currency, p.orders, p.days_to_pay, p.days_late),
                        p.company_id,
                    )
                    for p in loaded.result
                ),
                summary=translate(
                    "Reports", "Fully paid orders of the period: days from order to last payment."
                ),
            )
        rows: list[ReportRow] = []
        for r in loaded.result:
            total = r.total
            for name, amount in (*r.buckets, ("Open balance", total)):
                share = float(amount / total) if total else None
                rows.append(
                    ReportRow(
                        f"{r.currency}:{name}", (label(name, lang), r.currency, amount, share)
                    )
                )
        return ReportTable(
            translate("Reports", "Receivables ageing"),
            (
                Col("days", label("Days past due", lang)),
                Col("currency", label("Currency", lang), Kind.CURRENCY),
                Col("amount", label("Open balance", lang), Kind.MONEY),
                Col("share", label("Share", lang), Kind.SHARE),
            ),
            tuple(rows),
            summary=translate("Reports", "Open balances by days past due, as of today.")
            + " "
            + translate("Reports", "{n} orders not fully paid.").format(
                n=sum(r.orders for r in loaded.result)
            ),
        )


class Conversion(Report):
    key = "conversion"

    def title(self) -> str:
        return translate("Reports", "Lead conversion by source")

    def query(self, ws: Workspace, flt: ReportFilter, opts: Options, today: date) -> Any:
        return rs.conversion(ws, flt)

    def chart(self, loaded: Loaded, lang: str) -> ChartBuilder:
        rows = [replace(r, source=source_label(r.source)) for r in loaded.result]
        words = {
            "title": translate("Reports", "Lead conversion by source"),
            "empty": translate("Reports", "No leads in this period"),
            "leads": translate("Reports", "Leads"),
            "converted": translate("Reports", "Converted"),
            "won": translate("Reports", "Won deals"),
            "none": translate("Reports", "(no source)"),
        }
        return lambda: figures.conversion_figure(rows, words)

    def table(self, loaded: Loaded, lang: str) -> ReportTable:
        return ReportTable(
            translate("Reports", "Lead conversion"),
            (
                Col("source", translate("Reports", "Source")),
                Col("leads", translate("Reports", "Leads"), Kind.COUNT),
                Col("converted", translate("Reports", "Converted"), Kind.COUNT),
                Col("rate", translate("Reports", "Conversion rate"), Kind.SHARE),
                Col("won", translate("Reports", "Won deals"), Kind.COUNT),
                Col("won_rate", translate("Reports", "Won rate"), Kind.SHARE),
            ),
            tuple(
                ReportRow(
                    r.source or "-",
                    (source_label(r.source), r.leads, r.converted, r.rate, r.won, r.won_rate),
                )
                for r in loaded.result
            ),
        )


class Activities(Report):
    key = "activities"

    def title(self) -> str:
        return translate("Reports", "Activities per salesperson")

    def query(self, ws: Workspace, flt: ReportFilter, opts: Options, today: date) -> Any:
        return rs.activities(ws, flt)

    def chart(self, loaded: Loaded, lang: str) -> ChartBuilder:
        rows = loaded.result
        words = {
            "title": translate("Reports", "Activities per salesperson"),
            "empty": translate("Reports", "No activities in this period"),
            "count": translate("Reports", "Activities"),
            "none": translate("Reports", "(nobody)"),
            **{k.value: activity_label(k) for k in ActivityKind},
        }
        return lambda: figures.activities_figure(rows, words)

    def table(self, loaded: Loaded, lang: str) -> ReportTable:
        kinds = list(ActivityKind)
        weeks: dict[tuple[date, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for a in loaded.result:
            weeks[(a.week, a.user)][a.kind] += a.count
        rows = tuple(
            ReportRow(
                f"{week}:{user}",
                (week, user, *(counts.get(k.value, 0) for k in kinds), sum(counts.values())),
            )
            for (week, user), counts in sorted(
                weeks.items(), key=lambda kv: (kv[0][0], kv[0][1]), reverse=True
            )
        )
        return ReportTable(
            translate("Reports", "Activities"),
            (
                Col("week", translate("Reports", "Week of")),
                Col("user", translate("Reports", "Salesperson")),
                *(Col(k.value, activity_label(k), Kind.COUNT) for k in kinds),
                Col("total", translate("Reports", "Total"), Kind.COUNT),
            ),
            rows,
            summary=translate("Reports", "Calls, visits, e-mails … per salesperson and week."),
        )


class Abc(Report):
    key = "abc"
    options = ("abc",)

    def title(self) -> str:
        return translate("Reports", "ABC classification")

    def query(self, ws: Workspace, flt: ReportFilter, opts: Options, today: date) -> Any:
        return rs.abc(ws, flt, AbcBasis(opts.basis), opts.cutoffs)

    def chart(self, loaded: Loaded, lang: str) -> ChartBuilder:
        result, step = thinned(loaded.result)
        total = sum(1 for c in loaded.result.customers if not c.no_sales)

        def build() -> Figure:
            fig = charts.pareto_figure(result, lang)
            if step > 1:  # the x axis counts every customer, not the bars drawn
                ticks = [t for t in MaxNLocator(nbins=6, integer=True).tick_values(0, total)
                         if 0 <= t <= total]  # fmt: skip
                fig.axes[0].set_xticks([t / step for t in ticks], [f"{t:,.0f}" for t in ticks])
            return fig

        return build

    def table(self, loaded: Loaded, lang: str) -> ReportTable:
        result: AbcResult = loaded.result
        basis = {"revenue": "Revenue", "profit": "Profit", "payments": "Payments"}[result.basis]
        currency = result.currency or ""
        summary = " · ".join(
            translate("Reports", "{cls}: {n} customers, {value} ({share})").format(
                cls=k.cls, n=k.customers, value=money_text(k.value, currency), share=_pct(k.share)
            )
            for k in result.classes
        )
        return ReportTable(
            translate("Reports", "ABC classification"),
            (
                Col("class", label("Class", lang)),
                Col("customer", label("Customer", lang)),
                Col("value", label(basis, lang), Kind.MONEY),
                Col("share", label("Share", lang), Kind.SHARE),
                Col("cumulative", label("Cumulative share", lang), Kind.SHARE),
                Col("grade", translate("Reports", "Grade now")),
                Col("no_sales", label("No sales", lang)),
            ),
            tuple(
                ReportRow(
                    str(c.company_id),
                    (
                        c.cls,
                        c.name,
                        c.value,
                        c.share,
                        c.cumulative_share,
                        c.grade or "",
                        label("No sales", lang) if c.no_sales else "",
                    ),
                    c.company_id,
                )
                for c in result.customers
            ),
            currency=result.currency,
            summary=summary,
            muted=frozenset(str(c.company_id) for c in result.customers if c.no_sales),
        )


def thinned(result: AbcResult) -> tuple[AbcResult, int]:
    """A Pareto of thousands of customers drawn from every ``step``-th of them (and the first
    of each class): a bar per customer costs the GUI thread seconds to build and draw and
    shows no more than the line of their shape. The table keeps them all."""
    ranked = [c for c in result.customers if not c.no_sales]
    if len(ranked) <= MAX_PARETO_BARS:
        return result, 1
    step = -(-len(ranked) // MAX_PARETO_BARS)
    firsts = {i for i, c in enumerate(ranked) if i == 0 or ranked[i - 1].cls != c.cls}
    keep = sorted(set(range(0, len(ranked), step)) | firsts)
    return replace(result, customers=tuple(ranked[i] for i in keep)), step


def grades_to_change(result: AbcResult) -> dict[str, int]:
    """How many companies ``apply_grades`` would give each class (those whose grade differs)."""
    counts = {"A": 0, "B": 0, "C": 0}
    for c in result.customers:
        if c.grade != c.cls:
            counts[c.cls] += 1
    return counts


class Rfm(Report):
    key = "rfm"
    options = ("view",)

    def title(self) -> str:
        return translate("Reports", "RFM segments and retention")

    def views(self) -> list[tuple[str, str]]:
        return [
            ("segments", translate("Reports", "Segments")),
            ("customers", translate("Reports", "Customers")),
            ("retention", translate("Reports", "Retention")),
        ]

    def query(self, ws: Workspace, flt: ReportFilter, opts: Options, today: date) -> Any:
        if opts.view == "retention":
            return rs.retention(ws, flt, today)
        return rs.rfm(ws, flt, today)

    def chart(self, loaded: Loaded, lang: str) -> ChartBuilder:
        result = loaded.result
        if isinstance(result, Retention):
            words = {
                "title": translate("Reports", "Customers kept and lost against the period before"),
                "empty": translate("Reports", "No customers in this period or the one before"),
                "previous": translate("Reports", "Period before"),
                "retained": translate("Reports", "Kept"),
                "lost": translate("Reports", "Lost"),
                "new": translate("Reports", "New"),
                "customers": translate("Reports", "Customers"),
            }
            return lambda: figures.retention_figure(result, words)
        return lambda: charts.segment_figure(result, lang)

    def table(self, loaded: Loaded, lang: str) -> ReportTable:
        result = loaded.result
        if isinstance(result, Retention):
            return self._retention(result)
        rfm: RfmResult = result
        if loaded.options.view == "customers":
            return ReportTable(
                translate("Reports", "RFM customers"),
                (
                    Col("customer", label("Customer", lang)),
                    Col("recency", label("Recency (days)", lang), Kind.COUNT),
                    Col("frequency", label("Frequency", lang), Kind.COUNT),
                    Col("monetary", label("Monetary", lang), Kind.MONEY),
                    Col("r", "R", Kind.COUNT),
                    Col("f", "F", Kind.COUNT),
                    Col("m", "M", Kind.COUNT),
                    Col("segment", label("Segment", lang)),
                ),
                tuple(
                    ReportRow(
                        str(c.company_id),
                        (
                            c.name,
                            c.recency_days,
                            c.frequency,
                            c.monetary,
                            c.r,
                            c.f,
                            c.m,
                            segment_name(c.segment, lang),
                        ),
                        c.company_id,
                    )
                    for c in rfm.customers
                ),
                currency=rfm.currency,
                summary=translate("Reports", "Recency counted to {day}.").format(day=rfm.end),
            )
        return ReportTable(
            translate("Reports", "RFM segments"),
            (
                Col("segment", label("Segment", lang)),
                Col("customers", label("Customers", lang), Kind.COUNT),
                Col("revenue", label("Revenue", lang), Kind.MONEY),
            ),
            tuple(
                ReportRow(s.segment.value, (segment_name(s.segment, lang), s.customers, s.revenue))
                for s in rfm.segments
            ),
            currency=rfm.currency,
            summary=translate("Reports", "{n} customers with orders in the period.").format(
                n=len(rfm.customers)
            ),
        )

    def _retention(self, result: Retention) -> ReportTable:
        summary = translate(
            "Reports",
            "Period before: {previous} customers; kept {retained} ({rate}), lost {lost}; "
            "new {new}. Below: customers past their usual interval between orders.",
        ).format(
            previous=result.previous,
            retained=result.retained,
            rate=_pct(result.rate),
            lost=result.lost,
            new=result.new,
        )
        return ReportTable(
            translate("Reports", "Lapsed customers"),
            (
                Col("customer", translate("Reports", "Customer")),
                Col("last", translate("Reports", "Last order")),
                Col("usual", translate("Reports", "Usual interval (days)"), Kind.DAYS),
                Col("since", translate("Reports", "Days since"), Kind.COUNT),
            ),
            tuple(
                ReportRow(
                    str(p.company_id),
                    (p.name, p.last_order, p.usual_days, p.days_since),
                    p.company_id,
                )
                for p in result.lapsed
            ),
            summary=summary,
        )


REPORTS: tuple[Report, ...] = (
    SalesByPeriod(),
    SalesByGroup(),
    TopCustomers(),
    Receivables(),
    Conversion(),
    Activities(),
    Abc(),
    Rfm(),
)
