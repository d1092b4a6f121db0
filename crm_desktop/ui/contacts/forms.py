"""Company and contact forms: validate as the user types, say what is wrong next to the field."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.records import (
    Company,
    CompanyData,
    Contact,
    ContactData,
    Grade,
    User,
)
from crm_desktop.domain.validation import MAX_NAME, MAX_SHORT, check_email, check_phone
from crm_desktop.services import contacts as contact_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.labels import field_label
from crm_desktop.ui.widgets.company_picker import CompanyPicker
from crm_desktop.ui.widgets.palette import ERROR_STYLE


class _FormBase(QWidget):
    validityChanged = Signal(bool)
    dirtyChanged = Signal(bool)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.fields: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._loading = False
        self._saved: Any = None
        self._valid = True
        self._dirty = False

    # -- building --------------------------------------------------------------------------
    def _add(self, key: str, widget: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        error.setObjectName(f"error_{key}")
        column.addWidget(error)
        self.layout_.addRow(field_label(key, person=isinstance(self, ContactForm)), box)
        widget.setObjectName(key)
        self.fields[key] = widget
        self.error_labels[key] = error
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.textChanged.connect(self._changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._changed)
        return widget

    def _line(self, key: str, max_length: int = MAX_SHORT, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(max_length)
        edit.setClearButtonEnabled(True)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        self._add(key, edit)
        return edit

    def _notes(self) -> QPlainTextEdit:
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setMinimumHeight(60)
        notes.setMaximumHeight(110)
        self._add("notes", notes)
        return notes

    def _owner_box(self) -> QComboBox:
        box = QComboBox()
        self._add("owner_id", box)
        self.reload_users()
        return box

    def _tags(self) -> QLineEdit:
        edit = self._line("tags", 400, self.tr("Comma-separated, e.g. VIP, Newsletter"))
        return edit

    def reload_users(self) -> None:
        box = self.fields["owner_id"]
        assert isinstance(box, QComboBox)
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("(nobody)"), None)
        users: tuple[User, ...] = contact_service.users(self.ws)
        for user in users:
            box.addItem(user.name, user.id)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)

    # -- state -----------------------------------------------------------------------------
    def text(self, key: str) -> str:
        widget = self.fields[key]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def set_text(self, key: str, value: str) -> None:
        widget = self.fields[key]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(value)
            widget.setCursorPosition(0)

    def combo_data(self, key: str) -> Any:
        widget = self.fields[key]
        assert isinstance(widget, QComboBox)
        return widget.currentData()

    def set_combo(self, key: str, value: Any) -> None:
        widget = self.fields[key]
        assert isinstance(widget, QComboBox)
        widget.setCurrentIndex(max(0, widget.findData(value)))

    def tags(self) -> tuple[str, ...]:
        raw = self.text("tags").replace("，", ",").replace(";", ",").replace("；", ",")
        return tuple(t.strip() for t in raw.split(",") if t.strip())

    def is_valid(self) -> bool:
        return self._valid

    def is_dirty(self) -> bool:
        return self._dirty

    def _changed(self, *_: Any) -> None:
        if self._loading:
            return
        self.validate()
        dirty = self.data_or_none() != self._saved
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def validate(self) -> bool:
        errors = self.errors()
        for key, label in self.error_labels.items():
            message = errors.get(key)
            label.setText(message or "")
            label.setVisible(bool(message))
        valid = not errors
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)
        return valid

    def show_errors(self, errors: dict[str, str]) -> None:
        """Errors found by the service (e.g. a company deleted meanwhile) shown by the field."""
        for key, message in errors.items():
            label = self.error_labels.get(key)
            if label is not None:
                label.setText(message)
                label.show()

    def _finish_load(self) -> None:
        self._loading = False
        self._saved = self.data_or_none()
        self._dirty = False
        self.dirtyChanged.emit(False)
        self.validate()

    def data_or_none(self) -> Any:
        try:
            return self.data()
        except ValueError:
            return None

    def errors(self) -> dict[str, str]:
        raise NotImplementedError

    def data(self) -> Any:
        raise NotImplementedError

    def _phone_errors(self, errors: dict[str, str], *keys: str) -> None:
        for key in keys:
            if check_phone(self.text(key), self.ws.phone_region):
                errors[key] = self.tr("This does not look like a phone number.")


class CompanyForm(_FormBase):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self._line("name", MAX_NAME)
        self._line("industry")
        self._line("region")
        self._line("city")
        self._line("address", MAX_NAME * 2)
        self._line("phone")
        self._line("website", MAX_NAME)
        grade = QComboBox()
        grade.addItem(self.tr("(none)"), None)
        for g in Grade:
            grade.addItem(g.value, g.value)
        self._add("grade", grade)
        self._line("source")
        self._owner_box()
        self._tags()
        self._notes()
        self.load(None)

    def load(self, company: Company | None) -> None:
        self._loading = True
        data = company.data if company else CompanyData(name="", owner_id=self.ws.user.id)
        for key in (
            "name",
            "industry",
            "region",
            "city",
            "address",
            "phone",
            "website",
            "source",
            "notes",
        ):
            self.set_text(key, getattr(data, key))
        self.set_combo("grade", data.grade.value if data.grade else None)
        self.set_combo("owner_id", data.owner_id)
        self.set_text("tags", ", ".join(data.tags))
        self._finish_load()

    def errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.text("name"):
            errors["name"] = self.tr("A company needs a name.")
        self._phone_errors(errors, "phone")
        return errors

    def data(self) -> CompanyData:
        grade = self.combo_data("grade")
        return CompanyData(
            name=self.text("name"),
            industry=self.text("industry"),
            region=self.text("region"),
            city=self.text("city"),
            address=self.text("address"),
            website=self.text("website"),
            phone=self.text("phone"),
            grade=Grade(grade) if grade else None,
            source=self.text("source"),
            owner_id=self.combo_data("owner_id"),
            notes=self.text("notes"),
            tags=self.tags(),
        )


class ContactForm(_FormBase):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self._line("name", MAX_NAME)
        self.company = CompanyPicker(ws)
        self._add("company_id", self.company)
        self._line("title")
        self._line("mobile")
        self._line("phone")
        self._line("email", 254, "name@example.com")
        self._line("im")
        self._line("address", MAX_NAME * 2)
        self._line("city")
        self._line("birthday", 10, self.tr("YYYY-MM-DD"))
        self._owner_box()
        self._tags()
        self._notes()
        self.load(None)

    def load(self, contact: Contact | None, company: tuple[int, str] | None = None) -> None:
        """Show ``contact``, or an empty form (optionally at ``company``) for a new one."""
        self._loading = True
        data = contact.data if contact else ContactData(name="", owner_id=self.ws.user.id)
        for key in ("name", "title", "mobile", "phone", "email", "im", "address", "city", "notes"):
            self.set_text(key, getattr(data, key))
        if contact:
            self.company.set_company(data.company_id, contact.company_name)
        else:
            self.company.set_company(*(company or (None, None)))
        self.set_text("birthday", data.birthday.isoformat() if data.birthday else "")
        self.set_combo("owner_id", data.owner_id)
        self.set_text("tags", ", ".join(data.tags))
        self._finish_load()

    def _birthday(self) -> date | None:
        text = self.text("birthday").replace("/", "-").replace(".", "-")
        if not text:
            return None
        return date.fromisoformat("-".join(p.zfill(2) for p in text.split("-")))

    def errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.text("name"):
            errors["name"] = self.tr("A contact needs a name.")
        if check_email(self.text("email")):
            errors["email"] = self.tr("This is not a valid e-mail address.")
        self._phone_errors(errors, "mobile", "phone")
        if not self.company.is_consistent():
            errors["company_id"] = self.tr("Pick a company from the list, or leave it empty.")
        try:
            birthday = self._birthday()
        except ValueError:
            errors["birthday"] = self.tr("Write the date as YYYY-MM-DD, e.g. 1985-04-23.")
        else:
            if birthday and not date(1900, 1, 1) <= birthday <= date.today():
                errors["birthday"] = self.tr("This date is not a plausible birthday.")
        return errors

    def data(self) -> ContactData:
        return ContactData(
            name=self.text("name"),
            company_id=self.company.company_id if self.company.text().strip() else None,
            title=self.text("title"),
            mobile=self.text("mobile"),
            phone=self.text("phone"),
            email=self.text("email"),
            im=self.text("im"),
            address=self.text("address"),
            city=self.text("city"),
            birthday=self._birthday(),
            owner_id=self.combo_data("owner_id"),
            notes=self.text("notes"),
            tags=self.tags(),
        )
