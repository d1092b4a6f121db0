"""Opening a sales document from another area's screen (a won deal opens its order) without
that area importing ``ui/sales``: ``ui/sales/order_dialog.py`` registers its dialog when it is
imported (the Pipeline tab container imports it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from crm_desktop.services.workspace import Workspace

OrderOpener = Callable[[Workspace, int, QWidget], QDialog]

_order_opener: OrderOpener | None = None


def set_order_opener(opener: OrderOpener) -> None:
    global _order_opener
    _order_opener = opener


def open_order(ws: Workspace, order_id: int, parent: QWidget) -> QDialog:
    """The order's dialog, opened (not modal) over ``parent``."""
    if _order_opener is None:
        raise RuntimeError("no order dialog registered: import crm_desktop.ui.sales.order_dialog")
    dialog = _order_opener(ws, order_id, parent)
    dialog.open()
    return dialog
