"""Errors raised below the UI and turned into messages by it."""

from __future__ import annotations

from datetime import datetime


class CrmError(Exception):
    """Base of every error the user may be shown."""


class ValidationError(CrmError):
    """One or more fields hold a value that cannot be saved."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))


class NotFoundError(CrmError):
    def __init__(self, kind: str, record_id: int) -> None:
        self.kind = kind
        self.record_id = record_id
        super().__init__(f"{kind} #{record_id} does not exist (or was deleted)")


class ConflictError(CrmError):
    """The record was changed by someone else since it was loaded."""

    def __init__(
        self,
        kind: str,
        record_id: int,
        changed_by: str | None,
        changed_at: datetime | None,
        deleted: bool = False,
    ) -> None:
        self.kind = kind
        self.record_id = record_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.deleted = deleted
        who = changed_by or "another user"
        what = "deleted" if deleted else "changed"
        when = f" at {changed_at:%Y-%m-%d %H:%M}" if changed_at else ""
        super().__init__(f"{kind} #{record_id} was {what} by {who}{when} since you opened it")


class DatabaseLockedError(CrmError):
    """Another program holds the write lock for longer than we are willing to wait."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"The database {path} is busy: another user or program is writing to it. "
            "Try again in a moment."
        )


class SchemaTooNewError(CrmError):
    def __init__(self, path: str, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(
            f"The database {path} was created by a newer version of CRM Desktop "
            f"(schema {revision}). Update CRM Desktop to open it; the file was not changed."
        )


class NotADatabaseError(CrmError):
    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        super().__init__(f"{path} is not a CRM Desktop database ({detail})")


class Cancelled(CrmError):
    """The user cancelled a long operation; nothing it was doing has been saved."""

    def __init__(self) -> None:
        super().__init__("cancelled; nothing was changed")


class ReadOnlyDatabaseError(CrmError):
    """A change was asked of a database this user may only read."""

    ADVICE = (
        "searching, checking, exporting and backing up work; to change it, use a copy you may "
        "write, or ask for write access"
    )

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path} is read-only: {reason}")


class DatabaseOpenError(CrmError):
    """The database cannot be opened as asked (missing, a folder, damaged, a bad URL, a server
    out of reach); the message says why and what to do."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(message)


class MissingDatabaseError(DatabaseOpenError):
    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(
            path,
            f"No database at {path}{detail}; create one with `crm-desktop --db {path} demo` "
            "or open the app",
        )


class DamagedDatabaseError(DatabaseOpenError):
    def __init__(self, path: str, detail: str) -> None:
        super().__init__(
            path,
            f"{path} looks damaged ({detail}). Restore it from a backup; "
            f"`crm-desktop --db {path} check` reports the damage. The file was not changed.",
        )
