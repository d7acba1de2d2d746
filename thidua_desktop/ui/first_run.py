"""The start screen's two ways into a workbook that does not exist yet: a new bloc made with
the wizard, and the demo workbook (built once in the user's data folder)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from thidua_desktop import paths
from thidua_desktop.services.bloc_setup import SetupError, create_bloc

from .new_bloc_wizard import NewBlocWizard

DEMO_NAME = "Khối thi đua mẫu.thidua"


def _safe_file_name(name: str) -> str:
    return "".join("-" if c in '\\/:*?"<>|' else c for c in name).strip() or "Khối thi đua"


def create_from_wizard(window, wizard: NewBlocWizard) -> Path | None:  # noqa: ANN001 - MainWindow
    """Ask where to save the wizard's bloc and write it; a problem becomes a message."""
    spec = wizard.spec()
    suggested = Path.home() / f"{_safe_file_name(spec.name)}.thidua"
    path = window.ask_save_path(window, "Lưu sổ thi đua mới", suggested)
    if path is None:
        return None
    path = path if path.suffix == ".thidua" else path.with_name(path.name + ".thidua")
    try:
        return create_bloc(path, spec, operator=window.operator)
    except FileExistsError:
        message = f"Đã có tệp “{path.name}”. Hãy chọn tên khác để không ghi đè sổ đang có."
    except SetupError as exc:
        message = str(exc)
    except OSError as exc:
        message = f"Không ghi được tệp “{path}”: {exc.strerror or exc}"
    window.report_problem(window, "Không tạo được sổ thi đua", message, icon=QMessageBox.Icon.Warning)
    return None


def run_new_bloc_wizard(window, run: Callable[[QWidget], int] = lambda w: w.exec()) -> Path | None:  # noqa: ANN001
    wizard = NewBlocWizard(window)
    if run(wizard) != QWizard.DialogCode.Accepted.value:
        return None
    return create_from_wizard(window, wizard)


def demo_path() -> Path:
    """The demo workbook, built the first time it is asked for."""
    from thidua_desktop.services.demo import build_demo_workbook

    path = paths.data_dir() / "demo" / DEMO_NAME
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_demo_workbook(path)
    return path
