"""The debounced search box: typing fires ``searched`` once the typist pauses."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

SEARCH_DELAY_MS = 150


class SearchBox(QLineEdit):
    """``SearchBox(name, placeholder)``; connect ``searched`` to the reload."""

    searched = Signal(str)  # the text, stripped, after a pause in typing

    def __init__(
        self,
        name: str,
        placeholder: str,
        parent: QWidget | None = None,
        delay_ms: int = SEARCH_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(lambda: self.searched.emit(self.text().strip()))
        self.textChanged.connect(lambda _text: self._timer.start())

    def clear_quietly(self) -> None:
        """Empty the box without a search (the caller reloads itself)."""
        blocked = self.blockSignals(True)
        self.clear()
        self.blockSignals(blocked)
