"""Printing Giấy khen and Bằng khen from the commendation register.

Layouts are profiles per award type, printer and mode (CertificateLayout rows); a profile that
was never saved is the default for the award's paper. What each line says comes from the
commendation as recorded (its printed name and post), its decision (number, date, signer) and
the award type. A batch is one PDF; only a finished batch marks its commendations printed.
reportlab is imported only when something is rendered.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import AwardType, Bloc, CertificateLayout, Commendation, Decision, Person, utc_now
from thidua_desktop.documents.certificate_data import (
    CertificateData,
    award_heading,
    decision_line,
    golden_book_line,
    place_date_line,
    place_of,
    signer_title,
)
from thidua_desktop.documents.certificate_layout import (
    FIELD_LABELS,
    FieldBox,
    Layout,
    default_layout,
    default_paper,
    layout_from_saved,
)
from thidua_desktop.domain.enums import AwardCategory, CertificateMode, Gender
from thidua_desktop.domain.text import nfc, vi_sort_key

from .workspace import ChangeRefused, Workspace

MAX_OFFSET_MM = 30.0
FULL = CertificateMode.FULL


# --- what to print --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CommendationLine:
    """A row of the print list."""

    id: int
    year: int
    award_type_id: int
    award_name: str
    recipient_name: str
    recipient_detail: str | None
    collective: bool
    decision_number: str | None
    decision_date: date | None
    golden_book_no: int | None
    printed_at: datetime | None


def commendations_to_print(ws: Workspace, *, year: int | None = None, award_type_id: int | None = None,
                           unit_id: int | None = None, not_printed: bool = False) -> list[CommendationLine]:
    """Commendations by year, award, unit (the unit itself or its people) and whether still unprinted,
    in the order of the decision (số sổ vàng), then by name."""
    query = (select(Commendation, AwardType.name).join(AwardType, AwardType.id == Commendation.award_type_id)
             .outerjoin(Person, Person.id == Commendation.person_id))
    if year is not None:
        query = query.where(Commendation.year == year)
    if award_type_id is not None:
        query = query.where(Commendation.award_type_id == award_type_id)
    if unit_id is not None:
        query = query.where(or_(Commendation.unit_id == unit_id, Person.unit_id == unit_id))
    if not_printed:
        query = query.where(Commendation.printed_at.is_(None))
    with ws.read() as s:
        rows = s.execute(query).all()
    lines = [CommendationLine(c.id, c.year, c.award_type_id, name, c.recipient_name, c.recipient_detail,
                              c.unit_id is not None, c.decision_number, c.decision_date, c.golden_book_no,
                              c.printed_at) for c, name in rows]
    return sorted(lines, key=lambda r: (-r.year, r.award_name, r.decision_number or "",
                                        r.golden_book_no if r.golden_book_no is not None else 1 << 30,
                                        vi_sort_key(r.recipient_name)))


@dataclass(frozen=True, slots=True)
class PrintFilters:
    """What the print list's filters offer: years and awards that have commendations."""

    years: list[int]
    awards: list[tuple[int, str]]  # (award_type_id, name), in catalogue order


def print_filters(ws: Workspace) -> PrintFilters:
    with ws.read() as s:
        years = s.scalars(select(Commendation.year).distinct().order_by(Commendation.year.desc())).all()
        awards = s.execute(select(AwardType.id, AwardType.name).where(
            AwardType.id.in_(select(Commendation.award_type_id))).order_by(AwardType.position, AwardType.id)).all()
    return PrintFilters(list(years), [(i, name) for i, name in awards])


def _salutation(person: Person | None) -> str:
    if person is None or person.gender is None:
        return ""
    return "Ông " if person.gender is Gender.NAM else "Bà "


def _data(c: Commendation, award: AwardType, decision: Decision | None, person: Person | None,
          place: str | None) -> CertificateData:
    issuer = nfc((decision.issuer if decision else None) or c.issuer or award.decided_by or "")
    verb, award_name = award_heading(award.name, award.category is AwardCategory.TITLE)
    signed_on = c.decision_date or (decision.signed_on if decision else None)
    number = c.decision_number or (decision.number if decision else None)
    return CertificateData(
        issuer_title=issuer.upper(),
        verb=verb,
        award_name=award_name,
        recipient=nfc(_salutation(person) + c.recipient_name),
        detail=nfc(c.recipient_detail or ""),
        achievement=nfc(c.achievement or (decision.content if decision else "") or ""),
        decision=decision_line(number, signed_on),
        golden_book=golden_book_line(c.golden_book_no),
        place_date=place_date_line(place_of(issuer, place), signed_on),
        signer_title=signer_title(issuer, decision.signer_post if decision else None),
        signer_name=nfc((decision.signer_name if decision else None) or ""),
    )


def certificate_data(ws: Workspace, commendation_ids: Sequence[int]) -> list[CertificateData]:
    """The lines of each certificate, in the order of the ids given."""
    with ws.read() as s:
        return [data for _award_id, data in _load(s, commendation_ids)]


def _load(s: Session, ids: Sequence[int]) -> list[tuple[int, CertificateData]]:
    place = s.scalar(select(Bloc.province).limit(1))
    rows = s.execute(select(Commendation, AwardType, Decision, Person)
                     .join(AwardType, AwardType.id == Commendation.award_type_id)
                     .outerjoin(Decision, Decision.id == Commendation.decision_id)
                     .outerjoin(Person, Person.id == Commendation.person_id)
                     .where(Commendation.id.in_(list(ids)))).all()
    found = {c.id: (c.award_type_id, _data(c, a, d, p, place)) for c, a, d, p in rows}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ChangeRefused("Có khen thưởng không còn trong sổ (có thể vừa bị xóa); hãy tải lại danh sách.")
    return [found[i] for i in ids]


# --- layouts ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProfileSummary:
    award_type_id: int
    award_name: str
    printer_name: str
    mode: CertificateMode
    paper_w: float
    paper_h: float
    offset_x: float
    offset_y: float
    has_emblem: bool


def list_profiles(ws: Workspace) -> list[ProfileSummary]:
    """The saved layout profiles, by award then printer."""
    with ws.read() as s:
        rows = s.execute(select(CertificateLayout, AwardType.name, AwardType.position)
                         .join(AwardType, AwardType.id == CertificateLayout.award_type_id)).all()
    rows = sorted(rows, key=lambda r: (r[2], vi_sort_key(r[0].printer_name), r[0].mode.value))
    return [ProfileSummary(r.award_type_id, name, r.printer_name, r.mode, r.paper_width_mm, r.paper_height_mm,
                           r.offset_x_mm, r.offset_y_mm, r.emblem_png is not None) for r, name, _pos in rows]


def _row(s: Session, award_type_id: int, printer_name: str, mode: CertificateMode) -> CertificateLayout | None:
    return s.scalar(select(CertificateLayout).where(CertificateLayout.award_type_id == award_type_id,
                                                    CertificateLayout.printer_name == nfc(printer_name),
                                                    CertificateLayout.mode == mode))


def _award(s: Session, award_type_id: int) -> AwardType:
    award = s.get(AwardType, award_type_id)
    if award is None:
        raise ChangeRefused("Không tìm thấy hình thức khen thưởng này trong danh mục.")
    return award


def _effective(s: Session, award_type_id: int, printer_name: str, mode: CertificateMode) -> Layout:
    """The saved profile for this printer, else the award's profile without a printer, else the default;
    the emblem from the profile, else from the award's plain-paper profile."""
    award = _award(s, award_type_id)
    row = _row(s, award_type_id, printer_name, mode) or _row(s, award_type_id, "", mode)
    emblem_row = _row(s, award_type_id, "", FULL)
    emblem = (row.emblem_png if row is not None else None) or (emblem_row.emblem_png if emblem_row else None)
    if row is None:
        w, h = default_paper(award_heading(award.name, award.category is AwardCategory.TITLE)[1])
        return replace(default_layout(mode, w, h), emblem_png=emblem)
    return layout_from_saved(mode, row.paper_width_mm, row.paper_height_mm, row.offset_x_mm, row.offset_y_mm,
                             row.fields, emblem)


def effective_layout(ws: Workspace, award_type_id: int, printer_name: str = "",
                     mode: CertificateMode = FULL) -> Layout:
    """The layout a print of this award on this printer in this mode would use."""
    with ws.read() as s:
        return _effective(s, award_type_id, printer_name, mode)


def _check(layout: Layout) -> None:
    if not (100 <= layout.paper_w <= 1000 and 100 <= layout.paper_h <= 1000):
        raise ChangeRefused("Khổ giấy phải từ 100 đến 1000 mm mỗi chiều.")
    if abs(layout.offset_x) > MAX_OFFSET_MM or abs(layout.offset_y) > MAX_OFFSET_MM:
        raise ChangeRefused(f"Độ lệch máy in không quá {MAX_OFFSET_MM:g} mm mỗi chiều; hãy đo lại trên trang căn chỉnh.")
    for name, box in layout.fields.items():
        label = FIELD_LABELS.get(name, name)
        if box.w <= 0 or box.h <= 0:
            raise ChangeRefused(f"Ô “{label}” phải có chiều rộng và chiều cao lớn hơn 0.")
        if box.x < 0 or box.y < 0 or box.x + box.w > layout.paper_w + 1e-6 or box.y + box.h > layout.paper_h + 1e-6:
            raise ChangeRefused(f"Ô “{label}” nằm ra ngoài khổ giấy {layout.paper_w:g} × {layout.paper_h:g} mm.")
        if not 4 <= box.min_size <= box.size <= 200:
            raise ChangeRefused(f"Cỡ chữ của ô “{label}” phải từ 4 đến 200 và không nhỏ hơn cỡ tối thiểu.")


def save_layout(ws: Workspace, award_type_id: int, printer_name: str, mode: CertificateMode, layout: Layout) -> None:
    """Save a whole profile: paper size, printer offsets and every box (the emblem is kept as it was)."""
    layout = replace(layout, mode=mode)
    layout = replace(layout, fields=dict(layout.printed_fields()))
    _check(layout)

    def do(s: Session) -> None:
        award = _award(s, award_type_id)
        row = _row(s, award_type_id, printer_name, mode)
        if row is None:
            row = CertificateLayout(award_type_id=award.id, printer_name=nfc(printer_name.strip()), mode=mode)
            s.add(row)
        row.paper_width_mm, row.paper_height_mm = float(layout.paper_w), float(layout.paper_h)
        row.offset_x_mm, row.offset_y_mm = float(layout.offset_x), float(layout.offset_y)
        row.fields = layout.fields_json()
        s.flush()

    where = f" cho máy in “{printer_name}”" if printer_name else ""
    ws.change(f"Lưu mẫu in {mode.label.lower()}{where}", do)


def move_field(ws: Workspace, award_type_id: int, printer_name: str, mode: CertificateMode, field: str,
               **changes: float | bool | str) -> Layout:
    """Move or resize one box (x, y, w, h in mm; size, bold, italic, colour, align) and save the profile."""
    if field not in FIELD_LABELS:
        raise ChangeRefused("Không có ô này trên mẫu bằng khen, giấy khen.")
    layout = effective_layout(ws, award_type_id, printer_name, mode)
    if field not in layout.fields:
        raise ChangeRefused(f"Ô “{FIELD_LABELS[field]}” in sẵn trên phôi, không in ở chế độ này.")
    allowed = set(FieldBox.__dataclass_fields__)
    unknown = set(changes) - allowed
    if unknown:
        raise ChangeRefused(f"Không sửa được thuộc tính {', '.join(sorted(unknown))} của ô.")
    layout = layout.with_field(field, replace(layout.fields[field], **changes))
    save_layout(ws, award_type_id, printer_name, mode, layout)
    return layout


def set_offset(ws: Workspace, award_type_id: int, printer_name: str, offset_x: float, offset_y: float,
               mode: CertificateMode = CertificateMode.OVERLAY) -> Layout:
    """Record the printer's offset measured on the calibration page (mm; + moves right and down)."""
    layout = replace(effective_layout(ws, award_type_id, printer_name, mode), offset_x=offset_x, offset_y=offset_y)
    save_layout(ws, award_type_id, printer_name, mode, layout)
    return layout


def set_paper(ws: Workspace, award_type_id: int, printer_name: str, mode: CertificateMode,
              paper_w: float, paper_h: float) -> Layout:
    """Change the paper size: the boxes go back to the default design scaled to it; offsets stay."""
    old = effective_layout(ws, award_type_id, printer_name, mode)
    layout = replace(default_layout(mode, paper_w, paper_h), offset_x=old.offset_x, offset_y=old.offset_y)
    save_layout(ws, award_type_id, printer_name, mode, layout)
    return layout


def reset_layout(ws: Workspace, award_type_id: int, printer_name: str, mode: CertificateMode) -> None:
    """Forget a saved profile (boxes and offsets) so the default applies again; the emblem stays."""

    def do(s: Session) -> None:
        row = _row(s, award_type_id, printer_name, mode)
        if row is None:
            return
        if row.emblem_png is not None and not printer_name and mode is FULL:
            row.fields, row.offset_x_mm, row.offset_y_mm = {}, 0.0, 0.0
        else:
            s.delete(row)
        s.flush()

    ws.change("Trả mẫu in bằng khen, giấy khen về mặc định", do)


# --- emblem ---------------------------------------------------------------------------------------


def set_emblem(ws: Workspace, award_type_id: int, image_path: str | os.PathLike[str]) -> None:
    """Replace the emblem printed at the top of this award's certificates by a PNG or JPEG file."""
    from thidua_desktop.documents.certificate import EmblemError, normalise_emblem

    try:
        data = Path(image_path).read_bytes()
    except OSError as exc:
        raise ChangeRefused(f"Không mở được tệp ảnh “{Path(image_path).name}”.") from exc
    try:
        png = normalise_emblem(data)
    except EmblemError as exc:
        raise ChangeRefused(f"{exc.message} (Tệp “{Path(image_path).name}”.)") from exc
    _store_emblem(ws, award_type_id, png, "Thay biểu tượng trên bằng khen, giấy khen")


def clear_emblem(ws: Workspace, award_type_id: int) -> None:
    """Go back to the program's own drawn emblem."""
    _store_emblem(ws, award_type_id, None, "Dùng lại biểu tượng mặc định trên bằng khen, giấy khen")


def _store_emblem(ws: Workspace, award_type_id: int, png: bytes | None, summary: str) -> None:
    def do(s: Session) -> None:
        row = _row(s, award_type_id, "", FULL)
        if row is None:
            if png is None:
                return
            layout = _effective(s, award_type_id, "", FULL)
            row = CertificateLayout(award_type_id=award_type_id, printer_name="", mode=FULL,
                                    paper_width_mm=layout.paper_w, paper_height_mm=layout.paper_h, fields={})
            s.add(row)
        row.emblem_png = png
        s.flush()

    ws.change(summary, do)


# --- printing -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchResult:
    path: Path
    pages: int


def print_batch(ws: Workspace, commendation_ids: Sequence[int], mode: CertificateMode, printer_name: str,
                out_path: str | os.PathLike[str], progress: Callable[[int, int, str], bool] | None = None, *,
                mark_printed: bool = True) -> BatchResult | None:
    """One PDF with a page per commendation, each with its award's layout for this printer and mode.

    `progress(done, total, name)` follows each page, as the other long services' callbacks do;
    None is returned when it answered False: no file is left and nothing is marked. On success
    the commendations get `printed_at` (one undoable edit) unless `mark_printed` is False (a preview).
    """
    from thidua_desktop.documents.certificate import render_certificates

    ids = list(dict.fromkeys(commendation_ids))
    if not ids:
        raise ChangeRefused("Chưa chọn khen thưởng nào để in.")
    with ws.read() as s:
        items = _load(s, ids)
        layouts = {award_id: _effective(s, award_id, printer_name, mode) for award_id in {a for a, _ in items}}
    out = Path(out_path)
    with _writing(out):
        finished = render_certificates(out, ((data, layouts[award_id]) for award_id, data in items), len(items),
                                       progress=progress)
    if not finished:
        return None
    if mark_printed:
        set_printed(ws, ids)
    return BatchResult(out, len(items))


def set_printed(ws: Workspace, commendation_ids: Sequence[int]) -> None:
    """Note that these certificates were sent to the printer (one undoable edit)."""
    ids = list(dict.fromkeys(commendation_ids))
    now = utc_now()

    def do(s: Session) -> None:
        for c in s.scalars(select(Commendation).where(Commendation.id.in_(ids))):
            c.printed_at = now
        s.flush()

    ws.change(f"In {len(ids)} bằng khen, giấy khen", do)


def preview_layout(ws: Workspace, award_type_id: int, layout: Layout, out_path: str | os.PathLike[str], *,
                   commendation_id: int | None = None, show_boxes: bool = True) -> Path:
    """One page with a layout as edited (saved or not), filled with a commendation of this award
    (the given one, else the latest in the register), each box outlined and named."""
    from thidua_desktop.documents.certificate import render_certificates

    with ws.read() as s:
        if commendation_id is None:
            commendation_id = s.scalar(select(Commendation.id).where(Commendation.award_type_id == award_type_id)
                                       .order_by(Commendation.year.desc(), Commendation.id).limit(1))
        data = _load(s, [commendation_id])[0][1] if commendation_id is not None else _sample(_award(s, award_type_id))
    out = Path(out_path)
    with _writing(out):
        render_certificates(out, [(data, layout)], 1, title="Xem trước mẫu in", show_boxes=show_boxes)
    return out


def _sample(award: AwardType) -> CertificateData:
    """Lines for an award nobody has received yet, so the layout can still be seen."""
    verb, name = award_heading(award.name, award.category is AwardCategory.TITLE)
    issuer = nfc(award.decided_by or "Chủ tịch Ủy ban nhân dân tỉnh")
    today = date.today()
    return CertificateData(issuer_title=issuer.upper(), verb=verb, award_name=name,
                           recipient="Tên tập thể hoặc cá nhân được khen thưởng",
                           detail="Chức vụ, đơn vị công tác (cá nhân) hoặc cơ quan cấp trên (tập thể)",
                           achievement="Đã có thành tích xuất sắc trong phong trào thi đua năm " + str(today.year - 1),
                           decision=decision_line(None, None), golden_book=golden_book_line(None),
                           place_date=place_date_line(None, None), signer_title=signer_title(issuer, None),
                           signer_name="Họ và tên người ký")


def print_calibration(ws: Workspace, award_type_id: int, printer_name: str,
                      out_path: str | os.PathLike[str]) -> Path:
    """The calibration page on the paper of this award's blank, with the printer's current offset."""
    from thidua_desktop.documents.certificate import render_calibration

    layout = effective_layout(ws, award_type_id, printer_name, CertificateMode.OVERLAY)
    with _writing(Path(out_path)):
        return render_calibration(out_path, layout.paper_w, layout.paper_h, layout.offset_x, layout.offset_y)


@contextmanager
def _writing(out: Path) -> Iterator[None]:
    """A file the machine refuses to write (no folder, read-only, disk full) becomes a Vietnamese message."""
    try:
        yield
    except OSError as exc:
        raise ChangeRefused(f"Không ghi được tệp “{out.name}” vào thư mục {out.parent}: {exc.strerror or exc}.") from exc
