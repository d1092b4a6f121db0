"""Carries service change announcements onto the GUI thread as a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from crm_desktop.services.workspace import Workspace


class ChangeBridge(QObject):
    """Lives in the GUI thread; a publish from a worker thread arrives as a queued signal."""

    changed = Signal(object)

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = ws.events.subscribe(self.changed.emit)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def detach(self) -> None:
        self._unsubscribe()
