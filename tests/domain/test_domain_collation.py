"""vi_sort_key must order like QCollator(vi_VN), which the UI uses for its tables."""

from __future__ import annotations

import string
import unicodedata
from functools import cmp_to_key

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua_desktop.domain.text import vi_sort_key, vi_sorted

QtCore = pytest.importorskip("PySide6.QtCore")

_BASES = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_VOWELS = "aăâeêioôơuưy"
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_LOWER = list(_BASES) + [unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES]
LETTERS = _LOWER + [ch.upper() for ch in _LOWER]

DISTRICTS = ["Đồng Văn", "Bắc Hà", "Bát Xát", "Si Ma Cai", "Điện Biên", "Dương Minh Châu",
             "Ân Thi", "An Lão", "Ý Yên"]
UNITS = ["Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Sở Giáo dục và Đào tạo",
         "Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy",
         "Văn phòng Tỉnh ủy", "Đảng ủy các cơ quan Đảng tỉnh", "Ủy ban MTTQ Việt Nam tỉnh",
         "Hội Nông dân tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Cựu chiến binh tỉnh", "Tỉnh đoàn",
         "Liên đoàn Lao động tỉnh", "Báo Hưng Yên", "Đài Phát thanh và Truyền hình", "Ủy ban nhân dân xã Ân Thi"]
PERSONS = ["Nguyễn Văn An", "Nguyễn Thị Ánh", "Nguyễn Thị Ảnh", "Trần Văn Ân", "Lê Thị Ấn",
           "Phạm Đức Anh", "Đặng Thị Hồng", "Đỗ Văn Dũng", "Dương Văn Đông", "Vũ Thị Ư",
           "Hoàng Minh Ơn", "Bùi Thị Ôn", "Ngô Văn Ốc", "nguyễn văn an", "Đào Duy Từ", "Đào Duy Tú",
           "Lưu Thị Hà", "Lưu Thị Hạ", "Lưu Thị Hả", "Lưu Thị Hã", "Lưu Thị Há", "Lưu Thị Hà 2"]


@pytest.fixture(scope="module")
def collator():
    return QtCore.QCollator(QtCore.QLocale(QtCore.QLocale.Vietnamese, QtCore.QLocale.Vietnam))


def _sign(x: int) -> int:
    return (x > 0) - (x < 0)


def _cmp_keys(a: str, b: str) -> int:
    ka, kb = vi_sort_key(a), vi_sort_key(b)
    return (ka > kb) - (ka < kb)


def test_districts_sort_in_vietnamese_alphabet_order() -> None:
    assert vi_sorted(DISTRICTS) == ["An Lão", "Ân Thi", "Bát Xát", "Bắc Hà", "Dương Minh Châu",
                                    "Điện Biên", "Đồng Văn", "Si Ma Cai", "Ý Yên"]


def test_tones_are_secondary_in_cldr_order() -> None:
    assert vi_sorted(["ạ", "á", "ã", "ả", "à", "a"]) == ["a", "à", "ả", "ã", "á", "ạ"]
    # The letters decide first; tones only between otherwise equal words.
    assert vi_sorted(["Hạ", "Hà", "Ha", "Hai"]) == ["Ha", "Hà", "Hạ", "Hai"]


def test_case_is_tertiary_and_lower_comes_first() -> None:
    assert vi_sorted(["An", "an", "Ăn", "ăn"]) == ["an", "An", "ăn", "Ăn"]


def test_spaces_and_punctuation_before_digits_before_letters() -> None:
    # No numeric mode: "10" comes before "2", as in QCollator's default.
    assert vi_sorted(["Khối 2", "Khối A", "Khối-2", "Khối 10", "Khối", "Khối_2"]) == [
        "Khối", "Khối 10", "Khối 2", "Khối A", "Khối_2", "Khối-2"]
    assert vi_sorted(["a", "1", "-", " "]) == [" ", "-", "1", "a"]


def test_punctuation_sorts_like_qcollator(collator) -> None:
    marks = list(string.punctuation) + ["…", "–", "“", "”", "°", "§", "0", "a"]
    assert vi_sorted(marks) == sorted(marks, key=cmp_to_key(collator.compare))


def test_vi_sorted_with_key() -> None:
    rows = [(2, "Đồng Văn"), (1, "Dương Minh Châu")]
    assert vi_sorted(rows, key=lambda r: r[1]) == [(1, "Dương Minh Châu"), (2, "Đồng Văn")]


@pytest.mark.parametrize("names", [DISTRICTS, UNITS, PERSONS], ids=["districts", "units", "persons"])
def test_real_names_sort_like_qcollator(collator, names: list[str]) -> None:
    assert vi_sorted(names) == sorted(names, key=cmp_to_key(collator.compare))


def test_nfd_input_sorts_like_nfc() -> None:
    for name in PERSONS:
        assert vi_sort_key(unicodedata.normalize("NFD", name)) == vi_sort_key(name)


words = st.text(st.sampled_from(LETTERS + list("0123456789")), min_size=1, max_size=6)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)
# Any mix of letters, digits and spaces, including leading, trailing and repeated spaces.
raw = st.text(st.sampled_from(LETTERS + list("0123456789  ")), max_size=12)


@settings(max_examples=1500)
@given(names, names)
def test_names_compare_like_qcollator(collator, a: str, b: str) -> None:
    assert _cmp_keys(a, b) == _sign(collator.compare(a, b))


@settings(max_examples=1500)
@given(raw, raw)
def test_any_letters_digits_spaces_compare_like_qcollator(collator, a: str, b: str) -> None:
    assert _cmp_keys(a, b) == _sign(collator.compare(a, b))


@settings(max_examples=300)
@given(st.lists(names, min_size=2, max_size=8))
def test_lists_sort_like_qcollator(collator, items: list[str]) -> None:
    expected = sorted(items, key=cmp_to_key(collator.compare))
    assert [vi_sort_key(s) for s in vi_sorted(items)] == [vi_sort_key(s) for s in expected]
