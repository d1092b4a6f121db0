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
