"""How NĐ 30/2020 writes numbers and dates in an administrative document (domain.md 2.1)."""

from __future__ import annotations

from datetime import date, datetime


def date_words(day: date) -> str:
    """"ngày 05 tháng 01 năm 2026": days below 10 and the months 1 and 2 take a leading zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date(place: str, day: date) -> str:
    """The line beside the number: "Hưng Yên, ngày 05 tháng 01 năm 2026"."""
    return f"{place}, {date_words(day)}"


def time_words(moment: datetime) -> str:
    """"08 giờ 00 phút, ngày 17 tháng 12 năm 2025", as minutes write the start and the close."""
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {date_words(moment.date())}"


def symbol_suffix(type_code: str, issuer_symbol: str | None) -> str:
    """"BB-KTĐ": the type letters, a hyphen, the issuer's symbol (capitals, no spaces)."""
    symbol = (issuer_symbol or "").replace(" ", "").upper()
    return f"{type_code}-{symbol}" if symbol else type_code


def number_text(number: int, type_code: str, issuer_symbol: str | None) -> str:
    """"05/BB-KTĐ": numbers below 10 take a leading zero."""
    return f"{number:02d}/{symbol_suffix(type_code, issuer_symbol)}"


# Nouns that name a kind of body: "Trưởng" + "Ban", "Chánh" + "Văn phòng".
_BODY_NOUNS = ("Văn phòng", "Ủy ban", "Đảng ủy", "Chi cục", "Trung tâm", "Bệnh viện", "Ban", "Sở", "Báo", "Trường",
               "Hội", "Cục", "Viện", "Đài", "Phòng", "Thanh tra", "Kho bạc")


def signing_title(post: str, unit_name: str) -> str:
    """The title under a unit's name in a signature block: the post without the unit's name,
    "Trưởng Ban Tổ chức Tỉnh ủy" of "Ban Tổ chức Tỉnh ủy" → "Trưởng Ban", "Bí thư Đảng ủy Khối …"
    → "Bí thư"; a post that does not end with the unit's name stays whole."""
    if not post.casefold().endswith(unit_name.casefold()) or len(post) == len(unit_name):
        return post
    rest = post[: len(post) - len(unit_name)].strip()
    if len(rest.split()) == 1:
        noun = next((n for n in _BODY_NOUNS if unit_name.casefold().startswith(n.casefold() + " ")), None)
        return f"{rest} {noun}" if noun else post
    return rest
