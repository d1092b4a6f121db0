"""Service benchmark: the ticket queues and their search at 100,000 tickets.

    .venv/bin/python bench/service.py [--tickets 100000] [--repeat 7]

The database is made once (a demo of 2,000 contacts, then demo tickets up to ``--tickets``
at those 500 companies, seed 1) and kept in bench/.data/. Each figure is the median of
``--repeat`` runs next to a baseline measured in the same run, and the ratio baseline / ours.
Ours is the queue's first page (100 rows, keyset-paged, sorted and filtered in SQL, searched
with the FTS5 indexes); the baseline loads every matching ticket as a queue row and sorts in
Python (a table model without paging), then takes the same first page.

Targets (issue 14): first page < 100 ms, search < 50 ms.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pipeline import median_s  # noqa: E402
from crm_desktop.domain.service import Queue, TicketFilter, TicketRow  # noqa: E402
from crm_desktop.services import demo, demo_service, knowledge  # noqa: E402
from crm_desktop.services import tickets as tk  # noqa: E402
from crm_desktop.services.workspace import Workspace, open_workspace  # noqa: E402

DATA = Path(__file__).resolve().parent / ".data"
PAGE = 100
FIRST_PAGE_MS = 100.0
SEARCH_MS = 50.0
EVERYTHING = 10_000_000


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    return median_s(fn, repeat) * 1000


def database(tickets: int) -> Path:
    DATA.mkdir(exist_ok=True)
    path = DATA / f"service_{tickets}.db"
    if not path.exists():
        partial = path.with_suffix(".partial.db")
        for leftover in DATA.glob(partial.name + "*"):
            leftover.unlink()
        ws = open_workspace(partial, "bench")
        start = time.perf_counter()
        made = demo.make_demo(ws, 2000, seed=1).tickets
        made += demo_service.add_demo_tickets(ws, tickets - made, seed=1).tickets
        seconds = time.perf_counter() - start
        ws.close()
        partial.rename(path)
        print(f"  made {made:,} tickets (and a demo of 2,000 contacts) in {seconds:.1f} s")
    return path


def row(label: str, ours: float, base: float, target: float | None = None) -> None:
    ratio = base / ours if ours else float("inf")
    mark = ""
    if target is not None:
        mark = "  ok" if ours < target else f"  OVER target {target:g} ms"
    print(f"  {label:<38} {ours:>8.1f} ms  baseline {base:>9.1f} ms  x{ratio:>7.1f}{mark}")


_KEYS: dict[str, Callable[[TicketRow], object]] = {
    "due": lambda r: (r.resolution_due, r.id),
    "opened": lambda r: (r.opened_at, r.id),
}


def everything(ws: Workspace, flt: TicketFilter) -> list[TicketRow]:
    """The baseline: every matching ticket loaded as a row, sorted in Python, first page."""
    rows = list(tk.queue(ws, TicketFilter(**{**_fields(flt), "sort": "id"}), None, EVERYTHING).rows)
    rows.sort(key=_KEYS[flt.sort], reverse=flt.descending)  # type: ignore[arg-type]
    return rows[:PAGE]


def _fields(flt: TicketFilter) -> dict[str, object]:
    return {f: getattr(flt, f) for f in TicketFilter.__dataclass_fields__}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    path = database(args.tickets)
    ws = open_workspace(path, "王芳")  # a demo salesperson: she has tickets of her own
    try:
        total = tk.queue_count(ws, TicketFilter(queue=Queue.ALL))
        print(f"{total:,} tickets ({path.stat().st_size / 1e6:,.0f} MB file), median of "
              f"{args.repeat}:")  # fmt: skip
        cases = [
            ("open queue, first page (by due)", TicketFilter(), FIRST_PAGE_MS),
            ("all tickets, first page (newest)",
             TicketFilter(queue=Queue.ALL, sort="opened", descending=True), FIRST_PAGE_MS),
            ("my open tickets, first page", TicketFilter(queue=Queue.MINE), FIRST_PAGE_MS),
            ("unassigned, first page", TicketFilter(queue=Queue.UNASSIGNED), FIRST_PAGE_MS),
            ("overdue, first page", TicketFilter(queue=Queue.OVERDUE), FIRST_PAGE_MS),
        ]  # fmt: skip
        for term in ("漏水", "hangzhou", "王", "leaks", "controller start"):
            flt = TicketFilter(queue=Queue.ALL, search=term, sort="opened", descending=True)
            hits = tk.queue_count(ws, flt)
            cases.append((f"search {term!r} ({hits:,} hits)", flt, SEARCH_MS))
        for label, flt, target in cases:
            page = tk.queue(ws, flt, None, PAGE).rows
            base_rows = everything(ws, flt)
            assert [r.id for r in page] == [r.id for r in base_rows], label
            ours = median_ms(lambda flt=flt: tk.queue(ws, flt, None, PAGE), args.repeat)
            base = median_ms(lambda flt=flt: everything(ws, flt), max(3, args.repeat // 2))
            row(label, ours, base, target)
        ours = median_ms(lambda: tk.my_overdue_count(ws), args.repeat)
        base = median_ms(
            lambda: len(everything(ws, TicketFilter(queue=Queue.OVERDUE, assignee_id=ws.user.id))),
            args.repeat // 2 or 1,
        )
        row("my overdue count (status bar)", ours, base, FIRST_PAGE_MS)
        ours = median_ms(lambda: knowledge.search_articles(ws, "密封圈"), args.repeat)
        print(f"  knowledge base search '密封圈'            {ours:>8.1f} ms")
    finally:
        ws.close()


if __name__ == "__main__":
    main()
