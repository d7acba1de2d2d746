"""What makes a SQLite file a ThiDua workbook, and which version of the format it is."""

from __future__ import annotations

APPLICATION_ID = 0x54484455  # "THDU" in the SQLite header (PRAGMA application_id)
FORMAT_VERSION = 2  # PRAGMA user_version; each Alembic revision below raises it by one
FILE_SUFFIX = ".thidua"

# Alembic revision that brings a file to each format version.
REVISION_OF_FORMAT = {1: "0001", 2: "0002"}

META_FORMAT = "format_version"
META_BLOC_UUID = "bloc_uuid"
META_APP_VERSION = "app_version"
META_CREATED_AT = "created_at"
META_CREATED_WITH = "created_with"
