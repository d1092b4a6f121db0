"""``crm-desktop report abc|rfm|sales|profit|receivables``: the sales and customer analyses
from a terminal, as text, JSON (money as exact decimal strings), a chart (PNG/PDF) and a table
(.xlsx). The parsers are added to ``report`` by cli.py, which opens the database and prints."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.domain.reports import (
    DEFAULT_CUTOFFS,
    AbcBasis,
    Dimension,
    Grain,
    ReportFilter,
    SalesRow,
)
from crm_desktop.text_table import amount, table

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from crm_desktop.reports.tables import Table
    from crm_desktop.services.workspace import Workspace

REPORTS = ("abc", "rfm", "sales", "profit", "receivables")
BY = [g.value for g in Grain] + [d.value for d in Dimension]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _cutoffs(text: str) -> tuple[Decimal, Decimal]:
    parts = text.split(",")
    try:
        a, b = (Decimal(p) for p in parts)
    except (ValueError, ArithmeticError):
        raise argparse.ArgumentTypeError(f"{text!r}: give two shares such as 0.8,0.95") from None
    return a, b


def add_parsers(
    reports: Any, db_option: Callable[[argparse.ArgumentParser], None]
) -> list[argparse.ArgumentParser]:
    """The five analyses under ``report``; returns their parsers."""
    helps = {
        "abc": "ABC classes of the customers by revenue, gross profit or payments (Pareto)",
        "rfm": "RFM scores (recency, frequency, monetary) and segments of the customers",
        "sales": "revenue by period against last year, or by owner, region, product …",
        "profit": "revenue, cost, gross profit and margin by customer, product, region …",
        "receivables": "open balances by days past due, and days to pay per customer",
    }
    made = []
    for name in REPORTS:
        p = reports.add_parser(name, help=helps[name])
        db_option(p)
        p.add_argument("--from", dest="start", type=_day, metavar="DATE",
                       help="first day of the period (default: a year before --to)")  # fmt: skip
        p.add_argument("--to", dest="end", type=_day, metavar="DATE",
                       help="last day of the period (default: today)")  # fmt: skip
        if name in ("sales", "profit"):
            p.add_argument("--by", choices=BY, default="month" if name == "sales" else "customer",
                           help="group by a period or by owner, region, industry, customer, "
                           "grade, product, category")  # fmt: skip
        if name == "abc":
            p.add_argument("--basis", choices=[b.value for b in AbcBasis], default="revenue")
            p.add_argument("--cutoffs", type=_cutoffs, default=DEFAULT_CUTOFFS, metavar="A,B",
                           help="cumulative shares closing classes A and B (default 0.8,0.95)")  # fmt: skip
            p.add_argument("--apply", action="store_true",
                           help="write the classes to the companies' grades (audited)")  # fmt: skip
        p.add_argument("--currency", metavar="CUR",
                       help="only this currency (default: the most used one)")  # fmt: skip
        p.add_argument("--owner", metavar="NAME", help="only this salesperson's orders")
        p.add_argument("--region", help="only customers of this region")
        p.add_argument("--industry", help="only customers of this industry")
        p.add_argument("--lang", choices=["en", "zh_CN"], default=argparse.SUPPRESS,
                       help="language of the chart and table (default: from LANG)")  # fmt: skip
        p.add_argument("--json", action="store_true", help="print the report as JSON")
        p.add_argument("--png", type=Path, metavar="OUT.png", help="save the chart as PNG")
        p.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="save the chart as PDF")
        p.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="save the table as .xlsx")
        made.append(p)
    return made


def _filter(args: argparse.Namespace, ws: Workspace, today: date) -> ReportFilter:
    from crm_desktop.domain.errors import CrmError
    from crm_desktop.services import contacts
    from crm_desktop.services.reports import last_twelve_months

    end = args.end or today
    start = args.start or last_twelve_months(end).start
    assert start is not None
    if start > end:
        raise CrmError(f"--from {start} is after --to {end}")
    owner = None
    if args.owner:
        found = [u.id for u in contacts.users(ws) if u.name == args.owner]
        if not found:
            raise CrmError(f"no salesperson named {args.owner!r}")
        owner = found[0]
    currency = args.currency.strip().upper() if args.currency else None
    return ReportFilter(start, end, owner, args.region, args.industry, currency)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _cell(value: object) -> str:
    if isinstance(value, Decimal):
        return amount(value)
    if isinstance(value, float):
        return f"{value:.1%}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def _text(t: Table, note: str = "") -> str:
    rows = [[_cell(v) for v in row] for row in t.rows]
    right = {i for i, v in enumerate(t.rows[0]) if not isinstance(v, str)} if t.rows else set()
    return (
        t.title + (f" — {note}" if note else "") + "\n" + table(t.headers, rows, right)
    ).rstrip()


def run(
    args: argparse.Namespace, ws: Workspace, lang: str, today: date
) -> tuple[dict[str, Any], str]:
    """The report ``args.report`` as (JSON document, text); writes the chart and table files
    asked for."""
    from crm_desktop.reports import charts, tables
    from crm_desktop.reports.labels import text as text_of
    from crm_desktop.services import reports as rs

    flt = _filter(args, ws, today)
    period = {"from": flt.start, "to": flt.end}
    fig: Figure
    if args.report == "abc":
        result = rs.abc(ws, flt, AbcBasis(args.basis), args.cutoffs)
        key = result.basis.value
        data: dict[str, Any] = {
            "period": period, "basis": key, "cutoffs": [float(c) for c in result.cutoffs],
            "currency": result.currency, "total": str(result.total),
            "classes": [{"class": k.cls, "customers": k.customers, key: str(k.value),
                         "share": k.share} for k in result.classes],
            "customers": [{"id": c.company_id, "name": c.name, key: str(c.value),
                           "share": c.share, "cumulative_share": c.cumulative_share,
                           "class": c.cls, "no_sales": c.no_sales} for c in result.customers],
        }  # fmt: skip
        note = f"{flt.start} – {flt.end}, {result.currency or '-'}"
        text = _text(tables.abc_classes_table(result, lang), note) + "\n\n"
        text += _text(tables.abc_table(result, lang))
        if args.apply:
            applied = rs.apply_grades(ws, result, origin="cli")
            data["applied"] = {"changed": len(applied.changes), "unchanged": applied.unchanged}
            text += f"\n\nGrades written: {len(applied.changes):,} changed, {applied.unchanged:,} unchanged."
        fig, sheet = charts.pareto_figure(result, lang), tables.abc_table(result, lang)
    elif args.report == "rfm":
        rfm = rs.rfm(ws, flt, today)
        data = {
            "period": period, "as_of": rfm.end, "currency": rfm.currency,
            "customers": [{"id": c.company_id, "name": c.name, "recency_days": c.recency_days,
                           "frequency": c.frequency, "monetary": str(c.monetary), "r": c.r,
                           "f": c.f, "m": c.m, "segment": c.segment.value} for c in rfm.customers],
            "segments": [{"segment": s.segment.value, "customers": s.customers,
                          "revenue": str(s.revenue)} for s in rfm.segments],
        }  # fmt: skip
        text = _text(
            tables.segments_table(rfm, lang), f"{flt.start} – {rfm.end}, {rfm.currency or '-'}"
        )
        text += "\n\n" + _text(tables.rfm_table(rfm, lang), text_of("Customers", lang))
        fig, sheet = charts.segment_figure(rfm, lang), tables.rfm_table(rfm, lang)
    elif args.report in ("sales", "profit"):
        grains = {g.value for g in Grain}
        by: Grain | Dimension = Grain(args.by) if args.by in grains else Dimension(args.by)
        rows = rs.sales(ws, flt, by)
        periods = isinstance(by, Grain)
        data = {"period": period, "by": args.by, "currency": flt.currency,
                "rows": [_sales_row(r, periods, args.report == "profit") for r in rows]}  # fmt: skip
        sheet = tables.sales_table(
            rows, lang, periods=periods and args.report == "sales", by=args.by
        )
        text = _text(sheet, f"{flt.start} – {flt.end}")
        fig = (
            charts.sales_period_figure(rows, args.by, lang)
            if periods
            else charts.breakdown_figure(rows, args.by, lang)
        )
    else:
        ageing = rs.ageing(ws, flt, today)
        paydays = rs.days_to_pay(ws, flt)
        data = {
            "as_of": today,
            "ageing": [{"currency": a.currency, "not_due": str(a.not_due),
                        "days_0_30": str(a.days_0_30), "days_31_60": str(a.days_31_60),
                        "days_61_90": str(a.days_61_90), "over_90": str(a.over_90),
                        "total": str(a.total), "orders": a.orders} for a in ageing],
            "days_to_pay": [{"id": p.company_id, "name": p.name, "currency": p.currency,
                             "orders": p.orders, "days_to_pay": p.days_to_pay,
                             "days_late": p.days_late} for p in paydays],
        }  # fmt: skip
        sheet = tables.ageing_table(ageing, lang)
        text = _text(sheet, str(today))
        fig = charts.ageing_figure(ageing, lang, flt.currency)
    _files(args, fig, sheet)
    return data, text


def _sales_row(r: SalesRow, periods: bool, profit: bool) -> dict[str, Any]:
    f = r.figures
    row: dict[str, Any] = {"period": r.key} if periods else {"key": r.key, "name": r.label}
    row.update(currency=r.currency, orders=r.orders, revenue=str(f.revenue))
    if periods and not profit:
        row.update(
            last_year_revenue=_money(r.last_year.revenue if r.last_year else None),
            gross_profit=str(f.profit),
            received=_money(r.received),
        )
        return row
    row.update(
        cost=str(f.cost),
        gross_profit=str(f.profit),
        margin=f.margin,
        lines_without_cost=f.uncosted_lines,
        revenue_without_cost=str(f.uncosted_revenue),
    )
    return row


def _files(args: argparse.Namespace, fig: Figure, sheet: Table) -> None:
    from crm_desktop.reports.charts import save_figure
    from crm_desktop.services.reports import export_table

    for path in (args.png, args.pdf):
        if path is not None:
            save_figure(fig, path)
    if args.xlsx is not None:
        export_table(args.xlsx, sheet.headers, sheet.rows, sheet.title)
