"""Alembic migrations of the workbook format, run when an older file is opened."""
