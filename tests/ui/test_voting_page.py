"""The Bình xét page on the demo bloc: attendance, a round opened from the ranking, votes typed
into the grid, an impossible tally refused, results with explanations, a second round, then
proposals and the province's decision; a closed year shows its past vote read-only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import open_and_wait

from thidua_desktop.domain.enums import ProposalStatus
from thidua_desktop.services import proposals, voting
from thidua_desktop.ui.pages.voting_page import VotingPage
from thidua_desktop.ui.proposals_panel import DecisionDialog
from thidua_desktop.ui.tally_panel import VOTES_COLUMN
from thidua_desktop.ui.voting_dialogs import CandidatesDialog, RepresentativeDialog


@pytest.fixture
def page(qtbot, window, demo_workbook: Path) -> VotingPage:  # noqa: ANN001
    open_and_wait(qtbot, window, demo_workbook)
    shown = window.workspace_view.show_page(VotingPage)
    shown.messages = []
    window.bridge.report = lambda _parent, _title, text, **_kw: shown.messages.append(text)
    return shown


def type_votes(qtbot, page: VotingPage, votes: list[int]) -> None:  # noqa: ANN001
    grid = page.tally.grid
    for row, value in enumerate(votes):
        grid.setFocus()
        grid.setCurrentCell(row, VOTES_COLUMN)
        qtbot.keyClick(grid, Qt.Key.Key_F2)
        editor = grid.focusWidget()
        editor.selectAll()
        qtbot.keyClicks(editor, str(value))
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def set_ballots(page: VotingPage, issued: int, returned: int, valid: int, invalid: int) -> None:
    for key, value in zip(("ballots_issued", "ballots_returned", "ballots_valid", "ballots_invalid"),
                          (issued, returned, valid, invalid)):
        page.tally.spins[key].setValue(value)


def test_a_whole_bình_xét_from_attendance_to_the_decision(qtbot, page: VotingPage, tmp_path: Path) -> None:  # noqa: ANN001
    ws = page.ctx.workspace
    attendance = page.attendance
    assert attendance.create_button.isVisible()
    qtbot.mouseClick(attendance.create_button, Qt.MouseButton.LeftButton)
    assert not attendance.create_button.isVisible()
    assert attendance.count_label.text() == "9/9 đơn vị có mặt"
    attendance.table.setFocus()
    attendance.table.select(lambda _a: True)
    qtbot.keyClick(attendance.table, Qt.Key.Key_Space)
    assert attendance.count_label.text() == "8/9 đơn vị có mặt"

    page.tabs.setCurrentWidget(page.tally)
    tally = page.tally
    tally.award_combo.setCurrentIndex(tally.award_combo.findText("Cờ thi đua của Ủy ban nhân dân tỉnh"))
    assert tally.places_spin.value() == 2  # the year's quota
    qtbot.mouseClick(tally.open_button, Qt.MouseButton.LeftButton)
    assert tally.grid.rowCount() == 3 and tally.spins["ballots_issued"].value() == 8
    type_votes(qtbot, page, [9, 7, 2])
    qtbot.mouseClick(tally.count_button, Qt.MouseButton.LeftButton)
    assert page.messages and "nhiều hơn số phiếu hợp lệ (8)" in page.messages[-1]
    assert tally.grid.item(0, 4).text() == ""  # nothing counted
    type_votes(qtbot, page, [8, 7, 1])
    qtbot.mouseClick(tally.count_button, Qt.MouseButton.LeftButton)
    assert page.messages[1:] == []
    assert [tally.grid.item(r, 4).text() for r in range(3)] == ["Đạt", "Đạt", "Không đạt"]
    assert tally.grid.item(0, 5).text().startswith("Đạt: 8/9 phiếu")
    assert not tally.count_button.isEnabled() and not tally.next_button.isEnabled()

    tally.award_combo.setCurrentIndex(tally.award_combo.findText("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"))
    qtbot.mouseClick(tally.open_button, Qt.MouseButton.LeftButton)
    type_votes(qtbot, page, [4, 4])
    qtbot.mouseClick(tally.count_button, Qt.MouseButton.LeftButton)
    assert "bỏ phiếu vòng 2" in tally.notes_label.text()
    qtbot.mouseClick(tally.next_button, Qt.MouseButton.LeftButton)
    assert tally.round_combo.currentText().endswith("vòng 2") and tally.grid.rowCount() == 2
    type_votes(qtbot, page, [6, 2])
    qtbot.mouseClick(tally.count_button, Qt.MouseButton.LeftButton)
    assert tally.grid.item(0, 4).text() == "Đạt"
    if os.environ.get("THIDUA_SHOTS"):
        page.window().grab().save(str(Path(os.environ["THIDUA_SHOTS"]) / "binh-xet.png"))

    page.tabs.setCurrentWidget(page.proposals)
    panel = page.proposals
    qtbot.mouseClick(panel.propose_button, Qt.MouseButton.LeftButton)
    assert panel.table.source.rowCount() == 3
    panel.table.select(lambda p: p.award_name.startswith("Cờ"))
    qtbot.mouseClick(panel.status_buttons[ProposalStatus.SENT], Qt.MouseButton.LeftButton)
    assert panel.table.current_record().status is ProposalStatus.SENT

    def fill(dialog: DecisionDialog) -> bool:
        dialog.number_edit.insert("215/QĐ-UBND")
        dialog.signer_edit.insert("Lê Văn Lương")
        dialog.first_spin.setValue(31)
        dialog.accept()
        return dialog.result() == DecisionDialog.DialogCode.Accepted

    panel.run_dialog = fill
    decision = panel.record_decision()
    assert decision is not None and page.messages[1:] == []
    flags = [r for r in proposals.list_proposals(ws, page.year.id) if r.award_name.startswith("Cờ")]
    assert [(r.status, r.golden_book_no) for r in flags] == [(ProposalStatus.DECIDED, 31),
                                                               (ProposalStatus.DECIDED, 32)]
    assert panel.table.current_record().decision_number == "215/QĐ-UBND"
    if os.environ.get("THIDUA_SHOTS"):
        page.window().grab().save(str(Path(os.environ["THIDUA_SHOTS"]) / "de-nghi.png"))


def test_a_closed_year_shows_its_vote_read_only(qtbot, page: VotingPage, window) -> None:  # noqa: ANN001
    combo = window.workspace_view.year_combo
    combo.setCurrentIndex(combo.count() - 2)
    page.tabs.setCurrentWidget(page.tally)
    tally = page.tally
    assert tally.round_combo.count() >= 2 and not tally.open_button.isEnabled()
    assert not tally.count_button.isEnabled()
    assert tally.grid.item(0, 5).text()  # the stored explanation
    assert not tally.grid.item(0, VOTES_COLUMN).flags() & Qt.ItemFlag.ItemIsEditable
    assert voting.find_year_end_meeting(page.ctx.workspace, page.year.id) is not None
    page.tabs.setCurrentWidget(page.proposals)
    assert page.proposals.table.source.rowCount() > 0 and not page.proposals.propose_button.isEnabled()
    # The province's answer may still come in (statuses, decisions); the bloc's own list stays as closed.
    assert page.proposals.answers and not page.proposals.editable


def test_candidates_and_representatives_are_edited(qtbot, page: VotingPage) -> None:  # noqa: ANN001
    attendance = page.attendance
    qtbot.mouseClick(attendance.create_button, Qt.MouseButton.LeftButton)
    attendance.table.select(lambda _a: True)
    unit = attendance.table.current_record().unit_id

    def representative(dialog: RepresentativeDialog) -> bool:
        dialog.name_edit.setText("Lò Thị Mai")
        dialog.post_edit.setText("Phó Chánh Văn phòng")
        return True

    attendance.run_dialog = representative
    assert attendance.edit_representative() is True
    row = next(a for a in voting.attendance(page.ctx.workspace, attendance.meeting_id) if a.unit_id == unit)
    assert (row.representative_name, row.representative_post, row.present) == ("Lò Thị Mai", "Phó Chánh Văn phòng",
                                                                                 True)

    page.tabs.setCurrentWidget(page.tally)
    tally = page.tally
    tally.award_combo.setCurrentIndex(tally.award_combo.findText("Cờ thi đua của Ủy ban nhân dân tỉnh"))
    qtbot.mouseClick(tally.open_button, Qt.MouseButton.LeftButton)
    before = [tally.grid.item(r, 0).text() for r in range(tally.grid.rowCount())]
    seen: list[CandidatesDialog] = []

    def swap_last(dialog: CandidatesDialog) -> bool:
        seen.append(dialog)
        items = [dialog.list.item(i) for i in range(dialog.list.count())]
        ticked = [i for i in items if i.checkState() == Qt.CheckState.Checked]
        ticked[-1].setCheckState(Qt.CheckState.Unchecked)
        next(i for i in items if i.checkState() == Qt.CheckState.Unchecked and i is not ticked[-1]) \
            .setCheckState(Qt.CheckState.Checked)
        return True

    tally.run_dialog = swap_last
    assert tally.edit_candidates() is True
    after = [tally.grid.item(r, 0).text() for r in range(tally.grid.rowCount())]
    assert len(after) == len(before) and after[:-1] == before[:-1] and after[-1] != before[-1]
    assert seen[0].list.count() == 9  # every member of the ranking is offered
