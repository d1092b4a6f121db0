"""``crm-desktop report abc|rfm|sales|profit|receivables``: the JSON shapes (money as exact
decimal strings) on the hand-computed sales of reports_data, the grades --apply writes, and
the chart and table files."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from crm_desktop.services import contacts as cs
from crm_desktop.services.workspace import open_workspace
from tests.unit.reports_data import Sales, build
from tests.unit.test_hardening import cli, home

assert home  # the fixture (autouse): the user's folders in tmp_path
PERIOD = ("--from", "2025-01-01", "--to", "2025-12-31")


@pytest.fixture
def sales_db(tmp_path: Path) -> tuple[Path, Sales]:
    path = tmp_path / "sales.db"
    ws = open_workspace(path, "Tester")
    made = build(ws)
    ws.close()
    return path, made


def report(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> dict:  # type: ignore[type-arg]
    code, out, err = cli(capsys, "--db", str(db), "report", *args, *PERIOD, "--json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_abc_json_and_apply(sales_db, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db, made = sales_db
    data = report(capsys, db, "abc")
    assert data["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert (data["basis"], data["cutoffs"], data["currency"], data["total"]) == (
        "revenue", [0.8, 0.95], "CNY", "1850.00",
    )  # fmt: skip
    assert data["classes"][0] == {
        "class": "A",
        "customers": 2,
        "revenue": "1600.00",
        "share": 0.8649,
    }
    assert data["customers"][0] == {
        "id": made.jia, "name": "甲", "revenue": "1100.00", "share": 0.5946,
        "cumulative_share": 0.5946, "class": "A", "no_sales": False,
    }  # fmt: skip
    profit = report(capsys, db, "abc", "--basis", "profit", "--cutoffs", "0.5,0.9")
    assert profit["cutoffs"] == [0.5, 0.9] and profit["customers"][1]["profit"] == "200.00"
    applied = report(capsys, db, "abc", "--apply")
    assert applied["applied"] == {"changed": 4, "unchanged": 1}
    ws = open_workspace(db, "Tester")
    try:
        assert cs.get_company(ws, made.bing).data.grade == "B"
    finally:
        ws.close()
    code, out, _ = cli(capsys, "--db", str(db), "report", "abc", *PERIOD, "--apply")
    assert code == 0 and "0 changed, 5 unchanged" in out
    bad = cli(capsys, "--db", str(db), "report", "abc", "--cutoffs", "0.9,0.5")
    assert bad[0] == 1 and "cut-offs" in bad[2]


def test_rfm_sales_profit_receivables_json(sales_db, capsys) -> None:  # type: ignore[no-untyped-def]
    db, made = sales_db
    rfm = report(capsys, db, "rfm")
    assert rfm["as_of"] == "2025-12-31" and rfm["currency"] == "CNY"
    assert rfm["customers"][0] == {
        "id": made.jia, "name": "甲", "recency_days": 213, "frequency": 2, "monetary": "1100.00",
        "r": 4, "f": 4, "m": 4, "segment": "champions",
    }  # fmt: skip
    assert rfm["segments"][0] == {"segment": "champions", "customers": 1, "revenue": "1100.00"}
    sales = report(capsys, db, "sales", "--by", "month", "--currency", "cny")
    assert sales["rows"][0] == {
        "period": "2025-03", "currency": "CNY", "orders": 1, "revenue": "1000.00",
        "last_year_revenue": "800.00", "gross_profit": "400.00", "received": "1000.00",
    }  # fmt: skip
    profit = report(capsys, db, "profit", "--by", "industry")
    assert profit["rows"][0] == {
        "key": "制造", "name": "制造", "currency": "CNY", "orders": 3, "revenue": "1600.00",
        "cost": "900.00", "gross_profit": "600.00", "margin": 0.4, "lines_without_cost": 1,
        "revenue_without_cost": "100.00",
    }  # fmt: skip
    owed = report(capsys, db, "receivables", "--region", "华北")
    assert owed["ageing"] == [
        {"currency": "CNY", "not_due": "0.00", "days_0_30": "0.00", "days_31_60": "0.00",
         "days_61_90": "0.00", "over_90": "500.00", "total": "500.00", "orders": 1}
    ]  # fmt: skip
    assert owed["days_to_pay"] == []
    code, _, err = cli(capsys, "--db", str(db), "report", "sales", "--owner", "Nobody")
    assert code == 1 and "Nobody" in err


def test_report_writes_chart_and_table_files(sales_db, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db, _ = sales_db
    for name, extra in (("abc", ()), ("rfm", ()), ("sales", ("--by", "quarter")),
                        ("profit", ("--by", "product")), ("receivables", ())):  # fmt: skip
        png, pdf, xlsx = (tmp_path / f"{name}.{s}" for s in ("png", "pdf", "xlsx"))
        code, out, err = cli(capsys, "--db", str(db), "report", name, *extra, *PERIOD,
                             "--lang", "zh_CN", "--png", str(png), "--pdf", str(pdf),
                             "--xlsx", str(xlsx))  # fmt: skip
        assert code == 0, err
        assert out.strip()  # the text table
        assert png.stat().st_size > 1000 and pdf.read_bytes()[:5] == b"%PDF-"
        sheet = openpyxl.load_workbook(xlsx).active
        assert sheet is not None and sheet.max_row >= 2
