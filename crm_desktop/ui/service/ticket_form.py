"""A ticket's fields: kind, customer, subject, description, channel, category (per kind),
priority and assignee; says what is missing as the user types."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from crm_desktop.domain.service import (
    MAX_SUBJECT,
    Channel,
    Priority,
    Ticket,
    TicketData,
    TicketKind,
)
from crm_desktop.services import contacts as contact_service
from crm_desktop.services import service_config
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.service.labels import channel_label, kind_label, priority_label
from crm_desktop.ui.widgets.company_picker import CompanyPicker
from crm_desktop.ui.widgets.owner_combo import OwnerCombo
from crm_desktop.ui.widgets.palette import ERROR_STYLE


def ui_language() -> str:
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


class TicketForm(QWidget):
    """``validityChanged`` as the user types; ``data()`` is what Save sends."""

    validityChanged = Signal(bool)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._contact_wanted: int | None = None
        self._category_wanted = ""
        self._contact_name = ""  # the ticket's contact, should the company no longer list them
        self.kind = QComboBox()
        self.kind.setObjectName("ticket_kind")
        for kind in TicketKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.company = CompanyPicker(ws)
        self.company.setObjectName("ticket_company")
        self.company.setPlaceholderText(self.tr("Type to search the customer's company"))
        self.contact = QComboBox()
        self.contact.setObjectName("ticket_contact")
        self.contact.addItem("", None)
        self.subject = QLineEdit()
        self.subject.setObjectName("ticket_subject")
        self.subject.setMaxLength(MAX_SUBJECT)
        self.subject.setPlaceholderText(self.tr("What is it about?"))
        self.description = QPlainTextEdit()
        self.description.setObjectName("ticket_description")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What the customer said, the details …"))
        self.channel = QComboBox()
        self.channel.setObjectName("ticket_channel")
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel.value)
        self.category = QComboBox()
        self.category.setObjectName("ticket_category")
        self.category.setEditable(True)
        self.priority = QComboBox()
        self.priority.setObjectName("ticket_priority")
        for priority in Priority:
            self.priority.addItem(priority_label(priority), int(priority))
        self.priority.setCurrentIndex(self.priority.findData(int(Priority.NORMAL)))
        self.assignee = OwnerCombo(ws, everyone=self.tr("Nobody (unassigned)"))
        self.assignee.setObjectName("ticket_assignee")
        self.error = QLabel()
        self.error.setObjectName("ticket_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Company"), self.company)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("Assignee"), self.assignee)

        self.subject.textChanged.connect(self._changed)
        self.company.textChanged.connect(self._company_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._load_categories()

    # -- lookups off the GUI thread ----------------------------------------------------------
    def _kind_changed(self, *_: Any) -> None:
        self._category_wanted = ""  # each kind has its own categories
        self.category.setCurrentText("")
        self._load_categories()

    def _load_categories(self) -> None:
        ws, kind, language = self.ws, self.current_kind(), ui_language()
        operations.query(self, lambda: service_config.categories(ws, kind, language)).success(
            self._fill_categories
        ).run()

    def _fill_categories(self, names: list[str]) -> None:
        wanted = self.category.currentText() or self._category_wanted
        self.category.clear()
        self.category.addItem("")
        self.category.addItems(names)
        self.category.setCurrentText(wanted)

    def _company_changed(self, *_: Any) -> None:
        self._load_contacts(self._contact_wanted)
        self._changed()

    def _load_contacts(self, wanted: int | None) -> None:
        self._contact_wanted = wanted
        company_id = self.company.company_id if self.company.is_consistent() else None
        if company_id is None:
            self._fill_contacts([], wanted)
            return
        ws = self.ws
        operations.query(self, lambda: contact_service.company_people(ws, company_id)).success(
            lambda people: self._fill_contacts(people, wanted)
        ).run()

    def _fill_contacts(self, people: list[Any], wanted: int | None) -> None:
        self.contact.clear()
        self.contact.addItem("", None)
        for row in people:
            self.contact.addItem(str(row[1]), row[0])
        if wanted is not None and self.contact.findData(wanted) < 0:
            self.contact.addItem(self._contact_name or f"#{wanted}", wanted)
        self.contact.setCurrentIndex(max(self.contact.findData(wanted), 0))

    # -- filling and reading -----------------------------------------------------------------
    def load(self, ticket: Ticket | None, company: tuple[int, str] | None = None) -> None:
        d = ticket.data if ticket else None
        if d is None:
            self.assignee.set_owner(None)
            if company is not None:
                self.company.set_company(*company)
            self._changed()
            return
        self.kind.setCurrentIndex(self.kind.findData(d.kind.value))
        self._contact_name = ticket.contact_name or ""
        self._contact_wanted = d.contact_id
        self.company.set_company(d.company_id, ticket.company_name)
        self._load_contacts(d.contact_id)
        self.subject.setText(d.subject)
        self.description.setPlainText(d.description)
        self.channel.setCurrentIndex(self.channel.findData(d.channel.value))
        self._category_wanted = d.category
        self.category.setCurrentText(d.category)
        self.set_priority(d.priority)
        self.assignee.set_owner(d.assignee_id, ticket.assignee_name or "")
        self._changed()

    def set_priority(self, priority: Priority) -> None:
        self.priority.setCurrentIndex(self.priority.findData(int(priority)))

    def current_kind(self) -> TicketKind:
        return TicketKind(self.kind.currentData())

    def errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.subject.text().strip():
            errors["subject"] = self.tr("A ticket needs a subject.")
        if not self.company.text().strip():
            errors["company"] = self.tr("Pick the customer's company.")
        elif not self.company.is_consistent():
            errors["company"] = self.tr("Pick a company from the list.")
        return errors

    def _changed(self, *_: Any) -> None:
        errors = self.errors()
        self.error.setText("\n".join(errors.values()))
        self.validityChanged.emit(not errors)

    def data(self) -> TicketData:
        return TicketData(
            kind=self.current_kind(),
            subject=self.subject.text(),
            company_id=self.company.company_id if self.company.text().strip() else None,
            contact_id=self.contact.currentData(),
            description=self.description.toPlainText(),
            channel=Channel(self.channel.currentData()),
            category=self.category.currentText(),
            priority=Priority(self.priority.currentData()),
            assignee_id=self.assignee.owner_id(),
        )

    def details_differ(self, ticket: Ticket) -> bool:
        """Whether the fields Save writes (not priority or assignee) differ from the ticket's."""
        mine, theirs = self.data(), ticket.data
        same = ("kind", "company_id", "contact_id", "channel")
        if any(getattr(mine, k) != getattr(theirs, k) for k in same):
            return True
        texts = ("subject", "description", "category")
        return any(getattr(mine, k).strip() != getattr(theirs, k).strip() for k in texts)
