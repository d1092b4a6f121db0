"""The strip across the top of the window saying the database opened read-only, and why."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class ReadOnlyBanner(QLabel):
    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("read_only_banner")
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel#read_only_banner { background: #FFF4CE; color: #5C4400;"
            " border-bottom: 1px solid #E0C36C; padding: 6px 10px; }"
        )
        self.setText(
            self.tr(
                "<b>Read-only:</b> you may not change %s. You can search, view, export and back "
                "it up; to edit, open a copy you may write or ask for write access."
            )
            % path
        )
