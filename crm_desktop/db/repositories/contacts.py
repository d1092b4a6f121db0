"""Contacts: records, the keyset-paged list, soft delete."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.audited import AuditedRepository
from crm_desktop.db.repositories.common import apply, owners_by_name, set_tags, tags_of
from crm_desktop.db.repositories.listing import (
    KeysetPage,
    fetch_in_order,
    keyset_page,
    segmented_page,
)
from crm_desktop.db.repositories.opportunities import refresh_deal_search_text
from crm_desktop.db.search import (
    contact_search_text,
    search_condition,
    search_words,
    sort_key,
)
from crm_desktop.domain.errors import NotFoundError, ValidationError
from crm_desktop.domain.records import Contact, ContactData, ListFilter

KIND = "contact"

_SORT: dict[str, Any] = {
    "name": m.Contact.name_sort,
    "company": m.Contact.company_sort,
    "title": m.Contact.title,
    "mobile": m.Contact.mobile,
    "phone": m.Contact.phone,
    "email": m.Contact.email,
    "city": m.Contact.city,
    "updated_at": m.Contact.updated_at,
}


def contact_values(data: ContactData) -> dict[str, Any]:
    """The contacts table's own columns for these form values (the importer writes them too)."""
    return {
        "name": data.name.strip(),
        "company_id": data.company_id,
        "title": data.title,
        "mobile": data.mobile,
        "phone": data.phone,
        "email": data.email,
        "im": data.im,
        "address": data.address,
        "city": data.city,
        "birthday": data.birthday,
        "owner_id": data.owner_id,
        "notes": data.notes,
    }


class ContactRepository(AuditedRepository[m.Contact]):
    model = m.Contact
    kind = KIND

    def _company_name(self, company_id: int | None) -> str | None:
        if company_id is None:
            return None
        row = self.session.execute(
            select(m.Company.name, m.Company.deleted_at).where(m.Company.id == company_id)
        ).first()
        if row is None:
            raise ValidationError({"company_id": f"Company #{company_id} does not exist."})
        return str(row[0])

    # -- records ---------------------------------------------------------------------------
    def get(self, contact_id: int, *, include_deleted: bool = False) -> Contact:
        obj = self.session.get(m.Contact, contact_id, populate_existing=True)
        if obj is None or (obj.deleted_at is not None and not include_deleted):
            raise NotFoundError(KIND, contact_id)
        tags = tags_of(self.session, m.contact_tags, "contact_id", [contact_id])[contact_id]
        data = ContactData(
            name=obj.name,
            company_id=obj.company_id,
            title=obj.title,
            mobile=obj.mobile,
            phone=obj.phone,
            email=obj.email,
            im=obj.im,
            address=obj.address,
            city=obj.city,
            birthday=obj.birthday,
            owner_id=obj.owner_id,
            notes=obj.notes,
            tags=tuple(tags),
        )
        return Contact(
            id=obj.id,
            data=data,
            stamp=self.ctx.stamp(obj),
            company_name=self._company_name(obj.company_id),
            owner_name=self.ctx.user_name(obj.owner_id),
        )

    def _derived(self, values: dict[str, Any]) -> dict[str, Any]:
        company = self._company_name(values["company_id"])
        text = contact_search_text(values, company)
        return {
            "name_sort": sort_key(values["name"]),
            "company_sort": sort_key(company) if company else "",
            "search_text": text,
            "search_words": search_words(text),
        }

    def add(self, data: ContactData) -> int:
        values = contact_values(data)
        obj = self._insert(values, **self._derived(values))
        set_tags(self.session, m.contact_tags, "contact_id", obj.id, data.tags)
        return obj.id

    def update(self, contact_id: int, expected_version: int, data: ContactData) -> None:
        obj = self._load(contact_id, expected_version)
        old_tags = tags_of(self.session, m.contact_tags, "contact_id", [contact_id])[contact_id]
        values = contact_values(data)
        changes = apply(obj, values)
        if sorted(old_tags) != sorted(data.tags):
            changes["tags"] = [old_tags, list(data.tags)]
        if not changes:
            return
        obj.updated_at = datetime.now(UTC)  # a tag change alone still makes a new version
        for key, value in self._derived(values).items():
            setattr(obj, key, value)
        # One flush for the row (one version step), then the tag links.
        self._save(obj, changes)
        if "tags" in changes:
            set_tags(self.session, m.contact_tags, "contact_id", contact_id, data.tags)
        if "name" in changes:
            refresh_deal_search_text(self.session, contact_ids=[contact_id])

    def of_company(self, company_id: int) -> list[tuple[int, str, str, str, str]]:
        """(id, name, title, mobile, email) of a company's people, by name."""
        c = m.Contact
        rows = self.session.execute(
            select(c.id, c.name, c.title, c.mobile, c.email)
            .where(c.company_id == company_id, c.deleted_at.is_(None))
            .order_by(c.name_sort, c.id)
        ).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]

    # -- the list --------------------------------------------------------------------------
    def _where(self, flt: ListFilter) -> list[ColumnElement[bool]]:
        c = m.Contact
        where: list[ColumnElement[bool]] = [
            c.deleted_at.is_not(None) if flt.deleted else c.deleted_at.is_(None)
        ]
        if flt.search:
            where.append(search_condition(self.ctx.dialect, "contacts", c.id, flt.search))
        if flt.owner_id is not None:
            where.append(c.owner_id == flt.owner_id)
        company_filters = []
        if flt.grade is not None:
            company_filters.append(m.Company.grade == flt.grade.value)
        if flt.industry:
            company_filters.append(m.Company.industry == flt.industry)
        if flt.region:
            company_filters.append(m.Company.region == flt.region)
        if company_filters:
            where.append(c.company_id.in_(select(m.Company.id).where(*company_filters)))
        if flt.tag:
            where.append(
                exists()
                .where(m.contact_tags.c.contact_id == c.id)
                .where(m.contact_tags.c.tag_id == m.Tag.id)
                .where(m.Tag.name == flt.tag)
            )
        return where

    def count(self, flt: ListFilter) -> int:
        q = select(func.count()).select_from(m.Contact).where(*self._where(flt))
        return self.session.scalar(q) or 0

    def _columns(self) -> list[Any]:
        c = m.Contact
        company = (
            select(m.Company.name)
            .where(m.Company.id == c.company_id)
            .correlate(c)
            .scalar_subquery()
        )
        owner = select(m.User.name).where(m.User.id == c.owner_id).correlate(c).scalar_subquery()
        return [
            c.id,
            c.name,
            company,
            c.title,
            c.mobile,
            c.phone,
            c.email,
            c.city,
            owner,
            c.updated_at,
        ]

    def _with_tags(self, rows: list[Any]) -> list[tuple[Any, ...]]:
        tags = tags_of(self.session, m.contact_tags, "contact_id", [r[0] for r in rows])
        return [(*r[:9], ", ".join(tags[r[0]]), r[9]) for r in rows]

    def page(self, flt: ListFilter, cursor: tuple[Any, ...] | None, limit: int) -> KeysetPage:
        """Rows: (id, name, company, title, mobile, phone, email, city, owner, tags, updated)."""
        c = m.Contact
        if flt.sort == "owner":
            sort = [c.name_sort, c.id]
            query = select(c.id, *sort).where(*self._where(flt))
            segments = [c.owner_id == uid for uid in owners_by_name(self.ctx)]
            segments.append(c.owner_id.is_(None))
            page = segmented_page(
                self.session, query, segments, sort, flt.descending, cursor, limit
            )
        else:
            sort = [_SORT.get(flt.sort, c.name_sort), c.id]
            query = select(c.id, *sort).where(*self._where(flt))
            page = keyset_page(self.session, query, sort, flt.descending, cursor, limit)
        rows = fetch_in_order(self.session, self._columns(), c.id, [r[0] for r in page.rows])
        return KeysetPage(self._with_tags(rows), page.cursor, page.has_more)

    def export_page(
        self,
        flt: ListFilter,
        cursor: tuple[Any, ...] | None,
        limit: int,
        ids: Sequence[int] | None = None,
    ) -> KeysetPage:
        """Rows in CONTACT_EXPORT_COLUMNS order, in the list's sort order (owner sort: by name).

        ``ids`` narrows the export to a selection."""
        c = m.Contact

        def of_company(column: Any) -> Any:
            return select(column).where(m.Company.id == c.company_id).correlate(c).scalar_subquery()

        owner = select(m.User.name).where(m.User.id == c.owner_id).correlate(c).scalar_subquery()
        columns = [
            c.id, c.name, of_company(m.Company.name), c.title, c.mobile, c.phone, c.email, c.im,
            c.city, c.address, c.birthday, owner, c.notes, of_company(m.Company.industry),
            of_company(m.Company.region), of_company(m.Company.grade), c.updated_at,
        ]  # fmt: skip
        sort = [_SORT.get(flt.sort, c.name_sort) if flt.sort != "owner" else c.name_sort, c.id]
        query = select(*columns, *sort).where(*self._where(flt))
        if ids is not None:
            query = query.where(c.id.in_(list(ids)))
        page = keyset_page(self.session, query, sort, flt.descending, cursor, limit)
        tags = tags_of(self.session, m.contact_tags, "contact_id", [r[0] for r in page.rows])
        rows = [(*r[:12], ", ".join(tags[r[0]]), *r[12:17]) for r in page.rows]
        return KeysetPage(rows, page.cursor, page.has_more)

    def rows(self, ids: list[int]) -> dict[int, tuple[Any, ...]]:
        """List rows of these records (deleted ones included), to refresh a view in place."""
        found = self.session.execute(select(*self._columns()).where(m.Contact.id.in_(ids))).all()
        return {r[0]: r for r in self._with_tags(list(found))}

    def distinct(self, column: str) -> tuple[str, ...]:
        col = getattr(m.Contact, column)
        values = self.session.execute(
            select(col).where(m.Contact.deleted_at.is_(None), col != "").distinct()
        ).scalars()
        return tuple(sorted(values, key=sort_key))
