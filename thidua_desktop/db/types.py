"""Column types that keep the workbook's data exact and in one Unicode form."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Integer, String, Text
from sqlalchemy.types import TypeDecorator


class NfcString(TypeDecorator[str]):
    """A string stored in NFC: reportlab cannot place combining marks, and search keys need one form."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else unicodedata.normalize("NFC", str(value))


class NfcText(NfcString):
    """Long NFC text (achievements, minutes, guidance)."""

    impl = Text
    cache_ok = True


class Points(TypeDecorator[Decimal]):
    """Points kept exact as hundredths in an INTEGER column: 8,25 is stored as 825.

    SQLite has no decimal type and floats would make 99.99999 out of a sum of 100.
    """

    impl = Integer
    cache_ok = True
    SCALE = 100

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        d = Decimal(str(value)) * self.SCALE
        return int(d.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(value) / self.SCALE).quantize(Decimal("0.01"))


class CodeEnum(TypeDecorator[StrEnum]):
    """A StrEnum stored as its short code, read back as the enum member.

    No CHECK constraint: SQLite cannot alter one, and adding a value must not need a table rebuild.
    """

    impl = String(24)
    cache_ok = True

    def __init__(self, enum_cls: type[StrEnum]) -> None:
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else self.enum_cls(value).value

    def process_result_value(self, value: Any, dialect: Any) -> StrEnum | None:
        return None if value is None else self.enum_cls(value)
