"""The Văn bản page on the demo bloc: previews take no number, issuing numbers the minutes from
the year's series (or a typed number), records them with the file's SHA-256, and a template's
wording changed on the page shows in the next document."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from ui_helpers import open_and_wait

from thidua_desktop.ui.document_dialogs import IssueDialog, TemplateDialog
from thidua_desktop.ui.document_preview import DocumentPreview
from thidua_desktop.ui.pages.documents_page import FOLDER_KEY, READY, DocumentsPage


@pytest.fixture
def page(qtbot, window, demo_workbook: Path, tmp_path: Path) -> DocumentsPage:  # noqa: ANN001
    open_and_wait(qtbot, window, demo_workbook)
    window.settings.setValue(FOLDER_KEY, str(tmp_path / "văn bản"))
    shown = window.workspace_view.show_page(DocumentsPage)
    shown.messages = []
    window.bridge.report = lambda _parent, _title, text, **_kw: shown.messages.append(text)
    shown.shown = []
    shown.show_document = shown.shown.append
    return shown


def pick(page: DocumentsPage, key: str) -> None:
    assert page.kinds.select(lambda r: r.kind.key == key), key


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_every_kind_is_listed_with_what_it_lacks(page: DocumentsPage) -> None:
    kinds = [r.kind for r in page.kinds.shown_records()]
    keys = [k.key for k in kinds]
    assert keys[0] == "giao_uoc"  # in the order of the year's work, not alphabetical
    assert {"bb_tong_ket", "bb_kiem_phieu", "phieu_bau", "to_trinh", "bang_diem", "bao_cao"} <= set(keys)
    pick(page, "bang_diem")
    status = page.kinds.model().index(page.kinds.currentIndex().row(), 3).data()
    assert status == READY and page.preview_button.isEnabled() and page.issue_button.isEnabled()
    pick(page, "bb_tong_ket")  # the demo's current year has had no year-end meeting yet
    status = page.kinds.model().index(page.kinds.currentIndex().row(), 3).data()
    assert status == "Chưa có cuộc họp tổng kết"
    assert not page.preview_button.isEnabled() and not page.issue_button.isEnabled()
    assert page.template_button.isEnabled()


def test_preview_takes_no_number_and_issue_takes_the_next(page: DocumentsPage, qtbot) -> None:  # noqa: ANN001
    pick(page, "bb_so_ket")
    kind = page.current_kind()
    assert kind.missing is None, kind.missing
    preview = page.preview()
    qtbot.addWidget(preview)
    assert isinstance(preview, DocumentPreview) and preview.document.pageCount() >= 1
    assert "BIÊN BẢN" in text_of(preview.pdf)
    assert page.issued.source.rowCount() == 0

    dialogs: list[IssueDialog] = []
    page.run_dialog = lambda dialog: dialogs.append(dialog) or True
    issued = page.issue()
    qtbot.addWidget(issued)
    placeholder = dialogs[0].number_edit.placeholderText()
    assert placeholder.startswith("tự động: ") and "/BB-" in placeholder
    number = placeholder.removeprefix("tự động: ")
    assert issued.pdf.parent == Path(page.folder()) / str(page.year.year)
    assert f"Số: {number}" in text_of(issued.pdf)
    assert issued.docx is not None and issued.docx.is_file()
    rows = page.issued.source.records
    assert [r.number_text for r in rows] == [number]
    assert rows[0].sha256 == hashlib.sha256(issued.pdf.read_bytes()).hexdigest()

    # A number typed by hand (the văn thư gave 9), then a clash with it is refused with a message.
    def typed(dialog: IssueDialog) -> bool:
        dialog.number_edit.setText("9")
        return True

    page.run_dialog = typed
    qtbot.addWidget(page.issue())
    assert any(r.number_text.startswith("09/") for r in page.issued.source.records)
    assert page.issue() is None and "đã cấp" in page.messages[-1]

    # Reopening an issued file from the register checks its fingerprint.
    record = next(r for r in page.issued.source.records if r.number_text == number)
    said = len(page.messages)
    opened = page.open_issued(record)
    qtbot.addWidget(opened)
    assert opened.pdf == issued.pdf and len(page.messages) == said
    issued.pdf.write_bytes(issued.pdf.read_bytes() + b"\n% edited after issue")
    qtbot.addWidget(page.open_issued(record))
    assert "khác với tệp đã ban hành" in page.messages[-1]


def test_the_folder_is_chosen_and_remembered(page: DocumentsPage, tmp_path: Path) -> None:
    page.ask_folder = lambda *_a: tmp_path / "khác"
    page.choose_folder()
    assert page.folder() == tmp_path / "khác" and str(tmp_path / "khác") in page.folder_label.text()


def test_typed_number_must_be_a_number(page: DocumentsPage, qtbot) -> None:  # noqa: ANN001
    pick(page, "bb_tong_ket")
    dialog = IssueDialog("Biên bản", "05/BB-X", page)
    qtbot.addWidget(dialog)
    dialog.number_edit.setText("05/BB")
    dialog.accept()
    assert dialog.error_label.isVisibleTo(dialog) and "số nguyên" in dialog.error_label.text()


def test_the_wording_is_data_the_secretary_changes(page: DocumentsPage, qtbot) -> None:  # noqa: ANN001
    pick(page, "bb_so_ket")

    def change(dialog: TemplateDialog) -> bool:
        first = next(iter(dialog.text_edits.values()))
        first.setPlainText("Hội nghị nghe báo cáo và thông qua bảng điểm năm {year} (đã sửa):")
        dialog.recipients_edit.setPlainText("Thường trực Hội đồng TĐKT tỉnh;\nLưu: VT.")
        return True

    page.run_dialog = change
    assert page.edit_template() is True
    preview = page.preview()
    qtbot.addWidget(preview)
    text = text_of(preview.pdf)
    assert f"thông qua bảng điểm năm {page.year.year} (đã sửa)" in " ".join(text.split())
    assert "Thường trực Hội đồng TĐKT tỉnh" in text

    def bad(dialog: TemplateDialog) -> bool:
        next(iter(dialog.text_edits.values())).setPlainText("Năm {nam_sai}")
        return True

    page.run_dialog = bad
    assert page.edit_template() is False and "{nam_sai}" in page.messages[-1]

    page.run_dialog = lambda dialog: dialog.reset_button.click() or dialog.reset_requested
    assert page.edit_template() is True
    qtbot.addWidget(preview2 := page.preview())
    assert "(đã sửa)" not in text_of(preview2.pdf)
