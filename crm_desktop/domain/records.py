"""Immutable data that crosses from services to the UI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class ActivityKind(StrEnum):
    CALL = "call"
    MEETING = "meeting"
    VISIT = "visit"
    EMAIL = "email"
    NOTE = "note"


class Grade(StrEnum):
    A = "A"
    B = "B"
    C = "C"


class RecordKind(StrEnum):
    COMPANY = "company"
    CONTACT = "contact"
    ACTIVITY = "activity"
    TASK = "task"
    USER = "user"
    TAG = "tag"
    LEAD = "lead"
    OPPORTUNITY = "opportunity"
    STAGE = "stage"
    PRODUCT = "product"
    ORDER = "order"
    PAYMENT = "payment"
    TICKET = "ticket"
    ARTICLE = "article"
    SERVICE_SETTINGS = "service_settings"  # categories, response-time targets, settings


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Tag:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class CompanyData:
    """The editable fields of a company, as a form holds them."""

    name: str
    industry: str = ""
    region: str = ""
    city: str = ""
    address: str = ""
    website: str = ""
    phone: str = ""
    grade: Grade | None = None
    source: str = ""
    owner_id: int | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ContactData:
    """The editable fields of a contact, as a form holds them."""

    name: str
    company_id: int | None = None
    title: str = ""
    mobile: str = ""
    phone: str = ""
    email: str = ""
    im: str = ""
    address: str = ""
    city: str = ""
    birthday: date | None = None
    owner_id: int | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Stamp:
    """Who created and last changed a record, and its version for conflict checks."""

    version: int
    created_at: datetime
    created_by: str | None
    updated_at: datetime
    updated_by: str | None
    deleted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Company:
    id: int
    data: CompanyData
    stamp: Stamp
    owner_name: str | None = None
    contact_count: int = 0


@dataclass(frozen=True, slots=True)
class Contact:
    id: int
    data: ContactData
    stamp: Stamp
    company_name: str | None = None
    owner_name: str | None = None


@dataclass(frozen=True, slots=True)
class ActivityData:
    kind: ActivityKind
    subject: str
    occurred_at: datetime
    outcome: str = ""
    company_id: int | None = None
    contact_id: int | None = None
    user_id: int | None = None
    opportunity_id: int | None = None
    lead_id: int | None = None


@dataclass(frozen=True, slots=True)
class Activity:
    id: int
    data: ActivityData
    user_name: str | None
    company_name: str | None
    contact_name: str | None
    version: int
    deal_title: str | None = None  # when logged on a deal


@dataclass(frozen=True, slots=True)
class TaskData:
    title: str
    due_date: date | None = None
    owner_id: int | None = None
    company_id: int | None = None
    contact_id: int | None = None
    notes: str = ""
    done: bool = False
    opportunity_id: int | None = None
    lead_id: int | None = None


@dataclass(frozen=True, slots=True)
class Task:
    id: int
    data: TaskData
    owner_name: str | None
    company_name: str | None
    contact_name: str | None
    done_at: datetime | None
    version: int

    def is_overdue(self, today: date) -> bool:
        return not self.data.done and self.data.due_date is not None and self.data.due_date < today

    def is_due_today(self, today: date) -> bool:
        return not self.data.done and self.data.due_date == today


@dataclass(frozen=True, slots=True)
class ListFilter:
    """What a list shows: search text, filters, sort order. Sorting and filtering run in SQL."""

    search: str = ""
    owner_id: int | None = None
    tag: str | None = None
    grade: Grade | None = None
    industry: str | None = None
    region: str | None = None
    deleted: bool = False
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a keyset-paged list: rows as tuples in column order, and the cursor to go on."""

    rows: tuple[tuple[object, ...], ...]
    cursor: tuple[object, ...] | None
    has_more: bool


class ChangeAction(StrEnum):
    """What a write did to the records a ``Change`` names."""

    CREATED = "create"
    UPDATED = "update"
    DELETED = "delete"  # moved to the Trash (or removed, for records without one)
    RESTORED = "restore"
    MOVED = "move"  # a deal to another stage
    PAID = "payment"  # an order's payments changed
    BULK = "bulk"  # many records at once (import, demo, undo of an import); ids left empty


@dataclass(frozen=True, slots=True)
class Change:
    """Announced after a write: what kind of record, which ids, what happened, and the object
    that started it (a view ignores the echo of its own edit)."""

    kind: RecordKind
    ids: tuple[int, ...]
    action: ChangeAction
    origin: object | None = None


@dataclass(frozen=True, slots=True)
class Choices:
    """Values offered by the list filters."""

    owners: tuple[User, ...]
    tags: tuple[str, ...]
    industries: tuple[str, ...]
    regions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckReport:
    path: str
    dialect: str
    integrity: str
    schema_revision: str | None
    head_revision: str
    journal_mode: str | None
    counts: dict[str, int]
    read_only: bool = False  # opened read-only: the search indexes' own check was not run


@dataclass(frozen=True, slots=True)
class ImportRunInfo:
    """One import in the history."""

    id: int
    file: str
    sheet: str
    at: datetime
    user: str | None
    created: int
    updated: int
    skipped: int
    failed: int
    undone_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class UndoResult:
    """What undoing an import did: records removed, records given back their old values, and
    the records left alone because someone changed them since (described for the user)."""

    removed: int
    restored: int
    kept: tuple[str, ...] = ()
