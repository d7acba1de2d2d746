"""Two of the start screen's ways in: a new bloc made with the wizard, and the demo workbook
(built once into the user's data folder).

Imported by the main window before its first paint, so the wizard and the services behind it
(SQLAlchemy) are only imported when the user asks for them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from thidua_desktop import paths

from . import vi

if TYPE_CHECKING:
    from thidua_desktop.services.bloc_setup import NewBloc

    from .main_window import MainWindow

log = logging.getLogger(__name__)

DEMO_FILE_NAME = "Khối thi đua mẫu.thidua"
SAVE_TITLE = "Lưu sổ thi đua mới"
NOT_CREATED = "Chưa tạo được sổ thi đua"
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def run_new_bloc_wizard(window: MainWindow, run: Callable[[QWidget], int] = QDialog.exec) -> Path | None:
    """The new-bloc wizard, shown by `run` (the window's `run_wizard` hook, which tests replace);
    on Hoàn tất it asks where to save and writes the workbook.

    Returns the new file's path, or None if the user cancelled. A refusal (a file of that name
    already there, a folder that cannot be written) is a message, and the wizard stays open.
    """
    from .new_bloc_wizard import NewBlocWizard

    wizard = NewBlocWizard(window, create=lambda spec: create_workbook_for(window, wizard, spec))
    try:
        return wizard.created_path if run(wizard) == QDialog.DialogCode.Accepted.value else None
    finally:
        wizard.deleteLater()


def create_workbook_for(window: MainWindow, parent: QWidget, spec: NewBloc) -> Path | None:
    """Ask through `window.ask_save_path` where the new bloc goes and create it there."""
    from thidua_desktop.services.bloc_setup import SetupError, create_bloc

    path = window.ask_save_path(parent, SAVE_TITLE, suggested_path(window, spec.name))
    if path is None:
        return None
    path = Path(path)
    if path.suffix.lower() != ".thidua":
        path = path.with_name(path.name + ".thidua")
    warning = QMessageBox.Icon.Warning
    try:
        with busy():
            created = create_bloc(path, spec, operator=window.operator)
    except FileExistsError:
        window.report_problem(parent, NOT_CREATED, f"Đã có tệp “{path.name}” trong thư mục “{path.parent}”.",
                              informative="Sổ mới không ghi đè lên tệp đã có. Hãy đặt tên tệp khác.", icon=warning)
    except SetupError as error:
        window.report_problem(parent, NOT_CREATED, str(error), icon=warning)
    except OSError:
        log.exception("Không tạo được sổ thi đua tại %s", path)
        window.report_problem(parent, NOT_CREATED, f"Không ghi được tệp vào thư mục “{path.parent}”.",
                              informative="Thư mục có thể không còn, chỉ cho đọc, hoặc ổ đĩa đã đầy. "
                                          "Hãy chọn thư mục khác, ví dụ thư mục Tài liệu (Documents).",
                              icon=warning)
    else:
        log.info("Đã tạo sổ thi đua %s (%d đơn vị)", created, len(spec.units))
        return created
    return None


def suggested_path(window: MainWindow, bloc_name: str) -> Path:
    """The bloc's name as a file name, in the folder of the last workbook opened or in Documents."""
    recent = window.recent.entries()
    folder = recent[0].path.parent if recent else vi.documents_folder()
    stem = " ".join(_NOT_IN_FILE_NAMES.sub(" ", bloc_name).split()).strip(". ")[:120] or "Khối thi đua"
    return folder / f"{stem}.thidua"


def demo_path() -> Path:
    """The demo workbook in the user's data folder, built the first time it is asked for (about a second)."""
    path = paths.data_dir() / "demo" / DEMO_FILE_NAME
    if not path.exists():
        from thidua_desktop.services.demo import build_demo_workbook

        path.parent.mkdir(parents=True, exist_ok=True)
        with busy():
            build_demo_workbook(path)
        log.info("Đã tạo sổ mẫu %s", path)
    return path


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor while the program writes a workbook."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
