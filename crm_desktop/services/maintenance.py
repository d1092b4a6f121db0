"""Use cases for keeping a database healthy: check, back up, search from a terminal."""

from __future__ import annotations

from pathlib import Path

from crm_desktop.db.database import file_integrity
from crm_desktop.db.migrate import head_revision
from crm_desktop.domain.columns import COMPANY_COLUMNS, CONTACT_COLUMNS
from crm_desktop.domain.records import CheckReport, ListFilter, RecordKind
from crm_desktop.services import contacts
from crm_desktop.services.workspace import Workspace


def check(ws: Workspace) -> CheckReport:
    """Integrity check, schema version and record counts."""
    current, head = ws.schema()
    counts = {
        "companies": contacts.count(ws, RecordKind.COMPANY, ListFilter()),
        "contacts": contacts.count(ws, RecordKind.CONTACT, ListFilter()),
        "companies_in_trash": contacts.count(ws, RecordKind.COMPANY, ListFilter(deleted=True)),
        "contacts_in_trash": contacts.count(ws, RecordKind.CONTACT, ListFilter(deleted=True)),
    }
    with ws.reading() as uow:
        counts.update(
            uow.ctx.counts(
                (
                    "users", "activities", "tasks", "tags", "leads", "opportunities",
                    "products", "orders", "order_lines", "payments", "tickets", "articles",
                )
            )
        )  # fmt: skip
    return CheckReport(
        path=ws.display_name,
        dialect=ws.database.dialect,
        integrity=ws.database.integrity_check(),
        schema_revision=current,
        head_revision=head,
        journal_mode=ws.database.journal_mode(),
        counts=counts,
        read_only=ws.read_only,
    )


def check_damaged(path: str) -> CheckReport:
    """The report on a file that does not open as a database: what SQLite finds wrong."""
    return CheckReport(
        path=path,
        dialect="sqlite",
        integrity=file_integrity(Path(path)),
        schema_revision=None,
        head_revision=head_revision(),
        journal_mode=None,
        counts={},
        read_only=True,
    )


def backup(ws: Workspace, target: Path) -> Path:
    return ws.database.backup(target)


def search(ws: Workspace, text: str, limit: int = 50) -> dict[str, list[dict[str, object]]]:
    """Contacts and companies matching ``text``, as dicts keyed by column (times as datetimes)."""
    result: dict[str, list[dict[str, object]]] = {}
    for kind, columns, key in (
        (RecordKind.CONTACT, CONTACT_COLUMNS, "contacts"),
        (RecordKind.COMPANY, COMPANY_COLUMNS, "companies"),
    ):
        page = contacts.list_page(ws, kind, ListFilter(search=text), limit=limit)
        result[key] = [
            {"id": row[0], **dict(zip(columns, row[1:], strict=True))} for row in page.rows
        ]
    return result
