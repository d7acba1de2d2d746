"""Where each line of a certificate goes: boxes in millimetres from the paper's top-left corner.

Pure data, no reportlab: the layout editor, the services and the renderer share it. The same
boxes serve both modes; on a pre-printed blank (phôi) only the variable fields are printed,
shifted by the printer's offset measured on the calibration page. Default layouts are drawn for
A4 landscape (297 × 210 mm) and scaled to any paper size a unit sets.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from thidua_desktop.domain.enums import CertificateMode

RED = "#c8102e"
BLACK = "#000000"

A4_LANDSCAPE = (297.0, 210.0)
A3_LANDSCAPE = (420.0, 297.0)

# name → label the layout editor shows, in the order of domain.md 2.3
FIXED_FIELDS: dict[str, str] = {
    "quoc_hieu": "Quốc hiệu",
    "tieu_ngu": "Tiêu ngữ",
    "issuer_title": "Chức danh người có thẩm quyền",
    "verb": "Chữ “TẶNG”",
    "award_name": "Tên hình thức khen thưởng",
}
VARIABLE_FIELDS: dict[str, str] = {
    "recipient": "Tên tập thể, cá nhân",
    "detail": "Chức vụ, đơn vị / cơ quan cấp trên",
    "achievement": "Thành tích",
    "decision": "Số quyết định, ngày tháng năm",
    "golden_book": "Số sổ vàng",
    "place_date": "Địa danh, ngày tháng năm",
    "signer_title": "Chức danh người ký",
    "signer_name": "Họ tên người ký",
}
FIELD_LABELS = {**FIXED_FIELDS, **VARIABLE_FIELDS}


@dataclass(frozen=True, slots=True)
class FieldBox:
    """A field's box (mm, from the paper's top-left) and its style; text shrinks to fit."""

    x: float
    y: float
    w: float
    h: float
    size: float  # largest font size, points
    bold: bool = False
    italic: bool = False
    colour: str = BLACK
    align: str = "center"  # "center" or "left"
    min_size: float = 7.0
    underline: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "FieldBox":
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass(frozen=True, slots=True)
class Layout:
    paper_w: float
    paper_h: float
    mode: CertificateMode
    fields: dict[str, FieldBox] = field(default_factory=dict)
    offset_x: float = 0.0
    offset_y: float = 0.0
    emblem_png: bytes | None = None

    def fields_json(self) -> dict[str, dict[str, Any]]:
        return {name: box.to_json() for name, box in self.fields.items()}

    def with_field(self, name: str, box: FieldBox) -> "Layout":
        return replace(self, fields={**self.fields, name: box})

    def printed_fields(self) -> dict[str, FieldBox]:
        """The boxes this mode prints: all of them on plain paper, the variable ones on a blank."""
        if self.mode is CertificateMode.FULL:
            return self.fields
        return {k: v for k, v in self.fields.items() if k in VARIABLE_FIELDS}


# Drawn for A4 landscape; the frame takes 8–16 mm at the edges, the emblem 15–35 mm from the top.
_A4_FIELDS: dict[str, FieldBox] = {
    "quoc_hieu": FieldBox(40, 36, 217, 8, 15, bold=True),
    "tieu_ngu": FieldBox(40, 44, 217, 8, 14, bold=True, underline=True),
    "issuer_title": FieldBox(30, 54, 237, 10, 16, bold=True, colour=RED),
    "verb": FieldBox(60, 64, 177, 8, 15, bold=True),
    "award_name": FieldBox(40, 72, 217, 17, 42, bold=True, colour=RED),
    "recipient": FieldBox(30, 89, 237, 14, 24, bold=True),
    "detail": FieldBox(30, 103, 237, 10, 15, italic=True),
    "achievement": FieldBox(34, 113.5, 229, 25.5, 15),
    "decision": FieldBox(22, 171, 120, 6.5, 12, bold=True, italic=True, align="left"),
    "golden_book": FieldBox(22, 177.5, 120, 6.5, 12, bold=True, italic=True, align="left"),
    "place_date": FieldBox(152, 142, 125, 7, 13, bold=True, italic=True),
    "signer_title": FieldBox(152, 149, 125, 13, 13, bold=True),
    "signer_name": FieldBox(152, 184, 125, 8, 14, bold=True),
}
# Fonts that must not shrink below what can be read from a stage.
_MIN_SIZES = {"recipient": 11.0, "award_name": 20.0, "achievement": 8.0}


def default_paper(award_name: str) -> tuple[float, float]:
    """Bằng khen on A3 landscape, everything else (Giấy khen, titles) on A4 landscape (domain.md 2.3)."""
    return A3_LANDSCAPE if award_name.upper().startswith("BẰNG KHEN") else A4_LANDSCAPE


def default_layout(mode: CertificateMode, paper_w: float, paper_h: float) -> Layout:
    """The A4 design scaled to the paper: positions by each axis, font sizes by the smaller one."""
    sx, sy = paper_w / A4_LANDSCAPE[0], paper_h / A4_LANDSCAPE[1]
    sf = min(sx, sy)
    fields = {
        name: replace(box, x=round(box.x * sx, 1), y=round(box.y * sy, 1), w=round(box.w * sx, 1),
                      h=round(box.h * sy, 1), size=round(box.size * sf, 1),
                      min_size=round(_MIN_SIZES.get(name, box.min_size) * sf, 1))
        for name, box in _A4_FIELDS.items()
    }
    layout = Layout(paper_w, paper_h, mode, fields)
    return Layout(paper_w, paper_h, mode, layout.printed_fields())


def layout_from_saved(mode: CertificateMode, paper_w: float, paper_h: float, offset_x: float, offset_y: float,
                      fields_json: dict[str, Any] | None, emblem_png: bytes | None) -> Layout:
    """A saved profile: its boxes over the defaults (a field the user never moved keeps the default)."""
    base = default_layout(mode, paper_w, paper_h)
    fields = dict(base.fields)
    for name, data in (fields_json or {}).items():
        if name in FIELD_LABELS and isinstance(data, dict):
            fields[name] = FieldBox.from_json({**fields.get(name, FieldBox(0, 0, 0, 0, 12)).to_json(), **data})
    return Layout(paper_w, paper_h, mode, fields, offset_x, offset_y, emblem_png)
