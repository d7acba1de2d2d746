"""Fit a text into a box: the largest font size at which it wraps inside, down to a floor.

Pure logic, shared by the full certificate and the overlay on pre-printed blanks. It needs only
a width function: the width of a string at font size 1 (widths scale linearly with the size,
which holds for reportlab's stringWidth). Below the floor the text is cut with "…" rather than
ever leaving its box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Width = Callable[[str], float]  # width of a string at font size 1, in the box's unit
ELLIPSIS = "…"
_EPS = 1e-6


@dataclass(frozen=True, slots=True)
class FittedText:
    size: float  # font size, in the box's unit (points)
    lines: tuple[str, ...]
    line_height: float
    truncated: bool  # the text did not fit even at the floor and was cut

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height


def wrap(text: str, width: Width, max_width: float) -> list[str]:
    """Greedy word wrap at size 1 into lines no wider than `max_width`; explicit newlines
    start new lines; a word wider than a line is broken between letters."""
    lines: list[str] = []
    space = width(" ")
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        current, current_w = "", 0.0
        for word in words:
            word_w = width(word)
            if current and current_w + space + word_w <= max_width + _EPS:
                current, current_w = f"{current} {word}", current_w + space + word_w
                continue
            if current:
                lines.append(current)
            if word_w <= max_width + _EPS:
                current, current_w = word, word_w
                continue
            pieces = _break_word(word, width, max_width)
            lines.extend(pieces[:-1])
            current, current_w = pieces[-1], width(pieces[-1])
        lines.append(current)
    return lines


def _break_word(word: str, width: Width, max_width: float) -> list[str]:
    pieces, piece = [], ""
    for ch in word:
        if piece and width(piece + ch) > max_width + _EPS:
            pieces.append(piece)
            piece = ""
        piece += ch
    pieces.append(piece)
    return pieces


def _layout(text: str, width: Width, box_w: float, box_h: float, size: float, spacing: float) -> list[str] | None:
    max_w = box_w / size
    lines = wrap(text, width, max_w)
    if len(lines) * size * spacing > box_h + _EPS or any(width(line) > max_w + _EPS for line in lines):
        return None  # too tall, or a single letter wider than the box
    return lines


def fit_text(text: str, width: Width, box_w: float, box_h: float, *, max_size: float, min_size: float,
             spacing: float = 1.15, step: float = 0.25) -> FittedText:
    """The largest size in [min_size, max_size] (to `step`) at which `text` wraps into the box.

    Binary search on the size; if even `min_size` is too big, the text is wrapped at the floor
    (or at the largest size whose single line fits the box height) and cut with "…".
    """
    text = text.replace("\r", "").strip()
    min_size = min(min_size, max_size)
    if not text or box_w <= 0 or box_h <= 0:
        return FittedText(min_size, (), min_size * spacing, bool(text))
    steps = int((max_size - min_size) / step + _EPS)
    lo, hi, best = 0, steps, None
    while lo <= hi:  # largest k with size min_size + k*step fitting
        mid = (lo + hi) // 2
        lines = _layout(text, width, box_w, box_h, min_size + mid * step, spacing)
        if lines is None:
            hi = mid - 1
        else:
            best, lo = (mid, lines), mid + 1
    if best is not None:
        size = min_size + best[0] * step
        return FittedText(size, tuple(best[1]), size * spacing, False)
    size = min(min_size, box_h / spacing)
    return _truncated(text, width, box_w, box_h, size, spacing)


def _truncated(text: str, width: Width, box_w: float, box_h: float, size: float, spacing: float) -> FittedText:
    widest_letter = max(width(ch) for ch in text if not ch.isspace())
    size = min(size, box_w / widest_letter)
    max_w = box_w / size
    lines = wrap(text, width, max_w)
    keep = max(1, int(box_h / (size * spacing) + _EPS))
    kept = lines[:keep]
    last = kept[-1]
    while last and width(last + ELLIPSIS) > max_w + _EPS:
        last = last[:-1].rstrip()
    kept[-1] = last + ELLIPSIS
    return FittedText(size, tuple(kept), size * spacing, True)
