"""Use cases of the Contacts tab: companies and contacts, their lists, trash."""

from __future__ import annotations

from typing import Any

from crm_desktop.db.search import searchable as searchable  # the window asks it too
from crm_desktop.domain.records import (
    ChangeAction,
    Choices,
    Company,
    CompanyData,
    Contact,
    ContactData,
    ListFilter,
    Page,
    RecordKind,
    User,
)
from crm_desktop.domain.validation import clean_text, validate_company, validate_contact
from crm_desktop.services.workspace import Workspace
from crm_desktop.services.writes import write

PAGE_SIZE = 200


def clean_company(data: CompanyData) -> CompanyData:
    """Stray spaces, full-width letters and digits, e-mail case: as every save stores them."""
    return CompanyData(
        name=clean_text(data.name),
        industry=clean_text(data.industry),
        region=clean_text(data.region),
        city=clean_text(data.city),
        address=clean_text(data.address),
        website=clean_text(data.website),
        phone=clean_text(data.phone),
        grade=data.grade,
        source=clean_text(data.source),
        owner_id=data.owner_id,
        notes=data.notes.strip(),
        tags=tuple(sorted({clean_text(t) for t in data.tags if clean_text(t)})),
    )


def clean_contact(data: ContactData) -> ContactData:
    """Stray spaces, full-width letters and digits, e-mail case: as every save stores them."""
    return ContactData(
        name=clean_text(data.name),
        company_id=data.company_id,
        title=clean_text(data.title),
        mobile=clean_text(data.mobile),
        phone=clean_text(data.phone),
        email=clean_text(data.email).lower() if data.email else "",
        im=clean_text(data.im),
        address=clean_text(data.address),
        city=clean_text(data.city),
        birthday=data.birthday,
        owner_id=data.owner_id,
        notes=data.notes.strip(),
        tags=tuple(sorted({clean_text(t) for t in data.tags if clean_text(t)})),
    )


# -- companies -----------------------------------------------------------------------------
def create_company(ws: Workspace, data: CompanyData, origin: object = None) -> Company:
    data = clean_company(data)
    validate_company(data, ws.phone_region)
    with write(ws, RecordKind.COMPANY, ChangeAction.CREATED, origin) as w:
        company_id = w.uow.companies.add(data)
        w.touched([company_id])
        company = w.uow.companies.get(company_id)
    return company


def update_company(
    ws: Workspace, company_id: int, version: int, data: CompanyData, origin: object = None
) -> Company:
    """Save over version ``version``; ConflictError if a colleague saved in between."""
    data = clean_company(data)
    validate_company(data, ws.phone_region)
    with write(ws, RecordKind.COMPANY, ChangeAction.UPDATED, origin, ids=[company_id]) as w:
        w.uow.companies.update(company_id, version, data)
        company = w.uow.companies.get(company_id)
    return company


def get_company(ws: Workspace, company_id: int, include_deleted: bool = False) -> Company:
    with ws.reading() as uow:
        return uow.companies.get(company_id, include_deleted=include_deleted)


def company_people(ws: Workspace, company_id: int) -> list[tuple[int, str, str, str, str]]:
    with ws.reading() as uow:
        return uow.contacts.of_company(company_id)


# -- contacts ------------------------------------------------------------------------------
def create_contact(ws: Workspace, data: ContactData, origin: object = None) -> Contact:
    data = clean_contact(data)
    validate_contact(data, ws.phone_region)
    with write(ws, RecordKind.CONTACT, ChangeAction.CREATED, origin) as w:
        contact_id = w.uow.contacts.add(data)
        w.touched([contact_id])
        contact = w.uow.contacts.get(contact_id)
    return contact


def update_contact(
    ws: Workspace, contact_id: int, version: int, data: ContactData, origin: object = None
) -> Contact:
    data = clean_contact(data)
    validate_contact(data, ws.phone_region)
    with write(ws, RecordKind.CONTACT, ChangeAction.UPDATED, origin, ids=[contact_id]) as w:
        w.uow.contacts.update(contact_id, version, data)
        contact = w.uow.contacts.get(contact_id)
    return contact


def get_contact(ws: Workspace, contact_id: int, include_deleted: bool = False) -> Contact:
    with ws.reading() as uow:
        return uow.contacts.get(contact_id, include_deleted=include_deleted)


def extra_values(ws: Workspace, contact_id: int) -> tuple[tuple[str, str], ...]:
    """A contact's second and later phones and e-mails, as ("phone" | "email", value)."""
    with ws.reading() as uow:
        return tuple(uow.contact_values.of([contact_id]).get(contact_id, ()))


# -- delete, restore -----------------------------------------------------------------------
def set_deleted(
    ws: Workspace, kind: RecordKind, ids: list[int], deleted: bool, origin: object = None
) -> list[int]:
    """Soft delete (to the Trash) or restore; returns the ids that changed."""
    action = ChangeAction.DELETED if deleted else ChangeAction.RESTORED
    with write(ws, kind, action, origin) as w:
        repo = w.uow.companies if kind is RecordKind.COMPANY else w.uow.contacts
        done = repo.set_deleted(ids, deleted)
        w.touched(done)
    return done


# -- lists ---------------------------------------------------------------------------------
def list_page(
    ws: Workspace,
    kind: RecordKind,
    flt: ListFilter,
    cursor: tuple[Any, ...] | None = None,
    limit: int = PAGE_SIZE,
) -> Page:
    """One keyset page of the list; rows are tuples starting with the id."""
    with ws.reading() as uow:
        repo = uow.companies if kind is RecordKind.COMPANY else uow.contacts
        page = repo.page(flt, cursor, limit)
    return Page(tuple(tuple(r) for r in page.rows), page.cursor, page.has_more)


def list_rows(ws: Workspace, kind: RecordKind, ids: list[int]) -> dict[int, tuple[Any, ...]]:
    """Fresh list rows for these ids, to update a view in place after a change."""
    with ws.reading() as uow:
        repo = uow.companies if kind is RecordKind.COMPANY else uow.contacts
        return repo.rows(ids)


def count(ws: Workspace, kind: RecordKind, flt: ListFilter) -> int:
    with ws.reading() as uow:
        repo = uow.companies if kind is RecordKind.COMPANY else uow.contacts
        return repo.count(flt)


def choices(ws: Workspace) -> Choices:
    """Values for the filter boxes: owners, tags in use, industries, regions."""
    with ws.reading() as uow:
        return Choices(
            owners=tuple(uow.users.all()),
            tags=uow.tags.names_in_use(),
            industries=uow.companies.distinct("industry"),
            regions=uow.companies.distinct("region"),
        )


def users(ws: Workspace) -> tuple[User, ...]:
    with ws.reading() as uow:
        return tuple(uow.users.all())
