"""Every figure builder renders (Chinese names and labels, no missing glyphs when a Chinese font
is installed) and exports to PNG and PDF; report tables export to .xlsx that openpyxl reads."""

from __future__ import annotations

import warnings
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from matplotlib.figure import Figure

from crm_desktop.domain.pipeline import OpportunityData
from crm_desktop.domain.reports import Dimension, Grain
from crm_desktop.reports import charts, tables
from crm_desktop.reports.fonts import NO_CJK_FONT, cjk_family, cjk_font_problem
from crm_desktop.services import pipeline as ps
from crm_desktop.services import reports as rs
from crm_desktop.services.workspace import Workspace
from tests.unit.reports_data import END, YEAR, D, build


def figures(ws: Workspace, lang: str) -> dict[str, Figure]:
    made = build(ws)
    stages = ps.ensure_stages(ws, "zh_CN")
    for stage, amount in ((stages[0], "50000"), (stages[1], "30000"), (stages[2], "12000")):
        ps.create_opportunity(ws, OpportunityData("华东项目", stage.id, made.jia, amount=D(amount)))
    cny = replace(YEAR, currency="CNY")
    return {
        "pareto": charts.pareto_figure(rs.abc(ws, YEAR), lang),
        "sales": charts.sales_period_figure(rs.sales(ws, cny, Grain.MONTH), "month", lang),
        "profit": charts.breakdown_figure(rs.sales(ws, cny, Dimension.CUSTOMER), "customer", lang),
        "segments": charts.segment_figure(rs.rfm(ws, cny, END), lang),
        "ageing": charts.ageing_figure(rs.ageing(ws, cny, END), lang),
        "funnel": charts.funnel_figure(ps.funnel(ws), lang),
        "empty": charts.pareto_figure(rs.abc(ws, replace(YEAR, start=date(2026, 1, 1), end=date(2026, 2, 1))), lang),
    }  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_figure_renders_and_exports(ws: Workspace, tmp_path: Path, lang: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        made = figures(ws, lang)
        for name, fig in made.items():
            png = charts.save_figure(fig, tmp_path / f"{name}-{lang}.png")
            pdf = charts.save_figure(fig, tmp_path / f"{name}-{lang}.pdf")
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert pdf.read_bytes()[:5] == b"%PDF-"
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    if cjk_family() is None:
        pytest.skip(f"no Chinese font installed, boxes expected: {NO_CJK_FONT}")
    assert missing == []
    with pytest.raises(ValueError):
        charts.save_figure(made["pareto"], tmp_path / "x.jpg")


def test_the_font_choice_is_stated() -> None:
    family = cjk_family()
    assert (cjk_font_problem() is None) == (family is not None)
    if family is None:
        assert "fonts-noto-cjk" in NO_CJK_FONT


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_report_tables_export_to_xlsx(ws: Workspace, tmp_path: Path, lang: str) -> None:
    build(ws)
    abc = tables.abc_table(rs.abc(ws, YEAR), lang)
    out = tmp_path / "abc.xlsx"
    assert rs.export_table(out, abc.headers, abc.rows, abc.title) == 5
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(abc.headers)
    assert rows[1][1] == "甲" and rows[1][2] == 1100.0  # money as a number
    assert sheet["C2"].number_format == "#,##0.00"
    for table in (
        tables.rfm_table(rs.rfm(ws, YEAR, END), lang),
        tables.sales_table(rs.sales(ws, YEAR, Grain.MONTH), lang, periods=True),
        tables.sales_table(rs.sales(ws, YEAR, Dimension.INDUSTRY), lang, periods=False),
        tables.ageing_table(rs.ageing(ws, YEAR, END), lang),
    ):
        path = tmp_path / f"{table.title}.xlsx"
        rs.export_table(path, table.headers, table.rows, table.title)
        book = openpyxl.load_workbook(path)
        assert book.active is not None and book.active.max_row == len(table.rows) + 1
