"""Vietnamese texts for Qt's own buttons, dialogs and menus.

Qt ships no Vietnamese translation (platform.md §pitfall 6), so without this the standard
buttons say "OK"/"Cancel" and a line edit's context menu is English. Two layers:

- helpers that build QMessageBox / QDialogButtonBox / QFileDialog with Vietnamese texts set
  explicitly (what our own code uses, so it never depends on the translator);
- `QtStringsTranslator`, installed once on the application, which answers Qt's internal
  `tr()` calls (context menus, file dialog internals, "Show Details…") from a small table.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QWidget

WORKBOOK_FILTER = "Sổ thi đua (*.thidua)"
ALL_FILES_FILTER = "Mọi tệp (*)"
EXCEL_FILTER = "Bảng tính Excel (*.xlsx)"
PDF_FILTER = "Tệp PDF (*.pdf)"
WORD_FILTER = "Văn bản Word (*.docx)"

# Standard buttons by their shared value (QMessageBox and QDialogButtonBox use the same numbers).
BUTTON_TEXT: dict[int, str] = {
    QDialogButtonBox.StandardButton.Ok.value: "Đồng ý",
    QDialogButtonBox.StandardButton.Save.value: "Lưu",
    QDialogButtonBox.StandardButton.SaveAll.value: "Lưu tất cả",
    QDialogButtonBox.StandardButton.Open.value: "Mở",
    QDialogButtonBox.StandardButton.Yes.value: "Có",
    QDialogButtonBox.StandardButton.YesToAll.value: "Có, cho tất cả",
    QDialogButtonBox.StandardButton.No.value: "Không",
    QDialogButtonBox.StandardButton.NoToAll.value: "Không, cho tất cả",
    QDialogButtonBox.StandardButton.Abort.value: "Dừng",
    QDialogButtonBox.StandardButton.Retry.value: "Thử lại",
    QDialogButtonBox.StandardButton.Ignore.value: "Bỏ qua",
    QDialogButtonBox.StandardButton.Close.value: "Đóng",
    QDialogButtonBox.StandardButton.Cancel.value: "Hủy",
    QDialogButtonBox.StandardButton.Discard.value: "Không lưu",
    QDialogButtonBox.StandardButton.Help.value: "Trợ giúp",
    QDialogButtonBox.StandardButton.Apply.value: "Áp dụng",
    QDialogButtonBox.StandardButton.Reset.value: "Đặt lại",
    QDialogButtonBox.StandardButton.RestoreDefaults.value: "Khôi phục mặc định",
}

# Qt's internal strings by (context, source text); checked against Qt 6.12 by recording its tr() calls.
_EDIT_MENU = {"&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "&Cắt", "&Copy": "&Sao chép",
              "&Paste": "&Dán", "Delete": "Xóa", "Select All": "Chọn tất cả"}
QT_STRINGS: dict[tuple[str, str], str] = {
    **{("QPlatformTheme", k): v for k, v in {
        "OK": "Đồng ý", "Save": "Lưu", "Save All": "Lưu tất cả", "Open": "Mở", "&Yes": "&Có",
        "Yes to &All": "Có, cho &tất cả", "&No": "&Không", "N&o to All": "Không, cho tất &cả", "Abort": "Dừng",
        "Retry": "Thử lại", "Ignore": "Bỏ qua", "Close": "Đóng", "Cancel": "Hủy", "Discard": "Không lưu",
        "Help": "Trợ giúp", "Apply": "Áp dụng", "Reset": "Đặt lại", "Restore Defaults": "Khôi phục mặc định",
    }.items()},
    **{("QLineEdit", k): v for k, v in _EDIT_MENU.items()},
    **{("QWidgetTextControl", k): v for k, v in _EDIT_MENU.items()},
    ("QMessageBox", "Show Details..."): "Xem chi tiết…",
    ("QMessageBox", "Hide Details..."): "Ẩn chi tiết…",
    ("QAbstractSpinBox", "&Step up"): "&Tăng",
    ("QAbstractSpinBox", "Step &down"): "&Giảm",
    **{("QFileDialog", k): v for k, v in {
        "&Look in:": "&Tìm trong:", "File &name:": "&Tên tệp:", "Files of &type:": "&Loại tệp:",
        "&Open": "&Mở", "&Save": "&Lưu", "Open": "Mở", "Save As": "Lưu thành", "&Choose": "&Chọn",
        "All Files (*)": ALL_FILES_FILTER, "Back": "Quay lại", "Forward": "Tiến tới",
        "Parent Directory": "Thư mục cha", "Go back": "Quay lại", "Go forward": "Tiến tới",
        "Go to the parent directory": "Lên thư mục cha", "Create New Folder": "Tạo thư mục mới",
        "Create a New Folder": "Tạo thư mục mới", "New Folder": "Thư mục mới", "&New Folder": "Thư mục &mới",
        "List View": "Dạng danh sách", "Detail View": "Dạng chi tiết",
        "Change to list view mode": "Xem dạng danh sách", "Change to detail view mode": "Xem dạng chi tiết",
        "&Rename": "Đổi &tên", "&Delete": "&Xóa", "Show &hidden files": "Hiện tệp &ẩn",
        "List of places and bookmarks": "Các vị trí và dấu trang", "Sidebar": "Thanh bên", "Files": "Tệp",
        "Recent Places": "Vị trí gần đây", "My Computer": "Máy tính", "Directory:": "Thư mục:",
        "%1 already exists.\nDo you want to replace it?": "Tệp %1 đã có.\nBạn có muốn ghi đè lên tệp đó không?",
        "%1\nFile not found.\nPlease verify the correct file name was given.":
            "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
            "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục.",
        "Are you sure you want to delete '%1'?": "Bạn có chắc muốn xóa “%1” không?",
        "'%1' is write protected.\nDo you want to delete it anyway?":
            "“%1” đang được bảo vệ chống ghi.\nBạn vẫn muốn xóa?",
        "Could not delete directory.": "Không xóa được thư mục.",
    }.items()},
    ("QFileSystemModel", "Name"): "Tên",
    ("QFileSystemModel", "Size"): "Kích thước",
    ("QFileSystemModel", "Type"): "Loại",
    ("QFileSystemModel", "Kind"): "Loại",
    ("QFileSystemModel", "Date Modified"): "Ngày sửa",
    ("QFileSystemModel", "Computer"): "Máy tính",
    ("QFileSystemModel", "My Computer"): "Máy tính",
    ("QAbstractFileIconProvider", "Folder"): "Thư mục",
    ("QAbstractFileIconProvider", "Drive"): "Ổ đĩa",
}


class QtStringsTranslator(QTranslator):
    """Answers Qt's own tr() calls in Vietnamese; None (untranslated) for everything else."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,  # noqa: D102
                  n: int = -1) -> str | None:
        return QT_STRINGS.get((context, source_text))

    def isEmpty(self) -> bool:  # noqa: N802, D102
        return False


def install_translator(app: QObject) -> QtStringsTranslator:
    translator = QtStringsTranslator(app)
    app.installTranslator(translator)
    return translator


# --- buttons and message boxes ------------------------------------------------------------------

# Vietnamese sentences are long; Qt's default width wraps them into a narrow column.
MESSAGE_BOX_STYLE = "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 460px; }"

def set_button_texts(box: QMessageBox | QDialogButtonBox) -> None:
    """Give every standard button of `box` its Vietnamese text."""
    for button in box.buttons():
        text = BUTTON_TEXT.get(box.standardButton(button).value)
        if text:
            button.setText(text)


def button_box(buttons: QDialogButtonBox.StandardButton, parent: QWidget | None = None) -> QDialogButtonBox:
    box = QDialogButtonBox(buttons, parent)
    set_button_texts(box)
    return box


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, *,
                informative: str = "", detail: str = "",
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
                default: QMessageBox.StandardButton | None = None) -> QMessageBox:
    """A message box with Vietnamese button texts, built but not shown."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setStyleSheet(MESSAGE_BOX_STYLE)
    if informative:
        box.setInformativeText(informative)
    if detail:
        box.setDetailedText(detail)
    if default is not None:
        box.setDefaultButton(default)
    set_button_texts(box)
    return box


def ask(parent: QWidget | None, title: str, text: str, *, informative: str = "", default_yes: bool = False,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> bool:
    """A Có/Không question; True for Có."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box = message_box(parent, icon, title, text, informative=informative, buttons=yes | no,
                      default=yes if default_yes else no)
    box.exec()
    return box.clickedButton() is box.button(yes)


def inform(parent: QWidget | None, title: str, text: str, *, informative: str = "",
           icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> None:
    message_box(parent, icon, title, text, informative=informative, buttons=QMessageBox.StandardButton.Close).exec()


# --- file dialogs -----------------------------------------------------------------------------

def use_native_file_dialog() -> bool:
    """Windows and macOS dialogs are translated by the system; elsewhere Qt's own dialog is used."""
    return sys.platform in ("win32", "darwin")


def file_dialog(parent: QWidget | None, *, save: bool, title: str, directory: str | Path = "",
                filters: Iterable[str] = (WORKBOOK_FILTER, ALL_FILES_FILTER), suffix: str = "thidua",
                mode: QFileDialog.FileMode | None = None) -> QFileDialog:
    """A QFileDialog with Vietnamese labels, built but not shown (workbooks unless told)."""
    dialog = QFileDialog(parent, title, str(directory))
    dialog.setNameFilters(list(filters))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(mode or (QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile))
    if save:
        dialog.setDefaultSuffix(suffix)
    if not use_native_file_dialog():
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = {
        QFileDialog.DialogLabel.LookIn: "Tìm trong:",
        QFileDialog.DialogLabel.FileName: "Tên thư mục:" if mode is QFileDialog.FileMode.Directory else "Tên tệp:",
        QFileDialog.DialogLabel.FileType: "Loại tệp:",
        QFileDialog.DialogLabel.Accept: "Lưu" if save else "Chọn" if mode is QFileDialog.FileMode.Directory else "Mở",
        QFileDialog.DialogLabel.Reject: "Hủy",
    }
    for label, text in labels.items():
        dialog.setLabelText(label, text)
    return dialog


def documents_folder() -> Path:
    """Where file choosers start when nothing better is known: the user's Documents (else home)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


def _chosen(dialog: QFileDialog) -> list[Path]:
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return []
    return [Path(x) for x in dialog.selectedFiles()]


def get_open_path(parent: QWidget | None, title: str = "Mở sổ thi đua", directory: str | Path = "") -> Path | None:
    return next(iter(_chosen(file_dialog(parent, save=False, title=title, directory=directory))), None)


def get_save_path(parent: QWidget | None, title: str, suggested: str | Path, *,
                  filters: Iterable[str] = (WORKBOOK_FILTER, ALL_FILES_FILTER), suffix: str = "thidua") -> Path | None:
    dialog = file_dialog(parent, save=True, title=title, directory=suggested, filters=filters, suffix=suffix)
    return next(iter(_chosen(dialog)), None)


def get_open_paths(parent: QWidget | None, title: str, directory: str | Path = "", *,
                   filters: Iterable[str] = (EXCEL_FILTER, ALL_FILES_FILTER)) -> list[Path]:
    """Several existing files at once (e.g. the Excel sheets units sent back)."""
    return _chosen(file_dialog(parent, save=False, title=title, directory=directory, filters=filters,
                               mode=QFileDialog.FileMode.ExistingFiles))


def get_folder(parent: QWidget | None, title: str, directory: str | Path = "") -> Path | None:
    dialog = file_dialog(parent, save=False, title=title, directory=directory, filters=(),
                         mode=QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return next(iter(_chosen(dialog)), None)
