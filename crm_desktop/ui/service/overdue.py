"""My overdue tickets in the status bar, and a tray message the moment one goes overdue while
the app is open: the count follows the change channel, and a single-shot timer wakes at the
next due time of mine (``my_next_due``) to count again."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QStyle, QSystemTrayIcon, QWidget

from crm_desktop.domain.records import RecordKind
from crm_desktop.services import tickets as ticket_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeFollower
from crm_desktop.ui.widgets.palette import OVERDUE

MAX_WAIT_MS = 6 * 3600 * 1000  # look again at least this often (the clock may have jumped)
GRACE_MS = 1000  # wake just after the due time, when the ticket is past it


class OverdueLabel(QLabel):
    """``clicked`` opens the overdue queue; ``wentOverdue(n)`` when n more of mine are late."""

    clicked = Signal()
    wentOverdue = Signal(int)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("my_overdue")
        self.ws = ws
        self.count: int | None = None
        self.next_due: datetime | None = None
        self.tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.recount)
        self.setStyleSheet(f"color: {OVERDUE.name()}; font-weight: 600;")
        self.setToolTip(self.tr("Open tickets assigned to you that are past a due time"))
        self.follower = ChangeFollower(self, ws, (RecordKind.TICKET,), self.recount, stale=False)
        self.recount()

    def recount(self) -> None:
        ws = self.ws

        def read() -> tuple[int, datetime | None]:
            return ticket_service.my_overdue_count(ws), ticket_service.my_next_due(ws)

        operations.query(self, read).success(lambda r: self._counted(*r)).run()

    def _counted(self, count: int, next_due: datetime | None) -> None:
        before, self.count, self.next_due = self.count, count, next_due
        self.setText(self.tr("%n overdue ticket(s) of mine", "", count) if count else "")
        if before is not None and count > before:
            self.wentOverdue.emit(count - before)
            self._tell(count - before)
        self.timer.stop()
        if next_due is not None:
            wait = (next_due - datetime.now(UTC)).total_seconds() * 1000 + GRACE_MS
            self.timer.start(int(min(max(wait, 0), MAX_WAIT_MS)))

    def _tell(self, more: int) -> None:
        """A desktop notification, where the desktop has a tray."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.messageClicked.connect(self.clicked)
        self.tray.show()
        self.tray.showMessage(
            self.tr("Ticket overdue"),
            self.tr("%n more of your tickets went overdue.", "", more),
            QSystemTrayIcon.MessageIcon.Warning,
            15000,
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.count:
            self.clicked.emit()
        super().mousePressEvent(event)
