"""What a ticket's actions ask first (the resolution and satisfaction; a visit's day, time and
technician), and the ticket's timeline as text."""

from __future__ import annotations

import html
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.service import (
    EventKind,
    Priority,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.errors import local_time
from crm_desktop.ui.operations import Op
from crm_desktop.ui.operations import service as service_ops
from crm_desktop.ui.service.labels import event_label, priority_label, status_label
from crm_desktop.ui.widgets.form_dialog import FormDialog
from crm_desktop.ui.widgets.owner_combo import OwnerCombo
from crm_desktop.ui.widgets.palette import MUTED

NOTE_BACKGROUND = "#fff7d6"  # an internal note stands apart from what the customer was told


class ResolveDialog(FormDialog):
    """Resolve or close: how it was resolved (required) and, if asked, the customer's
    satisfaction (1–5). ``ticket`` is the ticket afterwards."""

    def __init__(
        self, ws: Workspace, ticket: Ticket, status: TicketStatus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, error_name="resolve_error")
        self.setObjectName("resolve_dialog")
        self.ws = ws
        self.ticket = ticket
        self.status = status
        closing = status is TicketStatus.CLOSED
        self.setWindowTitle(
            (self.tr("Close ticket #%1") if closing else self.tr("Resolve ticket #%1")).replace(
                "%1", str(ticket.id)
            )
        )
        self.setMinimumWidth(460)
        self.resolution = QPlainTextEdit(ticket.resolution)
        self.resolution.setObjectName("resolution")
        self.resolution.setTabChangesFocus(True)
        self.resolution.setPlaceholderText(self.tr("What was done; what the customer was told"))
        self.satisfaction = QComboBox()
        self.satisfaction.setObjectName("satisfaction")
        self.satisfaction.addItem(self.tr("Not asked"), None)
        for score in range(5, 0, -1):
            self.satisfaction.addItem(f"{'★' * score}{'☆' * (5 - score)}  {score}", score)
        if ticket.satisfaction is not None:
            self.satisfaction.setCurrentIndex(self.satisfaction.findData(ticket.satisfaction))
        form = QFormLayout()
        form.addRow(self.tr("Resolution"), self.resolution)
        form.addRow(self.tr("Customer's satisfaction"), self.satisfaction)
        self.save_button.setText(self.tr("Close ticket") if closing else self.tr("Resolve"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.add_footer(layout)
        self.resolution.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        ok = bool(self.resolution.toPlainText().strip())
        self.error.setText("" if ok else self.tr("Say how it was resolved."))
        self.set_valid(ok)

    def save_op(self) -> Op:
        return service_ops.set_status(
            self, self.ws, self.ticket, self.status,
            self.resolution.toPlainText(), self.satisfaction.currentData(),
        )  # fmt: skip

    def on_saved(self, ticket: Ticket) -> None:
        self.ticket = ticket
        self.accept()


class VisitDialog(FormDialog):
    """A repair visit: the day and time, and the technician whose task it becomes."""

    def __init__(self, ws: Workspace, ticket: Ticket, parent: QWidget | None = None) -> None:
        super().__init__(parent, error_name="visit_error")
        self.setObjectName("visit_dialog")
        self.ws = ws
        self.ticket = ticket
        self.setWindowTitle(self.tr("Schedule a visit for #%1").replace("%1", str(ticket.id)))
        self.setMinimumWidth(420)
        tomorrow = QDateTime.currentDateTime().addDays(1)
        tomorrow.setTime(QTime(9, 0))
        self.when = QDateTimeEdit(tomorrow)
        self.when.setObjectName("visit_when")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.technician = OwnerCombo(ws)
        self.technician.setObjectName("visit_technician")
        self.technician.set_owner(ticket.data.assignee_id or ws.user.id)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("visit_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.notes.setPlaceholderText(self.tr("Address, parts to bring …"))
        form = QFormLayout()
        form.addRow(self.tr("When"), self.when)
        form.addRow(self.tr("Technician"), self.technician)
        form.addRow(self.tr("Notes"), self.notes)
        hint = QLabel(self.tr("The visit becomes the technician's follow-up in My tasks."))
        hint.setStyleSheet(f"color: {MUTED.name()};")
        hint.setWordWrap(True)
        self.save_button.setText(self.tr("Schedule"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        self.add_footer(layout)

    def save_op(self) -> Op | None:
        technician = self.technician.owner_id()
        if technician is None:
            self.error.setText(self.tr("Pick the technician."))
            return None
        at = datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), UTC)
        return service_ops.schedule_visit(
            self, self.ws, self.ticket, at, technician, self.notes.toPlainText()
        )

    def on_saved(self, ticket: Ticket) -> None:
        self.ticket = ticket
        self.accept()


# -- the timeline --------------------------------------------------------------------------
def _value(kind: EventKind, value: str, nobody: str) -> str:
    if kind is EventKind.STATUS and value:
        try:
            return status_label(TicketStatus(value))
        except ValueError:
            return value
    if kind is EventKind.PRIORITY and value:
        try:
            return priority_label(Priority[value.upper()])
        except KeyError:
            return value
    return value or nobody


def timeline_html(events: list[TicketEvent], texts: dict[str, str]) -> str:
    """The events oldest first: what, who, when, and the text. ``texts`` holds the few
    translated words (``nobody``, ``logged``)."""
    parts = []
    for e in events:
        head = f"<b>{html.escape(event_label(e.kind))}</b>"
        if e.kind in (EventKind.STATUS, EventKind.ASSIGNED, EventKind.PRIORITY):
            old = _value(e.kind, e.old_value, texts["nobody"])
            new = _value(e.kind, e.new_value, texts["nobody"])
            head += f": {html.escape(old)} → {html.escape(new)}"
        elif e.kind is EventKind.VISIT:
            head += f": {html.escape(e.new_value)}"
        meta = " · ".join(x for x in (e.user_name or "", local_time(e.at)) if x)
        head += f" <span style='color:{MUTED.name()}'>· {html.escape(meta)}</span>"
        if e.activity_id is not None:
            head += f" <span style='color:{MUTED.name()}'>· {html.escape(texts['logged'])}</span>"
        body = html.escape(e.body).replace("\n", "<br>") if e.body else ""
        # A table per event: Qt's rich text keeps a table's margin and background.
        background = f" bgcolor='{NOTE_BACKGROUND}'" if e.kind is EventKind.NOTE else ""
        parts.append(
            "<table width='100%' cellspacing='0' cellpadding='2' style='margin-bottom:6px'"
            f"{background}><tr><td>{head}" + (f"<br>{body}" if body else "") + "</td></tr></table>"
        )
    return "".join(parts)
