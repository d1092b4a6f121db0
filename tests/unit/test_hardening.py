"""Issue 11, "Hardening": every database path, lock and file handled safely.

Each test is one probe of the issue, run as a user runs it (the command line's ``main`` on real
SQLite files and real workbooks) and checked by what the user sees: the message, the exit code,
the file's bytes, what is left in the temporary folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm_desktop.cli import main
from crm_desktop.db import engine, migrate
from crm_desktop.db.database import Database
from crm_desktop.domain.errors import Cancelled, ReadOnlyDatabaseError
from crm_desktop.domain.records import ContactData, ListFilter
from crm_desktop.io import scratch
from crm_desktop.services import contacts as cs
from crm_desktop.services import exporting
from crm_desktop.services.workspace import open_workspace
from tests.unit.test_cli import filled  # noqa: F401  (a fixture)
from tests.unit.test_importing import xlsx

BUSY = "is busy: another user or program is writing to it. Try again in a moment."


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user's folders (data, logs, cache) in tmp_path; the log handlers main() adds go."""
    home = tmp_path / "home"
    for name, sub in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"),
                      ("XDG_CACHE_HOME", "cache"), ("HOME", "")):  # fmt: skip
        monkeypatch.setenv(name, str(home / sub))
    handlers = list(logging.getLogger().handlers)
    yield home
    for handler in logging.getLogger().handlers:
        if handler not in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``crm-desktop ARGS`` (usage errors exit 2)."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def office(filled: Path) -> Path:  # noqa: F811  (the fixture, imported above)
    """A small office database: a company, 陈静 and Chen Jing."""
    return filled


def sheet(path: Path, rows: list[list[object]]) -> Path:
    return xlsx(path, rows, title=None)


# -- 1. a read-only file -----------------------------------------------------------------------
@pytest.fixture
def read_only(office: Path) -> Iterator[Path]:
    """The office file marked read-only (no write permission for anyone): what a read-only
    share or a colleague's file looks like. As root, too, CRM Desktop leaves it as it is."""
    office.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    yield office
    office.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_read_only_file_reads_and_checks_without_a_false_alarm(read_only, tmp_path, capsys):
    before = digest(read_only)
    code, out, err = cli(capsys, "--db", str(read_only), "search", "chen", "--json")
    assert code == 0, err
    assert {c["name"] for c in json.loads(out)["contacts"]} == {"陈静", "Chen Jing"}
    code, out, err = cli(capsys, "--db", str(read_only), "check", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["ok"] is True and report["integrity"] == "ok" and report["read_only"] is True
    assert report["counts"]["contacts"] == 2
    code, out, _ = cli(capsys, "--db", str(read_only), "check")
    assert "integrity:  ok (search indexes not checked: the file is read-only)" in out
    assert cli(capsys, "--db", str(read_only), "export", str(tmp_path / "out.csv"))[0] == 0
    assert cli(capsys, "--db", str(read_only), "backup", str(tmp_path / "copy.db"))[0] == 0
    assert cli(capsys, "--db", str(read_only), "report", "funnel")[0] == 0
    assert digest(read_only) == before


def test_read_only_file_refuses_writes_with_a_plain_message(read_only, tmp_path, capsys):
    before = digest(read_only)
    book = sheet(tmp_path / "new.xlsx", [["Name", "Mobile"], ["王芳", "13900001111"]])
    for command in (["import", str(book)], ["demo", "--contacts", "5"], ["undo-import", "1"]):
        code, out, err = cli(capsys, "--db", str(read_only), *command)
        assert code == 1 and out == "", command
        assert err.startswith(f"crm-desktop: {read_only} is read-only: "), err
        assert "SQL" not in err and "INSERT" not in err
    assert digest(read_only) == before


def test_a_write_on_a_read_only_workspace_fails_below_the_ui(read_only):
    ws = open_workspace(read_only, "Someone new", create=False)  # not stored: cannot be
    try:
        assert ws.read_only
        with pytest.raises(ReadOnlyDatabaseError, match="is read-only"):
            cs.create_contact(ws, ContactData(name="王芳"))
    finally:
        ws.close()


def test_a_read_only_file_of_an_older_version_is_not_migrated(tmp_path, capsys):
    old = tmp_path / "old.db"
    database = Database.open(old, migrate_schema=False)
    migrate.upgrade(database.engine, "0004")
    database.close()
    old.chmod(stat.S_IRUSR)
    before = digest(old)
    code, _, err = cli(capsys, "--db", str(old), "search", "x")
    assert code == 1
    assert f"{old} is read-only: it was made by an older version of CRM Desktop" in err
    assert digest(old) == before and not list(tmp_path.glob("old-before-*"))


# -- 2. a path that does not exist, an empty file, :memory: ------------------------------------
READ_COMMANDS = [
    ["search", "x"],
    ["check"],
    ["export", "OUT"],
    ["imports"],
    ["backup", "OUT"],
    ["report", "funnel"],
    ["undo-import", "1"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_refuse_a_missing_database(command, tmp_path, capsys):
    typo = tmp_path / "typo" / "crm.db"
    args = [str(tmp_path / "out.csv") if a == "OUT" else a for a in command]
    code, out, err = cli(capsys, "--db", str(typo), *args)
    assert code == 1 and out == ""
    assert err.strip() == (
        f"crm-desktop: No database at {typo}; create one with "
        f"`crm-desktop --db {typo} demo` or open the app"
    )
    assert not typo.parent.exists()  # no folder, no file made


def test_an_empty_file_is_not_turned_into_a_database_by_a_read(tmp_path, capsys):
    empty = tmp_path / "empty.db"
    empty.touch()
    code, _, err = cli(capsys, "--db", str(empty), "check")
    assert code == 1 and f"No database at {empty} (the file is empty)" in err
    assert empty.stat().st_size == 0


def test_commands_that_create_say_so(tmp_path, capsys):
    new = tmp_path / "new" / "crm.db"
    book = sheet(tmp_path / "people.xlsx", [["Name", "Mobile"], ["王芳", "13900001111"]])
    code, out, err = cli(capsys, "--db", str(new), "import", str(book), "--json")
    assert code == 0, err
    assert err == f"Created a new database at {new}\n"
    assert json.loads(out)["created"] == 1
    code, _, err = cli(capsys, "--db", str(new), "search", "王芳")
    assert code == 0 and "Created" not in err


@pytest.mark.parametrize("db", [":memory:", "sqlite://", "sqlite:///:memory:"])
def test_an_in_memory_database_is_explained(db, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in (["search", "x"], ["demo", "--contacts", "1"]):
        code, _, err = cli(capsys, "--db", db, *command)
        assert code == 1
        assert "an in-memory database would be gone when the command ends" in err
        assert "give the path of a database file" in err and "unexpected" not in err
    assert list(tmp_path.iterdir()) == [tmp_path / "home"]  # no file named :memory:


# -- 3. a folder -------------------------------------------------------------------------------
def test_a_folder_is_called_a_folder(tmp_path, capsys):
    for command in (["search", "x"], ["demo", "--contacts", "1"]):
        code, _, err = cli(capsys, "--db", str(tmp_path), *command)
        assert code == 1
        assert f"{tmp_path} is a folder, not a database file" in err


# -- 4. someone else's SQLite file, a newer schema ---------------------------------------------
def test_someone_elses_sqlite_file_stays_byte_identical(tmp_path, capsys):
    invoices = tmp_path / "invoices.db"
    conn = sqlite3.connect(invoices)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total NUMERIC)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()
    before = digest(invoices)
    book = sheet(tmp_path / "people.xlsx", [["Name"], ["王芳"]])
    for command in (["search", "x"], ["check"], ["import", str(book)], ["demo"]):
        code, _, err = cli(capsys, "--db", str(invoices), *command)
        assert code == 1 and "is not a CRM Desktop database" in err, err
    assert digest(invoices) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "invoices.db", "people.xlsx"]
    with sqlite3.connect(invoices) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_a_newer_schema_stays_byte_identical(office, capsys):
    with sqlite3.connect(office) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.execute("PRAGMA journal_mode = DELETE")
    before = digest(office)
    code, _, err = cli(capsys, "--db", str(office), "demo", "--contacts", "1")
    assert code == 1 and "was created by a newer version of CRM Desktop" in err
    assert digest(office) == before


# -- 5. a damaged file -------------------------------------------------------------------------
@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.db"
    ws = open_workspace(path, "Tester")
    cs.create_contact(ws, ContactData(name="陈静", notes="x" * 20_000))
    ws.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])  # a copy that stopped a third of the way
    return path


def test_a_damaged_file_is_called_damaged_with_what_to_do(damaged, capsys):
    before = digest(damaged)
    code, _, err = cli(capsys, "--db", str(damaged), "search", "chen")
    assert code == 1
    assert f"{damaged} looks damaged (" in err
    assert "Restore it from a backup" in err and f"`crm-desktop --db {damaged} check`" in err
    code, out, err = cli(capsys, "--db", str(damaged), "check", "--json")
    assert code == 1 and "looks damaged" in err
    report = json.loads(out)
    assert report["ok"] is False and report["integrity"] not in ("", "ok")
    assert digest(damaged) == before


# -- 6. URLs -----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unsupported_schemes_say_which_are_supported(capsys):
    for url, scheme in (("foo://bar", "foo://"), ("mysql://u:secret@db/crm", "mysql://")):
        code, _, err = cli(capsys, "--db", url, "search", "x")
        assert code == 1
        assert (
            f"unsupported database URL scheme {scheme}: use a file path, sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST/DATABASE"
        ) in err
        assert "secret" not in err and "unexpected" not in err


def test_a_missing_driver_names_the_extra_to_install(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on a machine without it
    code, _, err = cli(capsys, "--db", "postgresql://crm@127.0.0.1/crm", "search", "x")
    assert code == 1
    assert (
        'the PostgreSQL driver (psycopg) is not installed: pip install "crm-desktop[postgresql]"'
    ) in err


def test_an_unreachable_server_is_named_with_its_reason(capsys):
    port = free_port()
    url = f"postgresql+psycopg://crm@127.0.0.1:{port}/crm?connect_timeout=3"
    code, _, err = cli(capsys, "--db", url, "check")
    assert code == 1
    assert f"cannot connect to the PostgreSQL server at 127.0.0.1:{port}: " in err
    assert "refused" in err.lower() and "not a CRM Desktop database" not in err


# -- 7. a lock on a rollback-journal file (network share) --------------------------------------
def test_a_lock_on_a_shared_file_says_busy(office, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRM_DESKTOP_NETWORK_SHARE", "1")
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)  # give up sooner than a user would
    cli(capsys, "--db", str(office), "check")  # as on the share: a rollback journal
    with sqlite3.connect(office) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    book = sheet(tmp_path / "people.xlsx", [["Name"], ["王芳"]])
    colleague = sqlite3.connect(office, isolation_level=None)
    colleague.execute("BEGIN EXCLUSIVE")  # a colleague's save in progress
    try:
        for command in (["search", "chen"], ["check"], ["import", str(book)]):
            code, _, err = cli(capsys, "--db", str(office), *command)
            assert code == 1
            assert err.strip() == f"crm-desktop: The database {office} {BUSY}", command
    finally:
        colleague.rollback()
        colleague.close()
    assert cli(capsys, "--db", str(office), "search", "chen")[0] == 0


# -- 8. import exit codes and an unknown header ------------------------------------------------
def test_import_exit_codes_match_the_readme(office, tmp_path, capsys):
    # rows with only an invalid e-mail: nothing can name a record (a valid one would)
    all_bad = sheet(tmp_path / "bad.xlsx", [["Name", "E-mail"], [None, "a@@x"], [None, "b@@x"]])
    code, out, _ = cli(capsys, "--db", str(office), "import", str(all_bad), "--json")
    assert code == 1  # nothing imported
    assert json.loads(out)["failed"] == 2 and json.loads(out)["created"] == 0
    some_bad = sheet(tmp_path / "some.xlsx", [["Name", "E-mail"], ["王芳", None], [None, "b@@x"]])
    assert cli(capsys, "--db", str(office), "import", str(some_bad))[0] == 3
    again = cli(capsys, "--db", str(office), "import", str(sheet(tmp_path / "ok.xlsx",
                [["Name"], ["王芳"]])))  # fmt: skip
    assert again[0] == 0  # a duplicate skipped is no failure


def test_a_sheet_with_no_known_column_says_so(office, tmp_path, capsys):
    odd = sheet(tmp_path / "odd.xlsx", [["Foo", "Bar", "Baz"], ["1", "2", "3"]])
    code, out, err = cli(capsys, "--db", str(office), "import", str(odd))
    assert code == 1 and out == ""
    assert "no column of this sheet was recognised: Foo, Bar, Baz" in err
    code, out, _ = cli(capsys, "--db", str(office), "imports", "--json")
    assert json.loads(out)["imports"] == []  # nothing recorded either


# -- 9. export to a folder that does not exist or cannot be written ----------------------------
def temp_listing() -> set[str]:
    return set(os.listdir(tempfile.gettempdir()))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_to_a_missing_folder_names_it_and_leaves_nothing(office, tmp_path, suffix, capsys):
    before = temp_listing()
    missing = tmp_path / "no such folder"
    code, _, err = cli(capsys, "--db", str(office), "export", str(missing / f"out{suffix}"))
    assert code == 1
    assert err.strip() == f"crm-desktop: cannot export to {missing}: the folder does not exist"
    a_file = tmp_path / "notes.txt"
    a_file.write_text("")
    code, _, err = cli(capsys, "--db", str(office), "export", str(a_file / f"out{suffix}"))
    assert code == 1 and f"cannot export to {a_file}: the folder is not a folder" in err
    if Path("/proc/self").exists():  # a folder nobody may write in, root included
        code, _, err = cli(capsys, "--db", str(office), "export", f"/proc/out{suffix}")
        assert code == 1 and "cannot export to /proc: you may not write in this folder" in err
    assert temp_listing() == before


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_scratch_is_beside_the_target_and_gone_on_every_outcome(office, tmp_path, suffix):
    before = temp_listing()
    out = tmp_path / "out" / f"contacts{suffix}"
    out.parent.mkdir()
    seen: list[str] = []

    def cancel(_kind: str = "") -> bool:  # Cancel pressed while the file is being written
        seen.extend(p.name for p in out.parent.iterdir())
        return True

    ws = open_workspace(office, "Tester")
    try:
        with pytest.raises(Cancelled):
            exporting.export_contacts(ws, out, ListFilter(), cancelled=cancel)
        assert [n for n in seen if n.startswith(f".{out.name}.") and n.endswith(".crm-writing")]
        assert list(out.parent.iterdir()) == []  # cancelled: no file, no scratch folder
        assert exporting.export_contacts(ws, out).rows == 2
        assert list(out.parent.iterdir()) == [out]
    finally:
        ws.close()
    assert temp_listing() == before


def test_a_crashed_exports_scratch_folder_is_swept_at_the_next_start(
    office, tmp_path, home, capsys
):
    target = tmp_path / "contacts.xlsx"
    crash = (
        "import os, sys\nfrom pathlib import Path\nfrom crm_desktop.io.scratch import ScratchFolder\n"
        "folder = ScratchFolder(Path(sys.argv[1]), Path(sys.argv[2])).__enter__()\n"
        "(folder / 'contacts.xlsx').write_text('every customer')\nos._exit(9)\n"
    )
    notes = home / "cache" / "crm-desktop" / "writing"
    subprocess.run([sys.executable, "-c", crash, str(target), str(notes)], check=False)
    left = [p for p in tmp_path.iterdir() if p.name.endswith(scratch.SUFFIX)]
    assert len(left) == 1 and (left[0] / "contacts.xlsx").exists()
    assert cli(capsys, "--db", str(office), "search", "chen")[0] == 0  # the next start
    assert not left[0].exists() and list(notes.iterdir()) == []


# -- 10. small ones ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["search", "x", "--limit", "99999999999999999999"],
        ["search", "x", "--limit", "-1"],
        ["imports", "--limit", "0"],
        ["undo-import", "99999999999999999999"],
        ["undo-import", "-3"],
    ],
)
def test_out_of_range_numbers_are_usage_errors(office, args, capsys):
    code, out, err = cli(capsys, "--db", str(office), *args)
    assert code == 2 and out == ""
    assert "usage:" in err and "error: argument" in err and "SQLite" not in err


def test_a_backup_that_cannot_be_written_names_the_path(office, capsys):
    code, _, err = cli(capsys, "--db", str(office), "backup", "/proc/x.db")
    assert code == 1
    assert err.startswith("crm-desktop: cannot write the backup /proc/x.db: ")
    assert "unexpected" not in err


@pytest.mark.parametrize("query", ["%", "'", "*", "😀", "-- ", "***"])
def test_a_search_of_only_punctuation_finds_nothing(office, query, capsys):
    code, out, _ = cli(capsys, "--db", str(office), "search", query, "--json")
    assert code == 0
    assert json.loads(out)["contacts"] == [] and json.loads(out)["companies"] == []
    code, out, _ = cli(capsys, "--db", str(office), "search", f"chen {query}", "--json")
    assert len(json.loads(out)["contacts"]) == 2  # beside a word it narrows nothing
