"""The dialogs of recovery: choosing a backup to restore, and the words of a file check.

Restoring always writes a new file, so the dialog only chooses; the window asks for the new
file name and does the writing (ui/backup_actions.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.services.backups import BackupInfo

from . import vi

RESTORE_TITLE = "Khôi phục từ bản sao lưu"
RESTORE_INTRO = ("Chọn bản sao lưu cần khôi phục. Dữ liệu của bản sao được ghi ra một tệp MỚI do bạn đặt tên; "
                 "sổ đang mở và các tệp khác không bị thay đổi.")
CHECK_TITLE = "Kiểm tra tệp"
MAX_PROBLEMS_SHOWN = 12


class RestoreDialog(QDialog):
    """The backups newest first, one line each; a backup that cannot be read is shown but not chosen."""

    def __init__(self, parent: QWidget | None, backups: Sequence[BackupInfo], *, folder: Path | None = None,
                 with_bloc: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(RESTORE_TITLE)
        self.resize(820, 460)
        self._backups = list(backups)
        intro = QLabel(RESTORE_INTRO, self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("backup_list")
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)
        for index, info in enumerate(self._backups):
            text = info.describe()
            if with_bloc and info.summary is not None:
                text = f"{info.summary.bloc_name} — {text}"
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(str(info.path))
            if info.summary is None:
                item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable))
        label = QLabel("&Các bản sao lưu (mới nhất ở trên):", self)
        label.setBuddy(self.list)
        self.buttons = vi.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText("&Khôi phục ra tệp mới…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentRowChanged.connect(lambda _row: self._update_button())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        if folder is not None:
            where = QLabel(f"Thư mục chứa các bản sao lưu: {folder}", self)
            where.setObjectName("backup_folder")
            where.setWordWrap(True)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            where.setStyleSheet("color: #555;")
            layout.addWidget(where)
        layout.addWidget(self.buttons)
        first = next((i for i, info in enumerate(self._backups) if info.summary is not None), -1)
        self.list.setCurrentRow(first)
        self._update_button()

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def chosen(self) -> BackupInfo | None:
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return self._backups[item.data(Qt.ItemDataRole.UserRole)]

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)


def choose_backup(parent: QWidget | None, backups: Sequence[BackupInfo], *, folder: Path | None = None,
                  with_bloc: bool = False) -> BackupInfo | None:
    dialog = RestoreDialog(parent, backups, folder=folder, with_bloc=with_bloc)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def integrity_message(file_name: str, problems: Sequence[str]) -> tuple[bool, str, str]:
    """(sound, text, informative) for the result of Workbook.integrity_report()."""
    if list(problems) == ["ok"]:
        return True, "Tệp nguyên vẹn.", (f"Đã kiểm tra toàn bộ tệp “{file_name}”: cấu trúc dữ liệu và liên kết "
                                          "giữa các bảng đều đúng, không phát hiện lỗi nào.")
    shown = "\n".join(f"• {p}" for p in problems[:MAX_PROBLEMS_SHOWN])
    more = len(problems) - MAX_PROBLEMS_SHOWN
    if more > 0:
        shown += f"\n… và {more} lỗi khác."
    return False, f"Tệp “{file_name}” có {len(problems)} lỗi.", (
        "Đừng tiếp tục nhập liệu vào tệp này. Hãy dùng Công cụ → Khôi phục từ bản sao lưu… để lấy lại dữ liệu "
        "từ bản sao lưu gần nhất còn tốt, rồi làm việc trên tệp đã khôi phục.\n\nChi tiết kỹ thuật:\n" + shown)
