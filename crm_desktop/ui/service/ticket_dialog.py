"""A ticket: a new one's form, or an open one's view with its due times, its timeline and its
actions (reply, internal note, assign, priority, status, resolve/close, reopen, a repair
visit; articles from and into the knowledge base). Every action runs as an operation and
answers with the ticket as it now is, so the next one goes on from its version."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.records import RecordKind
from crm_desktop.domain.service import (
    TRANSITIONS,
    Article,
    Priority,
    Ticket,
    TicketEvent,
    TicketKind,
    TicketStatus,
    Visit,
)
from crm_desktop.domain.sla import TimeLeft, TimeState
from crm_desktop.services import tickets as ticket_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeFollower
from crm_desktop.ui.errors import local_time, show_error
from crm_desktop.ui.operations import Op
from crm_desktop.ui.operations import service as service_ops
from crm_desktop.ui.service.knowledge import ArticleDialog, ArticlePicker
from crm_desktop.ui.service.labels import (
    kind_label,
    status_label,
    time_left_color,
    time_left_text,
)
from crm_desktop.ui.service.ticket_actions import ResolveDialog, VisitDialog, timeline_html
from crm_desktop.ui.service.ticket_form import TicketForm
from crm_desktop.ui.widgets.form_dialog import FormDialog


class TicketDialog(FormDialog):
    """``TicketDialog(ws, None)`` opens a ticket; ``TicketDialog(ws, id)`` shows one."""

    loaded = Signal()  # the ticket, its timeline and visits are read and shown
    acted = Signal()  # an action (reply, note, status …) is saved

    def __init__(
        self,
        ws: Workspace,
        ticket_id: int | None = None,
        parent: QWidget | None = None,
        company: tuple[int, str] | None = None,
    ) -> None:
        super().__init__(parent, error_name="ticket_form_error")
        self.setObjectName("ticket_dialog")
        self.ws = ws
        self.ticket: Ticket | None = None
        self.saved: Ticket | None = None
        self.events: list[TicketEvent] = []
        self.visits: list[Visit] = []
        self.busy = False  # an action is being saved
        self.sub_dialog: Any = None  # the last resolve/visit/article dialog (tests drive it)
        self.form = TicketForm(ws)
        self.error = self.form.error
        self.form.validityChanged.connect(self._form_valid)
        self.due = QLabel()
        self.due.setObjectName("ticket_due")
        self.due.setWordWrap(True)
        self.due.setTextFormat(Qt.TextFormat.RichText)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.form)
        left_layout.addWidget(self.due)
        left_layout.addWidget(self.error)
        left_layout.addStretch(1)
        layout = QVBoxLayout(self)
        if ticket_id is None:
            self.setWindowTitle(self.tr("New ticket"))
            self.resize(560, 520)
            layout.addWidget(left, 1)
            self.due.setText(self.tr("Due times are set from the response-time targets on Save."))
            self.form.load(None, company)
            self.form.subject.setFocus()
        else:
            self.setWindowTitle(self.tr("Ticket #%1").replace("%1", str(ticket_id)))
            self.resize(1060, 660)
            splitter = QSplitter()
            splitter.addWidget(left)
            splitter.addWidget(self._work_area())
            splitter.setStretchFactor(1, 1)
            splitter.setSizes([400, 640])
            layout.addWidget(splitter, 1)
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
            self.form.setEnabled(False)
            self.follower = ChangeFollower(
                self, ws, (RecordKind.TICKET,), self.reload,
                accept=lambda change: ticket_id in change.ids, stale=False,
            )  # fmt: skip
            self._ticket_id = ticket_id
            self.set_valid(False)
            self.reload()
        layout.addWidget(self.buttons)

    # -- the work area: timeline, reply, actions -------------------------------------------------
    def _work_area(self) -> QWidget:
        self.timeline = QTextBrowser()
        self.timeline.setObjectName("ticket_timeline")
        self.timeline.setOpenLinks(False)
        self.reply_text = QPlainTextEdit()
        self.reply_text.setObjectName("reply_text")
        self.reply_text.setPlaceholderText(self.tr("Write a reply to the customer, or a note"))
        self.reply_text.setMaximumHeight(130)
        self.reply_text.textChanged.connect(self._update_actions)
        self.log_activity = QCheckBox(self.tr("Also log the reply on the customer's timeline"))
        self.log_activity.setObjectName("log_on_timeline")
        self.reply_button = self._button(self.tr("Send reply"), "send_reply", self.send_reply)
        self.note_button = self._button(self.tr("Internal note"), "add_note", self.add_note)
        self.note_button.setToolTip(self.tr("Kept on the ticket; never sent to the customer"))
        self.insert_button = self._button(
            self.tr("Insert article…"), "insert_article", self.insert_article
        )
        self.article_button = self._button(
            self.tr("Answer → article…"), "make_article", self.make_article
        )
        self.article_button.setToolTip(
            self.tr("Turn this ticket's answer into a knowledge-base article")
        )
        reply_row = QHBoxLayout()
        for b in (self.reply_button, self.note_button, self.insert_button):
            reply_row.addWidget(b)
        reply_row.addStretch(1)
        reply_row.addWidget(self.article_button)
        self.status_buttons: dict[TicketStatus, QPushButton] = {
            TicketStatus.IN_PROGRESS: self._button(
                self.tr("Start work"), "status_in_progress",
                lambda: self.set_status(TicketStatus.IN_PROGRESS),
            ),
            TicketStatus.WAITING: self._button(
                self.tr("Wait for customer"), "status_waiting",
                lambda: self.set_status(TicketStatus.WAITING),
            ),
            TicketStatus.RESOLVED: self._button(
                self.tr("Resolve…"), "status_resolved",
                lambda: self.resolve(TicketStatus.RESOLVED),
            ),
            TicketStatus.CLOSED: self._button(
                self.tr("Close ticket…"), "status_closed",
                lambda: self.resolve(TicketStatus.CLOSED),
            ),
            TicketStatus.REOPENED: self._button(
                self.tr("Reopen"), "status_reopened",
                lambda: self.set_status(TicketStatus.REOPENED),
            ),
        }  # fmt: skip
        self.status_buttons[TicketStatus.WAITING].setToolTip(
            self.tr("The clock stops until the customer answers")
        )
        self.visit_button = self._button(
            self.tr("Schedule visit…"), "schedule_visit", self.schedule_visit
        )
        status_row = QHBoxLayout()
        for b in self.status_buttons.values():
            status_row.addWidget(b)
        status_row.addStretch(1)
        status_row.addWidget(self.visit_button)
        area = QWidget()
        column = QVBoxLayout(area)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Timeline")))
        column.addWidget(self.timeline, 1)
        column.addWidget(self.reply_text)
        column.addWidget(self.log_activity)
        column.addLayout(reply_row)
        column.addLayout(status_row)
        self.form.priority.activated.connect(self._priority_picked)
        self.form.assignee.activated.connect(self._assignee_picked)
        return area

    def _button(self, text: str, name: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda *_: slot())
        return button

    # -- reading -----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the ticket, its timeline and visits off the GUI thread, then show them."""
        ws, ticket_id = self.ws, self._ticket_id

        def read() -> tuple[Ticket, list[TicketEvent], list[Visit]]:
            return (
                ticket_service.get_ticket(ws, ticket_id),
                ticket_service.ticket_timeline(ws, ticket_id),
                ticket_service.ticket_visits(ws, ticket_id),
            )

        def failed(exc: BaseException) -> None:  # e.g. moved to the Trash by a colleague
            show_error(self, exc)
            self.reject()

        operations.query(self, read).success(lambda r: self._show(*r)).failure(failed).run()

    def _show(self, ticket: Ticket, events: list[TicketEvent], visits: list[Visit]) -> None:
        first = self.ticket is None
        if self.ticket is not None and ticket.version < self.ticket.version:
            ticket = self.ticket  # read before an action of ours was saved: keep the newer
        elif first or not self.form.details_differ(self.ticket):  # type: ignore[arg-type]
            self.form.load(ticket)  # no edit of the user's is lost
        self.ticket = ticket
        self.events, self.visits = events, visits
        self.form.setEnabled(True)
        self._show_state(ticket)
        self.timeline.setHtml(
            timeline_html(
                events,
                {"nobody": self.tr("nobody"), "logged": self.tr("on the customer's timeline")},
            )
        )
        bar = self.timeline.verticalScrollBar()
        bar.setValue(bar.maximum())
        self._form_valid(not self.form.errors())
        self.loaded.emit()

    def _show_state(self, ticket: Ticket) -> None:
        """Title, due times and which actions apply; priority and assignee as saved."""
        self.setWindowTitle(
            self.tr("Ticket #%1 · %2 · %3")
            .replace("%1", str(ticket.id))
            .replace("%2", kind_label(ticket.data.kind))
            .replace("%3", status_label(ticket.status))
        )
        self.form.set_priority(ticket.data.priority)
        self.form.assignee.set_owner(ticket.data.assignee_id, ticket.assignee_name or "")
        lines = [
            self.tr("Status: %1").replace("%1", status_label(ticket.status)),
            self.tr("Opened %1 by %2")
            .replace("%1", local_time(ticket.opened_at))
            .replace("%2", ticket.created_by or "—"),
        ]
        if ticket.first_response_at is not None:
            lines.append(
                self.tr("First response %1").replace("%1", local_time(ticket.first_response_at))
            )
        elif ticket.first_response_due is not None:
            lines.append(
                self.tr("First response due %1").replace(
                    "%1", local_time(ticket.first_response_due)
                )
                + _left(ticket.first_response_left)
            )
        if ticket.resolved_at is not None:
            lines.append(self.tr("Resolved %1").replace("%1", local_time(ticket.resolved_at)))
        elif ticket.resolution_due is not None:
            lines.append(
                self.tr("Resolution due %1").replace("%1", local_time(ticket.resolution_due))
                + _left(ticket.resolution_left)
            )
        if ticket.satisfaction is not None:
            lines.append(self.tr("Satisfaction: %1 of 5").replace("%1", str(ticket.satisfaction)))
        for visit in self.visits:
            lines.append(
                self.tr("Visit %1 by %2")
                .replace("%1", local_time(visit.at))
                .replace("%2", visit.technician_name or "")
            )
        self.due.setText("<br>".join(lines))
        self._update_actions()

    def _update_actions(self) -> None:
        if self.ticket is None or not hasattr(self, "timeline"):
            return
        ticket, idle = self.ticket, not self.busy
        has_text = bool(self.reply_text.toPlainText().strip())
        self.reply_button.setEnabled(idle and has_text)
        self.note_button.setEnabled(idle and has_text)
        allowed = TRANSITIONS[ticket.status]
        for status, button in self.status_buttons.items():
            button.setVisible(status in allowed)
            button.setEnabled(idle)
        self.visit_button.setVisible(ticket.data.kind is TicketKind.REPAIR)
        self.visit_button.setEnabled(idle and ticket.status.is_open)
        self.form.priority.setEnabled(idle)
        self.form.assignee.setEnabled(idle)

    def _form_valid(self, valid: bool) -> None:
        self.set_valid(valid and (self.ticket is not None or not hasattr(self, "_ticket_id")))

    # -- acting --------------------------------------------------------------------------------------
    def _act(self, op: Op, done: Callable[[Ticket], None] | None = None) -> Op:
        """Run an action of this ticket; its answer is the ticket as it now is."""
        self.busy = True
        self._update_actions()

        def succeeded(ticket: Ticket) -> None:
            self.busy = False
            self._adopt(ticket)
            if done is not None:
                done(ticket)
            self.acted.emit()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self._update_actions()
            show_error(self, exc)
            self.reload()  # a colleague's change in between: show the ticket as it is

        return op.success(succeeded).failure(failed).run()

    def _adopt(self, ticket: Ticket) -> None:
        self.ticket = ticket
        self._show_state(ticket)

    def send_reply(self) -> Op | None:
        body = self.reply_text.toPlainText()
        if self.ticket is None or not body.strip():
            return None
        op = service_ops.reply(self, self.ws, self.ticket, body, self.log_activity.isChecked())
        return self._act(op, lambda _t: self.reply_text.clear())

    def add_note(self) -> Op | None:
        body = self.reply_text.toPlainText()
        if self.ticket is None or not body.strip():
            return None
        return self._act(
            service_ops.add_note(self, self.ws, self.ticket, body),
            lambda _t: self.reply_text.clear(),
        )

    def set_status(self, status: TicketStatus) -> Op | None:
        if self.ticket is None:
            return None
        return self._act(service_ops.set_status(self, self.ws, self.ticket, status))

    def resolve(self, status: TicketStatus) -> ResolveDialog | None:
        """Resolve or close: asks the resolution and the satisfaction, then saves."""
        if self.ticket is None:
            return None
        dialog = ResolveDialog(self.ws, self.ticket, status, self)
        dialog.accepted.connect(lambda: self._adopt(dialog.ticket))
        dialog.accepted.connect(self.acted)
        self.sub_dialog = dialog
        dialog.open()
        return dialog

    def schedule_visit(self) -> VisitDialog | None:
        if self.ticket is None:
            return None
        dialog = VisitDialog(self.ws, self.ticket, self)
        dialog.accepted.connect(lambda: self._adopt(dialog.ticket))
        dialog.accepted.connect(self.acted)
        self.sub_dialog = dialog
        dialog.open()
        return dialog

    def _priority_picked(self, *_: Any) -> None:
        priority = Priority(self.form.priority.currentData())
        if self.ticket is not None and priority is not self.ticket.data.priority:
            self._act(service_ops.change_priority(self, self.ws, self.ticket, priority))

    def _assignee_picked(self, *_: Any) -> None:
        assignee = self.form.assignee.owner_id()
        if self.ticket is not None and assignee != self.ticket.data.assignee_id:
            self._act(service_ops.assign(self, self.ws, self.ticket, assignee))

    # -- the knowledge base ----------------------------------------------------------------------------
    def insert_article(self) -> ArticlePicker:
        """Search the knowledge base; the article picked goes into the reply."""
        picker = ArticlePicker(self.ws, self)
        picker.picked.connect(self._insert)
        self.sub_dialog = picker
        picker.open()
        return picker

    def _insert(self, article: Article) -> None:
        cursor = self.reply_text.textCursor()
        if self.reply_text.toPlainText().strip() and not cursor.atBlockStart():
            cursor.insertText("\n")
        cursor.insertText(article.data.body)
        self.reply_text.setFocus()

    def make_article(self) -> Op | None:
        """A new article from this ticket's answer (its resolution, else its last reply),
        then its editor, to polish it."""
        if self.ticket is None:
            return None

        def made(article: Article) -> None:
            editor = ArticleDialog(self.ws, article, self)
            self.sub_dialog = editor
            editor.open()

        return (
            service_ops.article_from_ticket(self, self.ws, self.ticket.id)
            .success(made)
            .failure(lambda exc: show_error(self, exc))
            .run()
        )

    # -- Save: the form's fields ------------------------------------------------------------------------
    def save_op(self) -> Op | None:
        data = self.form.data()
        if self.ticket is None:
            return service_ops.open_ticket(self, self.ws, data)
        if not self.form.details_differ(self.ticket):
            self.accept()  # nothing of the form to save; the actions are saved already
            return None
        return service_ops.update_ticket(self, self.ws, self.ticket, data)

    def on_saved(self, ticket: Ticket) -> None:
        self.saved = ticket
        self.accept()

    def fresh_query(self) -> Callable[[], Ticket] | None:
        ticket, ws = self.ticket, self.ws
        return None if ticket is None else lambda: ticket_service.get_ticket(ws, ticket.id)

    def show_fresh(self, ticket: Ticket, keep_edits: bool) -> None:
        self.ticket = ticket
        if not keep_edits:
            self.form.load(ticket)
        self._show_state(ticket)


def _left(left: TimeLeft) -> str:
    """(3 h 20 min left) in the palette's colour."""
    if left.state is TimeState.DONE:
        return ""
    color = time_left_color(left)
    text = time_left_text(left)
    if left.state in (TimeState.OK, TimeState.AMBER):
        text = QCoreApplication.translate("TicketDialog", "%1 left").replace("%1", text)
    span = f"<span style='color:{color.name()}'>{text}</span>" if color else text
    return f" ({span})"
