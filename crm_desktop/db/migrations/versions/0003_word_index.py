"""Word index for 1-2 character searches (王, 杭州, li); Trash indexes on deleted rows only.

Adds ``search_words`` (the search text with each Chinese character as a word of its own) and,
on SQLite, an FTS5 table with the unicode61 tokenizer over it, kept in step by triggers.
The ``deleted_at`` indexes become partial (deleted rows only): as full indexes they lured the
SQLite planner into scanning every live row and sorting, instead of walking the sort index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from crm_desktop.db.search import search_words

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("companies", "contacts")
BATCH = 5000


def _backfill(table: str) -> None:
    conn = op.get_bind()
    t = sa.table(table, sa.column("id"), sa.column("search_text"), sa.column("search_words"))
    last = 0
    while True:
        rows = conn.execute(
            sa.select(t.c.id, t.c.search_text).where(t.c.id > last).order_by(t.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        conn.execute(
            t.update().where(t.c.id == sa.bindparam("b_id")),
            [{"b_id": r.id, "search_words": search_words(r.search_text or "")} for r in rows],
        )
        last = rows[-1].id


def _word_fts(table: str) -> None:
    fts = f"{table}_words"
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_words, content='{table}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_words) VALUES (new.id, new.search_words); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_words) "
        f"VALUES ('delete', old.id, old.search_words); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF search_words ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_words) "
        f"VALUES ('delete', old.id, old.search_words); "
        f"INSERT INTO {fts}(rowid, search_words) VALUES (new.id, new.search_words); END"
    )
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


TRASH = sa.text("deleted_at IS NOT NULL")


def upgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_deleted", table_name=table)
        op.create_index(
            f"ix_{table}_deleted",
            table,
            ["deleted_at"],
            sqlite_where=TRASH,
            postgresql_where=TRASH,
        )
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("search_words", sa.Text(), nullable=False, server_default="")
            )
        _backfill(table)
        if op.get_bind().dialect.name == "sqlite":
            _word_fts(table)


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_deleted", table_name=table)
        op.create_index(f"ix_{table}_deleted", table, ["deleted_at"])
        if op.get_bind().dialect.name == "sqlite":
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_words_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_words")
        with op.batch_alter_table(table) as batch:
            batch.drop_column("search_words")
