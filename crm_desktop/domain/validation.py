"""Field checks shared by forms, services and (later) the importer."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.pipeline import (
    LeadData,
    OpportunityData,
    OrderData,
    PaymentData,
    ProductData,
)
from crm_desktop.domain.records import CompanyData, ContactData

MAX_NAME = 200
MAX_SHORT = 100
MAX_TEXT = 20_000
MAX_MONEY = Decimal("1000000000000")  # Numeric(14, 2) holds up to 10^12 - 0.01


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


# -- pipeline --------------------------------------------------------------------------------
def validate_lead(data: LeadData, region: str = "CN") -> None:
    errors: dict[str, str] = {}
    if not data.name.strip() and not data.company_name.strip():
        errors["name"] = "A lead needs a name or a company."
    _check_length(errors, "name", data.name, MAX_NAME)
    _check_length(errors, "company_name", data.company_name, MAX_NAME)
    for field in ("title", "city", "source"):
        _check_length(errors, field, getattr(data, field), MAX_SHORT)
    _check_length(errors, "notes", data.notes, MAX_TEXT)
    if msg := check_email(data.email):
        errors["email"] = msg
    for field in ("mobile", "phone"):
        if msg := check_phone(getattr(data, field), region):
            errors[field] = msg
    if errors:
        raise ValidationError(errors)


def validate_opportunity(data: OpportunityData) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = "A deal needs a title."
    _check_length(errors, "title", data.title, MAX_NAME)
    _check_money(errors, "amount", data.amount, "The amount")
    if data.probability is not None and not 0 <= data.probability <= 100:
        errors["probability"] = "The probability is a percentage from 0 to 100."
    if len(data.currency) != 3 or not data.currency.isalpha():
        errors["currency"] = "A currency is a three-letter code such as CNY, USD or EUR."
    _check_length(errors, "source", data.source, MAX_SHORT)
    for field in ("competitor", "lost_reason"):
        _check_length(errors, field, getattr(data, field), MAX_NAME)
    _check_length(errors, "next_step", data.next_step, MAX_NAME * 2)
    _check_length(errors, "notes", data.notes, MAX_TEXT)
    if errors:
        raise ValidationError(errors)


def validate_product(data: ProductData) -> None:
    errors: dict[str, str] = {}
    if not data.code.strip():
        errors["code"] = "A product needs a code."
    if not data.name.strip():
        errors["name"] = "A product needs a name."
    _check_length(errors, "code", data.code, 50)
    _check_length(errors, "name", data.name, MAX_NAME)
    _check_length(errors, "category", data.category, MAX_SHORT)
    _check_length(errors, "unit", data.unit, 20)
    _check_money(errors, "unit_price", data.unit_price, "The price")
    if data.cost_price is not None:
        _check_money(errors, "cost_price", data.cost_price, "The cost")
    if errors:
        raise ValidationError(errors)


def money_problem(value: Decimal, what: str) -> str | None:
    """Why ``value`` is no amount of money to store (negative, too large, or finer than the
    cent: rounding it silently would store another amount than the one typed), or None."""
    if value < 0:
        return f"{what} cannot be negative."
    if value >= MAX_MONEY:
        return f"{what} is too large."
    if decimal_places(value) > 2:
        return f"{what} has at most 2 decimals."
    return None


def _check_money(errors: dict[str, str], field: str, value: Decimal, what: str) -> None:
    problem = money_problem(value, what)
    if problem is not None:
        errors[field] = problem


MAX_QUANTITY = Decimal("100000000000")  # Numeric(14, 3)


def decimal_places(value: Decimal) -> int:
    """How many decimals the value really has (1.500 has 1)."""
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


_decimals = decimal_places


def validate_order(data: OrderData) -> None:
    errors: dict[str, str] = {}
    if not data.lines:
        errors["lines"] = "Add at least one line."
    for number, line in enumerate(data.lines, start=1):
        key = f"lines.{number}"
        if not line.description.strip() and line.product_id is None:
            errors[key] = f"Line {number} needs a product or a description."
        elif len(line.description) > MAX_NAME * 2:
            errors[key] = f"Line {number}: at most {MAX_NAME * 2} characters of description."
        elif line.quantity <= 0:
            errors[key] = f"Line {number}: the quantity must be more than 0."
        elif line.quantity >= MAX_QUANTITY:
            errors[key] = f"Line {number}: the quantity is too large."
        elif _decimals(line.quantity) > 3:
            # stored with 3 decimals: the amount must be computed from what is kept
            errors[key] = f"Line {number}: a quantity has at most 3 decimals."
        elif line.unit_price < 0:
            errors[key] = f"Line {number}: the price cannot be negative."
        elif line.unit_price >= MAX_MONEY:
            errors[key] = f"Line {number}: the price is too large."
        elif _decimals(line.unit_price) > 2:
            # stored to the cent: rounding it would change the total the user saw
            errors[key] = f"Line {number}: a price has at most 2 decimals."
        elif line.unit_cost is not None and (problem := money_problem(line.unit_cost, "the cost")):
            errors[key] = f"Line {number}: {problem}"
        elif not 0 <= line.discount <= 100:
            errors[key] = f"Line {number}: the discount is a percentage, 0 to 100."
        elif _decimals(line.discount) > 2:
            errors[key] = f"Line {number}: a discount has at most 2 decimals."
    if data.due_date is not None and data.due_date < data.order_date:
        errors["due_date"] = "Payment cannot be due before the order date."
    if len(data.currency) != 3 or not data.currency.isalpha():
        errors["currency"] = "A currency is a three-letter code such as CNY, USD or EUR."
    _check_length(errors, "number", data.number, 40)
    if not errors and data.total >= MAX_MONEY:
        errors["lines"] = "The total is too large."
    if errors:
        raise ValidationError(errors)


def validate_payment(data: PaymentData) -> None:
    errors: dict[str, str] = {}
    if data.amount <= 0:
        errors["amount"] = "A payment must be more than 0."
    else:
        _check_money(errors, "amount", data.amount, "The amount")
    _check_length(errors, "method", data.method, 30)
    _check_length(errors, "reference", data.reference, MAX_SHORT)
    if errors:
        raise ValidationError(errors)
