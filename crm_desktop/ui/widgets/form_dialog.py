"""The form dialog: fields, an inline error line, Save/Cancel, the save through an operation.

A subclass builds its fields, puts ``self.error`` and ``self.buttons`` in its layout
(``add_footer``) and says what Save does::

    def save_op(self) -> Op | None:          # None: nothing to save (e.g. the user said no)
        return pipeline_ops.update_lead(self, self.ws, lead.id, lead.version, self.data())

    def on_saved(self, result) -> None:      # default: close with Accepted
    def fresh_query(self) -> Callable | None # the record as it is now (for a conflict)
    def show_fresh(self, record, keep_edits) # take it: refill, or only adopt its version

Save is disabled while saving. A failure is shown once: a refused value on the error line
(``invalid``), a colleague's change as one question (who changed it, reload or keep
editing), anything else in a message box.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QWidget,
)

from crm_desktop.domain.errors import ConflictError, ValidationError
from crm_desktop.ui import operations
from crm_desktop.ui.errors import conflict_text, message_for, show_error
from crm_desktop.ui.operations import Op
from crm_desktop.ui.widgets.palette import ERROR_STYLE


class FormDialog(QDialog):
    """Save/Cancel and an error line; the save runs as an ``Op`` (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None, error_name: str = "form_error") -> None:
        super().__init__(parent)
        self.error = QLabel()
        self.error.setObjectName(error_name)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.saving = False
        self._valid = True
        self.notice = ""  # what the last conflict said: kept on the error line until Save

    def add_footer(self, layout: QBoxLayout, *, error: bool = True) -> None:
        if error:
            layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def set_valid(self, valid: bool) -> None:
        """Whether the fields may be saved as they are (Save stays off while saving)."""
        self._valid = valid
        self.save_button.setEnabled(valid and not self.saving)
        if self.notice and not self.error.text():  # a refill re-validated: say it still
            self.error.setText(self.notice)

    # -- what a subclass says ------------------------------------------------------------
    def save_op(self) -> Op | None:
        raise NotImplementedError

    def on_saved(self, result: Any) -> None:
        self.accept()

    def invalid(self, exc: ValidationError) -> None:
        self.error.setText(message_for(exc))

    def fresh_query(self) -> Callable[[], Any] | None:
        return None

    def show_fresh(self, record: Any, keep_edits: bool) -> None:
        """The record as a colleague left it: refill the fields, or (``keep_edits``) only
        take its version, so the next Save replaces their change knowingly."""

    # -- the flow ----------------------------------------------------------------------------
    def save(self) -> None:
        if self.saving:
            return
        op = self.save_op()
        if op is None:
            return
        self.notice = ""
        self.saving = True
        self.save_button.setEnabled(False)
        op.success(self._succeeded).failure(self._failed).run()

    def _succeeded(self, result: Any) -> None:
        self.saving = False
        self.on_saved(result)

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        self.set_valid(self._valid)
        self.failed(exc)

    def failed(self, exc: BaseException) -> None:
        """Say why the save failed, once."""
        if isinstance(exc, ConflictError):
            self.conflict(exc)
        elif isinstance(exc, ValidationError):
            self.invalid(exc)
        else:
            show_error(self, exc)

    def conflict(self, exc: ConflictError) -> None:
        """Never overwrite a colleague's change unasked: say who, then reload or keep editing."""
        text = conflict_text(exc)
        title = self.tr("Changed by someone else")
        if exc.deleted:
            QMessageBox.warning(self, title, text)
            self.reject()
            return
        keep = self.ask_reload_or_keep(title, text) is False
        self.notice = (
            text
            + " "
            + (
                self.tr("Your edits are kept; Save replaces their change.")
                if keep
                else self.tr("It is shown as it is now; your edits were not saved.")
            )
        )
        self.error.setText(self.notice)
        query = self.fresh_query()
        if query is not None:
            operations.query(self, query).success(lambda r: self.show_fresh(r, keep)).run()

    def ask_reload_or_keep(self, title: str, text: str) -> bool:
        """True: reload what the colleague saved; False: keep editing."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setInformativeText(
            self.tr("Reload shows it as it is now; Keep editing keeps your edits for Save.")
        )
        reload = box.addButton(self.tr("Reload"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reload)
        box.exec()
        return box.clickedButton() is reload
