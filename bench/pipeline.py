"""Pipeline benchmark: the board, forecast and funnel at 5,000 open deals; demo order lines/s.

    .venv/bin/python bench/pipeline.py [--open 5000] [--lines 200000] [--repeat 7]

The database is made once with the demo generator (seed 1; about twice ``--open`` deals, half
of them open) and kept in bench/.data/. Every figure is the median of ``--repeat`` runs next to
a baseline measured in the same run, and the ratio baseline / ours:

- board, forecast, funnel: ours is the service (one aggregate or one light query); the
  baseline loads every open deal as a full record (``opportunity_list``, what a list view
  without a board query would do) and, for the forecast and funnel, sums in Python.
- demo order lines: ours is ``make_demo(contacts=0, orders=N)`` (bulk executemany in batches,
  one transaction) on a fresh copy of the database; the baseline makes orders one at a time
  through ``OrderRepository.add`` (the ORM path of the Orders form) in one transaction.

Target: the board of 5,000 open deals opens in under 1 s; the service part should be a small
part of that.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from crm_desktop.db import models as m  # noqa: E402
from crm_desktop.domain.pipeline import (  # noqa: E402
    BoardFilter,
    LineData,
    OrderData,
    OrderKind,
    Outcome,
    money,
)
from crm_desktop.services import demo, pipeline  # noqa: E402
from crm_desktop.services.workspace import Workspace, open_workspace  # noqa: E402

DATA = Path(__file__).resolve().parent / ".data"
TARGET_BOARD_MS = 1000.0


def median_s(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def database(open_deals: int) -> Path:
    DATA.mkdir(exist_ok=True)
    path = DATA / f"pipeline_{open_deals}.db"
    if not path.exists():
        partial = path.with_suffix(".partial.db")
        for leftover in DATA.glob(partial.name + "*"):
            leftover.unlink()
        ws = open_workspace(partial, "bench")
        start = time.perf_counter()
        # Half of the deals end up open (the rest won or lost); 4 contacts per company.
        summary = demo.make_demo(ws, 8 * open_deals // 2, seed=1, deals=2 * open_deals)
        seconds = time.perf_counter() - start
        ws.close()
        partial.rename(path)
        print(
            f"  made a demo of {summary.contacts:,} contacts, {summary.opportunities:,} deals, "
            f"{summary.order_lines:,} order lines in {seconds:.1f} s"
        )
    return path


def row(label: str, ours: float, base: float, unit: str, target: float | None = None) -> None:
    ratio = base / ours if ours else float("inf")
    mark = ""
    if target is not None:
        mark = "  ok" if ours < target else f"  OVER target {target:g} {unit}"
    print(
        f"  {label:<34} {ours:>10.1f} {unit:<7} baseline {base:>10.1f} {unit:<7} "
        f"x{ratio:>6.1f}{mark}"
    )


# -- the naive way -------------------------------------------------------------------------
def all_open(ws: Workspace) -> list[pipeline.Opportunity]:
    return pipeline.opportunity_list(ws, BoardFilter())


def forecast_in_python(ws: Workspace, by_owner: bool) -> dict[object, Decimal]:
    sums: dict[object, Decimal] = defaultdict(Decimal)
    for deal in all_open(ws):
        key = deal.owner_name if by_owner else deal.data.close_date and deal.data.close_date.month
        sums[key] += deal.data.amount * deal.probability / 100
    return {k: money(v) for k, v in sums.items()}


def funnel_in_python(ws: Workspace) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for outcome in (None, Outcome.WON, Outcome.LOST):
        for deal in pipeline.opportunity_list(ws, BoardFilter(), outcome):
            sums[deal.stage_name] += deal.data.amount
    return sums


def orders_one_by_one(ws: Workspace, lines: int) -> None:
    """``lines`` line items as orders of 4 lines, each added through the repository (ORM)."""
    with ws.writing() as uow:
        product_ids = [p.id for p in uow.products.find("", False)][:20]
        companies = list(uow.session.scalars(select(m.Company.id).limit(200)))
        today = date.today()
        for n in range(lines // 4):
            uow.orders.add(
                OrderData(
                    kind=OrderKind.ORDER,
                    company_id=companies[n % len(companies)],
                    order_date=today - timedelta(days=n % 700),
                    due_date=today - timedelta(days=n % 700 - 30),
                    lines=tuple(
                        LineData(
                            f"item {i}",
                            Decimal(i + 1),
                            Decimal("19.90"),
                            Decimal("5"),
                            product_ids[(n + i) % len(product_ids)],
                        )
                        for i in range(4)
                    ),
                )
            )
        uow.commit()


def bench_reads(path: Path, repeat: int) -> None:
    ws = open_workspace(path, "bench")
    try:
        today = date.today()
        columns = pipeline.board(ws, BoardFilter(), today)
        open_count = sum(c.count for c in columns if c.stage.is_open)
        cards = sum(c.count for c in columns)
        print(
            f"\n{open_count:,} open deals ({cards:,} cards with the recently closed), "
            f"{path.stat().st_size / 1e6:,.0f} MB file, median of {repeat}:"
        )
        base = median_s(lambda: all_open(ws), max(1, repeat // 2)) * 1000
        ours = median_s(lambda: pipeline.board(ws, BoardFilter(), today), repeat) * 1000
        row("board, all columns (service)", ours, base, "ms", TARGET_BOARD_MS)
        owner = ws.user.id
        ours = median_s(lambda: pipeline.board(ws, BoardFilter(owner_id=owner), today), repeat)
        row("board, one owner's deals", ours * 1000, base, "ms")
        ours = median_s(lambda: pipeline.board(ws, BoardFilter(search="采购"), today), repeat)
        row("board, search '采购'", ours * 1000, base, "ms")
        for by in ("month", "owner", "month,owner"):
            ours = median_s(lambda b=by: pipeline.forecast(ws, b), repeat) * 1000
            base = (
                median_s(lambda b=by: forecast_in_python(ws, "owner" in b), max(1, repeat // 2))
                * 1000
            )
            row(f"forecast by {by}", ours, base, "ms")
        ours = median_s(lambda: pipeline.funnel(ws), repeat) * 1000
        base = median_s(lambda: funnel_in_python(ws), max(1, repeat // 2)) * 1000
        row("funnel (all stages)", ours, base, "ms")
    finally:
        ws.close()


def bench_board_widget(path: Path, repeat: int) -> None:
    """The board as the user waits for it: the query plus the widget showing every card,
    against a board of one QLabel per card (what a quick first version would do)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

    from crm_desktop.ui.pipeline.board import BoardView

    app = QApplication.instance() or QApplication([])
    ws = open_workspace(path, "bench")
    try:
        today = date.today()
        board = BoardView()
        board.resize(1400, 800)
        board.show()

        def ours() -> None:
            board.set_columns(pipeline.board(ws, BoardFilter(), today), today)
            app.processEvents()

        def naive() -> None:
            top = QWidget()
            row = QHBoxLayout(top)
            for column in pipeline.board(ws, BoardFilter(), today):
                box = QVBoxLayout()
                for card in column.cards:
                    box.addWidget(QLabel(f"{card.title}\n{card.company_name}\n{card.amount}"))
                row.addLayout(box)
            top.resize(1400, 800)
            top.show()
            app.processEvents()
            top.deleteLater()
            app.processEvents()

        mine = median_s(ours, repeat) * 1000
        base = median_s(naive, max(1, repeat // 2)) * 1000
        row("board opens (query + widget)", mine, base, "ms", TARGET_BOARD_MS)
        board.close()
    finally:
        ws.close()


def bench_orders(path: Path, lines: int, repeat: int) -> None:
    scratch = DATA / "pipeline_orders_scratch.db"
    runs = max(1, repeat // 2)
    print(f"\ndemo --orders {lines:,} on that database (fresh copy each run), median of {runs}:")

    def fresh() -> Workspace:
        for leftover in DATA.glob(scratch.name + "*"):
            leftover.unlink()
        shutil.copy(path, scratch)
        return open_workspace(scratch, "bench")

    times = []
    for seed in range(runs):
        ws = fresh()
        try:
            start = time.perf_counter()
            demo.make_demo(ws, 0, seed=seed, orders=lines)
            times.append(time.perf_counter() - start)
        finally:
            ws.close()
    ours = lines / statistics.median(times)
    base_lines = max(4, lines // 20)
    base_times = []
    for _ in range(runs):
        ws = fresh()
        try:
            start = time.perf_counter()
            orders_one_by_one(ws, base_lines)
            base_times.append(time.perf_counter() - start)
        finally:
            ws.close()
    base = base_lines / statistics.median(base_times)
    # Higher is better here: the ratio is ours / baseline.
    print(
        f"  {'order lines written':<34} {ours:>10,.0f} lines/s baseline {base:>10,.0f} "
        f"lines/s x{ours / base:>6.1f}   ({statistics.median(times):.1f} s for {lines:,})"
    )
    # Memory stays flat as the run grows: rows go out in batches.
    for n in (lines // 4, lines):
        ws = fresh()
        try:
            gc.collect()
            tracemalloc.start()
            demo.make_demo(ws, 0, seed=1, orders=n)
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        finally:
            ws.close()
        print(f"  peak Python memory, {n:>9,} lines  {peak:>8.1f} MB")
    for leftover in DATA.glob(scratch.name + "*"):
        leftover.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--open", type=int, default=5000, help="open deals on the board")
    parser.add_argument("--lines", type=int, default=200_000, help="demo order lines to time")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    path = database(args.open)
    bench_reads(path, args.repeat)
    bench_board_widget(path, args.repeat)
    bench_orders(path, args.lines, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
