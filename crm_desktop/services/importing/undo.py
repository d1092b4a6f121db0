"""The imports into a database, and taking one back."""

from __future__ import annotations

from crm_desktop.domain.records import Change, ChangeAction, ImportRunInfo, RecordKind, UndoResult
from crm_desktop.services.workspace import Workspace


def history(ws: Workspace, limit: int = 100) -> list[ImportRunInfo]:
    """The imports into this database, newest first."""
    with ws.reading() as uow:
        return uow.imports.runs(limit)


def undo_import(ws: Workspace, import_id: int, origin: object = None) -> UndoResult:
    """Take an import back: what it created is removed, what it updated gets its old values,
    except records changed since (those are kept, and named in the result)."""
    with ws.writing() as uow:
        result = uow.imports.undo(import_id)
        uow.commit()
    for kind in (RecordKind.COMPANY, RecordKind.CONTACT):
        ws.events.publish(Change(kind, (), ChangeAction.BULK, origin))
    return result
