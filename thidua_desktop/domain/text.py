"""Vietnamese text helpers: normalisation, accent-blind search, collation, number format.

Kept free of Qt so that domain rules, documents and tests sort and search the same way the
UI does (the UI sorts with QCollator vi_VN; ``vi_sort_key`` is tested to agree with it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from typing import TypeVar, overload

T = TypeVar("T")

_SPACES = re.compile(r"\s+")


@overload
def nfc(s: str) -> str: ...
@overload
def nfc(s: None) -> None: ...
def nfc(s: str | None) -> str | None:
    """NFC form: what we store and print (reportlab cannot place combining marks)."""
    return None if s is None else unicodedata.normalize("NFC", s)


@overload
def clean(s: str) -> str: ...
@overload
def clean(s: None) -> None: ...
def clean(s: str | None) -> str | None:
    """NFC, trimmed, inner whitespace runs collapsed: the form of every typed-in name."""
    return None if s is None else _SPACES.sub(" ", unicodedata.normalize("NFC", s)).strip()


# --- accent-blind search -------------------------------------------------------------------

def search_key(s: str) -> str:
    """Key that ignores case and diacritics, so "dang uy" finds "Đảng ủy".

    SQLite's lower/LIKE and FTS5 do not fold Đ to d, hence this is done in Python.
    """
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch)
    )
    folded = stripped.replace("đ", "d").replace("Đ", "d").casefold()
    return _SPACES.sub(" ", folded).strip()


def matches(query: str, text: str | None) -> bool:
    """True when every word of the query occurs, accent-blind, somewhere in the text."""
    haystack = search_key(text or "")
    return all(token in haystack for token in search_key(query).split())


# --- collation -------------------------------------------------------------------------------

# Primary letters in Vietnamese alphabetical order (CLDR vi), with f j w z where Latin puts them.
_ALPHABET = ("a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l",
             "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z")
# Marks that make a new letter of their base (NFD spells "ă" as "a" + breve).
_SHAPED = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
           ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
# Tone marks, a secondary difference: none < huyền < hỏi < ngã < sắc < nặng (CLDR vi).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Punctuation as ICU orders it (checked against QCollator vi_VN); other symbols follow by code point.
_PUNCTUATION = "_-–—,;:!?.…'‘’\"“”()[]{}§@*/\\&#%`^°+<=>|~$"

# Primary weights: whitespace < punctuation < other symbols < digits < letters < anything else.
_GROUP = 1 << 21
_LETTER = {ch: 4 * _GROUP + i for i, ch in enumerate(_ALPHABET)}
_PUNCT = {ch: _GROUP + i for i, ch in enumerate(_PUNCTUATION)}
_OTHER_MARK = 6  # non-Vietnamese marks (ö, ě …) sort after the five tones


def _primary(ch: str) -> int:
    if ch in _LETTER:
        return _LETTER[ch]
    if ch.isspace():
        return ord(ch)
    if ch in _PUNCT:
        return _PUNCT[ch]
    if ch.isdigit():
        return 3 * _GROUP + unicodedata.digit(ch, 0)
    if ch.isalpha():
        return 5 * _GROUP + ord(ch)
    return 2 * _GROUP + ord(ch)


@lru_cache(maxsize=8192)
def vi_sort_key(s: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Collation key ordering like QCollator(QLocale(Vietnamese, Vietnam)), without Qt.

    Three levels, as in ICU: letters (ă after a, đ after d …), then tone marks compared
    letter by letter, then case (lower before upper).
    """
    primary: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    base = ""
    for ch in unicodedata.normalize("NFD", s):
        if unicodedata.combining(ch) and primary:
            shaped = _SHAPED.get((base, ch))
            if shaped is not None:
                base = shaped
                primary[-1] = _LETTER[shaped]
            else:
                tones[-1] = _TONES.get(ch, _OTHER_MARK)
            continue
        base = ch.lower()
        primary.append(_primary(base))
        tones.append(0)
        cases.append(ch != base)
    return tuple(primary), tuple(tones), tuple(cases)


def vi_sorted(items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """Items sorted in Vietnamese order; ``key`` picks the text of each item."""
    if key is None:
        return sorted(items, key=vi_sort_key)  # type: ignore[arg-type]
    return sorted(items, key=lambda item: vi_sort_key(key(item)))


# --- numbers ---------------------------------------------------------------------------------

def format_points(d: Decimal) -> str:
    """Points as Vietnamese print them: decimal comma, dot between thousands, no trailing zeros.

    95.50 → "95,5"; 107 → "107"; 8.25 → "8,25"; 1000 → "1.000".
    """
    if d == 0:
        return "0"
    text = f"{d.normalize():,f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
