"""Columns of the lists, by key. The UI names them; the repositories sort and filter by them."""

from __future__ import annotations

CONTACT_COLUMNS: tuple[str, ...] = (
    "name",
    "company",
    "title",
    "mobile",
    "phone",
    "email",
    "city",
    "owner",
    "tags",
    "updated_at",
)

COMPANY_COLUMNS: tuple[str, ...] = (
    "name",
    "industry",
    "region",
    "city",
    "grade",
    "phone",
    "owner",
    "contacts",
    "tags",
    "updated_at",
)

# Columns whose order comes from an index; the others are shown but not sortable.
CONTACT_SORTABLE = frozenset(
    {"name", "company", "title", "mobile", "phone", "email", "city", "owner", "updated_at"}
)
COMPANY_SORTABLE = frozenset(
    {"name", "industry", "region", "city", "grade", "phone", "owner", "updated_at"}
)

# What an export of contacts holds, in order: the stable id first (so an edited sheet can be
# imported back as updates), the person, then their company's segment fields.
CONTACT_EXPORT_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "company",
    "title",
    "mobile",
    "phone",
    "email",
    "im",
    "city",
    "address",
    "birthday",
    "owner",
    "tags",
    "notes",
    "industry",
    "region",
    "grade",
    "updated_at",
)
