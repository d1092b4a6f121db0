"""Writing an import's planned batches: new companies and contacts with Core bulk inserts,
updates of existing records, tags, and the history items that let undo take it back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from crm_desktop.db.repositories.companies import company_values
from crm_desktop.db.repositories.contacts import contact_values
from crm_desktop.db.repositories.imports import dump_values
from crm_desktop.domain.errors import Cancelled
from crm_desktop.services.importing.check import company_data, contact_data
from crm_desktop.services.importing.plan import Plan


class Writer(Plan):
    """A plan that writes each batch (inside the caller's write transaction) once planned."""

    @contextmanager
    def writing(self) -> Iterator[Callable[[], None]]:
        """The block in which batches are written; yields the function that writes one."""
        with self.uow.bulk.search_index_deferred() as index:
            yield lambda: self._flush(index)

    def _flush(self, index: Callable[[], None]) -> None:
        """Write the planned batch: new companies, new contacts, then updates."""
        uow, bulk = self.uow, self.uow.bulk
        now = datetime.now(UTC)
        if self.stop():
            raise Cancelled()
        companies = bulk.reserve_record_ids("company", len(self.new_companies))
        if companies:
            assert companies.start == min(self.new_companies), "ids given out elsewhere"
            bulk.companies([company_row(i, v) for i, v in self.new_companies.items()], now)
        if self.stop():
            raise Cancelled()
        names = self._company_names()  # of the companies this batch's contacts are at
        contacts = bulk.reserve_record_ids("contact", len(self.new_contacts))
        if contacts:
            assert contacts.start == min(self.new_contacts), "ids given out elsewhere"
            rows = []
            for contact_id, values in self.new_contacts.items():
                rows.append(contact_row(contact_id, values))
                if values.get("tags"):
                    self.tags_wanted[contact_id] = list(values["tags"])
                if values.get("extras"):
                    self.extras_wanted[contact_id] = list(values["extras"])
            bulk.contacts(rows, now, names)
        self._created = (companies, contacts)
        index()  # records are in the search index before anything updates them
        for entity, updates in (
            ("company", self.company_updates),
            ("contact", self.contact_updates),
        ):
            existing = {i: v for i, v in updates.items() if i < self._first(entity)}
            created = {i: v for i, v in updates.items() if i >= self._first(entity)}
            for record_id in existing:
                self.saves[(entity, record_id)] = self.saves.get((entity, record_id), 0) + 1
            for rows_, bump in ((existing, True), (created, False)):
                if not rows_:
                    continue
                if entity == "company":
                    uow.matching.update_companies(
                        [company_row(i, v) | {"id": i} for i, v in rows_.items()], bump
                    )
                    names.update({i: v["name"] for i, v in rows_.items()})
                else:
                    out = []
                    for contact_id, values in rows_.items():
                        out.append(contact_row(contact_id, values) | {"id": contact_id})
                        if values.get("tags"):
                            self.tags_wanted[contact_id] = list(values["tags"])
                        if values.get("extras"):
                            self.extras_wanted[contact_id] = list(values["extras"])
                    uow.matching.update_contacts(out, names, bump)
        if self.tags_wanted:
            tags = sorted({t for names_ in self.tags_wanted.values() for t in names_})
            tag_ids = bulk.tags(tags)
            uow.matching.add_contact_tags(self.tags_wanted, tag_ids)
        uow.contact_values.replace(self.extras_wanted)

    def _company_names(self) -> dict[int, str]:
        """Names of the companies this batch's contacts are at, for their sorting and search."""
        wanted = {
            values["company_id"]
            for contacts in (self.new_contacts, self.contact_updates)
            for values in contacts.values()
            if values.get("company_id")
        }
        names = {i: v["name"] for i, v in self.new_companies.items() if i in wanted}
        names.update(self.uow.matching.company_names(wanted - set(names)))
        return names

    def created_items(self) -> Iterator[dict[str, Any]]:
        """History items of the records the last batch created (undo removes them)."""
        companies, contacts = self._created
        for record_id in companies:
            yield {"entity": "company", "entity_id": record_id, "action": "create", "version": 1}
        for record_id in contacts:
            yield {"entity": "contact", "entity_id": record_id, "action": "create", "version": 1}

    def update_items(self) -> Iterator[dict[str, Any]]:
        """History items of the existing records this import updated: their values before,
        and the version the import left them at (undo gives them back unless changed since)."""
        for (entity, record_id), saves in self.saves.items():
            old = self.originals[(entity, record_id)]
            yield {"entity": entity, "entity_id": record_id, "action": "update",
                   "old_values": dump_values(old), "version": old["version"] + saves}  # fmt: skip


def contact_row(cid: int, values: dict[str, Any]) -> dict[str, Any]:
    """Columns of a contact from values cleaned already (by the check, or as stored)."""
    return {"id": cid, **contact_values(contact_data(values, clean=False))}


def company_row(cid: int, values: dict[str, Any]) -> dict[str, Any]:
    return {"id": cid, **company_values(company_data(values, clean=False))}
