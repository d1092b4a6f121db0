"""Reports benchmark: ABC, RFM and every sales query at 1,000,000 order lines, against pandas.

    .venv/bin/python bench/reports.py [--lines 1000000] [--repeat 7] [--baseline-repeat 3]

The database is made once with the demo generator (2,000 contacts, seed 1, ``--lines`` order
lines over 24 months, as ``crm-desktop demo --orders N`` makes them) and kept in bench/.data/.
The period is the demo's last twelve months, the currency the most used one.

Every figure is the median of ``--repeat`` runs of the service (SQL GROUP BY and window
functions over the covering indexes; Python sees one row per customer or group), next to a
baseline measured in the same run, and the ratio baseline / ours. The baseline is what a
pandas report does: ``read_sql`` of the period's order lines (with their order's date,
customer, salesperson and currency) and ``groupby`` in pandas (for payments: the payments).
Peak Python memory (tracemalloc) of each side shows ours stays bounded: it never holds lines.

Targets: ABC and RFM under 0.5 s each, every sales query under 1 s, at least 5x the baseline.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from sqlalchemy import text  # noqa: E402

from bench.pipeline import median_s  # noqa: E402
from crm_desktop.domain.reports import AbcBasis, Dimension, Grain, ReportFilter  # noqa: E402
from crm_desktop.services import demo  # noqa: E402
from crm_desktop.services import reports as rs  # noqa: E402
from crm_desktop.services.workspace import Workspace, open_workspace  # noqa: E402

DATA = Path(__file__).resolve().parent / ".data"
TARGETS_MS = {"abc": 500.0, "rfm": 500.0, "sales": 1000.0}

SALES_WHERE = (
    "o.deleted_at IS NULL AND o.kind = 'order' AND o.status <> 'cancelled' "
    "AND c.deleted_at IS NULL AND o.order_date BETWEEN :start AND :end AND o.currency = :cur"
)
LINES_SQL = (
    "SELECT l.order_id, l.product_id, l.amount, l.quantity, l.unit_cost, o.order_date, "
    "o.company_id, o.owner_id, c.region, c.industry, c.grade, p.category "
    "FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN companies c ON c.id = o.company_id "
    f"LEFT JOIN products p ON p.id = l.product_id WHERE {SALES_WHERE}"
)
PAYMENTS_SQL = (
    "SELECT y.amount, y.paid_on, o.company_id FROM payments y JOIN orders o ON o.id = y.order_id "
    "JOIN companies c ON c.id = o.company_id WHERE y.deleted_at IS NULL AND o.deleted_at IS NULL "
    "AND o.kind = 'order' AND o.status <> 'cancelled' AND c.deleted_at IS NULL "
    "AND y.paid_on BETWEEN :start AND :end AND o.currency = :cur"
)


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median seconds of ``repeat`` runs, peak Python MB of one more run under tracemalloc,
    which slows what it watches and is not timed)."""
    gc.collect()
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return median_s(fn, repeat), peak


def database(lines: int) -> Path:
    DATA.mkdir(exist_ok=True)
    path = DATA / f"reports_{lines}.db"
    if not path.exists():
        partial = path.with_suffix(".partial.db")
        for leftover in DATA.glob(partial.name + "*"):
            leftover.unlink()
        ws = open_workspace(partial, "bench")
        start = time.perf_counter()
        demo.make_demo(ws, 2000, seed=1, orders=lines)
        print(f"  made a demo of 2,000 contacts and {lines:,} order lines in "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        ws.close()
        partial.rename(path)
    return path


def lines_frame(ws: Workspace, flt: ReportFilter) -> pd.DataFrame:
    with ws.database.engine.connect() as con:
        df = pd.read_sql(text(LINES_SQL), con, params=_params(flt))
    for col in ("amount", "quantity", "unit_cost"):
        df[col] = df[col].astype(float)
    df["cost"] = df["unit_cost"] * df["quantity"]
    return df


def _params(flt: ReportFilter) -> dict[str, Any]:
    return {"start": flt.start, "end": flt.end, "cur": flt.currency}


def pandas_abc(ws: Workspace, flt: ReportFilter) -> object:
    df = lines_frame(ws, flt)
    per = df.groupby("company_id")["amount"].sum().sort_values(ascending=False)
    cum = per.cumsum() / per.sum()
    before = cum.shift(fill_value=0)
    return pd.cut(before, [-1, 0.8, 0.95, 2], labels=["A", "B", "C"], right=False)


def pandas_abc_payments(ws: Workspace, flt: ReportFilter) -> object:
    with ws.database.engine.connect() as con:
        df = pd.read_sql(text(PAYMENTS_SQL), con, params=_params(flt))
    per = df.groupby("company_id")["amount"].sum().astype(float).sort_values(ascending=False)
    return (per.cumsum() / per.sum()).shift(fill_value=0)


def pandas_rfm(ws: Workspace, flt: ReportFilter) -> object:
    df = lines_frame(ws, flt)
    per = df.groupby("company_id").agg(
        last=("order_date", "max"), frequency=("order_id", "nunique"), monetary=("amount", "sum")
    )
    return per.rank(method="average").apply(lambda s: 1 + (5 * (s - 1) // len(s)))


def pandas_sales(ws: Workspace, flt: ReportFilter, by: str) -> object:
    df = lines_frame(ws, flt)
    if by in ("month", "quarter", "year"):
        dates = pd.to_datetime(df["order_date"])
        key = dates.dt.to_period({"month": "M", "quarter": "Q", "year": "Y"}[by]).astype(str)
    else:
        column = {"owner": "owner_id", "customer": "company_id", "product": "product_id"}
        key = df[column.get(by, by)]
    return df.groupby(key).agg(revenue=("amount", "sum"), cost=("cost", "sum"),
                               orders=("order_id", "nunique"))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--baseline-repeat", type=int, default=3)
    args = parser.parse_args()
    path = database(args.lines)
    ws = open_workspace(path, "bench")
    with ws.reading() as uow:
        last = uow.ctx.session.scalar(text("SELECT max(order_date) FROM orders"))
    end = last if not isinstance(last, str) else __import__("datetime").date.fromisoformat(last)
    flt = ReportFilter(end - timedelta(days=364), end)
    flt = replace(flt, currency=rs.currencies(ws)[0])
    size = path.stat().st_size / 1e6
    print(f"\n{args.lines:,} order lines, {size:.0f} MB file; period {flt.start} to {flt.end}, "
          f"{flt.currency}; median of {args.repeat} (baseline {args.baseline_repeat}):")  # fmt: skip
    cases: list[tuple[str, str, Callable[[], object], Callable[[], object]]] = [
        ("abc", "ABC by revenue", lambda: rs.abc(ws, flt), lambda: pandas_abc(ws, flt)),
        ("abc", "ABC by profit", lambda: rs.abc(ws, flt, AbcBasis.PROFIT), lambda: pandas_abc(ws, flt)),
        ("abc", "ABC by payments", lambda: rs.abc(ws, flt, AbcBasis.PAYMENTS),
         lambda: pandas_abc_payments(ws, flt)),
        ("rfm", "RFM", lambda: rs.rfm(ws, flt, end), lambda: pandas_rfm(ws, flt)),
    ]  # fmt: skip
    for by in [*Grain, *Dimension]:
        cases.append((
            "sales", f"sales by {by.value}", lambda by=by: rs.sales(ws, flt, by),  # type: ignore[misc]
            lambda by=by: pandas_sales(ws, flt, by.value),  # type: ignore[misc]
        ))  # fmt: skip
    cases += [
        ("sales", "receivables ageing", lambda: rs.ageing(ws, flt, end), None),
        ("sales", "days to pay", lambda: rs.days_to_pay(ws, flt), None),
        ("sales", "retention", lambda: rs.retention(ws, flt, end), None),
    ]  # type: ignore[list-item]
    for kind, label, ours, baseline in cases:
        t, peak = timed(ours, args.repeat)
        verdict = "ok" if t * 1000 < TARGETS_MS[kind] else "SLOW"
        if baseline is None:
            print(f"  {label:<24} {t * 1000:8.1f} ms  {peak:6.1f} MB  {'':>34}  {verdict}")
            continue
        b, bpeak = timed(baseline, args.baseline_repeat)
        print(f"  {label:<24} {t * 1000:8.1f} ms  {peak:6.1f} MB   pandas {b * 1000:8.1f} ms "
              f"{bpeak:6.1f} MB  x {b / t:5.1f}  {verdict}")  # fmt: skip
    ws.close()


if __name__ == "__main__":
    main()
