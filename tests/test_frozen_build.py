"""The packaged program: build.spec builds a one-folder app whose --self-check passes.

Slow (a real PyInstaller build, ~40 s); CI installs PyInstaller through the README's test
command, so the skip below only happens on a machine set up without the build extra.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED_STDERR = ("This plugin does not support propagateSizeHints()",)


def run_self_check(command: list[str], data: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", THIDUA_DATA_DIR=str(data))
    return subprocess.run([*command, "--self-check"], env=env, capture_output=True, text=True, timeout=300)


def unexpected_stderr(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip() and line.strip() not in ALLOWED_STDERR]


def test_self_check_from_source(tmp_path: Path) -> None:
    done = run_self_check([sys.executable, "-m", "thidua_desktop"], tmp_path / "data")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK thidua-desktop")
    assert unexpected_stderr(done.stderr) == []


@pytest.mark.slow
def test_frozen_build_runs_its_self_check(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller", reason="the build extra is not installed (bash scripts/test.sh installs it)")
    build = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", str(ROOT / "build.spec"),
                            "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build")],
                           capture_output=True, text=True, timeout=1200, cwd=ROOT)
    assert build.returncode == 0, build.stderr[-3000:]
    program = tmp_path / "dist" / "thidua-desktop" / "thidua-desktop"
    assert (program.parent / "_internal" / "resources" / "fonts" / "OFL-LICENSE.txt").is_file()
    done = run_self_check([str(program)], tmp_path / "data")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK thidua-desktop") and "migrations up to" in done.stdout
    assert unexpected_stderr(done.stderr) == []
