"""The plan of an import: for each checked row, what to create, update or skip and why, and
the values merged into the records it updates."""

from __future__ import annotations

import copy
from array import array
from collections.abc import Callable
from typing import Any

from rapidfuzz import fuzz, process

from crm_desktop.db.repositories.matching import KeyStore
from crm_desktop.domain.keys import email_key, phone_key
from crm_desktop.services.importing.check import Row
from crm_desktop.services.importing.matching import Matcher, MemoryKeys, same_person
from crm_desktop.services.importing.report import (
    ImportOptions,
    NearDuplicate,
    RowError,
    RowOutcome,
)

FUZZY_SCORE = 90
FUZZY_LIMIT = 500  # new company names checked for near-duplicates (the check is O(n*m))


def merge(
    current: dict[str, Any], incoming: dict[str, Any], overwrite: bool, region: str = "CN"
) -> bool:
    """Merge sheet values into a record's values in place; True when something changed.

    Empty sheet cells never blank a field; notes are added to, tags joined; a phone or e-mail
    that differs from the record's (and is not among its extra values) becomes an extra
    value; with ``overwrite`` it replaces the field instead, and the replaced one is kept in
    the notes."""
    changed = False
    others: list[tuple[str, str]] = []
    for key, value in incoming.items():
        if value in (None, "", ()):
            continue
        old = current.get(key)
        if key == "tags":
            joined = list(dict.fromkeys([*(old or []), *value]))
            if joined != list(old or []):
                current[key] = joined
                changed = True
        elif key == "extras":
            others.extend(value)
        elif key == "notes":
            if not old:
                current[key] = value
                changed = True
            elif str(value) not in str(old):
                current[key] = f"{old}\n{value}"
                changed = True
        elif old in (None, ""):
            current[key] = value
            changed = True
        elif overwrite and old != value:
            if key in ("mobile", "phone", "email"):
                kept = f"{key}: {old}"
                notes = current.get("notes") or ""
                current["notes"] = f"{notes}\n{kept}".strip() if kept not in notes else notes
            current[key] = value
            changed = True
        elif key in ("mobile", "phone", "email") and old != value:
            others.append(("email" if key == "email" else "phone", value))
    for kind, value in others:
        if not _holds(current, kind, value, region):
            current["extras"] = [*(current.get("extras") or ()), (kind, value)]
            changed = True
    return changed


def _holds(record: dict[str, Any], kind: str, value: str, region: str) -> bool:
    """The record has this phone (however written) or e-mail, in a field or as an extra."""
    if kind == "email":
        key = email_key(value)
        held = [record.get("email") or ""] + [v for k, v in record.get("extras") or () if k == kind]
        return any(email_key(v) == key for v in held)
    key = phone_key(value, region)
    fields = [record.get("mobile") or "", record.get("phone") or ""]
    held = fields + [v for k, v in record.get("extras") or () if k == kind]
    return any(v == value or (key and phone_key(v, region) == key) for v in held)


class Plan:
    """One import: plans each batch of checked rows (what to create, update, skip, and why);
    `write.Writer`, unless it is a dry run, writes each batch before the next comes. Of a written batch only
    what later rows need is kept: the keys that recognise its records, company names, and
    the row each new contact came from; records it wrote that a later row merges into are
    read back from the database. A dry run writes nothing, so it keeps them all."""

    def __init__(
        self,
        uow: Any,
        options: ImportOptions,
        sheet: str,
        id_header: str,
        stop: Callable[[], bool],
        keys: KeyStore | MemoryKeys | None = None,
    ) -> None:
        self.uow = uow
        self.stop = stop
        self.options = options
        self.sheet = sheet
        self.id_header = id_header
        self.update = options.on_duplicate == "update"
        self.matcher = Matcher(
            keys or uow.matching.key_store(),
            options.match_on,
            uow.matching.contact_keys(),
            uow.matching.company_keys(),
            options.phone_region,
            uow.contact_values.keys(),
        )
        self.outcomes: list[RowOutcome] = []
        self.errors: list[RowError] = []
        self.warnings: list[RowError] = []
        self.failed_rows: list[tuple[int, tuple[object, ...]]] = []
        self.near: list[NearDuplicate] = []
        self.companies_created = 0
        self.owners: dict[str, int] = {}
        self.fuzzy_names = self.matcher.company_names  # existing companies, by id
        self.fuzzy_checked = 0
        # The ids of the records this import creates are handed out as rows are planned, so
        # later rows can point at them; the write takes exactly these.
        self.first_company = self.next_company = uow.bulk.next_record_id("company")
        self.first_contact = self.next_contact = uow.bulk.next_record_id("contact")
        self.contact_rows = array("l")  # the row each new contact came from, by id
        # Records loaded to merge into (existing, or written by an earlier batch), by id.
        self.contacts: dict[int, dict[str, Any]] = {}
        self.companies: dict[int, dict[str, Any]] = {}
        # Values of updated records as they were, for the history (undo), and how many times
        # this import has saved each (its version at the end).
        self.originals: dict[tuple[str, int], dict[str, Any]] = {}
        self.saves: dict[tuple[str, int], int] = {}
        # This batch (a dry run keeps the new records of every batch).
        self.new_companies: dict[int, dict[str, Any]] = {}
        self.new_contacts: dict[int, dict[str, Any]] = {}
        self.company_updates: dict[int, dict[str, Any]] = {}
        self.contact_updates: dict[int, dict[str, Any]] = {}
        self.tags_wanted: dict[int, list[str]] = {}
        self.extras_wanted: dict[int, list[tuple[str, str]]] = {}
        self._created: tuple[range, range] = (range(0), range(0))

    # -- records --------------------------------------------------------------------------
    def _load(self, entity: str, ids: set[int]) -> None:
        """Current values of records to merge into; the first values seen of an existing
        record are its originals (for undo)."""
        if entity == "contact":
            cache, first, pending = self.contacts, self.first_contact, self.new_contacts
        else:
            cache, first, pending = self.companies, self.first_company, self.new_companies
        wanted = {i for i in ids if i not in cache and i not in pending}
        if not wanted:
            return
        source = self.uow.matching.contacts if entity == "contact" else self.uow.matching.companies
        for record_id, values in source(wanted).items():
            if record_id < first:
                self.originals.setdefault((entity, record_id), copy.deepcopy(values))
            cache[record_id] = values

    def _contact(self, contact_id: int) -> dict[str, Any]:
        if contact_id in self.new_contacts:
            return self.new_contacts[contact_id]
        self._load("contact", {contact_id})
        return self.contacts[contact_id]

    def _where(self, contact_id: int) -> str:
        if contact_id >= self.first_contact:
            return f"row {self.contact_rows[contact_id - self.first_contact]} of this file"
        return f"#{contact_id}"

    def _prefetch(self, batch: list[Row]) -> None:
        """Load the records a batch of rows will merge into, one query per batch rather than
        one per row. Only a forecast: a record it misses is loaded when its row comes."""
        contacts: set[int] = set()
        companies: set[int] = set()
        for row in batch:
            if row.errors:
                continue
            if row.record_id is not None:
                contacts.add(row.record_id)
            name = row.company.get("name")
            company = self.matcher.company(name) if name else None
            if company is not None and (self.update or company >= self.first_company):
                companies.add(company)
            if self.update and row.contact.get("name") and row.record_id is None:
                found, _how = self.matcher.contact(row, company)
                if found is not None:
                    contacts.add(found)
        if companies:
            self._load("company", companies)
        if contacts:
            self._load("contact", contacts)

    def _company_ref(self, row: Row) -> int | None:
        """The id of the company a row names (existing, or created by this import)."""
        name = row.company.get("name")
        if not name:
            return None
        found = self.matcher.company(name)
        if found is not None:
            if found in self.new_companies:  # created by this batch: later rows fill it in
                merge(self.new_companies[found], row.company, False, self.options.phone_region)
            elif found >= self.first_company or self.update:
                # Created by an earlier batch (filled in the same way), or an existing one.
                if found not in self.companies:
                    self._load("company", {found})
                current = self.companies[found]
                overwrite = self.options.overwrite and found < self.first_company
                if merge(current, row.company, overwrite, self.options.phone_region):
                    self.company_updates[found] = current
            return found
        company_id = self.next_company
        self.next_company += 1
        self.companies_created += 1
        self.new_companies[company_id] = row.company  # no copy: the row is done with it
        self.matcher.add_company(name, company_id)
        if self.fuzzy_names and self.fuzzy_checked < FUZZY_LIMIT:
            self.fuzzy_checked += 1
            best = process.extractOne(
                name, self.fuzzy_names, scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE
            )
            if best is not None:
                self.near.append(NearDuplicate(row.number, name, best[2], best[0], best[1]))
        return company_id

    # -- planning -------------------------------------------------------------------------
    def plan(self, batch: list[Row]) -> None:
        self.matcher.prepare(batch)
        self._prefetch(batch)
        for row in batch:
            self._plan_row(row)
            if row.errors:
                self.errors.extend(row.errors)
            if row.warnings:
                self.warnings.extend(row.warnings)
            if self.outcomes[-1].action == "fail":
                self.failed_rows.append((row.number, row.raw))

    def _plan_row(self, row: Row) -> None:
        options, outcomes = self.options, self.outcomes
        if row.errors:
            outcomes.append(RowOutcome(row.number, "fail", row.errors[0].message))
            return
        if row.owner:
            if row.owner not in self.owners:  # a salesperson not yet in the database is added
                self.owners[row.owner] = self.uow.users.get_or_create(row.owner).id
            owner_id = self.owners[row.owner]
            row.contact["owner_id"] = owner_id
            row.company["owner_id"] = owner_id
        name = row.company.get("name")
        is_new = name is not None and self.matcher.company(name) is None
        company = self._company_ref(row)
        if not row.contact.get("name"):  # a company alone
            if is_new:
                outcomes.append(RowOutcome(row.number, "create", company_id=company))
            elif (
                company in self.company_updates
                and company is not None
                and company < self.first_company
            ):
                outcomes.append(RowOutcome(row.number, "update", "", company_id=company))
            else:
                outcomes.append(
                    RowOutcome(row.number, "skip", "the company exists", company_id=company)
                )
            return
        values = row.contact  # no copy: the row is done with it
        if row.record_id is not None and row.record_id not in self.contacts:
            # From another system or database, or deleted: matched like any row, and the
            # number kept in the notes.
            kept = f"{self.id_header}: {row.record_id}"
            values["notes"] = f"{values['notes']}\n{kept}" if values.get("notes") else kept
            row.record_id = None
        if row.record_id is not None:
            known = self.contacts[row.record_id]
            if not same_person(known, values, options.phone_region):
                # Likely the sheet's own numbering, not our IDs: never update someone else.
                # The row is matched like any other, and its number kept in the notes.
                message = (
                    f"ID {row.record_id} is {known['name']} in the database, not "
                    f"{values['name']}. If this column is your own numbering, do not map it to ID."
                )
                value = str(row.record_id)
                row.warnings.append(
                    RowError(
                        self.sheet, row.number, self.id_header, message, "id_mismatch", "id", value
                    )
                )
                kept = f"{self.id_header}: {value}"
                values["notes"] = f"{values['notes']}\n{kept}" if values.get("notes") else kept
                row.record_id = None
        found: int | None
        if row.record_id is not None:
            found, how = row.record_id, "ID"
        else:
            found, how = self.matcher.contact(row, company)
        if found is None or options.on_duplicate == "create":
            contact_id = self.next_contact
            self.next_contact += 1
            self.contact_rows.append(row.number)
            values["company_id"] = company
            self.new_contacts[contact_id] = values
            self.matcher.remember(contact_id, row, company)
            made = None if options.dry_run else contact_id
            outcomes.append(RowOutcome(row.number, "create", contact_id=made))
            return
        where = self._where(found)
        created = found >= self.first_contact
        if options.on_duplicate == "skip":
            outcomes.append(
                RowOutcome(
                    row.number,
                    "skip",
                    f"same {how} as {where}",
                    contact_id=None if created else found,
                )
            )
            return
        # update
        if created:  # a record of an earlier row of this file: merge into it
            target = self._contact(found)
            if (
                merge(target, values, False, options.phone_region)
                and found not in self.new_contacts
            ):
                self.contact_updates[found] = target
            outcomes.append(RowOutcome(row.number, "skip", f"merged into {where}"))
            return
        current = self._contact(found)
        incoming = dict(values)
        if company is not None:
            incoming["company_id"] = company
        if merge(current, incoming, options.overwrite, options.phone_region):
            self.contact_updates[found] = current
            outcomes.append(RowOutcome(row.number, "update", f"same {how} as {where}", found))
        else:
            outcomes.append(RowOutcome(row.number, "skip", "nothing new", found))

    # -- batches --------------------------------------------------------------------------
    def _first(self, entity: str) -> int:
        return self.first_contact if entity == "contact" else self.first_company

    def next_batch(self) -> None:
        """Done with a batch: what it wrote is in the database (a dry run keeps it)."""
        self.matcher.end_batch()
        if not self.options.dry_run:
            self.new_companies, self.new_contacts = {}, {}
            self.contacts, self.companies = {}, {}
        self.company_updates, self.contact_updates, self.tags_wanted = {}, {}, {}
        self.extras_wanted = {}
