"""Engine creation: SQLite pragmas, WAL on local disks, BEGIN IMMEDIATE for writes; PostgreSQL too."""

from __future__ import annotations

import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

WRITE_OPTION = "crm_write"
BUSY_TIMEOUT_MS = 5000
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "afs",
        "9p",
        "fuse.sshfs",
        "ncpfs",
        "davfs",
        "fuse.davfs2",
        "glusterfs",
        "ceph",
        "fuse.rclone",
        "vboxsf",
        "prl_fs",
        "virtiofs",
    }
)


@dataclass(frozen=True, slots=True)
class DatabaseLocation:
    url: URL
    path: Path | None  # the file, for SQLite

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def display(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)


def locate(db: str | os.PathLike[str]) -> DatabaseLocation:
    """A path or a SQLAlchemy URL (``postgresql+psycopg://...``) to a location."""
    text = os.fspath(db)
    if "://" in text:
        url = make_url(text)
        if url.get_backend_name() == "sqlite":
            path = Path(url.database).expanduser().resolve() if url.database else None
            return DatabaseLocation(url.set(database=str(path)) if path else url, path)
        return DatabaseLocation(url, None)
    path = Path(text).expanduser().resolve()
    return DatabaseLocation(URL.create("sqlite+pysqlite", database=str(path)), path)


def _mount_fstype(path: Path) -> str | None:
    """The file-system type of the mount holding ``path`` (Linux), or None when unknown."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best, fstype = "", None
    target = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) > len(best):
            best, fstype = mount_point, parts[2]
    return fstype


def on_network_share(path: Path) -> bool:
    """WAL needs shared memory, which network file systems do not provide."""
    forced = os.environ.get("CRM_DESKTOP_NETWORK_SHARE")
    if forced is not None:
        return forced not in ("", "0", "false", "no")
    if sys.platform == "win32":
        text = str(path.resolve())
        if text.startswith("\\\\"):
            return True
        import ctypes

        drive = os.path.splitdrive(text)[0] + "\\"
        return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == 4)  # DRIVE_REMOTE
    fstype = _mount_fstype(path.parent)
    return fstype is not None and (fstype in NETWORK_FILESYSTEMS or fstype.startswith("nfs"))


def _configure_sqlite(engine: Engine, journal_mode: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Take over transaction control from the sqlite3 module so BEGIN IMMEDIATE is ours to emit.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        mode = cur.execute(f"PRAGMA journal_mode = {journal_mode}").fetchone()
        if mode and str(mode[0]).lower() == "wal":
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA cache_size = -32000")
        # Temporary tables and big sorts (an import's matching keys) in a temporary file with
        # its own small cache, spilling to disk only when they outgrow it: never unbounded RAM.
        cur.execute("PRAGMA temp_store = FILE")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A writer takes the lock up front: no deadlock-prone upgrade from a read lock later.
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(location: DatabaseLocation) -> Engine:
    if location.is_sqlite:
        assert location.path is not None
        journal = "DELETE" if on_network_share(location.path) else "WAL"
        engine = create_engine(
            location.url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
            pool_pre_ping=False,
        )
        _configure_sqlite(engine, journal)
        return engine
    return create_engine(location.url, pool_pre_ping=True)


def writer(engine: Engine) -> Engine:
    """The same engine, whose transactions start as writers (BEGIN IMMEDIATE on SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})
