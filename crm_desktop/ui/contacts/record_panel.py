"""What the detail pane's panels share: one company's or contact's timeline, follow-ups."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from crm_desktop.domain.records import Change, RecordKind
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.changes import ChangeFollower


class RecordPanel(QWidget):
    """Shows what belongs to the record set by ``show_for`` (a contact, else a company), and
    follows the change channel for ``kinds``. Subclasses fill ``column`` and give ``refresh``."""

    def __init__(
        self,
        ws: Workspace,
        kinds: Iterable[RecordKind],
        parent: QWidget | None = None,
        accept: Callable[[Change], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.company_id: int | None = None
        self.contact_id: int | None = None
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.follower = ChangeFollower(self, ws, kinds, self.refresh, accept=accept)

    def show_for(self, *, company_id: int | None = None, contact_id: int | None = None) -> None:
        """A contact's (new entries also linked to ``company_id``), or a company's."""
        self.company_id, self.contact_id = company_id, contact_id
        self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError
