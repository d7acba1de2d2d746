"""Command line and GUI entry point: `thidua-desktop [TỆP]`, `python -m thidua_desktop [TỆP]`.

Start-up is staged for a fast first paint. Before the window is painted only the standard
library, PySide6 and `db.workbook_file` (stdlib sqlite3) are imported; SQLAlchemy loads after
the paint, when the workbook is opened for work. openpyxl and reportlab are never imported
here. THIDUA_EXIT_AFTER_PAINT=1 prints `first_paint <s>` and `ready <s>` (seconds since
THIDUA_T0, the parent's time.time(), or since this process started) and quits.
"""

from __future__ import annotations

import os
import sys
import time

_IMPORTED_AT = time.time()


def _process_start() -> float:
    """Wall-clock time the measured run began: THIDUA_T0 if given, else this process's start."""
    given = os.environ.get("THIDUA_T0")
    if given:
        try:
            return float(given)
        except ValueError:
            pass
    try:  # Linux: the process's age from /proc, so the interpreter's own start-up is counted
        with open("/proc/self/stat", encoding="ascii") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        age = uptime - start_ticks / os.sysconf("SC_CLK_TCK")
        if 0 <= age < 60:
            return time.time() - age
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    return _IMPORTED_AT


T0 = _process_start()


def _since_start() -> float:
    return time.time() - T0


import argparse  # noqa: E402


class _VietnameseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {message}\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” không phải là số nguyên") from None
    if value < 1:
        raise argparse.ArgumentTypeError("phải là số nguyên dương")
    return value


def build_parser() -> argparse.ArgumentParser:
    from thidua_desktop import __version__

    parser = _Parser(
        prog="thidua-desktop",
        description="ThiDua Desktop: sổ thi đua của khối, cụm thi đua (giao ước, chấm điểm, bình xét, "
                    "khen thưởng, in ấn và bàn giao).",
        epilog="Ví dụ:\n  thidua-desktop \"Khối Đảng 2025.thidua\"\n"
               "  thidua-desktop --demo demo.thidua --years 10 --units 40 --criteria 60",
        formatter_class=_VietnameseHelpFormatter,
        add_help=False,
    )
    parser._positionals.title = "Tham số"
    parser._optionals.title = "Tùy chọn"
    parser.add_argument("file", nargs="?", metavar="TỆP", help="sổ thi đua (.thidua) cần mở")
    parser.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="hiện số phiên bản rồi thoát")
    parser.add_argument("--self-check", action="store_true",
                        help="tự kiểm tra bản cài đặt (tạo và mở một sổ mẫu, không cần màn hình) rồi thoát")
    demo = parser.add_argument_group("Sổ mẫu để thử và đo tốc độ")
    demo.add_argument("--demo", metavar="ĐƯỜNG_DẪN",
                      help="tạo một sổ thi đua mẫu tại ĐƯỜNG_DẪN, in đường dẫn rồi thoát (không mở cửa sổ)")
    demo.add_argument("--years", type=_positive, metavar="N", help="số năm thi đua của sổ mẫu")
    demo.add_argument("--units", type=_positive, metavar="N", help="số đơn vị thành viên")
    demo.add_argument("--criteria", type=_positive, metavar="N", help="số tiêu chí chấm điểm mỗi năm")
    return parser


def _build_demo(args: argparse.Namespace) -> int:
    from pathlib import Path

    from thidua_desktop.services.demo import build_demo_workbook  # loads SQLAlchemy; never at GUI start

    sizes = {k: v for k in ("years", "units", "criteria") if (v := getattr(args, k)) is not None}
    try:
        path = build_demo_workbook(Path(args.demo), **sizes)  # the generator's own defaults otherwise
    except FileExistsError:
        print(f"Tệp đã có, không ghi đè: {args.demo}", file=sys.stderr)
        return 1
    print(path if path is not None else args.demo)
    return 0


def _split_qt_args(argv: list[str], parser: argparse.ArgumentParser) -> tuple[argparse.Namespace, list[str]]:
    """Our options for argparse; Qt's single-dash options (-platform, -style …) pass through to Qt."""
    args, rest = parser.parse_known_args(argv)
    unknown = [a for a in rest if a.startswith("--") or not a.startswith("-")]
    if unknown:
        parser.error("không hiểu tham số: " + " ".join(unknown))
    return args, rest


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if sys.stdout is None or sys.stderr is None:  # the windowed program on Windows has no console
        sys.stdout = sys.stdout or open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        sys.stderr = sys.stderr or open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    parser = build_parser()
    args, qt_args = _split_qt_args(argv, parser)
    if args.self_check:
        from thidua_desktop import self_check

        return self_check.run()
    if args.demo:
        return _build_demo(args)
    if (args.years, args.units, args.criteria) != (None, None, None):
        parser.error("--years, --units và --criteria chỉ dùng cùng --demo")
    return run_gui(args.file, qt_args)


def _say(line: str) -> None:
    print(line, flush=True)


def run_gui(file: str | None, qt_args: list[str] | None = None) -> int:
    from thidua_desktop import logs

    log_file = logs.setup_logging()

    from thidua_desktop.ui import crash
    from thidua_desktop.ui.app import app_settings, create_application
    from thidua_desktop.ui.main_window import MainWindow

    app = create_application([sys.argv[0], *(qt_args or [])])
    crash.install(app)
    import logging

    logging.getLogger("thidua_desktop.main").info("Khởi động ThiDua Desktop; nhật ký: %s", log_file)

    window = MainWindow(app_settings())
    outcome = {"code": 0}
    exit_after_paint = os.environ.get("THIDUA_EXIT_AFTER_PAINT") == "1"
    if exit_after_paint:
        _instrument(app, window, outcome, opening=bool(file))
    if file:
        window.open_path(file)
    window.show()
    code = app.exec()
    window.close_workbook()  # releases the lock even when the loop ended without closing the window
    return outcome["code"] or code


def _instrument(app, window, outcome: dict[str, int], *, opening: bool) -> None:  # noqa: ANN001
    """Benchmark mode: report first paint and ready times on stdout, then quit; never block on a dialog."""
    from PySide6.QtCore import QTimer

    from thidua_desktop.ui.open_errors import Choice

    def first_paint() -> None:
        _say(f"first_paint {_since_start():.3f}")
        if os.environ.get("THIDUA_STARTUP_TRACE") == "1":
            heavy = [m for m in ("sqlalchemy", "openpyxl", "reportlab", "alembic") if m in sys.modules]
            _say("modules_at_first_paint " + (",".join(heavy) or "-"))
        if not opening:
            ready()

    def ready(*_: object) -> None:
        _say(f"ready {_since_start():.3f}")
        app.quit()

    def refused(_parent: object, error, **_: object) -> Choice:  # noqa: ANN001
        outcome["code"] = 1
        print(f"error {error.problem}: {error.message}", file=sys.stderr)
        QTimer.singleShot(0, app.quit)
        return Choice.NOTHING

    window.after_paint(first_paint)
    window.workbook_opened.connect(ready)
    window.show_open_error = refused


if __name__ == "__main__":
    sys.exit(main())
