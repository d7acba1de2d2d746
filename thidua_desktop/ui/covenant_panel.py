"""Giao ước thi đua: its title, text, signing date and place, the legal bases it cites, the score
table version it attaches, and who signs for each unit. "Ký kết giao ước" records the signing,
which freezes the score table and moves the year on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain.enums import ScoreTableState
from thidua_desktop.services import covenant as covenant_service
from thidua_desktop.services import score_tables
from thidua_desktop.services import years as year_service

from . import vi
from .date_field import OptionalDateField
from .hint import hint_label
from .lists import GridNavigation, install_copy
from .pages.base import PageContext, YearRef

SIGNER_COLUMNS = ("Đơn vị", "Người ký", "Chức vụ", "Đã ký")
NAME_COL, POST_COL, SIGNED_COL = 1, 2, 3


def confirm_signing(parent: QWidget, text: str) -> bool:
    return vi.ask(parent, "Ký kết giao ước thi đua", text, default_yes=False)


class CovenantPanel(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year: YearRef | None = None
        self.editable = False
        self.covenant_id: int | None = None
        self.signed = False
        self._unit_ids: list[int] = []
        self._stored: dict[str, object] | None = None  # the saved text fields, to save only real changes
        # Replaceable so tests answer without a modal box.
        self.confirm: Callable[[QWidget, str], bool] = confirm_signing

        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("covenant_title")
        self.signed_field = OptionalDateField(self)
        self.place_edit = QLineEdit(self)
        self.place_edit.setPlaceholderText("Ví dụ: Hội trường Văn phòng Tỉnh ủy")
        self.content_edit = QPlainTextEdit(self)
        self.content_edit.setObjectName("covenant_content")
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setPlaceholderText("Nội dung giao ước: các chỉ tiêu, nhiệm vụ các đơn vị cùng cam kết…")
        self.bases_label = QLabel(self)
        self.bases_label.setWordWrap(True)
        self.bases_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table_label = QLabel(self)
        self.table_label.setObjectName("covenant_table")
        self.table_label.setWordWrap(True)
        self.save_button = QPushButton("&Lưu giao ước", self)
        self.save_button.setToolTip("Lưu tên, ngày ký, địa điểm và nội dung (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

        text_box = QGroupBox("Văn bản giao ước", self)
        form = QFormLayout(text_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in (("&Tên văn bản:", self.title_edit), ("&Ngày ký:", self.signed_field),
                              ("Đị&a điểm:", self.place_edit), ("Nội &dung:", self.content_edit)):
            caption = QLabel(label, text_box)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        form.addRow("Căn cứ:", self.bases_label)
        form.addRow("", hint_label("Các dòng căn cứ sửa ở trang “Năm thi đua”.", text_box))
        form.addRow("Bảng điểm kèm theo:", self.table_label)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        form.addRow(save_row)

        self.signers = QTableWidget(0, len(SIGNER_COLUMNS), self)
        self.signers.setObjectName("covenant_signatories")
        self.signers.setHorizontalHeaderLabels(SIGNER_COLUMNS)
        self.signers.verticalHeader().setVisible(False)
        self.signers.verticalHeader().setDefaultSectionSize(self.signers.fontMetrics().height() + 10)
        self.signers.setAlternatingRowColors(True)
        self.signers.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.signers.horizontalHeader().setSectionResizeMode(0, self.signers.horizontalHeader().ResizeMode.Stretch)
        self.signers.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                     | QAbstractItemView.EditTrigger.EditKeyPressed
                                     | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.signers.itemChanged.connect(self._on_signer_changed)
        GridNavigation(self.signers)
        install_copy(self.signers)
        self.signers_hint = hint_label("", self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("covenant_status")
        self.status_label.setWordWrap(True)
        self.sign_button = QPushButton("&Ký kết giao ước", self)
        self.sign_button.setObjectName("sign_covenant")
        self.sign_button.clicked.connect(self.sign)

        signers_box = QGroupBox("Người ký của các đơn vị", self)
        signers_layout = QVBoxLayout(signers_box)
        signers_layout.addWidget(self.signers, 1)
        signers_layout.addWidget(self.signers_hint)
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.status_label, 1)
        sign_row.addWidget(self.sign_button)
        signers_layout.addLayout(sign_row)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(text_box)
        splitter.addWidget(signers_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 600])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # --- loading ------------------------------------------------------------------------------

    def reload(self, year: YearRef | None, editable: bool) -> None:
        self.year = year
        ws = self.ctx.workspace
        covenant = covenant_service.covenant_of(ws, year.id) if year else None
        self.covenant_id = covenant.id if covenant else None
        tables = score_tables.versions(ws, year.id) if year else []
        attached = next((t for t in tables if covenant and t.id == covenant.score_table_id), None)
        self.signed = bool(covenant and covenant.signatories and all(x.signed for x in covenant.signatories)
                           and attached is not None and attached.state is ScoreTableState.FROZEN)
        self.editable = editable and not self.signed
        self.title_edit.setText(covenant.title if covenant else (f"Giao ước thi đua năm {year.year}" if year else ""))
        self.place_edit.setText(covenant.place or "" if covenant else "")
        for edit in (self.title_edit, self.place_edit):
            edit.setCursorPosition(0)
        self.content_edit.setPlainText(covenant.content or "" if covenant else "")
        self.signed_field.set_value(covenant.signed_on if covenant else None,
                                    QDate(year.year, 1, 15) if year else None)
        bases = year_service.get_year(ws, year.id).legal_bases if year else []
        self.bases_label.setText("\n".join(f"– {b.text}" for b in bases) or "(chưa có dòng căn cứ nào)")
        shown = attached or (tables[-1] if tables else None)
        self.table_label.setText(f"{shown.name}, phiên bản {shown.version} ({shown.state.label.lower()})" if shown
                                 else "Năm này chưa có bảng điểm (lập ở thẻ “Bảng điểm”).")
        self._stored = self._typed() if covenant else None
        self._fill_signers(year, covenant)
        for widget in (self.title_edit, self.place_edit, self.content_edit):
            widget.setReadOnly(not self.editable)
        self.signed_field.setEnabled(self.editable)
        self.save_button.setEnabled(self.editable)
        self.sign_button.setEnabled(self.editable and covenant is not None)
        if self.signed:
            self.status_label.setText(f"Giao ước đã ký kết ngày {covenant.signed_on:%d/%m/%Y}; bảng điểm kèm theo "
                                      "đã đóng băng.")
        elif covenant is None:
            self.status_label.setText("Lưu giao ước để lập danh sách người ký.")
        else:
            done = sum(1 for x in covenant.signatories if x.signed)
            self.status_label.setText(f"Chưa ký kết ({done}/{len(covenant.signatories)} đơn vị đã đánh dấu ký).")

    def _fill_signers(self, year: YearRef | None, covenant: object) -> None:
        names = {m.unit_id: m.name for m in year_service.members(self.ctx.workspace, year.id)} if year else {}
        lines = sorted(covenant.signatories, key=lambda x: list(names).index(x.unit_id)
                       if x.unit_id in names else len(names)) if covenant else []
        self._unit_ids = [x.unit_id for x in lines]
        with QSignalBlocker(self.signers):
            self.signers.setRowCount(len(lines))
            for row, line in enumerate(lines):
                unit = QTableWidgetItem(names.get(line.unit_id, ""))
                unit.setFlags(unit.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.signers.setItem(row, 0, unit)
                for col, text in ((NAME_COL, line.signer_name), (POST_COL, line.signer_post)):
                    item = QTableWidgetItem(text or "")
                    if not self.editable:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.signers.setItem(row, col, item)
                signed = QTableWidgetItem("")
                signed.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                                | (Qt.ItemFlag.ItemIsUserCheckable if self.editable else Qt.ItemFlag.NoItemFlags))
                signed.setCheckState(Qt.CheckState.Checked if line.signed else Qt.CheckState.Unchecked)
                self.signers.setItem(row, SIGNED_COL, signed)
        header = self.signers.horizontalHeader()
        for col in range(1, len(SIGNER_COLUMNS)):
            header.setSectionResizeMode(col, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        for row in range(self.signers.rowCount()):
            self.signers.item(row, 0).setToolTip(self.signers.item(row, 0).text())
        missing = sum(1 for x in lines if not x.signer_name)
        self.signers_hint.setText(f"Còn {missing} đơn vị chưa có người ký." if missing else
                                  "Người ký lấy theo thủ trưởng đơn vị vào ngày ký; sửa trực tiếp trong bảng.")

    # --- changes ------------------------------------------------------------------------------

    def _typed(self) -> dict[str, object]:
        return {"title": self.title_edit.text(), "content": self.content_edit.toPlainText(),
                "signed_on": self.signed_field.value(), "place": self.place_edit.text()}

    def save(self) -> None:
        if self.year is None or not self.editable or self._typed() == self._stored:
            return
        self.ctx.bridge.attempt(self, covenant_service.save_covenant, self.year.id, **self._typed())

    def _on_signer_changed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if self.covenant_id is None or not self.editable or row >= len(self._unit_ids):
            return
        signed = self.signers.item(row, SIGNED_COL).checkState() == Qt.CheckState.Checked
        self.ctx.bridge.attempt(self, covenant_service.set_signatory, self.covenant_id, self._unit_ids[row],
                                signer_name=self.signers.item(row, NAME_COL).text(),
                                signer_post=self.signers.item(row, POST_COL).text(), signed=signed)

    def sign(self) -> None:
        """Save what is typed, then sign: every unit marked signed, the score table frozen."""
        if self.year is None or not self.editable:
            return
        self.save()
        text = ("Ký kết giao ước sẽ đánh dấu tất cả các đơn vị đã ký và đóng băng bảng điểm kèm theo. "
                "Sau đó muốn sửa bảng điểm phải tạo phiên bản mới. Tiếp tục?")
        if self.confirm(self, text):
            self.ctx.bridge.attempt(self, covenant_service.sign_covenant, self.year.id)
