"""The working area of an open workbook: the bloc and a year selector on top, the navigation
list of pages on the left, the selected page on the right.

Switching the year switches every page; a closed or handed-over year is marked and its pages
are not editable.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.domain.enums import MemberRole
from thidua_desktop.services import years as year_service
from thidua_desktop.services.workspace import ChangeEvent

from .notice_bar import NoticeBar
from .pages import page_classes
from .pages.base import Page, PageContext, YearRef

LOCKED_MARK = "ĐÃ KHÓA SỔ — chỉ xem, không sửa được"
NONE_YET = "chưa phân công"


class WorkspaceView(QWidget):
    year_changed = Signal(object)  # YearRef | None

    def __init__(self, ctx: PageContext, bloc_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bloc_label = QLabel(bloc_name, self)
        self.bloc_label.setObjectName("bloc_name")
        font = self.bloc_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.bloc_label.setFont(font)
        self.bloc_label.setContentsMargins(0, 4, 0, 0)  # room for stacked marks (Ỗ, Ẵ)
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("year_selector")
        self.year_combo.setMinimumContentsLength(16)
        self.year_combo.currentIndexChanged.connect(self._on_year_index)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("year_state")
        self.leaders_label = QLabel(self)
        self.leaders_label.setObjectName("year_leaders")
        self.leaders_label.setWordWrap(True)
        self.notice = NoticeBar(self)

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(210)
        self.nav.setSpacing(2)
        self.stack = QStackedWidget(self)
        self.pages: list[Page] = []
        for cls in page_classes():
            page = cls(ctx, self)
            self.pages.append(page)
            self.stack.addWidget(_scrollable(page))
            QListWidgetItem(cls.title, self.nav)
        self.nav.currentRowChanged.connect(self._show_page)
        ctx.bridge.changed.connect(self._on_change)

        top = QHBoxLayout()
        top.addWidget(self.bloc_label, 1)
        top.addWidget(QLabel("Năm thi đua:", self))
        top.addWidget(self.year_combo)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 8)
        layout.addLayout(top)
        layout.addWidget(self.state_label)
        layout.addWidget(self.leaders_label)
        layout.addWidget(self.notice)
        layout.addLayout(body, 1)

        self.reload_years()
        self.nav.setCurrentRow(0)

    # --- years --------------------------------------------------------------------------------

    def reload_years(self, keep: int | None = None) -> None:
        """Fill the selector (newest first) and select `keep`, else the newest year."""
        keep = keep if keep is not None else (self.year.year if self.year else None)
        refs = [YearRef(y.id, y.year, y.state) for y in reversed(year_service.list_years(self.ctx.workspace))]
        with QSignalBlocker(self.year_combo):
            self.year_combo.clear()
            for ref in refs:
                label = f"Năm {ref.year}" + (" (đã khóa)" if ref.read_only else "")
                self.year_combo.addItem(label, ref)
            index = next((i for i, r in enumerate(refs) if r.year == keep), 0)
            self.year_combo.setCurrentIndex(index if refs else -1)
        self._on_year_index(self.year_combo.currentIndex())

    @property
    def year(self) -> YearRef | None:
        return self.year_combo.currentData()

    def select_year(self, year: int) -> None:
        index = next(i for i in range(self.year_combo.count()) if self.year_combo.itemData(i).year == year)
        self.year_combo.setCurrentIndex(index)

    def _on_year_index(self, _index: int) -> None:
        ref = self.year
        if ref is None:
            self.state_label.setText("Sổ chưa có năm thi đua nào: vào trang “Năm thi đua” để tạo năm đầu tiên.")
        else:
            text = f"Năm thi đua {ref.year} · {ref.state.label}"
            self.state_label.setText(f"{text} · {LOCKED_MARK}" if ref.read_only else text)
        font = QFont(self.state_label.font())
        font.setBold(bool(ref and ref.read_only))
        self.state_label.setFont(font)
        self.state_label.setStyleSheet("color: #8a5a00;" if ref and ref.read_only else "")
        self._show_leaders()
        for page in self.pages:
            page.set_year(ref)
        self.year_changed.emit(ref)

    def _show_leaders(self) -> None:
        ref = self.year
        if ref is None:
            self.leaders_label.clear()
            return
        rows = year_service.members(self.ctx.workspace, ref.id)
        leader = next((m.name for m in rows if m.role is MemberRole.TRUONG), NONE_YET)
        deputies = "; ".join(m.name for m in rows if m.role is MemberRole.PHO) or NONE_YET
        self.leaders_label.setText(f"Trưởng khối: {leader}   ·   Phó khối: {deputies}   ·   {len(rows)} đơn vị")

    # --- pages --------------------------------------------------------------------------------

    def _show_page(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)

    def show_page(self, cls: type[Page]) -> Page:
        row = next(i for i, p in enumerate(self.pages) if isinstance(p, cls))
        self.nav.setCurrentRow(row)
        return self.pages[row]

    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def _on_change(self, event: ChangeEvent) -> None:
        if "emulation_year" in event.tables:
            self.reload_years()  # new years, closed years: every page gets set_year again
            return
        if event.tables & {"membership", "unit"}:
            self._show_leaders()
        for page in self.pages:
            page.on_change(event)


def _scrollable(page: Page) -> QScrollArea:
    """A page scrolls rather than forcing the window taller than a 1366×768 laptop screen."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
