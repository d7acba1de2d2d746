"""The Nhật ký thay đổi page on real workbooks: edits appear with the operator's name, filters,
undo rows, lazy reloading, pages loaded on scrolling, and the details of one entry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from ui_helpers import open_and_wait

from thidua_desktop.services import units as unit_svc
from thidua_desktop.services.audit_log import PAGE_SIZE
from thidua_desktop.ui.audit_table import HEADERS, Column
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.pages.audit_page import ALL_OPERATORS, ALL_UNITS, ALL_YEARS, AuditPage
from thidua_desktop.ui.pages.units_page import UnitsPage


def shown(qtbot, window: MainWindow, path: Path) -> AuditPage:  # noqa: ANN001
    open_and_wait(qtbot, window, path)
    return window.workspace_view.show_page(AuditPage)


def cells(page: AuditPage, column: Column) -> list[str]:
    model = page.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_an_edit_appears_at_the_top_with_the_operators_name(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    page = shown(qtbot, window, bloc_workbook)
    assert cells(page, Column.SUMMARY)[-1].startswith("Tạo sổ thi đua")  # written by the bloc setup
    before = page.model.rowCount()
    uid = unit_svc.add_unit(window.workspace, "Sở Tư pháp", short_name="STP")
    unit_svc.update_unit(window.workspace, uid, short_name="S.TP")
    assert page.model.rowCount() == before + 2  # refreshed at once: the page is shown
    top = page.model.line(0)
    assert (top.operator, top.summary, top.subject, top.field, top.old, top.new) == (
        "Kiểm thử", "Sửa thông tin đơn vị STP", "Đơn vị: Sở Tư pháp", "Tên viết tắt", "STP", "S.TP")
    assert cells(page, Column.ACTION)[:2] == ["Sửa", "Thêm"]
    assert page.count_label.text() == f"{before + 2} dòng · mới nhất ở trên"
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == list(HEADERS.values())
    assert page.operator_combo.findText("Kiểm thử") > 0


def test_undo_and_redo_show_their_own_rows(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    page = shown(qtbot, window, bloc_workbook)
    unit_svc.add_unit(window.workspace, "Sở Tư pháp", short_name="STP")
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cells(page, Column.SUMMARY)[0] == "Hoàn tác: Thêm đơn vị Sở Tư pháp"
    assert cells(page, Column.ACTION)[0] == "Xóa"
    assert page.model.index(0, Column.SUMMARY).data(Qt.ItemDataRole.FontRole).italic()
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert cells(page, Column.SUMMARY)[:3] == ["Làm lại: Thêm đơn vị Sở Tư pháp", "Hoàn tác: Thêm đơn vị Sở Tư pháp",
                                              "Thêm đơn vị Sở Tư pháp"]


def test_filters_by_year_unit_operator_and_search(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    page = shown(qtbot, window, bloc_workbook)
    ws = window.workspace
    stp = unit_svc.add_unit(ws, "Sở Tư pháp", short_name="STP")
    ws.operator = "Lê Thị Hoa"
    unit_svc.update_unit(ws, stp, note="Vào khối giữa năm")
    bdv = unit_svc.add_unit(ws, "Ban Dân vận Tỉnh ủy", short_name="BDV")
    assert page.year_combo.itemText(0) == ALL_YEARS and page.year_combo.findText("Năm 2025") == 1
    assert page.unit_combo.itemText(0) == ALL_UNITS and page.operator_combo.itemText(0) == ALL_OPERATORS

    page.operator_combo.setCurrentIndex(page.operator_combo.findText("Lê Thị Hoa"))
    assert cells(page, Column.SUMMARY) == ["Thêm đơn vị Ban Dân vận Tỉnh ủy", "Sửa thông tin đơn vị STP"]
    assert page.count_label.text() == "2 dòng khớp bộ lọc · mới nhất ở trên"

    page.unit_combo.setCurrentIndex(page.unit_combo.findData(stp))
    assert cells(page, Column.SUMMARY) == ["Sửa thông tin đơn vị STP"]
    page.operator_combo.setCurrentIndex(0)
    assert cells(page, Column.SUMMARY) == ["Sửa thông tin đơn vị STP", "Thêm đơn vị Sở Tư pháp"]

    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    in_2025 = cells(page, Column.SUMMARY)
    assert in_2025 and all(line.year == 2025 for line in page.visible_lines())
    assert "Thêm đơn vị Sở Tư pháp" not in in_2025  # a unit belongs to no year

    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.search_edit, "dan van")  # accent-blind, after a short pause in typing
    qtbot.waitUntil(lambda: cells(page, Column.SUMMARY) == ["Thêm đơn vị Ban Dân vận Tỉnh ủy"], timeout=3000)
    qtbot.keyClicks(page.search_edit, " zzz")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert page.model.rowCount() == 0 and page.count_label.text() == "Không có dòng nào khớp bộ lọc."
    assert page.unit_combo.findData(bdv) > 0


def test_the_log_reloads_only_when_shown(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    page = shown(qtbot, window, bloc_workbook)
    before = page.model.rowCount()
    window.workspace_view.show_page(UnitsPage)
    unit_svc.add_unit(window.workspace, "Sở Tư pháp")
    assert page.model.rowCount() == before  # not read while hidden
    window.workspace_view.show_page(AuditPage)
    assert page.model.rowCount() == before + 1
    assert page.model.line(0).summary == "Thêm đơn vị Sở Tư pháp"


def test_long_logs_load_a_page_at_a_time(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    conn = sqlite3.connect(bloc_workbook)
    rows = [(f"{i:032x}", f"{i:032x}", "2025-03-01 08:00:00", "Thư ký cũ", "unit", 1, "update", "note",
             f'"Ghi chú {i}"', f'"Ghi chú {i + 1}"', f"Sửa ghi chú lần {i}") for i in range(PAGE_SIZE + 60)]
    conn.executemany("INSERT INTO audit_entry (uid, batch, at, operator, entity, entity_id, action, field, "
                     "old_value, new_value, summary) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.commit()
    conn.close()
    page = shown(qtbot, window, bloc_workbook)
    total = PAGE_SIZE + 60 + 1  # and the bloc's creation
    assert page.model.rowCount() == PAGE_SIZE
    assert page.count_label.text() == f"{total} dòng · mới nhất ở trên"
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == total, timeout=3000)
    assert page.model.line(PAGE_SIZE).summary == f"Sửa ghi chú lần {59}"
    assert not page.model.canFetchMore()


def test_the_selected_entry_is_shown_in_full(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    page = shown(qtbot, window, bloc_workbook)
    unit_svc.add_unit(window.workspace, "Sở Tư pháp", short_name="STP", address="Số 5 Trần Phú")
    assert page.details.toPlainText() == ""
    page.table.setFocus()  # the first row becomes current
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert "Tạo sổ thi đua" in page.details.toPlainText()
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    text = page.details.toPlainText()
    for expected in ("Người thao tác", "Kiểm thử", "Thêm đơn vị Sở Tư pháp", "Bản ghi được thêm", "Địa chỉ",
                     "Số 5 Trần Phú", "Tên viết tắt"):
        assert expected in text
    assert "search_key" not in text and "uid" not in text
    # The selection survives a reload caused by another change.
    unit_svc.add_unit(window.workspace, "Sở Y tế")
    assert page.model.line(page.table.currentIndex().row()).summary == "Thêm đơn vị Sở Tư pháp"
    assert "Số 5 Trần Phú" in page.details.toPlainText()


def test_ctrl_f_goes_to_the_search_box(qtbot, window: MainWindow, bloc_workbook: Path) -> None:
    page = shown(qtbot, window, bloc_workbook)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_edit.hasFocus()
