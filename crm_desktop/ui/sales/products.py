"""The product catalogue: a searchable list, and the product form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.pipeline import Product, ProductData
from crm_desktop.domain.records import RecordKind
from crm_desktop.domain.validation import MAX_MONEY, MAX_NAME, MAX_SHORT
from crm_desktop.services import sales as sales_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op
from crm_desktop.ui.operations import sales as sales_ops
from crm_desktop.ui.sales.sales_form import FieldErrors
from crm_desktop.ui.widgets.form_dialog import FormDialog
from crm_desktop.ui.widgets.format import money_text, parse_number
from crm_desktop.ui.widgets.list_view import ListView
from crm_desktop.ui.widgets.palette import MUTED
from crm_desktop.ui.widgets.rows_model import Column
from crm_desktop.ui.widgets.search_box import SearchBox


class ProductDialog(FormDialog):
    """New product, or edit one; Save stays disabled until the form is valid."""

    def __init__(
        self, ws: Workspace, product: Product | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.product = product
        self.saved_product: Product | None = None
        self.setWindowTitle(self.tr("Edit product") if product else self.tr("New product"))
        self.setMinimumWidth(420)
        self.errors = FieldErrors()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setMaxLength(50)
        self.code.setPlaceholderText(self.tr("e.g. TEA-001"))
        self.errors.add_row(form, self.tr("Code"), "code", self.code)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setMaxLength(MAX_NAME)
        self.errors.add_row(form, self.tr("Name"), "name", self.name)
        self.category = QComboBox()
        self.category.setObjectName("category")
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category.addItem("")
        self.category.addItems(sales_service.product_categories(ws))
        line_edit = self.category.lineEdit()
        line_edit.setMaxLength(MAX_SHORT)
        line_edit.setPlaceholderText(self.tr("Pick one or type a new category"))
        self.errors.add_row(form, self.tr("Category"), "category", self.category)
        self.unit = QLineEdit()
        self.unit.setObjectName("unit")
        self.unit.setMaxLength(20)
        self.unit.setPlaceholderText(self.tr("e.g. pcs, box, kg, hour"))
        self.errors.add_row(form, self.tr("Unit"), "unit", self.unit)
        self.unit_price = QLineEdit()
        self.unit_price.setObjectName("unit_price")
        self.unit_price.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.unit_price.setPlaceholderText("0.00")
        self.errors.add_row(form, self.tr("Unit price"), "unit_price", self.unit_price)
        self.active = QCheckBox(self.tr("Offered (inactive products are hidden from new orders)"))
        self.active.setObjectName("active")
        self.active.setChecked(True)
        form.addRow(self.tr("Active"), self.active)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        form.addRow(self.tr("Notes"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.add_footer(layout, error=False)
        if product is not None:
            self._load(product.data)
        for edit in (self.code, self.name, self.unit, self.unit_price):
            edit.textChanged.connect(self.validate)
        self.category.currentTextChanged.connect(self.validate)
        self.validate()

    def _load(self, data: ProductData) -> None:
        self.code.setText(data.code)
        self.name.setText(data.name)
        self.category.setCurrentText(data.category)
        self.unit.setText(data.unit)
        self.unit_price.setText(money_text(data.unit_price))
        self.active.setChecked(data.active)
        self.notes.setPlainText(data.notes)

    def form_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.code.text().strip():
            errors["code"] = self.tr("A product needs a code.")
        if not self.name.text().strip():
            errors["name"] = self.tr("A product needs a name.")
        if len(self.category.currentText().strip()) > MAX_SHORT:
            errors["category"] = self.tr("At most %n characters.", "", MAX_SHORT)
        price = parse_number(self.unit_price.text())
        if price is None and self.unit_price.text().strip():
            errors["unit_price"] = self.tr("Write a price such as 1280 or 1,280.50.")
        elif price is not None and price < 0:
            errors["unit_price"] = self.tr("The price cannot be negative.")
        elif price is not None and price >= MAX_MONEY:
            errors["unit_price"] = self.tr("The price is too large.")
        return errors

    def validate(self, *_: Any) -> bool:
        errors = self.form_errors()
        self.errors.show(errors)
        self.set_valid(not errors)
        return not errors

    def data(self) -> ProductData:
        return ProductData(
            code=self.code.text(),
            name=self.name.text(),
            unit_price=parse_number(self.unit_price.text()) or Decimal("0"),
            category=self.category.currentText(),
            unit=self.unit.text(),
            active=self.active.isChecked(),
            notes=self.notes.toPlainText(),
        )

    def save_op(self) -> Op | None:
        if not self.validate():
            return None
        data = self.data()
        if self.product is None:
            return sales_ops.create_product(self, self.ws, data)
        return sales_ops.update_product(self, self.ws, self.product.id, self.product.version, data)

    def on_saved(self, product: Product) -> None:
        self.saved_product = product
        self.accept()

    def invalid(self, exc: ValidationError) -> None:
        code = self.code.text().strip()
        if "code" in exc.errors and code:  # the form checked it is not empty
            self.errors.show_one(
                "code",
                self.tr("The code {code} is already used by another product.").format(code=code),
            )
            self.save_button.setEnabled(False)
            self.code.setFocus()
            self.code.selectAll()
            return
        for key, message in exc.errors.items():
            self.errors.show_one(key, message)

    def fresh_query(self) -> Callable[[], Product] | None:
        product, ws = self.product, self.ws
        return None if product is None else lambda: sales_service.get_product(ws, product.id)

    def show_fresh(self, product: Product, keep_edits: bool) -> None:
        self.product = product
        if not keep_edits:
            self._load(product.data)


class ProductsView(ListView):
    """The catalogue: code, name, category, unit, unit price, active; New, Edit."""

    watched = (RecordKind.PRODUCT,)

    def __init__(
        self, ws: Workspace, parent: QWidget | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__(ws, parent, settings)
        self.search = SearchBox("product_search", self.tr("Search code, name, category …"))
        self.search.searched.connect(lambda _text: self.reload())
        self.show_inactive = QCheckBox(self.tr("Show inactive"))
        self.show_inactive.setObjectName("show_inactive")
        self.show_inactive.toggled.connect(self.reload)
        self.new_button = QPushButton(self.tr("New product…"))
        self.new_button.setObjectName("new_product")
        self.new_button.clicked.connect(self.new_product)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("edit_product")
        self.edit_button.clicked.connect(self.edit_current)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_inactive)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        self.count_label = QLabel()
        self.count_label.setObjectName("product_count")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        def muted(p: Product) -> Any:
            return None if p.data.active else MUTED

        columns: list[Column[Product]] = [
            Column("code", self.tr("Code"), lambda p: p.data.code, color=muted),
            Column("name", self.tr("Name"), lambda p: p.data.name, color=muted),
            Column("category", self.tr("Category"), lambda p: p.data.category, color=muted),
            Column("unit", self.tr("Unit"), lambda p: p.data.unit, color=muted),
            Column(
                "unit_price",
                self.tr("Unit price"),
                lambda p: money_text(p.data.unit_price),
                numeric=True,
                color=muted,
            ),
            Column(
                "active",
                self.tr("Active"),
                lambda p: self.tr("Yes") if p.data.active else self.tr("No"),
                color=muted,
            ),
        ]
        self.set_columns(columns, stretch="name")
        self.table.activated.connect(lambda _: self.edit_current())  # Enter or double-click

    def query(self) -> Callable[[], Sequence[Any]]:
        ws, search, inactive = self.ws, self.search.text().strip(), self.show_inactive.isChecked()
        return lambda: sales_service.products(ws, search, inactive)

    def rows_shown(self, rows: Sequence[Any]) -> None:
        self.count_label.setText(self.tr("%n product(s)", "", len(rows)))
        self.edit_button.setEnabled(bool(rows))

    def new_product(self) -> ProductDialog:
        dialog = ProductDialog(self.ws, None, self)
        dialog.open()
        return dialog

    def edit_current(self) -> ProductDialog | None:
        product = self.current_row()
        if product is None:
            return None
        dialog = ProductDialog(self.ws, product, self)
        dialog.open()
        return dialog
