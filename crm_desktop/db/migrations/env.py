"""Alembic environment: run with the connection handed over by crm_desktop.db.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from crm_desktop.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        # `alembic` on the command line (for developers): a URL in the config.
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///dev.db")
        with engine.begin() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
