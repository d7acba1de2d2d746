"""The side form of the score table editor: the fields of the selected section or criterion.

The form does not save by itself: the editor reads `values()` when the user presses "Lưu"
(Ctrl+S) or moves to another line with unsaved changes, so each edit is one undoable change.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain.enums import CriterionKind, ScoredBy
from thidua_desktop.domain.scoring import GRADES
from thidua_desktop.domain.text import format_points
from thidua_desktop.services.score_tables import CriterionNode, SectionNode

from .form_dialog import VIETNAMESE, note_edit
from .hint import hint_label

DEFAULT_GRADE_SHARE = {"B": Decimal("0.75"), "C": Decimal("0.5"), "D": Decimal("0.25")}
RATIO_KINDS = (CriterionKind.RATIO, CriterionKind.INVERSE_RATIO)


def points_spin(parent: QWidget, maximum: float = 1000) -> QDoubleSpinBox:
    """Points with two decimals and a decimal comma ("2,5")."""
    spin = QDoubleSpinBox(parent)
    spin.setLocale(VIETNAMESE)
    spin.setDecimals(2)
    spin.setRange(0, maximum)
    spin.setGroupSeparatorShown(False)
    spin.setMinimumWidth(spin.fontMetrics().averageCharWidth() * 12)
    return spin


def spin_points(spin: QDoubleSpinBox) -> Decimal:
    return Decimal(f"{spin.value():.2f}")


class _Form(QWidget):
    """Fields in a form layout that report any change the user makes (not the loading)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)  # rows keep their height on a tall screen
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above fields when narrow
        self.loading = False
        self.fields: list[QWidget] = []

    def add(self, label: str, widget: QWidget) -> QWidget:
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        self.form.addRow(caption, widget)
        self.fields.append(widget)
        signal = {QLineEdit: "textChanged", QPlainTextEdit: "textChanged", QDoubleSpinBox: "valueChanged",
                  QComboBox: "currentIndexChanged"}
        for cls, name in signal.items():
            if isinstance(widget, cls):
                getattr(widget, name).connect(self._changed)
        return widget

    def _changed(self, *_args: Any) -> None:
        if not self.loading:
            self.edited.emit()

    def set_editable(self, editable: bool) -> None:
        for field in self.fields:
            if isinstance(field, (QLineEdit, QPlainTextEdit, QDoubleSpinBox)):
                field.setReadOnly(not editable)
            else:
                field.setEnabled(editable)


class SectionForm(_Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code_edit = self.add("&Mã phần:", QLineEdit(self))
        self.title_edit = self.add("&Tên phần:", note_edit(self))
        self.max_spin = self.add("Điểm tối đa của phần:", points_spin(self))
        self.scored_by_combo = self.add("&Người chấm:", QComboBox(self))
        for choice in ScoredBy:
            self.scored_by_combo.addItem(choice.label, choice)
        self.sum_label = self.add("", hint_label("", self))

    def load(self, node: SectionNode) -> None:
        self.loading = True
        s = node.section
        self.code_edit.setText(s.code)
        self.title_edit.setPlainText(s.title)
        self.max_spin.setValue(float(s.max_points))
        self.scored_by_combo.setCurrentIndex(self.scored_by_combo.findData(s.scored_by))
        self.sum_label.setText(f"Các tiêu chí của phần cộng lại {format_points(node.points)} điểm.")
        self.loading = False

    def values(self) -> dict[str, Any]:
        return {"code": self.code_edit.text(), "title": self.title_edit.toPlainText(),
                "max_points": spin_points(self.max_spin), "scored_by": self.scored_by_combo.currentData()}


class CriterionForm(_Form):
    """A criterion's fields; the grade points show only for A/B/C/D criteria, the bonus cap and
    unit of measure only for the ratio kinds, and a heading's points are its children's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = False
        self.code_edit = self.add("&Mã:", QLineEdit(self))
        self.code_edit.setPlaceholderText("Ví dụ: 1.2")
        self.text_edit = self.add("&Nội dung:", note_edit(self))
        self.max_spin = self.add("Điểm &tối đa:", points_spin(self))
        self.kind_combo = self.add("&Cách chấm:", QComboBox(self))
        for kind in CriterionKind:
            self.kind_combo.addItem(kind.label, kind)
        self.grade_spins = {g: points_spin(self) for g in GRADES}
        self.grade_spins["A"].setReadOnly(True)
        self.grade_spins["A"].setToolTip("Loại A luôn được đủ điểm tối đa của tiêu chí.")
        grades = QWidget(self)
        grades.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(grades)
        row.setContentsMargins(0, 0, 0, 0)
        for grade, spin in self.grade_spins.items():
            row.addWidget(QLabel(f"{grade}:", grades))
            row.addWidget(spin)
            spin.valueChanged.connect(self._changed)
        row.addStretch(1)
        self.grades_row = self.add("Điểm các loại:", grades)
        self.bonus_spin = self.add("Thưởng vượt tối đa (% điểm):", points_spin(self, 100))
        self.unit_edit = self.add("Đơn vị tính:", QLineEdit(self))
        self.unit_edit.setPlaceholderText("Ví dụ: %, hộ, tỷ đồng")
        self.guidance_edit = self.add("&Hướng dẫn chấm:", note_edit(self))
        self.evidence_edit = self.add("Tài liệu &kiểm chứng:", note_edit(self))
        self.heading_note = hint_label("Tiêu chí có tiêu chí con: điểm là tổng điểm các tiêu chí con.", self)
        self.form.addRow("", self.heading_note)
        self.max_spin.valueChanged.connect(self._follow_max)
        self.kind_combo.currentIndexChanged.connect(self._show_kind_fields)

    def load(self, node: CriterionNode) -> None:
        self.loading = True
        c = node.criterion
        self.heading = bool(node.children)
        self.code_edit.setText(c.code)
        self.text_edit.setPlainText(c.text)
        self.max_spin.setValue(float(node.points))
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(c.kind))
        grade_points = c.grade_points or {}
        for grade, spin in self.grade_spins.items():
            default = c.max_points * DEFAULT_GRADE_SHARE.get(grade, Decimal(1))
            spin.setValue(float(grade_points.get(grade, default)))
        self.bonus_spin.setValue(float(c.bonus_cap_pct if c.bonus_cap_pct is not None else 10))
        self.unit_edit.setText(c.unit_of_measure or "")
        self.guidance_edit.setPlainText(c.guidance or "")
        self.evidence_edit.setPlainText(c.evidence_expected or "")
        self.loading = False
        self._show_kind_fields()

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for grade, spin in self.grade_spins.items():
            spin.setReadOnly(not editable or grade == "A")
        self.max_spin.setReadOnly(not editable or self.heading)

    def _follow_max(self, value: float) -> None:
        """A is always the full points; B, C, D keep their share when the maximum changes."""
        self.grade_spins["A"].setValue(value)

    def kind(self) -> CriterionKind:
        """The chosen kind (Qt hands the item data back as a plain string)."""
        return CriterionKind(self.kind_combo.currentData())

    def _show_kind_fields(self, *_args: Any) -> None:
        kind = self.kind()
        for widget, shown in ((self.grades_row, kind is CriterionKind.GRADE and not self.heading),
                              (self.bonus_spin, kind in RATIO_KINDS and not self.heading),
                              (self.unit_edit, kind in RATIO_KINDS and not self.heading),
                              (self.kind_combo, not self.heading)):
            self.form.setRowVisible(widget, shown)
        self.form.setRowVisible(self.heading_note, self.heading)
        if kind is CriterionKind.GRADE and not self.loading and self.grade_spins["D"].value() == 0:
            top = Decimal(f"{self.max_spin.value():.2f}")
            for grade, share in DEFAULT_GRADE_SHARE.items():
                self.grade_spins[grade].setValue(float(top * share))

    def values(self) -> dict[str, Any]:
        kind = self.kind()
        out: dict[str, Any] = {"code": self.code_edit.text(), "text": self.text_edit.toPlainText(),
                               "guidance": self.guidance_edit.toPlainText() or None,
                               "evidence_expected": self.evidence_edit.toPlainText() or None}
        if self.heading:
            return out
        out.update(max_points=spin_points(self.max_spin), kind=kind,
                   grade_points=({g: str(spin_points(s)) for g, s in self.grade_spins.items()}
                                 if kind is CriterionKind.GRADE else None),
                   bonus_cap_pct=spin_points(self.bonus_spin) if kind in RATIO_KINDS else None,
                   unit_of_measure=self.unit_edit.text() or None)
        return out


class ItemForm(QStackedWidget):
    """An empty page, the section form or the criterion form, as the selection asks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        empty = QWidget(self)
        QVBoxLayout(empty).addWidget(hint_label("Chọn một phần hoặc một tiêu chí trong bảng để xem và sửa.", empty))
        self.addWidget(empty)
        self.section_form = SectionForm(self)
        self.criterion_form = CriterionForm(self)
        self.addWidget(self.section_form)
        self.addWidget(self.criterion_form)
