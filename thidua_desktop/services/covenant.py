"""Registration (đăng ký thi đua) and the covenant (giao ước thi đua) of a year.

Signing the covenant freezes the score table version it attaches, so every unit scores
against the table its head signed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from thidua_desktop.db.models import (
    AwardType,
    Covenant,
    CovenantSignatory,
    EmulationYear,
    Membership,
    RegisteredAward,
    Registration,
    ScoreTable,
    Unit,
    utc_now,
)
from thidua_desktop.domain.enums import RecipientKind, ScoreTableState, YearState
from thidua_desktop.domain.text import clean, vi_sort_key

from . import score_tables
from .issuing import head_on
from .workspace import ChangeRefused, Workspace


@dataclass(frozen=True, slots=True)
class RegistrationRow:
    unit_id: int
    unit_name: str
    received_on: date | None
    targets: str | None
    document_ref: str | None
    award_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AwardChoice:
    code: str
    name: str
    collective: bool  # a unit registers for it itself; otherwise it is registered for a named person


# --- registration ----------------------------------------------------------------------------


def award_choices(ws: Workspace) -> list[AwardChoice]:
    """The catalogue's titles and awards in catalogue order, marked whether a unit itself can get them."""
    with ws.read() as s:
        rows = s.execute(select(AwardType.code, AwardType.name, AwardType.recipient)
                         .where(AwardType.active).order_by(AwardType.position, AwardType.id)).all()
    return [AwardChoice(code, name, recipient in (RecipientKind.COLLECTIVE, RecipientKind.ANY))
            for code, name, recipient in rows]



def registrations(ws: Workspace, year_id: int) -> list[RegistrationRow]:
    """Every member unit of the year, registered or not, in Vietnamese order."""
    with ws.read() as s:
        members = s.execute(select(Unit.id, Unit.official_name).join(Membership, Membership.unit_id == Unit.id)
                            .where(Membership.year_id == year_id)).all()
        regs = {r.unit_id: r for r in s.scalars(select(Registration).where(Registration.year_id == year_id)
                                                .options(selectinload(Registration.awards)))}
        codes = dict(s.execute(select(AwardType.id, AwardType.code)).all())
    rows = []
    for unit_id, name in members:
        reg = regs.get(unit_id)
        rows.append(RegistrationRow(unit_id, name, reg.received_on if reg else None, reg.targets if reg else None,
                                    reg.document_ref if reg else None,
                                    tuple(codes[a.award_type_id] for a in reg.awards) if reg else ()))
    return sorted(rows, key=lambda r: vi_sort_key(r.unit_name))


def set_registration(ws: Workspace, year_id: int, unit_id: int, *, received_on: date | None, targets: str | None,
                     award_codes: list[str], document_ref: str | None = None) -> None:
    """Record a unit's registration: when it arrived, its targets, the titles and awards it aims at."""
    def do(s: Session) -> None:
        ids = dict(s.execute(select(AwardType.code, AwardType.id).where(AwardType.code.in_(award_codes))).all())
        unknown = set(award_codes) - set(ids)
        if unknown:
            raise ChangeRefused("Không có danh hiệu/hình thức khen thưởng: " + ", ".join(sorted(unknown)))
        reg = s.scalars(select(Registration).where(Registration.year_id == year_id, Registration.unit_id == unit_id)
                        .options(selectinload(Registration.awards))).first()
        if reg is None:
            reg = Registration(year_id=year_id, unit_id=unit_id)
            s.add(reg)
        reg.received_on, reg.targets, reg.document_ref = received_on, clean(targets) or None, clean(document_ref)
        have = {a.award_type_id: a for a in reg.awards}
        for award_id, line in have.items():
            if award_id not in ids.values():
                reg.awards.remove(line)
        for code in award_codes:
            if ids[code] not in have:
                reg.awards.append(RegisteredAward(award_type_id=ids[code]))

    ws.change(f"Đăng ký thi đua của {_unit_name(ws, unit_id)}", do)


def _unit_name(ws: Workspace, unit_id: int) -> str:
    with ws.read() as s:
        unit = s.get(Unit, unit_id)
        return unit.short_name or unit.official_name


# --- covenant --------------------------------------------------------------------------------


def covenant_of(ws: Workspace, year_id: int) -> Covenant | None:
    with ws.read() as s:
        return s.scalars(select(Covenant).where(Covenant.year_id == year_id)
                         .options(selectinload(Covenant.signatories))).first()


def save_covenant(ws: Workspace, year_id: int, *, title: str, content: str | None, signed_on: date | None,
                  place: str | None) -> int:
    """Create or update the covenant's text, date and place; a new covenant lists every member
    unit as a signatory with its head in office on the signing date."""
    if not clean(title):
        raise ChangeRefused("Cần nhập tên văn bản giao ước.")

    def do(s: Session) -> int:
        covenant = s.scalars(select(Covenant).where(Covenant.year_id == year_id)).first()
        if covenant is None:
            covenant = Covenant(year_id=year_id, title=clean(title))
            s.add(covenant)
            s.flush()
            _fill_signatories(s, covenant, signed_on or date.today())
        elif covenant.signatories and all(x.signed for x in covenant.signatories) and _frozen(s, covenant):
            raise ChangeRefused("Giao ước đã ký; không sửa nội dung được nữa.")
        covenant.title, covenant.content = clean(title), clean(content) or None
        covenant.signed_on, covenant.place = signed_on, clean(place) or None
        covenant.score_table_id = score_tables.current_table_id(s, year_id)
        return covenant.id

    return ws.change("Soạn giao ước thi đua", do)


def _frozen(s: Session, covenant: Covenant) -> bool:
    table = s.get(ScoreTable, covenant.score_table_id) if covenant.score_table_id else None
    return table is not None and table.state is ScoreTableState.FROZEN


def _fill_signatories(s: Session, covenant: Covenant, day: date) -> None:
    members = s.scalars(select(Membership.unit_id).where(Membership.year_id == covenant.year_id)).all()
    for unit_id in members:
        head = head_on(s, unit_id, day)
        s.add(CovenantSignatory(covenant_id=covenant.id, unit_id=unit_id, person_id=head.person_id if head else None,
                                signer_name=head.person.full_name if head else None,
                                signer_post=head.post if head else None))


def set_signatory(ws: Workspace, covenant_id: int, unit_id: int, *, signer_name: str | None,
                  signer_post: str | None, signed: bool) -> None:
    def do(s: Session) -> None:
        line = s.scalars(select(CovenantSignatory).where(CovenantSignatory.covenant_id == covenant_id,
                                                         CovenantSignatory.unit_id == unit_id)).first()
        if line is None:
            line = CovenantSignatory(covenant_id=covenant_id, unit_id=unit_id)
            s.add(line)
        line.signer_name, line.signer_post, line.signed = clean(signer_name), clean(signer_post), signed

    ws.change(f"Người ký giao ước của {_unit_name(ws, unit_id)}", do)


def sign_covenant(ws: Workspace, year_id: int) -> None:
    """The covenant is signed: every signatory marked, the score table frozen, the year moves on."""
    covenant = covenant_of(ws, year_id)
    if covenant is None or covenant.signed_on is None:
        raise ChangeRefused("Cần soạn giao ước và ghi ngày ký trước.")
    missing = [x for x in covenant.signatories if not x.signer_name]
    if missing:
        raise ChangeRefused(f"Còn {len(missing)} đơn vị chưa có người ký giao ước.")
    with ws.read() as s:
        table_id = score_tables.current_table_id(s, year_id)
    if table_id is None:
        raise ChangeRefused("Năm này chưa có bảng điểm để ký kèm giao ước.")
    problems = score_tables.table_view(ws, table_id).problems()
    if problems:
        raise ChangeRefused("Bảng điểm chưa khớp, chưa ký được:\n" + "\n".join(problems))

    def do(s: Session) -> None:
        cov = s.get(Covenant, covenant.id)
        cov.score_table_id = table_id
        for line in s.scalars(select(CovenantSignatory).where(CovenantSignatory.covenant_id == cov.id)):
            line.signed = True
        table = s.get(ScoreTable, table_id)
        if table.state is not ScoreTableState.FROZEN:
            table.state, table.frozen_at = ScoreTableState.FROZEN, utc_now()
        year = s.get(EmulationYear, year_id)
        if year.state is YearState.SETUP:
            year.state = YearState.COVENANT_SIGNED

    ws.change("Ký kết giao ước thi đua, đóng băng bảng điểm", do)
