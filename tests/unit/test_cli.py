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
