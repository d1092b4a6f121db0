"""The kit's form dialog: the save runs as an operation, a refusal is said on the error line,
a colleague's change is one question (Reload or Keep editing)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QVBoxLayout

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.pipeline import ProductData
from crm_desktop.services import sales
from crm_desktop.ui import operations
from crm_desktop.ui.sales.products import ProductDialog
from crm_desktop.ui.widgets.form_dialog import FormDialog
from tests.ui.dialogs import answer_next_box


class Refusing(FormDialog):
    def __init__(self) -> None:
        super().__init__()
        self.add_footer(QVBoxLayout(self))

    def save_op(self) -> operations.Op:
        def refuse() -> None:
            raise ValidationError({"name": "A name is needed."})

        return operations.write(self, refuse)


def test_a_refused_save_is_said_on_the_error_line_and_save_is_off_while_saving(qtbot) -> None:
    dialog = Refusing()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save_button.click()
    assert dialog.saving and not dialog.save_button.isEnabled()  # no second save meanwhile
    qtbot.waitUntil(lambda: not dialog.saving)
    assert "A name is needed." in dialog.error.text()
    assert dialog.save_button.isEnabled() and dialog.isVisible()


def product_changed_by_a_colleague(qtbot, ws, colleague):  # type: ignore[no-untyped-def]
    mine = sales.create_product(ws, ProductData("TEA-1", "Longjing", Decimal("100")))
    dialog = ProductDialog(ws, mine)
    qtbot.addWidget(dialog)
    dialog.show()
    sales.update_product(
        colleague, mine.id, mine.version, ProductData("TEA-1", "Longjing", Decimal("120"))
    )
    dialog.name.setText("Longjing tea")
    return mine, dialog


def test_a_colleagues_change_reloaded_shows_theirs(qtbot, ws, colleague) -> None:
    mine, dialog = product_changed_by_a_colleague(qtbot, ws, colleague)
    seen: list[str] = []
    answer_next_box("Reload", seen)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.name.text() == "Longjing")  # theirs, ours dropped
    assert "Colleague" in seen[0]
    assert dialog.unit_price.text() == "120.00" and dialog.isVisible()
    assert sales.get_product(ws, mine.id).data.name == "Longjing"


def test_keep_editing_keeps_the_edits_and_the_next_save_replaces_theirs(
    qtbot, ws, colleague
) -> None:
    mine, dialog = product_changed_by_a_colleague(qtbot, ws, colleague)
    seen: list[str] = []
    answer_next_box("Keep editing", seen)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.product.version != mine.version)  # took their version
    assert "Colleague" in seen[0]
    assert dialog.name.text() == "Longjing tea"  # our edit is still there
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    stored = sales.get_product(ws, mine.id).data
    assert stored.name == "Longjing tea" and stored.unit_price == Decimal("100.00")
