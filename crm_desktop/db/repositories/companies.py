"""Companies: records, the keyset-paged list, soft delete."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, bindparam, exists, func, select, update

from crm_desktop.db import models as m
from crm_desktop.db.repositories.audited import AuditedRepository
from crm_desktop.db.repositories.common import apply, owners_by_name, set_tags, tags_of
from crm_desktop.db.repositories.listing import (
    KeysetPage,
    SortColumn,
    fetch_in_order,
    keyset_page,
    segmented_page,
)
from crm_desktop.db.repositories.opportunities import refresh_deal_search_text
from crm_desktop.db.search import (
    company_search_text,
    contact_search_text,
    search_condition,
    search_words,
    sort_key,
)
from crm_desktop.domain.errors import NotFoundError
from crm_desktop.domain.records import Company, CompanyData, Grade, ListFilter
from crm_desktop.domain.reports import GradeChange

_CHUNK = 500  # ids per IN (...): far below any driver's limit on parameters

KIND = "company"

_SORT: dict[str, Any] = {
    "name": m.Company.name_sort,
    "industry": m.Company.industry,
    "region": m.Company.region,
    "city": m.Company.city,
    "grade": m.Company.grade,
    "phone": m.Company.phone,
    "updated_at": m.Company.updated_at,
}


def company_values(data: CompanyData) -> dict[str, Any]:
    """The companys table's own columns for these form values (the importer writes them too)."""
    return {
        "name": data.name.strip(),
        "industry": data.industry,
        "region": data.region,
        "city": data.city,
        "address": data.address,
        "website": data.website,
        "phone": data.phone,
        "grade": data.grade.value if data.grade else None,
        "source": data.source,
        "owner_id": data.owner_id,
        "notes": data.notes,
    }


class CompanyRepository(AuditedRepository[m.Company]):
    model = m.Company
    kind = KIND

    # -- records ---------------------------------------------------------------------------
    def get(self, company_id: int, *, include_deleted: bool = False) -> Company:
        obj = self.session.get(m.Company, company_id, populate_existing=True)
        if obj is None or (obj.deleted_at is not None and not include_deleted):
            raise NotFoundError(KIND, company_id)
        tags = tags_of(self.session, m.company_tags, "company_id", [company_id])[company_id]
        count = self.session.scalar(
            select(func.count())
            .select_from(m.Contact)
            .where(m.Contact.company_id == company_id, m.Contact.deleted_at.is_(None))
        )
        data = CompanyData(
            name=obj.name,
            industry=obj.industry,
            region=obj.region,
            city=obj.city,
            address=obj.address,
            website=obj.website,
            phone=obj.phone,
            grade=Grade(obj.grade) if obj.grade else None,
            source=obj.source,
            owner_id=obj.owner_id,
            notes=obj.notes,
            tags=tuple(tags),
        )
        return Company(
            id=obj.id,
            data=data,
            stamp=self.ctx.stamp(obj),
            owner_name=self.ctx.user_name(obj.owner_id),
            contact_count=count or 0,
        )

    def add(self, data: CompanyData) -> int:
        values = company_values(data)
        obj = self._insert(
            values,
            name_sort=sort_key(values["name"]),
            search_text=(text := company_search_text(values)),
            search_words=search_words(text),
        )
        set_tags(self.session, m.company_tags, "company_id", obj.id, data.tags)
        return obj.id

    def update(self, company_id: int, expected_version: int, data: CompanyData) -> None:
        obj = self._load(company_id, expected_version)
        old_tags = tags_of(self.session, m.company_tags, "company_id", [company_id])[company_id]
        values = company_values(data)
        changes = apply(obj, values)
        if sorted(old_tags) != sorted(data.tags):
            changes["tags"] = [old_tags, list(data.tags)]
        if not changes:
            return
        obj.updated_at = datetime.now(UTC)  # a tag change alone still makes a new version
        obj.name_sort = sort_key(obj.name)
        obj.search_text = company_search_text(values)
        obj.search_words = search_words(obj.search_text)
        # One flush for the row (one version step), then the tag links.
        self._save(obj, changes)
        if "tags" in changes:
            set_tags(self.session, m.company_tags, "company_id", company_id, data.tags)
        if "name" in changes:
            self._rename_in_contacts(company_id, obj.name)
            refresh_deal_search_text(self.session, company_ids=[company_id])

    def _rename_in_contacts(self, company_id: int, name: str) -> None:
        """Contacts carry their company's sort key and name in their search text."""
        key = sort_key(name)
        rows = self.session.execute(
            select(m.Contact).where(m.Contact.company_id == company_id)
        ).scalars()
        updates = [
            {
                "b_id": c.id,
                "company_sort": key,
                "search_text": contact_search_text(
                    {
                        k: getattr(c, k)
                        for k in (
                            "name",
                            "mobile",
                            "phone",
                            "title",
                            "email",
                            "im",
                            "city",
                            "address",
                            "notes",
                        )
                    },
                    name,
                ),
            }
            for c in rows
        ]
        for row in updates:
            row["search_words"] = search_words(str(row["search_text"]))
        if updates:
            # Derived columns only: a Core UPDATE, so the contacts' versions are not bumped.
            table = cast(Table, m.Contact.__table__)
            self.session.execute(
                update(table).where(table.c.id == bindparam("b_id")),
                updates,
            )

    # -- the list --------------------------------------------------------------------------
    def _where(self, flt: ListFilter) -> list[ColumnElement[bool]]:
        c = m.Company
        where: list[ColumnElement[bool]] = [
            c.deleted_at.is_not(None) if flt.deleted else c.deleted_at.is_(None)
        ]
        if flt.search:
            where.append(search_condition(self.ctx.dialect, "companies", c.id, flt.search))
        if flt.owner_id is not None:
            where.append(c.owner_id == flt.owner_id)
        if flt.grade is not None:
            where.append(c.grade == flt.grade.value)
        if flt.industry:
            where.append(c.industry == flt.industry)
        if flt.region:
            where.append(c.region == flt.region)
        if flt.tag:
            where.append(
                exists()
                .where(m.company_tags.c.company_id == c.id)
                .where(m.company_tags.c.tag_id == m.Tag.id)
                .where(m.Tag.name == flt.tag)
            )
        return where

    def count(self, flt: ListFilter) -> int:
        return (
            self.session.scalar(
                select(func.count()).select_from(m.Company).where(*self._where(flt))
            )
            or 0
        )

    def _columns(self) -> list[Any]:
        c = m.Company
        contacts = (
            select(func.count())
            .where(m.Contact.company_id == c.id, m.Contact.deleted_at.is_(None))
            .correlate(c)
            .scalar_subquery()
        )
        owner = select(m.User.name).where(m.User.id == c.owner_id).correlate(c).scalar_subquery()
        return [
            c.id,
            c.name,
            c.industry,
            c.region,
            c.city,
            c.grade,
            c.phone,
            owner,
            contacts,
            c.updated_at,
        ]

    def _with_tags(self, rows: list[Any]) -> list[tuple[Any, ...]]:
        tags = tags_of(self.session, m.company_tags, "company_id", [r[0] for r in rows])
        return [(*r[:9], ", ".join(tags[r[0]]), r[9]) for r in rows]

    def page(self, flt: ListFilter, cursor: tuple[Any, ...] | None, limit: int) -> KeysetPage:
        """Rows: (id, name, industry, region, city, grade, phone, owner, contacts, tags, updated)."""
        c = m.Company
        sort: list[SortColumn]
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
            if flt.sort == "grade":  # no grade sorts last
                sort = [func.coalesce(c.grade, "~"), c.id]
            query = select(c.id, *sort).where(*self._where(flt))
            page = keyset_page(self.session, query, sort, flt.descending, cursor, limit)
        rows = fetch_in_order(self.session, self._columns(), c.id, [r[0] for r in page.rows])
        return KeysetPage(self._with_tags(rows), page.cursor, page.has_more)

    def rows(self, ids: list[int]) -> dict[int, tuple[Any, ...]]:
        """List rows of these records (deleted ones included), to refresh a view in place."""
        found = self.session.execute(select(*self._columns()).where(m.Company.id.in_(ids))).all()
        return {r[0]: r for r in self._with_tags(list(found))}

    def distinct(self, column: str) -> tuple[str, ...]:
        col = getattr(m.Company, column)
        values = self.session.execute(
            select(col).where(m.Company.deleted_at.is_(None), col != "").distinct()
        ).scalars()
        return tuple(sorted(values, key=sort_key))


class CompanyGrades:
    """Grades written to many companies at once (ABC classes) and taken back: each changed
    company gets a new version (an open editor of it sees the change) and an audit entry."""

    def __init__(self, repo: CompanyRepository) -> None:
        self.ctx = repo.ctx
        self.session = repo.session

    def _current(self, ids: list[int]) -> dict[int, tuple[str | None, int]]:
        c = m.Company
        out: dict[int, tuple[str | None, int]] = {}
        for i in range(0, len(ids), _CHUNK):
            q = select(c.id, c.grade, c.version).where(
                c.id.in_(ids[i : i + _CHUNK]), c.deleted_at.is_(None)
            )
            out.update({cid: (grade, version) for cid, grade, version in self.session.execute(q)})
        return out

    def _write(self, rows: list[dict[str, Any]]) -> None:
        """Rows of b_id, b_version (the version read), b_grade: one executemany."""
        if not rows:
            return
        t = cast(Table, m.Company.__table__)
        self.session.execute(
            update(t)
            .where(t.c.id == bindparam("b_id"), t.c.version == bindparam("b_version"))
            .values(
                grade=bindparam("b_grade"),
                version=t.c.version + 1,
                updated_at=datetime.now(UTC),
                updated_by_id=self.ctx.user_id,
            ),
            rows,
        )

    def set(self, grades: dict[int, str]) -> tuple[list[GradeChange], int]:
        """Give each company (live ones; others are passed over) its grade; returns the
        changes (to undo them) and how many already had theirs."""
        current = self._current(sorted(grades))
        changes = [
            GradeChange(cid, old, grades[cid], version + 1)
            for cid, (old, version) in sorted(current.items())
            if old != grades[cid]
        ]
        self._write(
            [
                {"b_id": ch.company_id, "b_version": ch.version - 1, "b_grade": ch.new}
                for ch in changes
            ]
        )
        for ch in changes:
            self.ctx.audit(KIND, ch.company_id, "update", {"grade": [ch.old, ch.new]})
        return changes, len(current) - len(changes)

    def restore(self, changes: list[GradeChange]) -> tuple[list[int], list[int]]:
        """Give back the old grades, except to companies changed since (version moved on) or
        gone to the Trash; returns (restored ids, kept ids)."""
        current = self._current(sorted(ch.company_id for ch in changes))
        restore = [ch for ch in changes if current.get(ch.company_id) == (ch.new, ch.version)]
        self._write(
            [{"b_id": ch.company_id, "b_version": ch.version, "b_grade": ch.old} for ch in restore]
        )
        for ch in restore:
            self.ctx.audit(KIND, ch.company_id, "update", {"grade": [ch.new, ch.old]})
        done = {ch.company_id for ch in restore}
        return sorted(done), sorted(ch.company_id for ch in changes if ch.company_id not in done)
