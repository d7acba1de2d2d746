"""Thêm / sửa đơn vị: the unit's names, ký hiệu, cơ quan chủ quản, loại hình and contacts,
checked before saving (a name is required and may not repeat another unit's; a ký hiệu goes
into document numbers such as "15-BC/VPTU", so it has no spaces or slashes)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from thidua_desktop.domain.enums import UnitType
from thidua_desktop.domain.text import clean, search_key
from thidua_desktop.services.units import UnitRow

from .form_dialog import FormDialog, OptionalYearSpin, Problem, line_edit, note_edit, text_of


class UnitDialog(FormDialog):
    def __init__(self, parent: QWidget | None, unit: UnitRow | None, *, others: Iterable[UnitRow],
                 joined_year: int | None = None) -> None:
        """`others`: the units whose names a new or renamed unit may not take (those in the bloc)."""
        super().__init__("Sửa thông tin đơn vị" if unit else "Thêm đơn vị", parent)
        self.unit = unit
        self._taken = {search_key(u.official_name): u for u in others if unit is None or u.id != unit.id}
        self.name_edit = line_edit(self, unit and unit.official_name, min_chars=58,
                                   placeholder="Ví dụ: Văn phòng Tỉnh ủy")
        self.short_edit = line_edit(self, unit and unit.short_name, placeholder="Tên gọi ngắn dùng trong bảng biểu")
        self.symbol_edit = line_edit(self, unit and unit.symbol, placeholder="Ví dụ: VPTU")
        self.symbol_edit.setToolTip("Chữ viết tắt của đơn vị trong số văn bản, ví dụ “VPTU” trong “15-BC/VPTU”.")
        self.superior_edit = line_edit(self, unit and unit.superior_body, placeholder="Ví dụ: Tỉnh ủy Lai Châu")
        self.type_combo = QComboBox(self)
        for kind in UnitType:
            self.type_combo.addItem(kind.label, kind)
        self.type_combo.setCurrentIndex(self.type_combo.findData(unit.unit_type if unit else UnitType.HANH_CHINH))
        self.address_edit = line_edit(self, unit and unit.address)
        self.phone_edit = line_edit(self, unit and unit.phone)
        self.email_edit = line_edit(self, unit and unit.email)
        self.seal_check = QCheckBox("Có con &dấu riêng", self)
        self.seal_check.setChecked(unit.holds_seal if unit else True)
        self.joined_spin = OptionalYearSpin(self)
        self.joined_spin.set_year(unit.joined_year if unit else joined_year)
        self.note_edit = note_edit(self, unit and unit.note)

        self.add_field("&Tên chính thức:", self.name_edit)
        self.add_field("Tên &viết tắt:", self.short_edit)
        self.add_field("&Ký hiệu:", self.symbol_edit)
        self.add_field("Cơ quan &chủ quản:", self.superior_edit)
        self.add_field("&Loại hình:", self.type_combo)
        self.add_field("Đị&a chỉ:", self.address_edit)
        self.add_field("Điện t&hoại:", self.phone_edit)
        self.add_field("Thư điện tử:", self.email_edit)
        self.add_check(self.seal_check)
        self.add_field("Tham gia khối từ &năm:", self.joined_spin)
        if unit is None:
            self.add_note("Đơn vị có tên trong danh sách các năm chưa khóa sổ, kể từ năm này.")
        self.add_field("&Ghi chú:", self.note_edit)

    def problem(self) -> Problem | None:
        name = clean(self.name_edit.text())
        if not name:
            return "Cần nhập tên chính thức của đơn vị.", self.name_edit
        other = self._taken.get(search_key(name))
        if other is not None:
            return f"Đã có đơn vị “{other.official_name}” trong khối.", self.name_edit
        symbol = clean(self.symbol_edit.text())
        if symbol and any(ch.isspace() or ch in "/\\" for ch in symbol):
            return "Ký hiệu không được có dấu cách hay dấu gạch chéo (ví dụ: VPTU).", self.symbol_edit
        email = self.email_edit.text().strip()
        if email and ("@" not in email or " " in email):
            return "Địa chỉ thư điện tử chưa đúng (ví dụ: vptu@laichau.gov.vn).", self.email_edit
        return None

    def values(self) -> dict[str, Any]:
        """The fields as services.units.add_unit / update_unit take them."""
        return {
            "official_name": self.name_edit.text(),
            "short_name": self.short_edit.text(),
            "symbol": self.symbol_edit.text(),
            "superior_body": self.superior_edit.text(),
            "unit_type": self.type_combo.currentData(),
            "address": self.address_edit.text(),
            "phone": self.phone_edit.text(),
            "email": self.email_edit.text().strip(),
            "holds_seal": self.seal_check.isChecked(),
            "joined_year": self.joined_spin.year(),
            "note": text_of(self.note_edit),
        }
