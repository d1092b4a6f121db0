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
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
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
from crm_desktop.db.repositories.matching import KeyStore
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
    keys: tuple[str, ...] = ()  # the contact's e-mail and phone keys, once matching needs them

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
_REPEATED = frozenset({"title", "city", "region", "industry", "grade", "source", "owner", "tags"})


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


class _MemoryKeys:
    """A dry run's keys, in Python: it reads in short transactions, one per batch, and a
    temporary table lives only as long as its connection's transaction (see `KeyStore`)."""

    def __init__(self) -> None:
        self.keys: dict[str, int] = {}

    def add(self, pairs: Iterable[tuple[str, int]]) -> None:
        for key, ref in pairs:
            self.keys.setdefault(key, ref)

    def find(self, keys: Iterable[str]) -> dict[str, int]:
        return {key: self.keys[key] for key in keys if key in self.keys}

    def close(self) -> None:
        self.keys = {}


class _Matcher:
    """Finds the existing records (and the earlier rows of the file) that a row describes.

    The keys live in a store: the write transaction's temporary table (`KeyStore`), not
    Python, or a dry run's `_MemoryKeys`; ``prepare`` looks up the keys a batch of rows will ask for in one go, and ``end_batch``
    stores the keys the batch's new records brought."""

    def __init__(
        self,
        store: KeyStore | _MemoryKeys,
        match_on: frozenset[str],
        contact_keys: Iterable[tuple[int, str, int | None, str, str, str]],
        company_keys: Iterable[tuple[int, str]],
        region: str,
    ) -> None:
        self.store = store
        self.match_on = match_on
        self.region = region  # of phone numbers written without a country
        self.found: dict[str, int] = {}  # keys of this batch already in the store
        self.new: dict[str, int] = {}  # keys this batch's new records bring
        self.company_names: dict[int, str] = {}  # the existing companies

        def existing() -> Iterator[tuple[str, int]]:
            for cid, name in company_keys:
                self.company_names[cid] = name
                if key := name_key(name):
                    yield _COMPANY + key, cid
            for cid, name, company_id, email, mobile, phone in contact_keys:
                for key in _contact_keys(email, mobile, phone, region):
                    yield key, cid
                if key := _name_key(name, company_id):
                    yield key, cid

        pairs = existing()
        while chunk := list(islice(pairs, 20000)):
            store.add(chunk)

    def prepare(self, rows: Iterable[_Row]) -> None:
        """Look up the keys of a batch of rows (which must then be matched in order)."""
        rows = [row for row in rows if not row.errors]
        self.found = self.store.find(
            _COMPANY + name_key(row.company["name"]) for row in rows if row.company.get("name")
        )
        keys: list[str] = []
        for row in rows:
            values = row.contact
            if values.get("name"):
                row.keys = _contact_keys(
                    values.get("email", ""),
                    values.get("mobile", ""),
                    values.get("phone", ""),
                    self.region,
                )
                keys += row.keys
                name = row.company.get("name")
                keys.append(_name_key(values["name"], self.company(name) if name else None))
        keys = [key for key in keys if key]
        self.found.update(self.store.find(keys))

    def end_batch(self) -> None:
        self.store.add(self.new.items())
        self.found, self.new = {}, {}

    def _get(self, key: str) -> int | None:
        found = self.found.get(key)
        return self.new.get(key) if found is None else found

    def _set(self, key: str, ref: int) -> None:
        if key not in self.found:
            self.new.setdefault(key, ref)

    def company(self, name: str) -> int | None:
        return self._get(_COMPANY + name_key(name))

    def add_company(self, name: str, ref: int) -> None:
        self._set(_COMPANY + name_key(name), ref)

    def remember(self, ref: int, row: _Row, company: int | None) -> None:
        """``ref``: the id this import gives the row's new contact."""
        for key in row.keys:
            self._set(key, ref)
        if key := _name_key(row.contact["name"], company):
            self._set(key, ref)

    def contact(self, row: _Row, company: int | None) -> tuple[int | None, str]:
        """The contact a (prepared) row describes, and by what it was recognised."""
        for key in row.keys:
            if key[:2] == _EMAIL:
                if "email" in self.match_on and (found := self._get(key)) is not None:
                    return found, "e-mail"
            elif "phone" in self.match_on and (found := self._get(key)) is not None:
                return found, "phone"
        if "name" in self.match_on and (key := _name_key(row.contact["name"], company)):
            found = self._get(key)
            if found is not None:
                return found, "name and company"
        return None, ""


_COMPANY, _EMAIL, _PHONE, _NAME = "c:", "e:", "p:", "n:"


def _contact_keys(email: str, mobile: str, phone: str, region: str) -> tuple[str, ...]:
    """The keys that recognise a contact besides its name: e-mail first, then phones."""
    keys = []
    if key := email_key(email):
        keys.append(_EMAIL + key)
    for number in (mobile, phone):
        if key := phone_key(number, region):
            keys.append(_PHONE + key)
    return tuple(keys)


def _name_key(name: str, company: int | None) -> str:
    """A person is also recognised by name at the same company (or both at none); "" for a
    name of nothing but punctuation."""
    key = name_key(name)
    return f"{_NAME}{key}\x1f{company}" if key else ""


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
            data = _contact_data(contact)
            validate_contact(data, region)
            # Cleaned once here, as a form saves them: merged and written as they are.
            row.contact = {key: getattr(data, key) for key in contact}
    except ValidationError as exc:
        for key, message in exc.errors.items():
            row.errors.append(
                RowError(sheet, row.number, headers.get(key, key), message, "invalid", key)
            )
    try:
        if company.get("name"):
            cleaned = _company_data(company)
            validate_company(cleaned, region)
            row.company = {key: getattr(cleaned, key) for key in company}
            if cleaned.grade is not None:
                row.company["grade"] = cleaned.grade.value
    except ValidationError as exc:
        for key, message in exc.errors.items():
            column = headers.get("company" if key == "name" else f"company_{key}", "")
            column = column or headers.get(key, key)
            field_key = "company" if key == "name" else key
            row.errors.append(RowError(sheet, row.number, column, message, "invalid", field_key))


def _contact_data(values: dict[str, Any], clean: bool = True) -> ContactData:
    known = {k: v for k, v in values.items() if k in ContactData.__dataclass_fields__}
    known["tags"] = tuple(known.get("tags") or ())
    data = ContactData(**known)
    return clean_contact(data) if clean else data


def _company_data(values: dict[str, Any], clean: bool = True) -> CompanyData:
    known = {k: v for k, v in values.items() if k in CompanyData.__dataclass_fields__}
    if known.get("grade"):
        known["grade"] = Grade(known["grade"])
    known["tags"] = tuple(known.get("tags") or ())
    data = CompanyData(**known)
    return clean_company(data) if clean else data


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
        sheet = _CheckedSheet(stream, path, mapping, options)
        if options.dry_run:
            run, import_id = _plan_only(ws, sheet, options, report, stop), None
        else:
            run, import_id = _import_rows(ws, sheet, path, options, report, stop)
        width = stream.used_width if sheet.headers else 0
    finally:
        stream.close()
    if not options.dry_run:
        for kind in (RecordKind.COMPANY, RecordKind.CONTACT, RecordKind.USER, RecordKind.TAG):
            ws.events.publish(Change(kind, (), "bulk"))
    return ImportReport(
        file=str(path),
        sheet=sheet.name,
        header_row=sheet.header_row + 1,
        headers=tuple(sheet.headers[:width]),
        mapping=sheet.mapping.columns[:width],
        dry_run=options.dry_run,
        outcomes=tuple(run.outcomes),
        errors=tuple(run.errors),
        near_duplicates=tuple(run.near),
        companies_created=run.companies_created,
        failed_rows=tuple((number, raw[:width]) for number, raw in run.failed_rows),
        import_id=import_id,
    )


def _plan_only(
    ws: Workspace,
    sheet: _CheckedSheet,
    options: ImportOptions,
    report: Progress,
    stop: Callable[[], bool],
) -> _Import:
    """The dry run: every batch planned, nothing written. A read per batch, not one long read:
    on a shared file without WAL (a network drive) a long read would hold up colleagues'
    saves for the whole check."""
    id_header = sheet.header_of.get("id", "ID")
    with ws.reading() as uow:
        run = _Import(uow, options, sheet.name, id_header, stop, _MemoryKeys())
    for batch in sheet.batches(lambda done, total: report(done, total, STEP_CHECK), stop):
        with ws.reading() as uow:
            run.uow = uow
            run.plan(batch)
            run.next_batch()
    return run


def _import_rows(
    ws: Workspace,
    sheet: _CheckedSheet,
    path: Path,
    options: ImportOptions,
    report: Progress,
    stop: Callable[[], bool],
) -> tuple[_Import, int]:
    """The import: every batch planned and written, in one write transaction."""
    with ws.writing() as uow:
        run = _Import(uow, options, sheet.name, sheet.header_of.get("id", "ID"), stop)
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


BATCH_ROWS = 2000


class _CheckedSheet:
    """The sheet's header (found among its first rows), the column mapping, and its rows
    read, parsed and checked a batch at a time."""

    def __init__(
        self,
        stream: SheetStream,
        path: Path,
        mapping: ColumnMapping | Mapping[str, object] | None,
        options: ImportOptions,
    ) -> None:
        self.name = stream.name
        self.options = options
        self._rows = stream.rows
        head = list(islice(self._rows, HEADER_SEARCH_ROWS))
        self.header_row = find_header_row(head) if head else 0
        self.headers = [cells.text(v) for v in head[self.header_row]] if head else []
        body_start = head[self.header_row + 1 :]
        body_start += islice(self._rows, max(0, SAMPLE_ROWS - len(body_start)))
        self._first = body_start
        sample = body_start[:SAMPLE_ROWS]
        if mapping is None:
            mapping = suggest_mapping(self.headers, sample)
        elif not isinstance(mapping, ColumnMapping):  # a saved mapping (JSON), matched by header
            try:
                mapping = mapping_from_json(mapping, self.headers, sample)
            except ValueError as exc:
                raise CrmError(f"the column mapping does not fit {path.name}: {exc}") from exc
        self.mapping = mapping
        self.header_of: dict[str, str] = {}
        for header, target in zip(self.headers, mapping.columns, strict=False):
            if target != "skip":
                self.header_of.setdefault(target, header)
                self.header_of.setdefault(CONTACT_TARGETS.get(target, target), header)
        if not self.header_of and any(self.headers):
            raise CrmError(
                "no column of this sheet was recognised: "
                + ", ".join(h for h in self.headers if h)
                + " (title the columns as fields: Name, Company, Mobile, E-mail …, or map them)"
            )
        self.total = max(stream.total - self.header_row - 1, 0)

    def batches(
        self, report: Callable[[int, int], None], stop: Callable[[], bool]
    ) -> Iterator[list[_Row]]:
        repeated: dict[object, object] = {}
        batch: list[_Row] = []
        first_number = self.header_row + 2
        for index, raw in enumerate(chain(self._first, self._rows)):
            if index % BATCH_ROWS == 0:
                if stop():
                    raise Cancelled()
                if batch:
                    yield batch
                    batch = []
                report(index, self.total)
            if cells.is_blank_row(raw):
                continue  # a blank line inside the list
            row = _parse_row(
                first_number + index, raw, self.mapping, self.headers, self.name, repeated
            )
            # The cells that could not be read are left out: check the rest, to say all at once.
            _validate(row, self.name, self.header_of, self.options.phone_region)
            row.done_with_cells()
            batch.append(row)
        if stop():
            raise Cancelled()
        if batch:
            yield batch


class _Import:
    """One import: plans each batch of checked rows (what to create, update, skip, and why)
    and, unless it is a dry run, writes it before the next comes. Of a written batch only
    what later rows need is kept: the keys that recognise its records, company names, and
    the row each new contact came from; records it wrote that a later row merges into are
    read back from the database. A dry run writes nothing, so it keeps them all."""

    def __init__(
        self,
        uow: Any,
        options: ImportOptions,
        sheet: str,
        id_header: str,
        stop: Callable[[], bool],
        keys: KeyStore | _MemoryKeys | None = None,
    ) -> None:
        self.uow = uow
        self.stop = stop
        self.options = options
        self.sheet = sheet
        self.id_header = id_header
        self.update = options.on_duplicate == "update"
        self.matcher = _Matcher(
            keys or uow.matching.key_store(),
            options.match_on,
            uow.matching.contact_keys(),
            uow.matching.company_keys(),
            options.phone_region,
        )
        self.outcomes: list[RowOutcome] = []
        self.errors: list[RowError] = []
        self.failed_rows: list[tuple[int, tuple[object, ...]]] = []
        self.near: list[NearDuplicate] = []
        self.companies_created = 0
        self.owners: dict[str, int] = {}
        self.fuzzy_names = self.matcher.company_names  # existing companies, by id
        self.fuzzy_checked = 0
        # The ids of the records this import creates are handed out as rows are planned, so
        # later rows can point at them; the write takes exactly these.
        self.first_company = self.next_company = uow.bulk.next_id(m.Company.__table__)
        self.first_contact = self.next_contact = uow.bulk.next_id(m.Contact.__table__)
        self.contact_rows = array("l")  # the row each new contact came from, by id
        # Records loaded to merge into (existing, or written by an earlier batch), by id.
        self.contacts: dict[int, dict[str, Any]] = {}
        self.companies: dict[int, dict[str, Any]] = {}
        # Values of updated records as they were, for the history (undo), and how many times
        # this import has saved each (its version at the end).
        self.originals: dict[tuple[str, int], dict[str, Any]] = {}
        self.saves: dict[tuple[str, int], int] = {}
        # This batch (a dry run keeps the new records of every batch).
        self.new_companies: dict[int, dict[str, Any]] = {}
        self.new_contacts: dict[int, dict[str, Any]] = {}
        self.company_updates: dict[int, dict[str, Any]] = {}
        self.contact_updates: dict[int, dict[str, Any]] = {}
        self.tags_wanted: dict[int, list[str]] = {}
        self._created: tuple[range, range] = (range(0), range(0))

    # -- records --------------------------------------------------------------------------
    def _load(self, entity: str, ids: set[int]) -> None:
        """Current values of records to merge into; the first values seen of an existing
        record are its originals (for undo)."""
        if entity == "contact":
            cache, first, pending = self.contacts, self.first_contact, self.new_contacts
        else:
            cache, first, pending = self.companies, self.first_company, self.new_companies
        wanted = {i for i in ids if i not in cache and i not in pending}
        if not wanted:
            return
        source = self.uow.matching.contacts if entity == "contact" else self.uow.matching.companies
        for record_id, values in source(wanted).items():
            if record_id < first:
                self.originals.setdefault((entity, record_id), copy.deepcopy(values))
            cache[record_id] = values

    def _contact(self, contact_id: int) -> dict[str, Any]:
        if contact_id in self.new_contacts:
            return self.new_contacts[contact_id]
        self._load("contact", {contact_id})
        return self.contacts[contact_id]

    def _where(self, contact_id: int) -> str:
        if contact_id >= self.first_contact:
            return f"row {self.contact_rows[contact_id - self.first_contact]} of this file"
        return f"#{contact_id}"

    def _prefetch(self, batch: list[_Row]) -> None:
        """Load the records a batch of rows will merge into, one query per batch rather than
        one per row. Only a forecast: a record it misses is loaded when its row comes."""
        contacts: set[int] = set()
        companies: set[int] = set()
        for row in batch:
            if row.errors:
                continue
            if row.record_id is not None:
                contacts.add(row.record_id)
            name = row.company.get("name")
            company = self.matcher.company(name) if name else None
            if company is not None and (self.update or company >= self.first_company):
                companies.add(company)
            if self.update and row.contact.get("name") and row.record_id is None:
                found, _how = self.matcher.contact(row, company)
                if found is not None:
                    contacts.add(found)
        if companies:
            self._load("company", companies)
        if contacts:
            self._load("contact", contacts)

    def _company_ref(self, row: _Row) -> int | None:
        """The id of the company a row names (existing, or created by this import)."""
        name = row.company.get("name")
        if not name:
            return None
        found = self.matcher.company(name)
        if found is not None:
            if found in self.new_companies:  # created by this batch: later rows fill it in
                _merge(self.new_companies[found], row.company, False)
            elif found >= self.first_company or self.update:
                # Created by an earlier batch (filled in the same way), or an existing one.
                if found not in self.companies:
                    self._load("company", {found})
                current = self.companies[found]
                overwrite = self.options.overwrite and found < self.first_company
                if _merge(current, row.company, overwrite):
                    self.company_updates[found] = current
            return found
        company_id = self.next_company
        self.next_company += 1
        self.companies_created += 1
        self.new_companies[company_id] = row.company  # no copy: the row is done with it
        self.matcher.add_company(name, company_id)
        if self.fuzzy_names and self.fuzzy_checked < FUZZY_LIMIT:
            self.fuzzy_checked += 1
            best = process.extractOne(
                name, self.fuzzy_names, scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE
            )
            if best is not None:
                self.near.append(NearDuplicate(row.number, name, best[2], best[0], best[1]))
        return company_id

    # -- planning -------------------------------------------------------------------------
    def plan(self, batch: list[_Row]) -> None:
        self.matcher.prepare(batch)
        self._prefetch(batch)
        for row in batch:
            self._plan_row(row)
            if row.errors:
                self.errors.extend(row.errors)
            if self.outcomes[-1].action == "fail":
                self.failed_rows.append((row.number, row.raw))

    def _plan_row(self, row: _Row) -> None:
        options, outcomes = self.options, self.outcomes
        if row.errors:
            outcomes.append(RowOutcome(row.number, "fail", row.errors[0].message))
            return
        if row.owner:
            if row.owner not in self.owners:  # a salesperson not yet in the database is added
                self.owners[row.owner] = self.uow.users.get_or_create(row.owner).id
            owner_id = self.owners[row.owner]
            row.contact["owner_id"] = owner_id
            row.company["owner_id"] = owner_id
        name = row.company.get("name")
        is_new = name is not None and self.matcher.company(name) is None
        company = self._company_ref(row)
        if not row.contact.get("name"):  # a company alone
            if is_new:
                outcomes.append(RowOutcome(row.number, "create", company_id=company))
            elif (
                company in self.company_updates
                and company is not None
                and company < self.first_company
            ):
                outcomes.append(RowOutcome(row.number, "update", "", company_id=company))
            else:
                outcomes.append(
                    RowOutcome(row.number, "skip", "the company exists", company_id=company)
                )
            return
        values = row.contact  # no copy: the row is done with it
        if row.record_id is not None and row.record_id not in self.contacts:
            row.record_id = None  # from another database, or deleted: match it like any row
        found: int | None
        if row.record_id is not None:
            known = self.contacts[row.record_id]
            if not _same_person(known, values, options.phone_region):
                # Likely the sheet's own numbering, not our IDs: never update someone else.
                message = (
                    f"ID {row.record_id} is {known['name']} in the database, not "
                    f"{values['name']}. If this column is your own numbering, do not map it to ID."
                )
                row.errors.append(
                    RowError(self.sheet, row.number, self.id_header, message, "id_mismatch", "id")
                )
                outcomes.append(RowOutcome(row.number, "fail", message))
                return
            found, how = row.record_id, "ID"
        else:
            found, how = self.matcher.contact(row, company)
        if found is None or options.on_duplicate == "create":
            contact_id = self.next_contact
            self.next_contact += 1
            self.contact_rows.append(row.number)
            values["company_id"] = company
            self.new_contacts[contact_id] = values
            self.matcher.remember(contact_id, row, company)
            made = None if options.dry_run else contact_id
            outcomes.append(RowOutcome(row.number, "create", contact_id=made))
            return
        where = self._where(found)
        created = found >= self.first_contact
        if options.on_duplicate == "skip":
            outcomes.append(
                RowOutcome(
                    row.number,
                    "skip",
                    f"same {how} as {where}",
                    contact_id=None if created else found,
                )
            )
            return
        # update
        if created:  # a record of an earlier row of this file: merge into it
            target = self._contact(found)
            if _merge(target, values, False) and found not in self.new_contacts:
                self.contact_updates[found] = target
            outcomes.append(RowOutcome(row.number, "skip", f"merged into {where}"))
            return
        current = self._contact(found)
        incoming = dict(values)
        if company is not None:
            incoming["company_id"] = company
        if _merge(current, incoming, options.overwrite):
            self.contact_updates[found] = current
            outcomes.append(RowOutcome(row.number, "update", f"same {how} as {where}", found))
        else:
            outcomes.append(RowOutcome(row.number, "skip", "nothing new", found))

    # -- writing --------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Callable[[], None]]:
        """The block in which batches are written; yields the function that writes one."""
        with self.uow.bulk.search_index_deferred() as index:
            yield lambda: self._flush(index)

    def _flush(self, index: Callable[[], None]) -> None:
        """Write the planned batch: new companies, new contacts, then updates."""
        uow, bulk = self.uow, self.uow.bulk
        now = datetime.now(UTC)
        if self.stop():
            raise Cancelled()
        companies = bulk.reserve_ids(m.Company.__table__, len(self.new_companies))
        if companies:
            assert companies.start == min(self.new_companies), "ids given out elsewhere"
            bulk.companies([_company_row(i, v) for i, v in self.new_companies.items()], now)
        if self.stop():
            raise Cancelled()
        names = self._company_names()  # of the companies this batch's contacts are at
        contacts = bulk.reserve_ids(m.Contact.__table__, len(self.new_contacts))
        if contacts:
            assert contacts.start == min(self.new_contacts), "ids given out elsewhere"
            rows = []
            for contact_id, values in self.new_contacts.items():
                rows.append(_contact_row(contact_id, values))
                if values.get("tags"):
                    self.tags_wanted[contact_id] = list(values["tags"])
            bulk.contacts(rows, now, names)
        self._created = (companies, contacts)
        index()  # records are in the search index before anything updates them
        for entity, updates in (
            ("company", self.company_updates),
            ("contact", self.contact_updates),
        ):
            existing = {i: v for i, v in updates.items() if i < self._first(entity)}
            created = {i: v for i, v in updates.items() if i >= self._first(entity)}
            for record_id in existing:
                self.saves[(entity, record_id)] = self.saves.get((entity, record_id), 0) + 1
            for rows_, bump in ((existing, True), (created, False)):
                if not rows_:
                    continue
                if entity == "company":
                    uow.matching.update_companies(
                        [_company_row(i, v) | {"id": i} for i, v in rows_.items()], bump
                    )
                    names.update({i: v["name"] for i, v in rows_.items()})
                else:
                    out = []
                    for contact_id, values in rows_.items():
                        out.append(_contact_row(contact_id, values) | {"id": contact_id})
                        if values.get("tags"):
                            self.tags_wanted[contact_id] = list(values["tags"])
                    uow.matching.update_contacts(out, names, bump)
        if self.tags_wanted:
            tags = sorted({t for names_ in self.tags_wanted.values() for t in names_})
            tag_ids = bulk.tags(tags)
            uow.matching.add_tag_links(m.contact_tags, "contact_id", self.tags_wanted, tag_ids)

    def _company_names(self) -> dict[int, str]:
        """Names of the companies this batch's contacts are at, for their sorting and search."""
        wanted = {
            values["company_id"]
            for contacts in (self.new_contacts, self.contact_updates)
            for values in contacts.values()
            if values.get("company_id")
        }
        names = {i: v["name"] for i, v in self.new_companies.items() if i in wanted}
        names.update(self.uow.matching.company_names(wanted - set(names)))
        return names

    def _first(self, entity: str) -> int:
        return self.first_contact if entity == "contact" else self.first_company

    def next_batch(self) -> None:
        """Done with a batch: what it wrote is in the database (a dry run keeps it)."""
        self.matcher.end_batch()
        if not self.options.dry_run:
            self.new_companies, self.new_contacts = {}, {}
            self.contacts, self.companies = {}, {}
        self.company_updates, self.contact_updates, self.tags_wanted = {}, {}, {}

    def created_items(self) -> Iterator[dict[str, Any]]:
        """History items of the records the last batch created (undo removes them)."""
        companies, contacts = self._created
        for record_id in companies:
            yield {"entity": "company", "entity_id": record_id, "action": "create", "version": 1}
        for record_id in contacts:
            yield {"entity": "contact", "entity_id": record_id, "action": "create", "version": 1}

    def update_items(self) -> Iterator[dict[str, Any]]:
        """History items of the existing records this import updated: their values before,
        and the version the import left them at (undo gives them back unless changed since)."""
        for (entity, record_id), saves in self.saves.items():
            old = self.originals[(entity, record_id)]
            yield {"entity": entity, "entity_id": record_id, "action": "update",
                   "old_values": dump_values(old), "version": old["version"] + saves}  # fmt: skip


def _same_person(known: dict[str, Any], values: dict[str, Any], region: str) -> bool:
    """The record an ID names is the row's person: same name, e-mail or phone."""
    if name_key(known.get("name") or "") == name_key(values.get("name") or ""):
        return True
    if email_key(values.get("email", "")) and email_key(known.get("email") or "") == email_key(
        values.get("email", "")
    ):
        return True
    theirs = {phone_key(known.get(k) or "", region) for k in ("mobile", "phone")} - {""}
    ours = {phone_key(values.get(k) or "", region) for k in ("mobile", "phone")} - {""}
    return bool(theirs & ours)


def _contact_row(cid: int, values: dict[str, Any]) -> dict[str, Any]:
    """Columns of a contact from values cleaned already (by the check, or as stored)."""
    return {"id": cid, **contact_values(_contact_data(values, clean=False))}


def _company_row(cid: int, values: dict[str, Any]) -> dict[str, Any]:
    return {"id": cid, **company_values(_company_data(values, clean=False))}


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
