"""A Workspace on the demo bloc, the usual subject of service tests (a file may override `ws`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.services.workspace import Workspace


@pytest.fixture
def ws(demo_workbook: Path) -> Iterator[Workspace]:
    workspace = Workspace(open_workbook(demo_workbook, operator="Thư ký"), operator="Thư ký")
    yield workspace
    workspace.close()
