"""A real PostgreSQL server for the tests, started on a free local port in a temporary folder.

The server binaries come from the system (Debian's ``postgresql`` package; `.ci/run` installs it
when missing). Without them these tests are skipped, unless ``CRM_REQUIRE_PG=1`` (set by CI),
where a missing server is a failure: the PostgreSQL path must not go untested silently.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm_desktop.services.workspace import Workspace, open_workspace

pytestmark = pytest.mark.pg
SUPERUSER = "crm"


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    def __init__(self, folder: Path) -> None:
        initdb, self.pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not self.pg_ctl:
            message = "PostgreSQL server binaries (initdb, pg_ctl) not found"
            if os.environ.get("CRM_REQUIRE_PG") == "1":
                pytest.fail(message + " and CRM_REQUIRE_PG=1")
            pytest.skip(message)
        self.folder = folder
        self.data = folder / "data"
        self.port = _free_port()
        # PostgreSQL refuses to run as root: run it as the system's postgres user then.
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            self.prefix = ["runuser", "-u", "postgres", "--"]
            shutil.chown(folder, "postgres")
            folder.chmod(0o700)
        self._run(
            initdb, "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--no-sync",
            "--encoding=UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        options = f"-p {self.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(self.pg_ctl, "-D", str(self.data), "-o", options, "-l", str(folder / "log"),
                  "-w", "start")  # fmt: skip
        self.count = 0

    def _run(self, *args: str) -> None:
        subprocess.run([*self.prefix, *args], check=True, capture_output=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        self.count += 1
        name = f"crm_test_{self.count}"
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        self._run(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    # Not under pytest's tmp_path: its folders are private to the test user, and the server may
    # run as the postgres user.
    folder = Path(tempfile.mkdtemp(prefix="crm-desktop-pg-"))
    try:
        server = PgServer(folder)
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A fresh, empty database on the test server."""
    return pg_server.new_database()


# The same names as the SQLite fixtures in tests/conftest.py: the storage and service tests,
# re-collected under tests/pg/, run unchanged on PostgreSQL.
@pytest.fixture
def ws(pg_url: str) -> Iterator[Workspace]:
    workspace = open_workspace(pg_url, "Tester")
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture
def colleague(pg_url: str, ws: Workspace) -> Iterator[Workspace]:
    """A second user with their own connection to the same server database."""
    other = open_workspace(pg_url, "Colleague")
    try:
        yield other
    finally:
        other.close()
