"""Recognising the records a row describes: existing ones (by e-mail, phone, or name and
company) and those of earlier rows of the same file, through keys kept in a store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from crm_desktop.db.repositories.matching import KeyStore
from crm_desktop.domain.keys import email_key, name_key, phone_key
from crm_desktop.services.importing.check import Row


class MemoryKeys:
    """A dry run's keys, in Python: it reads in short transactions, one per batch, and a
    temporary table lives only as long as its connection's transaction (see `KeyStore`)."""

    def __init__(self) -> None:
        self.keys: dict[str, int] = {}

    def add(self, pairs: Iterable[tuple[str, int]]) -> None:
        for key, ref in pairs:
            self.keys.setdefault(key, ref)

    def find(self, keys: Iterable[str]) -> dict[str, int]:
        return {key: self.keys[key] for key in keys if key in self.keys}

    def close(self) -> None:
        self.keys = {}


class Matcher:
    """Finds the existing records (and the earlier rows of the file) that a row describes.

    The keys live in a store: the write transaction's temporary table (`KeyStore`), not
    Python, or a dry run's `MemoryKeys`; ``prepare`` looks up the keys a batch of rows will ask for in one go, and ``end_batch``
    stores the keys the batch's new records brought."""

    def __init__(
        self,
        store: KeyStore | MemoryKeys,
        match_on: frozenset[str],
        contact_keys: Iterable[tuple[int, str, int | None, str, str, str]],
        company_keys: Iterable[tuple[int, str]],
        region: str,
        extra_keys: Iterable[tuple[int, str, str]] = (),
    ) -> None:
        self.store = store
        self.match_on = match_on
        self.region = region  # of phone numbers written without a country
        self.found: dict[str, int] = {}  # keys of this batch already in the store
        self.new: dict[str, int] = {}  # keys this batch's new records bring
        self.company_names: dict[int, str] = {}  # the existing companies

        def existing() -> Iterator[tuple[str, int]]:
            for cid, name in company_keys:
                self.company_names[cid] = name
                if key := name_key(name):
                    yield _COMPANY + key, cid
            for cid, name, company_id, email, mobile, phone in contact_keys:
                for key in _contact_keys(email, mobile, phone, region):
                    yield key, cid
                if key := _name_key(name, company_id):
                    yield key, cid
            for cid, kind, value in extra_keys:  # second and later phones and e-mails
                if key := _extra_key(kind, value, region):
                    yield key, cid

        pairs = existing()
        while chunk := list(islice(pairs, 20000)):
            store.add(chunk)

    def prepare(self, rows: Iterable[Row]) -> None:
        """Look up the keys of a batch of rows (which must then be matched in order)."""
        rows = [row for row in rows if not row.errors]
        self.found = self.store.find(
            _COMPANY + name_key(row.company["name"]) for row in rows if row.company.get("name")
        )
        keys: list[str] = []
        for row in rows:
            values = row.contact
            if values.get("name"):
                row.keys = _contact_keys(
                    values.get("email", ""),
                    values.get("mobile", ""),
                    values.get("phone", ""),
                    self.region,
                    values.get("extras", ()),
                )
                keys += row.keys
                name = row.company.get("name")
                keys.append(_name_key(values["name"], self.company(name) if name else None))
        keys = [key for key in keys if key]
        self.found.update(self.store.find(keys))

    def end_batch(self) -> None:
        self.store.add(self.new.items())
        self.found, self.new = {}, {}

    def _get(self, key: str) -> int | None:
        found = self.found.get(key)
        return self.new.get(key) if found is None else found

    def _set(self, key: str, ref: int) -> None:
        if key not in self.found:
            self.new.setdefault(key, ref)

    def company(self, name: str) -> int | None:
        return self._get(_COMPANY + name_key(name))

    def add_company(self, name: str, ref: int) -> None:
        self._set(_COMPANY + name_key(name), ref)

    def remember(self, ref: int, row: Row, company: int | None) -> None:
        """``ref``: the id this import gives the row's new contact."""
        for key in row.keys:
            self._set(key, ref)
        if key := _name_key(row.contact["name"], company):
            self._set(key, ref)

    def contact(self, row: Row, company: int | None) -> tuple[int | None, str]:
        """The contact a (prepared) row describes, and by what it was recognised."""
        for key in row.keys:
            if key[:2] == _EMAIL:
                if "email" in self.match_on and (found := self._get(key)) is not None:
                    return found, "e-mail"
            elif "phone" in self.match_on and (found := self._get(key)) is not None:
                return found, "phone"
        if "name" in self.match_on and (key := _name_key(row.contact["name"], company)):
            found = self._get(key)
            if found is not None:
                return found, "name and company"
        return None, ""


_COMPANY, _EMAIL, _PHONE, _NAME = "c:", "e:", "p:", "n:"


def _contact_keys(
    email: str,
    mobile: str,
    phone: str,
    region: str,
    extras: Iterable[tuple[str, str]] = (),
) -> tuple[str, ...]:
    """The keys that recognise a contact besides its name: e-mail first, then phones, then
    the extra e-mails and phones."""
    keys = []
    if key := email_key(email):
        keys.append(_EMAIL + key)
    for number in (mobile, phone):
        if key := phone_key(number, region):
            keys.append(_PHONE + key)
    for kind, value in extras:
        if key := _extra_key(kind, value, region):
            keys.append(key)
    return tuple(keys)


def _extra_key(kind: str, value: str, region: str) -> str:
    if kind == "email":
        key = email_key(value)
        return _EMAIL + key if key else ""
    key = phone_key(value, region)
    return _PHONE + key if key else ""


def _name_key(name: str, company: int | None) -> str:
    """A person is also recognised by name at the same company (or both at none); "" for a
    name of nothing but punctuation."""
    key = name_key(name)
    return f"{_NAME}{key}\x1f{company}" if key else ""


def same_person(known: dict[str, Any], values: dict[str, Any], region: str) -> bool:
    """The record an ID names is the row's person: same name, e-mail or phone."""
    if name_key(known.get("name") or "") == name_key(values.get("name") or ""):
        return True
    if email_key(values.get("email", "")) and email_key(known.get("email") or "") == email_key(
        values.get("email", "")
    ):
        return True
    theirs = {phone_key(known.get(k) or "", region) for k in ("mobile", "phone")} - {""}
    ours = {phone_key(values.get(k) or "", region) for k in ("mobile", "phone")} - {""}
    return bool(theirs & ours)
