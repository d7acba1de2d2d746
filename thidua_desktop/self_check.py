"""`thidua-desktop --self-check`: prove that this copy of the program can do real work, with no screen.

Made for the PyInstaller bundle, where a data file or an import PyInstaller missed shows only when
the frozen program runs: the bundled fonts and their licence, the Alembic migrations (read from
disk), SQLAlchemy building a demo workbook, and a real main window opening it and painting it.
It runs offscreen in a temporary folder, with a temporary user data folder, so it leaves nothing
behind. Prints one ASCII "OK …" line and returns 0, or prints the failure on stderr and returns 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

from thidua_desktop import APP_ID, __version__, logs, paths

REQUIRED_FONTS = ("LiberationSans-Regular.ttf", "LiberationSerif-Regular.ttf")  # UI and print
FONT_LICENCE = "OFL-LICENSE.txt"
DEMO_SIZES = {"years": 2, "units": 5, "criteria": 8}
OPERATOR = "Tự kiểm tra"  # set beforehand, so opening never stops to ask for the user's name
OPEN_TIMEOUT_MS = 60_000
MIN_COLOURS = 16  # a painted window has text, borders and anti-aliasing; a blank one has a few colours
MAX_BACKGROUND_SHARE = 0.99


class CheckFailed(Exception):
    """A check that did not hold; its message says which."""


def run() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        with tempfile.TemporaryDirectory(prefix=f"{APP_ID}-self-check-") as tmp:
            os.environ["THIDUA_DATA_DIR"] = str(Path(tmp) / "data")
            fonts = check_fonts()
            migrations = check_migrations()
            workbook = build_demo(Path(tmp))
            window = open_and_render(workbook, Path(tmp) / "window.png")
            printed = check_documents(workbook, Path(tmp) / "văn bản")
    except CheckFailed as failure:
        print(f"{APP_ID} --self-check: FAILED: {failure}", file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001 - anything else is a failure too, with its traceback
        print(f"{APP_ID} --self-check: FAILED:", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return 1
    print(f"OK {APP_ID} {__version__} self-check: {fonts}; {migrations}; {window}; {printed}", flush=True)
    return 0


def check_fonts() -> str:
    folder = paths.resource_dir() / "fonts"
    missing = [name for name in (*REQUIRED_FONTS, FONT_LICENCE) if not (folder / name).is_file()]
    if missing:
        raise CheckFailed(f"missing in {folder}: {', '.join(missing)}")
    return f"{len(list(folder.glob('*.ttf')))} fonts with their licence"


def check_migrations() -> str:
    """The revisions are on disk and load (Alembic executes them, so their imports must be bundled)."""
    from thidua_desktop.db import identity
    from thidua_desktop.db.migrate import MIGRATIONS_DIR, head_revision

    versions = sorted((MIGRATIONS_DIR / "versions").glob("*.py"))
    if not (MIGRATIONS_DIR / "env.py").is_file() or not versions:
        raise CheckFailed(f"Alembic migrations missing in {MIGRATIONS_DIR}")
    head, expected = head_revision(), identity.REVISION_OF_FORMAT[identity.FORMAT_VERSION]
    if head != expected:
        raise CheckFailed(f"migrations end at {head}, format {identity.FORMAT_VERSION} needs {expected}")
    return f"{len(versions)} migrations up to {head}"


def build_demo(folder: Path) -> Path:
    from thidua_desktop.services.demo import build_demo_workbook

    return build_demo_workbook(folder / "Sổ tự kiểm tra.thidua", **DEMO_SIZES)  # a Vietnamese path on purpose


def open_and_render(path: Path, png: Path) -> str:
    """Open `path` in a MainWindow as main() does, wait until it is ready for work, save a picture, close."""
    logs.setup_logging()
    try:
        return _open_and_render(path, png)
    finally:
        logs.close_logging()  # the temporary folder can only be removed once the log file is closed


def _open_and_render(path: Path, png: Path) -> str:
    from thidua_desktop.services.workbook import lock_path
    from thidua_desktop.ui.app import UI_FONT_FAMILY, app_settings, create_application
    from thidua_desktop.ui.main_window import MainWindow

    app = create_application([sys.argv[0]])
    if app.font().family() != UI_FONT_FAMILY:
        raise CheckFailed(f"the bundled UI font did not load: the UI uses {app.font().family()!r}")
    settings = app_settings()
    settings.setValue("operator", OPERATOR)
    window = MainWindow(settings)
    try:
        wait_until_open(window, path)
        units = len(window.workbook.inspection.summary.members)
        window.grab().save(str(png))
        picture = describe_picture(png)
    finally:
        window.close()  # releases the workbook, so the temporary folder can go even after a failure
    if lock_path(path).exists():
        raise CheckFailed("closing the window left the workbook's lock file behind")
    return f"demo workbook ({units} units) opened; window {picture}"


def check_documents(path: Path, folder: Path) -> str:
    """The printing stack, which loads only on first use: reportlab with the bundled fonts embedded,
    python-docx with its own template, openpyxl, and QtPdf reading back the PDF we wrote."""
    import zipfile

    from PySide6.QtPdf import QPdfDocument

    from thidua_desktop.db.workbook_file import open_workbook
    from thidua_desktop.services import documents, excel_exchange, years
    from thidua_desktop.services.score_sheet import periods_of
    from thidua_desktop.services.workspace import Workspace

    workbook = open_workbook(path, operator=OPERATOR)
    try:
        ws = Workspace(workbook, OPERATOR)
        year = years.list_years(ws)[-1]
        produced = documents.produce(ws, year.id, "giao_uoc", folder)
        period = periods_of(ws, year.id)[-1]
        sheet = excel_exchange.summary(ws, period.id, folder / "bảng tổng hợp.xlsx")
    finally:
        workbook.close()
    pdf = QPdfDocument()
    pdf.load(str(produced.pdf_path))
    if pdf.status() != QPdfDocument.Status.Ready or pdf.pageCount() < 1:
        raise CheckFailed(f"QtPdf could not read the covenant we printed ({pdf.status()})")
    if b"LiberationSerif" not in produced.pdf_path.read_bytes():
        raise CheckFailed("the printed covenant does not embed the bundled Liberation Serif")
    for written in (produced.docx_path, sheet):
        with zipfile.ZipFile(written) as z:
            if z.testzip() is not None:
                raise CheckFailed(f"{written.name} was written damaged")
    return f"covenant printed ({pdf.pageCount()} pages, .pdf and .docx), score summary .xlsx written"


def wait_until_open(window, path: Path) -> None:  # noqa: ANN001 - MainWindow
    """Open `path` as main() does and run an event loop until the window is ready for work.

    A local loop, not app.exec(): QApplication.quit() would close the window, and the workbook with it.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    from thidua_desktop.ui.open_errors import Choice

    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def stop(key: str, value: object) -> None:
        outcome.setdefault(key, value)
        loop.quit()

    def refused(_parent: object, error, **_: object) -> Choice:  # noqa: ANN001 - WorkbookError
        stop("refused", f"{error.problem}: {error.message}")
        return Choice.NOTHING

    window.show_open_error = refused
    window.report_problem = lambda _parent, title, text, **_: stop("refused", f"{title}: {text}")
    window.workbook_opened.connect(lambda workbook: stop("opened", workbook))
    previous_hook = sys.excepthook
    sys.excepthook = lambda _type, error, _tb: stop("error", error)  # an exception in a slot ends the wait
    QTimer.singleShot(OPEN_TIMEOUT_MS, loop, lambda: stop("timeout", None))
    try:
        window.open_path(path)
        window.show()
        loop.exec()
        loop.processEvents()  # let the workspace's pages lay themselves out before the picture
    finally:
        sys.excepthook = previous_hook
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    if "refused" in outcome:
        raise CheckFailed(f"the demo workbook was refused: {outcome['refused']}")
    if "opened" not in outcome:
        raise CheckFailed(f"the demo workbook did not open within {OPEN_TIMEOUT_MS // 1000} s")
    workbook = window.workbook
    if workbook is None or workbook.read_only or window.stack.currentWidget() is not window.workspace_view:
        raise CheckFailed("the demo workbook is not open for work in the main window")


def describe_picture(png: Path) -> str:
    """Refuse a blank or missing picture; describe a painted one."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    if image.isNull() or image.width() < 100 or image.height() < 100:
        raise CheckFailed("the window could not be rendered to a PNG")
    step = 5
    samples = Counter(image.pixel(x, y) for x in range(0, image.width(), step)
                      for y in range(0, image.height(), step))
    background_share = samples.most_common(1)[0][1] / samples.total()
    if len(samples) < MIN_COLOURS or background_share > MAX_BACKGROUND_SHARE:
        raise CheckFailed(f"the rendered window looks blank ({len(samples)} colours, "
                          f"{background_share:.1%} background)")
    return f"{image.width()}x{image.height()} rendered, {len(samples)} colours"
