"""Bulk inserts with SQLAlchemy Core, for demo data and (later) imports.

Rows are plain dicts of column values. The derived columns (sort keys, search text) are filled
here exactly as the ORM repositories fill them, and the full-text index follows through the
insert triggers. Ids are handed out up front inside the caller's write transaction, so related
rows (a contact's company, an activity's contact) can be linked without reading anything back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, select, text
from sqlalchemy.orm import Session

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import Context
from crm_desktop.db.search import (
    company_search_text,
    contact_search_text,
    search_words,
    sort_key,
)

# The tables of the records an import creates, by entity (services name no tables).
_RECORD_TABLES = {
    "company": cast(Table, m.Company.__table__),
    "contact": cast(Table, m.Contact.__table__),
}


class BulkRepository:
    """Fast inserts of many rows; the caller's unit of work commits or rolls back all of them."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._next: dict[str, int] = {}

    @contextmanager
    def search_index_deferred(
        self, tables: Sequence[str] = ("companies", "contacts")
    ) -> Iterator[Callable[[], None]]:
        """Index the rows inserted in this block a batch at a time, not row by row.

        SQLite: the full-text insert triggers are dropped for the block and put back after;
        calling the callable this yields (and the block's end) adds the rows inserted since
        to both full-text indexes, one INSERT … SELECT each, about five times faster than the
        triggers doing it a row at a time. Rows must be indexed before they are updated (the
        update triggers take the old text out of the index). All inside the caller's write
        transaction, so nobody else ever sees the schema without its triggers, and a
        rollback restores them. Elsewhere the callable does nothing."""
        if self.ctx.dialect != "sqlite":
            yield lambda: None
            return
        conn = self.ctx.session.connection()
        names = ", ".join(f"'{t}'" for t in tables)
        triggers = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            f"AND tbl_name IN ({names}) AND name LIKE '%\\_ai' ESCAPE '\\'"
        ).all()
        indexed = {t: self._max_id(t) for t in tables}

        def catch_up() -> None:
            for table in tables:
                top = self._max_id(table)
                if top <= indexed[table]:
                    continue
                for index, column in (
                    (f"{table}_fts", "search_text"),
                    (f"{table}_words", "search_words"),
                ):
                    conn.exec_driver_sql(
                        f"INSERT INTO {index}(rowid, {column}) "
                        f"SELECT id, {column} FROM {table} WHERE id > ? AND id <= ?",
                        (indexed[table], top),
                    )
                indexed[table] = top

        for name, _sql in triggers:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        yield catch_up
        catch_up()
        for _name, sql in triggers:
            conn.exec_driver_sql(sql)

    def _max_id(self, table: str) -> int:
        conn = self.ctx.session.connection()
        return int(conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar() or 0)

    def next_id(self, table: Table) -> int:
        """The first id the next ``reserve_ids`` for ``table`` will hand out."""
        start = self._next.get(table.name)
        if start is None:
            start = self._next[table.name] = self._max_id(table.name) + 1
        return start

    def reserve_ids(self, table: Table, count: int) -> range:
        """``count`` fresh ids for ``table`` (valid inside this write transaction)."""
        start = self.next_id(table)
        self._next[table.name] = start + count
        if count and self.ctx.dialect == "postgresql":
            # Ids given explicitly do not advance a serial column's sequence: move it past them,
            # or the next ordinary insert would collide.
            self.ctx.session.execute(
                text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :last)"),
                {"t": table.name, "last": start + count - 1},
            )
        return range(start, start + count)

    def next_record_id(self, entity: str) -> int:
        """`next_id` of the table of an entity an import creates: "company" or "contact"."""
        return self.next_id(_RECORD_TABLES[entity])

    def reserve_record_ids(self, entity: str, count: int) -> range:
        """`reserve_ids` in the table of an entity an import creates: "company" or "contact"."""
        return self.reserve_ids(_RECORD_TABLES[entity], count)

    def _stamps(self, now: datetime) -> dict[str, Any]:
        user = self.ctx.user_id
        return {
            "created_at": now,
            "updated_at": now,
            "created_by_id": user,
            "updated_by_id": user,
            "version": 1,
        }

    def insert(self, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            columns = list(rows[0])
            values = _getter(columns)
            insert_rows(self.ctx.session, table, columns, [values(r) for r in rows])

    def insert_stamped(
        self, table: Table, rows: Sequence[Mapping[str, Any]], now: datetime
    ) -> None:
        if rows:
            columns = list(rows[0])
            values = _getter(columns)
            insert_rows(
                self.ctx.session,
                table,
                columns,
                [values(r) for r in rows],
                self._stamps(now),
            )

    def companies(self, rows: Sequence[Mapping[str, Any]], now: datetime) -> None:
        """Insert companies (each row has its ``id``); fills name_sort and search_text."""
        if not rows:
            return
        own = list(rows[0])
        values = _getter(own)
        columns = [*own, "name_sort", "search_text", "search_words"]
        out = []
        for row in rows:
            text = company_search_text(row)  # type: ignore[arg-type]
            out.append((*values(row), sort_key(row["name"]), text, search_words(text)))
        insert_rows(
            self.ctx.session,
            cast(Table, m.Company.__table__),
            columns,
            out,
            self._stamps(now),
        )

    def contacts(
        self,
        rows: Sequence[Mapping[str, Any]],
        now: datetime,
        company_names: Mapping[int, str],
    ) -> None:
        """Insert contacts; ``company_names`` maps company id to name for sort and search."""
        if not rows:
            return
        own = list(rows[0])
        values = _getter(own)
        columns = [*own, "name_sort", "company_sort", "search_text", "search_words"]
        out = []
        for row in rows:
            company = company_names.get(row.get("company_id") or 0, "")
            text = contact_search_text(row, company)  # type: ignore[arg-type]
            out.append(
                (
                    *values(row),
                    sort_key(row["name"]),
                    sort_key(company) if company else "",
                    text,
                    search_words(text),
                )
            )
        insert_rows(
            self.ctx.session,
            cast(Table, m.Contact.__table__),
            columns,
            out,
            self._stamps(now),
        )

    def activities(self, rows: Sequence[Mapping[str, Any]], now: datetime) -> None:
        self.insert_stamped(m.Activity.__table__, rows, now)  # type: ignore[arg-type]

    def tasks(self, rows: Sequence[Mapping[str, Any]], now: datetime) -> None:
        self.insert_stamped(m.Task.__table__, rows, now)  # type: ignore[arg-type]

    def users(self, names: Sequence[tuple[str, str]]) -> dict[str, int]:
        """Make sure users (name, e-mail) exist; returns name -> id for all of them."""
        session = self.ctx.session
        existing = dict(session.execute(select(m.User.name, m.User.id)).all())
        missing = [(n, e) for n, e in names if n not in existing]
        if missing:
            ids = self.reserve_ids(m.User.__table__, len(missing))  # type: ignore[arg-type]
            now = m.utcnow()
            self.insert(
                m.User.__table__,  # type: ignore[arg-type]
                [
                    {"id": i, "name": n, "email": e, "created_at": now, "updated_at": now}
                    for i, (n, e) in zip(ids, missing, strict=True)
                ],
            )
            existing.update({n: i for i, (n, _) in zip(ids, missing, strict=True)})
        self.ctx._user_names = None
        return {n: existing[n] for n, _ in names}

    def tags(self, names: Sequence[str]) -> dict[str, int]:
        """Make sure tags exist; returns name -> id."""
        session = self.ctx.session
        existing = dict(session.execute(select(m.Tag.name, m.Tag.id)).all())
        missing = [n for n in dict.fromkeys(names) if n not in existing]
        if missing:
            ids = self.reserve_ids(m.Tag.__table__, len(missing))  # type: ignore[arg-type]
            self.insert(
                m.Tag.__table__,  # type: ignore[arg-type]
                [{"id": i, "name": n} for i, n in zip(ids, missing, strict=True)],
            )
            existing.update(zip(missing, ids, strict=True))
        return {n: existing[n] for n in names}

    def reserve(self, table_name: str, count: int) -> range:
        """``reserve_ids`` by the table's name ("companies", "orders" …): for callers above the
        storage layer, which do not see the tables themselves."""
        return self.reserve_ids(m.Base.metadata.tables[table_name], count)

    def tag_links(self, table: Table, owner_column: str, pairs: Sequence[tuple[int, int]]) -> None:
        """Link records to tags: ``pairs`` of (record id, tag id)."""
        self.insert(table, [{owner_column: rid, "tag_id": tid} for rid, tid in pairs])

    def company_tags(self, pairs: Sequence[tuple[int, int]]) -> None:
        """Link companies to tags: ``pairs`` of (company id, tag id)."""
        self.tag_links(m.company_tags, "company_id", pairs)

    def contact_tags(self, pairs: Sequence[tuple[int, int]]) -> None:
        """Link contacts to tags: ``pairs`` of (contact id, tag id)."""
        self.tag_links(m.contact_tags, "contact_id", pairs)


def _getter(columns: Sequence[str]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """A row's values for ``columns``, as a tuple in that order."""
    get = itemgetter(*columns)
    if len(columns) == 1:
        return lambda row: (get(row),)
    return get


_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_rows(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    constants: Mapping[str, Any] | None = None,
) -> None:
    """INSERT ``rows`` (tuples in ``columns`` order) with one executemany on the driver.

    Each value goes through its column type's bind conversion, as a Core ``insert()`` would do
    it (dates and UTC times stored the same way), but without Core's per-row work, which costs
    more than SQLite's own. ``constants`` are columns every row gets (converted once)."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    # A row's own value wins over a constant (demo data has its own creation times).
    constants = {k: v for k, v in (constants or {}).items() if k not in columns}
    # Columns left out get their Python-side default, as Core would give them.
    for column in table.c:
        default = column.default
        if column.name in columns or column.name in constants or default is None:
            continue
        if default.is_scalar:
            constants[column.name] = default.arg  # type: ignore[attr-defined]
        elif default.is_callable:
            constants[column.name] = default.arg(None)  # type: ignore[attr-defined]
    for name, value in constants.items():
        process = table.c[name].type.bind_processor(dialect)
        constants[name] = process(value) if process is not None else value
    tail = tuple(constants.values())
    converters = [
        (i, process)
        for i, name in enumerate(columns)
        if (process := table.c[name].type.bind_processor(dialect)) is not None
    ]
    if converters:
        data: list[tuple[Any, ...]] = []
        for row in rows:
            values = list(row)
            for i, process in converters:
                values[i] = process(values[i])
            data.append((*values, *tail))
    else:
        data = [(*row, *tail) for row in rows] if tail else [tuple(row) for row in rows]
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in (*columns, *constants))
    mark = _MARKS[dialect.paramstyle]
    marks = ", ".join([mark] * (len(columns) + len(constants)))
    conn.exec_driver_sql(
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({names}) VALUES ({marks})",
        data,
    )
