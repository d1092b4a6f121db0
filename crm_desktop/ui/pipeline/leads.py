"""Leads: raw enquiries being worked; qualify one into a customer and a deal in one step."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.pipeline import (
    ConversionResult,
    Lead,
    LeadData,
    LeadSource,
    LeadStatus,
    OpportunityData,
    Outcome,
)
from crm_desktop.domain.records import ActivityKind, RecordKind
from crm_desktop.domain.validation import check_email, check_phone
from crm_desktop.services import pipeline as pipeline_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeFollower
from crm_desktop.ui.errors import local_time, show_error
from crm_desktop.ui.labels import source_label
from crm_desktop.ui.operations import Op
from crm_desktop.ui.operations import pipeline as pipeline_ops
from crm_desktop.ui.pipeline.deal_dialog import _date_edit, _date_of
from crm_desktop.ui.widgets.activity_dialog import ActivityDialog
from crm_desktop.ui.widgets.form_dialog import FormDialog
from crm_desktop.ui.widgets.format import parse_number
from crm_desktop.ui.widgets.list_view import RowsTable
from crm_desktop.ui.widgets.owner_combo import OwnerCombo
from crm_desktop.ui.widgets.rows_model import Column, RowsModel
from crm_desktop.ui.widgets.search_box import SearchBox

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex

STATUS_LABELS = {
    LeadStatus.NEW: QT_TRANSLATE_NOOP("LeadStatus", "New"),
    LeadStatus.CONTACTED: QT_TRANSLATE_NOOP("LeadStatus", "Contacted"),
    LeadStatus.QUALIFIED: QT_TRANSLATE_NOOP("LeadStatus", "Qualified"),
    LeadStatus.DISQUALIFIED: QT_TRANSLATE_NOOP("LeadStatus", "Disqualified"),
    LeadStatus.CONVERTED: QT_TRANSLATE_NOOP("LeadStatus", "Converted"),
}


def status_label(status: LeadStatus) -> str:
    return translate("LeadStatus", STATUS_LABELS[status])


LEAD_COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("LeadTableModel", "Name"), lambda d: d.data.name),
    ("company", QT_TRANSLATE_NOOP("LeadTableModel", "Company"), lambda d: d.data.company_name),
    (
        "mobile",
        QT_TRANSLATE_NOOP("LeadTableModel", "Mobile"),
        lambda d: d.data.mobile or d.data.phone,
    ),
    ("email", QT_TRANSLATE_NOOP("LeadTableModel", "E-mail"), lambda d: d.data.email),
    (
        "source",
        QT_TRANSLATE_NOOP("LeadTableModel", "Source"),
        lambda d: source_label(d.data.source),
    ),
    (
        "status",
        QT_TRANSLATE_NOOP("LeadTableModel", "Status"),
        lambda d: status_label(d.data.status),
    ),
    ("owner", QT_TRANSLATE_NOOP("LeadTableModel", "Owner"), lambda d: d.owner_name or ""),
    ("created", QT_TRANSLATE_NOOP("LeadTableModel", "Created"), lambda d: local_time(d.created_at)),
)


def lead_columns() -> list[Column[Lead]]:
    return [
        Column(key, translate("LeadTableModel", header), text) for key, header, text in LEAD_COLUMNS
    ]


class LeadDialog(FormDialog):
    def __init__(self, ws: Workspace, lead: Lead | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, error_name="lead_error")
        self.setObjectName("lead_dialog")
        self.ws = ws
        self.lead = lead
        self.saved: Lead | None = None
        self.setWindowTitle(self.tr("Edit lead") if lead else self.tr("New lead"))
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        labels = {
            "name": self.tr("Name"),
            "company_name": self.tr("Company"),
            "title": self.tr("Title"),
            "mobile": self.tr("Mobile"),
            "phone": self.tr("Phone"),
            "email": self.tr("E-mail"),
            "city": self.tr("City"),
        }
        for key, label in labels.items():
            edit = QLineEdit()
            edit.setObjectName(f"lead_{key}")
            edit.textChanged.connect(self._validate)
            self.fields[key] = edit
            form.addRow(label, edit)
        self.source = QComboBox()
        self.source.setObjectName("lead_source")
        self.source.setEditable(True)
        self.source.addItem("", "")
        for source in LeadSource:
            self.source.addItem(source_label(source.value), source.value)
        form.addRow(self.tr("Source"), self.source)
        self.status = QComboBox()
        self.status.setObjectName("lead_status")
        for status in LeadStatus:
            if status is not LeadStatus.CONVERTED:
                self.status.addItem(status_label(status), status.value)
        form.addRow(self.tr("Status"), self.status)
        self.owner = OwnerCombo(ws)
        form.addRow(self.tr("Owner"), self.owner)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(90)
        form.addRow(self.tr("Notes"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.add_footer(layout)
        if lead is not None:
            self._fill(lead)
        else:
            self.owner.set_owner(ws.user.id)
        self._validate()

    def _fill(self, lead: Lead) -> None:
        d = lead.data
        for key, edit in self.fields.items():
            edit.setText(getattr(d, key))
        index = self.source.findData(d.source)
        if index >= 0:
            self.source.setCurrentIndex(index)
        else:
            self.source.setCurrentText(d.source)
        self.status.setCurrentIndex(max(self.status.findData(d.status.value), 0))
        self.owner.set_owner(d.owner_id)
        self.notes.setPlainText(d.notes)

    def _source(self) -> str:
        text = self.source.currentText().strip()
        index = self.source.findText(text)
        data = self.source.itemData(index) if index >= 0 else None
        return str(data) if data else text

    def errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        text = {k: e.text().strip() for k, e in self.fields.items()}
        if not text["name"] and not text["company_name"]:
            errors["name"] = self.tr("A lead needs a name or a company.")
        if check_email(text["email"]):
            errors["email"] = self.tr("This is not a valid e-mail address.")
        for key in ("mobile", "phone"):
            if check_phone(text[key], self.ws.phone_region):
                errors[key] = self.tr("This does not look like a phone number.")
        return errors

    def _validate(self, *_: Any) -> None:
        errors = self.errors()
        self.error.setText("\n".join(errors.values()))
        self.set_valid(not errors)

    def data(self) -> LeadData:
        text = {k: e.text() for k, e in self.fields.items()}
        return LeadData(
            **text,
            source=self._source(),
            status=LeadStatus(self.status.currentData()),
            owner_id=self.owner.owner_id(),
            notes=self.notes.toPlainText(),
        )

    def save_op(self) -> Op:
        if self.lead is None:
            return pipeline_ops.create_lead(self, self.ws, self.data())
        return pipeline_ops.update_lead(self, self.ws, self.lead.id, self.lead.version, self.data())

    def on_saved(self, lead: Lead) -> None:
        self.saved = lead
        self.accept()

    def fresh_query(self) -> Callable[[], Lead] | None:
        lead, ws = self.lead, self.ws
        return None if lead is None else lambda: pipeline_service.get_lead(ws, lead.id)

    def show_fresh(self, lead: Lead, keep_edits: bool) -> None:
        self.lead = lead
        if not keep_edits:
            self._fill(lead)


class ConvertLeadDialog(FormDialog):
    """Shows which existing company and contact the lead already is (so nothing is made twice),
    and optionally the deal to open."""

    def __init__(self, ws: Workspace, lead: Lead, parent: QWidget | None = None) -> None:
        super().__init__(parent, error_name="convert_error")
        self.setObjectName("convert_dialog")
        self.ws = ws
        self.lead = lead
        self.result_: ConversionResult | None = None
        self.setWindowTitle(self.tr("Convert lead: %1").replace("%1", lead.data.name))
        companies, contacts = pipeline_service.conversion_matches(ws, lead.id)
        d = lead.data

        self.company_group = QButtonGroup(self)
        company_box = QGroupBox(self.tr("Company"))
        company_layout = QVBoxLayout(company_box)
        for i, (company_id, name) in enumerate(companies):
            button = QRadioButton(self.tr("Use the existing company %1").replace("%1", name))
            button.setObjectName(f"use_company_{company_id}")
            self.company_group.addButton(button, company_id)
            company_layout.addWidget(button)
            button.setChecked(i == 0)
        if d.company_name:
            new_company = QRadioButton(
                self.tr("Create the company %1").replace("%1", d.company_name)
            )
        else:
            new_company = QRadioButton(self.tr("No company"))
        new_company.setObjectName("new_company")
        self.company_group.addButton(new_company, -1)
        company_layout.addWidget(new_company)
        new_company.setChecked(not companies)

        self.contact_group = QButtonGroup(self)
        contact_box = QGroupBox(self.tr("Contact"))
        contact_layout = QVBoxLayout(contact_box)
        for i, (contact_id, name, company_name) in enumerate(contacts):
            label = f"{name} · {company_name}" if company_name else name
            button = QRadioButton(self.tr("Use the existing contact %1").replace("%1", label))
            button.setObjectName(f"use_contact_{contact_id}")
            self.contact_group.addButton(button, contact_id)
            contact_layout.addWidget(button)
            button.setChecked(i == 0)
        new_contact = QRadioButton(
            self.tr("Create the contact %1").replace("%1", d.name or d.company_name)
        )
        new_contact.setObjectName("new_contact")
        self.contact_group.addButton(new_contact, -1)
        contact_layout.addWidget(new_contact)
        new_contact.setChecked(not contacts)

        self.make_deal = QCheckBox(self.tr("Open a deal"))
        self.make_deal.setObjectName("make_deal")
        self.make_deal.setChecked(True)
        self.deal_title = QLineEdit(d.company_name or d.name)
        self.deal_title.setObjectName("convert_deal_title")
        self.deal_amount = QLineEdit()
        self.deal_amount.setObjectName("convert_deal_amount")
        self.deal_amount.setPlaceholderText("0.00")
        self.deal_stage = QComboBox()
        for stage in pipeline_service.stages(ws):
            if stage.outcome is Outcome.OPEN:
                self.deal_stage.addItem(stage.name, stage.id)
        self.deal_close = _date_edit()
        deal_box = QGroupBox()
        deal_form = QFormLayout(deal_box)
        deal_form.addRow(self.tr("Deal"), self.deal_title)
        deal_form.addRow(self.tr("Amount"), self.deal_amount)
        deal_form.addRow(self.tr("Stage"), self.deal_stage)
        deal_form.addRow(self.tr("Expected close"), self.deal_close)
        self.make_deal.toggled.connect(deal_box.setEnabled)

        self.save_button.setText(self.tr("Convert"))
        layout = QVBoxLayout(self)
        layout.addWidget(company_box)
        layout.addWidget(contact_box)
        layout.addWidget(self.make_deal)
        layout.addWidget(deal_box)
        self.add_footer(layout)

    def convert(self) -> None:
        self.save()

    def save_op(self) -> Op | None:
        company_id = self.company_group.checkedId()
        contact_id = self.contact_group.checkedId()
        opportunity = None
        if self.make_deal.isChecked():
            amount = parse_number(self.deal_amount.text()) if self.deal_amount.text() else None
            if self.deal_amount.text().strip() and amount is None:
                self.error.setText(self.tr("The amount is not a number."))
                return None
            if not self.deal_title.text().strip():
                self.error.setText(self.tr("A deal needs a title."))
                return None
            opportunity = OpportunityData(
                title=self.deal_title.text(),
                stage_id=self.deal_stage.currentData(),
                amount=amount or Decimal(0),
                close_date=_date_of(self.deal_close),
                owner_id=self.lead.data.owner_id,
            )
        return pipeline_ops.convert_lead(
            self,
            self.ws,
            self.lead.id,
            self.lead.version,
            company_id=company_id if company_id > 0 else None,
            contact_id=contact_id if contact_id > 0 else None,
            opportunity=opportunity,
            reuse_matches=False,  # the user chose above
        )

    def on_saved(self, result: ConversionResult) -> None:
        self.result_ = result
        self.accept()


class LeadsView(QWidget):
    def __init__(
        self, ws: Workspace, parent: QWidget | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self._generation = 0
        self.search = SearchBox("lead_search", self.tr("Search leads…"), delay_ms=250)
        self.status = QComboBox()
        self.status.setObjectName("lead_status_filter")
        self.status.addItem(self.tr("Being worked"), None)
        for status in LeadStatus:
            self.status.addItem(status_label(status), status.value)
        self.new_button = QPushButton(self.tr("New lead"))
        self.new_button.setObjectName("new_lead")
        self.edit_button = QPushButton(self.tr("Edit"))
        self.convert_button = QPushButton(self.tr("Convert…"))
        self.convert_button.setObjectName("convert_lead")
        self.delete_button = QPushButton(self.tr("Delete"))
        self.log_button = QPushButton(self.tr("Log activity…"))
        self.log_button.setObjectName("log_lead_activity")
        self.log_button.setToolTip(self.tr("A call, visit or e-mail with this lead"))
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.status)
        bar.addStretch(1)
        for button in (
            self.new_button,
            self.edit_button,
            self.log_button,
            self.convert_button,
            self.delete_button,
        ):
            bar.addWidget(button)
        self.table = RowsTable(lead_columns(), "lead_table", settings, stretch="company")
        self.model: RowsModel[Lead] = self.table.rows_model
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

        self.search.searched.connect(lambda _text: self.reload())
        self.status.currentIndexChanged.connect(lambda *_: self.reload())
        self.new_button.clicked.connect(self.new_lead)
        self.edit_button.clicked.connect(self.edit_lead)
        self.convert_button.clicked.connect(self.convert_lead)
        self.log_button.clicked.connect(self.log_activity)
        self.delete_button.clicked.connect(self.delete_lead)
        self.table.activated.connect(lambda *_: self.edit_lead())  # Enter or double-click
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        delete_key = QAction(self.table)  # the Delete key in the list, as in the contacts list
        delete_key.setShortcut(QKeySequence.StandardKey.Delete)
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(self.delete_lead)
        self.table.addAction(delete_key)
        self.follower = ChangeFollower(self, ws, (RecordKind.LEAD,), self.reload)
        self._update_buttons()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        ws, search = self.ws, self.search.text().strip()
        status = self.status.currentData()
        status = LeadStatus(status) if status else None

        def done(leads: list[Lead]) -> None:
            if generation == self._generation:
                self.table.set_rows(leads)
                self.count.setText(self.tr("%n lead(s)", "", len(leads)))
                self._update_buttons()

        operations.Op(self, lambda _p, _c: pipeline_service.leads(ws, search, status)).success(
            done
        ).run()

    def selected(self) -> Lead | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self, *_: Any) -> None:
        lead = self.selected()
        self.edit_button.setEnabled(lead is not None)
        self.delete_button.setEnabled(lead is not None)
        self.log_button.setEnabled(lead is not None)
        self.convert_button.setEnabled(
            lead is not None and lead.data.status is not LeadStatus.CONVERTED
        )

    def log_activity(self) -> ActivityDialog | None:
        """Log what happened with the selected lead (kept with it, and after conversion on
        its customer's timeline too)."""
        lead = self.selected()
        if lead is None:
            return None
        dialog = ActivityDialog(
            self.ws, ActivityKind.CALL, lead.company_id, lead.contact_id, self, lead_id=lead.id
        )
        dialog.open()
        return dialog

    def new_lead(self) -> None:
        LeadDialog(self.ws, None, self).exec()

    def edit_lead(self) -> None:
        lead = self.selected()
        if lead is not None:
            self._with_fresh(lead, lambda fresh: LeadDialog(self.ws, fresh, self).exec())

    def _with_fresh(self, lead: Lead, then: Callable[[Lead], Any]) -> None:
        """Read the lead as it is now (off the GUI thread), then act on it."""

        def failed(exc: BaseException) -> None:  # deleted by a colleague meanwhile
            show_error(self, exc)
            self.reload()

        ws, lead_id = self.ws, lead.id
        operations.query(self, lambda: pipeline_service.get_lead(ws, lead_id)).success(
            then
        ).failure(failed).run()

    def convert_lead(self) -> None:
        lead = self.selected()
        if lead is not None:
            self._with_fresh(lead, self._convert)

    def _convert(self, lead: Lead) -> None:
        dialog = ConvertLeadDialog(self.ws, lead, self)
        if dialog.exec() and dialog.result_ is not None:
            r = dialog.result_
            parts = []
            if r.company_created:
                parts.append(self.tr("a new company"))
            if r.contact_created:
                parts.append(self.tr("a new contact"))
            if r.opportunity_id is not None:
                parts.append(self.tr("a deal"))
            made = ", ".join(parts) if parts else self.tr("nothing new (existing records used)")
            QMessageBox.information(
                self, self.tr("Lead converted"), self.tr("Created: %1.").replace("%1", made)
            )

    def delete_lead(self) -> None:
        lead = self.selected()
        if lead is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete lead"),
            self.tr("Delete the lead %1?").replace("%1", lead.data.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            pipeline_ops.delete_leads(self, self.ws, [lead.id]).run()
