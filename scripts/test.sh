#!/usr/bin/env bash
# Set up with the test and build extras (PyInstaller, for the frozen-build test) and run the whole
# test suite (offscreen Qt, real files, a real PyInstaller build).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test,build
exec .venv/bin/python -m pytest "$@"
