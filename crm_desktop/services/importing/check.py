"""A sheet checked for import: its header (found among the first rows), the column mapping,
and its rows read by `io.rows.RowParser` and validated a batch at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from crm_desktop.domain.errors import Cancelled, CrmError, ValidationError
from crm_desktop.domain.keys import email_key, phone_key
from crm_desktop.domain.records import CompanyData, ContactData, Grade
from crm_desktop.domain.validation import (
    check_email,
    check_phone,
    clean_text,
    validate_company,
    validate_contact,
)
from crm_desktop.io import cells
from crm_desktop.io.mapping import (
    CONTACT_TARGETS,
    ColumnMapping,
    mapping_from_json,
    suggest_mapping,
)
from crm_desktop.io.reading import SheetStream, find_header_row
from crm_desktop.io.rows import ParsedRow, RowParser, shown
from crm_desktop.services.contacts import clean_company, clean_contact
from crm_desktop.services.importing.report import ImportOptions, RowError

SAMPLE_ROWS = 50  # rows below the header a suggested mapping looks at
HEADER_SEARCH_ROWS = 20  # find_header_row looks this far
BATCH_ROWS = 2000
HINT_ROWS = 3  # rows under the header that may be a template's hints


@dataclass(slots=True)
class Row:
    number: int  # as Excel shows it, 1-based
    # The cells as read; kept (for the error workbook) only by a row that failed or may still
    # fail (one with an ID to check): a 100,000-row sheet is not held twice.
    raw: tuple[object, ...]
    contact: dict[str, Any] = field(default_factory=dict)
    company: dict[str, Any] = field(default_factory=dict)
    record_id: int | None = None
    owner: str = ""
    errors: list[RowError] = field(default_factory=list)  # the row fails
    warnings: list[RowError] = field(default_factory=list)  # values kept in notes instead
    keys: tuple[str, ...] = ()  # the contact's e-mail and phone keys, once matching needs them

    def done_with_cells(self) -> None:
        if not self.errors and self.record_id is None:
            self.raw = ()


# A row without a person's name or a company is named after the first of these it has.
_NAMED_BY = ("email", "mobile", "phone")
# Person fields a row of a company alone (no person's name) keeps in the company's notes.
_PERSON_ONLY = ("title", "mobile", "phone", "email", "im", "birthday", "notes")
# The import field whose column a company field came from (its "name" is the company's).
_COMPANY_FIELD = {"name": "company", "phone": "company_phone", "notes": "company_notes"}


def labelled(column: str, value: str) -> str:
    """A value kept in notes, saying which column it came from."""
    return f"{column}: {value}" if column else value


def checked_row(
    number: int,
    raw: tuple[object, ...],
    parsed: ParsedRow,
    sheet: str,
    headers: list[str],
    header_of: dict[str, str],
    region: str,
) -> Row:
    """A parsed row with its values checked as a form checks them. A value that cannot be
    read or saved never loses the record: it goes to the notes, named by its column, and
    the row gets a warning. The row fails only when nothing can name its record."""
    row = Row(number, raw, parsed.contact, parsed.company, parsed.record_id, parsed.owner)
    kept: list[str] = []
    extras = parsed.extras
    for problem in parsed.problems:
        column = headers[problem.column] if problem.column < len(headers) else ""
        row.warnings.append(
            RowError(sheet, number, column, problem.message, "cell", problem.field, problem.value)
        )
        kept.append(labelled(column, problem.value))
    validate(row, sheet, header_of, region, kept, extras, headers)
    return row


def validate(
    row: Row,
    sheet: str,
    headers: dict[str, str],
    region: str,
    kept: list[str] | None = None,
    extras: list[tuple[str, str, int]] | None = None,
    columns: list[str] | None = None,
) -> None:
    kept = [] if kept is None else kept
    if row.contact:
        _check_contact(row, sheet, headers, region, kept)
    if row.company:
        _check_company(row, sheet, headers, region, kept)
    if extras:
        _check_extras(row, extras, sheet, columns or [], region, kept)
    contact, company = row.contact, row.company
    if not contact.get("name") and not company.get("name"):
        named_by = next((key for key in _NAMED_BY if contact.get(key)), None)
        if named_by is None:
            row.errors.append(
                RowError(
                    sheet,
                    row.number,
                    headers.get("name", ""),
                    "No name: neither a person nor a company, nor an e-mail or phone.",
                    "no_name",
                    "name",
                )
            )
            return
        contact["name"] = contact[named_by]
    if not contact.get("name"):  # a company alone: what the row says of a person goes to it
        for key in _PERSON_ONLY:
            value = contact.pop(key, None)
            if value in (None, ""):
                continue
            if key in ("mobile", "phone") and not company.get("phone"):
                company["phone"] = value
            elif key == "notes":
                kept.insert(0, value)
            else:
                kept.append(labelled(headers.get(key, ""), shown(value)))
        for kind, value in contact.pop("extras", ()):
            if kind == "phone" and not company.get("phone"):
                company["phone"] = value
            else:
                kept.append(labelled(headers.get(f"other_{kind}s", ""), value))
        if contact.get("tags"):
            company["tags"] = tuple(dict.fromkeys([*company.get("tags", ()), *contact["tags"]]))
    if kept:
        target = contact if contact.get("name") else company
        target["notes"] = "\n".join(filter(None, [target.get("notes", ""), *kept]))


def _check_contact(
    row: Row, sheet: str, headers: dict[str, str], region: str, kept: list[str]
) -> None:
    """The person's values cleaned as a form saves them; those it cannot hold set aside."""
    values = row.contact
    try:
        data = contact_data(values if values.get("name") else {**values, "name": "-"})
        validate_contact(data, region)
    except ValidationError as exc:
        for key, message in exc.errors.items():
            column = headers.get(key, key)
            value = shown(values.pop(key, None))
            row.warnings.append(RowError(sheet, row.number, column, message, "invalid", key, value))
            if key != "notes":  # notes too long for the notes: the warning holds them
                kept.append(labelled(column, value))
        data = contact_data(values if values.get("name") else {**values, "name": "-"})
    # Cleaned once here, as a form saves them: merged and written as they are.
    row.contact = {key: getattr(data, key) for key in values}


def _check_extras(
    row: Row,
    extras: list[tuple[str, str, int]],
    sheet: str,
    headers: list[str],
    region: str,
    kept: list[str],
) -> None:
    """Second and later phones and e-mails: checked as the fields are; the first of a kind
    fills its field when the row left it empty; those the fields hold already are dropped."""
    contact = row.contact
    seen = {email_key(contact.get("email", ""))} | {
        phone_key(contact.get(k, ""), region) for k in ("mobile", "phone")
    }
    seen.discard("")
    kept_extras: list[tuple[str, str]] = []
    for kind, raw, index in extras:
        value = clean_text(raw).lower() if kind == "email" else clean_text(raw)
        message = check_email(value) if kind == "email" else check_phone(value, region)
        if message:
            column = headers[index] if index < len(headers) else ""
            row.warnings.append(
                RowError(sheet, row.number, column, message, "invalid", f"other_{kind}s", raw)
            )
            kept.append(labelled(column, raw))
            continue
        key = email_key(value) if kind == "email" else phone_key(value, region)
        if key and key in seen:
            continue
        seen.add(key)
        if kind == "email" and not contact.get("email"):
            contact["email"] = value
        elif kind == "phone" and not contact.get("mobile") and not contact.get("phone"):
            contact["phone"] = value
        else:
            kept_extras.append((kind, value))
    if kept_extras:
        contact["extras"] = kept_extras


def _check_company(
    row: Row, sheet: str, headers: dict[str, str], region: str, kept: list[str]
) -> None:
    values = row.company
    try:
        cleaned = company_data(values if values.get("name") else {**values, "name": "-"})
        validate_company(cleaned, region)
    except ValidationError as exc:
        for key, message in exc.errors.items():
            field_key = _COMPANY_FIELD.get(key, key)
            column = headers.get(field_key, "") or headers.get(key, key)
            value = shown(values.pop(key, None))
            row.warnings.append(
                RowError(sheet, row.number, column, message, "invalid", field_key, value)
            )
            if key != "notes":
                kept.append(labelled(column, value))
        cleaned = company_data(values if values.get("name") else {**values, "name": "-"})
    row.company = {key: getattr(cleaned, key) for key in values}
    if cleaned.grade is not None:
        row.company["grade"] = cleaned.grade.value
    if not values.get("name"):  # a company's values without its name: the person keeps them
        for key in list(row.company):
            value = row.company.pop(key)
            if key in ("city", "address") or value in (None, "", ()):
                continue  # the person has these too
            if key == "tags":
                row.contact["tags"] = tuple(dict.fromkeys([*row.contact.get("tags", ()), *value]))
            elif key == "notes":
                kept.append(value)
            else:
                kept.append(labelled(headers.get(_COMPANY_FIELD.get(key, key), ""), shown(value)))


def contact_data(values: dict[str, Any], clean: bool = True) -> ContactData:
    known = {k: v for k, v in values.items() if k in ContactData.__dataclass_fields__}
    known["tags"] = tuple(known.get("tags") or ())
    data = ContactData(**known)
    return clean_contact(data) if clean else data


def company_data(values: dict[str, Any], clean: bool = True) -> CompanyData:
    known = {k: v for k, v in values.items() if k in CompanyData.__dataclass_fields__}
    if known.get("grade"):
        known["grade"] = Grade(known["grade"])
    known["tags"] = tuple(known.get("tags") or ())
    data = CompanyData(**known)
    return clean_company(data) if clean else data


class CheckedSheet:
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
    ) -> Iterator[list[Row]]:
        parser = RowParser(self.mapping, self.headers)
        parse, sheet, headers, header_of = parser.parse, self.name, self.headers, self.header_of
        region = self.options.phone_region
        batch: list[Row] = []
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
            if index < HINT_ROWS and cells.is_hint_row(raw):
                continue  # a template's "必填 / 选填" row under the header
            row = checked_row(
                first_number + index, raw, parse(raw), sheet, headers, header_of, region
            )
            row.done_with_cells()
            batch.append(row)
        if stop():
            raise Cancelled()
        if batch:
            yield batch
