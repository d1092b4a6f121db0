"""Tags: free labels on companies and contacts."""

from __future__ import annotations

from sqlalchemy import select, union

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import Context
from crm_desktop.db.search import sort_key


class TagRepository:
    def __init__(self, ctx: Context) -> None:
        self.session = ctx.session

    def names_in_use(self) -> tuple[str, ...]:
        used = union(select(m.contact_tags.c.tag_id), select(m.company_tags.c.tag_id)).subquery()
        names = self.session.execute(
            select(m.Tag.name).where(m.Tag.id.in_(select(used.c.tag_id)))
        ).scalars()
        return tuple(sorted(names, key=sort_key))
