#!/usr/bin/env bash
# Set up, build the demo workbook once, and open it in ThiDua Desktop.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
demo="demo/Khoi-thi-dua-demo.thidua"
[ -f "$demo" ] || .venv/bin/python -m thidua_desktop --demo "$demo"
exec .venv/bin/python -m thidua_desktop "$demo" "$@"
