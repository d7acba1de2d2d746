"""The program's part in the kill test: open a workbook and make edits through the real
Workspace.change until killed, reporting each edit's number once it is committed.

Runs in a child process started by tests/reliability/test_kill_while_writing.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, configure_mappers

from thidua_desktop.db.models import Person, Unit
from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.services.workspace import Workspace

OPERATOR = "Máy ghi thử"
NOTE_PADDING = "Ghi chú dài để mỗi lần ghi chạm nhiều trang của tệp. " * 40


def person_names(n: int) -> tuple[str, str]:
    return f"Người ghi {n} – thứ nhất", f"Người ghi {n} – thứ hai"


def note(n: int) -> str:
    return f"Lần ghi {n}. {NOTE_PADDING}"


def _edit(s: Session, n: int) -> None:
    """One edit that writes several rows: two people and the unit's note, all or nothing."""
    unit = s.scalars(select(Unit).order_by(Unit.id).limit(1)).one()
    first, second = person_names(n)
    s.add_all([Person(unit_id=unit.id, full_name=first, note=NOTE_PADDING),
               Person(unit_id=unit.id, full_name=second, note=NOTE_PADDING)])
    unit.note = note(n)


def edit_until_killed(path: str, report: str, first: int) -> None:
    ws = Workspace(open_workbook(Path(path), operator=OPERATOR), OPERATOR)
    fd = os.open(report, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    n = first
    while True:
        ws.change(f"Lần ghi {n}", lambda s, n=n: _edit(s, n))
        os.write(fd, f"{n}\n".encode())  # reported only once committed
        n += 1


def serve() -> None:
    """Fork one editing child per request line "path<TAB>report<TAB>first" on stdin, print its pid,
    wait for it to end (killed) and print "ended <wait status>": the modules are imported once,
    so each of the many kills costs a fork, not a Python start-up."""
    configure_mappers()  # as in a running program: the child's time goes to opening and writing
    for line in sys.stdin:
        path, report, first = line.rstrip("\n").split("\t")
        pid = os.fork()
        if pid == 0:
            try:
                edit_until_killed(path, report, int(first))
            finally:
                os._exit(1)
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"ended {status}", flush=True)


if __name__ == "__main__":
    serve()
