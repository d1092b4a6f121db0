"""Schema migrations: new files, upgrades from the first revision with a backup, newer files refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from crm_desktop.db import migrate
from crm_desktop.db.database import Database
from crm_desktop.domain.errors import NotADatabaseError, SchemaTooNewError
from crm_desktop.domain.records import ListFilter, RecordKind
from crm_desktop.services import contacts as cs
from crm_desktop.services.workspace import open_workspace


def test_new_file_is_created_at_head_in_wal_mode(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "new.db")
    try:
        assert db.created
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        assert db.journal_mode() == "wal"
        assert db.backup_made is None
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    finally:
        db.close()


def test_network_share_uses_rollback_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_DESKTOP_NETWORK_SHARE", "1")
    db = Database.open(tmp_path / "shared.db")
    try:
        assert db.journal_mode() == "delete"
    finally:
        db.close()


def _first_revision_file(path: Path) -> None:
    db = Database.open(path, migrate_schema=False)
    migrate.upgrade(db.engine, "0001")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, name, email, created_at, updated_at) "
                "VALUES (1, 'Old', '', '2024-01-01', '2024-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO companies (id, name, industry, region, city, address, website, phone, "
                "source, notes, created_at, updated_at) VALUES (1, '上海申通物流', '物流', '华东', "
                "'上海', '', '', '021-5555 1234', '', '', '2024-01-01', '2024-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO contacts (id, company_id, name, title, mobile, phone, email, im, "
                "address, city, notes, created_at, updated_at) VALUES (1, 1, '李娜', '', "
                "'13912345678', '', 'li.na@sto.cn', '', '', '上海', '', '2024-01-01', '2024-01-01')"
            )
        )
    db.close()


def test_first_revision_file_is_backed_up_then_migrated_and_searchable(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _first_revision_file(path)
    backups = tmp_path / "backups"
    ws = open_workspace(path, "Tester", backups)
    try:
        assert ws.schema() == (migrate.head_revision(), migrate.head_revision())
        assert ws.backup_made is not None and ws.backup_made.parent == backups
        with sqlite3.connect(ws.backup_made) as old:
            assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert old.execute("SELECT name FROM contacts").fetchall() == [("李娜",)]
        for query in ("李娜", "娜", "li", "lina", "39123", "申通", "sto.cn"):
            rows = cs.list_page(ws, RecordKind.CONTACT, ListFilter(search=query)).rows
            assert [r[1] for r in rows] == ["李娜"], query
        [company] = cs.list_page(ws, RecordKind.COMPANY, ListFilter(search="shentong")).rows
        assert company[1] == "上海申通物流"
    finally:
        ws.close()


def test_file_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Database.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError) as err:
        Database.open(path)
    assert "newer version" in str(err.value)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "customers.xlsx.db"
    path.write_bytes(b"PK\x03\x04 this is a zip, not SQLite" * 100)
    with pytest.raises(NotADatabaseError):
        Database.open(path)


def test_downgrade_to_first_revision_and_up_again(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "roundtrip.db")
    try:
        from alembic import command

        cfg = migrate.alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
        assert migrate.current_revision(db.engine) == "0001"
        migrate.upgrade(db.engine)
        assert migrate.current_revision(db.engine) == migrate.head_revision()
    finally:
        db.close()


def test_the_migrations_build_exactly_the_models_schema(tmp_path: Path) -> None:
    """A model changed without a migration (or the other way round) fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from crm_desktop.db.models import Base

    db = Database.open(tmp_path / "schema.db")
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={
                    # The full-text tables are made by hand in the migrations (FTS5).
                    "include_name": lambda name, kind, parent: (
                        not (
                            kind == "table" and ("_fts" in (name or "") or "_words" in (name or ""))
                        )
                    ),
                    "compare_type": True,
                },
            )
            diff = compare_metadata(context, Base.metadata)
    finally:
        db.close()
    assert diff == []
