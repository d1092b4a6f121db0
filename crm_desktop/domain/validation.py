"""Field checks shared by forms, services and (later) the importer."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.records import CompanyData, ContactData

MAX_NAME = 200
MAX_SHORT = 100
MAX_TEXT = 20_000


def clean_text(value: str | None) -> str:
    """NFKC-normalise (full-width letters and digits to ASCII), collapse stray spaces."""
    if not value:
        return ""
    if (
        value.isprintable()  # no whitespace but " "
        and "  " not in value
        and value[0] != " "
        and value[-1] != " "
        and (value.isascii() or unicodedata.is_normalized("NFKC", value))
    ):
        return value  # already clean: most values, checked in C
    return " ".join(unicodedata.normalize("NFKC", value).split())


# Plain ASCII addresses (almost all of them) need no full RFC check: it costs ~70 µs each,
# which an import of 100,000 rows feels.
_PLAIN_EMAIL = re.compile(
    r"[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})*\.[a-z]{2,24}"
)
_PLAIN_PHONE = re.compile(r"(\+\d{1,3}[ -]?)?(\(?\d{2,5}\)?[ -]?)?\d{3,4}[ -]?\d{4}")


def check_email(value: str) -> str | None:
    """Return an error message, or None when the address is acceptable (or empty)."""
    if not value:
        return None
    if _PLAIN_EMAIL.fullmatch(value.lower()) and ".." not in value:
        return None
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


def check_phone(value: str, region: str = "CN") -> str | None:
    """Accept anything that could be a real phone number; extensions and separators allowed."""
    if not value:
        return None
    if _PLAIN_PHONE.fullmatch(value) and 7 <= sum(ch.isdigit() for ch in value) <= 15:
        return None  # the common shapes: 13800138000, 0571-88886666, +1 415-555-0134
    digits = sum(ch.isdigit() for ch in value)
    if digits < 3:
        return "A phone number needs at least 3 digits."
    if any(ch.isalpha() for ch in value.lower().replace("ext", "").replace("x", "")):
        return "A phone number may hold digits, spaces, + - ( ) and an extension only."
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return "This does not look like a phone number."
    if not phonenumbers.is_possible_number(number) and digits > 8:
        return "This phone number has the wrong number of digits."
    return None


def _check_length(errors: dict[str, str], field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors[field] = f"At most {limit} characters (this has {len(value)})."


def validate_company(data: CompanyData, region: str = "CN") -> None:
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = "A company needs a name."
    _check_length(errors, "name", data.name, MAX_NAME)
    for field in ("industry", "region", "city", "source"):
        _check_length(errors, field, getattr(data, field), MAX_SHORT)
    _check_length(errors, "address", data.address, MAX_NAME * 2)
    _check_length(errors, "website", data.website, MAX_NAME)
    _check_length(errors, "notes", data.notes, MAX_TEXT)
    if msg := check_phone(data.phone, region):
        errors["phone"] = msg
    if errors:
        raise ValidationError(errors)


def validate_contact(data: ContactData, region: str = "CN") -> None:
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = "A contact needs a name."
    _check_length(errors, "name", data.name, MAX_NAME)
    for field in ("title", "im", "city"):
        _check_length(errors, field, getattr(data, field), MAX_SHORT)
    _check_length(errors, "address", data.address, MAX_NAME * 2)
    _check_length(errors, "notes", data.notes, MAX_TEXT)
    _check_length(errors, "email", data.email, 254)
    if msg := check_email(data.email):
        errors["email"] = msg
    for field in ("mobile", "phone"):
        if msg := check_phone(getattr(data, field), region):
            errors[field] = msg
    if errors:
        raise ValidationError(errors)
