"""SQLAlchemy 2.x typed models: users, companies, contacts, activities, tasks, import history,
and the pipeline (stages, leads, opportunities, products, quotes/orders, payments)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    TypeDecorator,
    false,
    text,
    true,
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

    if TYPE_CHECKING:  # each table declares its own key; typed here for code over any of them
        id: Mapped[int]

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
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id"))
    opportunity_id: Mapped[int | None] = mapped_column(ForeignKey("opportunities.id"))

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
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id"))
    opportunity_id: Mapped[int | None] = mapped_column(ForeignKey("opportunities.id"))

    __mapper_args__ = {"version_id_col": Audited.version}


# -- pipeline ---------------------------------------------------------------------------------
MONEY = Numeric(14, 2, asdecimal=True)
QUANTITY = Numeric(14, 3, asdecimal=True)


class Stage(Base):
    """A step of the sales pipeline; ``outcome`` is open, won or lost (the last two close it)."""

    __tablename__ = "stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)
    probability: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str] = mapped_column(String(10), default="open")
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}


class LostReason(Base):
    """The configurable list a lost deal's reason is picked from."""

    __tablename__ = "lost_reasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Lead(Audited, Base):
    """A raw enquiry, before it is qualified and converted into customer + deal."""

    __tablename__ = "leads"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    company_name: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(100), default="")
    mobile: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(20), default="new")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    converted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    __mapper_args__ = {"version_id_col": Audited.version}


class Opportunity(Audited, Base):
    __tablename__ = "opportunities"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id"))
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id"))
    amount: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    probability: Mapped[int] = mapped_column(Integer, default=0)
    close_date: Mapped[date | None] = mapped_column(Date)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    next_step: Mapped[str] = mapped_column(String(400), default="")
    next_step_date: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(100), default="")
    competitor: Mapped[str] = mapped_column(String(200), default="")
    lost_reason: Mapped[str] = mapped_column(String(200), default="")
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    stage_entered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    __mapper_args__ = {"version_id_col": Audited.version}


class StageChange(Base):
    """A deal's passage through a stage: when it entered, when it left, who moved it."""

    __tablename__ = "stage_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id"))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    left_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Product(Audited, Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(100), default="")
    unit: Mapped[str] = mapped_column(String(20), default="")
    unit_price: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    notes: Mapped[str] = mapped_column(Text, default="")

    __mapper_args__ = {"version_id_col": Audited.version}


class Order(Audited, Base):
    """A quote or an order (``kind``) to a customer, with its line items; a quote can become
    an order. ``total`` is kept equal to the sum of the lines by the repository."""

    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), default="order")
    number: Mapped[str] = mapped_column(String(40))
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    opportunity_id: Mapped[int | None] = mapped_column(ForeignKey("opportunities.id"))
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    order_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    total: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0"))
    paid: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0"))
    notes: Mapped[str] = mapped_column(Text, default="")

    __mapper_args__ = {"version_id_col": Audited.version}


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    description: Mapped[str] = mapped_column(String(400), default="")
    quantity: Mapped[Decimal] = mapped_column(QUANTITY, default=Decimal("1"))
    unit_price: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0"))
    discount: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0"))  # percent
    amount: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0"))


class Payment(Audited, Base):
    """Money received against an order (回款)."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    paid_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(30), default="")
    reference: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

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
Index("ix_activities_opportunity", Activity.opportunity_id, Activity.occurred_at)
Index("ix_activities_lead", Activity.lead_id, Activity.occurred_at)
Index("ix_tasks_opportunity", Task.opportunity_id)
Index("ix_tasks_lead", Task.lead_id)
OPEN_DEAL = text("deleted_at IS NULL AND closed_at IS NULL")
# The board: open deals by stage; the forecast: open deals by close month.
Index(
    "ix_opportunities_stage",
    Opportunity.stage_id,
    Opportunity.owner_id,
    sqlite_where=OPEN_DEAL,
    postgresql_where=OPEN_DEAL,
)
Index("ix_opportunities_close", Opportunity.close_date, Opportunity.owner_id)
Index("ix_opportunities_company", Opportunity.company_id)
Index("ix_leads_status", Lead.status, Lead.id)
Index("ix_leads_owner", Lead.owner_id)
Index("ix_products_code", Product.code, unique=True)
Index("ix_orders_company", Order.company_id, Order.order_date)
Index("ix_orders_date", Order.order_date, Order.owner_id)
Index("ix_orders_opportunity", Order.opportunity_id)
Index("ix_order_lines_order", OrderLine.order_id, OrderLine.position)
Index("ix_order_lines_product", OrderLine.product_id)
Index("ix_payments_order", Payment.order_id)


# -- service (tickets, knowledge base) -----------------------------------------------------
class Ticket(Audited, Base):
    """An inquiry, complaint, repair or return visit. ``priority`` is 0 (low) … 3 (urgent) so
    queues sort by it; due times are kept (computed from ``opened_at``, the targets and the
    paused time) so the overdue queue is an indexed comparison."""

    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(400))
    description: Mapped[str] = mapped_column(Text, default="")
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    channel: Mapped[str] = mapped_column(String(20), default="phone")
    category: Mapped[str] = mapped_column(String(100), default="")
    priority: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="new")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    first_response_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    first_response_due: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolution_due: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The targets the due times were computed from (seconds), for the time-left share.
    first_response_target: Mapped[int] = mapped_column(Integer, default=0)
    resolution_target: Mapped[int] = mapped_column(Integer, default=0)
    paused_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    resolution: Mapped[str] = mapped_column(Text, default="")
    follow_up_of_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_words: Mapped[str] = mapped_column(Text, default="", server_default="")

    __mapper_args__ = {"version_id_col": Audited.version}


class TicketEvent(Base):
    """A line of a ticket's timeline (append-only): replies, notes, status and assignment."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text, default="")
    old_value: Mapped[str] = mapped_column(String(200), default="")
    new_value: Mapped[str] = mapped_column(String(200), default="")
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id"))


class ServiceCategory(Base):
    """The configurable list of categories of a ticket kind."""

    __tablename__ = "service_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)


class SlaTarget(Base):
    """A response-time rule (domain.service.SlaRule); none stored means the defaults."""

    __tablename__ = "sla_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str | None] = mapped_column(String(20))
    priority: Mapped[int | None] = mapped_column(Integer)
    channel: Mapped[str | None] = mapped_column(String(20))
    first_response_seconds: Mapped[int] = mapped_column(Integer, default=0)
    resolution_seconds: Mapped[int] = mapped_column(Integer, default=0)


class ServiceSetting(Base):
    """Shared service settings (business hours, return visits) as key → JSON value."""

    __tablename__ = "service_settings"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class TicketVisit(Audited, Base):
    """A scheduled visit for a ticket; the technician's follow-up task is ``task_id``."""

    __tablename__ = "ticket_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    visit_at: Mapped[datetime] = mapped_column(UtcDateTime)
    technician_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"))
    notes: Mapped[str] = mapped_column(Text, default="")

    __mapper_args__ = {"version_id_col": Audited.version}


class Article(Audited, Base):
    """A knowledge-base article, searched like contacts (FTS5 trigram + word index)."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(400))
    body: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(100), default="")
    tags: Mapped[str] = mapped_column(String(400), default="")  # comma-separated
    language: Mapped[str] = mapped_column(String(10), default="en")
    source_ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_words: Mapped[str] = mapped_column(Text, default="", server_default="")

    __mapper_args__ = {"version_id_col": Audited.version}


OPEN_TICKET = text("deleted_at IS NULL AND status NOT IN ('resolved', 'closed')")
# Queues: open tickets by due time (all, mine, unassigned), every live ticket by opening time,
# priority or last change; a customer's tickets; the timeline of one ticket.
Index(
    "ix_tickets_open_due",
    Ticket.resolution_due,
    Ticket.id,
    sqlite_where=OPEN_TICKET,
    postgresql_where=OPEN_TICKET,
)
Index(
    "ix_tickets_open_assignee",
    Ticket.assignee_id,
    Ticket.resolution_due,
    Ticket.id,
    sqlite_where=OPEN_TICKET,
    postgresql_where=OPEN_TICKET,
)
Index("ix_tickets_opened", Ticket.opened_at, Ticket.id, sqlite_where=LIVE, postgresql_where=LIVE)
Index("ix_tickets_priority", Ticket.priority, Ticket.id, sqlite_where=LIVE, postgresql_where=LIVE)
Index("ix_tickets_updated", Ticket.updated_at, Ticket.id, sqlite_where=LIVE, postgresql_where=LIVE)
Index("ix_tickets_kind", Ticket.kind, Ticket.status, Ticket.opened_at)
Index("ix_tickets_company", Ticket.company_id, Ticket.opened_at)
Index("ix_tickets_contact", Ticket.contact_id, Ticket.opened_at)
Index("ix_tickets_deleted", Ticket.deleted_at, sqlite_where=TRASH, postgresql_where=TRASH)
Index("ix_ticket_events_ticket", TicketEvent.ticket_id, TicketEvent.at)
Index("ix_ticket_visits_ticket", TicketVisit.ticket_id)
Index("ix_service_categories_kind", ServiceCategory.kind, ServiceCategory.position)
Index("ix_articles_updated", Article.updated_at, Article.id)
