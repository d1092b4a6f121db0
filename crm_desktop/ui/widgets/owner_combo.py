"""The owner combo: the workspace's users, loaded off the GUI thread.

``OwnerCombo(ws)`` lists the users by name (data: the user id); ``everyone`` and ``mine``
add the filter bar's first entries. ``set_owner`` may be called before the users are in: the
wish is kept and applied when they arrive, and ``owner_id`` answers it meanwhile, so a form
filled and saved at once still saves the right owner.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from crm_desktop.domain.records import User
from crm_desktop.services import contacts as contact_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations


class OwnerCombo(QComboBox):
    loaded = Signal()

    def __init__(
        self,
        ws: Workspace,
        parent: QWidget | None = None,
        *,
        everyone: str | None = None,
        mine: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self._everyone = everyone
        self._mine = mine
        self._wanted: int | None = None
        self._wanted_name = ""
        self.is_loaded = False
        self._fixed_items()
        self.reload()

    def _fixed_items(self) -> None:
        if self._everyone is not None:
            self.addItem(self._everyone, None)
        if self._mine is not None:
            self.addItem(self._mine, self.ws.user.id)

    def reload(self) -> None:
        """Fetch the users again (a colleague may have joined); the choice is kept."""
        if self.is_loaded:
            self._wanted = self.currentData()
        ws = self.ws
        operations.query(self, lambda: contact_service.users(ws)).success(self._fill).run()

    def _fill(self, users: Sequence[User]) -> None:
        blocked = self.blockSignals(True)
        self.clear()
        self._fixed_items()
        for user in users:
            if self._mine is None or user.id != self.ws.user.id:
                self.addItem(user.name, user.id)
        self.is_loaded = True
        self.blockSignals(blocked)
        self.set_owner(self._wanted, self._wanted_name)
        self.loaded.emit()

    def set_owner(self, user_id: int | None, name: str = "") -> None:
        """Select this user (``name`` shows one no longer listed, e.g. a former owner)."""
        self._wanted, self._wanted_name = user_id, name
        if not self.is_loaded:
            return
        if user_id is not None and self.findData(user_id) < 0 and name:
            self.addItem(name, user_id)
        self.setCurrentIndex(max(self.findData(user_id), 0))

    def owner_id(self) -> int | None:
        return self.currentData() if self.is_loaded else self._wanted
