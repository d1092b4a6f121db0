"""SQLAlchemy 2.x typed models of the first domain: users, companies, contacts, activities, tasks."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC (portable across SQLite and PostgreSQL), read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Audited:
    """Created/updated stamps, who did it, a version for optimistic locking, soft delete."""

    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("1"))
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("1"))
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __mapper_args__ = {"version_id_col": version}


company_tags = Table(
    "company_tags",
    Base.metadata,
    Column("company_id", ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)

contact_tags = Table(
    "contact_tags",
    Base.metadata,
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Company(Audited, Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    industry: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    grade: Mapped[str | None] = mapped_column(String(1))
    source: Mapped[str] = mapped_column(String(100), default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    # Derived, kept by the repository: a pinyin/lower-case sort key and the text search indexes.
    name_sort: Mapped[str] = mapped_column(String(400), default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_words: Mapped[str] = mapped_column(Text, default="", server_default="")

    __mapper_args__ = {"version_id_col": Audited.version}


class Contact(Audited, Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(100), default="")
    mobile: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    im: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    birthday: Mapped[date | None] = mapped_column(Date)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    # Derived, kept by the repository: sort keys (own and company's name) and search text.
    name_sort: Mapped[str] = mapped_column(String(400), default="", server_default="")
    company_sort: Mapped[str] = mapped_column(String(400), default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_words: Mapped[str] = mapped_column(Text, default="", server_default="")

    __mapper_args__ = {"version_id_col": Audited.version}


class Activity(Audited, Base):
    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(400), default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))

    __mapper_args__ = {"version_id_col": Audited.version}


class Task(Audited, Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(400))
    notes: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))

    __mapper_args__ = {"version_id_col": Audited.version}


class AuditEntry(Base):
    """Who changed what: one row per create/update/delete/restore, with the changed fields."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    changes: Mapped[str] = mapped_column(Text, default="")


class ImportRun(Base):
    """One import of a file: who, when, the counts, and whether it was undone."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    file: Mapped[str] = mapped_column(String(400))
    sheet: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ImportItem(Base):
    """A record an import created or updated; for an update, its values before (JSON)."""

    __tablename__ = "import_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    old_values: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer)  # the record's version the import left


LIVE = text("deleted_at IS NULL")
# The Trash index covers deleted rows only, so the planner never walks it for the live list
# (which must come from the ordered partial indexes below, not from a scan and a sort).
TRASH = text("deleted_at IS NOT NULL")

# Keyset paging needs an index per sortable column, ending in id; partial on live rows.
Index(
    "ix_contacts_name_sort", Contact.name_sort, Contact.id, sqlite_where=LIVE, postgresql_where=LIVE
)
Index(
    "ix_contacts_company_sort",
    Contact.company_sort,
    Contact.id,
    sqlite_where=LIVE,
    postgresql_where=LIVE,
)
Index("ix_contacts_title", Contact.title, Contact.id, sqlite_where=LIVE, postgresql_where=LIVE)
Index("ix_contacts_mobile", Contact.mobile, Contact.id, sqlite_where=LIVE, postgresql_where=LIVE)
Index("ix_contacts_phone", Contact.phone, Contact.id, sqlite_where=LIVE, postgresql_where=LIVE)
Index("ix_contacts_email", Contact.email, Contact.id, sqlite_where=LIVE, postgresql_where=LIVE)
Index("ix_contacts_city", Contact.city, Contact.id, sqlite_where=LIVE, postgresql_where=LIVE)
Index("ix_contacts_owner", Contact.owner_id, Contact.name_sort, Contact.id)
Index(
    "ix_contacts_updated", Contact.updated_at, Contact.id, sqlite_where=LIVE, postgresql_where=LIVE
)
Index("ix_contacts_company_id", Contact.company_id)
Index("ix_contacts_deleted", Contact.deleted_at, sqlite_where=TRASH, postgresql_where=TRASH)
Index(
    "ix_companies_name_sort",
    Company.name_sort,
    Company.id,
    sqlite_where=LIVE,
    postgresql_where=LIVE,
)
Index("ix_companies_industry", Company.industry, Company.id)
Index("ix_companies_region", Company.region, Company.id)
Index("ix_companies_city", Company.city, Company.id)
Index("ix_companies_grade", Company.grade, Company.id)
Index("ix_companies_phone", Company.phone, Company.id)
Index("ix_companies_owner", Company.owner_id, Company.name_sort, Company.id)
Index("ix_companies_updated", Company.updated_at, Company.id)
Index("ix_companies_deleted", Company.deleted_at, sqlite_where=TRASH, postgresql_where=TRASH)
Index("ix_activities_company", Activity.company_id, Activity.occurred_at)
Index("ix_activities_contact", Activity.contact_id, Activity.occurred_at)
Index("ix_tasks_owner_due", Task.owner_id, Task.done, Task.due_date)
Index("ix_tasks_company", Task.company_id)
Index("ix_tasks_contact", Task.contact_id)
Index("ix_audit_entity", AuditEntry.entity, AuditEntry.entity_id)
