"""The fit-text logic both certificate modes use: shrink, wrap, cut — never out of the box."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua_desktop.documents.text_fit import ELLIPSIS, fit_text, wrap

# A width function like a proportional font's at size 1: capitals and wide letters cost more.
_WIDE = set("MWĐƯỞỨỪỬỮỰmw")


def width(text: str) -> float:
    return sum(0.8 if ch in _WIDE else 0.65 if ch.isupper() else 0.25 if ch == " " else 0.5 for ch in text)


words = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyÁÀẢÃẠẤẦẨẪẬĐMWƯỨ", min_size=1, max_size=18)
texts = st.lists(words, min_size=1, max_size=80).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=texts, box_w=st.floats(20, 700), box_h=st.floats(5, 200), max_size=st.floats(6, 48),
       min_ratio=st.floats(0.2, 1.0))
def test_fitted_text_never_leaves_its_box(text: str, box_w: float, box_h: float, max_size: float,
                                          min_ratio: float) -> None:
    min_size = max_size * min_ratio
    fitted = fit_text(text, width, box_w, box_h, max_size=max_size, min_size=min_size)
    assert fitted.lines
    assert fitted.height <= box_h + 1e-6
    assert fitted.size <= max_size + 1e-9
    for line in fitted.lines:
        assert width(line) * fitted.size <= box_w + 1e-6 or line == ELLIPSIS
    if not fitted.truncated:
        assert fitted.size >= min_size - 1e-9
        # nothing lost: the lines hold every letter of the text in order
        assert "".join(fitted.lines).replace(" ", "") == text.replace(" ", "")
    else:
        assert fitted.lines[-1].endswith(ELLIPSIS)


@settings(max_examples=200, deadline=None)
@given(text=texts, box_w=st.floats(50, 700), box_h=st.floats(10, 200))
def test_the_size_found_is_the_largest_that_fits(text: str, box_w: float, box_h: float) -> None:
    fitted = fit_text(text, width, box_w, box_h, max_size=40, min_size=6, step=0.5)
    if fitted.truncated or fitted.size >= 40:
        return
    bigger = fitted.size + 0.5
    lines = wrap(text, width, box_w / bigger)
    assert len(lines) * bigger * 1.15 > box_h - 1e-6


def test_a_short_name_keeps_the_largest_size_on_one_line() -> None:
    fitted = fit_text("Báo Lai Châu", width, 600, 40, max_size=24, min_size=11)
    assert fitted.size == 24 and fitted.lines == ("Báo Lai Châu",) and not fitted.truncated


def test_a_long_name_shrinks_then_wraps_then_is_cut() -> None:
    name = "Ban Quản lý các khu công nghiệp và khu kinh tế cửa khẩu tỉnh Lai Châu"
    one_line = fit_text(name, width, 400, 26, max_size=24, min_size=8)  # room for one line only
    assert len(one_line.lines) == 1 and one_line.size < 24
    wrapped = fit_text(name, width, 120, 30, max_size=24, min_size=8)
    assert len(wrapped.lines) > 1 and not wrapped.truncated and wrapped.size >= 8
    cut = fit_text(name * 5, width, 120, 30, max_size=24, min_size=8)
    assert cut.truncated and cut.size == 8 and cut.lines[-1].endswith(ELLIPSIS)


def test_explicit_line_breaks_are_kept() -> None:
    fitted = fit_text("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", width, 400, 40, max_size=13, min_size=8)
    assert fitted.lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_a_word_wider_than_the_box_is_broken_between_letters() -> None:
    assert wrap("Aaaaaaaaaa", width, 2.0) == ["Aaa", "aaaa", "aaa"]
