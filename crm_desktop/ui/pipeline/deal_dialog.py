"""A deal (opportunity): its form, its path through the stages, its activities."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.pipeline import Opportunity, OpportunityData, Outcome, Stage
from crm_desktop.domain.records import ActivityKind
from crm_desktop.services import contacts as contact_service
from crm_desktop.services import pipeline as pipeline_service
from crm_desktop.services import sales as sales_service
from crm_desktop.services import timeline as timeline_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.errors import local_time, show_error
from crm_desktop.ui.labels import activity_label
from crm_desktop.ui.operations import Op
from crm_desktop.ui.operations import pipeline as pipeline_ops
from crm_desktop.ui.widgets.activity_dialog import ActivityDialog
from crm_desktop.ui.widgets.company_picker import CompanyPicker
from crm_desktop.ui.widgets.documents import open_order
from crm_desktop.ui.widgets.form_dialog import FormDialog
from crm_desktop.ui.widgets.format import date_text, money_text, parse_number
from crm_desktop.ui.widgets.owner_combo import OwnerCombo
from crm_desktop.ui.widgets.palette import ERROR_STYLE
from crm_desktop.ui.widgets.task_dialog import TaskDialog

translate = QCoreApplication.translate
CURRENCIES = ("CNY", "USD", "EUR", "HKD", "JPY", "GBP")
NO_DATE = QDate(2000, 1, 1)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(" ")  # the minimum shows as empty: "no date"
    edit.setDate(NO_DATE)
    return edit


def _date_of(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


def _set_date(edit: QDateEdit, value: date | None) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


def ask_lost_reason(parent: QWidget, ws: Workspace, deal_title: str) -> str | None:
    """The reason a deal was lost, from the configured list (or typed); None if cancelled."""
    reasons = pipeline_service.lost_reasons(ws)
    reason, ok = QInputDialog.getItem(
        parent,
        translate("DealDialog", "Deal lost"),
        translate("DealDialog", "Why was “%1” lost?").replace("%1", deal_title),
        reasons,
        0,
        True,
    )
    return reason.strip() if ok else None


class DealForm(QWidget):
    """The editable fields of a deal; ``validityChanged`` as the user types."""

    validityChanged = Signal(bool)

    def __init__(self, ws: Workspace, stages: list[Stage], parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.stages = stages
        self._stage_probability = True  # follow the stage's default until the user sets one
        self.title = QLineEdit()
        self.title.setObjectName("deal_title")
        self.title.setMaxLength(200)
        self.company = CompanyPicker(ws)
        self.company.setObjectName("deal_company")
        self.contact = QComboBox()
        self.contact.setObjectName("deal_contact")
        self.stage = QComboBox()
        self.stage.setObjectName("deal_stage")
        for stage in stages:
            self.stage.addItem(f"{stage.name} ({stage.probability}%)", stage.id)
        self.amount = QLineEdit()
        self.amount.setObjectName("deal_amount")
        self.amount.setPlaceholderText("0.00")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.probability = QSpinBox()
        self.probability.setObjectName("deal_probability")
        self.probability.setRange(0, 100)
        self.probability.setSuffix(" %")
        self.close_date = _date_edit()
        self.close_date.setObjectName("deal_close_date")
        self.owner = OwnerCombo(ws)
        self.next_step = QLineEdit()
        self.next_step.setObjectName("deal_next_step")
        self.next_step_date = _date_edit()
        self.source = QLineEdit()
        self.competitor = QLineEdit()
        self.lost_reason = QComboBox()
        self.lost_reason.setEditable(True)
        self.lost_reason.addItems(["", *pipeline_service.lost_reasons(ws)])
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        self.error = QLabel()
        self.error.setObjectName("deal_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)

        money_row = QHBoxLayout()
        money_row.addWidget(self.amount, 1)
        money_row.addWidget(self.currency)
        step_row = QHBoxLayout()
        step_row.addWidget(self.next_step, 1)
        step_row.addWidget(self.next_step_date)
        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Company"), self.company)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Stage"), self.stage)
        form.addRow(self.tr("Amount"), money_row)
        form.addRow(self.tr("Probability"), self.probability)
        form.addRow(self.tr("Expected close"), self.close_date)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Next step"), step_row)
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.tr("Competitor"), self.competitor)
        form.addRow(self.tr("Lost reason"), self.lost_reason)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(self.error)

        self.title.textChanged.connect(self._changed)
        self.amount.textChanged.connect(self._changed)
        self.company.textChanged.connect(self._company_changed)
        self.stage.currentIndexChanged.connect(self._stage_changed)
        self.probability.valueChanged.connect(self._probability_edited)

    def _stage(self) -> Stage:
        stage_id = self.stage.currentData()
        return next(s for s in self.stages if s.id == stage_id)

    def _stage_changed(self, *_: Any) -> None:
        stage = self._stage()
        if self._stage_probability:
            self.probability.blockSignals(True)
            self.probability.setValue(stage.probability)
            self.probability.blockSignals(False)
        self.lost_reason.setEnabled(stage.outcome is Outcome.LOST)
        self._changed()

    def _probability_edited(self, *_: Any) -> None:
        self._stage_probability = self.probability.value() == self._stage().probability

    def _company_changed(self, *_: Any) -> None:
        self._load_contacts(None)
        self._changed()

    def _load_contacts(self, selected: int | None) -> None:
        self.contact.clear()
        self.contact.addItem("", None)
        company_id = self.company.company_id if self.company.is_consistent() else None
        if company_id is not None:
            for row in contact_service.company_people(self.ws, company_id):
                self.contact.addItem(str(row[1]), row[0])
        index = self.contact.findData(selected)
        self.contact.setCurrentIndex(max(index, 0))

    def load(self, deal: Opportunity | None, stage_id: int | None = None) -> None:
        d = deal.data if deal else None
        self.title.setText(d.title if d else "")
        self.company.set_company(d.company_id if d else None, deal.company_name if deal else None)
        self._load_contacts(d.contact_id if d else None)
        wanted = d.stage_id if d else (stage_id or self.stages[0].id)
        if deal is not None and self.stage.findData(wanted) < 0:
            # A deal still in a retired stage (restored from the Trash, say) shows that stage,
            # so saving other fields does not move it.
            retired = Stage(
                wanted, deal.stage_name, 999, d.probability or 0 if d else 0, deal.outcome
            )
            self.stages = [*self.stages, retired]
            self.stage.addItem(deal.stage_name, wanted)
        self.stage.setCurrentIndex(max(self.stage.findData(wanted), 0))
        self._stage_probability = d is None or d.probability == self._stage().probability
        self.probability.setValue(d.probability or 0 if d else self._stage().probability)
        self.amount.setText(f"{d.amount:f}" if d else "")
        self.currency.setCurrentText(d.currency if d else "CNY")
        _set_date(self.close_date, d.close_date if d else None)
        owner = d.owner_id if d and d.owner_id else self.ws.user.id
        self.owner.set_owner(owner)
        self.next_step.setText(d.next_step if d else "")
        _set_date(self.next_step_date, d.next_step_date if d else None)
        self.source.setText(d.source if d else "")
        self.competitor.setText(d.competitor if d else "")
        self.lost_reason.setCurrentText(d.lost_reason if d else "")
        self.notes.setPlainText(d.notes if d else "")
        self._stage_changed()

    def errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.title.text().strip():
            errors["title"] = self.tr("A deal needs a title.")
        amount = parse_number(self.amount.text()) if self.amount.text().strip() else Decimal(0)
        if amount is None:
            errors["amount"] = self.tr("The amount is not a number.")
        elif amount < 0:
            errors["amount"] = self.tr("The amount cannot be negative.")
        if not self.company.is_consistent():
            errors["company"] = self.tr("Pick a company from the list, or leave it empty.")
        return errors

    def _changed(self, *_: Any) -> None:
        errors = self.errors()
        self.error.setText("\n".join(errors.values()))
        self.validityChanged.emit(not errors)

    def data(self) -> OpportunityData:
        stage = self._stage()
        return OpportunityData(
            title=self.title.text(),
            stage_id=stage.id,
            company_id=self.company.company_id if self.company.text().strip() else None,
            contact_id=self.contact.currentData(),
            amount=parse_number(self.amount.text()) or Decimal(0),
            currency=self.currency.currentText(),
            probability=self.probability.value(),
            close_date=_date_of(self.close_date),
            owner_id=self.owner.owner_id(),
            next_step=self.next_step.text(),
            next_step_date=_date_of(self.next_step_date),
            source=self.source.text(),
            competitor=self.competitor.text(),
            lost_reason=self.lost_reason.currentText() if stage.outcome is Outcome.LOST else "",
            notes=self.notes.toPlainText(),
        )


class DealDialog(FormDialog):
    """New or existing deal. Saving over a colleague's change says so and reloads."""

    loaded = Signal()  # an existing deal is read and shown

    def __init__(
        self,
        ws: Workspace,
        deal_id: int | None = None,
        parent: QWidget | None = None,
        stage_id: int | None = None,
        company: tuple[int, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deal_dialog")
        self.ws = ws
        self.deal_id = deal_id
        self.loading = False
        self.deal: Opportunity | None = None
        self.saved: Opportunity | None = None
        self.resize(620, 640)
        stages = pipeline_service.stages(ws)
        self.form = DealForm(ws, stages)
        self.error = self.form.error  # the form's error line is the dialog's
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, self.tr("Deal"))
        self.history = QTableWidget(0, 4)
        self.history.setObjectName("stage_history")
        self.history.setHorizontalHeaderLabels(
            [self.tr("Stage"), self.tr("Entered"), self.tr("Days"), self.tr("By")]
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.activities = QTableWidget(0, 3)
        self.activities.setObjectName("deal_activities")
        self.activities.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Kind"), self.tr("Subject")]
        )
        self.activities.horizontalHeader().setStretchLastSection(True)
        self.activities.verticalHeader().hide()
        self.activities.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.follow_ups = QTableWidget(0, 3)
        self.follow_ups.setObjectName("deal_follow_ups")
        self.follow_ups.setHorizontalHeaderLabels(
            [self.tr("Due"), self.tr("Follow-up"), self.tr("Owner")]
        )
        self.follow_ups.horizontalHeader().setStretchLastSection(True)
        self.follow_ups.verticalHeader().hide()
        self.follow_ups.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.follow_ups.setMaximumHeight(140)
        log_button = QPushButton(self.tr("Log activity…"))
        log_button.setObjectName("log_activity")
        log_button.clicked.connect(self.log_activity)
        task_button = QPushButton(self.tr("Add follow-up…"))
        task_button.setObjectName("add_follow_up")
        task_button.clicked.connect(self.add_follow_up)
        activity_buttons = QHBoxLayout()
        activity_buttons.addWidget(log_button)
        activity_buttons.addWidget(task_button)
        activity_buttons.addStretch(1)
        activity_page = QWidget()
        activity_layout = QVBoxLayout(activity_page)
        activity_layout.addWidget(self.activities)
        activity_layout.addWidget(QLabel(self.tr("Open follow-ups")))
        activity_layout.addWidget(self.follow_ups)
        activity_layout.addLayout(activity_buttons)
        self.tabs.addTab(self.history, self.tr("Stage history"))
        self.tabs.addTab(activity_page, self.tr("Activities"))
        self.stamp = QLabel()
        self.stamp.setStyleSheet("color: gray;")
        self.order_button = QPushButton(self.tr("Make the order…"))
        self.order_button.setObjectName("deal_order")
        self.order_button.setToolTip(self.tr("An order to this customer for the won deal"))
        self.order_button.clicked.connect(self.open_order)
        self.order_button.hide()
        self.order_dialog: QDialog | None = None
        self.delete_button = QPushButton(self.tr("Delete deal"))
        self.delete_button.setObjectName("delete_deal")
        self.delete_button.clicked.connect(self.delete)
        self.delete_button.hide()
        self.form.validityChanged.connect(self._set_valid)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        bottom = QHBoxLayout()
        bottom.addWidget(self.order_button)
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addWidget(self.stamp)
        layout.addLayout(bottom)
        if deal_id is not None:
            self.load(deal_id)
        else:
            self.setWindowTitle(self.tr("New deal"))
            self.form.load(None, stage_id)
            if company is not None:
                self.form.company.set_company(*company)
                self.form._load_contacts(None)
            self.tabs.setTabEnabled(1, False)
            self.tabs.setTabEnabled(2, False)
        self.form._changed()

    def _set_valid(self, valid: bool) -> None:
        self.set_valid(valid and not self.loading)

    def load(self, deal_id: int) -> None:
        """Read the deal, its orders, path and activities off the GUI thread, then show them;
        Save waits for it (``loaded``)."""
        self.deal_id = deal_id
        self.loading = True
        self.set_valid(False)
        ws = self.ws

        def read() -> tuple[Any, ...]:
            deal = pipeline_service.get_opportunity(ws, deal_id)
            won = deal.outcome is Outcome.WON
            orders = sales_service.orders_of_opportunity(ws, deal_id) if won else []
            stays = pipeline_service.stage_history(ws, deal_id)
            return deal, orders, stays, *_activities(ws, deal_id)

        def failed(exc: BaseException) -> None:  # e.g. deleted by a colleague meanwhile
            show_error(self, exc)
            self.reject()

        operations.query(self, read).success(lambda r: self._show(*r)).failure(failed).run()

    def _show(
        self,
        deal: Opportunity,
        orders: list[int],
        stays: list[Any],
        items: list[Any],
        tasks: list[Any],
    ) -> None:
        self.deal = deal
        self.setWindowTitle(self.tr("Deal: %1").replace("%1", deal.data.title))
        self.form.load(deal)
        self.stamp.setText(
            self.tr("Created %1 · in this stage since %2")
            .replace("%1", local_time(deal.created_at))
            .replace("%2", local_time(deal.stage_entered_at))
        )
        self.delete_button.show()
        won = deal.outcome is Outcome.WON
        self._orders = orders
        self.order_button.setVisible(won)
        self.order_button.setText(
            self.tr("Open its order…") if self._orders else self.tr("Make the order…")
        )
        now = datetime.now(UTC)
        self.history.setRowCount(len(stays))
        for row, stay in enumerate(stays):
            values = [
                stay.stage_name,
                local_time(stay.entered_at),
                f"{stay.days(now):.1f}",
                stay.user_name or "",
            ]
            for col, value in enumerate(values):
                self.history.setItem(row, col, QTableWidgetItem(value))
        self._show_activities(items, tasks)
        self.loading = False
        self.form._changed()
        self.loaded.emit()

    def _load_activities(self) -> None:
        if self.deal is None:
            return
        ws, deal_id = self.ws, self.deal.id
        operations.query(self, lambda: _activities(ws, deal_id)).success(
            lambda r: self._show_activities(*r)
        ).run()

    def _show_activities(self, items: list[Any], tasks: list[Any]) -> None:
        self.activities.setRowCount(len(items))
        for row, item in enumerate(items):
            values = [
                local_time(item.data.occurred_at),
                activity_label(item.data.kind),
                item.data.subject,
            ]
            for col, value in enumerate(values):
                self.activities.setItem(row, col, QTableWidgetItem(value))
        self.activities.resizeColumnsToContents()
        self.follow_ups.setRowCount(len(tasks))
        for row, task in enumerate(tasks):
            values = [date_text(task.data.due_date), task.data.title, task.owner_name or ""]
            for col, value in enumerate(values):
                self.follow_ups.setItem(row, col, QTableWidgetItem(value))
        self.follow_ups.resizeColumnsToContents()

    def open_order(self) -> QDialog | None:
        """The won deal's order: made now (one line of the deal's amount, due in 30 days, to
        edit at once) unless it has one already."""
        if self.deal is None:
            return None
        if self._orders:
            return self._open_order_dialog(self._orders[-1])
        self.order_button.setEnabled(False)

        def made(order: Any) -> None:
            self.order_button.setEnabled(True)
            self._orders = [order.id]
            self.order_button.setText(self.tr("Open its order…"))
            self._open_order_dialog(order.id)

        def failed(exc: BaseException) -> None:
            self.order_button.setEnabled(True)
            show_error(self, exc)

        pipeline_ops.order_from_deal(self, self.ws, self.deal.id, date.today()).success(
            made
        ).failure(failed).run()
        return None

    def _open_order_dialog(self, order_id: int) -> QDialog:
        self.order_dialog = open_order(self.ws, order_id, self)
        return self.order_dialog

    def delete(self) -> bool:
        """Delete the deal after asking (it leaves the board, the lists and the forecast)."""
        if self.deal is None:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Delete deal"),
            self.tr(
                "Delete the deal “%1”? It leaves the board, the lists and the forecast."
            ).replace("%1", self.deal.data.title),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        pipeline_ops.delete_deals(self, self.ws, [self.deal.id]).success(
            lambda _ids: self.accept()
        ).run()
        return True

    def log_activity(self) -> ActivityDialog | None:
        """Log a call, visit … on this deal (and so on its customer's timeline)."""
        if self.deal is None:
            return None
        d = self.deal.data
        dialog = ActivityDialog(
            self.ws, ActivityKind.CALL, d.company_id, d.contact_id, self,
            opportunity_id=self.deal.id,
        )  # fmt: skip
        dialog.accepted.connect(self._load_activities)
        dialog.open()
        return dialog

    def add_follow_up(self) -> TaskDialog | None:
        """A follow-up task for this deal: in its owner's My tasks and on the customer."""
        if self.deal is None:
            return None
        d = self.deal.data
        dialog = TaskDialog(self.ws, d.company_id, d.contact_id, self, opportunity_id=self.deal.id)
        dialog.accepted.connect(self._load_activities)
        dialog.open()
        return dialog

    def save_op(self) -> Op | None:
        data = self.form.data()
        if self.deal is None:
            return pipeline_ops.create_deal(self, self.ws, data)
        if (
            data.stage_id != self.deal.data.stage_id
            and self.form._stage().outcome is Outcome.LOST
            and not data.lost_reason.strip()
        ):
            reason = ask_lost_reason(self, self.ws, data.title)
            if reason is None:
                return None
            self.form.lost_reason.setCurrentText(reason)
            data = self.form.data()
        return pipeline_ops.update_deal(self, self.ws, self.deal.id, self.deal.version, data)

    def on_saved(self, deal: Opportunity) -> None:
        self.saved = deal
        self.accept()

    def fresh_query(self) -> Callable[[], Opportunity] | None:
        deal, ws = self.deal, self.ws
        return None if deal is None else lambda: pipeline_service.get_opportunity(ws, deal.id)

    def show_fresh(self, deal: Opportunity, keep_edits: bool) -> None:
        if keep_edits:
            self.deal = deal
        else:
            self.load(deal.id)


def deal_summary(deal: Opportunity) -> str:
    return f"{deal.data.title} · {money_text(deal.data.amount, deal.data.currency)}"


def _activities(ws: Workspace, deal_id: int) -> tuple[list[Any], list[Any]]:
    """A deal's logged activities and open follow-ups (a read for a query op)."""
    return (
        timeline_service.timeline(ws, opportunity_id=deal_id),
        timeline_service.open_tasks(ws, opportunity_id=deal_id),
    )
