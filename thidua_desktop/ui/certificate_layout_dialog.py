"""Bố cục và căn chỉnh: where each line of a certificate goes, in millimetres, per award and
printer — for plain paper or for pre-printed blanks (phôi). The calibration page measures the
printer's offset; a test page shows the boxes outlined with real names in them."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.documents.certificate_layout import FIELD_LABELS, FieldBox, Layout
from thidua_desktop.domain.enums import CertificateMode
from thidua_desktop.services import certificates

from . import vi
from .bridge import WorkspaceBridge
from .document_preview import DocumentPreview
from .hint import hint_label

BOX_COLUMNS = (("x", "Cách trái"), ("y", "Cách trên"), ("w", "Rộng"), ("h", "Cao"), ("size", "Cỡ chữ"))
IMAGE_FILTER = "Ảnh PNG hoặc JPEG (*.png *.jpg *.jpeg)"


def mm_spin(parent: QWidget, value: float, *, low: float = 0, high: float = 1000, suffix: str = " mm") -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setRange(low, high)
    spin.setDecimals(1)
    spin.setSingleStep(0.5)
    spin.setSuffix(suffix)
    spin.setValue(value)
    return spin


class CertificateLayoutDialog(QDialog):
    def __init__(self, bridge: WorkspaceBridge, awards: list[tuple[int, str]], printers: list[str], *,
                 award_type_id: int | None = None, printer_name: str = "",
                 mode: CertificateMode = CertificateMode.OVERLAY, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("certificate_layout")
        self.setWindowTitle("Bố cục bằng khen, giấy khen và căn chỉnh máy in")
        self.bridge = bridge
        self.layout_shown: Layout | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="thidua-mau-in-")
        self.destroyed.connect(self._folder.cleanup)
        # Replaceable so tests answer without modal windows.
        self.show_document: Callable[[DocumentPreview], None] = lambda preview: preview.show()
        self.ask_image: Callable[..., Path | None] = lambda parent, title, directory: next(iter(
            vi.get_open_paths(parent, title, directory, filters=(IMAGE_FILTER,))), None)

        self.award_combo = QComboBox(self)
        for award_id, name in awards:
            self.award_combo.addItem(name, award_id)
        if award_type_id is not None:
            self.award_combo.setCurrentIndex(max(0, self.award_combo.findData(award_type_id)))
        self.printer_combo = QComboBox(self)
        self.printer_combo.setEditable(True)
        self.printer_combo.addItem("")
        self.printer_combo.addItems(printers)
        self.printer_combo.setCurrentText(printer_name)
        self.printer_combo.lineEdit().setPlaceholderText("(mọi máy in)")
        self.mode_combo = QComboBox(self)
        for m in CertificateMode:
            self.mode_combo.addItem(m.label, m.value)
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode.value))
        for combo in (self.award_combo, self.mode_combo):
            combo.currentIndexChanged.connect(lambda _i: self.load())
        self.printer_combo.lineEdit().editingFinished.connect(self.load)
        self.printer_combo.activated.connect(lambda _i: self.load())

        self.paper_w = mm_spin(self, 297, low=100, high=1000)
        self.paper_w.setObjectName("paper_width")
        self.paper_h = mm_spin(self, 210, low=100, high=1000)
        self.paper_h.setObjectName("paper_height")
        self.paper_button = QPushButton("Đổi khổ giấy", self)
        self.paper_button.setToolTip("Khổ giấy của phôi hoặc giấy in; các ô trở về bố cục mặc định theo khổ mới")
        self.paper_button.clicked.connect(self.change_paper)
        self.offset_x = mm_spin(self, 0, low=-30, high=30)
        self.offset_y = mm_spin(self, 0, low=-30, high=30)
        self.table = QTableWidget(0, len(BOX_COLUMNS), self)
        self.table.setObjectName("field_boxes")
        self.table.setHorizontalHeaderLabels([label for _key, label in BOX_COLUMNS])
        self.table.horizontalHeader().setStretchLastSection(True)

        preview = QPushButton("&Xem thử", self)
        preview.clicked.connect(self.preview)
        calibration = QPushButton("In trang &căn chỉnh…", self)
        calibration.clicked.connect(self.calibration)
        emblem = QPushButton("Đổi &biểu tượng…", self)
        emblem.clicked.connect(self.change_emblem)
        default = QPushButton("Về &mặc định", self)
        default.clicked.connect(self.reset)
        buttons = vi.button_box(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        choose = QGridLayout()
        choose.addWidget(QLabel("Hình thức khen thưởng:", self), 0, 0)
        choose.addWidget(self.award_combo, 0, 1)
        choose.addWidget(QLabel("Máy in:", self), 1, 0)
        choose.addWidget(self.printer_combo, 1, 1)
        choose.addWidget(QLabel("Cách in:", self), 2, 0)
        choose.addWidget(self.mode_combo, 2, 1)
        choose.addWidget(QLabel("Khổ giấy:", self), 3, 0)
        paper = QHBoxLayout()
        paper.addWidget(self.paper_w)
        paper.addWidget(QLabel("×", self))
        paper.addWidget(self.paper_h)
        paper.addWidget(self.paper_button)
        paper.addStretch(1)
        choose.addLayout(paper, 3, 1)
        offsets = QGroupBox("Độ lệch của máy in (đo trên trang căn chỉnh)", self)
        offset_row = QHBoxLayout(offsets)
        offset_row.addWidget(QLabel("Sang phải:", offsets))
        offset_row.addWidget(self.offset_x)
        offset_row.addWidget(QLabel("Xuống dưới:", offsets))
        offset_row.addWidget(self.offset_y)
        offset_row.addStretch(1)
        actions = QHBoxLayout()
        for button in (preview, calibration, emblem, default):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(hint_label("Mỗi dòng là một ô chữ, đo bằng milimét từ mép trái và mép trên tờ giấy. Chữ dài tự "
                                    "xuống dòng và thu nhỏ cho vừa ô. In trên phôi thì chỉ in các ô thay đổi; đo độ "
                                    "lệch trên trang căn chỉnh rồi ghi vào đây.", self))
        layout.addWidget(self.table, 1)
        layout.addWidget(offsets)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        self.resize(820, 640)
        self.load()

    # --- what is edited ----------------------------------------------------------------------

    @property
    def award_type_id(self) -> int | None:
        return self.award_combo.currentData()

    @property
    def printer_name(self) -> str:
        return self.printer_combo.currentText().strip()

    @property
    def mode(self) -> CertificateMode:
        return CertificateMode(self.mode_combo.currentData())  # Qt keeps the enum as its plain value

    def load(self) -> None:
        """Show the profile in force for the chosen award, printer and way of printing."""
        if self.award_type_id is None:
            return
        shown = certificates.effective_layout(self.bridge.workspace, self.award_type_id, self.printer_name, self.mode)
        self.layout_shown = shown
        self.paper_w.setValue(shown.paper_w)
        self.paper_h.setValue(shown.paper_h)
        self.offset_x.setValue(shown.offset_x)
        self.offset_y.setValue(shown.offset_y)
        names = list(shown.fields)
        self.table.setRowCount(len(names))
        self.table.setVerticalHeaderLabels([FIELD_LABELS.get(n, n) for n in names])
        for row, name in enumerate(names):
            box = shown.fields[name]
            for col, (key, _label) in enumerate(BOX_COLUMNS):
                spin = mm_spin(self.table, getattr(box, key), low=0, high=1000,
                               suffix="" if key == "size" else " mm")
                self.table.setCellWidget(row, col, spin)
        self.table.resizeColumnsToContents()

    def edited(self) -> Layout:
        """The layout as the table and offsets now say (not saved)."""
        assert self.layout_shown is not None
        fields: dict[str, FieldBox] = {}
        for row, name in enumerate(self.layout_shown.fields):
            values = {key: self.table.cellWidget(row, col).value() for col, (key, _l) in enumerate(BOX_COLUMNS)}
            box = self.layout_shown.fields[name]
            fields[name] = replace(box, **values, min_size=min(box.min_size, values["size"]))
        return replace(self.layout_shown, fields=fields, offset_x=self.offset_x.value(),
                       offset_y=self.offset_y.value())

    def spin(self, field: str, key: str) -> QDoubleSpinBox:
        row = list(self.layout_shown.fields).index(field)
        return self.table.cellWidget(row, [k for k, _label in BOX_COLUMNS].index(key))

    # --- actions -----------------------------------------------------------------------------

    def _show(self, title: str, pdf: Path | None) -> DocumentPreview | None:
        if pdf is None:
            return None
        preview = DocumentPreview(title, pdf, parent=self)
        self.show_document(preview)
        return preview

    def preview(self) -> DocumentPreview | None:
        out = Path(self._folder.name) / "xem thử.pdf"
        return self._show("Xem thử bố cục", self.bridge.attempt(
            self, certificates.preview_layout, self.award_type_id, self.edited(), out))

    def calibration(self) -> DocumentPreview | None:
        out = Path(self._folder.name) / "trang căn chỉnh.pdf"
        return self._show("Trang căn chỉnh máy in", self.bridge.attempt(
            self, certificates.print_calibration, self.award_type_id, self.printer_name, out))

    def save(self) -> bool:
        done = self.bridge.attempt(self, lambda ws: certificates.save_layout(
            ws, self.award_type_id, self.printer_name, self.mode, self.edited()) or True) is True
        if done:
            self.load()
        return done

    def change_paper(self) -> bool:
        """A blank of another size (e.g. 400 × 300 mm): the boxes are laid out anew for it."""
        done = self.bridge.attempt(self, certificates.set_paper, self.award_type_id, self.printer_name, self.mode,
                                   self.paper_w.value(), self.paper_h.value()) is not None
        if done:
            self.load()
        return done

    def reset(self) -> None:
        if self.bridge.attempt(self, lambda ws: certificates.reset_layout(
                ws, self.award_type_id, self.printer_name, self.mode) or True):
            self.load()

    def change_emblem(self) -> bool:
        image = self.ask_image(self, "Chọn ảnh biểu tượng (quốc huy, biểu tượng của cơ quan)", "")
        if image is None:
            return False
        return self.bridge.attempt(self, lambda ws: certificates.set_emblem(ws, self.award_type_id, image)
                                   or True) is True
