"""What the window shows when no workbook is open: three ways in (a new bloc through the
wizard, an existing workbook, the demo to look around) and the recently opened files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
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
ACTION_STYLE = """
QPushButton[action="true"] { text-align: left; border: 1px solid palette(mid); border-radius: 6px;
                             background: palette(base); padding: 0px; }
QPushButton[action="true"]:hover { border-color: palette(highlight); }
QPushButton[action="true"]:focus { border: 2px solid palette(highlight); }
QPushButton[action="true"]:pressed { background: palette(midlight); }
"""


class ActionButton(QPushButton):
    """A large button on the start screen: a bold title and, beneath it, what it does."""

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("action", True)
        self.setAccessibleName(title)
        self.setAccessibleDescription(description)
        self.setAutoDefault(True)  # Enter presses the focused button, outside dialogs too
        self.title_label = QLabel(title, self)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.description_label = QLabel(description, self)
        self.description_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(4)
        for label in (self.title_label, self.description_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - the labels' size, not the (empty) button text's
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.layout().minimumSize()


class StartScreen(QWidget):
    new_bloc_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("ThiDua Desktop", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        title.setFont(font)
        title.setContentsMargins(0, 6, 0, 0)  # room for stacked marks above the ascent (platform.md §3)
        subtitle = QLabel("Sổ thi đua của khối, cụm thi đua: giao ước, chấm điểm, bình xét, khen thưởng "
                          "và bàn giao.", self)
        subtitle.setWordWrap(True)

        self.new_button = self._action(
            "new_button", "Tạo khối thi đua mới…",
            "Nhập tên khối, các đơn vị thành viên (gõ hoặc dán từ Excel), năm thi đua đầu tiên, "
            "Trưởng khối và Phó khối.", self.new_bloc_requested)
        self.open_button = self._action(
            "open_button", "Mở sổ thi đua…",
            "Chọn tệp .thidua đã có: sổ của khối đang làm, sổ do khối khác gửi hoặc sổ của năm trước.",
            self.open_requested)
        self.demo_button = self._action(
            "demo_button", "Mở sổ mẫu để xem thử",
            "Một khối thi đua mẫu có dữ liệu nhiều năm để làm quen; sửa thử thoải mái, không ảnh hưởng "
            "sổ thật.", self.demo_requested)

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
        self.empty_label = QLabel("Chưa mở tệp nào. Các sổ thi đua đã mở sẽ hiện ở đây để mở lại nhanh.", self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(title)
        column.addWidget(subtitle)
        column.addSpacing(8)
        for button in (self.new_button, self.open_button, self.demo_button):
            column.addWidget(button)
        column.addSpacing(12)
        column.addWidget(recent_title)
        column.addWidget(self.empty_label)
        column.addWidget(self.recent_list)
        column.addStretch(1)  # the column stays at the top, the list only as tall as its files

        # A centred column of reasonable width on a wide screen.
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 24)
        outer.addStretch(1)
        holder = QWidget(self)
        holder.setLayout(column)
        holder.setMaximumWidth(820)
        holder.setMinimumWidth(480)
        outer.addWidget(holder, 6)
        outer.addStretch(1)
        self.setStyleSheet(ACTION_STYLE)
        self.setFocusProxy(self.new_button)

    def _action(self, name: str, title: str, description: str, signal: Signal) -> ActionButton:
        button = ActionButton(title, description, self)
        button.setObjectName(name)
        button.clicked.connect(signal)
        return button

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
