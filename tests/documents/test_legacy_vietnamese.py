"""TCVN3 and VNI text from old units' sheets comes back as Unicode; Unicode stays as it is."""

from __future__ import annotations

import unicodedata

import pytest

from thidua_desktop.documents.legacy_vietnamese import Encoding, detect, to_unicode

GOAL = "Hoàn thành tốt nhiệm vụ"


@pytest.mark.parametrize(("legacy", "unicode", "encoding"), [
    ("Hoµn thµnh tèt nhiÖm vô", GOAL, Encoding.TCVN3),
    ("Hoaøn thaønh toát nhieäm vuï", GOAL, Encoding.VNI),
    ("Tr\u00adêng §¹i häc", "Trường Đại học", Encoding.TCVN3),
    ("Tröôøng Ñaïi hoïc", "Trường Đại học", Encoding.VNI),
    ("§iÓm thi ®ua", "Điểm thi đua", Encoding.TCVN3),
    ("Ñieåm thi ñua", "Điểm thi đua", Encoding.VNI),
    ("B¶o Th¾ng", "Bảo Thắng", Encoding.TCVN3),
    ("nhiÖm vô", "nhiệm vụ", Encoding.TCVN3),
])
def test_legacy_text_is_converted(legacy: str, unicode: str, encoding: Encoding) -> None:
    assert detect(legacy) is encoding
    assert to_unicode(legacy) == (unicode, encoding)


@pytest.mark.parametrize("text", [GOAL, "Có", "Không", "Hoàng Văn Thụ", "CÔNG AN TỈNH", "A", "8,5", "Sở Tư pháp", ""])
def test_unicode_text_is_left_alone(text: str) -> None:
    assert detect(text) is Encoding.UNICODE
    assert to_unicode(text) == (text, Encoding.UNICODE)


def test_decomposed_unicode_comes_back_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", GOAL)
    assert to_unicode(decomposed) == (GOAL, Encoding.UNICODE)
