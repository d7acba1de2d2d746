"""What the window shows when no workbook is open: open a workbook, or pick a recent one.
(The first-run wizard that creates a new bloc comes later.)"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .recent_files import RecentFile

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class StartScreen(QWidget):
    open_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("ThiDua Desktop", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel("Sổ thi đua của khối, cụm thi đua: giao ước, chấm điểm, bình xét, khen thưởng "
                          "và bàn giao.", self)
        subtitle.setWordWrap(True)

        self.open_button = QPushButton("Mở sổ thi đua…", self)
        self.open_button.setObjectName("open_button")
        self.open_button.setMinimumHeight(36)
        self.open_button.clicked.connect(self.open_requested)

        recent_title = QLabel("Tệp gần đây", self)
        recent_font = recent_title.font()
        recent_font.setBold(True)
        recent_title.setFont(recent_font)
        self.recent_list = QListWidget(self)
        self.recent_list.setObjectName("recent_list")
        self.recent_list.setFrameShape(QFrame.Shape.StyledPanel)
        self.recent_list.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.recent_list.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.recent_list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.recent_list.itemActivated.connect(self._chosen)
        self.recent_list.itemClicked.connect(self._chosen)
        self.empty_label = QLabel("Chưa mở tệp nào. Bấm “Mở sổ thi đua…” để chọn tệp .thidua "
                                  "do khối gửi hoặc tệp của năm trước.", self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)

        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(title)
        column.addWidget(subtitle)
        column.addSpacing(8)
        column.addLayout(buttons)
        column.addSpacing(12)
        column.addWidget(recent_title)
        column.addWidget(self.empty_label)
        column.addWidget(self.recent_list)
        column.addStretch(1)  # the column stays at the top, the list only as tall as its files

        # A centred column of reasonable width on a wide screen.
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 48, 32, 32)
        outer.addStretch(1)
        holder = QWidget(self)
        holder.setLayout(column)
        holder.setMaximumWidth(820)
        holder.setMinimumWidth(480)
        outer.addWidget(holder, 6)
        outer.addStretch(1)

    def set_recent(self, entries: Sequence[RecentFile]) -> None:
        self.recent_list.clear()
        for entry in entries:
            first = entry.path.name + (f" — {entry.label}" if entry.label else "")
            second = str(entry.path.parent) if entry.exists else f"Không tìm thấy: {entry.path.parent}"
            item = QListWidgetItem(f"{first}\n{second}")
            item.setData(PATH_ROLE, entry.path)
            item.setToolTip(str(entry.path))
            if not entry.exists:
                item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            self.recent_list.addItem(item)
        self.recent_list.setVisible(bool(entries))
        self.empty_label.setVisible(not entries)

    def recent_paths(self) -> list[Path]:
        return [self.recent_list.item(i).data(PATH_ROLE) for i in range(self.recent_list.count())]

    def _chosen(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(Path(item.data(PATH_ROLE)))
