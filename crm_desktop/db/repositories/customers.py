"""Existing customers (companies and contacts) a lead, or anything else, may already be."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import Context
from crm_desktop.db.search import search_condition
from crm_desktop.domain.keys import email_key, name_key, phone_key, phone_parts


class CustomerFinder:
    """Existing companies and contacts a lead (or anything else) may already be."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session

    def companies_named(self, name: str) -> list[tuple[int, str]]:
        """Companies whose name is this one up to case, width, spaces and punctuation."""
        key = name_key(name)
        if not key:
            return []
        c = m.Company
        # The key's characters in order with anything between them: every name with this key
        # matches (names are stored NFKC-clean), whatever its spaces and punctuation. The full
        # text index cannot do that: "杭州西湖科技" is no fragment of "杭州 西湖科技".
        pattern = "%" + "%".join(key) + "%"
        q = (
            select(c.id, c.name)
            .where(
                c.deleted_at.is_(None),
                c.name.ilike(pattern),
                # separators never outnumber the letters by much: keeps short keys cheap
                func.length(c.name).between(len(key), 2 * len(key) + 10),
            )
            .order_by(c.id)
        )
        return [(i, n) for i, n in self.session.execute(q) if name_key(n) == key]

    def contacts_like(
        self,
        name: str,
        email: str,
        phones: list[str],
        company_id: int | None,
        region: str = "CN",
    ) -> list[tuple[int, str, str | None]]:
        """Contacts with this e-mail or phone, or of this name at this company:
        (id, name, company name). ``region``: of phone numbers written without a country."""
        c = m.Contact
        found: dict[int, tuple[int, str, str | None]] = {}
        wanted_phones = {phone_key(p, region) for p in phones} - {""}
        candidates: list[Any] = []
        if email_key(email):
            candidates.append(c.email == email_key(email))
        # The national number is in the search text however the phone was written.
        for national in {phone_parts(p, region)[1] for p in phones} - {""}:
            candidates.append(search_condition(self.ctx.dialect, "contacts", c.id, national))
        if company_id is not None and name_key(name):
            candidates.append(and_(c.company_id == company_id))
        for condition in candidates:
            q = (
                select(c.id, c.name, c.email, c.mobile, c.phone, c.company_id, m.Company.name)
                .outerjoin(m.Company, m.Company.id == c.company_id)
                .where(c.deleted_at.is_(None), condition)
                .limit(200)
            )
            for cid, cname, cmail, mobile, phone, comp_id, comp_name in self.session.execute(q):
                same = (
                    (email_key(email) and email_key(cmail) == email_key(email))
                    or (
                        wanted_phones
                        & ({phone_key(mobile or "", region), phone_key(phone or "", region)} - {""})
                    )
                    or (
                        company_id is not None
                        and comp_id == company_id
                        and name_key(cname) == name_key(name)
                    )
                )
                if same:
                    found[cid] = (cid, cname, comp_name)
        return list(found.values())
