"""Payments received against an order (回款): the list in the order dialog, recording one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.pipeline import (
    Order,
    OrderKind,
    OrderStatus,
    Payment,
    PaymentData,
    PaymentMethod,
)
from crm_desktop.domain.validation import MAX_SHORT
from crm_desktop.services import sales as sales_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.operations import Op
from crm_desktop.ui.operations import sales as sales_ops
from crm_desktop.ui.sales.sales_form import FieldErrors
from crm_desktop.ui.sales.sales_text import method_label
from crm_desktop.ui.widgets.form_dialog import FormDialog
from crm_desktop.ui.widgets.format import money_text, parse_number
from crm_desktop.ui.widgets.palette import OVERDUE

PAYMENT_ROLE = Qt.ItemDataRole.UserRole + 3


class PaymentDialog(FormDialog):
    """Amount (the open balance to start with), date, method, reference; or, given a payment,
    the same filled in to correct it."""

    def __init__(
        self,
        ws: Workspace,
        order: Order,
        parent: QWidget | None = None,
        payment: Payment | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.order = order
        self.editing = payment
        self.payment: Payment | None = None
        title = self.tr("Edit payment · %s") if payment else self.tr("Record payment · %s")
        self.setWindowTitle(title % order.number)
        self.setMinimumWidth(380)
        self.errors = FieldErrors()
        form = QFormLayout()
        self.balance_label = QLabel()
        self.balance_label.setObjectName("open_balance")
        form.addRow(self.tr("Open balance"), self.balance_label)
        self.amount = QLineEdit(money_text(payment.data.amount if payment else order.balance))
        self.amount.setObjectName("amount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(QLabel(order.data.currency))
        self.errors.add_row(form, self.tr("Amount"), "amount", amount_row)
        self.paid_on = QDateEdit(QDate.currentDate())
        self.paid_on.setObjectName("paid_on")
        self.paid_on.setCalendarPopup(True)
        self.paid_on.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("Received on"), self.paid_on)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for method in PaymentMethod:
            self.method.addItem(method_label(method.value), method.value)
        form.addRow(self.tr("Method"), self.method)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setMaxLength(MAX_SHORT)
        self.reference.setPlaceholderText(self.tr("e.g. bank slip or transaction number"))
        form.addRow(self.tr("Reference"), self.reference)
        if payment is not None:
            d = payment.data
            self.paid_on.setDate(QDate(d.paid_on.year, d.paid_on.month, d.paid_on.day))
            self.method.setCurrentIndex(max(self.method.findData(d.method), 0))
            self.reference.setText(d.reference)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.add_footer(layout, error=False)
        self.amount.textChanged.connect(self.validate)
        self._show_balance()
        self.validate()
        self.amount.selectAll()

    def _payable(self) -> Decimal:
        """What this payment may be at most: the open balance, plus its own amount if edited."""
        own = self.editing.data.amount if self.editing is not None else Decimal(0)
        return self.order.balance + own

    def _show_balance(self) -> None:
        self.balance_label.setText(f"{money_text(self.order.balance)} {self.order.data.currency}")

    def _too_much(self) -> str:
        return self.tr("More than the open balance of this order ({balance}).").format(
            balance=money_text(self._payable())
        )

    def form_errors(self) -> dict[str, str]:
        amount = parse_number(self.amount.text())
        if amount is None:
            return {"amount": self.tr("Write the amount received, e.g. 5000 or 5,000.00.")}
        if amount <= 0:
            return {"amount": self.tr("A payment must be more than 0.")}
        if amount > self._payable():
            return {"amount": self._too_much()}
        return {}

    def validate(self, *_: Any) -> bool:
        errors = self.form_errors()
        self.errors.show(errors)
        self.set_valid(not errors)
        return not errors

    def data(self) -> PaymentData:
        return PaymentData(
            order_id=self.order.id,
            amount=parse_number(self.amount.text()) or Decimal("0"),
            paid_on=self.paid_on.date().toPython(),  # type: ignore[arg-type]
            method=self.method.currentData(),
            reference=self.reference.text(),
        )

    def save_op(self) -> Op | None:
        if not self.validate():
            return None
        if self.editing is None:
            return sales_ops.record_payment(self, self.ws, self.data())
        p = self.editing
        return sales_ops.update_payment(self, self.ws, p.id, p.version, self.data())

    def on_saved(self, payment: Payment) -> None:
        self.payment = payment
        self.accept()

    def invalid(self, exc: ValidationError) -> None:
        if "amount" not in exc.errors:
            show_error(self, exc)
            return
        # A colleague recorded a payment meanwhile: the balance shrank under us.
        amount = self.data().amount
        self.errors.show_one("amount", exc.errors["amount"])
        self.save_button.setEnabled(False)
        ws, order_id = self.ws, self.order.id

        def fresh(order: Order) -> None:
            self.order = order
            self._show_balance()
            if amount > self._payable():
                self.errors.show_one("amount", self._too_much())

        operations.query(self, lambda: sales_service.get_order(ws, order_id)).success(fresh).run()


class PaymentsPanel(QWidget):
    """The payments of one order with its total, received and open balance."""

    changed = Signal()  # a payment was recorded or removed here

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.order: Order | None = None
        self.summary = QLabel()
        self.summary.setObjectName("payment_summary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("payments")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels(
            [
                self.tr("Received on"),
                self.tr("Amount"),
                self.tr("Method"),
                self.tr("Reference"),
                self.tr("Recorded by"),
            ]
        )
        self.tree.setColumnWidth(0, 100)
        self.tree.setColumnWidth(1, 110)
        self.tree.setMinimumHeight(90)
        self.record_button = QPushButton(self.tr("Record payment…"))
        self.record_button.setObjectName("record_payment")
        self.record_button.clicked.connect(self.record)
        self.edit_button = QPushButton(self.tr("Edit payment…"))
        self.edit_button.setObjectName("edit_payment")
        self.edit_button.setToolTip(self.tr("Correct a mistyped amount, date or reference"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit_selected())
        self.delete_button = QPushButton(self.tr("Delete payment"))
        self.delete_button.setObjectName("delete_payment")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())

    def show_order(self, order: Order) -> None:
        self.order = order
        self.tree.clear()
        for payment in sales_service.payments(self.ws, order.id):
            item = QTreeWidgetItem(
                [
                    payment.data.paid_on.isoformat(),
                    money_text(payment.data.amount),
                    method_label(payment.data.method),
                    payment.data.reference,
                    payment.user_name or "",
                ]
            )
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, PAYMENT_ROLE, payment)
            self.tree.addTopLevelItem(item)
        currency = order.data.currency
        text = self.tr("Total {total} · received {paid} · open {balance} {currency}").format(
            total=money_text(order.total),
            paid=money_text(order.paid),
            balance=money_text(order.balance),
            currency=currency,
        )
        overdue = order.overdue(date.today())
        if overdue:
            text += " · " + self.tr("overdue since {due}").format(
                due=order.data.due_date.isoformat() if order.data.due_date else ""
            )
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {OVERDUE.name()}; font-weight: 600;" if overdue else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        order = self.order
        can_pay = (
            order is not None
            and order.data.kind is OrderKind.ORDER
            and order.data.status is OrderStatus.OPEN
            and order.balance > 0
        )
        self.record_button.setEnabled(can_pay)
        self.record_button.setToolTip(
            "" if can_pay else self.tr("Payments are recorded against open orders with a balance.")
        )
        self.edit_button.setEnabled(self.tree.currentItem() is not None)
        self.delete_button.setEnabled(self.tree.currentItem() is not None)

    def record(self) -> PaymentDialog | None:
        if self.order is None:
            return None
        dialog = PaymentDialog(self.ws, self.order, self)
        dialog.accepted.connect(self.changed)
        dialog.open()
        return dialog

    def edit_selected(self) -> PaymentDialog | None:
        item = self.tree.currentItem()
        if item is None or self.order is None:
            return None
        dialog = PaymentDialog(self.ws, self.order, self, payment=item.data(0, PAYMENT_ROLE))
        dialog.accepted.connect(self.changed)
        dialog.open()
        return dialog

    def delete_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None or self.order is None:
            return
        payment: Payment = item.data(0, PAYMENT_ROLE)
        answer = QMessageBox.question(
            self,
            self.tr("Delete payment"),
            self.tr("Delete the payment of {amount} received on {day}?").format(
                amount=money_text(payment.data.amount), day=payment.data.paid_on.isoformat()
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        sales_ops.delete_payment(self, self.ws, payment.id, payment.version, self.order.id).success(
            lambda _none: self.changed.emit()
        ).failure(lambda exc: (show_error(self, exc), self.changed.emit())).run()
