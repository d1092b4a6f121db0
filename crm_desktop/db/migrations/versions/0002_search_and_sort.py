"""Search and sort: pinyin-aware sort keys, search text, FTS5 trigram index kept by triggers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crm_desktop.db.search import company_search_text, contact_search_text, sort_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")
BATCH = 5000


def _fts_sqlite(table: str) -> None:
    op.execute(
        f"CREATE VIRTUAL TABLE {table}_fts USING fts5("
        f"search_text, content='{table}', content_rowid='id', tokenize='trigram')"
    )
    # External-content FTS: the triggers keep the index in step with the table.
    op.execute(
        f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {table}_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
    )
    op.execute(
        f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {table}_fts({table}_fts, rowid, search_text) "
        f"VALUES ('delete', old.id, old.search_text); END"
    )
    op.execute(
        f"CREATE TRIGGER {table}_fts_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {table}_fts({table}_fts, rowid, search_text) "
        f"VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {table}_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
    )
    op.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")


def _backfill() -> None:
    conn = op.get_bind()
    companies = sa.table(
        "companies",
        *(
            sa.column(c)
            for c in (
                "id",
                "name",
                "phone",
                "industry",
                "region",
                "city",
                "address",
                "website",
                "source",
                "notes",
                "name_sort",
                "search_text",
            )
        ),
    )
    contacts = sa.table(
        "contacts",
        *(
            sa.column(c)
            for c in (
                "id",
                "company_id",
                "name",
                "mobile",
                "phone",
                "title",
                "email",
                "im",
                "city",
                "address",
                "notes",
                "name_sort",
                "company_sort",
                "search_text",
            )
        ),
    )
    names: dict[int, str] = {}
    for row in conn.execute(sa.select(companies)).mappings():
        names[row["id"]] = row["name"]
        conn.execute(
            companies.update()
            .where(companies.c.id == row["id"])
            .values(name_sort=sort_key(row["name"]), search_text=company_search_text(dict(row)))
        )
    for row in conn.execute(sa.select(contacts)).mappings():
        company = names.get(row["company_id"]) if row["company_id"] else None
        conn.execute(
            contacts.update()
            .where(contacts.c.id == row["id"])
            .values(
                name_sort=sort_key(row["name"]),
                company_sort=sort_key(company) if company else "",
                search_text=contact_search_text(dict(row), company),
            )
        )


def upgrade() -> None:
    with op.batch_alter_table("companies") as batch:
        batch.add_column(sa.Column("name_sort", sa.String(400), nullable=False, server_default=""))
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("name_sort", sa.String(400), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("company_sort", sa.String(400), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    _backfill()
    op.create_index(
        "ix_companies_name_sort",
        "companies",
        ["name_sort", "id"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )
    op.create_index("ix_companies_owner", "companies", ["owner_id", "name_sort", "id"])
    op.create_index(
        "ix_contacts_name_sort",
        "contacts",
        ["name_sort", "id"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )
    op.create_index(
        "ix_contacts_company_sort",
        "contacts",
        ["company_sort", "id"],
        sqlite_where=LIVE,
        postgresql_where=LIVE,
    )
    op.create_index("ix_contacts_owner", "contacts", ["owner_id", "name_sort", "id"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _fts_sqlite("companies")
        _fts_sqlite("contacts")
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table in ("companies", "contacts"):
            op.execute(
                f"CREATE INDEX ix_{table}_search_trgm ON {table} "
                "USING gin (search_text gin_trgm_ops)"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in ("companies", "contacts"):
        if dialect == "sqlite":
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
        elif dialect == "postgresql":
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_trgm")
    for name, table in (
        ("ix_contacts_owner", "contacts"),
        ("ix_contacts_company_sort", "contacts"),
        ("ix_contacts_name_sort", "contacts"),
        ("ix_companies_owner", "companies"),
        ("ix_companies_name_sort", "companies"),
    ):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("contacts") as batch:
        for column in ("search_text", "company_sort", "name_sort"):
            batch.drop_column(column)
    with op.batch_alter_table("companies") as batch:
        for column in ("search_text", "name_sort"):
            batch.drop_column(column)
