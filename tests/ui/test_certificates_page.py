"""In bằng khen, giấy khen: a batch of the register's certificates laid out with a progress bar
(cancel leaves nothing), previewed, printed, then marked printed; the blank's layout moved in
millimetres and the calibration page printed from the layout dialog."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog
from ui_helpers import open_and_wait

from thidua_desktop.domain.enums import CertificateMode
from thidua_desktop.services import certificates
from thidua_desktop.ui.certificate_layout_dialog import CertificateLayoutDialog
from thidua_desktop.ui.document_preview import DocumentPreview
from thidua_desktop.ui.pages.certificates_page import CertificatesPage


@pytest.fixture
def page(qtbot, window, demo_workbook: Path) -> CertificatesPage:  # noqa: ANN001
    open_and_wait(qtbot, window, demo_workbook)
    shown = window.workspace_view.show_page(CertificatesPage)
    shown.messages = []
    window.bridge.report = lambda _parent, _title, text, **_kw: shown.messages.append(text)
    shown.previews = []
    shown.show_document = shown.previews.append
    return shown


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def print_to(preview: DocumentPreview, out: Path) -> None:
    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    preview.printer_factory = pdf_printer
    preview.ask_print = lambda _printer: True


def test_the_year_s_certificates_print_and_are_marked(page: CertificatesPage, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    lines = page.table.shown_records()
    assert lines and page.year_combo.currentData() == max(c.year for c in lines)
    page.table.select(lambda c: True)  # one line selected: only it prints
    chosen = page.chosen()
    assert len(chosen) == 1 and page.count_label.text() == "Sẽ in 1 bản"
    preview = page.print_selected()
    qtbot.addWidget(preview)
    text = " ".join(text_of(preview.pdf).split())
    assert chosen[0].recipient_name.split()[0] in text and "Số sổ vàng" in text
    assert certificates.commendations_to_print(page.ctx.workspace, not_printed=True)  # not marked by a preview
    print_to(preview, tmp_path / "máy in.pdf")
    assert preview.print_() is True
    printed = {c.id: c.printed_at for c in certificates.commendations_to_print(page.ctx.workspace)}
    assert printed[chosen[0].id] is not None
    page.unprinted.setChecked(True)
    assert chosen[0].id not in {c.id for c in page.table.shown_records()}


def test_cancel_while_laying_out_leaves_nothing(page: CertificatesPage) -> None:
    page.table.clearSelection()
    everything = page.chosen()
    assert len(everything) == len(page.table.shown_records())

    QTimer.singleShot(0, lambda: page.window().findChild(QProgressDialog, "progress_dialog").cancel())
    assert page.print_selected() is None
    assert page.previews == [] and list(Path(page._folder.name).iterdir()) == []


def test_blank_layout_moved_in_millimetres_and_calibration(page: CertificatesPage, qtbot) -> None:  # noqa: ANN001
    page.blank.setChecked(True)
    page.run_layout = lambda dialog: True
    dialog = page.edit_layout()
    qtbot.addWidget(dialog)
    dialog.show_document = page.previews.append
    assert dialog.mode is CertificateMode.OVERLAY
    assert "quoc_hieu" not in dialog.layout_shown.fields  # pre-printed on the blank
    dialog.printer_combo.setCurrentText("Canon LBP2900")
    dialog.load()
    dialog.spin("recipient", "y").setValue(dialog.layout_shown.fields["recipient"].y + 4)
    dialog.offset_x.setValue(1.5)
    assert dialog.save() is True
    saved = certificates.effective_layout(page.ctx.workspace, dialog.award_type_id, "Canon LBP2900",
                                          CertificateMode.OVERLAY)
    assert saved.offset_x == 1.5 and saved.fields["recipient"] == dialog.layout_shown.fields["recipient"]
    other = certificates.effective_layout(page.ctx.workspace, dialog.award_type_id, "", CertificateMode.OVERLAY)
    assert other.offset_x == 0  # the profile is this printer's

    dialog.spin("recipient", "x").setValue(999)
    assert dialog.save() is False and "ngoài khổ giấy" in page.messages[-1]

    dialog.paper_w.setValue(400)
    dialog.paper_h.setValue(300)
    assert dialog.change_paper() is True
    resized = certificates.effective_layout(page.ctx.workspace, dialog.award_type_id, "Canon LBP2900",
                                            CertificateMode.OVERLAY)
    assert (resized.paper_w, resized.paper_h, resized.offset_x) == (400, 300, 1.5)  # the offset stays
    box = dialog.layout_shown.fields["recipient"]
    assert box != saved.fields["recipient"] and box.x + box.w <= 400  # laid out anew for the paper
    assert dialog.paper_w.value() == 400

    calibration = dialog.calibration()
    qtbot.addWidget(calibration)
    page_box = PdfReader(calibration.pdf).pages[0].mediabox
    assert float(page_box.width) > float(page_box.height)  # the blank's landscape paper
    assert isinstance(dialog, CertificateLayoutDialog) and dialog.preview() is not None
