"""The command line: Vietnamese help, options, the demo builder, and the staged start-up
(nothing heavy imported before the first paint) measured in a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from thidua_desktop.__main__ import main


def test_help_is_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: thidua-desktop")
    for phrase in ("Tham số:", "Tùy chọn:", "sổ thi đua (.thidua) cần mở", "hiện hướng dẫn này rồi thoát",
                   "--demo ĐƯỜNG_DẪN", "--years N"):
        assert phrase in out
    assert "usage" not in out and "options:" not in out


def test_bad_options_are_refused_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    for argv, phrase in ((["--years", "3"], "chỉ dùng cùng --demo"),
                         (["--demo", "x.thidua", "--years", "ba"], "không phải là số nguyên"),
                         (["--demo", "x.thidua", "--units", "0"], "phải là số nguyên dương"),
                         (["--khong-co"], "không hiểu tham số")):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == 2
        err = capsys.readouterr().err
        assert "thidua-desktop: lỗi: " in err and phrase in err


def test_demo_option_builds_a_workbook_without_gui(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "demo.thidua"
    assert main(["--demo", str(dest), "--years", "2", "--units", "5", "--criteria", "6"]) == 0
    assert capsys.readouterr().out.strip() == str(dest)
    from thidua_desktop.services.workbook import inspect

    summary = inspect(dest).summary
    assert len(summary.years) == 2 and len(summary.members) == 5


def _run(args: list[str], data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "THIDUA_DATA_DIR": str(data_dir),
                "THIDUA_EXIT_AFTER_PAINT": "1", "THIDUA_STARTUP_TRACE": "1", "THIDUA_T0": repr(time.time()), **env}
    return subprocess.run([sys.executable, "-m", "thidua_desktop", *args], capture_output=True, text=True,
                          env=full_env, timeout=60, check=False)


def _times(out: str) -> dict[str, str]:
    return dict(line.split(" ", 1) for line in out.splitlines() if line)


@pytest.mark.slow
def test_startup_paints_before_loading_sqlalchemy(empty_workbook: Path, tmp_path: Path) -> None:
    from thidua_desktop.db.lock import lock_path

    done = _run([str(empty_workbook)], tmp_path / "data")
    assert done.returncode == 0, done.stderr
    lines = _times(done.stdout)
    assert list(lines) == ["first_paint", "modules_at_first_paint", "ready"]
    assert lines["modules_at_first_paint"] == "-"  # no sqlalchemy, openpyxl, reportlab or alembic yet
    assert 0 < float(lines["first_paint"]) <= float(lines["ready"]) < 30
    assert not lock_path(empty_workbook).exists()  # closed on the way out
    log = (tmp_path / "data" / "logs" / "thidua.log").read_text(encoding="utf-8")
    assert "Đã mở" in log and "Đã đóng" in log


@pytest.mark.slow
def test_startup_without_file_and_with_a_bad_file(tmp_path: Path) -> None:
    done = _run([], tmp_path / "data")
    assert done.returncode == 0, done.stderr
    assert list(_times(done.stdout)) == ["first_paint", "modules_at_first_paint", "ready"]
    bad = tmp_path / "bảng điểm.thidua"
    bad.write_text("không phải sổ", encoding="utf-8")
    done = _run([str(bad)], tmp_path / "data")
    assert done.returncode == 1
    assert "error not_sqlite" in done.stderr
