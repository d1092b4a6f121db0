"""Translated names of columns, fields, record kinds and activity kinds."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from crm_desktop.domain.pipeline import LeadSource
from crm_desktop.domain.records import ActivityKind

_FIELDS = {
    "name": QT_TRANSLATE_NOOP("Labels", "Name"),
    "company": QT_TRANSLATE_NOOP("Labels", "Company"),
    "company_id": QT_TRANSLATE_NOOP("Labels", "Company"),
    "title": QT_TRANSLATE_NOOP("Labels", "Title"),
    "mobile": QT_TRANSLATE_NOOP("Labels", "Mobile"),
    "phone": QT_TRANSLATE_NOOP("Labels", "Phone"),
    "email": QT_TRANSLATE_NOOP("Labels", "E-mail"),
    "im": QT_TRANSLATE_NOOP("Labels", "WeChat / IM"),
    "address": QT_TRANSLATE_NOOP("Labels", "Address"),
    "city": QT_TRANSLATE_NOOP("Labels", "City"),
    "region": QT_TRANSLATE_NOOP("Labels", "Region"),
    "industry": QT_TRANSLATE_NOOP("Labels", "Industry"),
    "website": QT_TRANSLATE_NOOP("Labels", "Website"),
    "grade": QT_TRANSLATE_NOOP("Labels", "Grade"),
    "source": QT_TRANSLATE_NOOP("Labels", "Source"),
    "owner": QT_TRANSLATE_NOOP("Labels", "Owner"),
    "owner_id": QT_TRANSLATE_NOOP("Labels", "Owner"),
    "notes": QT_TRANSLATE_NOOP("Labels", "Notes"),
    "tags": QT_TRANSLATE_NOOP("Labels", "Tags"),
    "birthday": QT_TRANSLATE_NOOP("Labels", "Birthday"),
    "contacts": QT_TRANSLATE_NOOP("Labels", "Contacts"),
    "updated_at": QT_TRANSLATE_NOOP("Labels", "Updated"),
    "subject": QT_TRANSLATE_NOOP("Labels", "Subject"),
    "outcome": QT_TRANSLATE_NOOP("Labels", "Outcome"),
    "due_date": QT_TRANSLATE_NOOP("Labels", "Due"),
}

_KINDS = {
    "company": QT_TRANSLATE_NOOP("Labels", "company"),
    "contact": QT_TRANSLATE_NOOP("Labels", "contact"),
    "activity": QT_TRANSLATE_NOOP("Labels", "activity"),
    "task": QT_TRANSLATE_NOOP("Labels", "task"),
    "product": QT_TRANSLATE_NOOP("Labels", "product"),
    "order": QT_TRANSLATE_NOOP("Labels", "order"),
    "payment": QT_TRANSLATE_NOOP("Labels", "payment"),
}

_ACTIVITIES = {
    ActivityKind.CALL: QT_TRANSLATE_NOOP("ActivityKinds", "Call"),
    ActivityKind.MEETING: QT_TRANSLATE_NOOP("ActivityKinds", "Meeting"),
    ActivityKind.VISIT: QT_TRANSLATE_NOOP("ActivityKinds", "Visit"),
    ActivityKind.EMAIL: QT_TRANSLATE_NOOP("ActivityKinds", "E-mail"),
    ActivityKind.NOTE: QT_TRANSLATE_NOOP("ActivityKinds", "Note"),
}

SOURCE_LABELS = {
    LeadSource.WEB: QT_TRANSLATE_NOOP("LeadSource", "Web form"),
    LeadSource.FAIR: QT_TRANSLATE_NOOP("LeadSource", "Trade fair"),
    LeadSource.REFERRAL: QT_TRANSLATE_NOOP("LeadSource", "Referral"),
    LeadSource.COLD_CALL: QT_TRANSLATE_NOOP("LeadSource", "Cold call"),
    LeadSource.ADVERTISING: QT_TRANSLATE_NOOP("LeadSource", "Advertising"),
    LeadSource.OTHER: QT_TRANSLATE_NOOP("LeadSource", "Other"),
}

# Symbols every common UI font has (colour emoji fonts are often missing on Linux).
ACTIVITY_ICONS = {
    ActivityKind.CALL: "☎",
    ActivityKind.MEETING: "◉",
    ActivityKind.VISIT: "➜",
    ActivityKind.EMAIL: "✉",
    ActivityKind.NOTE: "✎",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def field_label(key: str, person: bool = False) -> str:
    if person and key == "name":
        # A person's name and a company's differ in Chinese (姓名 / 名称).
        return QCoreApplication.translate("Labels", "Name", "of a person")
    return _tr(_FIELDS.get(key, key))


def kind_label(kind: str) -> str:
    return _tr(_KINDS.get(kind, kind))


def activity_label(kind: ActivityKind) -> str:
    # A context of their own: "E-mail" the activity and "E-mail" the field differ in Chinese.
    return QCoreApplication.translate("ActivityKinds", _ACTIVITIES[kind])


def source_label(source: str) -> str:
    """A known lead source in the user's language; anything typed as it was typed."""
    try:
        return QCoreApplication.translate("LeadSource", SOURCE_LABELS[LeadSource(source)])
    except ValueError:
        return source
