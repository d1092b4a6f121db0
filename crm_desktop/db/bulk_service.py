"""Bulk inserts of service data (tickets, their timelines, categories, knowledge-base articles)
for the demo and the benchmark; search text as the repositories make it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select

from crm_desktop.db import models as m
from crm_desktop.db.bulk import BulkRepository
from crm_desktop.db.bulk_sales import CustomerRow, SalesBulkRepository
from crm_desktop.db.repositories.articles import article_search
from crm_desktop.db.repositories.service_config import ServiceConfigRepository
from crm_desktop.db.repositories.tickets import ticket_search_text
from crm_desktop.db.search import search_words
from crm_desktop.domain.service import ArticleData, TicketKind

SEARCHED = ("tickets", "articles")


def _table(model: type[m.Base]) -> Table:
    return model.__table__  # type: ignore[return-value]


class ServiceBulkRepository:
    def __init__(self, bulk: BulkRepository) -> None:
        self.bulk = bulk
        self.session = bulk.ctx.session
        self.config = ServiceConfigRepository(bulk.ctx)

    def reserve_ids(self, table_name: str, count: int) -> range:
        return self.bulk.reserve(table_name, count)

    def customers(self, first_company: int = 0) -> list[CustomerRow]:
        """Live companies from ``first_company`` on, each with its first live contact."""
        return SalesBulkRepository(self.bulk).customers(first_company)

    def add_tickets(
        self,
        rows: Sequence[Mapping[str, Any]],
        names: Mapping[int, tuple[str, str | None]],
        now: datetime,
    ) -> None:
        """Tickets (each with its ``id``); ``names`` maps a ticket to its (company, contact)
        names for the search text."""
        full = [dict(row) for row in rows]
        for row in full:
            company, contact = names[row["id"]]
            text = ticket_search_text(
                row["subject"], company, contact, row["description"], row["category"]
            )
            row["search_text"] = text
            row["search_words"] = search_words(text)
        self.bulk.insert_stamped(_table(m.Ticket), full, now)

    def add_events(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.bulk.insert(_table(m.TicketEvent), rows)

    def has_articles(self) -> bool:
        return self.session.scalar(select(m.Article.id).limit(1)) is not None

    def add_articles(self, articles: Sequence[ArticleData], now: datetime) -> None:
        rows = [
            {"title": a.title, "body": a.body, "category": a.category, "tags": ", ".join(a.tags),
             "language": a.language, **article_search(a)}
            for a in articles
        ]  # fmt: skip
        self.bulk.insert_stamped(_table(m.Article), rows, now)

    def seed_categories(self, categories: Mapping[TicketKind, Sequence[str]]) -> None:
        """The categories of each kind not configured yet."""
        for kind, names in categories.items():
            if self.config.categories(kind) is None:
                self.config.set_categories(kind, list(names))
