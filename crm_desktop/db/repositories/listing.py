"""Keyset paging: ``WHERE (sort, id) > (last_sort, last_id) ORDER BY sort, id LIMIT n``.

Each page costs the same however deep the user scrolls, as long as an index ends in (sort, id).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, select, tuple_
from sqlalchemy.orm import QueryableAttribute, Session

if TYPE_CHECKING:
    # A select of any columns (SQLAlchemy 2.1 types a select by all of its column types).
    AnySelect = Select[*tuple[Any, ...]]

# A column of the sort order: a mapped attribute or any SQL expression (coalesce(grade, '~')).
SortColumn = ColumnElement[Any] | QueryableAttribute[Any]


@dataclass(frozen=True, slots=True)
class KeysetPage:
    rows: list[Any]
    cursor: tuple[Any, ...] | None
    has_more: bool


def keyset_page(
    session: Session,
    query: AnySelect,
    sort: Sequence[SortColumn],
    descending: bool,
    cursor: tuple[Any, ...] | None,
    limit: int,
) -> KeysetPage:
    """``query`` must select the sort columns last, in the order given, ending with the id."""
    if cursor is not None:
        key, after = tuple_(*sort), tuple_(*cursor)
        query = query.where(key < after if descending else key > after)
    order = [c.desc() if descending else c.asc() for c in sort]
    rows = session.execute(query.order_by(*order).limit(limit + 1)).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = tuple(rows[-1][-len(sort) :]) if rows else cursor
    return KeysetPage(list(rows), next_cursor, has_more)


def fetch_in_order(
    session: Session, columns: Sequence[Any], id_column: Any, ids: Sequence[int]
) -> list[Any]:
    """The full rows of a page whose ids (in order) a light first query found.

    Paging on ids and sort keys alone, then fetching the shown columns for those rows only,
    keeps per-row work (company and owner names, …) off every other match: a search with
    12,000 hits computes them for the 200 shown, not for all 12,000 before sorting."""
    if not ids:
        return []
    found = {row[0]: row for row in session.execute(select(*columns).where(id_column.in_(ids)))}
    return [found[i] for i in ids if i in found]


def segmented_page(
    session: Session,
    query: AnySelect,
    segments: Sequence[ColumnElement[bool]],
    sort: Sequence[SortColumn],
    descending: bool,
    cursor: tuple[Any, ...] | None,
    limit: int,
) -> KeysetPage:
    """Keyset paging over a list split in ordered segments (e.g. one per owner, by owner name).

    Each segment is a condition served by an index on (segment column, sort..., id), so
    ordering by a joined, nullable value (the owner's name) stays index-driven.
    The cursor is (segment number, *sort values).
    """
    order = list(range(len(segments)))
    if descending:
        order.reverse()
    if not order:
        return KeysetPage([], cursor, False)
    start = int(cursor[0]) if cursor else order[0]
    inner = tuple(cursor[1:]) if cursor else None
    rows: list[Any] = []
    last_seg, last_cursor, has_more = start, inner, False
    for seg in order[order.index(start) :]:
        page = keyset_page(
            session,
            query.where(segments[seg]),
            sort,
            descending,
            inner if seg == start else None,
            limit - len(rows),
        )
        if page.rows:
            rows.extend(page.rows)
            last_seg, last_cursor = seg, page.cursor
        if len(rows) >= limit:
            has_more = page.has_more or seg != order[-1]
            break
    next_cursor = (last_seg, *last_cursor) if last_cursor is not None else cursor
    return KeysetPage(rows, next_cursor, has_more)
