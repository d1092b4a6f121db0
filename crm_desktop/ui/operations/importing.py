"""Import operations that write outside the wizard: taking an import back."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from crm_desktop.services import importing
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op, write


def undo_import(parent: QWidget, ws: Workspace, import_id: int) -> Op:
    """Succeeds with the ``UndoResult``; long, so the caller adds ``with_progress``."""
    return write(parent, lambda: importing.undo_import(ws, import_id, origin=parent))
