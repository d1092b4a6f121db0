"""Tabs whose features are still to come: each says what it will hold."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


class ComingSoon(QWidget):
    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 18px; font-weight: 600;")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(text)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setStyleSheet("color: gray;")
        body.setMaximumWidth(560)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(body, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


def reports_placeholder() -> ComingSoon:
    return ComingSoon(
        translate("Placeholders", "Reports"),
        translate(
            "Placeholders",
            "Coming: charts of sales by period, salesperson, region, product and industry; "
            "the sales funnel; ABC grading and RFM analysis of customers.",
        ),
    )
