"""The preview window: a real PDF shown with QtPdf, printed through a PDF printer, the paper a
driver would use checked after the print dialog, and saved copies."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from reportlab.lib.pagesizes import A3, landscape
from reportlab.pdfgen.canvas import Canvas

from thidua_desktop.ui.document_preview import DocumentPreview


@pytest.fixture
def a3_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "bằng khen.pdf"
    canvas = Canvas(str(path), pagesize=landscape(A3))
    for page in range(2):
        canvas.drawString(100, 400, f"Trang {page + 1}")
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def preview(qtbot, a3_pdf: Path, tmp_path: Path) -> DocumentPreview:  # noqa: ANN001
    dialog = DocumentPreview("Bằng khen", a3_pdf, suggested_name="Bằng khen 2026")
    qtbot.addWidget(dialog)
    out = tmp_path / "printed.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    dialog.printer_factory = pdf_printer
    dialog.out = out
    dialog.messages = []
    dialog.report = lambda _p, _t, text, **_k: dialog.messages.append(text)
    return dialog


def test_it_shows_the_pages_and_the_paper(preview: DocumentPreview) -> None:
    assert preview.document.pageCount() == 2
    assert preview.info.text() == "2 trang · giấy A3 ngang"
    assert not preview.save_docx_button.isVisibleTo(preview)


def test_printing_keeps_the_paper_asked_for(preview: DocumentPreview) -> None:
    asked: list[str] = []
    preview.ask_print = lambda printer: True
    preview.ask_paper = lambda wanted, actual: asked.append(actual) or QMessageBox.StandardButton.Cancel
    signalled: list[bool] = []
    preview.printed.connect(lambda: signalled.append(True))
    assert preview.print_() is True
    assert asked == [] and signalled == [True]
    pages = PdfReader(preview.out).pages
    assert len(pages) == 2
    box = pages[0].mediabox
    assert abs(float(box.width) - landscape(A3)[0]) < 3 and abs(float(box.height) - landscape(A3)[1]) < 3


def test_a_driver_that_switched_to_a4_is_caught_after_the_dialog(preview: DocumentPreview) -> None:
    calls: list[tuple[str, str]] = []

    def driver_picks_a4(printer: QPrinter) -> bool:
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        return True

    preview.ask_print = driver_picks_a4
    preview.ask_paper = lambda wanted, actual: calls.append((wanted, actual)) or QMessageBox.StandardButton.Cancel
    preview.printed.connect(lambda: calls.append(("printed", "")))
    assert preview.print_() is False
    assert calls == [("A3 ngang", "A4 ngang")]
    assert not preview.out.exists()

    # "Chọn lại khổ giấy": the second time the secretary sets A3 and it prints.
    sizes = iter([QPageSize.PageSizeId.A4, QPageSize.PageSizeId.A3])
    preview.ask_print = lambda printer: printer.setPageSize(QPageSize(next(sizes))) or True
    preview.ask_paper = lambda wanted, actual: QMessageBox.StandardButton.Retry
    assert preview.print_() is True
    assert len(PdfReader(preview.out).pages) == 2 and calls[-1] == ("printed", "")


def test_save_as_pdf_and_word(qtbot, a3_pdf: Path, tmp_path: Path) -> None:  # noqa: ANN001
    docx = tmp_path / "biên bản.docx"
    docx.write_bytes(b"PK\x03\x04 a docx stands in here")
    dialog = DocumentPreview("Biên bản", a3_pdf, docx=docx)
    qtbot.addWidget(dialog)
    dialog.ask_save = lambda _parent, _title, suggested, **_kw: tmp_path / "out" / Path(suggested).name
    messages: list[str] = []
    dialog.report = lambda _p, _t, text, **_k: messages.append(text)
    assert dialog.save_pdf() is None  # the folder does not exist yet: a message, no traceback
    assert "Không lưu được" in messages[-1]
    (tmp_path / "out").mkdir()
    saved = dialog.save_pdf()
    assert saved.read_bytes() == a3_pdf.read_bytes()
    assert dialog.save_docx().read_bytes() == docx.read_bytes()
