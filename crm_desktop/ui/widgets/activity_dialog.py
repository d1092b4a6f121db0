"""Logging a call, meeting, visit, e-mail or note, from any screen."""

from __future__ import annotations

from dataclasses import replace
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

from crm_desktop.domain.records import Activity, ActivityData, ActivityKind
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.labels import ACTIVITY_ICONS, activity_label
from crm_desktop.ui.operations import Op
from crm_desktop.ui.operations import timeline as timeline_ops


class ActivityDialog(QDialog):
    """Log what happened. Opens with the kind chosen and the cursor in Subject; given an
    ``activity``, corrects that entry instead (over its version: a colleague's change in
    between is a conflict, shown)."""

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
        activity: Activity | None = None,
    ) -> None:
        super().__init__(parent)
        self.activity = activity
        self.ws = ws
        self.company_id = company_id
        self.contact_id = contact_id
        self.opportunity_id = opportunity_id
        self.lead_id = lead_id
        self.activity_id: int | None = None
        self.setWindowTitle(self.tr("Edit activity") if activity else self.tr("Log activity"))
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
        if activity is not None:
            self._fill(activity)
        self._update()
        self.subject.setFocus()

    def _fill(self, activity: Activity) -> None:
        data = activity.data
        self.activity_id = activity.id
        self.kind.setCurrentIndex(self.kind.findData(data.kind.value))
        self.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(data.occurred_at.timestamp())))
        self.subject.setText(data.subject)
        self.outcome.setPlainText(data.outcome)

    def _update(self) -> None:
        ok = bool(self.subject.text().strip() or self.outcome.toPlainText().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)

    def save(self) -> Op | None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if not save.isEnabled():
            return None
        when = self.when.dateTime().toSecsSinceEpoch()
        kind = ActivityKind(self.kind.currentData())
        occurred_at = datetime.fromtimestamp(when, UTC)
        if self.activity is not None:  # the links and who logged it stay as they were
            data = replace(
                self.activity.data,
                kind=kind,
                subject=self.subject.text(),
                outcome=self.outcome.toPlainText(),
                occurred_at=occurred_at,
            )
            op = timeline_ops.update_activity(
                self, self.ws, self.activity.id, self.activity.version, data
            )
        else:
            data = ActivityData(
                kind=kind,
                subject=self.subject.text(),
                outcome=self.outcome.toPlainText(),
                occurred_at=occurred_at,
                company_id=self.company_id,
                contact_id=self.contact_id,
                user_id=self.ws.user.id,
                opportunity_id=self.opportunity_id,
                lead_id=self.lead_id,
            )
            op = timeline_ops.log_activity(self, self.ws, data)
        save.setEnabled(False)  # until the save ends
        return op.success(self._saved).failure(self._failed).run()

    def _saved(self, activity_id: int | None) -> None:
        if activity_id is not None:
            self.activity_id = activity_id
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._update()
        show_error(self, exc)
