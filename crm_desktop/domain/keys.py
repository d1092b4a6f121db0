"""Keys that recognise the same customer written differently (import, lead conversion)."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

_NAME_KEY = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\D+")


def name_key(value: str) -> str:
    """Case, width, space and punctuation do not tell two names apart."""
    return _NAME_KEY.sub("", unicodedata.normalize("NFKC", value).casefold())


def phone_parts(value: str, region: str = "CN") -> tuple[str, str]:
    """(country calling code, national number) of a phone number however it was written;
    ("", "") for anything too short to be one. A number without a country is ``region``'s.

    +86 571 8888 6666, 0086 571 88886666, 0571-8888-6666 and +86 (0)571 8888 6666 are one
    number (86, 57188886666); 138 0013 8000 and +86 13800138000 another. The shapes Chinese
    and North American lists hold are read directly; any other goes to phonenumbers."""
    digits = _DIGITS.sub("", value or "")
    if len(digits) < 7:
        return "", ""
    plus = value.lstrip()[:1] == "+"
    if not plus and digits.startswith("00"):  # the international prefix, written out
        digits, plus = digits[2:], True
    if plus:
        if digits.startswith("86"):
            return "86", _no_trunk_zero(digits[2:])
        if digits.startswith("1"):
            return "1", digits[1:]
        return _parsed("+" + digits, region, digits)
    if region == "CN":
        if len(digits) == 13 and digits.startswith("861"):  # 86 138…: a mobile, + left out
            return "86", digits[2:]
        return "86", _no_trunk_zero(digits)
    if region in ("US", "CA"):
        if len(digits) == 11 and digits.startswith("1"):
            return "1", digits[1:]
        return "1", digits
    return _parsed(value, region, digits)


def _no_trunk_zero(national: str) -> str:
    """0571 8888 6666 dialled at home is 571 8888 6666 from abroad."""
    return national[1:] if national.startswith("0") else national


def _parsed(text: str, region: str, digits: str) -> tuple[str, str]:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return "", digits
    return str(number.country_code), str(number.national_number)


def phone_key(value: str, region: str = "CN") -> str:
    """The same phone number however it was written (see `phone_parts`); "" for none."""
    country, national = phone_parts(value, region)
    return f"{country}:{national}" if national else ""


def email_key(value: str) -> str:
    return (value or "").strip().casefold()
