"""Logging a call, meeting, visit, e-mail or note, from any screen."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import CrmError
from crm_desktop.domain.records import ActivityData, ActivityKind
from crm_desktop.services import timeline as timeline_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.labels import ACTIVITY_ICONS, activity_label


class ActivityDialog(QDialog):
    """Log what happened. Opens with the kind chosen and the cursor in Subject."""

    def __init__(
        self,
        ws: Workspace,
        kind: ActivityKind,
        company_id: int | None,
        contact_id: int | None,
        parent: QWidget | None = None,
        *,
        opportunity_id: int | None = None,
        lead_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.company_id = company_id
        self.contact_id = contact_id
        self.opportunity_id = opportunity_id
        self.lead_id = lead_id
        self.activity_id: int | None = None
        self.setWindowTitle(self.tr("Log activity"))
        self.setMinimumWidth(420)
        form = QFormLayout()
        self.kind = QComboBox()
        for k in ActivityKind:
            self.kind.addItem(f"{ACTIVITY_ICONS[k]}  {activity_label(k)}", k.value)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        form.addRow(self.tr("Kind"), self.kind)
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        form.addRow(self.tr("When"), self.when)
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.subject.setMaxLength(400)
        self.subject.setPlaceholderText(self.tr("What was it about?"))
        form.addRow(self.tr("Subject"), self.subject)
        self.outcome = QPlainTextEdit()
        self.outcome.setObjectName("outcome")
        self.outcome.setTabChangesFocus(True)
        self.outcome.setPlaceholderText(self.tr("Outcome, next steps …"))
        form.addRow(self.tr("Outcome"), self.outcome)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        save = QShortcut(QKeySequence("Ctrl+Return"), self)
        save.activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Ctrl+Enter saves.")))
        layout.addWidget(self.buttons)
        self.subject.textChanged.connect(self._update)
        self.outcome.textChanged.connect(self._update)
        self._update()
        self.subject.setFocus()

    def _update(self) -> None:
        ok = bool(self.subject.text().strip() or self.outcome.toPlainText().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)

    def save(self) -> None:
        if not self.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled():
            return
        when = self.when.dateTime().toSecsSinceEpoch()
        data = ActivityData(
            kind=ActivityKind(self.kind.currentData()),
            subject=self.subject.text(),
            outcome=self.outcome.toPlainText(),
            occurred_at=datetime.fromtimestamp(when, UTC),
            company_id=self.company_id,
            contact_id=self.contact_id,
            user_id=self.ws.user.id,
            opportunity_id=self.opportunity_id,
            lead_id=self.lead_id,
        )
        try:
            self.activity_id = timeline_service.log_activity(self.ws, data, origin=self)
        except CrmError as exc:
            show_error(self, exc)
            return
        self.accept()
