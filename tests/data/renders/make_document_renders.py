"""Rebuild the reference renders after a deliberate layout change:

    .venv/bin/python tests/data/renders/make_document_renders.py

Each render is one page of a demo document at 30 dpi, grayscale (test_renders compares them)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from render_cases import CASES, render_page  # noqa: E402

from thidua_desktop.db.workbook_file import open_workbook  # noqa: E402
from thidua_desktop.services.demo import build_demo_workbook  # noqa: E402
from thidua_desktop.services.workspace import Workspace  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        book = build_demo_workbook(Path(tmp) / "demo.thidua", years=4, units=9, criteria=30)
        ws = Workspace(open_workbook(book, operator="Thư ký"), operator="Thư ký")
        try:
            for name, case in CASES.items():
                png = render_page(ws, case, Path(tmp))
                shutil.copyfile(png, HERE / f"{name}.png")
                print(HERE / f"{name}.png")
        finally:
            ws.close()


if __name__ == "__main__":
    main()
