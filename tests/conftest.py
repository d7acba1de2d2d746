"""Shared fixtures: offscreen Qt, an isolated user data folder, and real workbook files on disk."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Logs, settings and backups of each test go to its own folder, never the user's."""
    path = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("THIDUA_DATA_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from thidua_desktop.db.workbook_file import create_workbook

    return create_workbook(tmp_path_factory.mktemp("tpl") / "empty.thidua", bloc_name="Khối thi đua các cơ quan Đảng tỉnh")


@pytest.fixture
def empty_workbook(_empty_template: Path, tmp_path: Path) -> Path:
    """A new workbook with only the bloc and the award catalogue (a copy of one made per session)."""
    dest = tmp_path / "Khối Đảng.thidua"
    shutil.copyfile(_empty_template, dest)
    return dest


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from thidua_desktop.services.demo import build_demo_workbook

    return build_demo_workbook(tmp_path_factory.mktemp("demo") / "demo.thidua", years=4, units=9, criteria=30)


@pytest.fixture
def demo_workbook(_demo_template: Path, tmp_path: Path) -> Path:
    """A realistic bloc with four years of history (a copy of one generated per session)."""
    dest = tmp_path / "Khối thi đua demo.thidua"
    shutil.copyfile(_demo_template, dest)
    return dest
