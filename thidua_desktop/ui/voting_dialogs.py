"""The small editing dialogs of the Bình xét page: a round's candidates (ticked from the year-end
ranking, kept in its order, which is the ballot's) and who represented a unit at the meeting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from thidua_desktop.domain.text import format_points
from thidua_desktop.services.voting import AttendanceRow, RankedUnit

from .form_dialog import FormDialog, Problem, line_edit


class CandidatesDialog(FormDialog):
    def __init__(self, award_name: str, ranking: list[RankedUnit], chosen: set[int],
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Danh sách bỏ phiếu — {award_name}", parent)
        self.setObjectName("candidates_dialog")
        self.list = QListWidget(self)
        self.list.setObjectName("candidate_list")
        for unit in sorted(ranking, key=lambda r: r.position):
            flag = " — bị loại do vi phạm" if unit.disqualified else ""
            item = QListWidgetItem(f"{unit.rank}. {unit.name} ({format_points(unit.total)} điểm){flag}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, unit.unit_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if unit.unit_id in chosen else Qt.CheckState.Unchecked)
        self.list.setMinimumSize(520, 320)
        self.add_field("Đơn vị có tên trên phiếu:", self.list)
        self.add_note("Đánh dấu các đơn vị đưa vào phiếu bầu; thứ tự trên phiếu theo thứ hạng cuối năm.")

    def unit_ids(self) -> list[int]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def problem(self) -> Problem | None:
        return None if self.unit_ids() else ("Phiếu bầu cần ít nhất một đơn vị.", self.list)


class RepresentativeDialog(FormDialog):
    def __init__(self, row: AttendanceRow, parent: QWidget | None = None) -> None:
        super().__init__(f"Người dự họp — {row.unit_name}", parent)
        self.setObjectName("representative_dialog")
        self.name_edit = self.add_field("&Họ và tên:", line_edit(self, row.representative_name, min_chars=30))
        self.post_edit = self.add_field("&Chức vụ:", line_edit(self, row.representative_post))
        self.note_edit = self.add_field("&Ghi chú:", line_edit(self, row.note, placeholder="Lý do vắng, người dự thay…"))

    def values(self) -> dict[str, str | None]:
        return {"representative_name": self.name_edit.text().strip() or None,
                "representative_post": self.post_edit.text().strip() or None,
                "note": self.note_edit.text().strip() or None}
