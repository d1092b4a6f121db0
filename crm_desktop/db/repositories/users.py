"""Users: the salespeople who own records and log activities."""

from __future__ import annotations

from sqlalchemy import select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import Context
from crm_desktop.db.search import sort_key
from crm_desktop.domain.records import User


class UserRepository:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session

    def all(self) -> list[User]:
        rows = self.session.execute(
            select(m.User.id, m.User.name, m.User.email).where(m.User.deleted_at.is_(None))
        ).all()
        users = [User(r.id, r.name, r.email or None) for r in rows]
        return sorted(users, key=lambda u: sort_key(u.name))

    def by_name(self, name: str) -> User | None:
        row = self.session.execute(
            select(m.User.id, m.User.name, m.User.email).where(m.User.name == name)
        ).first()
        return User(row.id, row.name, row.email or None) if row else None

    def get_or_create(self, name: str, email: str = "") -> User:
        found = self.by_name(name)
        if found:
            return found
        obj = m.User(name=name, email=email)
        self.session.add(obj)
        self.session.flush()
        return User(obj.id, obj.name, obj.email or None)
