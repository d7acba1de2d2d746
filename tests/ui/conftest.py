"""UI fixtures: the configured QApplication, a main window built as main() builds it, and
workbooks with real member units (made through services.bloc_setup, copied per test)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from ui_helpers import ErrorRecorder, make_bloc

from thidua_desktop.ui.main_window import MainWindow


@pytest.fixture(scope="session")
def _bloc_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bloc(tmp_path_factory.mktemp("bloc") / "template.thidua")


@pytest.fixture
def bloc_workbook(_bloc_template: Path, tmp_path: Path) -> Path:
    """A 2025 bloc of twelve units, leader Văn phòng Tỉnh ủy, two deputies (a copy per test)."""
    dest = tmp_path / "Khối Đảng 2025.thidua"
    shutil.copyfile(_bloc_template, dest)
    return dest


@pytest.fixture(autouse=True)
def _configured_app(qapp: QApplication) -> QApplication:
    from thidua_desktop.ui.app import configure_application

    configure_application(qapp)
    return qapp


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:  # noqa: ANN001
    """The main window as main() builds it (settings from the test's own data folder), shown."""
    from thidua_desktop.ui.app import app_settings

    win = MainWindow(app_settings(), operator="Kiểm thử")
    win.errors = ErrorRecorder()
    win.show_open_error = win.errors
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
