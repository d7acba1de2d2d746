"""The rotating log file in the user's data folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from thidua_desktop import logs


def test_log_goes_to_a_utf8_file_in_the_data_folder(_isolated_data_dir: Path) -> None:
    path = logs.setup_logging()
    assert path == _isolated_data_dir / "logs" / "thidua.log"
    assert logs.setup_logging() == path  # idempotent: one handler
    logging.getLogger("thidua_desktop.test").warning("Đã mở sổ “Khối Đảng.thidua”")
    logs.flush()
    assert "Đã mở sổ “Khối Đảng.thidua”" in path.read_text(encoding="utf-8")
    ours = [h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(ours) == 1 and ours[0].maxBytes == 1_000_000 and ours[0].backupCount == 5


def test_log_rotates(_isolated_data_dir: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    logs.close_logging()
    path = logs.setup_logging()
    log = logging.getLogger("thidua_desktop.test")
    for i in range(200):
        log.warning("Dòng nhật ký số %d của khối thi đua", i)
    logs.close_logging()
    assert logs.log_path() is None
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["thidua.log", "thidua.log.1", "thidua.log.2", "thidua.log.3", "thidua.log.4", "thidua.log.5"]


def test_a_new_data_folder_gets_a_new_file(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    first = logs.setup_logging()
    monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path / "khac"))
    second = logs.setup_logging()
    assert second != first and second.parent == tmp_path / "khac" / "logs"
    assert logs.log_path() == second
