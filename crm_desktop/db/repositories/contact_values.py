"""A contact's extra phones and e-mails (the second and later ones), in order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from sqlalchemy import delete, insert, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import Context

KINDS = ("phone", "email")


class ContactValueRepository:
    def __init__(self, ctx: Context) -> None:
        self.session = ctx.session

    def of(self, ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
        """(kind, value) per contact, in order; contacts without any are left out."""
        wanted = sorted(set(ids))
        out: dict[int, list[tuple[str, str]]] = {}
        v = m.ContactValue
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self.session.execute(
                select(v.contact_id, v.kind, v.value)
                .where(v.contact_id.in_(chunk))
                .order_by(v.contact_id, v.position, v.id)
            )
            for contact_id, kind, value in rows:
                out.setdefault(contact_id, []).append((kind, value))
        return out

    def replace(self, wanted: Mapping[int, Sequence[Sequence[str]]]) -> None:
        """Give each contact exactly these (kind, value) pairs, in this order."""
        if not wanted:
            return
        ids = list(wanted)
        v = m.ContactValue
        for start in range(0, len(ids), 500):
            self.session.execute(delete(v).where(v.contact_id.in_(ids[start : start + 500])))
        rows = [
            {"contact_id": contact_id, "kind": kind, "value": value, "position": position}
            for contact_id, pairs in wanted.items()
            for position, (kind, value) in enumerate(pairs)
        ]
        if rows:
            self.session.execute(insert(v), rows)

    def keys(self) -> Iterator[tuple[int, str, str]]:
        """(contact id, kind, value) of every live contact's extra values, streamed."""
        v, c = m.ContactValue, m.Contact
        rows = self.session.execute(
            select(v.contact_id, v.kind, v.value)
            .join(c, c.id == v.contact_id)
            .where(c.deleted_at.is_(None))
            .execution_options(yield_per=5000)
        )
        for row in rows:
            yield tuple(row)  # type: ignore[misc]
