"""What is particular to PostgreSQL: migrations both ways, sequences after bulk inserts, the CLI."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, inspect

from crm_desktop.cli import main
from crm_desktop.db import migrate
from crm_desktop.domain.records import ContactData, ListFilter, RecordKind
from crm_desktop.services import contacts as cs
from crm_desktop.services import demo, maintenance
from crm_desktop.services.workspace import Workspace


def test_a_new_server_database_is_created_at_head_and_checks_ok(ws: Workspace) -> None:
    report = maintenance.check(ws)
    assert report.dialect == "postgresql"
    assert report.schema_revision == report.head_revision == migrate.head_revision()
    assert report.integrity == "ok"


def test_migrations_go_down_to_nothing_and_up_again(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        migrate.upgrade(engine)
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            from alembic import command

            command.downgrade(cfg, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
        assert "contacts" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_records_added_after_bulk_demo_data_get_fresh_ids(ws: Workspace) -> None:
    demo.make_demo(ws, 40, seed=1)
    contact = cs.create_contact(ws, ContactData(name="新客户 New Customer"))
    assert contact.id > 40
    found = cs.list_page(ws, RecordKind.CONTACT, ListFilter(search="新客户")).rows
    assert [r[0] for r in found] == [contact.id]


def test_command_line_on_a_server_url(ws: Workspace, pg_url: str, capsys, tmp_path) -> None:
    cs.create_contact(ws, ContactData(name="王芳", mobile="13912345678"))
    assert main(["--db", pg_url, "search", "wang", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [c["name"] for c in hits["contacts"]] == ["王芳"]
    assert main(["--db", pg_url, "check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    # a server is backed up with the server's own tools: say so, change nothing
    assert main(["--db", pg_url, "backup", str(tmp_path / "copy.db")]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert not (tmp_path / "copy.db").exists()
