"""Bring a database file to the schema this version expects: create, back up and migrate, or refuse."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import OperationalError

from crm_desktop.db.engine import DatabaseLocation, is_locked
from crm_desktop.domain.errors import (
    CrmError,
    DamagedDatabaseError,
    DatabaseLockedError,
    DatabaseOpenError,
    NotADatabaseError,
    SchemaTooNewError,
)

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy a live SQLite file with the backup API: consistent even while others write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def open_error(exc: Exception, location: DatabaseLocation) -> CrmError:
    """What a failure to read a database on opening means to the user."""
    where = location.display()
    first_line = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
    if is_locked(exc):
        return DatabaseLockedError(where)
    if location.is_sqlite:
        if "malformed" in first_line or "not a database" in first_line:
            return DamagedDatabaseError(where, first_line)
        if "unable to open" in first_line:
            return DatabaseOpenError(
                where, f"cannot open {where}: {first_line} (may you read and write its folder?)"
            )
        return NotADatabaseError(where, first_line)
    if isinstance(exc, OperationalError):  # the server is out of reach or refuses us
        url = location.url
        reason = " ".join(str(exc.orig or exc).split())
        return DatabaseOpenError(
            where,
            f"cannot connect to the PostgreSQL server at {url.host or 'localhost'}:"
            f"{url.port or 5432}: {reason}",
        )
    return NotADatabaseError(where, first_line)


def verify(engine: Engine, location: DatabaseLocation) -> str | None:
    """The schema revision of a database that is ours (None: empty, to be created), read
    without writing anything; a file of another program or a newer version is refused."""
    try:
        current = current_revision(engine)
        tables = set(inspect(engine).get_table_names())
    except Exception as exc:  # a text file, a zip, a damaged copy, a lock, a server away ...
        raise open_error(exc, location) from exc
    if current is not None:
        try:
            ScriptDirectory.from_config(alembic_config()).get_revision(current)
        except Exception:
            raise SchemaTooNewError(location.display(), current) from None
    elif tables - {"alembic_version"}:
        raise NotADatabaseError(location.display(), "it holds tables but no CRM Desktop schema")
    return current


def migrate_from(
    engine: Engine, location: DatabaseLocation, current: str | None, backup_dir: Path | None
) -> Path | None:
    """Create the schema (``current`` None) or migrate it, backing the file up first.
    Returns the backup made, if any."""
    head = head_revision()
    if current == head:
        return None
    backup = None
    if current is not None and location.path is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = backup_dir or location.path.parent
        backup = backup_sqlite(
            location.path, folder / f"{location.path.stem}-before-{head}-{stamp}.db"
        )
        log.info("backed up %s to %s before migrating from %s", location.path, backup, current)
    upgrade(engine)
    return backup
