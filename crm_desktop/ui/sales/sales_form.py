"""Form rows with their error line underneath: what is wrong is said next to the field."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QVBoxLayout, QWidget

from crm_desktop.ui.widgets.palette import ERROR_STYLE


class FieldErrors:
    """The error labels of one form, by field key (objectName ``error_<key>``)."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}

    def add_row(self, form: QFormLayout, label: str, key: str, field: QWidget | QLayout) -> QLabel:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        if isinstance(field, QLayout):
            column.addLayout(field)
        else:
            column.addWidget(field)
        error = self.error_label(key)
        column.addWidget(error)
        form.addRow(label, box)
        return error

    def error_label(self, key: str) -> QLabel:
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        self.labels[key] = error
        return error

    def show(self, errors: dict[str, str]) -> None:
        """Exactly these errors: the others are cleared."""
        for key, label in self.labels.items():
            message = errors.get(key, "")
            label.setText(message)
            label.setVisible(bool(message))

    def show_one(self, key: str, message: str) -> bool:
        label = self.labels.get(key)
        if label is None:
            return False
        label.setText(message)
        label.show()
        return True
