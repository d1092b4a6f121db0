"""The service commands and their JSON shapes: tickets, ticket add, report service."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from crm_desktop import cli
from crm_desktop.domain.records import CompanyData, ContactData
from crm_desktop.domain.service import Priority, TicketData, TicketKind, TicketStatus
from crm_desktop.services import contacts as cs
from crm_desktop.services import tickets as tk
from crm_desktop.services.workspace import open_workspace

ROW_KEYS = {
    "id", "kind", "subject", "company", "contact", "channel", "category", "priority", "status",
    "assignee", "opened_at", "first_response_due", "resolution_due", "hours_left", "state",
    "satisfaction",
}  # fmt: skip


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    path = tmp_path / "office.db"
    ws = open_workspace(path, "Tester")
    company = cs.create_company(ws, CompanyData(name="杭州西湖茶叶有限公司"))
    cs.create_contact(ws, ContactData(name="陈静", company_id=company.id))
    long_ago = datetime.now(UTC) - timedelta(days=3)
    late = tk.open_ticket(
        ws, TicketData(TicketKind.COMPLAINT, "茶叶受潮", company.id, category="产品质量",
                       priority=Priority.URGENT, assignee_id=ws.user.id),
        now=long_ago,
    )  # fmt: skip
    done = tk.open_ticket(
        ws, TicketData(TicketKind.INQUIRY, "Price list", company.id), now=long_ago
    )
    tk.reply(ws, done.id, done.version, "Sent", now=long_ago + timedelta(hours=2))
    done = tk.get_ticket(ws, done.id)
    tk.set_status(ws, done.id, done.version, TicketStatus.CLOSED, resolution="Sent the list",
                  satisfaction=5, now=long_ago + timedelta(hours=4))  # fmt: skip
    assert late.id == 1
    ws.close()
    return path


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, Any]:
    code = cli.main(["--db", str(db), "--user", "Tester", *args])
    out = capsys.readouterr()
    return code, json.loads(out.out) if "--json" in args and code == 0 else out


def test_tickets_json(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run(capsys, office, "tickets", "--json")
    assert code == 0
    assert set(data) == {"tickets", "count", "has_more"} and data["count"] == 1
    row = data["tickets"][0]
    assert set(row) == ROW_KEYS
    assert (row["kind"], row["priority"], row["state"], row["company"]) == (
        "complaint", "urgent", "overdue", "杭州西湖茶叶有限公司",
    )  # fmt: skip
    assert row["hours_left"] < 0
    assert run(capsys, office, "tickets", "--mine", "--overdue", "--json")[1]["count"] == 1
    closed = run(capsys, office, "tickets", "--status", "closed", "--json")[1]["tickets"]
    assert [(r["subject"], r["satisfaction"]) for r in closed] == [("Price list", 5)]
    assert run(capsys, office, "tickets", "--kind", "repair", "--json")[1]["tickets"] == []
    assert run(capsys, office, "tickets", "--search", "chaye", "--json")[1]["count"] == 1


def test_ticket_add_json(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, t = run(
        capsys, office, "ticket", "add", "--kind", "repair", "--company", "杭州西湖茶叶有限公司",
        "--subject", "烘干机坏了", "--priority", "urgent", "--channel", "wechat", "--json",
    )  # fmt: skip
    assert code == 0
    opened = datetime.fromisoformat(t["opened_at"])
    assert datetime.fromisoformat(t["first_response_due"]) - opened == timedelta(hours=1)
    assert datetime.fromisoformat(t["resolution_due"]) - opened == timedelta(hours=8)
    assert (t["kind"], t["status"], t["channel"], t["version"]) == ("repair", "new", "wechat", 1)
    code, t = run(capsys, office, "ticket", "add", "--kind", "inquiry", "--contact", "1",
                  "--subject", "Hello", "--json")  # fmt: skip
    assert code == 0 and t["company"] == "杭州西湖茶叶有限公司" and t["contact"] == "陈静"
    code, out = run(capsys, office, "ticket", "add", "--kind", "inquiry", "--company", "Nobody",
                    "--subject", "x")  # fmt: skip
    assert code == 1 and "No company is named" in out.err
    with pytest.raises(SystemExit) as usage:
        cli.main(["--db", str(office), "ticket", "add", "--kind", "inquiry", "--subject", "x"])
    assert usage.value.code == 2


def test_report_service_json(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, r = run(capsys, office, "report", "service", "--json")
    assert code == 0
    assert r["opened"] == 2 and r["resolved"] == 1
    assert r["open_overdue"] == [
        {"kind": "complaint", "priority": "urgent", "open": 1, "overdue": 1}
    ]
    assert r["median_first_response_hours"] == 2.0
    assert r["median_resolution_hours"] == 4.0
    assert r["resolved_within_target"] == 1.0
    assert r["satisfaction"] == {"average": 5.0, "count": 1}
    assert r["complaints_by_category"] == [{"category": "产品质量", "count": 1}]
    today = datetime.now(UTC).date()
    code, r = run(capsys, office, "report", "service", "--from", str(today), "--json")
    assert (r["from"], r["opened"], r["satisfaction"]["average"]) == (str(today), 0, None)
    code, text = run(capsys, office, "report", "service")
    assert code == 0 and "产品质量" in text.out
    with pytest.raises(SystemExit):
        cli.main(["--db", str(office), "report", "service", "--from", "yesterday"])
