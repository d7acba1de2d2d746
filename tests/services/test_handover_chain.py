"""Three handovers between three "PCs" (three folders), by USB stick, over three years: each
receiver checks the fingerprint from the minutes, works on its local copy and adds records; the
last file holds every record ever added and the whole history."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import select
from year_end_fixtures import ready_to_hand_over

from thidua_desktop.db.models import AuditEntry, Person
from thidua_desktop.db.workbook_file import inspect, open_workbook
from thidua_desktop.services import units, years
from thidua_desktop.services.handover import hand_over, handover_plan, handovers
from thidua_desktop.services.receive import Expected, receive, record_receipt
from thidua_desktop.services.workspace import Workspace


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("unit", "person", "emulation_year", "score", "audit_entry", "handover")}
    finally:
        conn.close()


def test_three_handovers_keep_every_record(demo_workbook: Path, tmp_path: Path) -> None:
    pcs = [tmp_path / f"máy {n}" for n in (1, 2, 3)]
    for pc in pcs:
        pc.mkdir()
    usb = tmp_path / "usb"
    usb.mkdir()
    current = pcs[0] / demo_workbook.name
    demo_workbook.rename(current)
    bloc_uuid = inspect(current).bloc_uuid
    added: list[str] = []  # uids of the people each leader unit added
    fingerprints: list[str] = []

    for step, year in enumerate((2026, 2027, 2028)):
        officer = f"Thư ký năm {year}"
        ws = Workspace(open_workbook(current, operator=officer), operator=officer)
        try:
            unit_id = years.members(ws, years.year_id_of(ws, year))[0].unit_id
            person = units.add_person(ws, unit_id, f"Nguyễn Văn Năm {year}", post="Chuyên viên")
            with ws.read() as s:
                added.append(s.get(Person, person).uid)
            year_id = ready_to_hand_over(ws, year)
            result = hand_over(ws, year_id, usb / handover_plan(ws, year_id).suggested_name)
        finally:
            ws.close()
        before = _counts(result.path)
        fingerprints.append(result.fingerprint)
        assert {c.kind: c.count for c in result.minutes.counts}["person"] == before["person"]
        assert inspect(current).handed_over is not None  # the outgoing leader's file is read-only now

        receiver = pcs[(step + 1) % 3]
        got = receive(result.path, fingerprint=result.fingerprint.lower(),
                      expected=Expected(bloc_uuid=bloc_uuid, year=year + 1),
                      removable=lambda p: p.is_relative_to(usb), local_folder=receiver)
        assert got.copied and got.path.parent == receiver and got.fingerprint_checked
        assert got.counts == {c.kind: c.count for c in result.minutes.counts}  # as the minutes print
        current = got.path
        ws = Workspace(open_workbook(current, operator=f"Văn thư năm {year + 1}"), operator="Văn thư")
        try:
            record_receipt(ws, got)
        finally:
            ws.close()
        after = _counts(current)
        assert {k: after[k] for k in ("unit", "person", "emulation_year", "score", "handover")} == \
            {k: before[k] for k in ("unit", "person", "emulation_year", "score", "handover")}

    ws = Workspace(open_workbook(current, operator="Thư ký năm 2029"), operator="Thư ký năm 2029")
    try:
        assert not ws.read_only
        assert current.parent == pcs[0] and current.name.endswith("bàn giao 2028.thidua")
        with ws.read() as s:
            present = set(s.scalars(select(Person.uid).where(Person.uid.in_(added))))
            operators = set(s.scalars(select(AuditEntry.operator)))
        assert present == set(added)
        assert {"Thư ký năm 2026", "Thư ký năm 2027", "Thư ký năm 2028", "Văn thư"} <= operators
        assert [y.year for y in years.list_years(ws)] == [2023, 2024, 2025, 2026, 2027, 2028, 2029]
        chain = [h for h in handovers(ws) if h.to_year >= 2027]
        assert [h.to_year for h in chain] == [2027, 2028, 2029]
        assert [h.sha256 for h in chain] == [f.replace(" ", "").lower() for f in fingerprints]
        assert all(h.received_at is not None and h.record_counts for h in chain)
    finally:
        ws.close()
