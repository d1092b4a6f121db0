"""An open database: engine, location, migrations done, sessions for reading and writing."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from crm_desktop.db import migrate
from crm_desktop.db.engine import DatabaseLocation, locate, make_engine, writer


class Database:
    def __init__(self, location: DatabaseLocation, engine: Engine) -> None:
        self.location = location
        self.engine = engine
        self._writer = writer(engine)
        self.backup_made: Path | None = None
        self.created = False

    @classmethod
    def open(
        cls,
        db: str | os.PathLike[str],
        backup_dir: Path | None = None,
        *,
        migrate_schema: bool = True,
    ) -> Database:
        """Open (creating if need be) and bring the schema up to date, backing up first."""
        location = locate(db)
        if location.path is not None:
            location.path.parent.mkdir(parents=True, exist_ok=True)
        created = location.path is not None and not location.path.exists()
        engine = make_engine(location)
        database = cls(location, engine)
        database.created = created
        if migrate_schema:
            try:
                database.backup_made = migrate.prepare(engine, location, backup_dir)
            except Exception:
                engine.dispose()
                raise
        return database

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self, *, write: bool) -> Session:
        return Session(bind=self._writer if write else self.engine, expire_on_commit=False)

    def journal_mode(self) -> str | None:
        if self.dialect != "sqlite":
            return None
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar())

    def backup(self, target: Path) -> Path:
        """A consistent copy, safe while others (the app, a colleague) are writing."""
        if self.location.path is None:
            raise ValueError("backup of a server database: use the server's own tools (pg_dump)")
        target = target.expanduser().resolve()
        if target == self.location.path:
            raise ValueError("the backup cannot overwrite the database itself")
        if target.exists():
            target.unlink()
        return migrate.backup_sqlite(self.location.path, target)

    def integrity_check(self) -> str:
        if self.dialect != "sqlite":
            return "ok"
        with self.engine.connect() as conn:
            rows = conn.execute(text("PRAGMA integrity_check")).scalars().all()
            fts = "ok"
            for table in ("companies_fts", "contacts_fts", "companies_words", "contacts_words"):
                try:
                    conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('integrity-check')"))
                except Exception as exc:
                    fts = f"{table}: {exc}"
            conn.rollback()
        result = "; ".join(str(r) for r in rows)
        return result if fts == "ok" else f"{result}; {fts}"

    def close(self) -> None:
        self.engine.dispose()
