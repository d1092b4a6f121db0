"""Domain errors turned into messages a user understands. Tracebacks go to the log only."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime
from PySide6.QtWidgets import QMessageBox, QWidget

from crm_desktop.domain.errors import (
    Cancelled,
    ConflictError,
    CrmError,
    DatabaseLockedError,
    DatabaseOpenError,
    NotADatabaseError,
    NotFoundError,
    ReadOnlyDatabaseError,
    SchemaTooNewError,
    ValidationError,
)
from crm_desktop.ui.labels import field_label, kind_label

log = logging.getLogger(__name__)


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def local_time(value: object) -> str:
    """An aware UTC datetime in local time, as 2026-11-24 18:05: plain in both languages."""
    if value is None:
        return ""
    stamp = QDateTime.fromSecsSinceEpoch(int(value.timestamp()))  # type: ignore[attr-defined]
    return stamp.toLocalTime().toString("yyyy-MM-dd HH:mm")


def conflict_text(exc: ConflictError) -> str:
    who = exc.changed_by or translate("Errors", "another user")
    when = local_time(exc.changed_at) if exc.changed_at else translate("Errors", "just now")
    what = kind_label(exc.kind)
    if exc.deleted:
        return translate(
            "Errors", "This {kind} was deleted by {who} ({when}) after you opened it."
        ).format(kind=what, who=who, when=when)
    return translate(
        "Errors", "This {kind} was changed by {who} ({when}) after you opened it."
    ).format(kind=what, who=who, when=when)


# Errors about the database file as a whole, each naming it.
_ABOUT_THE_FILE: tuple[tuple[type[CrmError], str], ...] = (
    (
        SchemaTooNewError,
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} was made by a newer version of CRM Desktop. Please update CRM Desktop; "
            "the file was not changed.",
        ),
    ),
    (
        ReadOnlyDatabaseError,
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} is read-only: nothing was changed. To edit, open a copy you may write, "
            "or ask for write access.",
        ),
    ),
    (NotADatabaseError, QT_TRANSLATE_NOOP("Errors", "{path} is not a CRM Desktop database.")),
)


def message_for(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        lines = [f"{field_label(field)}: {msg}" for field, msg in exc.errors.items()]
        return translate("Errors", "Please correct:") + "\n" + "\n".join(lines)
    if isinstance(exc, ConflictError):
        return conflict_text(exc)
    if isinstance(exc, NotFoundError):
        return translate(
            "Errors", "This {kind} no longer exists; someone may have deleted it."
        ).format(kind=kind_label(exc.kind))
    if isinstance(exc, DatabaseLockedError):
        return translate(
            "Errors",
            "The database is busy: a colleague or another program is saving to it. "
            "Nothing was lost; try again in a moment.",
        )
    if isinstance(exc, Cancelled):
        return translate("Errors", "Cancelled. Nothing was changed.")
    if isinstance(exc, DatabaseOpenError):  # says what is wrong and what to do
        return str(exc)
    for kind, text in _ABOUT_THE_FILE:
        if isinstance(exc, kind):
            return translate("Errors", text).format(path=exc.path)  # type: ignore[attr-defined]
    return translate(
        "Errors", "Something went wrong: {error}\n\nDetails are in the log file."
    ).format(error=exc)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, Cancelled):  # the user asked for it: no alarm, nothing was changed
        return
    if not isinstance(exc, ValidationError | ConflictError | NotFoundError | DatabaseLockedError):
        log.error("error shown to the user", exc_info=exc)
    QMessageBox.warning(parent, translate("Errors", "CRM Desktop"), message_for(exc))
