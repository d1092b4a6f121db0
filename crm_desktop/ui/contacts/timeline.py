"""The interaction history of a company or contact: logging a new call/meeting/note, and
correcting or deleting a logged one."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from crm_desktop.domain.records import Activity, ActivityKind, RecordKind
from crm_desktop.services import timeline as timeline_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.contacts.record_panel import RecordPanel
from crm_desktop.ui.errors import local_time
from crm_desktop.ui.labels import ACTIVITY_ICONS, activity_label
from crm_desktop.ui.operations import Op
from crm_desktop.ui.operations import timeline as timeline_ops
from crm_desktop.ui.widgets.activity_dialog import ActivityDialog

ACTIVITY_ROLE = Qt.ItemDataRole.UserRole + 1


class TimelineWidget(RecordPanel):
    """Newest first; quick buttons log a call, meeting, visit, e-mail or note; Edit and
    Delete (buttons, double-click, right-click) correct or remove the selected entry."""

    logged = Signal(int)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, (RecordKind.ACTIVITY,), parent)
        layout = self.column
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
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("edit_activity")
        self.edit_button.setToolTip(self.tr("Correct the selected entry"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setObjectName("delete_activity")
        self.delete_button.setToolTip(self.tr("Delete the selected entry"))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
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
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit_selected())
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.tree)
        self._update_buttons()

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
            item.setData(0, ACTIVITY_ROLE, activity)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self._update_buttons()

    def selected_activity(self) -> Activity | None:
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            return None
        activity: Activity = item.data(0, ACTIVITY_ROLE)
        return activity

    def _update_buttons(self) -> None:
        selected = self.selected_activity() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def _menu(self, pos: QPoint) -> None:
        if self.tree.itemAt(pos) is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Edit…"), self.edit_selected)
        menu.addAction(self.tr("Delete…"), self.delete_selected)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def edit_selected(self) -> ActivityDialog | None:
        activity = self.selected_activity()
        if activity is None:
            return None
        data = activity.data
        dialog = ActivityDialog(
            self.ws, data.kind, data.company_id, data.contact_id, self, activity=activity
        )
        dialog.open()  # the list follows the change channel
        return dialog

    def delete_selected(self) -> Op | None:
        activity = self.selected_activity()
        if activity is None:
            return None
        answer = QMessageBox.question(
            self,
            self.tr("Delete entry"),
            self.tr("Delete this entry from the history?\n\n%s")
            % (activity.data.subject or activity.data.outcome),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return timeline_ops.delete_activity(self, self.ws, activity.id).run()

    def log(self, kind: ActivityKind) -> ActivityDialog | None:
        if self.company_id is None and self.contact_id is None:
            return None
        dialog = ActivityDialog(self.ws, kind, self.company_id, self.contact_id, self)
        dialog.accepted.connect(self._logged)
        dialog.open()
        return dialog

    def _logged(self) -> None:
        self.refresh()  # at once: the user looks for the entry just logged
        dialog = self.sender()
        if isinstance(dialog, ActivityDialog) and dialog.activity_id is not None:
            self.logged.emit(dialog.activity_id)
