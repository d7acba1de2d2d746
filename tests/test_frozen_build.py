"""The packaged program: build.spec makes a one-folder app whose `--self-check` passes, and so does the source.

The frozen test is a real PyInstaller build (about 30 s on 2 cores) and a real run of the program;
it is the only place where a data file or import that PyInstaller missed shows up. The README's
test command installs PyInstaller (the "build" extra), so the skip only happens on a machine set
up without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "thidua-desktop"
# stderr lines that are no failure: Qt's offscreen platform cannot pass size hints to a window manager.
ALLOWED_STDERR = ("This plugin does not support propagateSizeHints()",)


def run_self_check(command: list[str], data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "THIDUA_DATA_DIR": str(data)}
    return subprocess.run([*command, "--self-check"], env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=300, check=False)


def assert_passed(done: subprocess.CompletedProcess[str], data: Path) -> None:
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"OK {APP_ID} "), done.stdout
    for part in ("fonts with their licence", "migrations up to", "demo workbook", "rendered", "covenant printed",
                 "summary .xlsx written"):
        assert part in lines[0]
    unexpected = [line for line in done.stderr.splitlines() if line.strip() and line.strip() not in ALLOWED_STDERR]
    assert unexpected == []
    assert not data.exists() or not any(data.iterdir())  # it used its own temporary data folder


def test_self_check_from_source(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert_passed(run_self_check([sys.executable, "-m", "thidua_desktop"], data), data)


@pytest.mark.slow
def test_frozen_program_passes_its_self_check(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed: run `bash scripts/test.sh`, "
                                              "which installs the build extra")
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", str(ROOT / "build.spec"),
                            "--distpath", str(dist), "--workpath", str(tmp_path / "build")],
                           cwd=ROOT, capture_output=True, text=True, timeout=1200, check=False)
    assert build.returncode == 0, build.stderr[-4000:]
    bundle = dist / APP_ID / "_internal"
    for name in ("resources/fonts/OFL-LICENSE.txt", "resources/fonts/LiberationSerif-Regular.ttf",
                 "thidua_desktop/db/migrations/env.py"):
        assert (bundle / name).is_file(), name
    assert sorted(p.name for p in (bundle / "thidua_desktop/db/migrations/versions").glob("*.py")) == sorted(
        p.name for p in (ROOT / "thidua_desktop/db/migrations/versions").glob("*.py"))
    assert not list(bundle.rglob("__pycache__")) and not list(bundle.glob("PySide6/Qt/translations"))
    assert [link for link in bundle.rglob("*") if link.is_symlink() and not link.exists()] == []

    program = [str(dist / APP_ID / APP_ID)]
    data = tmp_path / "data"
    assert_passed(run_self_check(program, data), data)

    (bundle / "resources/fonts/OFL-LICENSE.txt").unlink()  # a bundle missing a file fails loudly
    done = run_self_check(program, data)
    assert done.returncode == 1 and done.stdout == ""
    assert "--self-check: FAILED: missing in" in done.stderr and "OFL-LICENSE.txt" in done.stderr
