"""What an import needs from storage: the keys to recognise existing records, their current
values to merge into, and updates of many rows at once (Core executemany, versions bumped)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import Context, tags_of
from crm_desktop.db.repositories.contact_values import ContactValueRepository
from crm_desktop.db.repositories.opportunities import refresh_deal_search_text
from crm_desktop.db.search import (
    company_search_text,
    contact_search_text,
    search_words,
    sort_key,
)

CONTACT_FIELDS = (
    "company_id", "name", "title", "mobile", "phone", "email", "im", "address", "city",
    "birthday", "owner_id", "notes",
)  # fmt: skip
COMPANY_FIELDS = (
    "name", "industry", "region", "city", "address", "website", "phone", "grade", "source",
    "owner_id", "notes",
)  # fmt: skip


class KeyStore:
    """Keys (normalised e-mails, phones, names) -> record id, in a temporary table of this
    transaction's connection rather than in Python: an import of 100,000 rows remembers
    400,000 keys, about 60 MB as Python strings and dicts. The first id given a key stays."""

    def __init__(self, ctx: Context) -> None:
        self.conn = ctx.session.connection()
        self.mark = "?" if self.conn.dialect.paramstyle == "qmark" else "%s"
        self.postgres = ctx.dialect == "postgresql"
        self.conn.exec_driver_sql("DROP TABLE IF EXISTS temp_import_keys")
        self.conn.exec_driver_sql(
            "CREATE TEMPORARY TABLE temp_import_keys (key VARCHAR PRIMARY KEY, id INTEGER NOT NULL)"
            + ("" if self.postgres else " WITHOUT ROWID")
        )

    def add(self, pairs: Iterable[tuple[str, int]]) -> None:
        rows = list(pairs)
        if not rows:
            return
        marks = f"({self.mark}, {self.mark})"
        if self.postgres:
            sql = f"INSERT INTO temp_import_keys VALUES {marks} ON CONFLICT DO NOTHING"
        else:
            sql = f"INSERT OR IGNORE INTO temp_import_keys VALUES {marks}"
        self.conn.exec_driver_sql(sql, rows)

    def find(self, keys: Iterable[str]) -> dict[str, int]:
        wanted = list(set(keys))
        found: dict[str, int] = {}
        for start in range(0, len(wanted), 2000):
            chunk = wanted[start : start + 2000]
            marks = ", ".join([self.mark] * len(chunk))
            found.update(
                self.conn.exec_driver_sql(
                    f"SELECT key, id FROM temp_import_keys WHERE key IN ({marks})", tuple(chunk)
                ).all()
            )
        return found

    def close(self) -> None:
        self.conn.exec_driver_sql("DROP TABLE IF EXISTS temp_import_keys")


class MatchingRepository:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session

    def key_store(self) -> KeyStore:
        """A new, empty key store for this transaction (drop it with close())."""
        return KeyStore(self.ctx)

    # -- keys ------------------------------------------------------------------------------
    def contact_keys(self) -> Iterator[tuple[int, str, int | None, str, str, str]]:
        """(id, name, company id, e-mail, mobile, phone) of every live contact, streamed."""
        c = m.Contact
        rows = self.session.execute(
            select(c.id, c.name, c.company_id, c.email, c.mobile, c.phone)
            .where(c.deleted_at.is_(None))
            .execution_options(yield_per=5000)
        )
        for row in rows:
            yield tuple(row)  # type: ignore[misc]

    def company_keys(self) -> Iterator[tuple[int, str]]:
        c = m.Company
        rows = self.session.execute(
            select(c.id, c.name).where(c.deleted_at.is_(None)).execution_options(yield_per=5000)
        )
        for row in rows:
            yield tuple(row)  # type: ignore[misc]

    def company_names(self, ids: Iterable[int]) -> dict[int, str]:
        wanted = sorted(set(ids))
        out: dict[int, str] = {}
        c = m.Company
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            out.update(self.session.execute(select(c.id, c.name).where(c.id.in_(chunk))).all())
        return out

    # -- current values --------------------------------------------------------------------
    def _values(
        self, model: Any, fields: Sequence[str], ids: Iterable[int], tag_table: Table, key: str
    ) -> dict[int, dict[str, Any]]:
        wanted = sorted(set(ids))
        out: dict[int, dict[str, Any]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            columns = [model.id, model.version, *(getattr(model, f) for f in fields)]
            for row in self.session.execute(select(*columns).where(model.id.in_(chunk))):
                out[row[0]] = {
                    "id": row[0],
                    "version": row[1],
                    **dict(zip(fields, row[2:], strict=True)),
                }
            for record_id, names in tags_of(self.session, tag_table, key, chunk).items():
                if record_id in out:
                    out[record_id]["tags"] = list(names)
        return out

    def contacts(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """Current values, with tags and the extra phones and e-mails ("extras")."""
        out = self._values(m.Contact, CONTACT_FIELDS, ids, m.contact_tags, "contact_id")
        for record_id, pairs in ContactValueRepository(self.ctx).of(out).items():
            out[record_id]["extras"] = pairs
        return out

    def companies(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        return self._values(m.Company, COMPANY_FIELDS, ids, m.company_tags, "company_id")

    # -- writes ----------------------------------------------------------------------------
    def _update(self, table: Table, rows: list[dict[str, Any]], bump: bool = True) -> None:
        if not rows:
            return
        now = datetime.now(UTC)
        for row in rows:
            row["b_id"] = row.pop("id")
            row["updated_at"] = now
            row["updated_by_id"] = self.ctx.user_id
        columns = [k for k in rows[0] if k not in ("b_id", "version")]
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(
                {
                    **{c: bindparam(c) for c in columns},
                    # A new version: a colleague's form open on the record will see the change.
                    # (Not for a record created in this same transaction: nobody has seen it.)
                    "version": table.c.version + 1 if bump else table.c.version,
                }
            )
        )
        self.session.connection().execute(statement, rows)

    def update_contacts(
        self, rows: list[dict[str, Any]], company_names: Mapping[int, str], bump: bool = True
    ) -> None:
        """Rows hold the id and every field of CONTACT_FIELDS (merged values); ``bump``: a
        new version (False for records created earlier in the same transaction)."""
        out = []
        for row in rows:
            company = company_names.get(row["company_id"] or 0, "")
            values = {k: row[k] for k in ("id", *CONTACT_FIELDS)}
            text = contact_search_text(values, company)
            values.update(
                name_sort=sort_key(values["name"]),
                company_sort=sort_key(company) if company else "",
                search_text=text,
                search_words=search_words(text),
            )
            out.append(values)
        self._update(cast(Table, m.Contact.__table__), out, bump)
        refresh_deal_search_text(self.session, contact_ids=[r["id"] for r in rows])

    def update_companies(self, rows: list[dict[str, Any]], bump: bool = True) -> None:
        out = []
        for row in rows:
            values = {k: row[k] for k in ("id", *COMPANY_FIELDS)}
            text = company_search_text(values)
            values.update(
                name_sort=sort_key(values["name"]),
                search_text=text,
                search_words=search_words(text),
            )
            out.append(values)
        self._update(cast(Table, m.Company.__table__), out, bump)
        refresh_deal_search_text(self.session, company_ids=[r["id"] for r in rows])

    def add_contact_tags(self, wanted: dict[int, Sequence[str]], tag_ids: dict[str, int]) -> None:
        """Link contacts to tags (by name), skipping links that exist already."""
        self.add_tag_links(m.contact_tags, "contact_id", wanted, tag_ids)

    def add_tag_links(
        self, table: Table, key: str, wanted: dict[int, Sequence[str]], tag_ids: dict[str, int]
    ) -> None:
        """Link records to tags (by name), skipping links that exist already."""
        if not wanted:
            return
        have = tags_of(self.session, table, key, list(wanted))
        pairs = [
            {key: record_id, "tag_id": tag_ids[name]}
            for record_id, names in wanted.items()
            for name in dict.fromkeys(names)
            if name not in have.get(record_id, [])
        ]
        if pairs:
            self.session.execute(table.insert(), pairs)
