"""The command line: ``crm-desktop [--db PATH|URL] [COMMAND ...]``; no command opens the window.

Commands print text, or with ``--json`` one JSON document on stdout. Errors go to stderr
with a non-zero exit code: 1 for a failure, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from crm_desktop import __version__, paths
from crm_desktop.domain.errors import CrmError

log = logging.getLogger("crm_desktop")


def _db_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        # Given after a command it overrides the global one; SUPPRESS keeps the global value.
        default=None if top else argparse.SUPPRESS,
        help="database file or SQLAlchemy URL (default: crm.db in the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crm-desktop",
        description="CRM Desktop: customers, contacts, history and follow-ups. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _db_option(parser, top=True)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the demo database in the user data folder, filled with demo data on first use",
    )
    parser.add_argument("--user", help="act as this user (default: your login name)")
    parser.add_argument("--lang", choices=["en", "zh_CN"], help="language of the window")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fill the database with realistic demo data")
    _db_option(demo, top=False)
    demo.add_argument("--contacts", type=int, default=2000, metavar="N", help="how many contacts")
    demo.add_argument("--seed", type=int, default=None, help="random seed (repeatable data)")
    demo.add_argument("--locale", choices=["en", "zh_CN", "mixed"], default="mixed")
    demo.add_argument("--json", action="store_true", help="print the counts as JSON")

    search = sub.add_parser("search", help="find contacts and companies")
    _db_option(search, top=False)
    search.add_argument("text", help="name, pinyin, phone fragment, e-mail, city, notes ...")
    search.add_argument("--limit", type=int, default=50, help="at most this many of each kind")
    search.add_argument("--json", action="store_true", help="print the hits as JSON")

    check = sub.add_parser("check", help="integrity check, schema version and record counts")
    _db_option(check, top=False)
    check.add_argument("--json", action="store_true", help="print the report as JSON")

    backup = sub.add_parser("backup", help="copy the database safely, even while it is in use")
    _db_option(backup, top=False)
    backup.add_argument("out", type=Path, metavar="OUT.db", help="the backup file to write")
    backup.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def _setup_logging(verbose: bool = False) -> None:
    try:
        handler: logging.Handler = logging.FileHandler(
            paths.log_dir() / "crm-desktop.log", encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)


def _database(args: argparse.Namespace) -> str:
    if args.db:
        return str(args.db)
    return str(paths.demo_database() if args.demo else paths.default_database())


def _emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(text)


def _progress_printer(enabled: bool) -> Any:
    last = [0.0]

    def progress(done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if enabled and (now - last[0] > 0.5 or done == total):
            last[0] = now
            print(f"\r{label}: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

    return progress


def cmd_demo(args: argparse.Namespace) -> int:
    from crm_desktop.services import demo
    from crm_desktop.services.workspace import open_workspace

    if args.contacts < 0:
        raise CrmError("--contacts must be 0 or more")
    ws = open_workspace(_database(args), args.user, paths.backup_dir())
    try:
        started = time.perf_counter()
        summary = demo.make_demo(
            ws,
            contacts=args.contacts,
            seed=args.seed,
            locale=args.locale,
            progress=_progress_printer(not args.json and sys.stderr.isatty()),
        )
        seconds = time.perf_counter() - started
    finally:
        ws.close()
    if not args.json and sys.stderr.isatty():
        print(file=sys.stderr)
    data = {"database": ws.display_name, **asdict(summary), "seconds": round(seconds, 2)}
    counts = ", ".join(f"{v:,} {k}" for k, v in asdict(summary).items())
    _emit(args, data, f"Added {counts} to {ws.display_name} in {seconds:.1f} s")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from crm_desktop.services import maintenance
    from crm_desktop.services.workspace import open_workspace

    ws = open_workspace(_database(args), args.user, paths.backup_dir())
    try:
        hits = maintenance.search(ws, args.text, args.limit)
    finally:
        ws.close()
    lines = []
    for person in hits["contacts"]:
        extra = " · ".join(str(person[k]) for k in ("company", "mobile", "email") if person[k])
        lines.append(f"contact #{person['id']}  {person['name']}  {extra}")
    for company in hits["companies"]:
        extra = " · ".join(str(company[k]) for k in ("city", "phone") if company[k])
        lines.append(f"company #{company['id']}  {company['name']}  {extra}")
    if not lines:
        lines.append(f"Nothing found for {args.text!r}.")
    _emit(args, {"query": args.text, **hits}, "\n".join(lines))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from crm_desktop.services import maintenance
    from crm_desktop.services.workspace import open_workspace

    ws = open_workspace(_database(args), args.user, paths.backup_dir())
    try:
        report = maintenance.check(ws)
    finally:
        ws.close()
    ok = report.integrity == "ok" and report.schema_revision == report.head_revision
    data = {**asdict(report), "ok": ok}
    text = "\n".join(
        [
            f"database:   {report.path} ({report.dialect}, journal {report.journal_mode})",
            f"integrity:  {report.integrity}",
            f"schema:     {report.schema_revision} (this version expects {report.head_revision})",
            *(f"{k + ':':<20}{v:,}" for k, v in report.counts.items()),
        ]
    )
    _emit(args, data, text)
    return 0 if ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from crm_desktop.services import maintenance
    from crm_desktop.services.workspace import open_workspace

    ws = open_workspace(_database(args), args.user, paths.backup_dir())
    try:
        out = maintenance.backup(ws, args.out)
    finally:
        ws.close()
    size = out.stat().st_size
    _emit(
        args,
        {"database": ws.display_name, "backup": str(out), "bytes": size},
        f"Backed up {ws.display_name} to {out} ({size:,} bytes)",
    )
    return 0


COMMANDS = {"demo": cmd_demo, "search": cmd_search, "check": cmd_check, "backup": cmd_backup}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging()
    if args.command is None:
        from crm_desktop.app import run_gui

        return run_gui(args, _database(args))
    try:
        return COMMANDS[args.command](args)
    except CrmError as exc:
        print(f"crm-desktop: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `crm-desktop search x | head`: the reader left, no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (OSError, ValueError) as exc:
        log.exception("command %s failed", args.command)
        print(f"crm-desktop: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        log.exception("command %s failed", args.command)
        print(f"crm-desktop: unexpected error: {exc} (details in the log)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
