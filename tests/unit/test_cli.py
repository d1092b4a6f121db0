"""The command line, run as a user runs it: a real process, real files, JSON on stdout."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop.domain.records import CompanyData, ContactData
from crm_desktop.services import contacts as cs
from crm_desktop.services.workspace import open_workspace


def run(*args: str, env_home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOME": str(env_home),
        "XDG_DATA_HOME": str(env_home / "data"),
        "XDG_STATE_HOME": str(env_home / "state"),
    }
    return subprocess.run(
        [sys.executable, "-m", "crm_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "office.db"
    ws = open_workspace(path, "Tester")
    company = cs.create_company(ws, CompanyData(name="杭州西湖茶叶有限公司", city="杭州"))
    cs.create_contact(ws, ContactData(name="陈静", company_id=company.id, mobile="13712345678"))
    cs.create_contact(ws, ContactData(name="Chen Jing", email="jing@example.com"))
    ws.close()
    return path


def test_search_json(filled: Path, tmp_path: Path) -> None:
    result = run("--db", str(filled), "search", "chen", "--json", env_home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == "chen"
    assert {c["name"] for c in data["contacts"]} == {"陈静", "Chen Jing"}
    person = next(c for c in data["contacts"] if c["name"] == "陈静")
    assert person["company"] == "杭州西湖茶叶有限公司" and person["mobile"] == "13712345678"
    assert data["companies"] == []
    by_phone = json.loads(
        run("--db", str(filled), "search", "1234567", "--json", env_home=tmp_path).stdout
    )
    assert [c["name"] for c in by_phone["contacts"]] == ["陈静"]


def test_db_option_also_accepted_after_the_command(filled: Path, tmp_path: Path) -> None:
    result = run("search", "西湖", "--db", str(filled), "--json", env_home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [c["name"] for c in json.loads(result.stdout)["companies"]] == ["杭州西湖茶叶有限公司"]


def test_check_reports_integrity_schema_and_counts(filled: Path, tmp_path: Path) -> None:
    result = run("--db", str(filled), "check", "--json", env_home=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["integrity"] == "ok"
    assert report["schema_revision"] == report["head_revision"]
    assert report["counts"]["contacts"] == 2 and report["counts"]["companies"] == 1
    text = run("--db", str(filled), "check", env_home=tmp_path)
    assert "integrity:  ok" in text.stdout


def test_backup_is_a_working_copy_while_the_database_is_open(filled: Path, tmp_path: Path) -> None:
    ws = open_workspace(filled, "Tester")  # the app holds the file open meanwhile
    try:
        out = tmp_path / "copy.db"
        result = run("--db", str(filled), "backup", str(out), "--json", env_home=tmp_path)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["backup"] == str(out)
        with sqlite3.connect(out) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (2,)
    finally:
        ws.close()


def test_errors_go_to_stderr_with_nonzero_exit(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database " * 200)
    result = run("--db", str(bad), "check", "--json", env_home=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "not a CRM Desktop database" in result.stderr
    usage = run("search", env_home=tmp_path)
    assert usage.returncode == 2 and "usage:" in usage.stderr


# -- demo --orders and the pipeline reports --------------------------------------------------
def run_in(env_lang: str, *args: str, env_home: Path) -> subprocess.CompletedProcess[str]:
    """As ``run``, with the environment's locale set to ``env_lang``."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(
        HOME=str(env_home),
        XDG_DATA_HOME=str(env_home / "data"),
        XDG_STATE_HOME=str(env_home / "state"),
        LANG=env_lang,
    )
    return subprocess.run(
        [sys.executable, "-m", "crm_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture
def deals(tmp_path: Path) -> Path:
    """Six deals whose sums are worked out by hand below, with half-cent weighted amounts."""
    from datetime import date
    from decimal import Decimal

    from crm_desktop.domain.pipeline import OpportunityData
    from crm_desktop.services import pipeline

    path = tmp_path / "deals.db"
    ws = open_workspace(path, "Tester")
    wang = open_workspace(path, "王芳")
    me, other = ws.user.id, wang.user.id
    wang.close()
    stage = {s.name: s.id for s in pipeline.ensure_stages(ws, "en")}
    for title, amount, name, close, owner, probability in (
        ("A", "1000.01", "Qualified", date(2027, 1, 15), me, None),  # 25 %
        ("B", "0.01", "Proposal", date(2027, 1, 20), other, None),  # 50 %
        ("C", "0.01", "Proposal", date(2027, 2, 1), me, None),
        ("D", "2000", "Negotiation", None, other, 90),
        ("E", "5000", "Won", date(2026, 10, 1), me, None),
        ("F", "300", "Lost", date(2026, 9, 1), other, None),
    ):
        pipeline.create_opportunity(
            ws,
            OpportunityData(
                title=title,
                stage_id=stage[name],
                amount=Decimal(amount),
                close_date=close,
                owner_id=owner,
                probability=probability,
            ),
        )
    ws.close()
    return path


def test_report_forecast_json_is_exact_and_matches_the_service(deals: Path, tmp_path: Path) -> None:
    from crm_desktop.services import pipeline

    result = run("--db", str(deals), "report", "forecast", "--json", env_home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == {
        "by": "month",
        "rows": [
            # 1000.01 × 25 % + 0.01 × 50 % = 250.0025 + 0.005 = 250.0075 -> 250.01
            {"month": "2027-01", "count": 2, "amount": "1000.02", "weighted": "250.01",
             "currency": "CNY"},
            {"month": "2027-02", "count": 1, "amount": "0.01", "weighted": "0.01",
             "currency": "CNY"},
            {"month": None, "count": 1, "amount": "2000.00", "weighted": "1800.00",
             "currency": "CNY"},
        ],
        "total": {"count": 4, "amount": "3000.03", "weighted": "2050.02", "currency": "CNY"},
        "totals": [
            {"count": 4, "amount": "3000.03", "weighted": "2050.02", "currency": "CNY"}
        ],
    }  # fmt: skip
    ws = open_workspace(deals, "Tester")
    try:
        for by in ("month", "owner", "month,owner"):
            out = run("--db", str(deals), "report", "forecast", "--by", by, "--json",
                      env_home=tmp_path)  # fmt: skip
            rows = json.loads(out.stdout)["rows"]
            expected = pipeline.forecast(ws, by)
            assert [r["count"] for r in rows] == [e.count for e in expected]
            assert [r["amount"] for r in rows] == [str(e.amount) for e in expected]
            assert [r["weighted"] for r in rows] == [str(e.weighted) for e in expected]
            if "owner" in by:
                assert [r["owner"] for r in rows] == [e.owner for e in expected]
            else:
                assert "owner" not in rows[0]
    finally:
        ws.close()
    by_owner = json.loads(
        run("--db", str(deals), "report", "forecast", "--by", "owner", "--json",
            env_home=tmp_path).stdout
    )  # fmt: skip
    assert by_owner["rows"] == [
        {"owner": "Tester", "count": 2, "amount": "1000.02", "weighted": "250.01",
         "currency": "CNY"},
        # 0.005 + 1800 = 1800.005 -> 1800.01 (half up, as an invoice rounds)
        {"owner": "王芳", "count": 2, "amount": "2000.01", "weighted": "1800.01",
         "currency": "CNY"},
    ]  # fmt: skip


def test_report_funnel_json_matches_the_service(deals: Path, tmp_path: Path) -> None:
    result = run("--db", str(deals), "report", "funnel", "--json", env_home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["stages"] == [
        {"stage": "Prospect", "outcome": "open", "count": 0, "amount": "0.00", "weighted": "0.00",
         "currency": None},
        {"stage": "Qualified", "outcome": "open", "count": 1, "amount": "1000.01",
         "weighted": "250.00", "currency": "CNY"},
        {"stage": "Proposal", "outcome": "open", "count": 2, "amount": "0.02", "weighted": "0.01",
         "currency": "CNY"},
        {"stage": "Negotiation", "outcome": "open", "count": 1, "amount": "2000.00",
         "weighted": "1800.00", "currency": "CNY"},
        {"stage": "Won", "outcome": "won", "count": 1, "amount": "5000.00", "weighted": "5000.00",
         "currency": "CNY"},
        {"stage": "Lost", "outcome": "lost", "count": 1, "amount": "300.00", "weighted": "0.00",
         "currency": "CNY"},
    ]  # fmt: skip
    total = {"count": 4, "amount": "3000.03", "weighted": "2050.01", "currency": "CNY"}
    assert data["open"] == total and data["open_totals"] == [total]


def _columns(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_report_text_is_an_aligned_table(deals: Path, tmp_path: Path) -> None:
    result = run("--db", str(deals), "report", "forecast", "--by", "month,owner",
                 env_home=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    title, *table = result.stdout.splitlines()
    assert "forecast" in title.lower()
    header, rule, *rows = table
    assert header.split() == ["Month", "Owner", "Currency", "Deals", "Amount", "Weighted"]
    assert set(rule) == {"-", " "}
    # Numbers right-aligned: every line ends in the same column, Chinese names counted double.
    assert len({_columns(line) for line in table}) == 1
    assert any(r.startswith("2027-01") and "王芳" in r and r.endswith("0.01") for r in rows)
    assert rows[-1].split() == ["Total", "4", "3,000.03", "2,050.02"]
    funnel = run("--db", str(deals), "report", "funnel", env_home=tmp_path).stdout.splitlines()
    assert funnel[0].split() == ["Stage", "Outcome", "Currency", "Deals", "Amount", "Weighted"]
    assert funnel[5].split() == ["Negotiation", "open", "CNY", "1", "2,000.00", "1,800.00"]
    assert funnel[-1].split() == ["Open", "pipeline", "4", "3,000.03", "2,050.01"]


def test_report_json_bytes_are_stable(deals: Path, tmp_path: Path) -> None:
    """Byte for byte what scripts parse (key order, indentation, null, the non-ASCII name), as
    the report printed it before its queries moved to crm_desktop.reports."""
    out = run("--db", str(deals), "report", "forecast", "--by", "month,owner", "--json",
              env_home=tmp_path).stdout  # fmt: skip
    row = (
        '    {\n      "month": %s,\n      "owner": "%s",\n      "count": 1,\n'
        '      "amount": "%s",\n      "weighted": "%s",\n      "currency": "CNY"\n    }'
    )
    rows = [
        row % ('"2027-01"', "Tester", "1000.01", "250.00"),
        row % ('"2027-01"', "王芳", "0.01", "0.01"),
        row % ('"2027-02"', "Tester", "0.01", "0.01"),
        row % ("null", "王芳", "2000.00", "1800.00"),
    ]
    assert out == (
        '{\n  "by": "month,owner",\n  "rows": [\n' + ",\n".join(rows) + "\n  ],\n"
        '  "total": {\n    "count": 4,\n    "amount": "3000.03",\n    "weighted": "2050.02",\n'
        '    "currency": "CNY"\n  },\n  "totals": [\n    {\n      "count": 4,\n'
        '      "amount": "3000.03",\n      "weighted": "2050.02",\n      "currency": "CNY"\n'
        "    }\n  ]\n}\n"
    )


def test_report_makes_the_default_stages_in_the_users_language(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.db", tmp_path / "en.db"
    for path in (zh, en):  # databases without stages (a report refuses a missing file)
        open_workspace(path, "Tester").close()
    result = run_in("zh_CN.UTF-8", "--db", str(zh), "report", "funnel", "--json",
                    env_home=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    stages = json.loads(result.stdout)["stages"]
    assert [s["stage"] for s in stages][:2] == ["初步接洽", "需求确认"]
    assert all(s["count"] == 0 for s in stages)
    result = run_in("zh_CN.UTF-8", "report", "forecast", "--db", str(en), "--lang", "en",
                    "--json", env_home=tmp_path)  # fmt: skip
    assert json.loads(result.stdout) == {
        "by": "month",
        "rows": [],
        "total": {"count": 0, "amount": "0.00", "weighted": "0.00", "currency": None},
        "totals": [{"count": 0, "amount": "0.00", "weighted": "0.00", "currency": None}],
    }
    funnel = run_in("de_DE.UTF-8", "--db", str(en), "report", "funnel", env_home=tmp_path)
    assert "Prospect" in funnel.stdout  # made once; a second report keeps them
    bad = run("--db", str(en), "report", "forecast", "--by", "week", env_home=tmp_path)
    assert bad.returncode == 2 and "usage:" in bad.stderr


def test_demo_orders_adds_line_items_to_an_existing_demo(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    first = run("--db", str(db), "demo", "--contacts", "40", "--orders", "300", "--seed", "1",
                "--json", env_home=tmp_path)  # fmt: skip
    assert first.returncode == 0, first.stderr
    made = json.loads(first.stdout)
    assert made["contacts"] == 40 and made["order_lines"] == 300
    assert made["opportunities"] > 0 and made["products"] > 0
    more = run("--db", str(db), "demo", "--orders", "200", "--json", env_home=tmp_path)
    assert more.returncode == 0, more.stderr
    added = json.loads(more.stdout)
    assert added["contacts"] == 0 and added["order_lines"] == 200 and added["products"] == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM order_lines").fetchone() == (500,)
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (40,)
    empty = tmp_path / "empty.db"
    fresh = run("--db", str(empty), "demo", "--orders", "100", "--json", env_home=tmp_path)
    assert json.loads(fresh.stdout)["contacts"] == 2000  # nothing to add to: a demo first
    bad = run("--db", str(db), "demo", "--orders", "-5", env_home=tmp_path)
    assert bad.returncode == 1 and "--orders" in bad.stderr
