"""Maintenance operations from the File menu: back up, export contacts, fill demo data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QWidget

from crm_desktop.domain.records import ListFilter
from crm_desktop.services import demo, exporting, maintenance
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op, Progress


def backup(parent: QWidget, ws: Workspace, target: Path) -> Op:
    """A copy of the database (SQLite's backup API reads; it writes only the new file)."""
    return Op(parent, lambda _progress, _cancelled: maintenance.backup(ws, target))


def export_contacts(
    parent: QWidget,
    ws: Workspace,
    target: Path,
    flt: ListFilter,
    ids: Sequence[int] | None,
    language: str,
) -> Op:
    """The contacts the list shows (or ``ids``) to ``target``; succeeds with ``ExportResult``."""
    chosen = list(ids) if ids is not None else None

    def job(progress: Progress, cancelled: Callable[[], bool]) -> exporting.ExportResult:
        return exporting.export_contacts(
            ws,
            target,
            flt,
            chosen,
            language,
            progress=lambda done, total, _step: progress(done, total, ""),
            cancelled=cancelled,
        )

    return Op(parent, job)


def fill_demo(
    parent: QWidget,
    ws: Workspace,
    contacts: int,
    seed: int | None,
    language: str,
    steps: dict[str, str],
) -> Op:
    """Demo data; each step's progress label from ``steps``. Succeeds with ``DemoSummary``."""

    def job(progress: Progress, cancelled: Callable[[], bool]) -> demo.DemoSummary:
        return demo.make_demo(
            ws,
            contacts,
            seed=seed,
            progress=lambda done, total, step: progress(done, total, steps.get(step, step)),
            cancelled=cancelled,
            language=language,
        )

    return Op(parent, job).writes()
