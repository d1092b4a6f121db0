"""Bulk inserts of pipeline and sales rows (stages, leads, deals, products, orders, payments),
for demo data and benchmarks: Core ``insert()`` executemany inside the caller's transaction.

Rows are plain dicts of column values; derived columns (search text) are filled here the way
the ORM repositories fill them. Ids come from :class:`BulkRepository`'s reservations, so one
transaction can link rows without reading anything back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, func, select

from crm_desktop.db import models as m
from crm_desktop.db.bulk import BulkRepository, insert_rows
from crm_desktop.db.repositories.leads import lead_search_text
from crm_desktop.db.repositories.stages import StageRepository
from crm_desktop.db.search import build_search_text
from crm_desktop.domain.pipeline import LeadData, default_stages

Row = dict[str, Any]
ORDER_LINE_COLUMNS = (
    "order_id",
    "position",
    "product_id",
    "description",
    "quantity",
    "unit_price",
    "discount",
    "amount",
    "unit_cost",
)


@dataclass(frozen=True, slots=True)
class StageRow:
    id: int
    name: str
    probability: int
    outcome: str


@dataclass(frozen=True, slots=True)
class ProductRow:
    id: int
    name: str
    unit: str
    unit_price: Decimal
    category: str
    cost_price: Decimal | None = None


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """A company to sell to, with its owner and a person there to address orders to."""

    id: int
    name: str
    owner_id: int | None
    grade: str | None
    contact_id: int | None
    contact_name: str | None


def _table(model: type[m.Base]) -> Table:
    return model.__table__  # type: ignore[return-value]


class SalesBulkRepository:
    """Fast inserts of pipeline and sales rows; the caller's unit of work commits them."""

    def __init__(self, bulk: BulkRepository) -> None:
        self.bulk = bulk
        self.ctx = bulk.ctx
        self.session = bulk.ctx.session

    def reserve_ids(self, table_name: str, count: int) -> range:
        """Fresh ids of "leads", "opportunities", "products", "orders" …"""
        return self.bulk.reserve(table_name, count)

    # -- reading what is there -------------------------------------------------------------
    def stages(self) -> list[StageRow]:
        q = (
            select(m.Stage.id, m.Stage.name, m.Stage.probability, m.Stage.outcome)
            .where(m.Stage.deleted_at.is_(None))
            .order_by(m.Stage.position, m.Stage.id)
        )
        return [StageRow(*r) for r in self.session.execute(q)]

    def seed_stages(self, language: str) -> None:
        """The default stages and lost reasons in ``language``, on a database that never had a
        stage (as opening a workspace in that language makes them)."""
        StageRepository(self.ctx).seed(*default_stages(language))

    def lost_reasons(self) -> list[str]:
        return StageRepository(self.ctx).lost_reasons()

    def products(self) -> list[ProductRow]:
        q = (
            select(m.Product.id, m.Product.name, m.Product.unit, m.Product.unit_price)
            .add_columns(m.Product.category, m.Product.cost_price)
            .where(m.Product.deleted_at.is_(None), m.Product.active.is_(True))
            .order_by(m.Product.id)
        )
        return [ProductRow(*r) for r in self.session.execute(q)]

    def product_codes(self) -> set[str]:
        return set(self.session.scalars(select(m.Product.code)))

    def customers(self, first_id: int = 0) -> list[CustomerRow]:
        """Live companies with id >= ``first_id``, each with its first live contact."""
        first = (
            select(m.Contact.company_id, func.min(m.Contact.id).label("cid"))
            .where(m.Contact.deleted_at.is_(None), m.Contact.company_id.is_not(None))
            .group_by(m.Contact.company_id)
            .subquery()
        )
        q = (
            select(
                m.Company.id,
                m.Company.name,
                m.Company.owner_id,
                m.Company.grade,
                first.c.cid,
                m.Contact.name,
            )
            .outerjoin(first, first.c.company_id == m.Company.id)
            .outerjoin(m.Contact, m.Contact.id == first.c.cid)
            .where(m.Company.deleted_at.is_(None), m.Company.id >= first_id)
            .order_by(m.Company.id)
        )
        return [CustomerRow(*r) for r in self.session.execute(q)]

    def currencies(self) -> list[str]:
        """Currencies of the orders already there, most used first."""
        q = (
            select(m.Order.currency)
            .group_by(m.Order.currency)
            .order_by(func.count().desc(), m.Order.currency)
        )
        return list(self.session.scalars(q))

    def last_number(self, prefix: str) -> int:
        """The highest n of the numbers ``prefix`` + n already given (SO2026-0042 -> 42).

        Longest first, then highest: numbers past 9999 are longer, and a plain max() of the
        text would put SO2026-9999 above SO2026-10000."""
        q = (
            select(m.Order.number)
            .where(m.Order.number.like(f"{prefix}%"))
            .order_by(func.length(m.Order.number).desc(), m.Order.number.desc())
            .limit(20)
        )
        for number in self.session.scalars(q):
            tail = number[len(prefix) :]
            if tail.isdigit():
                return int(tail)
        return 0

    # -- writing ---------------------------------------------------------------------------
    def _insert(self, model: type[m.Base], rows: Sequence[Row]) -> None:
        self.bulk.insert(_table(model), rows)

    def add_products(self, rows: Sequence[Mapping[str, Any]], now: datetime) -> None:
        self.bulk.insert_stamped(_table(m.Product), rows, now)

    def add_leads(self, rows: Sequence[Mapping[str, Any]], now: datetime) -> None:
        """Leads; fills search_text as LeadRepository does."""
        full = [dict(row) for row in rows]
        for row in full:
            row["search_text"] = lead_search_text(
                LeadData(
                    name=row["name"],
                    company_name=row.get("company_name", ""),
                    title=row.get("title", ""),
                    mobile=row.get("mobile", ""),
                    phone=row.get("phone", ""),
                    email=row.get("email", ""),
                    city=row.get("city", ""),
                    source=row.get("source", ""),
                )
            )
        self.bulk.insert_stamped(_table(m.Lead), full, now)

    def add_opportunities(
        self, rows: Sequence[Mapping[str, Any]], now: datetime, names: Mapping[int, tuple[str, str]]
    ) -> None:
        """Deals; ``names`` maps a deal's id to its (company, contact) names for the search
        text, made as OpportunityRepository makes it."""
        full = [dict(row) for row in rows]
        for row in full:
            company, contact = names.get(row["id"], ("", ""))
            row["search_text"] = build_search_text(
                [row["title"], company, contact], (), [row["next_step"], row["competitor"]]
            )
        self.bulk.insert_stamped(_table(m.Opportunity), full, now)

    def add_stage_history(self, rows: Sequence[Row]) -> None:
        self._insert(m.StageChange, rows)

    def add_orders(self, rows: Sequence[Mapping[str, Any]], now: datetime) -> None:
        self.bulk.insert_stamped(_table(m.Order), rows, now)

    def add_order_lines(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Line items as tuples in ORDER_LINE_COLUMNS order, straight to the driver's
        executemany (the one table a benchmark fills with millions of rows)."""
        insert_rows(self.session, _table(m.OrderLine), ORDER_LINE_COLUMNS, rows)

    def add_payments(self, rows: Sequence[Mapping[str, Any]], now: datetime) -> None:
        self.bulk.insert_stamped(_table(m.Payment), rows, now)
