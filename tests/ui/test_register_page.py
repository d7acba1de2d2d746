"""The Sổ khen thưởng page on the demo bloc: accent-blind search, filters and term statistics,
an award typed in by hand, an export read back, an import that lists every error, and the
standards per unit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from ui_helpers import open_and_wait

from thidua_desktop.documents.register_excel import read_register
from thidua_desktop.domain.text import search_key
from thidua_desktop.ui.pages.register_page import RegisterPage
from thidua_desktop.ui.register_dialogs import CommendationDialog, RegisterImportDialog


@pytest.fixture
def page(qtbot, window, demo_workbook: Path) -> RegisterPage:  # noqa: ANN001
    open_and_wait(qtbot, window, demo_workbook)
    shown = window.workspace_view.show_page(RegisterPage)
    shown.messages = []
    window.bridge.report = lambda _parent, _title, text, **_kw: shown.messages.append(text)
    return shown


def test_search_filters_and_statistics(qtbot, page: RegisterPage) -> None:  # noqa: ANN001
    total = page.table.source.rowCount()
    assert total > 100 and page.count_label.text() == f"{total} khen thưởng"
    name = next(r.unit_name for r in page.table.source.records if r.collective)
    qtbot.keyClicks(page.filter_edit, search_key(name))  # typed without diacritics
    shown = page.table.shown_records()
    assert shown and len(shown) < total and page.count_label.text().startswith("Hiện ")
    page.filter_edit.clear()
    page.from_spin.set_year(2024)
    page.to_spin.set_year(2025)
    page.award_combo.setCurrentIndex(page.award_combo.findText("Cờ thi đua của Ủy ban nhân dân tỉnh"))
    rows = page.table.source.records
    assert rows and all(2024 <= r.year <= 2025 and r.award_name.startswith("Cờ thi đua") for r in rows)
    assert page.stats_label.text().startswith("Từ năm 2024 đến năm 2025: ")
    assert f"{len(rows)} Cờ thi đua của Ủy ban nhân dân tỉnh" in page.stats_label.text()
    if os.environ.get("THIDUA_SHOTS"):
        page.window().grab().save(str(Path(os.environ["THIDUA_SHOTS"]) / "so-khen-thuong.png"))


def test_an_award_by_hand_then_export_and_a_bad_import(qtbot, page: RegisterPage, tmp_path: Path) -> None:  # noqa: ANN001
    def fill(dialog: QDialog) -> bool:
        if isinstance(dialog, CommendationDialog):
            dialog.year_spin.set_year(2020)
            dialog.award_combo.setCurrentIndex(dialog.award_combo.findText("Bằng khen của Thủ tướng Chính phủ"))
            dialog.number_edit.insert("777/QĐ-TTg")
            dialog.issuer_edit.insert("Thủ tướng Chính phủ")
            dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    page.run_dialog = fill
    assert page.add_commendation() is not None and page.messages == []
    page.filter_edit.setText("777/qd-ttg")
    [row] = page.table.shown_records()
    assert row.year == 2020 and row.collective
    page.table.select(lambda r: r is row)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.table.shown_records() == []
    page.filter_edit.clear()

    page.from_spin.set_year(2025)
    page.to_spin.set_year(2025)
    page.ask_save = lambda *_a, **_kw: tmp_path / "so.xlsx"
    path = page.export_excel()
    assert len(read_register(path).lines) == page.table.source.rowCount()

    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.active.cell(5, 2, "năm ngoái")
    wb.active.cell(6, 3, "Huy chương không có")
    wb.save(path)
    seen: list[RegisterImportDialog] = []

    def look(dialog: QDialog) -> bool:
        seen.append(dialog)
        return True  # even a confirmed dialog imports nothing while there are errors

    page.run_dialog = look
    page.ask_open = lambda *_a, **_kw: [path]
    before = page.table.source.rowCount()
    assert page.import_excel() == 0
    assert "Có 2 lỗi" in seen[0].summary.text() and not seen[0].apply_button.isEnabled()
    assert page.table.source.rowCount() == before


def test_standards_per_unit(page: RegisterPage) -> None:
    page.tabs.setCurrentIndex(1)
    page.as_of_spin.setValue(2025)
    lines = page.standards_table.source.records
    assert len(lines) == 6 * 9
    assert {line.status.split(":")[0] for line in lines} <= {"Đủ điều kiện", "Còn thiếu"}
    assert any(line.met for line in lines)
    if os.environ.get("THIDUA_SHOTS"):
        page.window().grab().save(str(Path(os.environ["THIDUA_SHOTS"]) / "tieu-chuan.png"))
