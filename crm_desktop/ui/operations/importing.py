"""Import operations: check or import a sheet, take an import back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from crm_desktop.services import importing
from crm_desktop.services.importing import ColumnMapping, ImportOptions, ImportReport
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op, Progress, write


def undo_import(parent: QWidget, ws: Workspace, import_id: int) -> Op:
    """Succeeds with the ``UndoResult``; long, so the caller adds ``with_progress``."""
    return write(parent, lambda: importing.undo_import(ws, import_id, origin=parent))


def import_sheet(
    parent: QWidget,
    ws: Workspace,
    path: Path,
    mapping: ColumnMapping,
    options: ImportOptions,
    steps: dict[str, str],
) -> Op:
    """Check (``options.dry_run``) or import a sheet; each step's progress label from
    ``steps``. Succeeds with the ``ImportReport``; only a real import queues as a write."""

    def job(progress: Progress, cancelled: Callable[[], bool]) -> ImportReport:
        return importing.import_file(
            ws,
            path,
            mapping,
            options,
            progress=lambda done, total, step: progress(done, total, steps.get(step, step)),
            cancelled=cancelled,
        )

    op = Op(parent, job)
    return op if options.dry_run else op.writes()
