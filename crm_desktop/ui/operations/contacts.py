"""Contacts operations: save a company or a contact, move records to the Trash and back."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from crm_desktop.domain.records import Company, CompanyData, Contact, ContactData, RecordKind
from crm_desktop.services import contacts as contact_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op, write


def save(
    parent: QWidget,
    ws: Workspace,
    record_id: int | None,
    version: int,
    data: CompanyData | ContactData,
) -> Op:
    """Create (``record_id`` None) or update, over ``version``, a company or a contact (by its
    data); succeeds with the saved ``Company`` or ``Contact``, fails with ``ConflictError``
    over a colleague's change and ``ValidationError`` naming the fields."""

    def job() -> Company | Contact:
        if isinstance(data, CompanyData):
            if record_id is None:
                return contact_service.create_company(ws, data, origin=parent)
            return contact_service.update_company(ws, record_id, version, data, parent)
        if record_id is None:
            return contact_service.create_contact(ws, data, origin=parent)
        return contact_service.update_contact(ws, record_id, version, data, parent)

    return write(parent, job)


def set_deleted(
    parent: QWidget, ws: Workspace, kind: RecordKind, ids: list[int], deleted: bool
) -> Op:
    """To the Trash (``deleted``) or back; succeeds with the ids that changed."""
    ids = list(ids)
    return write(parent, lambda: contact_service.set_deleted(ws, kind, ids, deleted, origin=parent))
