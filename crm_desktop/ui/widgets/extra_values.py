"""A contact's extra phones and e-mails (the second and later ones an import kept), shown
read-only under its form; hidden when it has none."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class ExtraValuesLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("extra_values")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_values(self, values: Sequence[tuple[str, str]]) -> None:
        """(kind, value) pairs, kind "phone" or "email", one line each."""
        names = {"phone": self.tr("Other phone"), "email": self.tr("Other e-mail")}
        lines = [f"{names.get(kind, kind)}: {value}" for kind, value in values]
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
