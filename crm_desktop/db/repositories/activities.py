"""Activities: calls, meetings, visits, e-mails and notes on a company's or contact's timeline."""

from __future__ import annotations

from sqlalchemy import Select, or_, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.audited import AuditedRepository
from crm_desktop.db.repositories.common import COMPANY, CONTACT
from crm_desktop.domain.records import Activity, ActivityData, ActivityKind


class ActivityRepository(AuditedRepository[m.Activity]):
    model = m.Activity
    kind = "activity"

    def add(self, data: ActivityData) -> int:
        values = {
            "kind": data.kind.value,
            "subject": data.subject.strip(),
            "outcome": data.outcome.strip(),
            "occurred_at": data.occurred_at,
            "company_id": data.company_id,
            "contact_id": data.contact_id,
            "opportunity_id": data.opportunity_id,
            "lead_id": data.lead_id,
            "user_id": data.user_id if data.user_id is not None else self.ctx.user_id,
        }
        return self._insert(values).id

    def update(self, activity_id: int, expected_version: int, data: ActivityData) -> None:
        values = {
            "kind": data.kind.value,
            "subject": data.subject.strip(),
            "outcome": data.outcome.strip(),
            "occurred_at": data.occurred_at,
        }
        self._update(activity_id, expected_version, values)

    def delete(self, activity_id: int) -> None:
        """Into the Trash (audited; the timeline no longer shows it). Gone already: nothing."""
        self.set_deleted([activity_id], True)

    def _timeline(self) -> Select[m.Activity, str, str, str]:
        company, contact = COMPANY, CONTACT
        return (
            select(m.Activity, company.name, contact.name, m.Opportunity.title)
            .outerjoin(company, company.id == m.Activity.company_id)
            .outerjoin(contact, contact.id == m.Activity.contact_id)
            .outerjoin(m.Opportunity, m.Opportunity.id == m.Activity.opportunity_id)
            .where(m.Activity.deleted_at.is_(None))
            .order_by(m.Activity.occurred_at.desc(), m.Activity.id.desc())
        )

    def for_company(self, company_id: int, limit: int = 500) -> list[Activity]:
        """The company's own activities and those with any of its people, newest first."""
        people = select(m.Contact.id).where(m.Contact.company_id == company_id)
        query = self._timeline().where(
            or_(m.Activity.company_id == company_id, m.Activity.contact_id.in_(people))
        )
        return self._records(query.limit(limit))

    def for_contact(self, contact_id: int, limit: int = 500) -> list[Activity]:
        return self._records(
            self._timeline().where(m.Activity.contact_id == contact_id).limit(limit)
        )

    def for_opportunity(self, opportunity_id: int, limit: int = 500) -> list[Activity]:
        return self._records(
            self._timeline().where(m.Activity.opportunity_id == opportunity_id).limit(limit)
        )

    def for_lead(self, lead_id: int, limit: int = 500) -> list[Activity]:
        return self._records(self._timeline().where(m.Activity.lead_id == lead_id).limit(limit))

    def _records(self, query: Select[m.Activity, str, str, str]) -> list[Activity]:
        out = []
        for obj, company_name, contact_name, deal in self.session.execute(query).all():
            out.append(
                Activity(
                    id=obj.id,
                    data=ActivityData(
                        kind=ActivityKind(obj.kind),
                        subject=obj.subject,
                        occurred_at=obj.occurred_at,
                        outcome=obj.outcome,
                        company_id=obj.company_id,
                        contact_id=obj.contact_id,
                        user_id=obj.user_id,
                        opportunity_id=obj.opportunity_id,
                        lead_id=obj.lead_id,
                    ),
                    user_name=self.ctx.user_name(obj.user_id),
                    company_name=company_name,
                    contact_name=contact_name,
                    version=obj.version,
                    deal_title=deal,
                )
            )
        return out
