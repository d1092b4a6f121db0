"""A quote or an order: customer, dates, line items with a live total, payments; accept a
quote, cancel an order. A colleague's change in between is said, never overwritten."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import ConflictError, ValidationError
from crm_desktop.domain.pipeline import Order, OrderData, OrderKind, OrderStatus, Product
from crm_desktop.domain.records import Change, ChangeAction, RecordKind
from crm_desktop.domain.validation import MAX_MONEY
from crm_desktop.services import contacts as contact_service
from crm_desktop.services import sales as sales_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeChannel
from crm_desktop.ui.errors import conflict_text, show_error
from crm_desktop.ui.operations import sales as sales_ops
from crm_desktop.ui.sales.line_items import LineItemsEditor
from crm_desktop.ui.sales.payments import PaymentsPanel
from crm_desktop.ui.sales.sales_form import FieldErrors
from crm_desktop.ui.sales.sales_text import (
    CURRENCIES,
    kind_label,
    status_label,
)
from crm_desktop.ui.widgets.company_picker import CompanyPicker
from crm_desktop.ui.widgets.documents import set_order_opener
from crm_desktop.ui.widgets.format import money_text
from crm_desktop.ui.widgets.owner_combo import OwnerCombo

DEFAULT_TERMS_DAYS = 30
BANNER_STYLE = "background: #fff3cd; color: #7a5a00; padding: 6px;"


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class OrderDialog(QDialog):
    """Opened on an existing quote/order (``order_id``) or blank for a new one of ``kind``.
    Stays open after Save, so payments can be recorded at once."""

    saved = Signal(int)  # the id of the quote or order saved (or created by accepting)
    loaded = Signal()  # the order (and the product catalogue) are read and shown

    def __init__(
        self,
        ws: Workspace,
        order_id: int | None = None,
        kind: OrderKind = OrderKind.ORDER,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.kind = kind
        self.order: Order | None = None
        self._saved_data: OrderData | None = None
        self._loading = False
        self._company_id: int | None = None
        self.setMinimumSize(860, 600)
        self.errors = FieldErrors()

        self.heading = QLabel()
        self.heading.setObjectName("order_heading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.banner = QLabel()
        self.banner.setObjectName("order_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()

        # -- the header fields, in two columns ----------------------------------------------
        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.company = CompanyPicker(ws)
        self.company.setObjectName("customer")
        self.company.setPlaceholderText(self.tr("Type to search companies"))
        self.errors.add_row(left, self.tr("Customer"), "company", self.company)
        self.contact = QComboBox()
        self.contact.setObjectName("contact")
        left.addRow(self.tr("Contact"), self.contact)
        self.owner = OwnerCombo(ws)
        self.owner.setObjectName("owner")
        left.addRow(self.tr("Owner"), self.owner)
        right = QFormLayout()
        self.order_date = QDateEdit(QDate.currentDate())
        self.order_date.setObjectName("order_date")
        self.order_date.setCalendarPopup(True)
        self.order_date.setDisplayFormat("yyyy-MM-dd")
        right.addRow(self.tr("Date"), self.order_date)
        self.has_due = QCheckBox()
        self.has_due.setObjectName("has_due")
        self.has_due.setToolTip(self.tr("Untick when no payment date was agreed"))
        self.due_date = QDateEdit(QDate.currentDate().addDays(DEFAULT_TERMS_DAYS))
        self.due_date.setObjectName("due_date")
        self.due_date.setCalendarPopup(True)
        self.due_date.setDisplayFormat("yyyy-MM-dd")
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due_date, 1)
        self.errors.add_row(right, self.tr("Payment due"), "due_date", due_row)
        self.currency = QComboBox()
        self.currency.setObjectName("currency")
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.currency.lineEdit().setMaxLength(3)
        self.errors.add_row(right, self.tr("Currency"), "currency", self.currency)
        fields = QHBoxLayout()
        fields.addLayout(left, 3)
        fields.addSpacing(16)
        fields.addLayout(right, 2)

        # -- lines, total, notes ----------------------------------------------------------
        self.lines = LineItemsEditor([])  # the catalogue comes with the order (``loaded``)
        self.total_label = QLabel()
        self.total_label.setObjectName("order_total")
        self.total_label.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total_error = self.errors.error_label("total")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("order_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(60)
        self.notes.setPlaceholderText(self.tr("Notes (delivery, terms …)"))
        lines_box = QWidget()
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        lines_layout.addWidget(self.lines, 1)
        total_row = QHBoxLayout()
        total_row.addWidget(self.total_error, 1)
        total_row.addWidget(self.total_label)
        lines_layout.addLayout(total_row)
        lines_layout.addWidget(self.notes)

        self.payments = PaymentsPanel(ws)
        self.payments.changed.connect(self._payments_changed)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(lines_box)
        self.splitter.addWidget(self.payments)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

        # -- actions ----------------------------------------------------------------------
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.accept_button = QPushButton(self.tr("Accept quote → order"))
        self.accept_button.setObjectName("accept_quote")
        self.accept_button.clicked.connect(self.accept_quote)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel_order")
        self.cancel_button.clicked.connect(self.cancel_order)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.accept_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addLayout(fields)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

        self.company.textChanged.connect(self._company_changed)
        for combo in (self.contact, self.owner):
            combo.currentIndexChanged.connect(self._changed)
        self.currency.currentTextChanged.connect(self._changed)
        self.order_date.dateChanged.connect(self._changed)
        self.due_date.dateChanged.connect(self._changed)
        self.has_due.toggled.connect(self.due_date.setEnabled)
        self.has_due.toggled.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        self.lines.changed.connect(self._changed)
        self._following = ChangeChannel.of(ws).changed.connect(self._on_change)

        self.is_loaded = False
        self._loading = True  # nothing to check or save until the order is in
        self.save_button.setEnabled(False)

        def read() -> tuple[list[Product], Order | None]:
            products = sales_service.products(ws, include_inactive=True)
            return products, None if order_id is None else sales_service.get_order(ws, order_id)

        def failed(exc: BaseException) -> None:  # e.g. deleted by a colleague meanwhile
            show_error(self, exc)
            self._close_now()

        operations.query(self, read).success(lambda r: self._loaded(*r)).failure(failed).run()

    def _loaded(self, products: list[Product], order: Order | None) -> None:
        self.lines.products = {p.id: p for p in products}
        if order is not None:
            self.load(order)
        else:
            self._load_new()
        self.is_loaded = True
        self.loaded.emit()

    # -- loading ---------------------------------------------------------------------------
    def _load_new(self) -> None:
        self._loading = True
        self.order = None
        self.company.set_company(None, None)
        self._fill_contacts(None)
        self.owner.set_owner(self.ws.user.id)
        self.order_date.setDate(QDate.currentDate())
        self.has_due.setChecked(True)
        self.due_date.setDate(QDate.currentDate().addDays(DEFAULT_TERMS_DAYS))
        self.currency.setCurrentText("CNY")
        self.notes.setPlainText("")
        self.lines.set_lines(())
        self.lines.add_line()
        self._loading = False
        self._saved_data = None
        self._after_load()
        self.company.setFocus()

    def load(self, order: Order) -> None:
        self._loading = True
        self.order = order
        self.kind = order.data.kind
        data = order.data
        self.company.set_company(data.company_id, order.company_name)
        self._fill_contacts(data.company_id)
        self.contact.setCurrentIndex(max(0, self.contact.findData(data.contact_id)))
        self.owner.set_owner(data.owner_id, order.owner_name or "?")
        self.order_date.setDate(_qdate(data.order_date))
        self.has_due.setChecked(data.due_date is not None)
        if data.due_date is not None:
            self.due_date.setDate(_qdate(data.due_date))
        self.currency.setCurrentText(data.currency)
        self.notes.setPlainText(data.notes)
        self.lines.set_lines(data.lines)
        self._loading = False
        self._saved_data = self.data_or_none()
        self._after_load()

    def _after_load(self) -> None:
        order = self.order
        editable = order is None or order.data.status is OrderStatus.OPEN
        for widget in (self.company, self.contact, self.owner, self.order_date, self.currency):
            widget.setEnabled(editable)
        self.has_due.setEnabled(editable)
        self.due_date.setEnabled(editable and self.has_due.isChecked())
        self.notes.setReadOnly(not editable)
        self.lines.set_read_only(not editable)
        what = kind_label(self.kind)
        if order is None:
            title = self.tr("New quote") if self.kind is OrderKind.QUOTE else self.tr("New order")
            self.heading.setText(title)
        else:
            title = f"{what} {order.number}"
            self.heading.setText(f"{title}  ·  {status_label(order.data.status)}")
        self.setWindowTitle(title)
        is_order = self.kind is OrderKind.ORDER
        self.payments.setVisible(is_order and order is not None)
        if is_order and order is not None:
            self.payments.show_order(order)
        self.cancel_button.setText(self.tr("Cancel order") if is_order else self.tr("Declined"))
        self.cancel_button.setToolTip(
            self.tr("The customer cancelled: the order no longer counts as owed")
            if is_order
            else self.tr("The customer turned the quote down")
        )
        self._changed()

    def _fill_contacts(self, company_id: int | None) -> None:
        self._company_id = company_id
        current = self.contact.currentData()
        self.contact.blockSignals(True)
        self.contact.clear()
        self.contact.addItem(self.tr("(none)"), None)
        if company_id is not None:
            for person_id, name, title, *_ in contact_service.company_people(self.ws, company_id):
                self.contact.addItem(f"{name} · {title}" if title else name, person_id)
        self.contact.setCurrentIndex(max(0, self.contact.findData(current)))
        self.contact.blockSignals(False)

    def _company_changed(self, *_: Any) -> None:
        company_id = self.company.company_id if self.company.is_consistent() else None
        if company_id != self._company_id and not self._loading:
            self._fill_contacts(company_id)
        self._changed()

    # -- state -----------------------------------------------------------------------------
    def data(self) -> OrderData:
        """The form as order data; ValueError while a line cannot be read."""
        if self.company.company_id is None or not self.company.text().strip():
            raise ValueError("no customer")
        order_date: date = self.order_date.date().toPython()  # type: ignore[assignment]
        due: date | None = (
            self.due_date.date().toPython()  # type: ignore[assignment]
            if self.has_due.isChecked()
            else None
        )
        base = self.order.data if self.order is not None else None
        return OrderData(
            kind=self.kind,
            company_id=self.company.company_id,
            order_date=order_date,
            lines=self.lines.lines(),
            contact_id=self.contact.currentData(),
            opportunity_id=base.opportunity_id if base else None,
            owner_id=self.owner.owner_id(),
            due_date=due,
            status=base.status if base else OrderStatus.OPEN,
            currency=self.currency.currentText().strip().upper(),
            notes=self.notes.toPlainText().strip(),
            number=base.number if base else "",
        )

    def data_or_none(self) -> OrderData | None:
        try:
            return self.data()
        except ValueError:
            return None

    def form_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.company.is_consistent() or self.company.company_id is None:
            errors["company"] = self.tr("Pick the customer from the list of companies.")
        currency = self.currency.currentText().strip()
        if len(currency) != 3 or not currency.isalpha():
            errors["currency"] = self.tr("A three-letter code such as CNY, USD or EUR.")
        if self.has_due.isChecked() and self.due_date.date() < self.order_date.date():
            errors["due_date"] = self.tr("Payment cannot be due before the order date.")
        line_errors = self.lines.line_errors()
        self.lines.show_errors(list(line_errors.values()))
        if line_errors:
            errors["lines"] = ""
        else:
            total = self.lines.total()
            if not self.lines.lines():
                self.lines.show_errors([self.tr("Add at least one line.")])
                errors["lines"] = ""
            elif total is None or total >= MAX_MONEY:  # None: beyond what Decimal rounds
                errors["total"] = self.tr("The total is too large.")
            elif total is not None and self.order is not None and total < self.order.paid:
                errors["total"] = self.tr(
                    "The total cannot be less than what was already received ({paid})."
                ).format(paid=money_text(self.order.paid))
        return errors

    def is_dirty(self) -> bool:
        return self.order is None or self.data_or_none() != self._saved_data

    def _editable(self) -> bool:
        return self.order is None or self.order.data.status is OrderStatus.OPEN

    def _changed(self, *_: Any) -> None:
        if self._loading:
            return
        total = self.lines.total()
        currency = self.currency.currentText().strip().upper()
        self.total_label.setText(
            self.tr("Total: {amount} {currency}").format(
                amount=money_text(total) if total is not None else "—", currency=currency
            )
        )
        errors = self.form_errors()
        self.errors.show({k: v for k, v in errors.items() if v})
        dirty = self.is_dirty()
        editable = self._editable()
        self.save_button.setEnabled(editable and dirty and not errors)
        order = self.order
        is_open = order is not None and order.data.status is OrderStatus.OPEN
        self.accept_button.setVisible(self.kind is OrderKind.QUOTE and order is not None)
        self.accept_button.setEnabled(is_open and not dirty)
        self.accept_button.setToolTip(
            self.tr("Save your changes first") if is_open and dirty else ""
        )
        self.cancel_button.setVisible(order is not None)
        self.cancel_button.setEnabled(is_open and not dirty)

    # -- actions ---------------------------------------------------------------------------
    def save(self) -> bool:
        self._changed()
        if not self.save_button.isEnabled():
            return False
        data = self.data()
        if self.order is None:
            op = sales_ops.create_order(self, self.ws, data)
        else:
            op = sales_ops.update_order(self, self.ws, self.order.id, self.order.version, data)
        self.save_button.setEnabled(False)
        op.success(self._saved).failure(self._save_failed).run()
        return True

    def _saved(self, order: Order) -> None:
        self.banner.hide()
        self.load(order)
        self.saved.emit(order.id)

    def _save_failed(self, exc: BaseException) -> None:
        self._changed()
        if isinstance(exc, ConflictError):
            self._conflict(exc)
        elif isinstance(exc, ValidationError):
            shown = [self.errors.show_one(k, v) for k, v in exc.errors.items()]
            if not all(shown):
                show_error(self, exc)
        else:
            show_error(self, exc)

    def accept_quote(self) -> None:
        """The customer took the quote: the dialog goes on with the new order."""
        quote = self.order
        if quote is None or quote.data.kind is not OrderKind.QUOTE:
            return

        def accepted(order: Order) -> None:
            self.load(order)
            self.banner.setText(
                self.tr("Quote {quote} accepted: this is its order {order}.").format(
                    quote=quote.number, order=order.number
                )
            )
            self.banner.show()
            self.saved.emit(order.id)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ConflictError):
                self._conflict(exc)
            else:
                show_error(self, exc)
                self.reload()

        self.accept_button.setEnabled(False)
        sales_ops.accept_quote(self, self.ws, quote.id, quote.version, date.today()).success(
            accepted
        ).failure(failed).run()

    def cancel_order(self) -> None:
        order = self.order
        if order is None:
            return
        is_order = order.data.kind is OrderKind.ORDER
        question = (
            self.tr("Cancel order {number}? It will no longer count as owed.")
            if is_order
            else self.tr("Mark quote {number} as declined by the customer?")
        ).format(number=order.number)
        answer = QMessageBox.question(self, self.windowTitle(), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        status = OrderStatus.CANCELLED if is_order else OrderStatus.DECLINED

        def changed(order: Order) -> None:
            self.load(order)
            self.saved.emit(order.id)

        def failed(exc: BaseException) -> None:
            self._changed()
            if isinstance(exc, ConflictError):
                self._conflict(exc)
            else:
                show_error(self, exc)

        self.cancel_button.setEnabled(False)
        sales_ops.set_order_status(self, self.ws, order.id, order.version, status).success(
            changed
        ).failure(failed).run()

    def _conflict(self, exc: ConflictError) -> None:
        """Never overwrite a colleague's change: say who made it, show their version."""
        text = conflict_text(exc)
        QMessageBox.warning(
            self,
            self.tr("Changed by someone else"),
            text + "\n\n" + self.tr("It is shown again as it is now; your edits were not saved."),
        )
        self.banner.setText(text + " " + self.tr("Your edits were not saved."))
        self.banner.show()
        if exc.deleted:
            self._close_now()
        else:
            self.reload(keep_banner=True)

    def reload(self, keep_banner: bool = False) -> None:
        if self.order is None:
            return

        def fresh(order: Order) -> None:
            if not keep_banner:
                self.banner.hide()
            self.load(order)

        def failed(exc: BaseException) -> None:  # deleted meanwhile
            show_error(self, exc)
            self._close_now()

        self._read_order().success(fresh).failure(failed).run()

    def _read_order(self) -> operations.Op:
        assert self.order is not None
        ws, order_id = self.ws, self.order.id
        return operations.query(self, lambda: sales_service.get_order(ws, order_id))

    def _payments_changed(self) -> None:
        """Payments do not change the order's version: refresh the amounts, keep any edits."""
        if self.order is None:
            return

        def fresh(order: Order) -> None:
            if self.order is None or self.order.id != order.id:
                return
            self.order = replace(self.order, paid=order.paid)
            self.payments.show_order(self.order)
            self._changed()

        self._read_order().success(fresh).run()

    def _on_change(self, change: Change) -> None:
        order = self.order
        if order is None or change.kind is not RecordKind.ORDER or order.id not in change.ids:
            return
        if change.origin in (self, self.payments) or (
            isinstance(change.origin, QWidget) and change.origin.parent() is self.payments
        ):
            return
        if change.action is ChangeAction.PAID or not self.is_dirty():
            if change.action is ChangeAction.PAID:
                self._payments_changed()
            else:
                self.reload()
            return
        self.banner.setText(
            self.tr("This {kind} was changed elsewhere; saving will tell you what to do.").format(
                kind=kind_label(order.data.kind).lower()
            )
        )
        self.banner.show()

    def has_unsaved_changes(self) -> bool:
        if self.order is None:
            return bool(self.company.text().strip()) or any(
                not row.is_blank() for row in self.lines.rows
            )
        return self._editable() and self.is_dirty()

    def reject(self) -> None:
        """Close, Esc and the window's close button: ask before dropping edits."""
        if self.has_unsaved_changes():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Close without saving your changes?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    def _close_now(self) -> None:
        super().reject()

    def done(self, result: int) -> None:
        QObject.disconnect(self._following)
        super().done(result)


set_order_opener(lambda ws, order_id, parent: OrderDialog(ws, order_id, parent=parent))
