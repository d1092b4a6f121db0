"""Import history: what each import created and updated, and undoing it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select, update

from crm_desktop.db import models as m
from crm_desktop.db.bulk import insert_rows
from crm_desktop.db.repositories.common import Context
from crm_desktop.db.repositories.contact_values import ContactValueRepository
from crm_desktop.db.repositories.matching import MatchingRepository
from crm_desktop.domain.errors import CrmError, NotFoundError
from crm_desktop.domain.records import ImportRunInfo, UndoResult


def _json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def dump_values(values: dict[str, Any]) -> str:
    return json.dumps(values, default=_json_default, ensure_ascii=False)


def _load_values(text: str) -> dict[str, Any]:
    values: dict[str, Any] = json.loads(text)
    if values.get("birthday"):
        values["birthday"] = date.fromisoformat(values["birthday"])
    return values


class ImportHistoryRepository:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session

    def start(self, file: str, sheet: str) -> int:
        """A new import in the history (its counts come at the end); returns its id."""
        run = m.ImportRun(
            file=file[:400], sheet=sheet[:200], user_id=self.ctx.user_id,
            created=0, updated=0, skipped=0, failed=0,
        )  # fmt: skip
        self.session.add(run)
        self.session.flush()
        return run.id

    def finish(self, import_id: int, counts: dict[str, int]) -> None:
        self.session.execute(
            update(m.ImportRun).where(m.ImportRun.id == import_id).values(**counts)
        )

    def add_items(self, import_id: int, items: Iterable[dict[str, Any]]) -> None:
        """Items of an import (entity, entity_id, action, version, old_values for updates),
        written a batch at a time: an import of 100,000 rows has as many."""
        columns = ("entity", "entity_id", "action", "version", "old_values")
        table = cast(Table, m.ImportItem.__table__)
        batch: list[tuple[Any, ...]] = []
        for item in items:
            batch.append(
                (
                    item["entity"],
                    item["entity_id"],
                    item["action"],
                    item["version"],
                    item.get("old_values", ""),
                )
            )
            if len(batch) == 5000:
                insert_rows(self.session, table, columns, batch, {"import_id": import_id})
                batch = []
        insert_rows(self.session, table, columns, batch, {"import_id": import_id})

    def runs(self, limit: int = 100) -> list[ImportRunInfo]:
        r = m.ImportRun
        rows = self.session.execute(select(r).order_by(r.at.desc(), r.id.desc()).limit(limit))
        return [
            ImportRunInfo(
                run.id,
                run.file,
                run.sheet,
                run.at,
                self.ctx.user_name(run.user_id),
                run.created,
                run.updated,
                run.skipped,
                run.failed,
                run.undone_at,
            )
            for run in rows.scalars()
        ]

    def undo(self, import_id: int) -> UndoResult:
        """Remove what the import created and give back what it updated, record by record,
        unless the record was changed since: those are left alone and named in the result."""
        run = self.session.get(m.ImportRun, import_id)
        if run is None:
            raise NotFoundError("import", import_id)
        if run.undone_at is not None:
            raise CrmError(f"import #{import_id} was already undone on {run.undone_at:%Y-%m-%d}")
        items = (
            self.session.execute(select(m.ImportItem).where(m.ImportItem.import_id == import_id))
            .scalars()
            .all()
        )
        matching = MatchingRepository(self.ctx)
        kept: list[str] = []
        removed = restored = 0
        # People before companies: a company is removed only once its people are gone.
        for entity in ("contact", "company"):
            model = m.Contact if entity == "contact" else m.Company
            tags = m.contact_tags if entity == "contact" else m.company_tags
            key = "contact_id" if entity == "contact" else "company_id"
            mine = [i for i in items if i.entity == entity]
            current = {
                row.id: row
                for row in self.session.execute(
                    select(model.id, model.version, model.name, model.deleted_at).where(
                        model.id.in_([i.entity_id for i in mine])
                    )
                )
            }
            restore: list[dict[str, Any]] = []
            for item in mine:
                now = current.get(item.entity_id)
                if now is None:
                    continue  # deleted for good since: nothing to undo
                if now.version != item.version or now.deleted_at is not None:
                    kept.append(f"{now.name} (changed since the import)")
                    continue
                if item.action == "create":
                    reason = self._in_use(entity, item.entity_id)
                    if reason:
                        kept.append(f"{now.name} ({reason})")
                        continue
                    self.session.execute(delete(tags).where(tags.c[key] == item.entity_id))
                    self.session.execute(delete(model).where(model.id == item.entity_id))
                    removed += 1
                else:
                    restore.append(_load_values(item.old_values))
            if restore:
                old_tags = {v["id"]: v.pop("tags", []) for v in restore}
                if entity == "contact":
                    names = dict(self.session.execute(select(m.Company.id, m.Company.name)).all())
                    matching.update_contacts(restore, names)
                    ContactValueRepository(self.ctx).replace(
                        {v["id"]: v.get("extras") or [] for v in restore}
                    )
                else:
                    matching.update_companies(restore)
                for record_id, names_ in old_tags.items():
                    self.session.execute(delete(tags).where(tags.c[key] == record_id))
                    if names_:
                        ids = dict(
                            self.session.execute(
                                select(m.Tag.name, m.Tag.id).where(m.Tag.name.in_(names_))
                            ).all()
                        )
                        self.session.execute(
                            insert(tags), [{key: record_id, "tag_id": ids[n]} for n in names_]
                        )
                restored += len(restore)
        self.session.execute(
            update(m.ImportRun)
            .where(m.ImportRun.id == import_id)
            .values(undone_at=datetime.now(UTC), undone_by_id=self.ctx.user_id)
        )
        self.ctx.audit(
            "import",
            import_id,
            "undo",
            {"removed": removed, "restored": restored, "kept": len(kept)},
        )
        return UndoResult(removed, restored, tuple(kept))

    def _in_use(self, entity: str, record_id: int) -> str:
        """Why a record the import created must stay: history or people added since."""
        if entity == "contact":
            for model, what in ((m.Activity, "has activities"), (m.Task, "has follow-ups")):
                if self.session.scalar(
                    select(func.count()).select_from(model).where(model.contact_id == record_id)
                ):
                    return f"{what} since the import"
            return ""
        if self.session.scalar(
            select(func.count()).select_from(m.Contact).where(m.Contact.company_id == record_id)
        ):
            return "has people"
        for model, what in ((m.Activity, "has activities"), (m.Task, "has follow-ups")):
            if self.session.scalar(
                select(func.count()).select_from(model).where(model.company_id == record_id)
            ):
                return f"{what} since the import"
        return ""
