"""The period's pictures, drawn with QPainter: totals of every unit, one unit's sections
against their maxima, and one unit's approved rank across the years.

QPainter rather than QtCharts (needs the PySide6-Addons wheel, ~100 MB more in the installer)
or reportlab's charts (made for PDF, not live widgets): three simple charts are a few lines of
drawing each, repaint instantly while the secretary types, and use the window's own font, so
Vietnamese names render as in the rest of the program.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from thidua_desktop.domain.text import format_points
from thidua_desktop.services.score_history import RankPoint

BAR = QColor("#3b6ea5")
HIGHLIGHT = QColor("#d9822b")
TRACK = QColor("#e4e8ee")
GRID = QColor("#c8ccd2")
TEXT = QColor("#222222")
MUTED = QColor("#666666")
EMPTY_TEXT = "Chưa có số liệu."


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: Decimal
    maximum: Decimal | None = None  # drawn as a track behind the bar
    highlight: bool = False


class _Chart(QWidget):
    """Title on top, then the drawing; `message` replaces the drawing when there is no data."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 160)

    def _begin(self) -> tuple[QPainter, QRectF]:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        font = p.font()
        font.setBold(True)
        p.setFont(font)
        p.setPen(TEXT)
        line = QFontMetrics(font).height()
        p.drawText(QRectF(8, 4, self.width() - 16, line + 4), Qt.AlignmentFlag.AlignLeft, self.title)
        font.setBold(False)
        p.setFont(font)
        return p, QRectF(8, line + 12, self.width() - 16, self.height() - line - 18)

    def _empty(self, p: QPainter, area: QRectF) -> None:
        p.setPen(MUTED)
        p.drawText(area, Qt.AlignmentFlag.AlignCenter, EMPTY_TEXT)


class BarChart(_Chart):
    """Horizontal bars with the value at the end: unit names stay readable at any count."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.bars: list[Bar] = []

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802, ANN001
        p, area = self._begin()
        if not self.bars:
            self._empty(p, area)
            p.end()
            return
        fm = p.fontMetrics()
        label_w = min(max(fm.horizontalAdvance(b.label) for b in self.bars) + 16, area.width() * 0.4)
        values = [format_points(b.value) + (f"/{format_points(b.maximum)}" if b.maximum is not None else "")
                  for b in self.bars]
        value_w = max(fm.horizontalAdvance(v) for v in values) + 10
        top = max([b.value for b in self.bars] + [b.maximum or Decimal(0) for b in self.bars] + [Decimal(1)])
        slot = area.height() / len(self.bars)
        bar_h = max(2.0, min(slot * 0.7, 28.0))
        track_w = area.width() - label_w - value_w
        for i, (bar, value) in enumerate(zip(self.bars, values)):
            y = area.top() + i * slot + (slot - bar_h) / 2
            p.setPen(TEXT)
            label = fm.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(label_w - 8))
            p.drawText(QRectF(area.left(), y, label_w - 8, bar_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            x0 = area.left() + label_w
            if bar.maximum is not None:
                p.fillRect(QRectF(x0, y, track_w * float(bar.maximum / top), bar_h), TRACK)
            width = track_w * float(max(bar.value, Decimal(0)) / top)
            p.fillRect(QRectF(x0, y, width, bar_h), HIGHLIGHT if bar.highlight else BAR)
            p.setPen(TEXT)
            end = x0 + max(width, track_w * float((bar.maximum or Decimal(0)) / top))
            p.drawText(QRectF(end + 6, y, value_w, bar_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, value)
        p.end()


class RankChart(_Chart):
    """Rank by year, rank 1 on top, each point labelled; the axis goes down to the most units ranked."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.points: list[RankPoint] = []

    def set_points(self, title: str, points: list[RankPoint]) -> None:
        self.title, self.points = title, points
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802, ANN001
        p, area = self._begin()
        if not self.points:
            self._empty(p, area)
            p.end()
            return
        fm = p.fontMetrics()
        worst = max(pt.of for pt in self.points)
        left, bottom = area.left() + fm.horizontalAdvance("Hạng 99") + 8, area.bottom() - fm.height() - 4
        top, right = area.top() + fm.height(), area.right() - 16
        def y_of(rank: int) -> float:
            return top + (bottom - top) * (rank - 1) / max(worst - 1, 1)
        step = max(1, worst // 5)
        for rank in sorted({1, worst, *range(1, worst + 1, step)}):
            y = y_of(rank)
            p.setPen(QPen(GRID, 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(left, y), QPointF(right, y))
            p.setPen(MUTED)
            p.drawText(QRectF(area.left(), y - fm.height() / 2, left - area.left() - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Hạng {rank}")
        n = len(self.points)
        xs = [left + (right - left) * (i + 0.5) / n for i in range(n)]
        path = QPainterPath(QPointF(xs[0], y_of(self.points[0].rank)))
        for x, pt in zip(xs[1:], self.points[1:]):
            path.lineTo(x, y_of(pt.rank))
        p.setPen(QPen(BAR, 2))
        p.drawPath(path)
        for x, pt in zip(xs, self.points):
            y = y_of(pt.rank)
            p.setBrush(BAR)
            p.setPen(Qt.PenStyle.NoPen)
            p.drawEllipse(QPointF(x, y), 4.5, 4.5)
            p.setPen(TEXT)
            p.drawText(QRectF(x - 40, y - fm.height() - 6, 80, fm.height()), Qt.AlignmentFlag.AlignCenter,
                       f"{pt.rank}/{pt.of}")
            p.setPen(MUTED)
            p.drawText(QRectF(x - 40, bottom + 4, 80, fm.height()), Qt.AlignmentFlag.AlignCenter, str(pt.year))
        p.end()
