"""One dialog per reason a workbook cannot be opened: its own title, icon, message and action.

`build_dialog` only builds (tests look at it without showing it); `show_open_error` shows it
modally and returns what the user chose. A read-only location is not an error: the workbook
opens with a notice bar instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from thidua_desktop import paths
from thidua_desktop.services.workbook import Problem, WorkbookError

from . import vi

Icon = QMessageBox.Icon
Role = QMessageBox.ButtonRole


class Choice(Enum):
    NOTHING = "nothing"
    FORGET = "forget"  # remove the file from the recent list
    TAKE_OVER = "take_over"  # open anyway, taking the other holder's lock (confirmed)


@dataclass(frozen=True, slots=True)
class Spec:
    title: str
    icon: QMessageBox.Icon
    advice: str  # shown under the message from db/, which already names the file


SPECS: dict[Problem, Spec] = {
    Problem.NOT_FOUND: Spec("Không tìm thấy tệp", Icon.Warning,
                            "Nếu tệp đã được chuyển sang thư mục khác, hãy dùng “Mở sổ thi đua…” để chọn lại."),
    Problem.UNREADABLE: Spec("Không đọc được tệp", Icon.Critical,
                             "Hãy kiểm tra quyền truy cập tệp và ổ đĩa, hoặc chép tệp vào một thư mục trên máy "
                             "rồi mở lại."),
    Problem.NOT_SQLITE: Spec("Không phải sổ thi đua", Icon.Warning,
                             "Sổ thi đua là tệp có đuôi .thidua do ThiDua Desktop tạo ra. Bảng tính Excel hay văn "
                             "bản Word không mở trực tiếp được. Tệp không bị thay đổi."),
    Problem.FOREIGN: Spec("Tệp của phần mềm khác", Icon.Warning,
                          "Tệp không bị thay đổi. Hãy kiểm tra lại tệp đã chọn, hoặc xin lại tệp .thidua từ "
                          "đơn vị đã gửi."),
    Problem.DAMAGED: Spec("Tệp bị hỏng", Icon.Critical,
                          "Bản sao lưu tự động của các sổ đã mở trên máy này nằm trong thư mục:\n{backups}"),
    Problem.NEWER: Spec("Cần cập nhật chương trình", Icon.Information,
                        "Hãy xin bộ cài phiên bản mới của ThiDua Desktop (từ người quản trị máy hoặc từ đơn "
                        "vị đã gửi tệp), cài đặt để cập nhật chương trình rồi mở lại tệp."),
    Problem.LOCKED: Spec("Sổ đang được mở ở nơi khác", Icon.Warning,
                         "Hãy đợi người đó đóng sổ. Chỉ chiếm quyền mở khi chắc chắn máy kia không còn mở sổ "
                         "(ví dụ máy bị mất điện hoặc chương trình bị tắt đột ngột)."),
    Problem.OLD_READ_ONLY: Spec("Cần chép tệp vào máy", Icon.Information,
                                "Sổ ở định dạng cũ phải được nâng cấp trước khi mở, mà vị trí này không cho ghi. "
                                "Hãy chép tệp vào thư mục Tài liệu (hoặc ra màn hình) rồi mở bản chép."),
}


def _advice(error: WorkbookError) -> str:
    spec = SPECS[error.problem]
    if error.problem is Problem.DAMAGED:
        return spec.advice.format(backups=paths.backup_dir())
    return spec.advice


def build_dialog(parent: QWidget | None, error: WorkbookError, *, in_recent: bool = False) -> QMessageBox:
    """The dialog for `error`, not shown. Extra buttons are kept as attributes on the box."""
    spec = SPECS[error.problem]
    locked = error.problem is Problem.LOCKED
    standard = QMessageBox.StandardButton.Cancel if locked else QMessageBox.StandardButton.Close
    box = vi.message_box(parent, spec.icon, spec.title, error.message, informative=_advice(error),
                         detail=error.detail if error.problem in (Problem.DAMAGED, Problem.UNREADABLE) else "",
                         buttons=standard, default=standard)
    box.setObjectName(f"open_error_{error.problem.value}")
    box.problem = error.problem
    box.forget_button = box.take_over_button = box.backups_button = None
    if locked:
        box.take_over_button = box.addButton("Chiếm quyền mở…", Role.AcceptRole)
    if error.problem is Problem.NOT_FOUND and in_recent:
        box.forget_button = box.addButton("Xóa khỏi danh sách gần đây", Role.AcceptRole)
    if error.problem is Problem.DAMAGED:
        box.backups_button = box.addButton("Mở thư mục sao lưu", Role.ActionRole)
    return box


def confirm_take_over(parent: QWidget | None, error: WorkbookError) -> bool:
    who = f"{error.lock.operator} (máy {error.lock.host})" if error.lock else "người đang mở"
    return vi.ask(parent, "Chiếm quyền mở sổ?",
                  f"Chiếm quyền mở sổ “{error.path.name}” của {who}?",
                  informative="Nếu máy kia vẫn đang sửa sổ, hai người cùng ghi vào một tệp có thể làm mất "
                              "thay đổi của nhau. Chỉ tiếp tục khi chắc chắn máy kia đã đóng chương trình.",
                  icon=QMessageBox.Icon.Warning)


def show_open_error(parent: QWidget | None, error: WorkbookError, *, in_recent: bool = False) -> Choice:
    """Show the dialog for `error` modally; return what the window should do next."""
    box = build_dialog(parent, error, in_recent=in_recent)
    box.exec()
    clicked = box.clickedButton()
    if clicked is not None and clicked is box.forget_button:
        return Choice.FORGET
    if clicked is not None and clicked is box.take_over_button:
        return Choice.TAKE_OVER if confirm_take_over(parent, error) else Choice.NOTHING
    if clicked is not None and clicked is box.backups_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.backup_dir())))
    return Choice.NOTHING
