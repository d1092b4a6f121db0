"""Read an address book exported as vCard (.vcf) into a table the importer maps like a sheet.

Phones, Outlook, Google Contacts and Apple Contacts write vCard 2.1, 3.0 or 4.0, often several
cards in one file. Each card becomes one row under `HEADERS`, English headers that
`mapping.suggest_field` knows, so the importer needs nothing of its own for vCards:

- Name: FN; without one, N (family;given) joined by `mapping.join_name` (张 + 伟 → 张伟). A
  Chinese FN that only repeats N's parts in the wrong order ("伟 张") is written the Chinese way.
  A company card (Apple "X-ABShowAs:COMPANY", 4.0 "KIND:org") has no person's name.
- Company: ORG's first part (a department goes to Notes); Job Title: TITLE.
- Mobile: the first TEL typed CELL (MOBILE, IPHONE); Phone: the first other TEL. Further
  numbers go to Notes as "Phone: …", fax numbers as "Fax: …". 4.0 "tel:" URIs lose the "tel:".
- E-mail, Website: the first EMAIL and URL; further ones go to Notes.
- Address, City, Region: the first ADR's street, locality and region (further addresses go to
  Notes; post code and country are left out, as for a spreadsheet's extra columns).
- Birthday: a `date` from BDAY (1985-04-12, 19850412, with or without a time). One without a
  year (--0412, Apple's 1604 + X-APPLE-OMIT-YEAR) cannot be stored: it is noted instead.
- Notes: NOTE, then what did not fit the other columns, one per line.
- Tags: CATEGORIES joined with ", " (Google's "myContacts" group, which holds everyone, left out).
- Photos and everything else are ignored.

Every card gives a row, even an empty one, so row n + 1 of the table is card n of the file.

How a file is read: the text encoding is UTF-8 (with or without BOM), UTF-16 with a BOM, or else
GB18030 (Chinese phone backups). A UTF-8 file goes to vobject. A file vobject cannot read, and
any file that is not UTF-8, goes to this module's own parser, which reads the bytes one
property at a time: that way each value is decoded with its own CHARSET (vCard 2.1 phones write
CHARSET=GBK or UTF-8, often quoted-printable, sometimes without saying which), line endings may
be CR only, and a 2.1 photo's unindented base64 lines are skipped. A file that is no vCard, a
card without END:VCARD, or a line that is no property raises `VCardError` naming the line.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from crm_desktop.domain.errors import CrmError
from crm_desktop.io import cells
from crm_desktop.io.mapping import join_name

HEADERS: tuple[str, ...] = (
    "Name",
    "Company",
    "Job Title",
    "Mobile",
    "Phone",
    "E-mail",
    "Address",
    "City",
    "Region",
    "Website",
    "Birthday",
    "Notes",
    "Tags",
)

Rows = tuple[tuple[object, ...], ...]

_MOBILE_TYPES = frozenset({"CELL", "MOBILE", "IPHONE"})
_PHONE_LABELS = (
    ("CELL", "mobile"),
    ("MOBILE", "mobile"),
    ("IPHONE", "mobile"),
    ("WORK", "work"),
    ("HOME", "home"),
    ("PAGER", "pager"),
)
# Google Contacts puts every contact in this system group: it says nothing about anyone.
_IGNORED_CATEGORIES = frozenset({"myContacts"})
# Properties whose value has parts separated by ";" (and lists separated by ",").
_STRUCTURED = frozenset({"N", "ADR", "ORG"})
_LISTS = frozenset({"CATEGORIES"})
_BINARY_ENCODINGS = frozenset({"B", "BASE64"})
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
# GB2312 and GBK are subsets of GB18030: a phone saying GB2312 may well write GBK characters.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "utf8": "utf-8"}
_PROPERTY_NAME = re.compile(r"[A-Za-z0-9-]+")
_BASE64_LINE = re.compile(rb"[A-Za-z0-9+/=]+")
_FULL_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
# Years phones and Apple write for "no year" (Apple says so in X-APPLE-OMIT-YEAR too).
_NO_YEAR_MARKERS = frozenset({0, 1604})
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]")


class VCardError(CrmError):
    """A file that is not a readable vCard; the message says where (reading.py names the file)."""


@dataclass(frozen=True, slots=True)
class Property:
    """One decoded property of a card, whichever parser read it.

    `name` is upper case and without a group ("item1.EMAIL" → "EMAIL"); `params` has upper-case
    keys, and a vCard 2.1 bare parameter ("TEL;CELL") counts as a TYPE; `parts` holds the
    unescaped value: the components of N, ADR and ORG, the items of CATEGORIES, else one text.
    """

    name: str
    params: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parts: tuple[str, ...] = ()

    @property
    def types(self) -> frozenset[str]:
        return frozenset(
            item.strip().upper()
            for value in self.params.get("TYPE", ())
            for item in value.split(",")
            if item.strip()
        )

    @property
    def text(self) -> str:
        return self.parts[0].strip() if self.parts else ""

    def part(self, index: int) -> str:
        return self.parts[index].strip() if index < len(self.parts) else ""


Card = tuple[Property, ...]


# -- reading a file ----------------------------------------------------------------------------
def read_vcards(path: Path) -> Rows:
    """The cards of a .vcf file as a table: `HEADERS`, then one row per card (see the module doc).

    OSError when the file cannot be read; VCardError when it is no readable vCard file.
    """
    return rows_from_bytes(path.read_bytes())


def rows_from_bytes(data: bytes) -> Rows:
    """`read_vcards` for a file's content."""
    cards = parse_cards(data)
    if not cards:
        raise VCardError("it holds no contact card (no BEGIN:VCARD line)")
    return (HEADERS, *(_card_row(card) for card in cards))


def parse_cards(data: bytes) -> list[Card]:
    """The cards of a vCard file's bytes: vobject where it can, the own parser where not."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                data = data.decode(encoding).encode("utf-8")
            except UnicodeDecodeError as exc:
                raise VCardError(f"its {encoding.upper()} text is damaged ({exc})") from None
            break
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return fallback_cards(data, "gb18030")
    try:
        cards = vobject_cards(text)
    except Exception:  # vobject raises many kinds (ParseError, UnicodeError, TypeError, ...)
        cards = None
    if not cards:
        # Also a file vobject read as nothing: the own parser says what is wrong with it.
        return fallback_cards(data, "utf-8")
    return cards


# -- vobject -----------------------------------------------------------------------------------
def vobject_cards(text: str) -> list[Card] | None:
    """The cards vobject reads from `text`, or None when it finds something besides cards.

    Raises whatever vobject raises for what it cannot parse.
    """
    import vobject  # only for vCard files (6 MB of modules)

    cards: list[Card] = []
    for component in vobject.readComponents(text, allowQP=True):
        if component.name != "VCARD":
            return None
        properties = []
        for line in component.lines():
            parts = _vobject_parts(line.name, line.value)
            if parts is None:
                continue
            params = {str(k).upper(): tuple(str(v) for v in vs) for k, vs in line.params.items()}
            bare = tuple(str(v) for v in line.singletonparams)
            if bare:
                params["TYPE"] = params.get("TYPE", ()) + bare
            properties.append(Property(line.name.upper(), params, parts))
        cards.append(tuple(properties))
    return cards


def _flat(value: object, joiner: str = " ") -> str:
    """vobject gives a component with commas in it as a list."""
    if isinstance(value, list | tuple):
        return joiner.join(str(item).strip() for item in value if str(item).strip())
    return "" if value is None else str(value)


def _vobject_parts(name: str, value: object) -> tuple[str, ...] | None:
    import vobject.vcard

    if isinstance(value, bytes):  # a photo, logo, sound or key
        return None
    if isinstance(value, vobject.vcard.Name):
        return tuple(
            _flat(getattr(value, part))
            for part in ("family", "given", "additional", "prefix", "suffix")
        )
    if isinstance(value, vobject.vcard.Address):
        return tuple(
            _flat(getattr(value, part), ", ")
            for part in ("box", "extended", "street", "city", "region", "code", "country")
        )
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value)
    text = "" if value is None else str(value)
    if name.upper() == "URL":
        text = _unescape(text)  # vobject leaves URLs escaped (Apple writes "https\://")
    return (text,)


# -- the own parser ------------------------------------------------------------------------------
def fallback_cards(data: bytes, charset: str) -> list[Card]:
    """The cards in a vCard file's bytes, read without vobject.

    `charset` decodes values that do not name their own CHARSET. Raises VCardError naming the
    line for what is not a vCard: no card at all, a property outside a card, a line that is no
    property, a card without END:VCARD.
    """
    cards: list[Card] = []
    stack: list[tuple[str, int]] = []  # open components and the line each began on
    properties: list[Property] = []
    for number, line in _logical_lines(data):
        name, params, raw = _split_line(line, number, charset)
        if name in ("BEGIN", "END"):
            component = raw.decode("ascii", "replace").strip().upper()
            if name == "BEGIN":
                if not stack and component != "VCARD":
                    raise VCardError(f"line {number} begins a {component}, not a contact card")
                stack.append((component, number))
                if len(stack) == 1:
                    properties = []
                continue
            if not stack or stack[-1][0] != component:
                raise VCardError(f"line {number} ends a {component} that was not begun")
            stack.pop()
            if not stack:
                cards.append(tuple(properties))
            continue
        if not stack:
            raise VCardError(f"line {number} is outside any contact card")
        if len(stack) > 1:
            continue  # a card inside a card (vCard 2.1 AGENT): not this contact's data
        parts = _decode_parts(name, params, raw, charset, number)
        if parts is not None:
            # Like vobject: the value is decoded, so it is no longer quoted-printable.
            encodings = tuple(
                v for v in params.pop("ENCODING", ()) if v.upper() != "QUOTED-PRINTABLE"
            )
            if encodings:
                params["ENCODING"] = encodings
            properties.append(Property(name, params, parts))
    if stack:
        component, number = stack[-1]
        raise VCardError(f"the {component} begun on line {number} has no END:{component}")
    return cards


def _logical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Unfolded lines with the number of the line each begins on; blank lines dropped.

    A line starting with a space or tab continues the previous one (the space dropped); so does
    any line after a quoted-printable value ending in "=" (a soft line break, the "=" dropped),
    and a bare base64 line after a 2.1 photo that is not indented.
    """
    current: bytearray | None = None
    start = 0
    soft_break = binary = False
    for number, physical in enumerate(data.splitlines(), 1):
        if current is not None and soft_break:
            current += physical
        elif not physical.strip():
            if current is not None:
                yield start, bytes(current)
            current, binary = None, False
            continue
        elif current is not None and physical[:1] in (b" ", b"\t"):
            current += physical[1:]
        elif current is not None and binary and _BASE64_LINE.fullmatch(physical):
            current += physical
        else:
            if current is not None:
                yield start, bytes(current)
            current, start = bytearray(physical), number
        head = bytes(current.split(b":", 1)[0]).upper()
        soft_break = current.endswith(b"=") and b"QUOTED-PRINTABLE" in head
        if soft_break:
            del current[-1]
        binary = b"BASE64" in head or b"ENCODING=B" in head
    if current is not None:
        yield start, bytes(current)


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    pieces: list[str] = []
    piece: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif ch == separator and not quoted:
            pieces.append("".join(piece))
            piece = []
            continue
        piece.append(ch)
    pieces.append("".join(piece))
    return pieces


def _split_line(
    line: bytes, number: int, charset: str
) -> tuple[str, dict[str, tuple[str, ...]], bytes]:
    """A logical line's property name, parameters and raw value."""
    colon, quoted = -1, False
    for index, byte in enumerate(line):
        if byte == 0x22:  # '"'
            quoted = not quoted
        elif byte == 0x3A and not quoted:  # ':'
            colon = index
            break
    head = _decode_text(line[:colon], None, charset) if colon > 0 else None
    pieces = _split_outside_quotes(head, ";") if head is not None else []
    name = pieces[0].strip().rpartition(".")[2] if pieces else ""
    if not _PROPERTY_NAME.fullmatch(name):
        shown = line[:60].decode(charset, "replace")
        raise VCardError(f"line {number} is not a vCard property: {shown!r}")
    params: dict[str, tuple[str, ...]] = {}
    for piece in pieces[1:]:
        key, equals, value = piece.partition("=")
        if not equals:
            key, value = (
                ("ENCODING", key) if key.strip().upper() in _BARE_ENCODINGS else ("TYPE", key)
            )
        values = tuple(v.strip().strip('"') for v in _split_outside_quotes(value, ","))
        key = key.strip().upper()
        params[key] = params.get(key, ()) + tuple(v for v in values if v)
    return name.upper(), params, line[colon + 1 :]


def _decode_text(raw: bytes, declared: str | None, default: str) -> str | None:
    """Bytes as text: in the declared charset, else the file's, else UTF-8 or GB18030."""
    tried = []
    for candidate in (declared, default, "utf-8", "gb18030"):
        if not candidate:
            continue
        encoding = _CHARSET_ALIASES.get(candidate.strip().lower(), candidate.strip())
        if encoding in tried:
            continue
        tried.append(encoding)
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _decode_parts(
    name: str, params: dict[str, tuple[str, ...]], raw: bytes, charset: str, number: int
) -> tuple[str, ...] | None:
    encodings = {value.upper() for value in params.get("ENCODING", ())}
    if encodings & _BINARY_ENCODINGS:
        return None
    if "QUOTED-PRINTABLE" in encodings:
        try:
            raw = binascii.a2b_qp(raw)
        except binascii.Error as exc:
            raise VCardError(f"line {number}: damaged quoted-printable text ({exc})") from None
    declared = params.get("CHARSET", (None,))[0]
    text = _decode_text(raw, declared, charset)
    if text is None:
        raise VCardError(f"line {number}: the text is in no encoding this program knows")
    if name in _STRUCTURED:
        return tuple(_unescape(part) for part in _split_escaped(text, ";"))
    if name in _LISTS:
        return tuple(_unescape(part) for part in _split_escaped(text, ","))
    return (_unescape(text),)


def _split_escaped(text: str, separator: str) -> list[str]:
    """Split at separators not escaped by a backslash (escapes stay, for `_unescape`)."""
    pieces: list[str] = []
    piece: list[str] = []
    escaped = False
    for ch in text:
        if escaped:
            piece.append(ch)
            escaped = False
        elif ch == "\\":
            piece.append(ch)
            escaped = True
        elif ch == separator:
            pieces.append("".join(piece))
            piece = []
        else:
            piece.append(ch)
    pieces.append("".join(piece))
    return pieces


def _unescape(text: str) -> str:
    out: list[str] = []
    escaped = False
    for ch in text:
        if escaped:
            out.append("\n" if ch in "nN" else ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        else:
            out.append(ch)
    if escaped:
        out.append("\\")
    return "".join(out)


# -- one card, one row ---------------------------------------------------------------------------
def _card_row(card: Card) -> tuple[object, ...]:
    def all_of(name: str) -> list[Property]:
        return [p for p in card if p.name == name]

    def first_text(name: str) -> str:
        return next((p.text for p in all_of(name) if p.text), "")

    row: dict[str, object] = {}
    extra: list[str] = []

    n = next((p for p in all_of("N") if any(part.strip() for part in p.parts)), None)
    formatted = first_text("FN")
    name = _person_name(formatted, n) if n else formatted
    org = next((p for p in all_of("ORG") if p.text), None)
    company = org.text if org else ""
    if org:
        department = " / ".join(part.strip() for part in org.parts[1:] if part.strip())
        if department:
            extra.append(f"Department: {department}")
    if first_text("X-ABSHOWAS").upper() == "COMPANY" or first_text("KIND").lower() in (
        "org",
        "organization",
    ):
        company = company or formatted
        name = ""
    row["Name"] = name
    row["Company"] = company
    row["Job Title"] = first_text("TITLE")

    seen: set[str] = set()
    for tel in all_of("TEL"):
        number = tel.text
        if number[:4].lower() == "tel:":
            number = number[4:].strip()
        key = re.sub(r"\D", "", number) or number
        if not number or key in seen:
            continue
        seen.add(key)
        types = tel.types
        if "FAX" in types:
            extra.append(f"Fax: {number}")
        elif types & _MOBILE_TYPES and "Mobile" not in row:
            row["Mobile"] = number
        elif not types & _MOBILE_TYPES and "PAGER" not in types and "Phone" not in row:
            row["Phone"] = number
        else:
            label = next((label for kind, label in _PHONE_LABELS if kind in types), "")
            extra.append(f"Phone: {number} ({label})" if label else f"Phone: {number}")

    _first_and_rest(row, "E-mail", [p.text for p in all_of("EMAIL")], extra)
    _first_and_rest(row, "Website", [p.text for p in all_of("URL")], extra)

    addresses = [p for p in all_of("ADR") if any(part.strip() for part in p.parts)]
    if addresses:
        first = addresses[0]
        row["Address"] = ", ".join(
            part for part in (first.part(2), first.part(1), first.part(0)) if part
        )
        row["City"] = first.part(3)
        row["Region"] = first.part(4)
    for other in addresses[1:]:
        shown = ", ".join(part for part in (other.part(i) for i in (2, 1, 0, 3, 4, 5, 6)) if part)
        extra.append(f"Address: {shown}")

    birthday = next((p for p in all_of("BDAY") if p.text), None)
    if birthday:
        born, note = _birthday(birthday)
        row["Birthday"] = born
        if note:
            extra.append(note)

    notes = [p.parts[0].strip() for p in all_of("NOTE") if p.text]
    row["Notes"] = "\n".join([*notes, *extra])

    tags: dict[str, None] = {}
    for categories in all_of("CATEGORIES"):
        for tag in categories.parts:
            if tag.strip() and tag.strip() not in _IGNORED_CATEGORIES:
                tags[tag.strip()] = None
    row["Tags"] = ", ".join(tags)
    return tuple(row.get(header) or None for header in HEADERS)


def _first_and_rest(
    row: dict[str, object], header: str, values: Sequence[str], extra: list[str]
) -> None:
    distinct = list(dict.fromkeys(value for value in values if value))
    if distinct:
        row[header] = distinct[0]
    extra.extend(f"{header}: {value}" for value in distinct[1:])


def _person_name(formatted: str, n: Property) -> str:
    """FN, or the name N's parts make when FN is empty or a Chinese name in the wrong order."""
    given = " ".join(part for part in (n.part(1), n.part(2)) if part)
    joined = join_name(given, n.part(0))
    if not formatted:
        return joined
    # "伟 张" from a phone that writes given name first: the same parts, the Chinese way round.
    tokens = sorted(token for part in (n.part(0), n.part(1), n.part(2)) for token in part.split())
    if _HAN.search(formatted) and sorted(formatted.split()) == tokens:
        return joined
    return formatted


def _birthday(prop: Property) -> tuple[date | None, str]:
    """A BDAY as a date, or None and a note saying what it was (no year, or unreadable)."""
    raw = prop.text
    value = raw.split("T", 1)[0] if raw[:1].isdigit() or raw.startswith("-") else raw
    omitted = prop.params.get("X-APPLE-OMIT-YEAR", ())
    if found := _FULL_DATE.fullmatch(value):
        year, month, day = int(found[1]), int(found[2]), int(found[3])
        if year in _NO_YEAR_MARKERS or found[1] in omitted:
            return None, f"Birthday: {month:02d}-{day:02d} (no year)"
        try:
            return cells.date_value(date(year, month, day)), ""
        except (ValueError, cells.CellError):
            return None, f"Birthday: {raw}"
    if found := _NO_YEAR.fullmatch(value):
        return None, f"Birthday: {found[1]}-{found[2]} (no year)"
    try:
        return cells.date_value(value), ""
    except cells.CellError:
        return None, f"Birthday: {raw}"
