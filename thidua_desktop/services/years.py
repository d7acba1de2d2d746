"""Emulation years: creating the next one, its leader and deputies, membership, legal bases,
quotas and voting rules, and the rotation history of who led which year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from thidua_desktop.db.models import (
    AwardType,
    EmulationYear,
    EvaluationPeriod,
    LegalBasis,
    Membership,
    Proposal,
    Quota,
    Registration,
    Score,
    ScoreBand,
    Unit,
    VotingRule,
)
from thidua_desktop.domain import defaults
from thidua_desktop.domain.enums import AwardLevel, IssuerMode, MemberRole, RecipientKind
from thidua_desktop.domain.membership import RoleError, check_roles
from thidua_desktop.domain.text import clean, vi_sort_key

from .workspace import ChangeRefused, Workspace

YEAR_FIELDS = {  # field → what the undo menu calls it
    "theme": "chủ đề", "place_name": "địa danh", "issuer_mode": "đơn vị đứng tên văn bản",
    "registration_deadline": "hạn đăng ký thi đua", "covenant_deadline": "hạn ký giao ước",
    "mid_year_deadline": "hạn báo cáo sơ kết", "year_end_deadline": "hạn báo cáo tổng kết",
    "dossier_deadline": "hạn nộp hồ sơ khen thưởng", "note": "ghi chú",
}
VOTING_FIELDS = {"voters", "denominator", "threshold_pct", "threshold_strict", "quorum_pct", "secret_ballot",
                 "self_vote_allowed", "max_rounds", "tie_break_order"}


@dataclass(frozen=True, slots=True)
class MemberRow:
    unit_id: int
    name: str
    short_name: str | None
    role: MemberRole


@dataclass(frozen=True, slots=True)
class RotationRow:
    year: int
    leader: str | None
    deputies: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnitChoice:
    """A unit offered for a year's membership or leadership."""

    unit_id: int
    name: str
    short_name: str | None
    retired_year: int | None

    def active_in(self, year: int) -> bool:
        return self.retired_year is None or self.retired_year > year


@dataclass(frozen=True, slots=True)
class QuotaLine:
    """An award type the bloc may propose, and the year's cap on it (None: no cap)."""

    award_type_id: int
    name: str
    max_count: int | None
    note: str | None


# Award types a bloc proposes for its member units: collective awards of the province and above.
PROPOSABLE_LEVELS = (AwardLevel.BO_TINH, AwardLevel.CHINH_PHU)
PROPOSABLE_RECIPIENTS = (RecipientKind.COLLECTIVE, RecipientKind.ANY)


# --- reading ---------------------------------------------------------------------------------


def list_years(ws: Workspace) -> list[EmulationYear]:
    with ws.read() as s:
        return list(s.scalars(select(EmulationYear).order_by(EmulationYear.year)
                              .options(selectinload(EmulationYear.legal_bases),
                                       selectinload(EmulationYear.voting_rule),
                                       selectinload(EmulationYear.quotas))))


def get_year(ws: Workspace, year_id: int) -> EmulationYear:
    """One year with its legal bases, voting rule and quotas loaded (detached, for display)."""
    with ws.read() as s:
        return s.scalars(select(EmulationYear).where(EmulationYear.id == year_id)
                         .options(selectinload(EmulationYear.legal_bases),
                                  selectinload(EmulationYear.voting_rule),
                                  selectinload(EmulationYear.quotas))).one()


def year_id_of(ws: Workspace, year: int) -> int:
    with ws.read() as s:
        found = s.scalars(select(EmulationYear.id).where(EmulationYear.year == year)).first()
    if found is None:
        raise ChangeRefused(f"Sổ chưa có năm {year}.")
    return found


def members(ws: Workspace, year_id: int) -> list[MemberRow]:
    """The year's members: leader, deputies, then members in Vietnamese order."""
    with ws.read() as s:
        rows = s.execute(select(Membership.unit_id, Unit.official_name, Unit.short_name, Membership.role)
                         .join(Unit, Unit.id == Membership.unit_id).where(Membership.year_id == year_id)).all()
    order = {MemberRole.TRUONG: 0, MemberRole.PHO: 1, MemberRole.THANH_VIEN: 2}
    return sorted((MemberRow(*r) for r in rows), key=lambda m: (order[m.role], vi_sort_key(m.name)))


def rotation_history(ws: Workspace) -> list[RotationRow]:
    """Who led which year, newest first."""
    with ws.read() as s:
        rows = s.execute(select(EmulationYear.year, Unit.short_name, Unit.official_name, Membership.role)
                         .join(Membership, Membership.year_id == EmulationYear.id)
                         .join(Unit, Unit.id == Membership.unit_id)
                         .where(Membership.role.in_([MemberRole.TRUONG, MemberRole.PHO]))).all()
        years = list(s.scalars(select(EmulationYear.year).order_by(EmulationYear.year.desc())))
    history = []
    for year in years:
        mine = [(r.official_name, r.role) for r in rows if r.year == year]
        leader = next((n for n, role in mine if role is MemberRole.TRUONG), None)
        deputies = tuple(sorted((n for n, role in mine if role is MemberRole.PHO), key=vi_sort_key))
        history.append(RotationRow(year, leader, deputies))
    return history


def all_units(ws: Workspace) -> list[UnitChoice]:
    """Every unit of the bloc, retired ones included, in Vietnamese order."""
    with ws.read() as s:
        rows = s.execute(select(Unit.id, Unit.official_name, Unit.short_name, Unit.retired_year)).all()
    return sorted((UnitChoice(*r) for r in rows), key=lambda u: vi_sort_key(u.name))


def units_outside(ws: Workspace, year_id: int) -> list[UnitChoice]:
    """Units that could join the year: not retired by then and not yet members."""
    year = _year_label(ws, year_id)
    inside = {m.unit_id for m in members(ws, year_id)}
    return [u for u in all_units(ws) if u.active_in(year) and u.unit_id not in inside]


def quota_lines(ws: Workspace, year_id: int) -> list[QuotaLine]:
    """The collective awards of the province and above, and any other type the year caps."""
    with ws.read() as s:
        quotas = {q.award_type_id: q for q in s.scalars(select(Quota).where(Quota.year_id == year_id))}
        types = s.scalars(select(AwardType).order_by(AwardType.position, AwardType.id)).all()
    shown = [t for t in types if t.id in quotas or (t.active and t.level in PROPOSABLE_LEVELS
                                                    and t.recipient in PROPOSABLE_RECIPIENTS)]
    return [QuotaLine(t.id, t.name, quotas[t.id].max_count if t.id in quotas else None,
                      quotas[t.id].note if t.id in quotas else None) for t in shown]


# --- creating a year -------------------------------------------------------------------------


def create_year(ws: Workspace, year: int, *, leader_unit_id: int | None = None,
                deputy_unit_ids: tuple[int, ...] = ()) -> int:
    """Add `year`, copying membership, legal bases, quotas, voting rules and bands from the
    latest earlier year (or the defaults of domain.md 1.7–1.8 for the first year)."""
    return ws.change(f"Tạo năm thi đua {year}", lambda s: add_year(s, year, leader_unit_id=leader_unit_id,
                                                                 deputy_unit_ids=deputy_unit_ids).id)


def add_year(s: Session, year: int, *, leader_unit_id: int | None = None, deputy_unit_ids: tuple[int, ...] = (),
             member_unit_ids: list[int] | None = None) -> EmulationYear:
    """The body of creating a year, inside a change. Members are `member_unit_ids` (leader and
    deputies added), or every unit still in the bloc that year; deadlines move on by a year."""
    check_roles([MemberRole.TRUONG] * bool(leader_unit_id) + [MemberRole.PHO] * len(deputy_unit_ids), year=year)
    if s.scalars(select(EmulationYear).where(EmulationYear.year == year)).first():
        raise ChangeRefused(f"Sổ đã có năm {year}.")
    previous = s.scalars(select(EmulationYear).where(EmulationYear.year < year)
                         .order_by(EmulationYear.year.desc())).first()
    new = EmulationYear(year=year)
    s.add(new)
    if previous is not None:
        for key in ("place_name", "issuer_mode", "theme"):
            setattr(new, key, getattr(previous, key))
        for key in DEADLINES:
            setattr(new, key, _a_year_on(getattr(previous, key), year - previous.year))
    s.flush()
    copy_year_settings(s, previous, new)
    roles = {leader_unit_id: MemberRole.TRUONG} if leader_unit_id else {}
    roles.update({u: MemberRole.PHO for u in deputy_unit_ids})
    active = set(s.scalars(select(Unit.id).where((Unit.retired_year.is_(None)) | (Unit.retired_year > year))))
    chosen = active if member_unit_ids is None else set(member_unit_ids) | set(roles)
    retired = chosen - active
    if retired:
        names = ", ".join(s.get(Unit, u).official_name for u in sorted(retired))
        raise ChangeRefused(f"Đơn vị đã rời khối trước năm {year}: {names}.")
    for unit_id in sorted(chosen):
        s.add(Membership(year_id=new.id, unit_id=unit_id, role=roles.get(unit_id, MemberRole.THANH_VIEN)))
    s.flush()
    return new


DEADLINES = ("registration_deadline", "covenant_deadline", "mid_year_deadline", "year_end_deadline",
             "dossier_deadline")


def _a_year_on(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def copy_year_settings(s: Session, previous: EmulationYear | None, new: EmulationYear) -> None:
    if previous is None:
        s.add_all(LegalBasis(year_id=new.id, position=i, text=t) for i, t in enumerate(defaults.LEGAL_BASES))
        codes = dict(s.execute(select(AwardType.code, AwardType.id).where(AwardType.code.in_(defaults.QUOTAS))).all())
        s.add_all(Quota(year_id=new.id, award_type_id=codes[c], max_count=n) for c, n in defaults.QUOTAS.items()
                  if c in codes)
        s.add(VotingRule(year_id=new.id, **defaults.VOTING))
        return
    s.add_all(LegalBasis(year_id=new.id, position=b.position, text=b.text) for b in previous.legal_bases)
    s.add_all(Quota(year_id=new.id, award_type_id=q.award_type_id, max_count=q.max_count, max_percent=q.max_percent,
                    rounding=q.rounding, note=q.note) for q in previous.quotas)
    s.add_all(ScoreBand(year_id=new.id, min_score=b.min_score, label=b.label) for b in previous.score_bands)
    rule = previous.voting_rule
    values = {k: getattr(rule, k) for k in VOTING_FIELDS} if rule else dict(defaults.VOTING)
    s.add(VotingRule(year_id=new.id, **values))


# --- roles and membership --------------------------------------------------------------------


def set_role(ws: Workspace, year_id: int, unit_id: int, role: MemberRole) -> None:
    """Give a unit its role for the year. A new Trưởng khối replaces the old one, who becomes
    a member; a third Phó khối is refused with a message."""
    def do(s: Session) -> None:
        year = s.get(EmulationYear, year_id)
        rows = {m.unit_id: m for m in s.scalars(select(Membership).where(Membership.year_id == year_id))}
        if unit_id not in rows:
            rows[unit_id] = Membership(year_id=year_id, unit_id=unit_id)
            s.add(rows[unit_id])
        if role is MemberRole.TRUONG:
            for other in rows.values():
                if other.role is MemberRole.TRUONG and other.unit_id != unit_id:
                    other.role = MemberRole.THANH_VIEN
            s.flush()  # the one-leader index checks row by row
        rows[unit_id].role = role
        try:
            check_roles((m.role for m in rows.values()), year=year.year)
        except RoleError as exc:
            raise ChangeRefused(str(exc)) from None

    ws.change(f"{role.label}: {_unit_label(ws, unit_id)} (năm {_year_label(ws, year_id)})", do)


def add_members(ws: Workspace, year_id: int, unit_ids: list[int]) -> None:
    """Add units to the year as members (one undoable change)."""
    year = _year_label(ws, year_id)

    def do(s: Session) -> None:
        inside = set(s.scalars(select(Membership.unit_id).where(Membership.year_id == year_id)))
        for unit_id in unit_ids:
            unit = s.get(Unit, unit_id)
            if unit.retired_year is not None and unit.retired_year <= year:
                raise ChangeRefused(f"{unit.official_name} đã thôi tham gia khối từ năm {unit.retired_year}.")
            if unit_id not in inside:
                s.add(Membership(year_id=year_id, unit_id=unit_id, role=MemberRole.THANH_VIEN))

    names = ", ".join(_unit_label(ws, u) for u in unit_ids)
    ws.change(f"Thêm {names} vào danh sách năm {year}", do)


def remove_member(ws: Workspace, year_id: int, unit_id: int) -> None:
    """Take a unit off the year's list; refused once the year holds its scores, registration
    or proposals (a unit that leaves the bloc is retired instead)."""
    year, unit = _year_label(ws, year_id), _unit_label(ws, unit_id)

    def do(s: Session) -> None:
        member = s.scalars(select(Membership).where(Membership.year_id == year_id,
                                                    Membership.unit_id == unit_id)).one()
        if _has_year_data(s, year_id, unit_id):
            raise ChangeRefused(f"{unit} đã có số liệu của năm {year} (đăng ký, điểm chấm "
                                "hoặc đề nghị khen thưởng) nên không bỏ khỏi danh sách được.")
        s.delete(member)

    ws.change(f"Bỏ {unit} khỏi danh sách năm {year}", do)


def _has_year_data(s: Session, year_id: int, unit_id: int) -> bool:
    queries = (
        select(Registration.id).where(Registration.year_id == year_id, Registration.unit_id == unit_id),
        select(Score.id).join(EvaluationPeriod, EvaluationPeriod.id == Score.period_id)
        .where(EvaluationPeriod.year_id == year_id, Score.unit_id == unit_id),
        select(Proposal.id).where(Proposal.year_id == year_id, Proposal.unit_id == unit_id),
    )
    return any(s.scalars(q.limit(1)).first() is not None for q in queries)


def _unit_label(ws: Workspace, unit_id: int) -> str:
    with ws.read() as s:
        unit = s.get(Unit, unit_id)
        return unit.short_name or unit.official_name


def _year_label(ws: Workspace, year_id: int) -> int:
    with ws.read() as s:
        return s.get(EmulationYear, year_id).year


# --- settings of a year ----------------------------------------------------------------------


def update_year(ws: Workspace, year_id: int, **fields: Any) -> None:
    """Change the year's own fields; an empty text clears the field."""
    unknown = set(fields) - set(YEAR_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")

    def do(s: Session) -> None:
        year = s.get(EmulationYear, year_id)
        for key, value in fields.items():
            value = (clean(value) or None) if isinstance(value, str) else value
            setattr(year, key, IssuerMode(value) if key == "issuer_mode" else value)

    what = YEAR_FIELDS[next(iter(fields))] if len(fields) == 1 else "thông tin"
    ws.change(f"Sửa {what} năm {_year_label(ws, year_id)}", do)


def basis_lines(lines: list[str]) -> list[str]:
    """Căn cứ lines as stored: cleaned, without the closing ";" or ".", empty lines dropped."""
    return [t for t in (clean(clean(line).rstrip(";.")) for line in lines) if t]


def set_legal_bases(ws: Workspace, year_id: int, lines: list[str]) -> None:
    """Replace the year's căn cứ lines (one per line; empty lines dropped)."""
    texts = basis_lines(lines)

    def do(s: Session) -> None:
        current = s.scalars(select(LegalBasis).where(LegalBasis.year_id == year_id)
                            .order_by(LegalBasis.position)).all()
        if [b.text for b in current] == texts:
            return
        for basis in current:
            s.delete(basis)
        s.flush()
        s.add_all(LegalBasis(year_id=year_id, position=i, text=t) for i, t in enumerate(texts))

    ws.change(f"Sửa căn cứ pháp lý năm {_year_label(ws, year_id)}", do)


def set_quota(ws: Workspace, year_id: int, award_type_id: int, max_count: int | None) -> None:
    """Cap the proposals of an award type for the year; None removes the cap."""
    if max_count is not None and max_count < 0:
        raise ChangeRefused("Số lượng đề nghị tối đa không được âm.")

    def do(s: Session) -> None:
        quota = s.scalars(select(Quota).where(Quota.year_id == year_id, Quota.award_type_id == award_type_id)).first()
        if max_count is None:
            if quota is not None:
                s.delete(quota)
        elif quota is None:
            s.add(Quota(year_id=year_id, award_type_id=award_type_id, max_count=max_count))
        else:
            quota.max_count = max_count

    ws.change(f"Sửa chỉ tiêu đề nghị năm {_year_label(ws, year_id)}", do)


def update_voting_rule(ws: Workspace, year_id: int, **fields: Any) -> None:
    unknown = set(fields) - VOTING_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if "threshold_pct" in fields and not 0 < fields["threshold_pct"] <= 100:
        raise ChangeRefused("Tỷ lệ phiếu cần đạt phải lớn hơn 0% và không quá 100%.")
    if "quorum_pct" in fields and not 0 < fields["quorum_pct"] <= 100:
        raise ChangeRefused("Tỷ lệ có mặt tối thiểu phải lớn hơn 0% và không quá 100%.")
    if "max_rounds" in fields and not 1 <= fields["max_rounds"] <= 5:
        raise ChangeRefused("Số vòng bỏ phiếu phải từ 1 đến 5.")

    def do(s: Session) -> None:
        rule = s.scalars(select(VotingRule).where(VotingRule.year_id == year_id)).first()
        if rule is None:
            rule = VotingRule(year_id=year_id, **defaults.VOTING)
            s.add(rule)
        for key, value in fields.items():
            setattr(rule, key, value)

    ws.change(f"Sửa quy tắc bình xét năm {_year_label(ws, year_id)}", do)


def restore_default_quotas(ws: Workspace, year_id: int) -> None:
    """Put the year's quotas back to the defaults of domain/defaults.py (other caps removed)."""
    def do(s: Session) -> None:
        codes = dict(s.execute(select(AwardType.code, AwardType.id).where(AwardType.code.in_(defaults.QUOTAS))).all())
        wanted = {codes[c]: n for c, n in defaults.QUOTAS.items() if c in codes}
        for quota in s.scalars(select(Quota).where(Quota.year_id == year_id)):
            if quota.award_type_id not in wanted:
                s.delete(quota)
            else:
                quota.max_count = wanted.pop(quota.award_type_id)
        s.add_all(Quota(year_id=year_id, award_type_id=t, max_count=n) for t, n in wanted.items())

    ws.change(f"Đặt lại chỉ tiêu đề nghị mặc định năm {_year_label(ws, year_id)}", do)


def restore_default_voting_rule(ws: Workspace, year_id: int) -> None:
    update_voting_rule(ws, year_id, **defaults.VOTING)
