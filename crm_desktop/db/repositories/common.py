"""Pieces every repository of an audited, versioned, soft-deleted table uses."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import BigInteger, cast, delete, func, insert, select, update
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop.db import models as m
from crm_desktop.db.search import like_escape, query_terms
from crm_desktop.domain.errors import ConflictError, NotFoundError
from crm_desktop.domain.records import Stamp

T = TypeVar("T", bound=m.Audited)

# Made once: a fresh alias per query costs SQLAlchemy ~10 ms of set-up each time.
COMPANY = aliased(m.Company)
CONTACT = aliased(m.Contact)


class Context:
    """What repositories of one unit of work share: session, dialect, acting user, user names."""

    def __init__(self, session: Session, dialect: str, user_id: int | None) -> None:
        self.session = session
        self.dialect = dialect
        self.user_id = user_id
        self._user_names: dict[int, str] | None = None

    def user_name(self, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        if self._user_names is None or user_id not in self._user_names:
            self._user_names = dict(self.session.execute(select(m.User.id, m.User.name)).all())
        return self._user_names.get(user_id)

    def counts(self, tables: Iterable[str]) -> dict[str, int]:
        """Live (not soft-deleted) rows per table."""
        out = {}
        for name in tables:
            table = m.Base.metadata.tables[name]
            query = select(func.count()).select_from(table)
            if "deleted_at" in table.c:
                query = query.where(table.c.deleted_at.is_(None))
            out[name] = self.session.scalar(query) or 0
        return out

    def stamp(self, obj: m.Audited) -> Stamp:
        return Stamp(
            version=obj.version,
            created_at=obj.created_at,
            created_by=self.user_name(obj.created_by_id),
            updated_at=obj.updated_at,
            updated_by=self.user_name(obj.updated_by_id),
            deleted_at=obj.deleted_at,
        )

    def audit(self, entity: str, entity_id: int, action: str, changes: Mapping[str, Any]) -> None:
        self.session.add(
            m.AuditEntry(
                user_id=self.user_id,
                entity=entity,
                entity_id=entity_id,
                action=action,
                changes=json.dumps(changes, ensure_ascii=False, default=_json_default),
            )
        )

    def load_for_update(
        self, model: type[T], kind: str, record_id: int, expected_version: int
    ) -> T:
        """The row, if nobody changed (or deleted) it since ``expected_version`` was read."""
        obj = self.session.get(model, record_id, populate_existing=True)
        if obj is None:
            raise NotFoundError(kind, record_id)
        if obj.deleted_at is not None:
            raise ConflictError(
                kind, record_id, self.user_name(obj.updated_by_id), obj.deleted_at, deleted=True
            )
        if obj.version != expected_version:
            raise ConflictError(kind, record_id, self.user_name(obj.updated_by_id), obj.updated_at)
        return obj

    def set_deleted(self, model: type[T], kind: str, ids: list[int], deleted: bool) -> list[int]:
        """Move records to the Trash (``deleted``) or back; returns the ids that changed. Each
        gets a new version (an open editor of it sees the change) and an audit entry."""
        cond = model.deleted_at.is_(None) if deleted else model.deleted_at.is_not(None)
        id_column = model.id
        done = list(self.session.scalars(select(id_column).where(id_column.in_(ids), cond)))
        if done:
            self.session.execute(
                update(model)
                .where(id_column.in_(done))
                .values(
                    deleted_at=datetime.now(UTC) if deleted else None,
                    version=model.version + 1,
                    updated_by_id=self.user_id,
                )
            )
            for record_id in done:
                self.audit(kind, record_id, "delete" if deleted else "restore", {})
        return done

    def flush_checked(self, obj: m.Audited, kind: str, record_id: int) -> None:
        """Flush; a concurrent writer that slipped in between read and write is a conflict too."""
        try:
            self.session.flush()
        except StaleDataError:
            self.session.rollback()
            raise ConflictError(kind, record_id, None, None) from None


def like_terms(column: Any, search: str) -> list[Any]:
    """Every term must appear in the search text (deals and leads are thousands, not millions:
    a LIKE over them is a few milliseconds, no full-text index needed)."""
    return [column.like(f"%{like_escape(term)}%", escape="\\") for term in query_terms(search)]


def cents(column: Any) -> Any:
    """An amount as whole cents: SQLite keeps NUMERIC as binary floating point, so sums are
    done on integers and turned back into Decimal, exact to the cent."""
    return cast(func.round(column * 100), BigInteger)


def apply(obj: object, values: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Set the attributes that differ; return {field: [old, new]} for the audit trail."""
    changes: dict[str, list[Any]] = {}
    for key, value in values.items():
        old = getattr(obj, key)
        if old != value:
            changes[key] = [old, value]
            setattr(obj, key, value)
    return changes


def ensure_tags(session: Session, names: Iterable[str]) -> dict[str, int]:
    wanted = sorted({n.strip() for n in names if n.strip()})
    if not wanted:
        return {}
    existing = dict(
        session.execute(select(m.Tag.name, m.Tag.id).where(m.Tag.name.in_(wanted))).all()
    )
    for name in wanted:
        if name not in existing:
            tag = m.Tag(name=name)
            session.add(tag)
            session.flush()
            existing[name] = tag.id
    return existing


def set_tags(session: Session, table: Any, key: str, record_id: int, names: Iterable[str]) -> None:
    ids = ensure_tags(session, names)
    session.execute(delete(table).where(table.c[key] == record_id))
    if ids:
        session.execute(insert(table), [{key: record_id, "tag_id": t} for t in ids.values()])


def tags_of(session: Session, table: Any, key: str, ids: Iterable[int]) -> dict[int, list[str]]:
    """Tag names per record, for the given record ids (one query, not one per row)."""
    id_list = list(ids)
    result: dict[int, list[str]] = {i: [] for i in id_list}
    if not id_list:
        return result
    rows = session.execute(
        select(table.c[key], m.Tag.name)
        .join(m.Tag, m.Tag.id == table.c.tag_id)
        .where(table.c[key].in_(id_list))
        .order_by(m.Tag.name)
    ).all()
    for record_id, name in rows:
        result[record_id].append(name)
    return result


def owners_by_name(ctx: Context) -> list[int]:
    """User ids in the order of their names (pinyin-aware), for sorting lists by owner."""
    from crm_desktop.db.search import sort_key

    users = ctx.session.execute(select(m.User.id, m.User.name)).all()
    return [uid for uid, name in sorted(users, key=lambda u: (sort_key(u[1]), u[0]))]


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
