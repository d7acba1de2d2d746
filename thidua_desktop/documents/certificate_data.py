"""What goes on each line of a certificate, as text (domain.md 2.3); no reportlab.

The wording rules live here so that the full render, the overlay and the layout editor's
preview all print the same lines: the authority's title in capitals, "TẶNG" or "TẶNG DANH
HIỆU", the award's printed name, the decision line with the NĐ 30 date, and the signer's
title with "KT." when a deputy signs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thidua_desktop.domain.admin_format import date_words
from thidua_desktop.domain.text import nfc

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

# Heads' titles as printed above a signature, longest first (a post names its body after them).
_HEAD_TITLES = sorted((
    "Chủ tịch", "Giám đốc", "Tổng Giám đốc", "Trưởng ban", "Chánh Văn phòng", "Chủ nhiệm", "Tổng Biên tập",
    "Bí thư", "Hiệu trưởng", "Thủ tướng", "Bộ trưởng", "Viện trưởng", "Cục trưởng", "Chi cục trưởng",
    "Tổng cục trưởng", "Trưởng phòng", "Chánh án", "Chỉ huy trưởng", "Thủ trưởng", "Tổng thư ký", "Trưởng",
), key=len, reverse=True)


@dataclass(frozen=True, slots=True)
class CertificateData:
    """The text of every line of one certificate, NFC."""

    issuer_title: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
    verb: str  # "TẶNG" / "TẶNG DANH HIỆU"
    award_name: str  # "BẰNG KHEN"
    recipient: str
    detail: str
    achievement: str
    decision: str  # "Số quyết định: 240/QĐ-UBND, ngày 15 tháng 3 năm 2024"
    golden_book: str  # "Số sổ vàng: 30"
    place_date: str  # "Lai Châu, ngày 15 tháng 3 năm 2024"
    signer_title: str  # "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    signer_name: str
    quoc_hieu: str = QUOC_HIEU
    tieu_ngu: str = TIEU_NGU

    def text_of(self, name: str) -> str:
        return getattr(self, name)


def short_head_title(post: str) -> str:
    """"Chủ tịch Ủy ban nhân dân tỉnh" → "Chủ tịch"; a post with no known head title stays whole."""
    folded = post.casefold()
    for title in _HEAD_TITLES:
        if folded == title.casefold() or folded.startswith(title.casefold() + " "):
            return post[: len(title)]
    return post


def signer_title(issuer: str, signer_post: str | None) -> str:
    """The title over the signature: the head's title, or "KT. <HEAD>\nPHÓ <HEAD>" for a deputy."""
    post = nfc((signer_post or "").strip())
    if post.casefold().startswith("phó "):
        head = short_head_title(post[4:].strip() or issuer)
        return f"KT. {head.upper()}\nPHÓ {head.upper()}"
    return short_head_title(post or nfc(issuer.strip())).upper()


def award_heading(award_name: str, is_title: bool) -> tuple[str, str]:
    """("TẶNG", "BẰNG KHEN") for a form of award, ("TẶNG DANH HIỆU", "<TITLE>") for a title."""
    name = nfc(award_name.strip())
    if is_title:
        return "TẶNG DANH HIỆU", name.upper()
    for printed in ("Bằng khen", "Giấy khen"):
        if name.casefold().startswith(printed.casefold()):
            return "TẶNG", printed.upper()
    return "TẶNG", name.upper()


def decision_line(number: str | None, signed_on: date | None) -> str:
    parts = [f"Số quyết định: {number}" if number else "Số quyết định: ……"]
    parts.append(date_words(signed_on) if signed_on else "ngày …… tháng …… năm ……")
    return nfc(", ".join(parts))


def golden_book_line(number: int | None) -> str:
    return f"Số sổ vàng: {number:02d}" if number is not None else "Số sổ vàng: ……"


_CENTRAL = ("trung ương", "chính phủ", "thủ tướng", "chủ tịch nước", "quốc hội", "bộ trưởng", "bộ ")


def place_of(issuer: str, province: str | None) -> str | None:
    """Where a decision is signed: Hà Nội for central bodies, else the province the issuer names
    ("… tỉnh Lai Châu"), else the bloc's province."""
    folded = nfc(issuer).casefold()
    if any(folded.startswith(word) or f" {word}" in folded for word in _CENTRAL):
        return "Hà Nội"
    for word in ("tỉnh ", "thành phố "):
        at = folded.rfind(word)
        if at >= 0 and issuer[at + len(word):].strip()[:1].isupper():
            return nfc(issuer[at + len(word):].strip())
    return province


def place_date_line(place: str | None, signed_on: date | None) -> str:
    when = date_words(signed_on) if signed_on else "ngày …… tháng …… năm ……"
    return nfc(f"{place.strip()}, {when}" if place and place.strip() else when[0].upper() + when[1:])
