"""Text typed in the pre-Unicode Vietnamese encodings, still common in units' Excel files.

Old sheets were typed with the ABC fonts (.VnTime: TCVN3, TCVN 5712:1993 "VN3") or the VNI
fonts (VNI-Times: VNI-Windows). Excel stores their bytes as Windows-1252 characters, so a
cell reads "Hoµn thµnh tèt nhiÖm vô" (TCVN3) or "Hoaøn thaønh toát nhieäm vuï" (VNI) for
"Hoàn thành tốt nhiệm vụ". ``to_unicode`` recognises both and returns NFC Unicode.

Provenance of the tables: TCVN3 is the published one-byte code of TCVN 5712:1993 (its
uppercase toned vowels live in the separate .VnTimeH font with the lowercase codes, so they
come back lowercase). VNI-Windows writes a base letter followed by a mark character; the
table below is built from its rule (tone marks ù ø û õ ï; circumflex + tone á à å ã ä;
breve + tone é è ú ü ë; ô = ơ, ö = ư, ñ = đ, i-tones í ì æ ó ò, ỵ = î).
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

# --- TCVN3 (ABC, .VnTime) ------------------------------------------------------------------

_TCVN3_LETTERS = {
    "à": "µ", "á": "¸", "ả": "¶", "ã": "·", "ạ": "¹",
    "ă": "¨", "ằ": "»", "ắ": "¾", "ẳ": "¼", "ẵ": "½", "ặ": "Æ",
    "â": "©", "ầ": "Ç", "ấ": "Ê", "ẩ": "È", "ẫ": "É", "ậ": "Ë",
    "đ": "®",
    "è": "Ì", "é": "Ð", "ẻ": "Î", "ẽ": "Ï", "ẹ": "Ñ",
    "ê": "ª", "ề": "Ò", "ế": "Õ", "ể": "Ó", "ễ": "Ô", "ệ": "Ö",
    "ì": "×", "í": "Ý", "ỉ": "Ø", "ĩ": "Ü", "ị": "Þ",
    "ò": "ß", "ó": "ã", "ỏ": "á", "õ": "â", "ọ": "ä",
    "ô": "«", "ồ": "å", "ố": "è", "ổ": "æ", "ỗ": "ç", "ộ": "é",
    "ơ": "¬", "ờ": "ê", "ớ": "í", "ở": "ë", "ỡ": "ì", "ợ": "î",
    "ù": "ï", "ú": "ó", "ủ": "ñ", "ũ": "ò", "ụ": "ô",
    "ư": "\u00ad", "ừ": "õ", "ứ": "ø", "ử": "ö", "ữ": "÷", "ự": "ù",
    "ỳ": "ú", "ý": "ý", "ỷ": "û", "ỹ": "ü", "ỵ": "þ",
    "Ă": "¡", "Â": "¢", "Đ": "§", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦",
}
_FROM_TCVN3 = str.maketrans({code: letter for letter, code in _TCVN3_LETTERS.items()})

# --- VNI-Windows ---------------------------------------------------------------------------

_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng
_PLAIN_TONES = ("", "ù", "ø", "û", "õ", "ï")
_CIRCUMFLEX_TONES = ("â", "á", "à", "å", "ã", "ä")
_BREVE_TONES = ("ê", "é", "è", "ú", "ü", "ë")
# Unicode base vowel → (VNI base, the mark characters for each tone)
_VNI_VOWELS = {
    "a": ("a", _PLAIN_TONES), "ă": ("a", _BREVE_TONES), "â": ("a", _CIRCUMFLEX_TONES),
    "e": ("e", _PLAIN_TONES), "ê": ("e", _CIRCUMFLEX_TONES),
    "o": ("o", _PLAIN_TONES), "ô": ("o", _CIRCUMFLEX_TONES), "ơ": ("ô", _PLAIN_TONES),
    "u": ("u", _PLAIN_TONES), "ư": ("ö", _PLAIN_TONES), "y": ("y", _PLAIN_TONES),
}
_VNI_SINGLE = {"í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î", "đ": "ñ"}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for vowel, (base, marks) in _VNI_VOWELS.items():
        for tone, mark in zip(_TONES, marks):
            letter = unicodedata.normalize("NFC", vowel + tone)
            if letter == "ỵ":
                continue
            table[base + mark] = letter
    table.update({code: letter for letter, code in _VNI_SINGLE.items()})
    table.update({code.upper(): letter.upper() for code, letter in list(table.items())})
    return {code: letter for code, letter in table.items() if code != letter}


_FROM_VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, _FROM_VNI), key=len, reverse=True)))

# --- detection -----------------------------------------------------------------------------

_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TCVN3_FOREIGN = set(_TCVN3_LETTERS.values()) - _VIETNAMESE_LATIN1
_VNI_MARKS = "øûïåäëü"  # tone marks that are not Vietnamese letters themselves
_VNI_PAIR = re.compile(f"[aeouy][{_VNI_MARKS}]|[AEOUY][{_VNI_MARKS.upper()}]")
_VNI_FOREIGN_SINGLE = set("æîñöÆÎÑÖ")


class Encoding(Enum):
    UNICODE = "Unicode"
    TCVN3 = "TCVN3 (.VnTime)"
    VNI = "VNI-Windows"


def detect(text: str) -> Encoding:
    """Which encoding a cell's text was typed in; Unicode unless the evidence says otherwise.

    Any letter beyond Latin-1 (ă, ơ, ư, đ, ạ …) proves Unicode. Otherwise VNI shows as a vowel
    followed by a non-Vietnamese mark of the same case ("aø"), TCVN3 as characters no Vietnamese
    text uses ("µ", "Ö" …); the stronger evidence wins (a VNI pair counts twice).
    """
    if not text or any(ord(ch) > 0xFF for ch in text):
        return Encoding.UNICODE
    pairs = _VNI_PAIR.findall(text)
    vni = 2 * len(pairs) + sum(ch in _VNI_FOREIGN_SINGLE for ch in text)
    tcvn3 = sum(ch in _TCVN3_FOREIGN for ch in text)
    if vni == 0 and tcvn3 == 0:
        return Encoding.UNICODE
    return Encoding.VNI if vni > tcvn3 else Encoding.TCVN3


def to_unicode(text: str) -> tuple[str, Encoding]:
    """The text in NFC Unicode and the encoding it was found in (UNICODE: only normalised)."""
    found = detect(text)
    if found is Encoding.TCVN3:
        text = text.translate(_FROM_TCVN3)
    elif found is Encoding.VNI:
        text = _VNI_PATTERN.sub(lambda m: _FROM_VNI[m.group()], text)
    return unicodedata.normalize("NFC", text), found
