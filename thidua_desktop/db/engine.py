"""The SQLAlchemy engine over a workbook file, on connections made by `connection.connect`."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from .connection import connect


def make_engine(path: Path, *, read_only: bool) -> Engine:
    """pysqlite's own transaction handling is off (isolation_level=None) and BEGIN is emitted
    here, so SQLAlchemy's transactions and savepoints are real SQLite ones; BEGIN IMMEDIATE
    takes the write lock up front instead of failing half-way through an edit.
    NullPool: nothing stays open behind a finished Session.
    """
    engine = create_engine("sqlite://", creator=lambda: connect(path, read_only=read_only), poolclass=NullPool)

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001 - SQLAlchemy event signature
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine
