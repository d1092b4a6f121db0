"""Answering the message boxes a UI test meets, as a user clicks them."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_next_box(button_text: str, seen: list[str]) -> None:
    """Click ``button_text`` in the next message box once it shows; note its text in ``seen``."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(f"no button {button_text!r} in {box.text()!r}")

    QTimer.singleShot(0, answer)
