"""Reports actions: ABC grades written and taken back, charts and tables exported.

The caller adds ``.success/.failure`` and ``.run()``; ``parent`` is also the change's origin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from matplotlib.figure import Figure
from PySide6.QtWidgets import QWidget

from crm_desktop.domain.reports import AbcResult, GradeChange
from crm_desktop.reports.charts import save_figure
from crm_desktop.services import reports as rs
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op, service_write


def apply_grades(parent: QWidget, ws: Workspace, result: AbcResult) -> Op:
    """Each customer's ABC class as its company's grade; succeeds with ``GradesApplied``."""
    return service_write(parent, rs.apply_grades, ws, result)


def undo_grades(parent: QWidget, ws: Workspace, changes: Iterable[GradeChange]) -> Op:
    """The grades ``apply_grades`` replaced, given back; succeeds with ``GradesUndone``."""
    return service_write(parent, rs.undo_grades, ws, tuple(changes))


def export_chart(parent: QWidget, build: Callable[[], Figure], target: Path) -> Op:
    """A chart to .png or .pdf. ``build`` makes a figure of its own from the report's plain
    results (in the worker): the one on screen belongs to the GUI thread's canvas."""
    return Op(parent, lambda _progress, _cancelled: save_figure(build(), target))


def export_table(
    parent: QWidget,
    target: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    sheet: str,
) -> Op:
    """A report table to .xlsx (money as numbers); succeeds with the rows written."""
    return Op(parent, lambda _progress, _cancelled: rs.export_table(target, headers, rows, sheet))
