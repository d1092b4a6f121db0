"""Engine creation: SQLite pragmas, WAL on local disks, BEGIN IMMEDIATE for writes; PostgreSQL too."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from urllib.request import pathname2url

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from crm_desktop.domain.errors import DatabaseOpenError

WRITE_OPTION = "crm_write"
BUSY_TIMEOUT_MS = 5000
SUPPORTED = "a file path, sqlite:///PATH or postgresql+psycopg://USER@HOST/DATABASE"
PG_EXTRA = 'pip install "crm-desktop[postgresql]"'
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
    """A path or a SQLAlchemy URL (``postgresql+psycopg://...``) to a location.

    Refused with :class:`DatabaseOpenError`: an in-memory database (gone when the command ends),
    a scheme other than sqlite and postgresql."""
    text = os.fspath(db)
    if "://" not in text:
        if text.strip() in ("", ":memory:"):
            raise _in_memory(text)
        path = Path(text).expanduser().resolve()
        return DatabaseLocation(URL.create("sqlite+pysqlite", database=str(path)), path)
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise DatabaseOpenError(
            text, f"{text} is not a database URL ({exc}); use {SUPPORTED}"
        ) from exc
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise _in_memory(text)
        path = Path(url.database).expanduser().resolve()
        return DatabaseLocation(url.set(database=str(path)), path)
    if backend in ("postgresql", "postgres"):
        if url.drivername in ("postgresql", "postgres"):  # psycopg is the driver we install
            url = url.set(drivername="postgresql+psycopg")
        return DatabaseLocation(url, None)
    raise DatabaseOpenError(
        url.render_as_string(hide_password=True),
        f"unsupported database URL scheme {url.drivername}://: use {SUPPORTED}",
    )


def _in_memory(text: str) -> DatabaseOpenError:
    return DatabaseOpenError(
        text or ":memory:",
        f"{text or 'an empty name'}: an in-memory database would be gone when the command "
        "ends; give the path of a database file (--db crm.db)",
    )


def writable(path: Path) -> bool:
    """Whether this user may change the database file (and add its journal beside it).

    A file marked read-only (no write permission for anyone) counts as read-only even for an
    administrator, who could write it anyway: whoever marked it meant it to stay as it is."""
    mode = path.stat().st_mode
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return False
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def sqlite_uri(path: Path, **params: str) -> str:
    """A ``file:`` URI for sqlite3.connect(uri=True); any character of the path is safe."""
    return f"file:{pathname2url(str(path))}?{urlencode(params)}"


def read_only_connect(path: Path) -> Callable[[], sqlite3.Connection]:
    """Connections that cannot write: ``mode=ro``; on a read-only folder, where a WAL file's
    shared-memory file cannot be made, ``immutable=1`` (nobody can write there either)."""

    def connect() -> sqlite3.Connection:
        options: dict[str, Any] = {
            "uri": True,
            "timeout": BUSY_TIMEOUT_MS / 1000,
            "check_same_thread": False,  # as SQLAlchemy's pool for files: one thread at a time
        }
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), **options)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        except sqlite3.OperationalError as exc:
            if "unable to open" not in str(exc):
                conn.close()
                raise
            conn.close()
            conn = sqlite3.connect(sqlite_uri(path, mode="ro", immutable="1"), **options)
        return conn

    return connect


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


def _configure_sqlite(engine: Engine, journal_mode: str | None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Take over transaction control from the sqlite3 module so BEGIN IMMEDIATE is ours to emit.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if journal_mode is not None:
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


def make_engine(
    location: DatabaseLocation, *, read_only: bool = False, journal: bool = True
) -> Engine:
    """An engine for the location. ``read_only``: SQLite connections that cannot write.
    ``journal=False``: the journal mode is left as the file has it (switching it to WAL writes
    to the file: not before the file is known to be ours)."""
    if location.is_sqlite:
        if location.path is None:
            raise _in_memory(location.display())
        journal_mode = None
        if journal and not read_only:
            journal_mode = "DELETE" if on_network_share(location.path) else "WAL"
        options: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000}}
        if read_only:
            options = {"creator": read_only_connect(location.path)}
        engine = create_engine(location.url, pool_pre_ping=False, **options)
        _configure_sqlite(engine, journal_mode)
        return engine
    try:
        return create_engine(location.url, pool_pre_ping=True)
    except ImportError as exc:
        driver = location.url.get_driver_name()
        also = "" if driver == "psycopg" else " and write the URL as postgresql+psycopg://…"
        raise DatabaseOpenError(
            location.display(),
            f"the PostgreSQL driver ({driver}) is not installed: {PG_EXTRA}{also}",
        ) from exc


def is_locked(exc: BaseException) -> bool:
    """A lock another connection holds made the statement give up."""
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def is_read_only(exc: BaseException) -> bool:
    """SQLite refused a write: the file, its folder or the mount is read-only."""
    return "readonly database" in str(exc).lower()


def writer(engine: Engine) -> Engine:
    """The same engine, whose transactions start as writers (BEGIN IMMEDIATE on SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})
