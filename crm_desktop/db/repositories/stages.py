"""The pipeline's stages (in order, with a default probability and an outcome) and the reasons
a deal may be lost for."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select, text, update

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import Context, apply
from crm_desktop.domain.errors import ConflictError, NotFoundError
from crm_desktop.domain.pipeline import Outcome, Stage, StageData, StageInUseError


class StageRepository:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session

    def lock(self) -> None:
        """One writer of the stage list at a time, until the transaction ends. SQLite's
        BEGIN IMMEDIATE already serialises writers; PostgreSQL's read committed does not, and
        two first starts at once would each seed the defaults."""
        if self.ctx.dialect == "postgresql":
            self.session.execute(text("LOCK TABLE stages IN SHARE ROW EXCLUSIVE MODE"))

    def any_ever(self) -> bool:
        """Whether the database has (or had: retired ones count) any stage."""
        return self.session.scalar(select(m.Stage.id).limit(1)) is not None

    def seed(self, stages: Sequence[StageData], lost_reasons: Sequence[str]) -> bool:
        """The default stages and lost reasons, on a database that never had a stage; False
        (nothing written) when it had. Locks first: a colleague may have just done it."""
        self.lock()
        if self.any_ever():
            return False
        for data in stages:
            self.add(data)
        if not self.lost_reasons():
            self.set_lost_reasons(list(lost_reasons))
        return True

    def all(self, include_deleted: bool = False) -> list[Stage]:
        q = select(m.Stage).order_by(m.Stage.position, m.Stage.id)
        if not include_deleted:
            q = q.where(m.Stage.deleted_at.is_(None))
        return [_stage(s) for s in self.session.scalars(q)]

    def get(self, stage_id: int) -> Stage:
        obj = self.session.get(m.Stage, stage_id)
        if obj is None:
            raise NotFoundError("stage", stage_id)
        return _stage(obj)

    def add(self, data: StageData, position: int | None = None) -> int:
        if position is None:
            position = (self.session.scalar(select(func.max(m.Stage.position))) or 0) + 1
        obj = m.Stage(
            name=data.name.strip(),
            position=position,
            probability=data.probability,
            outcome=data.outcome.value,
        )
        self.session.add(obj)
        self.session.flush()
        self.ctx.audit("stage", obj.id, "create", {"name": obj.name})
        return obj.id

    def update(self, stage_id: int, expected_version: int, data: StageData) -> None:
        obj = self.session.get(m.Stage, stage_id, populate_existing=True)
        if obj is None:
            raise NotFoundError("stage", stage_id)
        if obj.version != expected_version:
            raise ConflictError("stage", stage_id, None, None)
        changes = apply(
            obj,
            {
                "name": data.name.strip(),
                "probability": data.probability,
                "outcome": data.outcome.value,
            },
        )
        if changes:
            self.session.flush()
            self.ctx.audit("stage", stage_id, "update", changes)

    def reorder(self, stage_ids: list[int]) -> None:
        for position, stage_id in enumerate(stage_ids, start=1):
            self.session.execute(
                update(m.Stage).where(m.Stage.id == stage_id).values(position=position)
            )

    def remove(self, stage_id: int) -> None:
        """Retire a stage; refused while open deals sit in it (move them first)."""
        in_use = self.session.scalar(
            select(func.count())
            .select_from(m.Opportunity)
            .where(m.Opportunity.stage_id == stage_id, m.Opportunity.deleted_at.is_(None))
        )
        if in_use:
            name = self.session.scalar(select(m.Stage.name).where(m.Stage.id == stage_id))
            raise StageInUseError(name or str(stage_id), in_use)
        self.session.execute(
            update(m.Stage).where(m.Stage.id == stage_id).values(deleted_at=m.utcnow())
        )

    def lost_reasons(self) -> list[str]:
        return list(
            self.session.scalars(
                select(m.LostReason.name).order_by(m.LostReason.position, m.LostReason.id)
            )
        )

    def set_lost_reasons(self, names: list[str]) -> None:
        self.session.execute(delete(m.LostReason))
        seen: set[str] = set()
        for position, name in enumerate(names, start=1):
            name = name.strip()
            if name and name not in seen:
                seen.add(name)
                self.session.add(m.LostReason(name=name, position=position))
        self.session.flush()


def _stage(obj: m.Stage) -> Stage:
    return Stage(
        id=obj.id,
        name=obj.name,
        position=obj.position,
        probability=obj.probability,
        outcome=Outcome(obj.outcome),
        version=obj.version,
    )
