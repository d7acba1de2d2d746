"""The register's dialogs: an award received outside the bloc, typed in by hand; and what an
import from Excel would add, with every problem listed (all or nothing)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QSpinBox, QTabWidget, QVBoxLayout, QWidget

from thidua_desktop.services import units as unit_service
from thidua_desktop.services.register import AwardTypeRow, CommendationFields, RegisterImportPreview
from thidua_desktop.services.units import UnitRow
from thidua_desktop.services.workspace import Workspace

from . import vi
from .date_field import OptionalDateField
from .form_dialog import FormDialog, OptionalYearSpin, line_edit, note_edit
from .import_preview_dialog import NOTICE_FIELDS, PROBLEM_FIELDS
from .record_table import Field, RecordTable


class CommendationDialog(FormDialog):
    """An award from outside the bloc's proposals, for a unit or one of its people."""

    def __init__(self, parent: QWidget | None, ws: Workspace, awards: list[AwardTypeRow], unit_rows: list[UnitRow],
                 year: int) -> None:
        super().__init__("Thêm khen thưởng ngoài khối", parent)
        self.ws = ws
        self.year_spin = OptionalYearSpin(self)
        self.year_spin.set_year(year)
        self.award_combo = QComboBox(self)
        for a in awards:
            self.award_combo.addItem(a.name, a.award_type_id)
        self.unit_combo = QComboBox(self)
        for u in unit_rows:
            self.unit_combo.addItem(u.official_name, u.id)
        self.person_combo = QComboBox(self)
        self.number_edit = line_edit(self, placeholder="Ví dụ: 1234/QĐ-TTg", min_chars=24)
        self.date_field = OptionalDateField(self)
        self.date_field.set_value(None, QDate(year + 1, 1, 1))
        self.issuer_edit = line_edit(self, placeholder="Ví dụ: Thủ tướng Chính phủ")
        self.book_spin = QSpinBox(self)
        self.book_spin.setRange(0, 99999)
        self.book_spin.setSpecialValueText("(không có)")
        self.achievement_edit = note_edit(self)
        self.add_field("&Năm:", self.year_spin)
        self.add_field("&Danh hiệu, hình thức:", self.award_combo)
        self.add_field("Đơn &vị:", self.unit_combo)
        self.add_field("&Cá nhân:", self.person_combo)
        self.add_field("&Số quyết định:", self.number_edit)
        self.add_field("N&gày quyết định:", self.date_field)
        self.add_field("Cơ quan &ban hành:", self.issuer_edit)
        self.add_field("Số sổ &vàng:", self.book_spin)
        self.add_field("Nội dung &thành tích:", self.achievement_edit)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._fill_persons())
        self._fill_persons()

    def _fill_persons(self) -> None:
        self.person_combo.clear()
        self.person_combo.addItem("(khen thưởng cho đơn vị)", None)
        unit_id = self.unit_combo.currentData()
        if unit_id is not None:
            for p in unit_service.persons_of(self.ws, unit_id):
                self.person_combo.addItem(f"{p.full_name}" + (f" — {p.post}" if p.post else ""), p.id)

    def problem(self) -> tuple[str, QWidget] | None:
        if self.year_spin.year() is None:
            return "Chưa chọn năm khen thưởng.", self.year_spin
        if self.unit_combo.currentData() is None:
            return "Chưa chọn đơn vị.", self.unit_combo
        return None

    def fields(self) -> CommendationFields:
        person = self.person_combo.currentData()
        return CommendationFields(
            self.year_spin.year(), self.award_combo.currentData(),
            unit_id=None if person else self.unit_combo.currentData(), person_id=person,
            decision_number=self.number_edit.text() or None, decision_date=self.date_field.value(),
            issuer=self.issuer_edit.text() or None, golden_book_no=self.book_spin.value() or None,
            achievement=self.achievement_edit.toPlainText() or None)


ADDED_FIELDS = (
    Field("Năm", lambda f: str(f.year), lambda f: f.year, width=6),
    Field("Tập thể, cá nhân", lambda f: f.recipient_name or "", width=0),
    Field("Số quyết định", lambda f: f.decision_number or "", width=16),
)


def import_headline(preview: RegisterImportPreview) -> str:
    if preview.problems:
        return (f"<b style='color:#b00020'>Có {len(preview.problems)} lỗi trong tệp {preview.file} — chưa nhập gì "
                "cả.</b> Sửa tệp theo danh sách dưới đây (Ctrl+C để sao chép) rồi chọn lại.")
    skipped = f" ({preview.skipped} dòng đã có trong sổ được bỏ qua)" if preview.skipped else ""
    if not preview.new:
        return f"Tệp {preview.file} không có khen thưởng nào mới so với sổ{skipped}."
    return (f"Tệp {preview.file} không có lỗi. Sẽ thêm <b>{len(preview.new)}</b> khen thưởng vào sổ trong một lần"
            f"{skipped} (sao lưu sổ trước khi ghi; Ctrl+Z để hoàn tác).")


class RegisterImportDialog(QDialog):
    def __init__(self, preview: RegisterImportPreview, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("register_import")
        self.setWindowTitle("Nhập sổ khen thưởng từ Excel — xem trước")
        self.summary = QLabel(import_headline(preview), self)
        self.summary.setWordWrap(True)
        tabs = QTabWidget(self)
        for fields, records, label, key in ((PROBLEM_FIELDS, preview.problems, "Lỗi", "register_import_problems"),
                                            (ADDED_FIELDS, preview.new, "Sẽ thêm", "register_import_new"),
                                            (NOTICE_FIELDS, preview.notices, "Lưu ý", "register_import_notices")):
            if records:
                view = RecordTable(fields, search=lambda r, f=fields: " ".join(x.text(r) for x in f),
                                   settings=settings, key=key, parent=self)
                view.set_records(records)
                tabs.addTab(view, f"{label} ({len(records)})")
        buttons = vi.button_box(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = buttons.addButton("Nhập tất cả", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(preview.can_apply)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        self.resize(900, 480)
