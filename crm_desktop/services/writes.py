"""The one way a service writes: a writing unit of work, the repository calls, commit, and
then the ``Change`` announced to the views.

    with write(ws, RecordKind.LEAD, ChangeAction.UPDATED, origin, ids=(lead_id,)) as w:
        w.uow.leads.update(lead_id, version, data)
        lead = w.uow.leads.get(lead_id)

Leaving the block by an exception rolls everything back and announces nothing; a write that
touched no record (``ids`` left empty) announces nothing either. Cleaning and validating the
input stay in each service function, before the block: they need no transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from crm_desktop.db.unit_of_work import UnitOfWork
from crm_desktop.domain.records import Change, ChangeAction, RecordKind
from crm_desktop.services.workspace import Workspace


@dataclass
class Write:
    """What the block works with: the unit of work, and the ids of the records it touched."""

    uow: UnitOfWork
    ids: tuple[int, ...] = ()

    def touched(self, ids: Iterable[int]) -> None:
        """Name (more of) the records this write changed: they are what the Change carries."""
        self.ids = (*self.ids, *ids)


@contextmanager
def write(
    ws: Workspace,
    kind: RecordKind,
    action: ChangeAction,
    origin: object = None,
    ids: Iterable[int] = (),
) -> Iterator[Write]:
    """Run the block in one write transaction, commit it, then publish
    ``Change(kind, ids, action, origin)`` (ids given here and/or named in the block)."""
    with ws.writing() as uow:
        w = Write(uow, tuple(ids))
        yield w
        uow.commit()
    if w.ids:
        ws.events.publish(Change(kind, w.ids, action, origin))


class Trash(Protocol):
    """A repository whose records go to the Trash and back (AuditedRepository)."""

    def set_deleted(self, ids: list[int], deleted: bool) -> list[int]: ...


def trash(
    ws: Workspace,
    kind: RecordKind,
    repository: Callable[[UnitOfWork], Trash],
    ids: list[int],
    deleted: bool = True,
    origin: object = None,
) -> list[int]:
    """Move records to the Trash (``deleted``) or back; announces the ids that changed."""
    action = ChangeAction.DELETED if deleted else ChangeAction.RESTORED
    with write(ws, kind, action, origin) as w:
        done = repository(w.uow).set_deleted(ids, deleted)
        w.touched(done)
    return done
