#!/usr/bin/env bash
# Create .venv beside the repo (once) and install the app with the given extras, e.g. "test".
# Idempotent: a second run only checks that everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python3 -m venv .venv 2>/dev/null || test -x .venv/bin/python
spec="."
[ -n "$extras" ] && spec=".[$extras]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
