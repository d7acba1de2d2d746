"""Helpers shared by the UI tests: workbooks with real member units, waiting for an opening,
and a stand-in for the opening-error dialog hook."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.open_errors import Choice, build_dialog

BLOC_NAME = "Khối thi đua các cơ quan Đảng tỉnh"
UNITS = [  # (official name, short name)
    ("Đồng Văn", "ĐV"), ("Bắc Hà", "BH"), ("Bát Xát", "BX"), ("An Lão", "AL"), ("Ân Thi", "AT"),
    ("Dương Minh Châu", "DMC"), ("Điện Biên", "ĐB"), ("Si Ma Cai", "SMC"), ("Ý Yên", "YY"),
    ("Văn phòng Tỉnh ủy", "VPTU"), ("Ban Tổ chức Tỉnh ủy", "BTCTU"), ("Đảng ủy Khối các cơ quan tỉnh", "ĐUK"),
]
LEADER = "Văn phòng Tỉnh ủy"
DEPUTIES = ("Ban Tổ chức Tỉnh ủy", "Đảng ủy Khối các cơ quan tỉnh")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_bloc(path: Path, units: Sequence[tuple[str, str]] = UNITS, *, leader: str | None = LEADER,
              deputies: Sequence[str] = DEPUTIES, year: int = 2025, name: str = BLOC_NAME) -> Path:
    from thidua_desktop.domain.enums import BlocKind
    from thidua_desktop.services.bloc_setup import NewBloc, NewUnit, create_bloc

    names = [u[0] for u in units]
    spec = NewBloc(name=name, kind=BlocKind.KHOI, organising_body="UBND tỉnh Lào Cai", province="Lào Cai",
                   units=tuple(NewUnit(n, s) for n, s in units), first_year=year,
                   leader=names.index(leader) if leader else None,
                   deputies=tuple(names.index(d) for d in deputies))
    return create_bloc(path, spec, operator="Kiểm thử")


class ErrorRecorder:
    """Stands in for open_errors.show_open_error: builds the real dialog, records it, answers `choice`."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []  # (error, dialog, in_recent)
        self.choice = Choice.NOTHING

    def __call__(self, parent, error, *, in_recent: bool = False) -> Choice:  # noqa: ANN001
        dialog = build_dialog(parent, error, in_recent=in_recent)
        self.calls.append((error, dialog, in_recent))
        return self.choice

    @property
    def problems(self) -> list:
        return [error.problem for error, _, _ in self.calls]


def open_and_wait(qtbot, window: MainWindow, path: Path) -> None:  # noqa: ANN001
    """Open `path` as the command line does and wait until it is ready for work."""
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        assert window.open_path(path)
