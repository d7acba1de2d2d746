"""The pages kept as reference renders (tests/data/renders) and how to draw them again."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from thidua_desktop.services.documents import produce
from thidua_desktop.services.workspace import Workspace
from thidua_desktop.services.years import year_id_of

DPI = 30
# name → (year, document key, page)
CASES = {
    "bb_tong_ket_p1": (2025, "bb_tong_ket", 1),
    "giao_uoc_p2": (2025, "giao_uoc", 2),
    "bang_diem_p1": (2025, "bang_diem", 1),
}


def render_page(ws: Workspace, case: tuple[int, str, int], folder: Path) -> Path:
    """The page as a grayscale PNG at DPI."""
    year, key, page = case
    pdf = produce(ws, year_id_of(ws, year), key, folder / key, on=date(2025, 12, 20), docx=False).pdf_path
    stem = folder / f"{key}-{page}"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                    str(pdf), str(stem)], check=True)
    return stem.with_suffix(".png")
