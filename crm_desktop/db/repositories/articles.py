"""Knowledge-base articles, found with the same search indexes as contacts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.audited import AuditedRepository, Changes
from crm_desktop.db.search import build_search_text, search_condition, search_words
from crm_desktop.domain.service import Article, ArticleData


def article_values(data: ArticleData) -> dict[str, Any]:
    return {
        "title": data.title,
        "body": data.body,
        "category": data.category,
        "tags": ", ".join(data.tags),
        "language": data.language,
    }


def article_search(data: ArticleData) -> dict[str, Any]:
    text = build_search_text([data.title, *data.tags], (), [data.category, data.body])
    return {"search_text": text, "search_words": search_words(text)}


class ArticleRepository(AuditedRepository[m.Article]):
    model = m.Article
    kind = "article"

    def add(self, data: ArticleData, source_ticket_id: int | None = None) -> int:
        values = article_values(data)
        return self._insert(values, source_ticket_id=source_ticket_id, **article_search(data)).id

    def update(self, article_id: int, version: int, data: ArticleData) -> None:
        def derive(obj: m.Article, _: Changes) -> None:
            for key, value in article_search(data).items():
                setattr(obj, key, value)

        self._update(article_id, version, article_values(data), derive)

    def get(self, article_id: int) -> Article:
        return self._record(self._live(article_id))

    def search(self, query: str, language: str | None, limit: int) -> list[Article]:
        """Live articles matching ``query`` (all when empty), newest change first."""
        a = m.Article
        q = select(a).where(a.deleted_at.is_(None))
        if query.strip():
            q = q.where(search_condition(self.ctx.dialect, "articles", a.id, query))
        if language:
            q = q.where(a.language == language)
        q = q.order_by(a.updated_at.desc(), a.id.desc()).limit(limit)
        return [self._record(obj) for obj in self.session.scalars(q)]

    def _record(self, obj: m.Article) -> Article:
        return Article(
            id=obj.id,
            data=ArticleData(
                title=obj.title,
                body=obj.body,
                category=obj.category,
                tags=tuple(t.strip() for t in obj.tags.split(",") if t.strip()),
                language=obj.language,
            ),
            updated_at=obj.updated_at,
            updated_by=self.ctx.user_name(obj.updated_by_id),
            version=obj.version,
            source_ticket_id=obj.source_ticket_id,
        )
