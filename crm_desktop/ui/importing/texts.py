"""The import wizard's words for what the services name by key: import targets (a translation
table keyed by field name) and the problems of a row."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
)

from crm_desktop.services.importing import RowError
from crm_desktop.ui.labels import field_label

# Targets that only the import has; the others are named as the forms name them.
_TARGETS = {
    "skip": QT_TRANSLATE_NOOP("ImportTargets", "— skip this column —"),
    "first_name": QT_TRANSLATE_NOOP("ImportTargets", "First name"),
    "last_name": QT_TRANSLATE_NOOP("ImportTargets", "Last name"),
    "company": QT_TRANSLATE_NOOP("ImportTargets", "Company"),
    "company_phone": QT_TRANSLATE_NOOP("ImportTargets", "Company phone"),
    "company_notes": QT_TRANSLATE_NOOP("ImportTargets", "Company notes"),
    "id": QT_TRANSLATE_NOOP("ImportTargets", "ID (from an export)"),
    "owner": QT_TRANSLATE_NOOP("ImportTargets", "Owner (salesperson)"),
    "grade": QT_TRANSLATE_NOOP("ImportTargets", "Grade (A, B, C)"),
    "tags": QT_TRANSLATE_NOOP("ImportTargets", "Tags"),
    "other_phones": QT_TRANSLATE_NOOP("ImportTargets", "Other phones"),
    "other_emails": QT_TRANSLATE_NOOP("ImportTargets", "Other e-mails"),
}


def target_label(key: str) -> str:
    """A column target as the user reads it, in the UI language."""
    if key in _TARGETS:
        return QCoreApplication.translate("ImportTargets", _TARGETS[key])
    return field_label(key, person=True)


def problem_text(error: RowError) -> str:
    """A problem in the UI language; the service's English detail stays in the tooltip."""
    what = target_label(error.field) if error.field else ""
    if error.code == "no_name":
        return QCoreApplication.translate(
            "ImportProblems", "No name: neither a person nor a company."
        )
    if error.code == "id_mismatch":
        return QCoreApplication.translate(
            "ImportProblems",
            "This ID belongs to someone else in the database: is it your own numbering?",
        )
    if error.code == "cell" and error.field == "birthday":
        return QCoreApplication.translate(
            "ImportProblems", "Not a date that can be read (e.g. 2023-05-06)."
        )
    if error.code == "cell" and error.field == "grade":
        return QCoreApplication.translate("ImportProblems", "A grade is A, B or C.")
    if error.code == "cell" and error.field in ("mobile", "phone", "company_phone"):
        return QCoreApplication.translate(
            "ImportProblems", "The phone number cannot be read (stored as a rounded number?)."
        )
    if error.code == "cell":
        return QCoreApplication.translate(
            "ImportProblems", "%1: this value cannot be read."
        ).replace("%1", what)
    if error.code == "invalid" and error.field == "email":
        return QCoreApplication.translate("ImportProblems", "This is not a valid e-mail address.")
    if error.code == "invalid" and error.field in ("mobile", "phone"):
        return QCoreApplication.translate(
            "ImportProblems", "This does not look like a phone number."
        )
    if error.code == "invalid":
        return QCoreApplication.translate(
            "ImportProblems", "%1: this value cannot be saved."
        ).replace("%1", what)
    return error.message


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: as the spreadsheet names its columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
