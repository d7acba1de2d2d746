"""A workbook's headline facts read with plain sqlite3, without loading the ORM.

Used before the first paint of the main window (SQLAlchemy's ORM alone takes ~0.4 s to
import), and to describe backups and recent files. Queries only columns that exist since
format 1, so it also reads files that still need an upgrade.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from thidua_desktop.domain.enums import BlocKind, MemberRole, YearState

# Tables whose row counts describe what a file holds (backups, handover minutes).
COUNTED_TABLES = {
    "unit": "đơn vị",
    "person": "cá nhân",
    "emulation_year": "năm thi đua",
    "score": "điểm chấm",
    "meeting": "cuộc họp",
    "proposal": "đề nghị",
    "commendation": "khen thưởng",
    "issued_document": "văn bản",
    "audit_entry": "dòng nhật ký",
}


@dataclass(frozen=True, slots=True)
class MemberLine:
    name: str
    short_name: str | None
    role: MemberRole


@dataclass(frozen=True, slots=True)
class WorkbookSummary:
    bloc_name: str
    bloc_kind: BlocKind
    years: tuple[int, ...]
    current_year: int | None
    current_state: YearState | None
    members: tuple[MemberLine, ...]  # of the current year, leader first
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def leader(self) -> MemberLine | None:
        return next((m for m in self.members if m.role is MemberRole.TRUONG), None)

    @property
    def deputies(self) -> tuple[MemberLine, ...]:
        return tuple(m for m in self.members if m.role is MemberRole.PHO)


_ROLE_ORDER = {MemberRole.TRUONG: 0, MemberRole.PHO: 1, MemberRole.THANH_VIEN: 2}


def read_summary(conn: sqlite3.Connection, *, with_counts: bool = False) -> WorkbookSummary:
    bloc = conn.execute("SELECT name, kind FROM bloc ORDER BY id LIMIT 1").fetchone()
    years = conn.execute("SELECT year, state, id FROM emulation_year ORDER BY year").fetchall()
    current = years[-1] if years else None
    members: list[MemberLine] = []
    if current:
        rows = conn.execute(
            "SELECT u.official_name, u.short_name, m.role FROM membership m JOIN unit u ON u.id = m.unit_id "
            "WHERE m.year_id = ?", (current[2],)).fetchall()
        members = [MemberLine(name, short, MemberRole(role)) for name, short, role in rows]
        members.sort(key=lambda m: _ROLE_ORDER[m.role])
    counts = {}
    if with_counts:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED_TABLES}
    return WorkbookSummary(
        bloc_name=bloc[0] if bloc else "",
        bloc_kind=BlocKind(bloc[1]) if bloc else BlocKind.KHOI,
        years=tuple(y for y, _, _ in years),
        current_year=current[0] if current else None,
        current_state=YearState(current[1]) if current else None,
        members=tuple(members),
        counts=counts,
    )
