"""The Reports tab over demo data: charts and tables, filters that reload in the background,
ABC grades written and taken back, charts and tables exported, in English and Chinese."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from matplotlib import rcParams
from matplotlib.text import Text
from PySide6.QtCore import QCoreApplication, Qt, QThread

from crm_desktop.domain.records import RecordKind
from crm_desktop.domain.reports import AbcBasis, AbcClass, AbcCustomer, AbcResult
from crm_desktop.services import contacts as cs
from crm_desktop.services import demo
from crm_desktop.services import reports as rs
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.reports.catalogue import MAX_PARETO_BARS, REPORTS, thinned
from crm_desktop.ui.reports.tab import ReportsTab
from tests.ui.dialogs import answer_next_box

MONEY = ("¥", "$", "€", "£")


@pytest.fixture
def demo_ws(ws: Workspace) -> Workspace:
    demo.make_demo(ws, 120, seed=3)
    return ws


def open_reports(qtbot, make_window, key: str = "sales_period") -> tuple[MainWindow, ReportsTab]:  # type: ignore[no-untyped-def]
    window = make_window()
    tab = window.reports
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        window.tabs.setCurrentWidget(tab)
    if tab.report.key != key:
        show_report(qtbot, tab, key)
    return window, tab


def show_report(qtbot, tab: ReportsTab, key: str, view: str | None = None) -> None:  # type: ignore[no-untyped-def]
    row = next(i for i, r in enumerate(REPORTS) if r.key == key)
    if tab.reports.currentRow() == row:
        return
    with qtbot.waitSignal(tab.loaded, timeout=10_000, check_params_cb=lambda k: k == key):
        tab.reports.setCurrentRow(row)
    if view is not None:
        with qtbot.waitSignal(tab.loaded, timeout=10_000):
            tab.view.setCurrentIndex(tab.view.findData(view))


def cells(tab: ReportsTab) -> list[list[str]]:
    model = tab.table.rows_model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def grade_of(ws: Workspace, company_id: int) -> str | None:
    grade = cs.get_company(ws, company_id).data.grade
    return grade.value if grade else None


def money_columns(tab: ReportsTab) -> list[int]:
    assert tab.report_table is not None
    money = {
        f"{tab.current.key}/{c.key}" for c in tab.report_table.columns if c.kind.value == "money"
    }  # type: ignore[union-attr]
    return [i for i, c in enumerate(tab.table.rows_model.columns) if c.key in money]


def test_the_tab_shows_a_chart_and_a_table_of_every_report(qtbot, demo_ws, make_window) -> None:
    _window, tab = open_reports(qtbot, make_window)
    assert tab.chart.canvas is not None and tab.chart.toolbar is not None
    ax = tab.chart.figure.axes[0]
    assert ax.patches, "bars of revenue per month"
    assert tab.table.rows_model.rowCount() >= 12
    for key in [r.key for r in REPORTS]:
        show_report(qtbot, tab, key)
        for view in [tab.view.itemData(i) for i in range(tab.view.count())] or [None]:
            if view is not None and view != tab.view.currentData():
                with qtbot.waitSignal(tab.loaded, timeout=10_000):
                    tab.view.setCurrentIndex(tab.view.findData(view))
            assert tab.current is not None and tab.current.key == key
            assert tab.chart.figure is not None and tab.chart.figure.axes, (key, view)
            assert tab.chart.figure.axes[0].get_title(), (key, view)
            rows = cells(tab)
            assert rows, (key, view)
            assert (
                money_columns(tab)
                or key in ("conversion", "activities")
                or view
                in (
                    "days",
                    "retention",
                )
            ), (key, view)
            for col in money_columns(tab):  # never a bare amount
                for row in rows:
                    assert row[col] == "" or row[col].lstrip("-").startswith(MONEY), (key, row)


def test_a_filter_change_reloads_in_the_background(
    qtbot, demo_ws, make_window, monkeypatch
) -> None:
    """The query runs in a worker while the window keeps answering; the filter is the new one."""
    _window, tab = open_reports(qtbot, make_window)
    real = rs.sales
    asked = []
    release = threading.Event()
    gui = QCoreApplication.instance().thread()

    def slow_sales(ws, flt, by):  # type: ignore[no-untyped-def]
        asked.append((flt, QThread.currentThread() is not gui))
        release.wait(5)
        return real(ws, flt, by)

    monkeypatch.setattr(rs, "sales", slow_sales)
    tab.filters.period.setCurrentIndex(tab.filters.period.findData("this_year"))
    qtbot.waitUntil(lambda: bool(asked))  # the query started …
    assert tab.busy.isVisible() and operations.running_ops() > 0
    qtbot.wait(50)  # … and the window goes on handling events while it waits
    assert not release.is_set()
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        release.set()
    flt, off_gui_thread = asked[-1]
    assert off_gui_thread
    assert flt.start is not None and flt.start.month == 1 and flt.start.day == 1
    assert not tab.busy.isVisible()


def test_choosing_a_grouping_and_an_owner_narrows_the_report(qtbot, demo_ws, make_window) -> None:
    _window, tab = open_reports(qtbot, make_window, "sales_group")
    everyone = len(cells(tab))
    assert everyone > 1  # every salesperson
    qtbot.waitUntil(lambda: tab.filters.owner.count() > 2)
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.filters.owner.setCurrentIndex(1)
    assert len(cells(tab)) == 1
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.by.setCurrentIndex(tab.by.findData("category"))
    assert tab.current is not None and tab.current.options.by == "category"


def test_apply_grades_writes_the_classes_and_undo_gives_the_old_ones_back(
    qtbot, demo_ws, make_window
) -> None:
    ws = demo_ws
    _window, tab = open_reports(qtbot, make_window, "abc")
    assert tab.apply_button.isVisible() and not tab.undo_button.isEnabled()
    result = tab.current.result  # type: ignore[union-attr]
    before = {c.company_id: c.grade for c in result.customers}
    assert any(c.grade != c.cls for c in result.customers)
    seen: list[str] = []
    answer_next_box("Apply grades", seen)
    qtbot.mouseClick(tab.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tab.undo_button.isEnabled, timeout=10_000)
    assert "change" in seen[0]
    for c in result.customers:
        assert grade_of(ws, c.company_id) == c.cls
    # The change reaches the tab: the classes now match the grades.
    qtbot.waitUntil(
        lambda: all(c.grade == c.cls for c in tab.current.result.customers),  # type: ignore[union-attr]
        timeout=10_000,
    )
    qtbot.mouseClick(tab.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.applied, timeout=10_000)
    qtbot.waitUntil(lambda: operations.running_ops() == 0)
    for company_id, grade in before.items():
        assert grade_of(ws, company_id) == grade


def test_the_contacts_list_filters_by_the_grades_written(qtbot, demo_ws, make_window) -> None:
    window, tab = open_reports(qtbot, make_window, "abc")
    a_class = set(tab.current.result.customer_ids("A"))  # type: ignore[union-attr]
    answer_next_box("Apply grades", [])
    qtbot.mouseClick(tab.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tab.undo_button.isEnabled, timeout=10_000)
    contacts = window.contacts
    window.tabs.setCurrentWidget(contacts)
    contacts.set_view(1)  # companies
    qtbot.waitUntil(lambda: contacts.kind is RecordKind.COMPANY)
    contacts.grade.setCurrentIndex(contacts.grade.findData("A"))
    model = contacts.model
    qtbot.waitUntil(lambda: model.rowCount() == len(a_class), timeout=10_000)


def test_cancelling_the_question_writes_nothing(qtbot, demo_ws, make_window) -> None:
    _window, tab = open_reports(qtbot, make_window, "abc")
    before = {c.company_id: c.grade for c in tab.current.result.customers}  # type: ignore[union-attr]
    answer_next_box("Cancel", [])
    qtbot.mouseClick(tab.apply_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert not tab.undo_button.isEnabled()
    assert {cid: grade_of(demo_ws, cid) for cid in before} == before


def test_export_writes_a_png_a_pdf_and_an_xlsx(qtbot, demo_ws, make_window, tmp_path: Path) -> None:
    _window, tab = open_reports(qtbot, make_window, "top_customers")
    png, pdf, xlsx = tmp_path / "chart.png", tmp_path / "chart.pdf", tmp_path / "top.xlsx"
    for path in (png, pdf):
        tab.export_chart_to(path)
    tab.export_table_to(xlsx)
    qtbot.waitUntil(lambda: operations.running_ops() == 0, timeout=10_000)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    sheet = openpyxl.load_workbook(xlsx).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Customer", "Currency", "Orders", "Revenue")
    assert len(rows) == 1 + len(cells(tab))
    assert all(isinstance(r[3], int | float) for r in rows[1:])  # money as numbers …
    assert all(r[1] == "CNY" for r in rows[1:])  # … with their currency


def test_an_abc_export_names_its_currency(qtbot, demo_ws, make_window, tmp_path: Path) -> None:
    _window, tab = open_reports(qtbot, make_window, "abc")
    xlsx = tmp_path / "abc.xlsx"
    tab.export_table_to(xlsx)
    qtbot.waitUntil(lambda: operations.running_ops() == 0, timeout=10_000)
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[0][0] == "Class" and rows[0][-1] == "Currency"
    assert {r[-1] for r in rows[1:]} == {"CNY"}


@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_the_tab_in_chinese(qtbot, demo_ws, make_window, language) -> None:
    window, tab = open_reports(qtbot, make_window, "rfm")
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "报表"
    titles = [tab.reports.item(i).text() for i in range(tab.reports.count())]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in titles), titles
    texts = [t.get_text() for t in tab.chart.figure.findobj(Text)]
    assert "RFM客户分群 (CNY)" in texts
    assert "重要价值客户" in texts
    family = rcParams["font.family"]
    assert len(family) == 2, "a Chinese font follows DejaVu Sans in the fallback list"
    assert tab.export_table_button.text() != "Export table…"


def test_double_clicking_a_customer_opens_it_in_contacts(qtbot, demo_ws, make_window) -> None:
    window, tab = open_reports(qtbot, make_window, "abc")
    first = tab.current.result.customers[0]  # type: ignore[union-attr]
    rect = tab.table.visualRect(tab.table.rows_model.index(0, 1))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget() is window.contacts
    detail = window.contacts.detail
    qtbot.waitUntil(lambda: detail.record_id() == first.company_id, timeout=10_000)
    assert detail.kind is RecordKind.COMPANY


def test_a_pareto_of_thousands_draws_a_few_hundred_bars_with_every_class() -> None:
    n = 5000
    customers = tuple(
        AbcCustomer(
            i,
            f"C{i}",
            Decimal(n - i),
            0.0,
            i / n,
            "A" if i < 700 else "B" if i < 1501 else "C",
            None,
        )
        for i in range(n)
    )
    classes = tuple(AbcClass(k, 1, Decimal(1), 0.3) for k in "ABC")
    result = AbcResult(
        AbcBasis.REVENUE,
        "CNY",
        date(2026, 1, 1),
        None,
        (Decimal("0.8"), Decimal("0.95")),
        Decimal(1),
        classes,
        customers,
    )
    drawn, step = thinned(result)
    assert step == 13 and len(drawn.customers) <= MAX_PARETO_BARS + 3
    assert {0, 700, 1501} <= {c.company_id for c in drawn.customers}  # each class's first
    few = replace(result, customers=customers[:300])
    assert thinned(few) == (few, 1)


def test_an_empty_database_shows_every_report_empty(qtbot, ws, make_window) -> None:
    _window, tab = open_reports(qtbot, make_window)
    assert tab.filters.currency.count() == 0  # no orders: no currency to pick
    for key in [r.key for r in REPORTS]:
        show_report(qtbot, tab, key)
        assert tab.chart.figure is not None and tab.chart.figure.axes, key
    show_report(qtbot, tab, "abc")
    answer_next_box("OK", seen := [])
    qtbot.mouseClick(tab.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["There are no customers to grade."]
