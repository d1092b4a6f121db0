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

import copy
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain, islice
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from crm_desktop.db import models as m
from crm_desktop.db.repositories.companies import company_values
from crm_desktop.db.repositories.contacts import contact_values
from crm_desktop.db.repositories.imports import dump_values
from crm_desktop.domain.errors import Cancelled, CrmError, ValidationError
from crm_desktop.domain.keys import email_key, name_key, phone_key
from crm_desktop.domain.records import (
    Change,
    CompanyData,
    ContactData,
    Grade,
    ImportRunInfo,
    RecordKind,
    UndoResult,
)
from crm_desktop.domain.validation import validate_company, validate_contact
from crm_desktop.io import cells
from crm_desktop.io.mapping import ColumnMapping, join_name, mapping_from_json, suggest_mapping
from crm_desktop.io.reading import Sheet, SheetStream, find_header_row, stream_sheet
from crm_desktop.io.writing import TableWriter
from crm_desktop.services.contacts import clean_company, clean_contact
from crm_desktop.services.workspace import Workspace

Progress = Callable[[int, int, str], None]
ON_DUPLICATE = ("skip", "update", "create")
MATCH_KEYS = ("email", "phone", "name")
SAMPLE_ROWS = 50
HEADER_SEARCH_ROWS = 20  # find_header_row looks this far
FUZZY_SCORE = 90
FUZZY_LIMIT = 500  # new company names checked for near-duplicates (the check is O(n*m))

# Steps reported to ``progress`` (the GUI translates them).
STEP_READ = "reading"
STEP_CHECK = "checking"
STEP_MATCH = "matching"
STEP_WRITE = "writing"

_GRADE = re.compile(r"^\s*([abcABC])\b|^\s*([abcABC])\s*[类级]")

# Import fields -> the record field they fill.
CONTACT_TARGETS = {
    "name": "name", "title": "title", "mobile": "mobile", "phone": "phone", "email": "email",
    "im": "im", "birthday": "birthday", "notes": "notes", "tags": "tags", "city": "city",
    "address": "address",
}  # fmt: skip
COMPANY_TARGETS = {
    "company": "name", "industry": "industry", "region": "region", "city": "city",
    "website": "website", "company_phone": "phone", "grade": "grade", "source": "source",
    "company_notes": "notes",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ImportOptions:
    on_duplicate: str = "skip"
    overwrite: bool = False  # with "update": replace differing values, not only empty fields
    match_on: frozenset[str] = frozenset(MATCH_KEYS)
    sheet: str | None = None
    dry_run: bool = False
    phone_region: str = "CN"

    def __post_init__(self) -> None:
        if self.on_duplicate not in ON_DUPLICATE:
            raise CrmError(f"on duplicate: choose one of {', '.join(ON_DUPLICATE)}")
        unknown = set(self.match_on) - set(MATCH_KEYS)
        if unknown:
            raise CrmError(f"match on: unknown {', '.join(sorted(unknown))}")


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem in one cell (or row) of the file, as Excel numbers and names it."""

    sheet: str
    row: int
    column: str
    message: str
    # What kind of problem, for a translated message in the window (the text above is
    # English): "cell" (a value that could not be read), "invalid" (a value a record cannot
    # hold), "no_name", "id_mismatch"; ``field`` is the import field concerned.
    code: str = ""
    field: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class RowOutcome:
    row: int
    action: str  # create | update | skip | fail
    reason: str = ""
    contact_id: int | None = None
    company_id: int | None = None


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """A new company name very like an existing one: created as asked, shown for review."""

    row: int
    name: str
    existing_id: int
    existing_name: str
    score: float


@dataclass(frozen=True, slots=True)
class ImportReport:
    file: str
    sheet: str
    header_row: int
    headers: tuple[str, ...]
    mapping: tuple[str, ...]
    dry_run: bool
    outcomes: tuple[RowOutcome, ...]
    errors: tuple[RowError, ...]
    near_duplicates: tuple[NearDuplicate, ...] = ()
    companies_created: int = 0
    failed_rows: tuple[tuple[int, tuple[object, ...]], ...] = ()
    import_id: int | None = None  # in the import history (None for a dry run)

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def skipped(self) -> int:
        return self.count("skip")

    @property
    def failed(self) -> int:
        return self.count("fail")

    def as_json(self) -> dict[str, object]:
        return {
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "failed": self.failed,
            "errors": [e.as_json() for e in self.errors],
        }


# -- reading one row -------------------------------------------------------------------------
@dataclass(slots=True)
class _Row:
    number: int  # as Excel shows it, 1-based
    # The cells as read; kept (for the error workbook) only by a row that failed or may still
    # fail (one with an ID to check): a 100,000-row sheet is not held twice.
    raw: tuple[object, ...]
    contact: dict[str, Any] = field(default_factory=dict)
    company: dict[str, Any] = field(default_factory=dict)
    record_id: int | None = None
    owner: str = ""
    errors: list[RowError] = field(default_factory=list)

    def done_with_cells(self) -> None:
        if not self.errors and self.record_id is None:
            self.raw = ()


def _grade(text: str) -> str | None:
    if not text:
        return None
    found = _GRADE.match(text)
    if not found:
        raise cells.CellError(f"{text!r} is not a grade: use A, B or C.")
    return (found.group(1) or found.group(2)).upper()


# Fields whose values repeat from row to row.
_REPEATED = frozenset(
    {"company", "title", "city", "region", "industry", "grade", "source", "owner", "tags"}
)


def _parse_row(
    number: int,
    raw: tuple[object, ...],
    mapping: ColumnMapping,
    headers: Sequence[str],
    sheet: str,
    repeated: dict[object, object],
) -> _Row:
    row = _Row(number, raw)
    parts: dict[str, str] = {}
    notes: list[str] = []
    company_notes: list[str] = []
    tags: list[str] = []
    for column, (target, value) in enumerate(zip(mapping.columns, raw, strict=False)):
        if target == "skip" or value is None:
            continue
        try:
            if target in ("mobile", "phone", "company_phone"):
                parsed: object = _strip_apostrophe(cells.phone(value))
            elif target == "birthday":
                parsed = cells.date_value(value)
            elif target == "email":
                parsed = cells.email(value).lower()
            elif target == "grade":
                parsed = _grade(cells.text(value))
            elif target == "id":
                text = cells.text(value).lstrip("'")
                if text and not text.isdigit():
                    raise cells.CellError(f"{text!r} is not a record ID (a whole number).")
                parsed = int(text) if text else None
            else:
                parsed = _strip_apostrophe(cells.text(value))
        except cells.CellError as exc:
            header = headers[column] if column < len(headers) else ""
            row.errors.append(RowError(sheet, number, header, str(exc), "cell", target))
            continue
        if parsed in (None, ""):
            continue
        if target in _REPEATED:
            # The same few values on many rows (cities, grades, owners): keep one copy.
            parsed = repeated.setdefault(parsed, parsed)
        if target == "id":
            row.record_id = parsed  # type: ignore[assignment]
        elif target in ("first_name", "last_name"):
            parts[target] = str(parsed)
        elif target == "notes":
            # several note columns: each says where it came from
            header = headers[column] if column < len(headers) else ""
            notes.append(f"{header}: {parsed}" if _many(mapping, "notes") else str(parsed))
        elif target == "company_notes":
            company_notes.append(str(parsed))
        elif target == "tags":
            tags.extend(t.strip() for t in re.split(r"[,，;；、/]", str(parsed)) if t.strip())
        elif target == "owner":
            row.owner = str(parsed)
        else:
            if target in CONTACT_TARGETS:
                row.contact[CONTACT_TARGETS[target]] = parsed
            if target in COMPANY_TARGETS:
                row.company[COMPANY_TARGETS[target]] = parsed
    if parts and "name" not in row.contact:
        row.contact["name"] = join_name(parts.get("first_name", ""), parts.get("last_name", ""))
    if notes:
        row.contact["notes"] = "\n".join(notes)
    if company_notes:
        row.company["notes"] = "\n".join(company_notes)
    if tags:
        row.contact["tags"] = tuple(dict.fromkeys(tags))
    if "address" in row.contact and "name" not in row.contact:
        row.company["address"] = row.contact["address"]
    return row


def _many(mapping: ColumnMapping, target: str) -> bool:
    return mapping.columns.count(target) > 1


def _strip_apostrophe(text: str) -> str:
    """An export defuses formula-like cells with a leading apostrophe: take it off again."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]
    return text


# -- the plan --------------------------------------------------------------------------------
@dataclass(slots=True)
class _Plan:
    """What to write: new records, merged updates, and each row's outcome."""

    outcomes: list[RowOutcome] = field(default_factory=list)
    new_companies: dict[str, dict[str, Any]] = field(default_factory=dict)  # name key -> values
    new_contacts: list[dict[str, Any]] = field(default_factory=list)
    contact_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    company_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    near: list[NearDuplicate] = field(default_factory=list)
    # Values of updated records as they were, kept for the import history (undo).
    originals: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)

    def loaded(self, entity: str, found: dict[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
        for record_id, values in found.items():
            self.originals.setdefault((entity, record_id), copy.deepcopy(values))
        return found


def _merge(current: dict[str, Any], incoming: dict[str, Any], overwrite: bool) -> bool:
    """Merge sheet values into a record's values in place; True when something changed.

    Empty sheet cells never blank a field; notes are added to, tags joined; with ``overwrite``
    a replaced phone or e-mail is kept in the notes."""
    changed = False
    for key, value in incoming.items():
        if value in (None, "", ()):
            continue
        old = current.get(key)
        if key == "tags":
            joined = list(dict.fromkeys([*(old or []), *value]))
            if joined != list(old or []):
                current[key] = joined
                changed = True
        elif key == "notes":
            if not old:
                current[key] = value
                changed = True
            elif str(value) not in str(old):
                current[key] = f"{old}\n{value}"
                changed = True
        elif old in (None, ""):
            current[key] = value
            changed = True
        elif overwrite and old != value:
            if key in ("mobile", "phone", "email"):
                kept = f"{key}: {old}"
                notes = current.get("notes") or ""
                current["notes"] = f"{notes}\n{kept}".strip() if kept not in notes else notes
            current[key] = value
            changed = True
    return changed


class _Matcher:
    """Finds existing records (and earlier rows of the file) that a row describes."""

    def __init__(
        self,
        contact_keys: list[tuple[int, str, int | None, str, str, str]],
        company_keys: list[tuple[int, str]],
        match_on: frozenset[str],
    ) -> None:
        self.match_on = match_on
        self.by_email: dict[str, int | str] = {}
        self.by_phone: dict[str, int | str] = {}
        self.by_name: dict[tuple[str, int | str | None], int | str] = {}
        self.companies: dict[str, int | str] = {}
        self.company_names: dict[int, str] = {}
        for cid, name in company_keys:
            self.companies.setdefault(name_key(name), cid)
            self.company_names[cid] = name
        for cid, name, company_id, email, mobile, phone in contact_keys:
            self.remember(cid, name, company_id, email, mobile, phone)

    def remember(
        self,
        ref: int | str,
        name: str,
        company: int | str | None,
        email: str,
        mobile: str,
        phone: str,
    ) -> None:
        """``ref``: an existing id, or "row:N" for a record this import creates."""
        if email_key(email):
            self.by_email.setdefault(email_key(email), ref)
        for number in (mobile, phone):
            if phone_key(number):
                self.by_phone.setdefault(phone_key(number), ref)
        if name_key(name):
            self.by_name.setdefault((name_key(name), company), ref)

    def forget_keys(self) -> None:
        """Matching is done: drop the keys (a few per contact), keep the company names."""
        self.by_email, self.by_phone, self.by_name, self.companies = {}, {}, {}, {}

    def contact(
        self, values: dict[str, Any], company: int | str | None
    ) -> tuple[int | str | None, str]:
        if "email" in self.match_on:
            found = self.by_email.get(email_key(values.get("email", "")))
            if found is not None:
                return found, "e-mail"
        if "phone" in self.match_on:
            for number in (values.get("mobile", ""), values.get("phone", "")):
                found = self.by_phone.get(phone_key(number))
                if found is not None:
                    return found, "phone"
        if "name" in self.match_on:
            found = self.by_name.get((name_key(values.get("name", "")), company))
            if found is not None:
                return found, "name and company"
        return None, ""


def _validate(row: _Row, sheet: str, headers: dict[str, str], region: str) -> None:
    contact, company = row.contact, row.company
    if not contact.get("name") and not company.get("name"):
        row.errors.append(
            RowError(
                sheet,
                row.number,
                headers.get("name", ""),
                "No name: neither a person nor a company.",
                "no_name",
                "name",
            )
        )
        return
    try:
        if contact.get("name"):
            validate_contact(_contact_data(contact), region)
    except ValidationError as exc:
        for key, message in exc.errors.items():
            row.errors.append(
                RowError(sheet, row.number, headers.get(key, key), message, "invalid", key)
            )
    try:
        if company.get("name"):
            validate_company(_company_data(company), region)
    except ValidationError as exc:
        for key, message in exc.errors.items():
            column = headers.get("company" if key == "name" else f"company_{key}", "")
            column = column or headers.get(key, key)
            field_key = "company" if key == "name" else key
            row.errors.append(RowError(sheet, row.number, column, message, "invalid", field_key))


def _contact_data(values: dict[str, Any]) -> ContactData:
    known = {k: v for k, v in values.items() if k in ContactData.__dataclass_fields__}
    known["tags"] = tuple(known.get("tags") or ())
    return clean_contact(ContactData(**known))


def _company_data(values: dict[str, Any]) -> CompanyData:
    known = {k: v for k, v in values.items() if k in CompanyData.__dataclass_fields__}
    if known.get("grade"):
        known["grade"] = Grade(known["grade"])
    known["tags"] = tuple(known.get("tags") or ())
    return clean_company(CompanyData(**known))


# -- the use case ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SheetPreview:
    """What the import wizard shows of a sheet before importing it."""

    sheet: Sheet  # its first rows only: the header, the rows above it, ``rows`` rows below
    header_row: int  # index into sheet.rows
    headers: list[str]
    data_rows: int  # non-blank rows below the header, in the whole sheet


def preview_for_import(
    path: Path, sheet: str | None = None, rows: int = SAMPLE_ROWS
) -> SheetPreview:
    """The header and the first ``rows`` rows below it, and how many rows there are.

    The sheet is read a row at a time, and only these rows are kept: a 100,000-row list is
    not held in memory while the user looks at its first rows (and then imports it)."""
    stream = stream_sheet(path, sheet)
    try:
        rest = stream.rows
        kept = list(islice(rest, HEADER_SEARCH_ROWS))
        header_row = find_header_row(kept) if kept else 0
        kept += islice(rest, max(0, header_row + 1 + rows - len(kept)))
        data_rows = sum(1 for row in kept[header_row + 1 :] if not cells.is_blank_row(row))
        data_rows += sum(1 for row in rest if not cells.is_blank_row(row))
    finally:
        stream.close()
    width = stream.used_width  # as read_sheet trims and pads them
    while kept and cells.is_blank_row(kept[-1]):
        kept.pop()
    head = tuple(tuple(row[:width]) for row in kept) if width else ()
    headers = [cells.text(v) for v in head[header_row]] if head else []
    return SheetPreview(Sheet(stream.name, head), header_row if head else 0, headers, data_rows)


def import_file(
    ws: Workspace,
    path: Path,
    mapping: ColumnMapping | Mapping[str, object] | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import (or, with ``options.dry_run``, only plan) a customer list; see the module doc.

    All or nothing: on Cancel (:class:`Cancelled`) or any error the database is as before."""
    options = options or ImportOptions()
    report = progress or (lambda done, total, step: None)
    stop = cancelled or (lambda: False)
    report(0, 0, STEP_READ)
    # The sheet is read as it is checked, a row at a time: only the checked values are kept.
    stream = stream_sheet(path, options.sheet)
    try:
        rows, sheet_name, header_row, headers, mapping, header_of, width = _check_rows(
            stream, path, mapping, options, report, stop
        )
    finally:
        stream.close()
    import_id: int | None = None
    session_kind = ws.reading() if options.dry_run else ws.writing()
    with session_kind as uow:
        report(0, len(rows), STEP_MATCH)
        matcher = _Matcher(
            uow.matching.contact_keys(), uow.matching.company_keys(), options.match_on
        )
        plan = _plan(
            rows, matcher, options, uow, stop, report, sheet_name, header_of.get("id", "ID")
        )
        companies_created = len(plan.new_companies)
        # What the report needs of the rows; the rows themselves can go before the write.
        errors = tuple(e for r in rows for e in r.errors)
        failed = {o.row for o in plan.outcomes if o.action == "fail"}
        failed_rows = tuple((r.number, r.raw[:width]) for r in rows if r.number in failed)
        rows.clear()
        matcher.forget_keys()  # the write needs only the company names: memory for its rows
        if not options.dry_run:
            items = _write(ws, uow, plan, matcher, stop, report)
            counts = {
                column: sum(o.action == action for o in plan.outcomes)
                for action, column in (
                    ("create", "created"), ("update", "updated"),
                    ("skip", "skipped"), ("fail", "failed"),
                )
            }  # fmt: skip
            import_id = uow.imports.record(path.name, sheet_name, counts, items)
            uow.ctx.audit("import", import_id, "import", {"file": path.name, **counts})
            uow.commit()
    if not options.dry_run:
        for kind in (RecordKind.COMPANY, RecordKind.CONTACT, RecordKind.USER, RecordKind.TAG):
            ws.events.publish(Change(kind, (), "bulk"))
    return ImportReport(
        file=str(path),
        sheet=sheet_name,
        header_row=header_row + 1,
        headers=tuple(headers[:width]),
        mapping=mapping.columns[:width],
        dry_run=options.dry_run,
        outcomes=tuple(plan.outcomes),
        errors=errors,
        near_duplicates=tuple(plan.near),
        companies_created=companies_created,
        failed_rows=failed_rows,
        import_id=import_id,
    )


def _check_rows(
    stream: SheetStream,
    path: Path,
    mapping: ColumnMapping | Mapping[str, object] | None,
    options: ImportOptions,
    report: Progress,
    stop: Callable[[], bool],
) -> tuple[list[_Row], str, int, list[str], ColumnMapping, dict[str, str], int]:
    """Read and check every row: the rows (values, errors), where the header is, the
    headers, the mapping, field -> header, and the width of the sheet's data."""
    rows_in = stream.rows
    head = list(islice(rows_in, HEADER_SEARCH_ROWS))
    header_row = find_header_row(head) if head else 0
    headers = [cells.text(v) for v in head[header_row]] if head else []
    body_start = head[header_row + 1 :]
    body_start += islice(rows_in, max(0, SAMPLE_ROWS - len(body_start)))
    sample = body_start[:SAMPLE_ROWS]
    if mapping is None:
        mapping = suggest_mapping(headers, sample)
    elif not isinstance(mapping, ColumnMapping):  # a saved mapping (JSON), matched by header
        try:
            mapping = mapping_from_json(mapping, headers, sample)
        except ValueError as exc:
            raise CrmError(f"the column mapping does not fit {path.name}: {exc}") from exc
    header_of: dict[str, str] = {}
    for header, target in zip(headers, mapping.columns, strict=False):
        if target != "skip":
            header_of.setdefault(target, header)
            header_of.setdefault(CONTACT_TARGETS.get(target, target), header)

    rows: list[_Row] = []
    repeated: dict[object, object] = {}
    total = max(stream.total - header_row - 1, 0)
    for index, raw in enumerate(chain(body_start, rows_in)):
        if index % 2000 == 0:
            if stop():
                raise Cancelled()
            report(index, total, STEP_CHECK)
        if cells.is_blank_row(raw):
            continue  # a blank line inside the list
        row = _parse_row(header_row + 2 + index, raw, mapping, headers, stream.name, repeated)
        # The cells that could not be read are left out: check the rest, to say all at once.
        _validate(row, stream.name, header_of, options.phone_region)
        row.done_with_cells()
        rows.append(row)
    width = stream.used_width
    if not head:
        width = 0
    return rows, stream.name, header_row, headers, mapping, header_of, width


def _plan(
    rows: list[_Row],
    matcher: _Matcher,
    options: ImportOptions,
    uow: Any,
    stop: Callable[[], bool],
    report: Progress,
    sheet: str,
    id_header: str,
) -> _Plan:
    plan = _Plan()
    owners: dict[str, int] = {}
    existing_contacts: dict[int, dict[str, Any]] = {}
    existing_companies: dict[int, dict[str, Any]] = {}
    # Existing records the rows point at, loaded once.
    wanted_contacts: set[int] = set()
    for row in rows:
        if row.record_id is not None:
            wanted_contacts.add(row.record_id)
    existing_contacts.update(plan.loaded("contact", uow.matching.contacts(wanted_contacts)))
    fuzzy_names = list(matcher.company_names.items())
    fuzzy_checked = 0
    update = options.on_duplicate == "update"
    # New contacts by their ref, for the later rows of the file that update them.
    new_by_ref: dict[str, dict[str, Any]] = {}

    def prefetch(batch: list[_Row]) -> None:
        """Load the existing records a batch of rows will update, one query per batch rather
        than one per row. Only a forecast: a record it misses is loaded when its row comes."""
        contacts: set[int] = set()
        companies: set[int] = set()
        for row in batch:
            if row.errors:
                continue
            name = row.company.get("name")
            company = matcher.companies.get(name_key(name)) if name else None
            if isinstance(company, int) and company not in existing_companies:
                companies.add(company)
            if row.contact.get("name") and row.record_id is None:
                found, _how = matcher.contact(row.contact, company)
                if isinstance(found, int) and found not in existing_contacts:
                    contacts.add(found)
        if companies:
            existing_companies.update(plan.loaded("company", uow.matching.companies(companies)))
        if contacts:
            existing_contacts.update(plan.loaded("contact", uow.matching.contacts(contacts)))

    def company_ref(row: _Row) -> int | str | None:
        """The company a row names: existing id, a name key created by this import, or None."""
        nonlocal fuzzy_checked
        name = row.company.get("name")
        if not name:
            return None
        key = name_key(name)
        found = matcher.companies.get(key)
        if found is not None:
            if isinstance(found, int) and options.on_duplicate == "update":
                if found not in existing_companies:
                    existing_companies.update(
                        plan.loaded("company", uow.matching.companies([found]))
                    )
                if _merge(existing_companies[found], row.company, options.overwrite):
                    plan.company_updates[found] = existing_companies[found]
            elif isinstance(found, str):
                _merge(plan.new_companies[found], row.company, False)
            return found
        plan.new_companies[key] = row.company  # no copy: the row is done with it
        matcher.companies[key] = key
        if fuzzy_names and fuzzy_checked < FUZZY_LIMIT:
            fuzzy_checked += 1
            best = process.extractOne(
                name, dict(fuzzy_names), scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE
            )
            if best is not None:
                plan.near.append(NearDuplicate(row.number, name, best[2], best[0], best[1]))
        return key

    for index, row in enumerate(rows):
        if index % 2000 == 0:
            if stop():
                raise Cancelled()
            report(index, len(rows), STEP_MATCH)
            if update:
                prefetch(rows[index : index + 2000])
        if row.errors:
            plan.outcomes.append(RowOutcome(row.number, "fail", row.errors[0].message))
            continue
        if row.owner:
            if row.owner not in owners:  # a salesperson not yet in the database is added
                owners[row.owner] = uow.users.get_or_create(row.owner).id
            owner_id = owners[row.owner]
            row.contact["owner_id"] = owner_id
            row.company["owner_id"] = owner_id
        company = company_ref(row)
        if not row.contact.get("name"):  # a company alone
            if isinstance(company, int):
                action = "update" if company in plan.company_updates else "skip"
                reason = "" if action == "update" else "the company exists"
                plan.outcomes.append(RowOutcome(row.number, action, reason, company_id=company))
            else:
                plan.outcomes.append(RowOutcome(row.number, "create"))
            continue
        values = row.contact  # no copy: the row is done with it
        values["company_ref"] = company
        if row.record_id is not None and row.record_id not in existing_contacts:
            row.record_id = None  # from another database, or deleted: match it like any row
        if row.record_id is not None:
            known = existing_contacts[row.record_id]
            if not _same_person(known, values):
                # Likely the sheet's own numbering, not our IDs: never update someone else.
                message = (
                    f"ID {row.record_id} is {known['name']} in the database, not "
                    f"{values['name']}. If this column is your own numbering, do not map it to ID."
                )
                row.errors.append(
                    RowError(sheet, row.number, id_header, message, "id_mismatch", "id")
                )
                plan.outcomes.append(RowOutcome(row.number, "fail", message))
                continue
            found: int | str | None = row.record_id
            how = "ID"
        else:
            found, how = matcher.contact(values, company)
        if found is None or options.on_duplicate == "create":
            ref = f"row:{row.number}"
            values["ref"] = ref
            plan.new_contacts.append(values)
            if update:
                new_by_ref[ref] = values
            matcher.remember(
                ref,
                values["name"],
                company,
                values.get("email", ""),
                values.get("mobile", ""),
                values.get("phone", ""),
            )
            plan.outcomes.append(RowOutcome(row.number, "create"))
            continue
        where = f"row {found[4:]} of this file" if isinstance(found, str) else f"#{found}"
        if options.on_duplicate == "skip":
            plan.outcomes.append(
                RowOutcome(
                    row.number,
                    "skip",
                    f"same {how} as {where}",
                    contact_id=found if isinstance(found, int) else None,
                )
            )
            continue
        # update
        if isinstance(found, str):  # an earlier row of this file: merge into what it creates
            target = new_by_ref[found]
            _merge(target, _without_refs(values), False)
            plan.outcomes.append(RowOutcome(row.number, "skip", f"merged into {where}"))
            continue
        if found not in existing_contacts:
            existing_contacts.update(plan.loaded("contact", uow.matching.contacts([found])))
        current = existing_contacts[found]
        incoming = _without_refs(values)
        if isinstance(company, int):
            incoming["company_id"] = company
        elif company is not None and not current.get("company_id"):
            current["company_ref"] = company
        changed = _merge(current, incoming, options.overwrite)
        if changed or "company_ref" in current:
            plan.contact_updates[found] = current
            plan.outcomes.append(RowOutcome(row.number, "update", f"same {how} as {where}", found))
        else:
            plan.outcomes.append(RowOutcome(row.number, "skip", "nothing new", found))
    return plan


def _same_person(known: dict[str, Any], values: dict[str, Any]) -> bool:
    """The record an ID names is the row's person: same name, e-mail or phone."""
    if name_key(known.get("name") or "") == name_key(values.get("name") or ""):
        return True
    if email_key(values.get("email", "")) and email_key(known.get("email") or "") == email_key(
        values.get("email", "")
    ):
        return True
    theirs = {phone_key(known.get("mobile") or ""), phone_key(known.get("phone") or "")} - {""}
    ours = {phone_key(values.get("mobile", "")), phone_key(values.get("phone", ""))} - {""}
    return bool(theirs & ours)


def _without_refs(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k not in ("company_ref", "ref")}


def _write(
    ws: Workspace,
    uow: Any,
    plan: _Plan,
    matcher: _Matcher,
    stop: Callable[[], bool],
    report: Progress,
) -> Iterator[dict[str, Any]]:
    """Write the plan; returns the history items (what was created, what updated and how it
    was before) that let the import be undone."""
    now = datetime.now(UTC)
    total = len(plan.new_companies) + len(plan.new_contacts) + len(plan.contact_updates)
    report(0, total, STEP_WRITE)
    with uow.bulk.search_index_deferred():
        # Companies first: contacts point at them.
        company_ids: dict[str, int] = {}
        ids = uow.bulk.reserve_ids(m.Company.__table__, len(plan.new_companies))
        new_companies = zip(ids, plan.new_companies.items(), strict=True)
        for _start in range(0, len(ids), 5000):
            if stop():
                raise Cancelled()
            batch = []
            for cid, (key, values) in islice(new_companies, 5000):
                company_ids[key] = cid
                batch.append(_company_row(cid, values))
            uow.bulk.companies(batch, now)
        names = dict(matcher.company_names)
        names.update({company_ids[k]: v["name"] for k, v in plan.new_companies.items()})
        if plan.company_updates:
            uow.matching.update_companies(
                [_company_row(i, v) | {"id": i} for i, v in plan.company_updates.items()]
            )
            names.update({i: v["name"] for i, v in plan.company_updates.items()})

        contact_ids = uow.bulk.reserve_ids(m.Contact.__table__, len(plan.new_contacts))
        tags_wanted: dict[int, list[str]] = {}
        done = len(ids)
        pairs = zip(contact_ids, plan.new_contacts, strict=True)
        for _start in range(0, len(contact_ids), 5000):
            if stop():
                raise Cancelled()
            batch = []  # rows made a batch at a time: a 100,000-row sheet is not copied whole
            for cid, values in islice(pairs, 5000):
                ref = values.get("company_ref")
                values["company_id"] = company_ids[ref] if isinstance(ref, str) else ref
                batch.append(_contact_row(cid, values))
                if values.get("tags"):
                    tags_wanted[cid] = list(values["tags"])
            uow.bulk.contacts(batch, now, names)
            done += len(batch)
            report(done, total, STEP_WRITE)
    updates = []
    for cid, values in plan.contact_updates.items():
        ref = values.pop("company_ref", None)
        if ref is not None and not values.get("company_id"):
            values["company_id"] = company_ids[ref] if isinstance(ref, str) else ref
        updates.append(_contact_row(cid, values) | {"id": cid})
        if values.get("tags"):
            tags_wanted[cid] = list(values["tags"])
    if stop():
        raise Cancelled()
    uow.matching.update_contacts(updates, names)
    if tags_wanted:
        tag_ids = uow.bulk.tags(sorted({t for names_ in tags_wanted.values() for t in names_}))
        uow.matching.add_tag_links(m.contact_tags, "contact_id", tags_wanted, tag_ids)

    def items() -> Iterator[dict[str, Any]]:
        for cid in company_ids.values():
            yield {"entity": "company", "entity_id": cid, "action": "create", "version": 1}
        for cid in contact_ids:
            yield {"entity": "contact", "entity_id": cid, "action": "create", "version": 1}
        for (entity, record_id), old in plan.originals.items():
            updated = plan.contact_updates if entity == "contact" else plan.company_updates
            if record_id in updated:
                yield {"entity": entity, "entity_id": record_id, "action": "update",
                       "old_values": dump_values(old), "version": old["version"] + 1}  # fmt: skip

    # The outcomes learn the ids they got.
    by_ref = {v["ref"]: cid for cid, v in zip(contact_ids, plan.new_contacts, strict=True)}
    for i, outcome in enumerate(plan.outcomes):
        if outcome.action == "create" and f"row:{outcome.row}" in by_ref:
            plan.outcomes[i] = RowOutcome(outcome.row, "create", "", by_ref[f"row:{outcome.row}"])
    report(total, total, STEP_WRITE)
    return items()


def _contact_row(cid: int, values: dict[str, Any]) -> dict[str, Any]:
    return {"id": cid, **contact_values(_contact_data(values))}


def _company_row(cid: int, values: dict[str, Any]) -> dict[str, Any]:
    return {"id": cid, **company_values(_company_data(values))}


def write_error_workbook(report: ImportReport, path: Path) -> int:
    """The rows that failed, as they were, with a column saying why: fix them and import again."""
    reasons: dict[int, list[str]] = {}
    for error in report.errors:
        where = f"{error.column}: " if error.column else ""
        reasons.setdefault(error.row, []).append(where + error.message)
    for outcome in report.outcomes:
        if outcome.action == "fail" and outcome.row not in reasons:
            reasons[outcome.row] = [outcome.reason]
    with TableWriter(path, ["Row", *report.headers, "Error"], sheet_name="Errors") as out:
        for number, raw in report.failed_rows:
            out.write([number, *raw, "; ".join(reasons.get(number, []))])
    return len(report.failed_rows)


def history(ws: Workspace, limit: int = 100) -> list[ImportRunInfo]:
    """The imports into this database, newest first."""
    with ws.reading() as uow:
        return uow.imports.runs(limit)


def undo_import(ws: Workspace, import_id: int, origin: object = None) -> UndoResult:
    """Take an import back: what it created is removed, what it updated gets its old values,
    except records changed since (those are kept, and named in the result)."""
    with ws.writing() as uow:
        result = uow.imports.undo(import_id)
        uow.commit()
    for kind in (RecordKind.COMPANY, RecordKind.CONTACT):
        ws.events.publish(Change(kind, (), "bulk", origin))
    return result
