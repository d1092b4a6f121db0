"""Import a customer list from a spreadsheet: read, map, check every row, match duplicates,
then write everything in one transaction (or, for a dry run, only say what would happen).

A row becomes a contact (with its company, found or created) or, without a person's name, a
company. Existing records are recognised by the export's ID column, then by e-mail, phone
number, or name and company; the same person twice in the file is recognised too. On a match
the options say: skip the row, update the record (fill its empty fields, or overwrite), or
create a new one anyway. An update never blanks a field, never drops tags or notes, and keeps
the record's id, history and follow-ups.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from crm_desktop.domain.errors import Cancelled
from crm_desktop.domain.records import Change, ChangeAction, RecordKind
from crm_desktop.io.mapping import ColumnMapping
from crm_desktop.io.reading import stream_sheet
from crm_desktop.services.importing.check import CheckedSheet
from crm_desktop.services.importing.matching import MemoryKeys
from crm_desktop.services.importing.plan import Plan
from crm_desktop.services.importing.report import (
    STEP_CHECK,
    STEP_READ,
    STEP_WRITE,
    ImportOptions,
    ImportReport,
    Progress,
)
from crm_desktop.services.importing.write import Writer
from crm_desktop.services.workspace import Workspace


def import_file(
    ws: Workspace,
    path: Path,
    mapping: ColumnMapping | Mapping[str, object] | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import (or, with ``options.dry_run``, only plan) a customer list; see the module doc.

    The sheet streams through a batch of rows at a time: each batch is checked, matched
    against the database and the rows before it, and written, all inside one write
    transaction. All or nothing: on Cancel (:class:`Cancelled`) or any error the database
    is as before."""
    options = options or ImportOptions()
    report = progress or (lambda done, total, step: None)
    stop = cancelled or (lambda: False)
    report(0, 0, STEP_READ)
    stream = stream_sheet(path, options.sheet)
    try:
        sheet = CheckedSheet(stream, path, mapping, options)
        if options.dry_run:
            run, import_id = _plan_only(ws, sheet, options, report, stop), None
        else:
            run, import_id = _import_rows(ws, sheet, path, options, report, stop)
        width = stream.used_width if sheet.headers else 0
    finally:
        stream.close()
    if not options.dry_run:
        for kind in (RecordKind.COMPANY, RecordKind.CONTACT, RecordKind.USER, RecordKind.TAG):
            ws.events.publish(Change(kind, (), ChangeAction.BULK))
    return ImportReport(
        file=str(path),
        sheet=sheet.name,
        header_row=sheet.header_row + 1,
        headers=tuple(sheet.headers[:width]),
        mapping=sheet.mapping.columns[:width],
        dry_run=options.dry_run,
        outcomes=tuple(run.outcomes),
        errors=tuple(run.errors),
        warnings=tuple(run.warnings),
        near_duplicates=tuple(run.near),
        companies_created=run.companies_created,
        failed_rows=tuple((number, raw[:width]) for number, raw in run.failed_rows),
        import_id=import_id,
    )


def _plan_only(
    ws: Workspace,
    sheet: CheckedSheet,
    options: ImportOptions,
    report: Progress,
    stop: Callable[[], bool],
) -> Plan:
    """The dry run: every batch planned, nothing written. A read per batch, not one long read:
    on a shared file without WAL (a network drive) a long read would hold up colleagues'
    saves for the whole check."""
    id_header = sheet.header_of.get("id", "ID")
    with ws.reading() as uow:
        run = Plan(uow, options, sheet.name, id_header, stop, MemoryKeys())
    for batch in sheet.batches(lambda done, total: report(done, total, STEP_CHECK), stop):
        with ws.reading() as uow:
            run.uow = uow
            run.plan(batch)
            run.next_batch()
    return run


def _import_rows(
    ws: Workspace,
    sheet: CheckedSheet,
    path: Path,
    options: ImportOptions,
    report: Progress,
    stop: Callable[[], bool],
) -> tuple[Writer, int]:
    """The import: every batch planned and written, in one write transaction."""
    with ws.writing() as uow:
        run = Writer(uow, options, sheet.name, sheet.header_of.get("id", "ID"), stop)
        import_id: int = uow.imports.start(path.name, sheet.name)
        with run.writing() as flush:
            for batch in sheet.batches(lambda done, total: report(done, total, STEP_WRITE), stop):
                run.plan(batch)
                flush()
                uow.imports.add_items(import_id, run.created_items())
                run.next_batch()
        report(sheet.total, sheet.total, STEP_WRITE)
        if stop():
            raise Cancelled()
        uow.imports.add_items(import_id, run.update_items())
        counts = {
            column: sum(o.action == action for o in run.outcomes)
            for action, column in (
                ("create", "created"), ("update", "updated"),
                ("skip", "skipped"), ("fail", "failed"),
            )
        }  # fmt: skip
        uow.imports.finish(import_id, counts)
        run.matcher.store.close()
        uow.ctx.audit("import", import_id, "import", {"file": path.name, **counts})
        uow.commit()
    return run, import_id
