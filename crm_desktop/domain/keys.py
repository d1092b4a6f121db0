"""Keys that recognise the same customer written differently (import, lead conversion)."""

from __future__ import annotations

import re
import unicodedata

_NAME_KEY = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\D+")


def name_key(value: str) -> str:
    """Case, width, space and punctuation do not tell two names apart."""
    return _NAME_KEY.sub("", unicodedata.normalize("NFKC", value).casefold())


def phone_key(value: str) -> str:
    """Digits, without a country prefix for Chinese numbers: +86 138… and 138… are the same."""
    digits = _DIGITS.sub("", value or "")
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits if len(digits) >= 7 else ""


def email_key(value: str) -> str:
    return (value or "").strip().casefold()
