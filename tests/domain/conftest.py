"""Domain tests run without a display; Qt is imported only to check collation against QCollator."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
