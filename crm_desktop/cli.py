"""The command line: ``crm-desktop [--db PATH|URL] [COMMAND ...]``; no command opens the window.

Commands print text, or with ``--json`` one JSON document on stdout. Errors go to stderr
with a non-zero exit code: 1 for a failure (nothing done), 2 for a usage error, 3 for an import
in which some rows failed and the others were imported. Commands that only read refuse a
database that does not exist; ``demo`` and ``import`` create it (and say so).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop import __version__, cli_service, paths
from crm_desktop.domain.errors import CrmError, DamagedDatabaseError

if TYPE_CHECKING:
    from crm_desktop.services.workspace import Workspace

log = logging.getLogger("crm_desktop")


def _db_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        # Given after a command it overrides the global one; SUPPRESS keeps the global value.
        default=None if top else argparse.SUPPRESS,
        help="database file or SQLAlchemy URL (default: crm.db in the user data folder)",
    )


MAX_LIMIT = 1_000_000
MAX_ID = 2**63 - 1  # the largest integer SQLite and PostgreSQL store


def _limit(text: str) -> int:
    """--limit: a whole number from 1 to MAX_LIMIT (argparse turns the error into usage)."""
    value = _whole(text)
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{text}: give a number from 1 to {MAX_LIMIT:,}")
    return value


def _record_id(text: str) -> int:
    value = _whole(text)
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{text}: no such ID (IDs are whole numbers from 1)")
    return value


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


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
    demo.add_argument(
        "--contacts",
        type=int,
        default=None,
        metavar="N",
        help="how many contacts (default 2,000; with --orders on a database that has companies: 0)",
    )
    demo.add_argument(
        "--orders",
        type=int,
        default=None,
        metavar="N",
        help="how many line items of quotes and orders (default: about 28 per new company, "
        "at most 100,000); without --contacts, added to the companies already there",
    )
    demo.add_argument("--seed", type=int, default=None, help="random seed (repeatable data)")
    demo.add_argument("--locale", choices=["en", "zh_CN", "mixed"], default="mixed")
    demo.add_argument("--json", action="store_true", help="print the counts as JSON")

    search = sub.add_parser("search", help="find contacts and companies")
    _db_option(search, top=False)
    search.add_argument("text", help="name, pinyin, phone fragment, e-mail, city, notes ...")
    search.add_argument("--limit", type=_limit, default=50, help="at most this many of each kind")
    search.add_argument("--json", action="store_true", help="print the hits as JSON")

    check = sub.add_parser("check", help="integrity check, schema version and record counts")
    _db_option(check, top=False)
    check.add_argument("--json", action="store_true", help="print the report as JSON")

    imp = sub.add_parser(
        "import",
        help="import a customer list (.xlsx .xlsm .xls .ods .csv .vcf)",
        description=IMPORT_HELP,
    )
    _db_option(imp, top=False)
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--sheet", help="the sheet to read (default: the first with data)")
    imp.add_argument(
        "--mapping",
        default="auto",
        metavar="auto|FILE.json",
        help='columns to fields: "auto" guesses from the headers and values; a JSON file '
        '{"columns": {"Header": "field", ...}} sets some or all (others are guessed)',
    )
    imp.add_argument(
        "--on-duplicate",
        choices=["skip", "update", "create"],
        default="skip",
        help="when a row is a contact already in the database or earlier in the file",
    )
    imp.add_argument(
        "--overwrite",
        action="store_true",
        help="with --on-duplicate update: replace differing values, not only fill empty fields",
    )
    imp.add_argument(
        "--match-on",
        default="email,phone,name",
        metavar="KEYS",
        help="what makes two contacts the same: any of email, phone, name (name and company)",
    )
    imp.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    imp.add_argument(
        "--errors", type=Path, metavar="OUT.xlsx", help="write the rows that failed, with why"
    )
    imp.add_argument("--json", action="store_true", help="print the result as JSON")

    runs = sub.add_parser("imports", help="list the imports into this database, newest first")
    _db_option(runs, top=False)
    runs.add_argument("--limit", type=_limit, default=50, help="at most this many")
    runs.add_argument("--json", action="store_true", help="print the list as JSON")

    undo = sub.add_parser(
        "undo-import",
        help="take an import back: remove what it created, restore what it updated",
    )
    _db_option(undo, top=False)
    undo.add_argument(
        "import_id", type=_record_id, metavar="ID", help="the import's ID (see: imports)"
    )
    undo.add_argument("--json", action="store_true", help="print the result as JSON")

    exp = sub.add_parser("export", help="export contacts to .xlsx or .csv")
    _db_option(exp, top=False)
    exp.add_argument("out", type=Path, metavar="OUT.xlsx|OUT.csv")
    exp.add_argument("--search", default="", metavar="TEXT", help="only contacts matching TEXT")
    exp.add_argument(
        "--headers", choices=["en", "zh_CN"], default="en", help="language of the column titles"
    )
    exp.add_argument("--json", action="store_true", help="print the result as JSON")

    report = sub.add_parser("report", help="reports: weighted forecast, funnel, service")
    reports = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    forecast = reports.add_parser(
        "forecast", help="expected revenue of open deals: Σ amount × probability"
    )
    forecast.add_argument(
        "--by",
        choices=["month", "owner", "month,owner"],
        default="month",
        help="group by close month, owner, or both (default: month)",
    )
    funnel = reports.add_parser("funnel", help="deals per stage: count, amount, weighted amount")
    for p in (forecast, funnel):
        _db_option(p, top=False)
        p.add_argument(
            "--lang",
            choices=["en", "zh_CN"],
            default=argparse.SUPPRESS,
            help="names of the default stages when the database has none yet (default: from LANG)",
        )
        p.add_argument("--json", action="store_true", help="print the report as JSON")

    cli_service.add_parsers(sub, reports)  # tickets, ticket add, report service

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


def _open(
    args: argparse.Namespace, *, create: bool = False, language: str | None = None
) -> Workspace:
    """The workspace of ``--db``. Only commands that add data (``create``) make a new database,
    and they say so on stderr (stdout stays the result, JSON or text)."""
    from crm_desktop.services.workspace import open_workspace

    ws = open_workspace(
        _database(args), args.user, paths.backup_dir(), create=create, language=language
    )
    if ws.created:
        print(f"Created a new database at {ws.display_name}", file=sys.stderr)
    return ws


def _json_value(value: object) -> str:
    """Dates and times as ISO 8601 (2026-11-27T03:57:46+00:00), anything else as text."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=_json_value)
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

    if args.contacts is not None and args.contacts < 0:
        raise CrmError("--contacts must be 0 or more")
    if args.orders is not None and args.orders < 0:
        raise CrmError("--orders must be 0 or more")
    ws = _open(args, create=True)
    try:
        contacts = args.contacts
        if contacts is None:
            # `demo --orders N` grows an existing demo; on an empty database it makes one first.
            contacts = 0 if args.orders is not None and demo.has_companies(ws) else 2000
        started = time.perf_counter()
        summary = demo.make_demo(
            ws,
            contacts=contacts,
            seed=args.seed,
            locale=args.locale,
            progress=_progress_printer(not args.json and sys.stderr.isatty()),
            orders=args.orders,
            language=args.lang or (_env_language() if args.locale == "mixed" else None),
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


def _env_language() -> str:
    """en or zh_CN, from the environment's locale (LC_ALL, LC_MESSAGES, LANG)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """An aligned text table; the columns in ``right`` (numbers) are right-aligned."""
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - _width(cell))
            out.append(pad + cell if i in right else cell + pad)
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def _amount(value: Decimal) -> str:
    return f"{value:,.2f}"


def cmd_report(args: argparse.Namespace) -> int:
    from crm_desktop.services import pipeline

    if args.report == "service":
        return cli_service.cmd_report_service(args)
    # names the default stages of a database that has none (not of a read-only one)
    ws = _open(args, language=args.lang or _env_language())
    try:
        if args.report == "forecast":
            data, text = _forecast(pipeline.forecast(ws, args.by), args.by)
        else:
            data, text = _funnel(pipeline.funnel(ws))
    finally:
        ws.close()
    _emit(args, data, text)
    return 0


def _totals(rows: Sequence[Any]) -> dict[str, Any]:
    return {
        "count": sum(r.count for r in rows),
        "amount": str(sum((r.amount for r in rows), Decimal("0.00"))),
        "weighted": str(sum((r.weighted for r in rows), Decimal("0.00"))),
    }


def _forecast(rows: Sequence[Any], by: str) -> tuple[dict[str, Any], str]:
    keys = by.split(",")
    out = []
    for r in rows:
        item: dict[str, Any] = {}
        if "month" in keys:
            item["month"] = r.month
        if "owner" in keys:
            item["owner"] = r.owner
        item.update(count=r.count, amount=str(r.amount), weighted=str(r.weighted))
        out.append(item)
    total = _totals(rows)
    labels = {"month": "Month", "owner": "Owner"}
    header = [labels[k] for k in keys] + ["Deals", "Amount", "Weighted"]
    body = [
        [
            *((r.month or "no close date") if k == "month" else (r.owner or "-") for k in keys),
            f"{r.count:,}",
            _amount(r.amount),
            _amount(r.weighted),
        ]
        for r in rows
    ]
    body.append(
        ["Total", *([""] * (len(keys) - 1)), f"{total['count']:,}",
         _amount(Decimal(total["amount"])), _amount(Decimal(total["weighted"]))]
    )  # fmt: skip
    right = set(range(len(keys), len(keys) + 3))
    text = "Weighted forecast of open deals (Σ amount × probability)\n" + _table(
        header, body, right
    )
    return {"by": by, "rows": out, "total": total}, text


def _funnel(rows: Sequence[Any]) -> tuple[dict[str, Any], str]:
    stages = [
        {
            "stage": r.stage,
            "outcome": r.outcome.value,
            "count": r.count,
            "amount": str(r.amount),
            "weighted": str(r.weighted),
        }
        for r in rows
    ]
    open_rows = [r for r in rows if r.outcome.value == "open"]
    total = _totals(open_rows)
    header = ["Stage", "Outcome", "Deals", "Amount", "Weighted"]
    body = [
        [r.stage, r.outcome.value, f"{r.count:,}", _amount(r.amount), _amount(r.weighted)]
        for r in rows
    ]
    body.append(
        ["Open pipeline", "", f"{total['count']:,}", _amount(Decimal(total["amount"])),
         _amount(Decimal(total["weighted"]))]
    )  # fmt: skip
    return {"stages": stages, "open": total}, _table(header, body, {2, 3, 4})


def cmd_search(args: argparse.Namespace) -> int:
    from crm_desktop.services import maintenance

    ws = _open(args)
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

    try:
        ws = _open(args)
    except DamagedDatabaseError as exc:  # the damage is what check is for: report it
        print(f"crm-desktop: {exc}", file=sys.stderr)
        report = maintenance.check_damaged(exc.path)
    else:
        try:
            report = maintenance.check(ws)
        finally:
            ws.close()
    ok = report.integrity == "ok" and report.schema_revision == report.head_revision
    data = {**asdict(report), "ok": ok}
    text = "\n".join(
        [
            f"database:   {report.path} ({report.dialect}, journal {report.journal_mode})",
            f"integrity:  {report.integrity}"
            + (" (search indexes not checked: the file is read-only)" if report.read_only else ""),
            f"schema:     {report.schema_revision} (this version expects {report.head_revision})",
            *(f"{k + ':':<20}{v:,}" for k, v in report.counts.items()),
        ]
    )
    _emit(args, data, text)
    return 0 if ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from crm_desktop.services import maintenance

    ws = _open(args)
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


def cmd_import(args: argparse.Namespace) -> int:
    from crm_desktop.services import importing

    mapping = None
    if args.mapping != "auto":
        try:
            mapping = json.loads(Path(args.mapping).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CrmError(f"cannot read the mapping {args.mapping}: {exc}") from exc
    keys = frozenset(k.strip() for k in args.match_on.split(",") if k.strip())
    ws = _open(args, create=True)
    try:
        options = importing.ImportOptions(
            on_duplicate=args.on_duplicate,
            overwrite=args.overwrite,
            match_on=keys,
            sheet=args.sheet,
            dry_run=args.dry_run,
            phone_region=ws.phone_region,
        )
        result = importing.import_file(
            ws,
            args.file,
            mapping,
            options,
            progress=_progress_printer(not args.json and sys.stderr.isatty()),
        )
    finally:
        ws.close()
    if args.errors is not None and result.failed:
        importing.write_error_workbook(result, args.errors)
    data = result.as_json()
    verb = "Would import" if args.dry_run else "Imported"
    lines = [
        f"{verb} {result.file} (sheet {result.sheet!r}, headers in row {result.header_row}): "
        f"{result.created:,} created, {result.updated:,} updated, {result.skipped:,} skipped, "
        f"{result.failed:,} failed"
    ]
    lines += [f"  row {e.row}, {e.column or '-'}: {e.message}" for e in result.errors[:50]]
    if len(result.errors) > 50:
        lines.append(f"  … and {len(result.errors) - 50:,} more")
    lines += [
        f"  row {n.row}: {n.name!r} is very like the existing company {n.existing_name!r}"
        for n in result.near_duplicates[:20]
    ]
    if args.errors is not None and result.failed:
        lines.append(f"The failed rows are in {args.errors}: fix them there and import that file.")
    _emit(args, data, "\n".join(lines))
    if not result.failed:
        return 0
    return 3 if result.created or result.updated or result.skipped else 1  # 1: every row failed


def cmd_imports(args: argparse.Namespace) -> int:
    from crm_desktop.services import importing

    ws = _open(args)
    try:
        runs = importing.history(ws, args.limit)
    finally:
        ws.close()
    data = {"imports": [asdict(r) for r in runs]}
    lines = [
        f"#{r.id}  {r.at.astimezone():%Y-%m-%d %H:%M}  {r.user or '-'}  {r.file} ({r.sheet}): "
        f"{r.created:,} created, {r.updated:,} updated, {r.skipped:,} skipped, {r.failed:,} failed"
        + (f"  [undone {r.undone_at.astimezone():%Y-%m-%d %H:%M}]" if r.undone_at else "")
        for r in runs
    ] or ["No imports yet."]
    _emit(args, data, "\n".join(lines))
    return 0


def cmd_undo_import(args: argparse.Namespace) -> int:
    from crm_desktop.services import importing

    ws = _open(args)
    try:
        result = importing.undo_import(ws, args.import_id)
    finally:
        ws.close()
    lines = [
        f"Import #{args.import_id} undone: {result.removed:,} records removed, "
        f"{result.restored:,} given back their old values."
    ]
    if result.kept:
        lines.append(f"Left as they are, because they changed since ({len(result.kept):,}):")
        lines += [f"  {k}" for k in result.kept[:100]]
    _emit(args, asdict(result), "\n".join(lines))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from crm_desktop.domain.records import ListFilter
    from crm_desktop.services import exporting

    ws = _open(args)
    try:
        result = exporting.export_contacts(
            ws,
            args.out,
            ListFilter(search=args.search),
            language=args.headers,
            progress=_progress_printer(not args.json and sys.stderr.isatty()),
        )
    finally:
        ws.close()
    _emit(
        args,
        {"file": str(result.path), "rows": result.rows},
        f"Exported {result.rows:,} contacts to {result.path}",
    )
    return 0


COMMANDS = {
    "demo": cmd_demo,
    "search": cmd_search,
    "check": cmd_check,
    "backup": cmd_backup,
    "import": cmd_import,
    "export": cmd_export,
    "imports": cmd_imports,
    "undo-import": cmd_undo_import,
    "report": cmd_report,
    "tickets": cli_service.cmd_tickets,
    "ticket": cli_service.cmd_ticket,
}
IMPORT_HELP = (
    "Import contacts and companies from a spreadsheet or a vCard file. The header row is found under any "
    "title rows; columns are matched to fields by their English or Chinese headers. Every "
    "row is checked first; the import is one transaction. Exit status: 0 all rows fine (rows "
    "already in the database skipped), 3 some rows failed (the others were imported or skipped), 1 "
    "nothing imported (every row failed, or an error such as no column recognised)."
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging()
    from crm_desktop.io import scratch

    for folder in scratch.use_notes(paths.writing_notes_dir()):
        log.info("removed %s, left by an export that did not finish", folder)
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
