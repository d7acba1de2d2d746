"""Process start → first paint of the main window on the 10-year, 40-unit, 120-criterion
workbook (target ≤ 0.6 s median on the 2-core machine), and → workbook fully open.

Builds the workbook once into benchmarks/.cache/, then starts the app N times offscreen with
THIDUA_EXIT_AFTER_PAINT=1; the app prints `first_paint` and `ready` in seconds since THIDUA_T0.
Run: .venv/bin/python benchmarks/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
BIG = CACHE / "bench-10y-40u-120c.thidua"


def ensure_workbook() -> Path:
    if not BIG.exists():
        CACHE.mkdir(exist_ok=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "thidua_desktop", "--demo", str(BIG), "--years", "10", "--units", "40",
                        "--criteria", "120"], check=True, stdout=subprocess.DEVNULL)
        print(f"built {BIG.name}: {BIG.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s")
    return BIG


def one_run(path: Path, data_dir: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", THIDUA_EXIT_AFTER_PAINT="1", THIDUA_DATA_DIR=data_dir)
    env["THIDUA_T0"] = repr(time.time())
    out = subprocess.run([sys.executable, "-m", "thidua_desktop", str(path)], env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    return {k: float(v) for k, v in (line.split() for line in out.splitlines() if line.startswith(("first_", "ready")))}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    path = ensure_workbook()
    with tempfile.TemporaryDirectory() as data_dir:
        one_run(path, data_dir)  # warm the page cache
        runs = [one_run(path, data_dir) for _ in range(args.runs)]
    for key, target in (("first_paint", " (target ≤ 0.6 s)"), ("ready", "")):
        values = [r[key] for r in runs]
        print(f"{key}: median {statistics.median(values):.3f} s, min {min(values):.3f}, max {max(values):.3f} "
              f"over {len(values)} runs{target}")
    print(f"workbook: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
