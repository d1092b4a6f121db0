"""Search text and sort keys, and the SQL conditions that search them.

SQLite: an FTS5 table with the trigram tokenizer over ``search_text`` finds any fragment of 3 or
more characters, Chinese included. Terms of 1-2 characters (王, 杭州, li) are too short for
trigrams; a second FTS5 table (unicode61 tokenizer) over ``search_words``, the same text with
each Chinese character as a word of its own, finds them without scanning the table: Chinese as
a phrase of characters, anything else as a word prefix. PostgreSQL: ``ILIKE`` served by a
pg_trgm index. Names are indexed with their pinyin too, so ``zhang`` finds 张伟.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from pypinyin import lazy_pinyin
from pypinyin.constants import RE_HANS
from pypinyin.seg.simpleseg import seg
from sqlalchemy import ColumnElement, and_, false, literal_column, text, true
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnClause

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PHONE_QUERY = re.compile(r"^[\d\s\-+().]{3,}$")
_NON_DIGIT = re.compile(r"\D+")
TRIGRAM = 3


def normalise(value: str) -> str:
    """NFKC (full-width to half-width), lower case, single spaces."""
    if (
        value.isprintable()  # no whitespace but " "
        and "  " not in value
        and value[:1] != " "
        and value[-1:] != " "
        and (value.isascii() or unicodedata.is_normalized("NFKC", value))
    ):
        return value.lower()  # already clean (stored values are): checked in C
    return " ".join(unicodedata.normalize("NFKC", value).lower().split())


_DIGITS = re.compile(r"\d+")


def _natural(text: str) -> str:
    """Numbers compare by value: 'room 9' before 'room 10'."""
    return _DIGITS.sub(lambda m: m.group().zfill(10), text)


_LATIN = "\0"  # marks a non-Chinese word among the syllables


def _mark_words(text: str) -> Any:
    """pypinyin's ``errors`` hook: keep non-Chinese runs as marked words (it accepts a list)."""
    return [_LATIN + word for word in text.split()]


@lru_cache(maxsize=8192)
def _char_pinyin(ch: str) -> str:
    return lazy_pinyin(ch)[0]


def _syllables(value: str) -> tuple[str, ...]:
    """Pinyin of each Chinese character of ``value`` (normalised); other words marked.

    Short all-Chinese strings (people's names) go character by character from a cache, which
    is what pypinyin's phrase lookup gives for names anyway and 50x faster; longer text (company
    names, places) goes through the phrase dictionary (重庆 is chong qing, not zhong qing)."""
    if len(value) <= 3 and all(_HAN.match(ch) for ch in value):
        return tuple(_char_pinyin(ch) for ch in value)
    # pypinyin's own steps (``seg``: runs of Chinese and of other characters, each Chinese run
    # cut into phrases), with each run cached: company names share most of their runs (cities,
    # 贸易有限公司) and differ in a number, so 80,000 names need a few hundred conversions.
    # The result is the same as lazy_pinyin's.
    return tuple(syllable for run in _PYPINYIN_RUNS.findall(value) for syllable in _run_pinyin(run))


# The runs pypinyin's ``seg`` splits text into: characters it has pinyin for, and the rest.
_HAN_START = re.compile(RE_HANS.pattern[1:-1])
_PYPINYIN_RUNS = re.compile(f"{RE_HANS.pattern[1:-1]}|(?:(?!{RE_HANS.pattern[1:-1]}).)+", re.S)


def _run_pinyin(run: str) -> tuple[str, ...]:
    if not _HAN_START.match(run):
        # Text pypinyin has no pinyin for goes to its ``errors`` hook as a whole: not cached,
        # as numbers and Latin names would only crowd the Chinese out of the cache.
        return tuple(_mark_words(run))
    return _han_run_pinyin(run)


@lru_cache(maxsize=65536)
def _han_run_pinyin(run: str) -> tuple[str, ...]:
    return tuple(syllable for phrase in seg(run) for syllable in _phrase_pinyin(phrase))


@lru_cache(maxsize=65536)
def _phrase_pinyin(phrase: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(phrase, errors=_mark_words))


# Sort keys and pinyin forms are cheap to compute again now that the pinyin of each run of
# Chinese is cached: a small cache serves the repeats (the same company on many contacts)
# without holding the keys of a whole import (80,000 names, tens of MB).
@lru_cache(maxsize=8192)
def sort_key(value: str) -> str:
    """Alphabetical key where Chinese sorts by pinyin among Latin names: 张伟 -> 'zhang wei'."""
    value = normalise(value)
    if not _HAN.search(value):
        return _natural(value)
    return _natural(" ".join(s.lstrip(_LATIN) for s in _syllables(value)))


@lru_cache(maxsize=8192)
def _pinyin_forms(value: str) -> str:
    """Full pinyin, joined pinyin and initials of the Chinese in a name, for searching."""
    if not _HAN.search(value):
        return ""
    syllables = [s for s in _syllables(value) if s and not s.startswith(_LATIN) and s.strip()]
    initials = "".join(s[0] for s in syllables)
    return " ".join((" ".join(syllables), "".join(syllables), initials))


def _digits(value: str) -> str:
    return _NON_DIGIT.sub("", value)


def build_search_text(
    names: Iterable[str], phones: Iterable[str] = (), others: Iterable[str] = ()
) -> str:
    """The text FTS indexes: names with their pinyin, phones as typed and as digits, the rest."""
    parts: list[str] = []
    for name in names:
        if name:
            parts.append(normalise(name))
            parts.append(_pinyin_forms(normalise(name)))
    for phone in phones:
        if phone:
            parts.append(normalise(phone))
            parts.append(_digits(phone))
    parts.extend(normalise(o) for o in others if o)
    return " | ".join(p for p in parts if p)


# Every Chinese character -> itself between spaces; str.translate does it in C.
_SPACED = {cp: f" {chr(cp)} " for r in ((0x3400, 0xA000), (0xF900, 0xFB00)) for cp in range(*r)}
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")


def search_words(search_text: str) -> str:
    """The text of the word index: ``search_text`` with every Chinese character a word of its
    own, followed by every pair of neighbouring characters (杭州西湖 -> 杭 州 西 湖 … 杭州 州西
    西湖). A two-character term is then one word to look up, not a phrase of two very common
    characters whose positions must be compared (州 is in 广州, 杭州, 苏州 …)."""
    pairs = [
        " ".join(run[i : i + 2] for i in range(len(run) - 1))
        for run in _HAN_RUN.findall(search_text)
    ]
    spaced = search_text.translate(_SPACED)
    return f"{spaced} | {' '.join(pairs)}" if pairs else spaced


def _words_query(term: str) -> str:
    """FTS5 query on the word index for a short term: 杭州 -> "杭 州", li -> "li"*."""
    if _HAN.search(term):
        if len(term) == 2 and all(_HAN.match(ch) for ch in term):
            return _fts_phrase(term)  # one word of the index: the pair itself
        return _fts_phrase(" ".join(term.translate(_SPACED).split()))
    return _fts_phrase(term) + "*"


def query_terms(query: str) -> list[str]:
    """Split what the user typed into terms; a phone-like query becomes its digits."""
    q = normalise(query)
    if not q:
        return []
    if _PHONE_QUERY.match(q) and sum(c.isdigit() for c in q) >= TRIGRAM:
        return [_digits(q)]
    return q.split()


def searchable(query: str) -> bool:
    """Whether ``query`` holds a letter or a digit: punctuation or emoji alone match nothing
    (not everything), while beside real words they are left out."""
    return any(ch.isalnum() for ch in query)


def like_escape(term: str) -> str:
    """% and _ typed by the user are themselves, not wildcards (escape character: \\)."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search_condition(
    dialect: str, table: str, id_column: ColumnElement[int] | QueryableAttribute[int], query: str
) -> ColumnElement[bool]:
    """A WHERE condition on ``table`` matching every term of ``query`` (AND)."""
    terms = query_terms(query)
    if not terms:
        return true()
    terms = [t for t in terms if searchable(t)]  # punctuation beside words narrows nothing
    if not terms:
        return false()  # punctuation alone: nothing, not everything
    column: ColumnClause[str] = literal_column(f"{table}.search_text")
    conditions: list[ColumnElement[bool]] = []
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    if dialect == "sqlite":
        if long_terms:
            match = " AND ".join(_fts_phrase(t) for t in long_terms)
            conditions.append(
                id_column.in_(
                    text(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :m").bindparams(
                        m=match
                    )
                )
            )
        if short_terms:
            words = " AND ".join(map(_words_query, short_terms))
            conditions.append(
                id_column.in_(
                    text(
                        f"SELECT rowid FROM {table}_words WHERE {table}_words MATCH :w"
                    ).bindparams(w=words)
                )
            )
        return and_(*conditions) if len(conditions) > 1 else conditions[0]
    # PostgreSQL: the same meaning as the SQLite indexes give. Any fragment of 3+ characters
    # or of Chinese; a shorter Latin term is the start of a word.
    for term in terms:
        if len(term) >= TRIGRAM or _HAN.search(term):
            conditions.append(column.ilike(f"%{like_escape(term)}%", escape="\\"))
        else:
            conditions.append(column.regexp_match(r"(^|[^[:alnum:]])" + re.escape(term), "i"))
    return and_(*conditions) if len(conditions) > 1 else conditions[0]


def company_search_text(row: dict[str, object]) -> str:
    """Search text of a company row (a mapping of column name to value)."""

    def s(key: str) -> str:
        return str(row.get(key) or "")

    return build_search_text(
        [s("name")],
        [s("phone")],
        [
            s("industry"),
            s("region"),
            s("city"),
            s("address"),
            s("website"),
            s("source"),
            s("notes"),
        ],
    )


def contact_search_text(row: dict[str, object], company_name: str | None) -> str:
    """Search text of a contact row; includes its company's name."""

    def s(key: str) -> str:
        return str(row.get(key) or "")

    return build_search_text(
        [s("name")],
        [s("mobile"), s("phone")],
        [company_name or "", s("title"), s("email"), s("im"), s("city"), s("address"), s("notes")],
    )
