"""The interaction history of a company or contact, and logging a new call/meeting/note."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.records import ActivityKind
from crm_desktop.services import timeline as timeline_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.errors import local_time
from crm_desktop.ui.labels import ACTIVITY_ICONS, activity_label
from crm_desktop.ui.widgets.activity_dialog import ActivityDialog


class TimelineWidget(QWidget):
    """Newest first; quick buttons log a call, meeting, visit, e-mail or note."""

    logged = Signal(int)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.company_id: int | None = None
        self.contact_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.quick: dict[ActivityKind, QPushButton] = {}
        for kind in ActivityKind:
            button = QPushButton(f"{ACTIVITY_ICONS[kind]} {activity_label(kind)}")
            button.setObjectName(f"log_{kind.value}")
            button.setToolTip(self.tr("Log a new %s") % activity_label(kind))
            button.clicked.connect(lambda _=False, k=kind: self.log(k))
            buttons.addWidget(button)
            self.quick[kind] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.tree = QTreeWidget()
        self.tree.setObjectName("timeline")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels(
            [self.tr("When"), self.tr("Kind"), self.tr("Subject"), self.tr("Who"), self.tr("With")]
        )
        self.tree.setColumnWidth(0, 130)
        self.tree.setColumnWidth(1, 90)
        self.tree.setColumnWidth(2, 260)
        self.tree.setWordWrap(True)
        layout.addWidget(self.tree)

    def show_for(self, *, company_id: int | None = None, contact_id: int | None = None) -> None:
        """A contact's history (new entries also linked to ``company_id``), or a company's."""
        self.company_id, self.contact_id = company_id, contact_id
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        if self.company_id is None and self.contact_id is None:
            return
        items = []
        if self.contact_id is not None:
            history = timeline_service.timeline(self.ws, contact_id=self.contact_id)
        else:
            history = timeline_service.timeline(self.ws, company_id=self.company_id)
        for activity in history:
            data = activity.data
            subject = data.subject
            if data.outcome:
                subject = f"{subject} — {data.outcome}" if subject else data.outcome
            if activity.deal_title:
                subject = f"[{activity.deal_title}] {subject}"
            item = QTreeWidgetItem(
                [
                    local_time(data.occurred_at),
                    f"{ACTIVITY_ICONS[data.kind]} {activity_label(data.kind)}",
                    subject,
                    activity.user_name or "",
                    activity.contact_name or activity.company_name or "",
                ]
            )
            item.setToolTip(2, subject)
            item.setData(0, Qt.ItemDataRole.UserRole, activity.id)
            items.append(item)
        self.tree.addTopLevelItems(items)

    def log(self, kind: ActivityKind) -> ActivityDialog | None:
        if self.company_id is None and self.contact_id is None:
            return None
        dialog = ActivityDialog(self.ws, kind, self.company_id, self.contact_id, self)
        dialog.accepted.connect(self._logged)
        dialog.open()
        return dialog

    def _logged(self) -> None:
        self.refresh()
        dialog = self.sender()
        if isinstance(dialog, ActivityDialog) and dialog.activity_id is not None:
            self.logged.emit(dialog.activity_id)
