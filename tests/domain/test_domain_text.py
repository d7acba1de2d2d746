"""Normalisation, accent-blind search and Vietnamese number format."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua_desktop.domain.text import clean, format_points, matches, nfc, search_key

_VOWELS = "aăâeêioôơuưy"
_LOWER = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz") + [
    unicodedata.normalize("NFC", v + tone) for v in _VOWELS for tone in "\u0300\u0309\u0303\u0301\u0323"
]
LETTERS = _LOWER + [ch.upper() for ch in _LOWER]


def test_nfc_and_clean() -> None:
    decomposed = unicodedata.normalize("NFD", "Đảng ủy")
    assert nfc(decomposed) == "Đảng ủy"
    assert nfc(None) is None
    assert clean("  Sở \t Tài   chính\n") == "Sở Tài chính"
    assert clean(unicodedata.normalize("NFD", " Bắc  Hà ")) == "Bắc Hà"
    assert clean(None) is None


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("bac ha", "Bắc Hà"),
        ("dang", "Đảng ủy"),
        ("DANG UY", "Đảng ủy Khối các cơ quan tỉnh"),
        ("uy ban", "Ủy ban MTTQ Việt Nam tỉnh"),
        ("tai chinh so", "Sở Tài chính"),  # words in any order
        ("nguyen thi", "Nguyễn Thị Ánh"),
        ("Phụ nữ", "Hội Liên hiệp Phụ nữ tỉnh"),
        ("", "Sở Nội vụ"),
        ("   ", "Sở Nội vụ"),
        ("", None),
    ],
)
def test_matches(query: str, text: str | None) -> None:
    assert matches(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [("bac giang", "Bắc Hà"), ("dd", "Đảng"), ("so y", "Sở Nội vụ"), ("ha", None)],
)
def test_does_not_match(query: str, text: str | None) -> None:
    assert not matches(query, text)


def test_search_key() -> None:
    assert search_key("  Đảng   ủy  Bắc Hà ") == "dang uy bac ha"
    assert search_key("ĐỒNG VĂN") == search_key("đồng văn") == "dong van"


vietnamese = st.text(st.sampled_from(LETTERS + list("0123456789 \t")), max_size=30)


@given(st.text())
def test_search_key_is_idempotent(s: str) -> None:
    assert search_key(search_key(s)) == search_key(s)


@given(vietnamese)
def test_search_key_of_vietnamese_is_ascii(s: str) -> None:
    assert search_key(s).isascii()


@given(vietnamese)
def test_search_key_ignores_normal_form(s: str) -> None:
    assert search_key(unicodedata.normalize("NFD", s)) == search_key(unicodedata.normalize("NFC", s))


@given(vietnamese, vietnamese)
def test_text_matches_its_own_parts(a: str, b: str) -> None:
    assert matches(a, a + " " + b)
    assert matches(b.upper(), a + " " + b)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("95.50", "95,5"),
        ("107", "107"),
        ("107.00", "107"),
        ("8.25", "8,25"),
        ("0.00", "0"),
        ("-5", "-5"),
        ("1E+2", "100"),
        ("1000", "1.000"),
        ("1234.5", "1.234,5"),
    ],
)
def test_format_points(value: str, text: str) -> None:
    assert format_points(Decimal(value)) == text
