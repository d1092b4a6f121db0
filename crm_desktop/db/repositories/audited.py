"""The base of every repository over an audited, versioned, soft-deleted table.

What each such repository used to spell out again (stamp who created a row and audit it; load a
row at the version the user read, apply the fields, flush with the version check, audit the
changes; move rows to the Trash and back) is written here once. A subclass names its model and
its kind (``"lead"``, ``"order"`` …) and keeps only what is its own: its columns, derived values
and queries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic

from crm_desktop.db.repositories.common import Context, T, apply
from crm_desktop.domain.errors import NotFoundError

Changes = dict[str, list[Any]]


class AuditedRepository(Generic[T]):
    """``model``: the mapped class; ``kind``: its name in audit entries and errors."""

    model: type[T]
    kind: str

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session

    # -- create ----------------------------------------------------------------------------
    def _insert(
        self, values: Mapping[str, Any], *, audit: Mapping[str, Any] | None = None, **extra: Any
    ) -> T:
        """A new row of ``values`` (and ``extra`` columns kept out of the audit entry), stamped
        with the acting user, flushed for its id and audited as created."""
        make: Callable[..., T] = self.model  # a mapped class: its columns as keywords
        obj = make(
            **values, **extra, created_by_id=self.ctx.user_id, updated_by_id=self.ctx.user_id
        )
        self.session.add(obj)
        self.session.flush()
        self.ctx.audit(self.kind, obj.id, "create", values if audit is None else audit)
        return obj

    # -- read ------------------------------------------------------------------------------
    def _live(self, record_id: int) -> T:
        """The row as stored now (not as this session last saw it); NotFoundError when it is
        missing or in the Trash."""
        obj = self.session.get(self.model, record_id, populate_existing=True)
        if obj is None or obj.deleted_at is not None:
            raise NotFoundError(self.kind, record_id)
        return obj

    # -- update ----------------------------------------------------------------------------
    def _load(self, record_id: int, expected_version: int) -> T:
        """The row, if nobody changed or deleted it since ``expected_version`` was read
        (else ConflictError naming who did)."""
        return self.ctx.load_for_update(self.model, self.kind, record_id, expected_version)

    def _save(self, obj: T, changes: Mapping[str, Any], action: str = "update") -> None:
        """Stamp the acting user, flush with the version check (a colleague's save that slipped
        in is a ConflictError), and audit ``changes``."""
        obj.updated_by_id = self.ctx.user_id
        self.ctx.flush_checked(obj, self.kind, obj.id)
        self.ctx.audit(self.kind, obj.id, action, changes)

    def _update(
        self,
        record_id: int,
        expected_version: int,
        values: Mapping[str, Any],
        before_flush: Callable[[T, Changes], None] | None = None,
    ) -> Changes:
        """Load → apply the fields that differ → flush (version checked) → audit; nothing is
        written when nothing differs. ``before_flush`` sets what derives from the changes
        (search text, done-at); returns the changes ({field: [old, new]})."""
        obj = self._load(record_id, expected_version)
        changes = apply(obj, values)
        if changes:
            if before_flush is not None:
                before_flush(obj, changes)
            self._save(obj, changes)
        return changes

    # -- trash -----------------------------------------------------------------------------
    def set_deleted(self, ids: list[int], deleted: bool) -> list[int]:
        """Move records to the Trash (``deleted``) or back; returns the ids that changed."""
        return self.ctx.set_deleted(self.model, self.kind, ids, deleted)
