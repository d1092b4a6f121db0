"""Follow-up tasks with due dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Select, or_, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.audited import AuditedRepository, Changes
from crm_desktop.db.repositories.common import COMPANY, CONTACT
from crm_desktop.domain.records import Task, TaskData


class TaskRepository(AuditedRepository[m.Task]):
    model = m.Task
    kind = "task"

    def add(self, data: TaskData) -> int:
        values = {
            "title": data.title.strip(),
            "notes": data.notes,
            "due_date": data.due_date,
            "owner_id": data.owner_id if data.owner_id is not None else self.ctx.user_id,
            "company_id": data.company_id,
            "contact_id": data.contact_id,
            "opportunity_id": data.opportunity_id,
            "lead_id": data.lead_id,
            "done": data.done,
        }
        return self._insert(values).id

    def update(self, task_id: int, expected_version: int, data: TaskData) -> None:
        def derive(obj: m.Task, changes: Changes) -> None:
            if "done" in changes:
                obj.done_at = datetime.now(UTC) if data.done else None

        values = {
            "title": data.title.strip(),
            "notes": data.notes,
            "due_date": data.due_date,
            "owner_id": data.owner_id,
            "done": data.done,
        }
        self._update(task_id, expected_version, values, derive)

    def set_done(self, task_id: int, expected_version: int, done: bool) -> int:
        """Tick or untick; returns the task's new version."""
        obj = self._load(task_id, expected_version)
        if obj.done == done:
            return obj.version
        obj.done = done
        obj.done_at = datetime.now(UTC) if done else None
        self._save(obj, {"done": [not done, done]})
        return obj.version

    def _query(self) -> Select[m.Task, str, str]:
        company, contact = COMPANY, CONTACT
        t = m.Task
        return (
            select(t, company.name, contact.name)
            .outerjoin(company, company.id == t.company_id)
            .outerjoin(contact, contact.id == t.contact_id)
            .where(t.deleted_at.is_(None))
            # Open first, then by due date (no date last), then oldest first.
            .order_by(t.done, t.due_date.is_(None), t.due_date, t.id)
        )

    def for_company(self, company_id: int, include_done: bool = False) -> list[Task]:
        people = select(m.Contact.id).where(m.Contact.company_id == company_id)
        q = self._query().where(or_(m.Task.company_id == company_id, m.Task.contact_id.in_(people)))
        if not include_done:
            q = q.where(m.Task.done.is_(False))
        return self._records(q)

    def for_contact(self, contact_id: int, include_done: bool = False) -> list[Task]:
        q = self._query().where(m.Task.contact_id == contact_id)
        if not include_done:
            q = q.where(m.Task.done.is_(False))
        return self._records(q)

    def for_opportunity(self, opportunity_id: int, include_done: bool = False) -> list[Task]:
        q = self._query().where(m.Task.opportunity_id == opportunity_id)
        if not include_done:
            q = q.where(m.Task.done.is_(False))
        return self._records(q)

    def due_for(self, owner_id: int | None, today: date, days_ahead: int = 0) -> list[Task]:
        """Open tasks due today or earlier (overdue), or within ``days_ahead`` days."""
        from datetime import timedelta

        q = self._query().where(
            m.Task.done.is_(False), m.Task.due_date <= today + timedelta(days=days_ahead)
        )
        if owner_id is not None:
            q = q.where(m.Task.owner_id == owner_id)
        return self._records(q)

    def _records(self, query: Select[m.Task, str, str]) -> list[Task]:
        return [
            Task(
                id=t.id,
                data=TaskData(
                    title=t.title,
                    due_date=t.due_date,
                    owner_id=t.owner_id,
                    company_id=t.company_id,
                    contact_id=t.contact_id,
                    opportunity_id=t.opportunity_id,
                    lead_id=t.lead_id,
                    notes=t.notes,
                    done=t.done,
                ),
                owner_name=self.ctx.user_name(t.owner_id),
                company_name=company_name,
                contact_name=contact_name,
                done_at=t.done_at,
                version=t.version,
            )
            for t, company_name, contact_name in self.session.execute(query).all()
        ]
