"""Build tests/data/workbook_v1.thidua: a workbook in format 1 (before search keys), with data.

Kept so the fixture can be rebuilt; the committed .thidua file is what the upgrade test
opens, exactly as a user's old file would be. Run: .venv/bin/python tests/data/make_workbook_v1.py
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from thidua_desktop.db import identity as ident
from thidua_desktop.db.engine import make_engine
from thidua_desktop.db.migrate import upgrade

TARGET = Path(__file__).with_name("workbook_v1.thidua")

UNITS = [
    ("Văn phòng Tỉnh ủy", "VPTU", "truong"),
    ("Ban Tổ chức Tỉnh ủy", "BTCTU", "pho"),
    ("Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU", "pho"),
    ("Báo Lai Châu", "BLC", "thanh_vien"),
    ("Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh", "ĐUK", "thanh_vien"),
]


def build(target: Path = TARGET) -> Path:
    target.unlink(missing_ok=True)
    sqlite3.connect(target).close()
    engine = make_engine(target, read_only=False)
    with engine.begin() as c:
        c.execute(text(f"PRAGMA application_id = {ident.APPLICATION_ID}"))
        upgrade(c, ident.REVISION_OF_FORMAT[1])
        c.execute(text("PRAGMA user_version = 1"))
        c.execute(text("INSERT INTO workbook_meta VALUES ('format_version', '1'), "
                       "('bloc_uuid', '5f1e0c7a9b2d4e6f8a1b3c5d7e9f0a2b'), ('app_version', '0.0.9'), "
                       "('created_at', '2025-01-06T08:00:00'), ('created_with', '0.0.9')"))
        c.execute(text("INSERT INTO bloc (id, uid, name, kind, level, province) VALUES "
                       "(1, 'b1', 'Khối thi đua các cơ quan Đảng tỉnh', 'khoi', 'tinh', 'Lai Châu')"))
        c.execute(text("INSERT INTO emulation_year (id, uid, year, state, issuer_mode, place_name) VALUES "
                       "(1, 'y1', 2025, 'scoring', 'leader_unit', 'Lai Châu')"))
        for i, (name, short, role) in enumerate(UNITS, start=1):
            c.execute(text("INSERT INTO unit (id, uid, official_name, short_name, unit_type, holds_seal) "
                           "VALUES (:i, :u, :n, :s, 'dang', 1)"), {"i": i, "u": f"u{i}", "n": name, "s": short})
            c.execute(text("INSERT INTO membership (uid, year_id, unit_id, role) VALUES (:u, 1, :i, :r)"),
                      {"u": f"m{i}", "i": i, "r": role})
        c.execute(text("INSERT INTO person (id, uid, unit_id, full_name, gender, post, active) VALUES "
                       "(1, 'p1', 1, 'Đỗ Thị Hằng', 'nu', 'Chánh Văn phòng', 1)"))
        c.execute(text("INSERT INTO award_type (id, uid, code, name, category, recipient, level, position, builtin, "
                       "active) VALUES (1, 'a1', 'BK_TINH', 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', 'form', "
                       "'any', 'bo_tinh', 1, 1, 1)"))
        c.execute(text("INSERT INTO commendation (uid, year, award_type_id, unit_id, recipient_name, source, "
                       "decision_number, golden_book_no) VALUES ('c1', 2024, 1, 4, 'Báo Lai Châu', 'bloc', "
                       "'245/QĐ-UBND', 3)"))
    engine.dispose()
    return target


if __name__ == "__main__":
    print(build())
