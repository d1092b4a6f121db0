"""Contacts list benchmark: open, search, sort and memory at 100,000 and 1,000,000 contacts.

    .venv/bin/python bench/contacts.py [--sizes 100000,1000000] [--repeat 7]

The databases are made once with the demo generator (seed 1) and kept in bench/.data/; the time
to make them is printed too (target: 100,000 contacts in under a minute). Every figure is the
median of ``--repeat`` runs, next to the same operation done the naive way in the same run
(the baseline: load every matching row, as a non-paged table model does) and the ratio
baseline / ours. Targets at 1,000,000 contacts: open the tab and show the first page < 100 ms,
search first page < 50 ms, sort by a column < 200 ms, memory added by the list < 50 MB.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from crm_desktop.db import models as m  # noqa: E402
from crm_desktop.db.search import search_condition  # noqa: E402
from crm_desktop.domain.records import ListFilter, RecordKind  # noqa: E402
from crm_desktop.services import demo  # noqa: E402
from crm_desktop.services.workspace import Workspace, open_workspace  # noqa: E402
from crm_desktop.ui import ops  # noqa: E402
from crm_desktop.ui.contacts.tab import ContactsTab  # noqa: E402
from crm_desktop.ui.contacts.table_model import RecordTableModel  # noqa: E402

DATA = Path(__file__).resolve().parent / ".data"
SEARCHES = ("zhang", "王", "1380", "Miller", "杭州 采购")
SORTS = ("company", "city", "updated_at", "name")
TARGETS_1M = {"open": 100.0, "search": 50.0, "sort": 200.0, "memory": 50.0}


def settle(app: QApplication) -> None:
    """Let background counts finish (they run off the GUI thread, outside the timings)."""
    while ops.running_ops():
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()


def median_ms(fn: Callable[[], object], repeat: int, app: QApplication | None = None) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
        if app is not None:
            settle(app)
    return statistics.median(times)


def database(size: int) -> Path:
    DATA.mkdir(exist_ok=True)
    path = DATA / f"contacts_{size}.db"
    if not path.exists():
        partial = path.with_suffix(".partial.db")
        for leftover in DATA.glob(partial.name + "*"):
            leftover.unlink()
        ws = open_workspace(partial, "bench")
        start = time.perf_counter()
        demo.make_demo(ws, size, seed=1)
        seconds = time.perf_counter() - start
        ws.close()
        partial.rename(path)
        print(f"  made {size:,} demo contacts in {seconds:.1f} s ({size / seconds:,.0f}/s)")
    return path


# -- the naive way, for comparison -------------------------------------------------------------
def _columns() -> list[object]:
    c = m.Contact
    return [c.id, c.name, c.company_sort, c.title, c.mobile, c.phone, c.email, c.city]


def load_all(ws: Workspace, search: str = "", order: object = None) -> list[tuple[object, ...]]:
    """Every matching row, as a table model without paging holds them."""
    query = select(*_columns()).where(m.Contact.deleted_at.is_(None))
    if search:
        query = query.where(search_condition(ws.database.dialect, "contacts", m.Contact.id, search))
    query = query.order_by(order if order is not None else m.Contact.name_sort)
    with ws.reading() as uow:
        return [tuple(r) for r in uow.session.execute(query).all()]


def memory_mb(fn: Callable[[], object]) -> tuple[float, object]:
    """Python memory held by what ``fn`` returns (tracemalloc), in MB."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = fn()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / 1e6, kept


def row(label: str, ours: float, base: float, unit: str, target: float | None) -> None:
    ratio = base / ours if ours else float("inf")
    mark = ""
    if target is not None:
        mark = "  ok" if ours < target else f"  OVER target {target:g} {unit}"
    print(
        f"  {label:<32} {ours:>9.1f} {unit:<3} baseline {base:>10.1f} {unit:<3} x{ratio:>7.1f}{mark}"
    )


def bench(size: int, repeat: int, app: QApplication) -> None:
    path = database(size)
    ws = open_workspace(path, "bench")
    settings = QSettings(str(DATA / "bench-settings.ini"), QSettings.Format.IniFormat)
    settings.clear()
    targets = TARGETS_1M if size >= 1_000_000 else {}
    print(f"\n{size:,} contacts ({path.stat().st_size / 1e6:,.0f} MB file), median of {repeat}:")
    try:
        # Open the Contacts tab: filter choices, first page of contacts and companies, counts.
        tabs: list[ContactsTab] = []

        def open_tab() -> None:
            tab = ContactsTab(ws, settings)
            tab.show()
            app.processEvents()
            assert tab.model.rowCount() > 0
            tabs.append(tab)

        def close_tabs() -> None:
            settle(app)
            for tab in tabs:
                tab.close()
                tab.deleteLater()
            tabs.clear()
            app.processEvents()

        open_tab()  # warm the page cache once, as a user's second start would
        close_tabs()
        ours = median_ms(open_tab, repeat, app)
        close_tabs()
        base = median_ms(lambda: load_all(ws), max(1, repeat // 2))
        row("open tab, first page shown", ours, base, "ms", targets.get("open"))

        model = RecordTableModel(ws, RecordKind.CONTACT)

        def counted() -> None:
            model.reload()
            settle(app)

        ours = median_ms(counted, repeat)
        row("  ... and the count shown", ours, base, "ms", None)

        for text in SEARCHES:
            ours = median_ms(lambda t=text: model.set_filter(ListFilter(search=t)), repeat, app)
            base = median_ms(lambda t=text: load_all(ws, t), max(1, repeat // 2))
            row(f"search {text!r} ({model.total:,} hits)", ours, base, "ms", targets.get("search"))
        model.set_filter(ListFilter())
        settle(app)

        for key in SORTS:
            column = model.columns.index(key)

            def sort_both(col: int = column) -> None:
                model.sort(col, Qt.SortOrder.DescendingOrder)
                model.sort(col, Qt.SortOrder.AscendingOrder)

            ours = median_ms(sort_both, repeat, app) / 2
            order = getattr(
                m.Contact, {"company": "company_sort", "name": "name_sort"}.get(key, key)
            )
            base = median_ms(lambda o=order: load_all(ws, order=o), max(1, repeat // 2))
            row(f"sort by {key}", ours, base, "ms", targets.get("sort"))

        def scrolled_list() -> RecordTableModel:
            fresh = RecordTableModel(ws, RecordKind.CONTACT)
            fresh.reload()
            for _ in range(9):  # the user scrolls through ten pages (2,000 rows)
                fresh.fetchMore()
            settle(app)
            return fresh

        ours_mb, kept = memory_mb(scrolled_list)
        del kept
        base_mb, kept = memory_mb(lambda: load_all(ws))
        del kept
        row("memory of the list (10 pages)", ours_mb, base_mb, "MB", targets.get("memory"))
    finally:
        ws.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    print("ours = lazy keyset-paged model; baseline = load every matching row (no paging)")
    for size in (int(s) for s in args.sizes.split(",")):
        bench(size, args.repeat, app)  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
