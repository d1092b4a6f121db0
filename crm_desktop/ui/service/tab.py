"""The Service tab: the ticket queues and the knowledge base; tickets open in their dialog."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from crm_desktop.domain.service import Queue
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.service.knowledge import KnowledgeView
from crm_desktop.ui.service.queue import QueueView
from crm_desktop.ui.service.targets_dialog import TargetsDialog
from crm_desktop.ui.service.ticket_dialog import TicketDialog


class ServiceTab(QWidget):
    statusChanged = Signal(str)

    def __init__(self, ws: Workspace, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.dialog: TicketDialog | None = None  # the ticket opened last
        self.queue = QueueView(ws, settings=settings)
        self.knowledge = KnowledgeView(ws, settings=settings)
        self.views = QTabWidget()
        self.views.setObjectName("service_views")
        self.views.setDocumentMode(True)
        self.views.addTab(self.queue, self.tr("Tickets"))
        self.views.addTab(self.knowledge, self.tr("Knowledge base"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.views)
        self.queue.openTicket.connect(self.open_ticket)
        self.queue.newTicket.connect(self.new_ticket)
        self.queue.editTargets.connect(self.edit_targets)
        self.queue.statusChanged.connect(self._status)
        self.knowledge.statusChanged.connect(self._status)
        self.views.currentChanged.connect(lambda *_: self._status(""))

    def _status(self, text: str) -> None:
        view = self.views.currentWidget()
        self.statusChanged.emit(view.count.text() if hasattr(view, "count") else text)

    def open_ticket(self, ticket_id: int) -> TicketDialog:
        self.dialog = TicketDialog(self.ws, ticket_id, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()
        return self.dialog

    def new_ticket(self) -> TicketDialog:
        self.dialog = TicketDialog(self.ws, None, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()
        return self.dialog

    def edit_targets(self) -> TargetsDialog:
        dialog = TargetsDialog(self.ws, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_overdue(self) -> None:
        self.views.setCurrentWidget(self.queue)
        self.queue.show_queue(Queue.OVERDUE)

    def reload(self) -> None:
        """F5: the view in front reloads."""
        self.views.currentWidget().follower.reload_now()  # type: ignore[attr-defined]

    def focus_search(self) -> None:
        self.views.currentWidget().focus_search()  # type: ignore[attr-defined]
