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

from crm_desktop.db.engine import DatabaseLocation
from crm_desktop.domain.errors import NotADatabaseError, SchemaTooNewError

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


def prepare(engine: Engine, location: DatabaseLocation, backup_dir: Path | None) -> Path | None:
    """Create or migrate the schema. Returns the backup made before migrating, if any."""
    try:
        current = current_revision(engine)
        tables = set(inspect(engine).get_table_names())
    except Exception as exc:  # a text file, a zip, an encrypted file ...
        raise NotADatabaseError(location.display(), str(exc).splitlines()[0]) from exc
    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
    if current == head:
        return None
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise SchemaTooNewError(location.display(), current) from None
    elif tables - {"alembic_version"}:
        raise NotADatabaseError(location.display(), "it holds tables but no CRM Desktop schema")
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
