"""Leads: people and companies not yet qualified, and their conversion into customers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from crm_desktop.db import models as m
from crm_desktop.db.repositories.audited import AuditedRepository, Changes
from crm_desktop.db.repositories.common import like_terms
from crm_desktop.db.search import build_search_text
from crm_desktop.domain.pipeline import Lead, LeadData, LeadStatus


def lead_values(data: LeadData) -> dict[str, Any]:
    return {
        "name": data.name,
        "company_name": data.company_name,
        "title": data.title,
        "mobile": data.mobile,
        "phone": data.phone,
        "email": data.email,
        "city": data.city,
        "source": data.source,
        "status": data.status.value,
        "owner_id": data.owner_id,
        "notes": data.notes,
    }


def lead_search_text(data: LeadData) -> str:
    return build_search_text(
        [data.name, data.company_name],
        [data.mobile, data.phone],
        [data.email, data.city, data.source, data.title],
    )


class LeadRepository(AuditedRepository[m.Lead]):
    model = m.Lead
    kind = "lead"

    def add(self, data: LeadData) -> int:
        values = lead_values(data)
        if values["owner_id"] is None:
            values["owner_id"] = self.ctx.user_id
        return self._insert(values, search_text=lead_search_text(data)).id

    def update(self, lead_id: int, expected_version: int, data: LeadData) -> None:
        def derive(obj: m.Lead, _: Changes) -> None:
            obj.search_text = lead_search_text(data)

        self._update(lead_id, expected_version, lead_values(data), derive)

    def mark_converted(
        self,
        lead_id: int,
        expected_version: int,
        company_id: int | None,
        contact_id: int,
    ) -> None:
        obj = self._load(lead_id, expected_version)
        obj.status = LeadStatus.CONVERTED.value
        obj.company_id = company_id
        obj.contact_id = contact_id
        obj.converted_at = m.utcnow()
        self._save(obj, {"company_id": company_id, "contact_id": contact_id}, "convert")
        # What was logged with the lead joins the customer's history.
        for model in (m.Activity, m.Task):
            self.session.execute(
                update(model)
                .where(
                    model.lead_id == lead_id, model.company_id.is_(None), model.contact_id.is_(None)
                )
                .values(company_id=company_id, contact_id=contact_id, version=model.version + 1)
            )

    def get(self, lead_id: int) -> Lead:
        obj = self._live(lead_id)
        opp = self.session.scalar(
            select(m.Opportunity.id).where(m.Opportunity.lead_id == lead_id).limit(1)
        )
        return self._record(obj, opp)

    def find(
        self, search: str = "", status: LeadStatus | None = None, owner_id: int | None = None
    ) -> list[Lead]:
        q = select(m.Lead).where(m.Lead.deleted_at.is_(None))
        if status is not None:
            q = q.where(m.Lead.status == status.value)
        else:  # converted and disqualified leads are history; shown when asked for
            q = q.where(
                m.Lead.status.not_in([LeadStatus.CONVERTED.value, LeadStatus.DISQUALIFIED.value])
            )
        if owner_id is not None:
            q = q.where(m.Lead.owner_id == owner_id)
        conditions = like_terms(m.Lead.search_text, search)
        if conditions:
            q = q.where(*conditions)
        q = q.order_by(m.Lead.created_at.desc(), m.Lead.id.desc())
        objs = list(self.session.scalars(q))
        opps: dict[int, int] = {}
        converted = [o.id for o in objs if o.converted_at is not None]
        if converted:
            opps = {
                lead: opp
                for opp, lead in self.session.execute(
                    select(m.Opportunity.id, m.Opportunity.lead_id).where(
                        m.Opportunity.lead_id.in_(converted)
                    )
                )
                if lead is not None
            }
        return [self._record(o, opps.get(o.id)) for o in objs]

    def _record(self, obj: m.Lead, opportunity_id: int | None) -> Lead:
        return Lead(
            id=obj.id,
            data=LeadData(
                name=obj.name,
                company_name=obj.company_name,
                title=obj.title,
                mobile=obj.mobile,
                phone=obj.phone,
                email=obj.email,
                city=obj.city,
                source=obj.source,
                status=LeadStatus(obj.status),
                owner_id=obj.owner_id,
                notes=obj.notes,
            ),
            owner_name=self.ctx.user_name(obj.owner_id),
            created_at=obj.created_at,
            version=obj.version,
            company_id=obj.company_id,
            contact_id=obj.contact_id,
            opportunity_id=opportunity_id,
            converted_at=obj.converted_at,
        )
