"""What a failed write to the workbook file means for the user, from SQLite's own error code.

A full disk, a USB stick switched to read-only or pulled out, or another program holding the
file are facts of the user's machine, not bugs: they are told in Vietnamese, and the rollback
journal guarantees that the failed edit left nothing behind.
"""

from __future__ import annotations

import sqlite3

SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 5, 6, 8, 10, 13, 14

_NOTHING_LOST = "Thay đổi này chưa được ghi; mọi thay đổi trước đó vẫn còn nguyên trong sổ."

_MESSAGES = {
    SQLITE_FULL: f"Không lưu được thay đổi vì ổ đĩa đã đầy. {_NOTHING_LOST} "
                 "Hãy giải phóng chỗ trống trên ổ đĩa rồi làm lại.",
    SQLITE_READONLY: "Không lưu được thay đổi vì tệp hoặc ổ đĩa đã chuyển sang chế độ chỉ đọc (ví dụ USB bị gạt "
                     f"khóa ghi). {_NOTHING_LOST} Hãy chép sổ vào một thư mục trên máy rồi mở lại.",
    SQLITE_IOERR: "Không lưu được thay đổi vì lỗi đọc ghi ổ đĩa (ổ USB bị rút ra hoặc ổ mạng bị ngắt?). "
                  f"{_NOTHING_LOST} Hãy kiểm tra ổ đĩa, mở lại sổ rồi làm lại.",
    SQLITE_BUSY: "Không lưu được thay đổi vì một chương trình khác đang ghi vào tệp sổ. "
                 f"{_NOTHING_LOST} Hãy thử lại sau giây lát.",
}
_MESSAGES[SQLITE_CANTOPEN] = _MESSAGES[SQLITE_IOERR]
_MESSAGES[SQLITE_LOCKED] = _MESSAGES[SQLITE_BUSY]


def write_failure_message(exc: BaseException | None) -> str | None:
    """The Vietnamese message for a write SQLite refused for a reason of the machine, else None."""
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    return _MESSAGES.get(code & 0xFF) if code is not None else None
