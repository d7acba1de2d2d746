"""The configured application (names, locale, Liberation Sans, settings file) and the
Vietnamese texts of Qt's buttons, menus and file dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QMessageBox

from thidua_desktop.ui import vi
from thidua_desktop.ui.app import app_settings
from thidua_desktop.ui.lists import vietnamese_collator

Std = QMessageBox.StandardButton


def test_application_is_vietnamese_with_liberation_sans(qapp: QApplication) -> None:
    assert QCoreApplication.organizationName() == "ThiDua"
    assert QCoreApplication.applicationName() == "ThiDua Desktop"
    assert QLocale().language() == QLocale.Language.Vietnamese
    assert QLocale().toString(1234567.5, "f", 1) == "1.234.567,5"
    assert qapp.font().family() == "Liberation Sans"
    assert qapp.font().pointSizeF() >= 10
    label = QLabel("ỖẴẪỄ")
    assert label.fontInfo().family() == "Liberation Sans"  # the bundled TTF really loaded


def test_settings_live_in_the_data_folder(_isolated_data_dir: Path) -> None:
    settings = app_settings()
    settings.setValue("operator", "Nguyễn Thị Hồng")
    settings.sync()
    assert Path(settings.fileName()) == _isolated_data_dir / "settings.ini"
    assert app_settings().value("operator") == "Nguyễn Thị Hồng"


def test_vietnamese_collation_is_explicit() -> None:
    collator = vietnamese_collator()
    names = ["Đồng Văn", "Bắc Hà", "Bát Xát", "Si Ma Cai", "Điện Biên", "Dương Minh Châu", "Ân Thi", "An Lão", "Ý Yên"]
    assert sorted(names, key=collator.sortKey) == ["An Lão", "Ân Thi", "Bát Xát", "Bắc Hà", "Dương Minh Châu",
                                                   "Điện Biên", "Đồng Văn", "Si Ma Cai", "Ý Yên"]


def test_message_box_and_button_box_speak_vietnamese() -> None:
    box = vi.message_box(None, QMessageBox.Icon.Question, "Xóa đơn vị?", "Xóa “Văn phòng Tỉnh ủy”?",
                         buttons=Std.Yes | Std.No | Std.Cancel | Std.Ok | Std.Close | Std.Open | Std.Save)
    assert sorted(b.text() for b in box.buttons()) == ["Có", "Hủy", "Không", "Lưu", "Mở", "Đóng", "Đồng ý"]
    bb = vi.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert [b.text() for b in bb.buttons()] == ["Đồng ý", "Hủy"]


def test_qt_internal_strings_are_translated() -> None:
    plain = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in plain.buttons()) == ["Hủy", "Đồng ý"]  # without our helper
    edit = QLineEdit()
    menu = edit.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    assert texts == ["&Hoàn tác", "&Làm lại", "&Cắt", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"]
    assert QCoreApplication.translate("QMessageBox", "Show Details...") == "Xem chi tiết…"
    assert QCoreApplication.translate("QFileDialog", "A string we never translate") == "A string we never translate"


def test_file_dialog_has_vietnamese_labels_and_the_workbook_filter(tmp_path: Path) -> None:
    dialog = vi.file_dialog(None, save=False, title="Mở sổ thi đua", directory=tmp_path)
    assert dialog.nameFilters() == ["Sổ thi đua (*.thidua)", "Mọi tệp (*)"]
    assert dialog.labelText(QFileDialog.DialogLabel.Accept) == "Mở"
    assert dialog.labelText(QFileDialog.DialogLabel.Reject) == "Hủy"
    assert dialog.labelText(QFileDialog.DialogLabel.FileName) == "Tên tệp:"
    assert dialog.labelText(QFileDialog.DialogLabel.FileType) == "Loại tệp:"
    assert dialog.labelText(QFileDialog.DialogLabel.LookIn) == "Tìm trong:"
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog on Linux
    save = vi.file_dialog(None, save=True, title="Lưu bản sao", directory=tmp_path / "x.thidua")
    assert save.labelText(QFileDialog.DialogLabel.Accept) == "Lưu"
    assert save.defaultSuffix() == "thidua"
    assert save.acceptMode() == QFileDialog.AcceptMode.AcceptSave
