"""Two copies of the demo workbook, parted and both edited since, for the tests of diverged
copies (tests/services/test_diverged.py, tests/ui/test_diverged_dialog.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from thidua_desktop.db.models import Person, Unit
from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.services import units
from thidua_desktop.services.workspace import Workspace


@contextmanager
def opened(path: Path, operator: str = "Thư ký") -> Iterator[Workspace]:
    ws = Workspace(open_workbook(path, operator=operator), operator)
    try:
        yield ws
    finally:
        ws.close()


def unit_id(ws: Workspace, name_part: str) -> int:
    with ws.read() as s:
        return s.scalars(select(Unit.id).where(Unit.official_name.contains(name_part))).one()


def person_id(ws: Workspace, full_name: str) -> int:
    with ws.read() as s:
        return s.scalars(select(Person.id).where(Person.full_name == full_name)).one()


def delete_person(ws: Workspace, full_name: str) -> None:
    pid = person_id(ws, full_name)
    ws.change(f"Xóa cá nhân {full_name}", lambda s: s.delete(s.get(Person, pid)))


def uid_of(ws: Workspace, model: type, **where: str) -> str:
    with ws.read() as s:
        return s.scalars(select(model.uid).filter_by(**where)).one()


@dataclass
class Parted:
    a: Path
    b: Path
    uid: dict[str, str]  # what the test calls a record → its uid (the same in both copies)


def make_parted(demo_workbook: Path, tmp_path: Path) -> Parted:
    """The demo, two people added, copied to a USB stick (b), then edited on both sides:
    A changes unit 1's phone, adds a unit, removes "Nguyễn Văn Chung"; B changes unit 3's
    address, adds a unit and a person in it, removes "Lê Thị Xóa"; both change unit 2's phone
    (a conflict), both set unit 4's e-mail alike, A edits unit 5 and undoes it."""
    uid: dict[str, str] = {}
    with opened(demo_workbook) as ws:
        names = [u.official_name for u in units.list_units(ws)][:5]
        units.add_person(ws, unit_id(ws, names[0]), "Nguyễn Văn Chung", post="Chánh Văn phòng")
        units.add_person(ws, unit_id(ws, names[0]), "Lê Thị Xóa", post="Phó Chánh Văn phòng")
        for i, name in enumerate(names, 1):
            uid[f"u{i}"] = uid_of(ws, Unit, official_name=name)
        uid["Chung"] = uid_of(ws, Person, full_name="Nguyễn Văn Chung")
        uid["Xóa"] = uid_of(ws, Person, full_name="Lê Thị Xóa")
    a, b = tmp_path / "Sổ của Trưởng khối cũ.thidua", tmp_path / "Bản trên USB.thidua"
    demo_workbook.rename(a)
    shutil.copyfile(a, b)
    u1, u2, u3, u4, u5 = names
    with opened(a, "Trưởng khối cũ") as ws:
        units.update_unit(ws, unit_id(ws, u1), phone="0213 3876 111")
        units.update_unit(ws, unit_id(ws, u2), phone="0213 3876 222")  # conflicts with B
        units.update_unit(ws, unit_id(ws, u4), email="vanphong@laichau.gov.vn")  # the same on both sides
        units.update_unit(ws, unit_id(ws, u5), note="Sửa rồi hoàn tác")
        ws.undo()
        units.add_unit(ws, "Sở Khoa học và Công nghệ tỉnh Lai Châu")
        delete_person(ws, "Nguyễn Văn Chung")
        uid["KHCN"] = uid_of(ws, Unit, official_name="Sở Khoa học và Công nghệ tỉnh Lai Châu")
    with opened(b, "Trưởng khối mới") as ws:
        units.update_unit(ws, unit_id(ws, u3), address="Số 1, đường Trần Hưng Đạo")
        units.update_unit(ws, unit_id(ws, u2), phone="0213 3876 999")
        units.update_unit(ws, unit_id(ws, u4), email="vanphong@laichau.gov.vn")
        new_unit = units.add_unit(ws, "Sở Ngoại vụ tỉnh Lai Châu")  # takes the same id as A's new unit
        units.add_person(ws, new_unit, "Trần Thị Bình", post="Giám đốc Sở")
        delete_person(ws, "Lê Thị Xóa")
        uid["Ngoại vụ"] = uid_of(ws, Unit, official_name="Sở Ngoại vụ tỉnh Lai Châu")
        uid["Bình"] = uid_of(ws, Person, full_name="Trần Thị Bình")
    return Parted(a, b, uid)
