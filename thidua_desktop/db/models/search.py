"""Diacritics-free search keys kept beside names, so lists filter in SQL ("bac ha" finds "Bắc Hà").

SQLite's LIKE and lower() fold ASCII only and FTS5 does not fold đ, so the key is computed
in Python (domain.text.search_key) whenever a row is written.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event
from sqlalchemy.orm import Mapped, mapped_column

from thidua_desktop.domain.text import search_key


class Searchable:
    """Mixin: `search_key` holds search_key() of the columns named in `__search_fields__`."""

    __search_fields__: tuple[str, ...] = ()
    search_key: Mapped[str | None] = mapped_column(String(600), index=True)

    def refresh_search_key(self) -> None:
        parts = (getattr(self, f) for f in self.__search_fields__)
        self.search_key = search_key(" ".join(p for p in parts if p))


def _refresh(_mapper: Any, _conn: Any, target: Searchable) -> None:
    target.refresh_search_key()


def register(cls: type[Searchable]) -> None:
    event.listen(cls, "before_insert", _refresh)
    event.listen(cls, "before_update", _refresh)
