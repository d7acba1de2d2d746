"""The head of the workbook page: bloc, current year and its state, leader and deputies."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from thidua_desktop.services.workbook import WorkbookSummary

NONE_YET = "Chưa phân công"


def _label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class WorkbookHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bloc_label = _label(self, "bloc_name")
        font = self.bloc_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.bloc_label.setFont(font)
        self.year_label = _label(self, "year")
        year_font = self.year_label.font()
        year_font.setPointSizeF(year_font.pointSizeF() * 1.15)
        self.year_label.setFont(year_font)
        self.leader_label = _label(self, "leader")
        self.deputies_label = _label(self, "deputies")

        form = QFormLayout()
        form.setContentsMargins(0, 4, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Trưởng khối:", self.leader_label)
        form.addRow("Phó khối:", self.deputies_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.bloc_label)
        layout.addWidget(self.year_label)
        layout.addLayout(form)

    def set_summary(self, summary: WorkbookSummary) -> None:
        self.bloc_label.setText(summary.bloc_name or "(Chưa đặt tên khối)")
        if summary.current_year is None:
            self.year_label.setText("Sổ chưa có năm thi đua nào.")
        else:
            text = f"Năm thi đua {summary.current_year}"
            if summary.current_state is not None:
                text += f" · {summary.current_state.label}"
            if len(summary.years) > 1:
                text += f" · Sổ có {len(summary.years)} năm ({summary.years[0]}–{summary.years[-1]})"
            self.year_label.setText(text)
        leader = summary.leader
        self.leader_label.setText(leader.name if leader else NONE_YET)
        deputies = summary.deputies
        self.deputies_label.setText("; ".join(d.name for d in deputies) if deputies else NONE_YET)
