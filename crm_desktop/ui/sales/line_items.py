"""The line items of a quote or order: product, description, quantity, price, discount, and
the line amount computed as the user types (exactly, in Decimal)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.pipeline import LineData, Product, line_amount
from crm_desktop.domain.validation import MAX_MONEY, MAX_NAME, decimal_places
from crm_desktop.ui.widgets.format import money_text, parse_number
from crm_desktop.ui.widgets.palette import BAD_FIELD_STYLE, ERROR_STYLE

PRODUCT, DESCRIPTION, QUANTITY, PRICE, DISCOUNT, AMOUNT, REMOVE = range(7)


@dataclass
class LineRow:
    """The widgets of one line."""

    product: QComboBox
    description: QLineEdit
    quantity: QLineEdit
    unit_price: QLineEdit
    discount: QLineEdit
    amount: QLabel
    remove: QToolButton

    def product_id(self) -> int | None:
        index = self.product.currentIndex()
        if index > 0 and self.product.currentText() == self.product.itemText(index):
            product_id = self.product.itemData(index)
            return int(product_id) if product_id is not None else None
        return None

    def is_blank(self) -> bool:
        """Nothing typed but the defaults: left out of the order (a spare row to fill)."""
        return (
            not self.product.currentText().strip()
            and not self.description.text().strip()
            and not self.unit_price.text().strip()
        )


class LineItemsEditor(QWidget):
    """``changed`` after every edit; ``line_errors`` says what is wrong, by line number."""

    changed = Signal()

    def __init__(self, products: list[Product], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.products = {p.id: p for p in products}
        self.rows: list[LineRow] = []
        self._filling = False
        self._read_only = False
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("lines")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Product"),
                self.tr("Description"),
                self.tr("Quantity"),
                self.tr("Unit price"),
                self.tr("Discount %"),
                self.tr("Amount"),
                "",
            ]
        )
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (PRODUCT, 190),
            (QUANTITY, 70),
            (PRICE, 100),
            (DISCOUNT, 80),
            (AMOUNT, 110),
            (REMOVE, 28),
        ):
            self.table.setColumnWidth(column, width)
        self.add_button = QPushButton(self.tr("Add line"))
        self.add_button.setObjectName("add_line")
        self.add_button.clicked.connect(self._add_clicked)
        self.errors_label = QLabel()
        self.errors_label.setObjectName("error_lines")
        self.errors_label.setStyleSheet(ERROR_STYLE)
        self.errors_label.setWordWrap(True)
        self.errors_label.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        bottom.addWidget(self.errors_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    # -- rows ------------------------------------------------------------------------------
    def _add_clicked(self) -> None:
        row = self.add_line()
        row.product.setFocus()

    def add_line(self, line: LineData | None = None) -> LineRow:
        index = len(self.rows)
        self.table.insertRow(index)
        product = QComboBox()
        product.setObjectName(f"line_product_{index + 1}")
        product.setEditable(True)
        product.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        product.addItem("", None)
        used = line.product_id if line else None
        for p in sorted(self.products.values(), key=lambda p: p.data.code):
            if p.data.active or p.id == used:
                product.addItem(f"{p.data.code} — {p.data.name}", p.id)
        completer = product.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        product.lineEdit().setPlaceholderText(self.tr("Type code or name"))
        description = QLineEdit()
        description.setMaxLength(MAX_NAME * 2)
        quantity = QLineEdit("1")
        unit_price = QLineEdit()
        unit_price.setPlaceholderText("0.00")
        discount = QLineEdit("0")
        for name, edit in (
            ("description", description),
            ("quantity", quantity),
            ("unit_price", unit_price),
            ("discount", discount),
        ):
            edit.setObjectName(f"line_{name}_{index + 1}")
            edit.setFrame(False)
            if edit is not description:
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        amount = QLabel()
        amount.setObjectName(f"line_amount_{index + 1}")
        amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        amount.setContentsMargins(0, 0, 4, 0)
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(self.tr("Remove this line"))
        remove.setAutoRaise(True)
        row = LineRow(product, description, quantity, unit_price, discount, amount, remove)
        for column, widget in enumerate(
            (product, description, quantity, unit_price, discount, amount, remove)
        ):
            self.table.setCellWidget(index, column, widget)
        self.rows.append(row)
        if line is not None:
            self._filling = True
            product.setCurrentIndex(max(0, product.findData(line.product_id)))
            description.setText(line.description)
            quantity.setText(_plain(line.quantity))
            unit_price.setText(money_text(line.unit_price))
            discount.setText(_plain(line.discount))
            self._filling = False
        product.currentIndexChanged.connect(lambda _i, r=row: self._product_picked(r))
        product.currentTextChanged.connect(lambda _t: self._edited())
        for edit in (description, quantity, unit_price, discount):
            edit.textChanged.connect(lambda _t: self._edited())
        remove.clicked.connect(lambda _=False, r=row: self.remove_line(r))
        self._set_row_read_only(row, self._read_only)
        self._edited()
        return row

    def remove_line(self, row: LineRow) -> None:
        index = self.rows.index(row)
        self.rows.pop(index)
        self.table.removeRow(index)
        self._edited()

    def set_lines(self, lines: tuple[LineData, ...]) -> None:
        self._filling = True
        self.table.setRowCount(0)
        self.rows = []
        for line in lines:
            self.add_line(line)
        self._filling = False
        self._edited()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add_button.setVisible(not read_only)
        for row in self.rows:
            self._set_row_read_only(row, read_only)

    def _set_row_read_only(self, row: LineRow, read_only: bool) -> None:
        row.product.setEnabled(not read_only)
        for edit in (row.description, row.quantity, row.unit_price, row.discount):
            edit.setReadOnly(read_only)
        row.remove.setVisible(not read_only)

    def _product_picked(self, row: LineRow) -> None:
        if self._filling:
            return
        product_id = row.product_id()
        product = self.products.get(product_id) if product_id is not None else None
        if product is None:
            return
        self._filling = True
        row.description.setText(product.data.name)
        row.unit_price.setText(money_text(product.data.unit_price))
        if not row.quantity.text().strip():
            row.quantity.setText("1")
        self._filling = False
        self._edited()

    # -- values ----------------------------------------------------------------------------
    def _edited(self) -> None:
        if self._filling:
            return
        for row in self.rows:
            amount = _amount(row)
            row.amount.setText(money_text(amount) if amount is not None else "")
        self.changed.emit()

    def line_errors(self) -> dict[int, str]:
        """Line number (from 1) → what is wrong with it; bad fields get a red frame."""
        errors: dict[int, str] = {}
        for number, row in enumerate(self.rows, start=1):
            bad: set[QLineEdit] = set()
            if row.is_blank():
                pass
            elif not row.description.text().strip() and row.product_id() is None:
                errors[number] = self.tr("Line %1: pick a product or write a description.")
                bad.add(row.description)
            else:
                quantity = parse_number(row.quantity.text())
                price = parse_number(row.unit_price.text())
                discount = parse_number(row.discount.text() or "0")
                if quantity is None or quantity <= 0:
                    errors[number] = self.tr("Line %1: the quantity must be a number above 0.")
                    bad.add(row.quantity)
                elif decimal_places(quantity) > 3:
                    errors[number] = self.tr("Line %1: a quantity has at most 3 decimals.")
                    bad.add(row.quantity)
                elif price is None or price < 0 or price >= MAX_MONEY:
                    errors[number] = self.tr("Line %1: write the unit price, e.g. 1280.00.")
                    bad.add(row.unit_price)
                elif decimal_places(price) > 2:
                    # kept to the cent: rounding it on save would change the total shown here
                    errors[number] = self.tr("Line %1: a unit price has at most 2 decimals.")
                    bad.add(row.unit_price)
                elif discount is None or not 0 <= discount <= 100:
                    errors[number] = self.tr("Line %1: the discount is a percentage, 0 to 100.")
                    bad.add(row.discount)
                elif decimal_places(discount) > 2:
                    errors[number] = self.tr("Line %1: a discount has at most 2 decimals.")
                    bad.add(row.discount)
            for edit in (row.description, row.quantity, row.unit_price, row.discount):
                edit.setStyleSheet(BAD_FIELD_STYLE if edit in bad else "")
            if number in errors:
                errors[number] = errors[number].replace("%1", str(number))
        return errors

    def show_errors(self, errors: list[str]) -> None:
        self.errors_label.setText("\n".join(errors[:3]))
        self.errors_label.setVisible(bool(errors))

    def lines(self) -> tuple[LineData, ...]:
        """The filled lines; raises ValueError while one cannot be read (see line_errors)."""
        out = []
        for row in self.rows:
            if row.is_blank():
                continue
            quantity = parse_number(row.quantity.text())
            price = parse_number(row.unit_price.text())
            discount = parse_number(row.discount.text() or "0")
            if quantity is None or price is None or discount is None:
                raise ValueError("unreadable line")
            out.append(
                LineData(
                    description=row.description.text().strip(),
                    quantity=quantity,
                    unit_price=price,
                    discount=discount,
                    product_id=row.product_id(),
                )
            )
        return tuple(out)

    def total(self) -> Decimal | None:
        amounts = [_amount(row) for row in self.rows if not row.is_blank()]
        if any(a is None for a in amounts):
            return None
        return sum((a for a in amounts if a is not None), Decimal("0.00"))


def _amount(row: LineRow) -> Decimal | None:
    quantity = parse_number(row.quantity.text())
    price = parse_number(row.unit_price.text() or "0")
    discount = parse_number(row.discount.text() or "0")
    if quantity is None or price is None or discount is None:
        return None
    if abs(quantity * price) >= MAX_MONEY * 1000:
        return None  # not a plausible line; keeps Decimal's quantize within its precision
    return line_amount(quantity, price, discount)


def _plain(value: Decimal) -> str:
    """3.000 → "3", 2.50 → "2.5": quantities and discounts without trailing zeros."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
