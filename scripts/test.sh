#!/usr/bin/env bash
# Set up with the test extra and run the whole test suite (offscreen Qt, real files).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test,build
exec .venv/bin/python -m pytest "$@"
