"""A company name field that offers the companies in the database as you type."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QWidget,
)

from crm_desktop.domain.records import (
    ListFilter,
    RecordKind,
)
from crm_desktop.services import contacts as contact_service
from crm_desktop.services.workspace import Workspace


class CompanyPicker(QLineEdit):
    """Type part of a company name; pick from the matches (searched in the database)."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.company_id: int | None = None
        self._chosen_text = ""
        self._matches: dict[str, int] = {}
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated.connect(self._picked)
        self.setCompleter(completer)
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("Type to search companies; leave empty for none"))
        self.textEdited.connect(self._search)

    def set_company(self, company_id: int | None, name: str | None) -> None:
        self.company_id = company_id
        self._chosen_text = name or ""
        self.setText(self._chosen_text)

    def _search(self, text: str) -> None:
        if not text.strip():
            self.company_id = None
            self._chosen_text = ""
            return
        page = contact_service.list_page(
            self.ws, RecordKind.COMPANY, ListFilter(search=text), limit=15
        )
        self._matches = {}
        for row in page.rows:
            label = str(row[1]) if not row[4] else f"{row[1]} · {row[4]}"
            self._matches[label] = int(row[0])  # type: ignore[call-overload]
        self._model.setStringList(list(self._matches))
        self.completer().complete()

    def _picked(self, label: str) -> None:
        self.company_id = self._matches.get(label)
        self._chosen_text = label.split(" · ")[0]
        self.setText(self._chosen_text)
        self.textChanged.emit(self.text())
        # The line edit connects its own setText to the completer when it gets the focus,
        # i.e. after us: it then puts the whole entry ("name · city") back. Undo that after.
        QTimer.singleShot(0, lambda: self._keep_name(label))

    def _keep_name(self, label: str) -> None:
        if self.text() == label and self._chosen_text:
            self.setText(self._chosen_text)

    def is_consistent(self) -> bool:
        """False while the text names no company that was picked from the list."""
        return not self.text().strip() or (
            self.company_id is not None and self.text().strip() == self._chosen_text.strip()
        )
