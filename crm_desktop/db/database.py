"""An open database: engine, location, migrations done, sessions for reading and writing."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from crm_desktop.db import migrate
from crm_desktop.db.engine import (
    DatabaseLocation,
    is_locked,
    is_read_only,
    locate,
    make_engine,
    read_only_connect,
    writable,
    writer,
)
from crm_desktop.domain.errors import (
    CrmError,
    DatabaseLockedError,
    DatabaseOpenError,
    MissingDatabaseError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
)

SQLITE_HEADER = b"SQLite format 3\x00"
READ_ONLY_REASON = "you may read this file but not change it; " + ReadOnlyDatabaseError.ADVICE


class Database:
    def __init__(self, location: DatabaseLocation, engine: Engine, read_only: bool = False) -> None:
        self.location = location
        self.engine = engine
        self._writer = writer(engine)
        self.read_only = read_only
        self.backup_made: Path | None = None
        self.created = False

    @classmethod
    def open(
        cls,
        db: str | os.PathLike[str],
        backup_dir: Path | None = None,
        *,
        migrate_schema: bool = True,
        create: bool = True,
    ) -> Database:
        """Open and bring the schema up to date, backing up first. ``create``: a missing (or
        empty) file becomes a new database; otherwise it is refused. A file this user may not
        write opens read-only. Nothing is written to a file before it is known to be ours."""
        location = locate(db)
        created = read_only = False
        if location.path is not None:
            created = _check_file(location, create)
            read_only = not created and not writable(location.path)
        current = None
        if migrate_schema:
            probe = make_engine(location, read_only=read_only, journal=False)
            try:
                current = migrate.verify(probe, location)
            finally:
                probe.dispose()
        engine = make_engine(location, read_only=read_only)
        database = cls(location, engine, read_only)
        database.created = created
        if migrate_schema and current != migrate.head_revision():
            try:
                if read_only:
                    raise ReadOnlyDatabaseError(
                        location.display(),
                        "it was made by an older version of CRM Desktop and must be upgraded "
                        "before use, which needs write access; open a copy you may write, or "
                        "ask for write access",
                    )
                database.backup_made = migrate.migrate_from(engine, location, current, backup_dir)
            except OperationalError as exc:
                engine.dispose()
                if is_read_only(exc):  # the folder, or the mount, refused the new file
                    raise DatabaseOpenError(
                        location.display(), f"cannot create {location.display()}: {exc.orig}"
                    ) from exc
                raise migrate.open_error(exc, location) from exc
            except Exception:
                engine.dispose()
                raise
        return database

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self, *, write: bool) -> Session:
        if write and self.read_only:
            raise ReadOnlyDatabaseError(self.location.display(), READ_ONLY_REASON)
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
        try:
            if target.exists():
                target.unlink()
            return migrate.backup_sqlite(self.location.path, target)
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise CrmError(f"cannot write the backup {target}: {reason}") from exc

    def integrity_check(self) -> str:
        """SQLite's integrity check; on a file we may write, the search indexes' own check too
        (an FTS5 command that reads only, but that SQLite runs as a write: not on a read-only
        file, and a colleague's lock means "busy", not damage)."""
        if self.dialect != "sqlite":
            return "ok"
        with self.engine.connect() as conn:
            try:
                rows = conn.execute(text("PRAGMA integrity_check")).scalars().all()
            except OperationalError as exc:
                if is_locked(exc):
                    raise DatabaseLockedError(self.location.display()) from exc
                return str(exc.orig)
            fts = "ok"
            for table in (
                *(f"{t}_{i}" for t in ("companies", "contacts") for i in ("fts", "words")),
                *(f"{t}_{i}" for t in ("tickets", "articles") for i in ("fts", "words")),
            ):
                if self.read_only:
                    break
                try:
                    conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('integrity-check')"))
                except OperationalError as exc:
                    if is_locked(exc):
                        raise DatabaseLockedError(self.location.display()) from exc
                    fts = f"{table}: {exc.orig}"
                except Exception as exc:
                    fts = f"{table}: {exc}"
            conn.rollback()
        result = "; ".join(str(r) for r in rows)
        return result if fts == "ok" else f"{result}; {fts}"

    def close(self) -> None:
        self.engine.dispose()


def _check_file(location: DatabaseLocation, create: bool) -> bool:
    """Whether the file is to be created; refuses a folder, a missing or empty file (unless
    ``create``), and a file that is no SQLite database at all."""
    path = location.path
    assert path is not None
    where = location.display()
    if path.is_dir():
        raise DatabaseOpenError(
            where, f"{where} is a folder, not a database file: give a file in it, e.g. "
            f"{path / 'crm.db'}"
        )  # fmt: skip
    if not path.exists() or path.stat().st_size == 0:
        if not create:
            raise MissingDatabaseError(where, "" if not path.exists() else " (the file is empty)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseOpenError(
                where, f"cannot create {where}: {exc.strerror or exc} ({path.parent})"
            ) from exc
        return True
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseOpenError(where, f"cannot read {where}: {exc.strerror or exc}") from exc
    if header != SQLITE_HEADER:
        raise NotADatabaseError(where, "it is not a SQLite database file")
    return False


def file_integrity(path: Path) -> str:
    """SQLite's integrity check of a file that will not open as a database, read-only."""
    try:
        conn = read_only_connect(path)()
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)
    return "; ".join(str(r[0]) for r in rows)
