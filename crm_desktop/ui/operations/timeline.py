"""Timeline operations: log, correct or delete an activity; add or tick a follow-up."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from crm_desktop.domain.records import ActivityData, TaskData
from crm_desktop.services import timeline as timeline_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op, write


def log_activity(parent: QWidget, ws: Workspace, data: ActivityData) -> Op:
    """Succeeds with the new activity's id."""
    return write(parent, lambda: timeline_service.log_activity(ws, data, origin=parent))


def update_activity(
    parent: QWidget, ws: Workspace, activity_id: int, version: int, data: ActivityData
) -> Op:
    """Correct a logged activity; fails with ``ConflictError`` over a colleague's change."""
    return write(
        parent,
        lambda: timeline_service.update_activity(ws, activity_id, version, data, parent),
    )


def delete_activity(parent: QWidget, ws: Workspace, activity_id: int) -> Op:
    return write(parent, lambda: timeline_service.delete_activity(ws, activity_id, parent))


def add_task(parent: QWidget, ws: Workspace, data: TaskData) -> Op:
    """Succeeds with the new follow-up's id."""
    return write(parent, lambda: timeline_service.add_task(ws, data, origin=parent))


def complete_task(parent: QWidget, ws: Workspace, task_id: int, version: int, done: bool) -> Op:
    """Tick or untick a follow-up; succeeds with its new version."""
    return write(
        parent,
        lambda: timeline_service.set_task_done(ws, task_id, version, done, origin=parent),
    )
