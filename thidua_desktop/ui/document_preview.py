"""See a document before it is printed, print it, or save it as PDF (or as .docx when an
editable copy exists).

Printing renders each page of our PDF into the printer at up to 300 dpi. The paper the
driver will really use is checked AFTER the print dialog: a Bằng khen laid out for A3
landscape that the driver silently switched to A4 would come out shrunk or cut, a known
Windows failure, so the secretary is told and can choose again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from . import vi
from .progress import Progress, with_progress

MM_PER_POINT = 25.4 / 72
MAX_PRINT_DPI = 300


def paper_name(size: QPageSize, landscape: bool) -> str:
    """ "A3 ngang", "A4 dọc" — how the secretary names paper."""
    name = size.name() if size.id() != QPageSize.PageSizeId.Custom else \
        "{:.0f} × {:.0f} mm".format(*_mm(size.size(QPageSize.Unit.Millimeter)))
    return f"{name} {'ngang' if landscape else 'dọc'}"


def _mm(size: QSizeF) -> tuple[float, float]:
    return size.width(), size.height()


class PaperCheck:
    """The paper a PDF was laid out for, and whether a printer's settings keep it."""

    def __init__(self, document: QPdfDocument) -> None:
        points = document.pagePointSize(0)
        width, height = points.width() * MM_PER_POINT, points.height() * MM_PER_POINT
        self.landscape = width > height
        portrait = QSizeF(min(width, height), max(width, height))
        known = QPageSize.id(portrait, QPageSize.Unit.Millimeter, QPageSize.SizeMatchPolicy.FuzzyMatch)
        self.size = QPageSize(known) if known != QPageSize.PageSizeId.Custom \
            else QPageSize(portrait, QPageSize.Unit.Millimeter, "")

    @property
    def wanted(self) -> str:
        return paper_name(self.size, self.landscape)

    def apply_to(self, printer: QPrinter) -> None:
        printer.setPageSize(self.size)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if self.landscape
                                   else QPageLayout.Orientation.Portrait)

    def problem(self, printer: QPrinter) -> str | None:
        """None when the printer will print on the paper asked for, else what it will use."""
        layout = printer.pageLayout()
        landscape = layout.orientation() == QPageLayout.Orientation.Landscape
        have, want = (_mm(x.size(QPageSize.Unit.Millimeter)) for x in (layout.pageSize(), self.size))
        same_size = all(abs(a - b) < 2 for a, b in zip(have, want, strict=True))
        if same_size and landscape == self.landscape:
            return None
        return paper_name(layout.pageSize(), landscape)


def print_document(document: QPdfDocument, printer: QPrinter, progress: Progress | None = None) -> bool:
    """Draw every page into the printer, each fitted to the printable page; False if cancelled."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for page in range(document.pageCount()):
            if progress is not None and not progress(page, document.pageCount(), f"Trang {page + 1}"):
                printer.abort()
                return False
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)))
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            # The PDF's page is the whole sheet: draw it over the full paper, not the printable area.
            origin = printer.pageLayout().paintRectPixels(printer.resolution()).topLeft()
            rect = QRectF(target).translated(-QPointF(origin))
            painter.drawImage(rect, image)
    finally:
        painter.end()
    return True


class DocumentPreview(QDialog):
    """A PDF on screen with Print, Save as PDF and (if given) Save as Word."""

    printed = Signal()  # every page went to the printer (e.g. certificates are then marked printed)

    def __init__(self, title: str, pdf: Path, *, docx: Path | None = None, suggested_name: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document_preview")
        self.setWindowTitle(f"Xem trước — {title}")
        self.pdf, self.docx = Path(pdf), docx
        self.suggested_name = suggested_name or self.pdf.stem
        self.document = QPdfDocument(self)
        self.document.load(str(self.pdf))
        self.paper = PaperCheck(self.document)
        # Replaceable so tests drive printing and saving without modal dialogs.
        self.ask_print: Callable[[QPrinter], bool] = self._print_dialog
        self.ask_save: Callable[..., Path | None] = vi.get_save_path
        self.ask_paper: Callable[[str, str], QMessageBox.StandardButton] = self._paper_question
        self.report: Callable[..., object] = vi.inform
        self.printer_factory: Callable[[], QPrinter] = lambda: QPrinter(QPrinter.PrinterMode.HighResolution)

        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.info = QLabel(f"{self.document.pageCount()} trang · giấy {self.paper.wanted}", self)
        self.info.setObjectName("preview_info")
        zoom_out, zoom_in, fit = QPushButton("Thu nhỏ", self), QPushButton("Phóng to", self), \
            QPushButton("Vừa khung", self)
        zoom_out.clicked.connect(lambda: self._zoom(1 / 1.25))
        zoom_in.clicked.connect(lambda: self._zoom(1.25))
        fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.print_button = QPushButton("&In…", self)
        self.print_button.clicked.connect(self.print_)
        self.save_pdf_button = QPushButton("Lưu &PDF…", self)
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.save_docx_button = QPushButton("Lưu bản &Word để sửa…", self)
        self.save_docx_button.clicked.connect(self.save_docx)
        self.save_docx_button.setVisible(docx is not None)
        close = QPushButton("Đóng", self)
        close.clicked.connect(self.reject)

        bar = QHBoxLayout()
        for widget in (zoom_out, zoom_in, fit):
            bar.addWidget(widget)
        bar.addWidget(self.info, 1)
        for widget in (self.save_docx_button, self.save_pdf_button, self.print_button, close):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.resize(1000, 760)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    # --- printing ----------------------------------------------------------------------------

    def _print_dialog(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In văn bản")
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _paper_question(self, wanted: str, actual: str) -> QMessageBox.StandardButton:
        box = vi.message_box(self, QMessageBox.Icon.Warning, "Khổ giấy chưa đúng",
                             f"Văn bản cần giấy {wanted}, nhưng máy in đang đặt giấy {actual}.",
                             informative="In như vậy trang sẽ bị thu nhỏ hoặc mất chữ. Hãy chọn lại khổ giấy (trong "
                                         "Thuộc tính/Preferences của máy in), hoặc vẫn in nếu máy in đã đặt đúng.",
                             buttons=QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Ignore
                             | QMessageBox.StandardButton.Cancel, default=QMessageBox.StandardButton.Retry)
        box.button(QMessageBox.StandardButton.Retry).setText("Chọn lại khổ giấy")
        box.button(QMessageBox.StandardButton.Ignore).setText("Vẫn in")
        return QMessageBox.StandardButton(box.exec())

    def print_(self) -> bool:
        """Ask for the printer, check its paper, print; True when the pages were sent."""
        printer = self.printer_factory()
        printer.setDocName(self.suggested_name)
        self.paper.apply_to(printer)
        while True:
            if not self.ask_print(printer):
                return False
            actual = self.paper.problem(printer)
            if actual is None:
                break
            answer = self.ask_paper(self.paper.wanted, actual)
            if answer == QMessageBox.StandardButton.Ignore:
                break
            if answer != QMessageBox.StandardButton.Retry:
                return False
        printed, _cancelled = with_progress(self, "Đang in…", lambda progress: print_document(
            self.document, printer, progress if self.document.pageCount() > 3 else None))
        if printed:
            self.printed.emit()
        return printed

    # --- saving ------------------------------------------------------------------------------

    def _save(self, source: Path, title: str, filters: tuple[str, ...], suffix: str) -> Path | None:
        target = self.ask_save(self, title, vi.documents_folder() / f"{self.suggested_name}.{suffix}", filters=filters, suffix=suffix)
        if target is None:
            return None
        try:
            shutil.copyfile(source, target)
        except OSError as error:
            self.report(self, "Không lưu được", f"Không lưu được {target.name}: {error.strerror or error}. "
                        "Tệp có đang mở trong chương trình khác không?", icon=QMessageBox.Icon.Warning)
            return None
        return target

    def save_pdf(self) -> Path | None:
        return self._save(self.pdf, "Lưu văn bản thành tệp PDF", (vi.PDF_FILTER,), "pdf")

    def save_docx(self) -> Path | None:
        if self.docx is None:
            return None
        return self._save(self.docx, "Lưu bản Word để sửa", (vi.WORD_FILTER,), "docx")


def show_preview(parent: QWidget | None, title: str, pdf: Path, **kwargs: object) -> None:
    """Open the preview as a window of its own (non-modal: the secretary may compare two)."""
    dialog = DocumentPreview(title, pdf, parent=parent, **kwargs)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
