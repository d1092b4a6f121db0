"""The detail pane: a company's or contact's form, its timeline, follow-ups and people."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from crm_desktop.domain.records import Change, Company, Contact, RecordKind
from crm_desktop.services import contacts as contact_service
from crm_desktop.services import pipeline as pipeline_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.contacts.forms import CompanyForm, ContactForm
from crm_desktop.ui.contacts.tasks import RecordTasks
from crm_desktop.ui.contacts.timeline import TimelineWidget
from crm_desktop.ui.errors import conflict_text, local_time, show_error
from crm_desktop.ui.operations import Op
from crm_desktop.ui.operations import contacts as contact_ops
from crm_desktop.ui.widgets.extra_values import ExtraValuesLabel
from crm_desktop.ui.widgets.format import date_text, money_text


class RecordDetail(QWidget):
    saved = Signal(str, int)
    openRecord = Signal(str, int)
    deleteRequested = Signal(str, int)
    restoreRequested = Signal(str, int)
    openDeal = Signal(int)  # the main window opens it in the Pipeline tab
    newDealFor = Signal(int, str)  # a new deal for this customer (company id, name)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.kind: RecordKind | None = None
        self.record: Company | Contact | None = None
        self.saving: Op | None = None  # the save under way: Save stays disabled meanwhile

        self.title = QLabel()
        self.title.setObjectName("detail_title")
        self.title.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.meta = QLabel()
        self.meta.setObjectName("detail_meta")
        self.meta.setStyleSheet("color: gray;")
        self.banner = QLabel()
        self.banner.setObjectName("detail_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3cd; color: #7a5a00; padding: 6px;")
        self.banner.hide()

        self.company_form = CompanyForm(ws)
        self.contact_form = ContactForm(ws)
        self.empty = QLabel(self.tr("Select a contact or company, or create a new one."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: gray;")
        self.forms = QStackedWidget()
        for widget in (self.empty, self.company_form, self.contact_form):
            self.forms.addWidget(widget)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.forms)
        self.extra_values = ExtraValuesLabel()  # a contact's extra phones and e-mails

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip(
            self.tr("Save (%s)")
            % QKeySequence(QKeySequence.StandardKey.Save).toString(
                QKeySequence.SequenceFormat.NativeText
            )
        )
        self.save_button.clicked.connect(lambda: self.save())
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setObjectName("revert")
        self.revert_button.clicked.connect(self.reload)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("delete")
        self.delete_button.clicked.connect(self._delete)
        self.restore_button = QPushButton(self.tr("Restore from Trash"))
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self._restore)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.revert_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.delete_button)

        self.timeline = TimelineWidget(ws)
        self.tasks = RecordTasks(ws)
        self.people = QTreeWidget()
        self.people.setObjectName("people")
        self.people.setRootIsDecorated(False)
        self.people.setHeaderLabels(
            [self.tr("Name"), self.tr("Title"), self.tr("Mobile"), self.tr("E-mail")]
        )
        self.people.itemDoubleClicked.connect(
            lambda item: self.openRecord.emit("contact", item.data(0, Qt.ItemDataRole.UserRole))
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detail_tabs")
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.tabs.addTab(self.tasks, self.tr("Follow-ups"))
        self.tabs.addTab(self.people, self.tr("People"))
        self.deals = CompanyDeals(ws)
        self.deals.openDeal.connect(self.openDeal)
        self.deals.newDealFor.connect(self.newDealFor)
        self.tabs.addTab(self.deals, self.tr("Deals"))
        self.tasks.tree.openRecord.connect(self.openRecord)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.title)
        top_layout.addWidget(self.meta)
        top_layout.addWidget(self.banner)
        top_layout.addWidget(scroll, 1)
        top_layout.addWidget(self.extra_values)
        top_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("detail_splitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.splitter)

        for form in (self.company_form, self.contact_form):
            form.validityChanged.connect(self._update_buttons)
            form.dirtyChanged.connect(self._update_buttons)
        self.clear()

    # -- what is shown ---------------------------------------------------------------------
    @property
    def form(self) -> CompanyForm | ContactForm | None:
        if self.kind is RecordKind.COMPANY:
            return self.company_form
        if self.kind is RecordKind.CONTACT:
            return self.contact_form
        return None

    def record_id(self) -> int | None:
        return self.record.id if self.record else None

    def clear(self) -> None:
        self.kind, self.record = None, None
        self.forms.setCurrentWidget(self.empty)
        self.title.setText("")
        self.meta.setText("")
        self.extra_values.show_values(())
        self.banner.hide()
        self.tabs.hide()
        self._update_buttons()

    def show_record(self, kind: RecordKind, record_id: int) -> None:
        try:
            if kind is RecordKind.COMPANY:
                self._show_company(contact_service.get_company(self.ws, record_id, True))
            else:
                self._show_contact(contact_service.get_contact(self.ws, record_id, True))
        except NotFoundError as exc:
            self.clear()
            show_error(self, exc)

    def _show_company(self, company: Company) -> None:
        self.kind, self.record = RecordKind.COMPANY, company
        self.company_form.load(company)
        self.extra_values.show_values(())
        self.forms.setCurrentWidget(self.company_form)
        self.title.setText(company.data.name)
        self._show_meta()
        self.timeline.show_for(company_id=company.id)
        self.tasks.show_for(company_id=company.id)
        self._fill_people(company.id)
        self.tabs.setTabVisible(2, True)
        self.deals.show_for(company.id, company.data.name)
        self.tabs.setTabText(3, self.tr("Deals (%n)", "", self.deals.count()))
        self.tabs.setTabVisible(3, True)
        self.tabs.show()
        self._update_buttons()

    def _show_contact(self, contact: Contact) -> None:
        self.kind, self.record = RecordKind.CONTACT, contact
        self.contact_form.load(contact)
        self.extra_values.show_values(contact_service.extra_values(self.ws, contact.id))
        self.forms.setCurrentWidget(self.contact_form)
        title = contact.data.name
        if contact.company_name:
            title += f"  ·  {contact.company_name}"
        self.title.setText(title)
        self._show_meta()
        self.timeline.show_for(company_id=contact.data.company_id, contact_id=contact.id)
        self.tasks.show_for(company_id=contact.data.company_id, contact_id=contact.id)
        self.tabs.setTabVisible(2, False)
        self.tabs.setTabVisible(3, False)
        self.tabs.show()
        self._update_buttons()

    def _fill_people(self, company_id: int) -> None:
        self.people.clear()
        for person_id, name, title, mobile, email in contact_service.company_people(
            self.ws, company_id
        ):
            item = QTreeWidgetItem([name, title, mobile, email])
            item.setData(0, Qt.ItemDataRole.UserRole, person_id)
            self.people.addTopLevelItem(item)
        self.tabs.setTabText(2, self.tr("People (%n)", "", self.people.topLevelItemCount()))

    def _show_meta(self) -> None:
        self.banner.hide()
        record = self.record
        if record is None:
            self.meta.setText("")
            return
        stamp = record.stamp
        text = self.tr("Changed by {who} on {when}").format(
            who=stamp.updated_by or "?", when=local_time(stamp.updated_at)
        )
        if stamp.deleted_at:
            text = self.tr("In the Trash since {when}").format(when=local_time(stamp.deleted_at))
        self.meta.setText(text)

    def new_record(self, kind: RecordKind, company: tuple[int, str] | None = None) -> None:
        self.kind, self.record = kind, None
        if kind is RecordKind.COMPANY:
            self.company_form.reload_users()
            self.company_form.load(None)
            self.forms.setCurrentWidget(self.company_form)
            self.title.setText(self.tr("New company"))
        else:
            self.contact_form.reload_users()
            self.contact_form.load(None, company)
            self.forms.setCurrentWidget(self.contact_form)
            self.title.setText(self.tr("New contact"))
        self.meta.setText(self.tr("Fill in at least the name, then Save."))
        self.extra_values.show_values(())
        self.banner.hide()
        self.tabs.hide()
        self._update_buttons()
        form = self.form
        assert form is not None
        form.fields["name"].setFocus()

    def _update_buttons(self, *_: object) -> None:
        form = self.form
        deleted = bool(self.record and self.record.stamp.deleted_at)
        editing = form is not None and not deleted
        dirty = form is not None and (form.is_dirty() or self.record is None)
        self.save_button.setEnabled(
            editing and dirty and form is not None and form.is_valid() and self.saving is None
        )
        self.revert_button.setEnabled(editing and self.record is not None and form.is_dirty())
        self.delete_button.setVisible(self.record is not None and not deleted)
        self.restore_button.setVisible(deleted)
        self.save_button.setVisible(form is not None)
        self.revert_button.setVisible(form is not None)
        if form is not None:  # read-only while saving: the saved record replaces its content
            form.setEnabled(not deleted and self.saving is None)

    def has_unsaved_changes(self) -> bool:
        form = self.form
        return (
            form is not None
            and form.is_dirty()
            and not (self.record and self.record.stamp.deleted_at)
        )

    # -- actions ---------------------------------------------------------------------------
    def reload(self) -> None:
        if self.record is not None and self.kind is not None:
            self.show_record(self.kind, self.record.id)

    def save(self, then: Callable[[], None] | None = None) -> Op | None:
        """Save in the background; Save is disabled until it ends. On success the saved record
        is shown, ``then`` (e.g. "go on to the row the user picked") runs and ``saved`` is
        emitted; a conflict or an error is shown once, by the failure path."""
        form = self.form
        if form is None or self.kind is None or self.saving is not None or not form.validate():
            return None
        record_id = self.record.id if self.record is not None else None
        version = self.record.stamp.version if self.record is not None else 0
        op = contact_ops.save(self, self.ws, record_id, version, form.data())
        self.saving = op.success(lambda record: self._saved(record, then)).failure(
            self._save_failed
        )
        self._update_buttons()
        return op.run()

    def _saved(self, record: Company | Contact, then: Callable[[], None] | None) -> None:
        self.saving = None
        if isinstance(record, Company):
            self._show_company(record)
        else:
            self._show_contact(record)
        kind, record_id = record_kind(record), record.id
        if then is not None:
            then()
        self.saved.emit(kind.value, record_id)

    def _save_failed(self, exc: BaseException) -> None:
        self.saving = None
        self._update_buttons()
        form = self.form
        if isinstance(exc, ConflictError):
            self._conflict(exc)
            return
        if isinstance(exc, ValidationError) and form is not None:
            form.show_errors(exc.errors)
        show_error(self, exc)

    def _conflict(self, exc: ConflictError) -> None:
        """Never overwrite a colleague's change: say who changed it, offer to reload."""
        box = QMessageBox(self)
        box.setObjectName("conflict_box")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Changed by someone else"))
        box.setText(conflict_text(exc))
        box.setInformativeText(
            self.tr(
                "Reload shows their version (your edits are discarded). "
                "Keep editing lets you copy your changes first."
            )
        )
        reload_button = box.addButton(self.tr("Reload"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reload_button)
        box.exec()
        if box.clickedButton() is reload_button:
            if exc.deleted:
                self.clear()
            else:
                self.reload()
        else:
            self.banner.setText(conflict_text(exc) + " " + self.tr("Your edits are not saved."))
            self.banner.show()

    def _delete(self) -> None:
        if self.record is not None and self.kind is not None:
            self.deleteRequested.emit(self.kind.value, self.record.id)

    def _restore(self) -> None:
        if self.record is not None and self.kind is not None:
            self.restoreRequested.emit(self.kind.value, self.record.id)

    def on_change(self, change: Change) -> None:
        """Someone (another window, an import) changed what is shown: refresh, or warn if editing."""
        if self.record is None or change.origin is self:
            return
        if change.kind is RecordKind.OPPORTUNITY:
            if self.kind is RecordKind.COMPANY:
                self.deals.show_for(self.record.id, self.deals.company_name)
                self.tabs.setTabText(3, self.tr("Deals (%n)", "", self.deals.count()))
            return
        if change.kind in (RecordKind.ACTIVITY, RecordKind.TASK):
            return  # the timeline and the follow-ups follow the channel themselves
        if change.kind is not self.kind or (change.ids and self.record.id not in change.ids):
            if self.kind is RecordKind.COMPANY and change.kind is RecordKind.CONTACT:
                self._fill_people(self.record.id)
            return
        if self.has_unsaved_changes():
            self.banner.setText(
                self.tr("This record was changed elsewhere; saving will ask you what to do.")
            )
            self.banner.show()
        else:
            self.reload()


def record_kind(record: Company | Contact) -> RecordKind:
    return RecordKind.COMPANY if isinstance(record, Company) else RecordKind.CONTACT


class CompanyDeals(QWidget):
    """A customer's deals, open ones first; open one, or start a new one for this customer
    (signals: the Pipeline tab, which the main window knows, opens the deal)."""

    openDeal = Signal(int)
    newDealFor = Signal(int, str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.company_id: int | None = None
        self.company_name = ""
        self.tree = QTreeWidget()
        self.tree.setObjectName("company_deals")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [
                self.tr("Deal"),
                self.tr("Stage"),
                self.tr("Amount"),
                self.tr("Expected close"),
                self.tr("Owner"),
            ]
        )
        self.tree.itemDoubleClicked.connect(
            lambda item: self._open(item.data(0, Qt.ItemDataRole.UserRole))
        )
        new = QPushButton(self.tr("New deal for this customer"))
        new.setObjectName("new_company_deal")
        new.clicked.connect(lambda: self._open(None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(new, 0, Qt.AlignmentFlag.AlignLeft)

    def count(self) -> int:
        return self.tree.topLevelItemCount()

    def show_for(self, company_id: int, name: str) -> None:
        self.company_id, self.company_name = company_id, name
        self.tree.clear()
        for deal in pipeline_service.company_opportunities(self.ws, company_id):
            item = QTreeWidgetItem(
                [
                    deal.data.title,
                    deal.stage_name,
                    money_text(deal.data.amount, deal.data.currency),
                    date_text(deal.data.close_date),
                    deal.owner_name or "",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, deal.id)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)

    def _open(self, deal_id: int | None) -> None:
        if self.company_id is None:
            return
        if deal_id is None:
            self.newDealFor.emit(self.company_id, self.company_name)
        else:
            self.openDeal.emit(deal_id)
