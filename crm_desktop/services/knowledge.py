"""The knowledge base: articles in English and Chinese, found with the same search as contacts
(pinyin too); from a ticket, search them to answer, or turn the ticket's answer into one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.records import ChangeAction, RecordKind
from crm_desktop.domain.service import MAX_SUBJECT, Article, ArticleData, EventKind
from crm_desktop.domain.validation import MAX_SHORT, MAX_TEXT, clean_text
from crm_desktop.services.workspace import Workspace
from crm_desktop.services.writes import trash, write

LANGUAGES = ("en", "zh_CN")


def clean_article(data: ArticleData) -> ArticleData:
    data = replace(
        data,
        title=clean_text(data.title),
        body=data.body.strip(),
        category=clean_text(data.category),
        tags=tuple(dict.fromkeys(t for t in (clean_text(t) for t in data.tags) if t)),
    )
    errors = {}
    if not data.title:
        errors["title"] = "An article needs a title."
    elif len(data.title) > MAX_SUBJECT:
        errors["title"] = f"At most {MAX_SUBJECT} characters."
    if len(data.body) > MAX_TEXT:
        errors["body"] = f"At most {MAX_TEXT} characters."
    if len(data.category) > MAX_SHORT:
        errors["category"] = f"At most {MAX_SHORT} characters."
    if len(", ".join(data.tags)) > MAX_SUBJECT:
        errors["tags"] = f"At most {MAX_SUBJECT} characters of tags."
    if data.language not in LANGUAGES:
        errors["language"] = "English (en) or Chinese (zh_CN)."
    if errors:
        raise ValidationError(errors)
    return data


def add_article(
    ws: Workspace, data: ArticleData, *, source_ticket_id: int | None = None, origin: object = None
) -> Article:
    data = clean_article(data)
    with write(ws, RecordKind.ARTICLE, ChangeAction.CREATED, origin) as w:
        article_id = w.uow.articles.add(data, source_ticket_id)
        w.touched([article_id])
        article = w.uow.articles.get(article_id)
    return article


def update_article(
    ws: Workspace, article_id: int, version: int, data: ArticleData, origin: object = None
) -> Article:
    data = clean_article(data)
    with write(ws, RecordKind.ARTICLE, ChangeAction.UPDATED, origin, ids=[article_id]) as w:
        w.uow.articles.update(article_id, version, data)
        article = w.uow.articles.get(article_id)
    return article


def delete_articles(ws: Workspace, ids: list[int], origin: object = None) -> list[int]:
    return trash(ws, RecordKind.ARTICLE, lambda uow: uow.articles, ids, True, origin)


def restore_articles(ws: Workspace, ids: list[int], origin: object = None) -> list[int]:
    return trash(ws, RecordKind.ARTICLE, lambda uow: uow.articles, ids, False, origin)


def get_article(ws: Workspace, article_id: int) -> Article:
    with ws.reading() as uow:
        return uow.articles.get(article_id)


def search_articles(
    ws: Workspace, query: str = "", language: str | None = None, limit: int = 50
) -> list[Article]:
    """Articles matching every word of ``query`` (title, tags, category, body; Chinese, English,
    pinyin of titles), newest change first; all of them for an empty query."""
    with ws.reading() as uow:
        return uow.articles.search(query, language, limit)


def article_from_ticket(
    ws: Workspace,
    ticket_id: int,
    *,
    title: str = "",
    category: str = "",
    tags: tuple[str, ...] = (),
    language: str | None = None,
    origin: object = None,
) -> Article:
    """A new article from a ticket's answer: its resolution, or else its last reply; titled
    after the ticket's subject unless ``title`` is given."""
    with ws.reading() as uow:
        events = uow.tickets.events(ticket_id)
        ticket = uow.tickets.get(ticket_id, datetime.now(UTC), None)
    replies = [e.body for e in events if e.kind is EventKind.REPLY and e.body]
    body = ticket.resolution or (replies[-1] if replies else "")
    if not body:
        raise ValidationError({"body": "This ticket has no answer yet: reply or resolve it first."})
    text = f"{ticket.data.subject}\n{body}"
    lang = language or ("zh_CN" if any("\u3400" <= ch <= "\u9fff" for ch in text) else "en")
    data = ArticleData(
        title=title or ticket.data.subject,
        body=body,
        category=category or ticket.data.category,
        tags=tags,
        language=lang,
    )
    return add_article(ws, data, source_ticket_id=ticket_id, origin=origin)
