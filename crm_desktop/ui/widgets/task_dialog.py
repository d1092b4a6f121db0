"""Adding or editing a follow-up, from any screen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.records import TaskData, User
from crm_desktop.services import contacts as contact_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.operations import timeline as timeline_ops


class TaskDialog(QDialog):
    def __init__(
        self,
        ws: Workspace,
        company_id: int | None,
        contact_id: int | None,
        parent: QWidget | None = None,
        *,
        opportunity_id: int | None = None,
        lead_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.company_id, self.contact_id = company_id, contact_id
        self.opportunity_id, self.lead_id = opportunity_id, lead_id
        self.task_id: int | None = None
        self.setWindowTitle(self.tr("New follow-up"))
        self.setMinimumWidth(400)
        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setObjectName("task_title")
        self.title.setMaxLength(400)
        self.title.setPlaceholderText(self.tr("e.g. Send the quotation"))
        form.addRow(self.tr("Title"), self.title)
        self.due = QDateEdit(QDate.currentDate().addDays(1))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("Due"), self.due)
        self.owner = QComboBox()
        self.owner.setObjectName("task_owner")
        self.owner.addItem(ws.user.name, ws.user.id)  # the others come from a query op
        operations.query(self, lambda: contact_service.users(ws)).success(self._fill_owners).run()
        form.addRow(self.tr("Owner"), self.owner)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        form.addRow(self.tr("Notes"), self.notes)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.title.textChanged.connect(self._update)
        self._update()

    def _fill_owners(self, users: tuple[User, ...]) -> None:
        current = self.owner.currentData()
        self.owner.clear()
        for user in users:
            self.owner.addItem(user.name, user.id)
        self.owner.setCurrentIndex(max(0, self.owner.findData(current)))

    def _update(self) -> None:
        ok = bool(self.title.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)

    def save(self) -> None:
        if not self.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled():
            return
        due = self.due.date()
        data = TaskData(
            title=self.title.text(),
            due_date=date(due.year(), due.month(), due.day()),
            owner_id=self.owner.currentData(),
            company_id=self.company_id,
            contact_id=self.contact_id,
            notes=self.notes.toPlainText(),
            opportunity_id=self.opportunity_id,
            lead_id=self.lead_id,
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        timeline_ops.add_task(self, self.ws, data).success(self._saved).failure(self._failed).run()

    def _saved(self, task_id: int) -> None:
        self.task_id = task_id
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._update()
        show_error(self, exc)
