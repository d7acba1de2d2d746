"""Pages of demo documents compared loosely with reference renders (tests/data/renders), so a
layout regression shows; after a deliberate change run tests/data/renders/make_document_renders.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from render_cases import CASES, render_page

from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.services.workspace import Workspace

REFERENCES = Path(__file__).resolve().parents[1] / "data" / "renders"
MAX_MEAN_DIFFERENCE = 4.0  # of 255, over the page: a moved block or a lost table goes far beyond


@pytest.fixture(scope="module")
def ws(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("renders") / "demo.thidua"
    path.write_bytes(_demo_template.read_bytes())
    workspace = Workspace(open_workbook(path, operator="Thư ký"), operator="Thư ký")
    yield workspace
    workspace.close()


def mean_difference(a: Path, b: Path) -> float:
    with Image.open(a) as x, Image.open(b) as y:
        x, y = x.convert("L"), y.convert("L")
        assert x.size == y.size, f"page size changed: {x.size} != {y.size}"
        return ImageStat.Stat(ImageChops.difference(x, y)).mean[0]


@pytest.mark.parametrize("name", list(CASES))
def test_page_looks_like_its_reference(ws: Workspace, tmp_path: Path, name: str) -> None:
    page = render_page(ws, CASES[name], tmp_path)
    assert mean_difference(page, REFERENCES / f"{name}.png") < MAX_MEAN_DIFFERENCE


def test_the_comparison_sees_a_different_page() -> None:
    portrait = [n for n, (_, key, _) in CASES.items() if key != "bang_diem"]
    assert mean_difference(REFERENCES / f"{portrait[0]}.png", REFERENCES / f"{portrait[1]}.png") > MAX_MEAN_DIFFERENCE
