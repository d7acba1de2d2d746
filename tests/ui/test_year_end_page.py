"""The "Kết thúc năm & bàn giao" page and Tệp → Nhận sổ bàn giao… on real files: three
consecutive handovers between three "PCs" (three folders) through the UI, each receiver typing
the fingerprint from the printed minutes; the last file holds the whole history."""

from __future__ import annotations

import os
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select
from ui_helpers import open_and_wait, sha256
from year_end_fixtures import finish_year_end

from thidua_desktop.db.models import AuditEntry, Person
from thidua_desktop.domain.enums import MemberRole, YearState
from thidua_desktop.services import units, years
from thidua_desktop.services.handover import handovers
from thidua_desktop.ui.fingerprint_dialog import fingerprint_dialog
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.new_year_dialog import NewYearDialog
from thidua_desktop.ui.pages.year_end_page import DONE, MISSING, YearEndPage



def shot(qtbot, window: MainWindow, name: str) -> None:  # noqa: ANN001
    """A screenshot to look at, when THIDUA_SHOTS names a folder."""
    if os.environ.get("THIDUA_SHOTS"):
        qtbot.wait(50)  # the layout settles as it does before the user sees it
        assert window.grab().save(str(Path(os.environ["THIDUA_SHOTS"]) / name))


@pytest.fixture
def said(window: MainWindow) -> list[str]:
    """Messages and questions the window would have shown, answered without a modal loop."""
    texts: list[str] = []
    window.report_problem = lambda _parent, _title, text, **kw: texts.append(text + kw.get("informative", ""))
    window.ask_question = lambda _parent, _title, text, **_kw: texts.append(text) or True
    return texts


def year_end_page(qtbot, window: MainWindow, path: Path, said: list[str], year: int) -> YearEndPage:  # noqa: ANN001
    if window.workbook is None or window.workbook.path != path:
        open_and_wait(qtbot, window, path)
    window.bridge.report = lambda _parent, _title, text, **_kw: said.append(text)
    page = window.workspace_view.show_page(YearEndPage)
    window.workspace_view.select_year(year)
    return page


def checklist(page: YearEndPage) -> list[tuple[str, str]]:
    return [(mark.text(), label.text()) for mark, label, _detail in page.check_rows]


def elect(page: YearEndPage, leader: str) -> None:
    def answer(dialog: NewYearDialog):  # noqa: ANN202
        assert not dialog.year_box.isEnabled() and dialog.year_box.value() == page.year.year + 1
        dialog.choose(dialog.leader_combo, leader)
        return dialog.choice()

    page.ask_new_year = answer
    page.open_next_button.click()


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFC", out)


def test_three_handovers_between_three_pcs_through_the_ui(qtbot, window: MainWindow,  # noqa: ANN001
                                                          demo_workbook: Path, tmp_path: Path,
                                                          said: list[str]) -> None:
    pcs = [tmp_path / f"máy {n}" for n in (1, 2, 3)]
    usb = tmp_path / "USB"
    for folder in (*pcs, usb):
        folder.mkdir()
    current = pcs[0] / demo_workbook.name
    demo_workbook.rename(current)
    window.removable_media = lambda path: path.is_relative_to(usb)
    added: list[str] = []
    printed: list[str] = []

    for step, year in enumerate((2026, 2027, 2028)):
        page = year_end_page(qtbot, window, current, said, year)
        ws = window.workspace
        person = units.add_person(ws, years.members(ws, page.year.id)[0].unit_id, f"Trần Thị Năm {year}")
        with ws.read() as s:
            added.append(s.get(Person, person).uid)
        assert checklist(page)[3][0] == MISSING and not page.close_button.isEnabled()
        shot(qtbot, window, f"ket-thuc-nam-con-thieu-{year}.png")
        finish_year_end(ws, page.year.id)  # scores locked, vote closed, minutes issued
        assert [m for m, _ in checklist(page)] == [DONE, DONE, DONE, MISSING]
        leader = next(m.name for m in years.members(ws, page.year.id) if m.role is MemberRole.THANH_VIEN)
        elect(page, leader)
        assert window.workspace_view.year.year == year
        assert [m for m, _ in checklist(page)] == [DONE] * 4 and page.close_button.isEnabled()
        assert not page.hand_over_button.isEnabled()
        page.close_button.click()
        assert page.year.state is YearState.CLOSED and page.hand_over_button.isEnabled()
        assert leader in page.plan_label.text()

        window.ask_save_path = lambda _parent, _title, suggested, **_kw: usb / Path(suggested).name
        page.hand_over_button.click()
        handed = usb / f"{window.workbook.inspection.summary.bloc_name} - bàn giao {year}.thidua"
        assert handed.exists() and window.workspace.read_only
        notice = window.workspace_view.notice
        assert notice.isVisible() and notice.label.text().startswith(f"Sổ này đã được bàn giao cho {leader}")
        assert not notice.button.isVisible()
        assert window.state_label.text() == "Chỉ đọc" and not window.undo_action.isEnabled()
        shown = page.fingerprint_label.text().split("\n")
        assert "".join(shown).replace(" ", "").lower() == sha256(handed)
        assert all(len(g) == 4 for line in shown for g in line.split(" ")) and len(shown) == 2
        assert f"Mã kiểm tra:\n{page.fingerprint_label.text()}" in said[-1]
        shot(qtbot, window, f"ket-thuc-nam-da-ban-giao-{year}.png")

        window.ask_save_path = lambda _parent, _title, suggested, **_kw: pcs[step] / Path(suggested).name
        page.print_button.click()
        text = pdf_text(pcs[step] / f"Biên bản bàn giao sổ năm {year}.pdf")
        assert shown[0] in text and shown[1] in text
        printed.append("".join(shown))

        # The next leader unit's PC receives it from the stick, typing the code from the printed minutes.
        window.ask_open_path = lambda *_args: handed
        window.ask_fingerprint = lambda _parent, _source: printed[-1].lower()
        window.received_folder = pcs[(step + 1) % 3]
        with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
            window.receive_action.trigger()
        current = window.workbook.path
        assert current.parent == pcs[(step + 1) % 3] and not window.workspace.read_only
        qtbot.waitUntil(lambda: handovers(window.workspace)[-1].received_at is not None)
        assert "mã kiểm tra khớp biên bản" in window.statusBar().currentMessage()

    ws = window.workspace
    with ws.read() as s:
        assert set(s.scalars(select(Person.uid).where(Person.uid.in_(added)))) == set(added)
        assert {"Kiểm thử"} <= set(s.scalars(select(AuditEntry.operator)))
    chain = [h for h in handovers(ws) if h.to_year >= 2027]
    assert [h.to_year for h in chain] == [2027, 2028, 2029]
    assert [h.sha256 for h in chain] == [p.replace(" ", "").lower() for p in printed]
    assert [y.year for y in years.list_years(ws)] == list(range(2023, 2030))
    assert window.workbook.path.parent == pcs[0]


def test_reopening_needs_a_reason(qtbot, window: MainWindow, demo_workbook: Path,  # noqa: ANN001
                                  said: list[str]) -> None:
    page = year_end_page(qtbot, window, demo_workbook, said, 2025)
    assert page.year.read_only and page.reopen_button.isEnabled() and not page.close_button.isEnabled()
    asked: list[str] = []
    page.ask_reason = lambda _parent, _title, text: asked.append(text) or None
    page.reopen_button.click()
    assert asked and window.workspace_view.year.read_only  # cancelled: still closed
    page.ask_reason = lambda *_args: "Bổ sung quyết định khen thưởng"
    page.reopen_button.click()
    assert not window.workspace_view.year.read_only
    assert window.undo_action.text() == "&Hoàn tác: Mở lại năm 2025 đã khóa sổ. Lý do: Bổ sung quyết định khen thưởng"


def test_another_blocs_file_is_refused_unless_confirmed(qtbot, window: MainWindow, demo_workbook: Path,  # noqa: ANN001
                                                        bloc_workbook: Path, said: list[str]) -> None:
    open_and_wait(qtbot, window, bloc_workbook)
    window.ask_open_path = lambda *_args: demo_workbook
    window.ask_fingerprint = lambda *_args: ""
    window.removable_media = lambda _path: False
    window.ask_question = lambda _parent, _title, text, **_kw: said.append(text) or False
    window.receive_action.trigger()
    assert "không phải sổ của khối anh/chị đang làm việc (Khối thi đua các cơ quan Đảng tỉnh)" in said[0]
    assert window.workbook.path == bloc_workbook
    window.ask_question = lambda *_args, **_kw: True
    with qtbot.waitSignal(window.workbook_opened, timeout=10_000):
        window.receive_action.trigger()
    assert window.workbook.path == demo_workbook


def test_a_wrong_fingerprint_is_reported_and_nothing_opens(qtbot, window: MainWindow,  # noqa: ANN001
                                                           demo_workbook: Path, said: list[str]) -> None:
    window.ask_open_path = lambda *_args: demo_workbook
    window.ask_fingerprint = lambda *_args: "ab12 " * 16
    window.removable_media = lambda _path: False
    window.receive_action.trigger()
    assert "không khớp với biên bản bàn giao" in said[0] and window.workbook is None


def test_fingerprint_dialog_counts_what_was_typed(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    dialog, field, progress = fingerprint_dialog(None, tmp_path / "sổ.thidua")
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Kiểm tra và mở" and ok.isEnabled()  # empty: checked without the minutes
    field.setText("2d07 c660-f636")
    assert progress.text() == "Đã nhập 12/64 ký tự." and not ok.isEnabled()
    field.setText("ab12 " * 16)
    assert progress.text() == "Đã nhập 64/64 ký tự — đủ." and ok.isEnabled()
    field.setText("ab12 " * 17)
    assert progress.text() == "Đã nhập 68/64 ký tự — thừa ký tự." and not ok.isEnabled()
