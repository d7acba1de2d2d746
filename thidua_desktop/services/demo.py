"""A realistic demo workbook: a Lai Châu bloc with several years of history.

``build_demo_workbook`` writes a new .thidua file with the bloc, its member units with their
heads and staff, every emulation year up to the current one (legal bases, quotas, voting
rule, score bands, rotating Trưởng/Phó khối, registrations, covenant and score table), the
scores of every period, the locked periods' results computed with ``domain.scoring`` and
``domain.ranking``, and for each past year the year-end meeting with its ballots, the
proposals, the provincial decisions and the commendation register. The current year has its
mid-year period locked and its year-end period open with the units' self-scores.

Everything comes from ``random.Random(seed)``: the same arguments give the same workbook
(apart from uids and timestamps). Names of people and numbers of documents are invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.db.models import (
    AdjustmentRule,
    AwardType,
    Bloc,
    Criterion,
    EmulationYear,
    EvaluationPeriod,
    LegalBasis,
    Membership,
    PeriodResult,
    Person,
    Quota,
    Score,
    ScoreAdjustment,
    ScoreBand,
    ScoreSection,
    ScoreTable,
    Unit,
    UnitHead,
    VotingRule,
)
from thidua_desktop.db.workbook_file import create_workbook
from thidua_desktop.domain import defaults
from thidua_desktop.domain.enums import (
    AwardCategory,
    AwardLevel,
    BlocKind,
    BlocLevel,
    CriterionKind,
    MAX_DEPUTIES,
    Gender,
    MemberRole,
    PeriodKind,
    RecipientKind,
    ScoredBy,
    ScoreTableState,
    TieBreak,
    UnitType,
    YearState,
)
from thidua_desktop.domain.period import AdjustmentLine, CriterionLine, PeriodModel, UnitLine, inputs_from, score_period
from thidua_desktop.domain import scoring
from thidua_desktop.domain.scoring import CriterionRule

from . import demo_data as D
from .demo_history import History, bulk_insert

CURRENT_YEAR = 2026
MIN_CRITERIA = 4  # one per section
MAX_CRITERIA = 500
MAX_UNITS = len(D.CORE_UNITS) + len(D.OTHER_UNITS) + 2 * len(D.COMMUNES)
SECTION_SHARES = (Fraction(40, 100), Fraction(20, 100), Fraction(15, 100), Fraction(25, 100))
BANDS = ((Decimal(95), "Xuất sắc"), (Decimal(85), "Tốt"), (Decimal(70), "Khá"))
_CENT = Decimal("0.01")
_QUARTER = Decimal("0.25")
_SCORE_KEYS = ("self_value", "self_grade", "self_actual", "self_plan", "self_note", "appraised_value",
               "appraised_grade", "appraised_actual", "appraised_plan", "appraisal_note", "appraiser_unit_id",
               "provincial_value", "provincial_grade", "provincial_note", "final_value", "final_note", "evidence")


def build_demo_workbook(path: Path, *, years: int = 4, units: int = 10, criteria: int = 30, seed: int = 2025,
                        current_year: int = CURRENT_YEAR) -> Path:
    """Write a demo workbook at `path` (which must not exist) and return the path.

    `years` emulation years end with `current_year`; `units` member units; `criteria` scored
    criteria per score table (headings come on top), their maximum points totalling 100.
    """
    if not 1 <= years <= 30:
        raise ValueError("Số năm của sổ minh họa phải từ 1 đến 30.")
    if not 1 <= units <= MAX_UNITS:
        raise ValueError(f"Số đơn vị của sổ minh họa phải từ 1 đến {MAX_UNITS}.")
    if not MIN_CRITERIA <= criteria <= MAX_CRITERIA:
        raise ValueError(f"Số tiêu chí của sổ minh họa phải từ {MIN_CRITERIA} đến {MAX_CRITERIA}.")
    builder = _Builder(random.Random(seed), years=years, units=units, criteria=criteria, current_year=current_year)
    return create_workbook(Path(path), bloc_name=builder.bloc_name, populate=builder.populate)


def bloc_name_for(units: int) -> str:
    if units <= D.PARTY_CORE:
        return f"Khối thi đua các cơ quan Đảng tỉnh {D.PROVINCE}"
    if units <= len(D.CORE_UNITS):
        return f"Khối thi đua các cơ quan Đảng, Mặt trận và đoàn thể tỉnh {D.PROVINCE}"
    return f"Khối thi đua các cơ quan Đảng, đoàn thể và sở, ngành tỉnh {D.PROVINCE}"


# --- scoring of stored inputs ------------------------------------------------------------------


# --- what the builder keeps in memory ---------------------------------------------------------


@dataclass(slots=True, eq=False)
class DemoPerson:
    name: str
    gender: Gender
    post: str
    born: int
    id: int = 0


@dataclass(slots=True)
class DemoHead:
    person: DemoPerson
    start: date
    end: date | None


@dataclass(slots=True, eq=False)
class DemoUnit:
    id: int
    name: str
    short: str
    symbol: str
    superior: str
    type: UnitType
    head_post: str
    title: str  # the head's full title, "Trưởng Ban Tổ chức Tỉnh ủy"
    counterpart: str  # the central body whose Bằng khen the unit may receive
    strength: float
    female_pct: float
    heads: list[DemoHead] = field(default_factory=list)
    staff: list[DemoPerson] = field(default_factory=list)

    @property
    def party(self) -> bool:
        return self.superior == D.TINH_UY

    def head_on(self, day: date) -> DemoPerson:
        for head in self.heads:
            if head.start <= day and (head.end is None or day <= head.end):
                return head.person
        return self.heads[0].person if day < self.heads[0].start else self.heads[-1].person

    def doc_no(self, number: int, kind: str) -> str:
        """Party bodies number as "15-QĐ/VPTU", state bodies as "15/QĐ-SNV"."""
        return f"{number}-{kind}/{self.symbol}" if self.party else f"{number}/{kind}-{self.symbol}"

    def detail(self, person: DemoPerson) -> str:
        return person.post if self.name in person.post else f"{person.post}, {self.name}"


@dataclass(slots=True)
class DemoLeaf:
    id: int
    code: str
    section: str
    by: ScoredBy
    rule: CriterionRule
    plan: float | None
    uom: str | None


@dataclass(slots=True)
class DemoTable:
    id: int
    leaves: list[DemoLeaf]
    sections: tuple[str, ...]
    rules: dict[str, tuple[int, scoring.AdjustmentRule, ScoredBy]]
    bonus_cap: Decimal  # the table's cap on the quantitative bonus


@dataclass(slots=True)
class DemoYear:
    year: int
    id: int
    past: bool
    leader: DemoUnit
    deputies: list[DemoUnit]
    table: DemoTable
    female: dict[int, Decimal]
    tie_breaks: tuple[TieBreak, ...]
    signed: datetime  # the covenant, which froze the score table
    form: dict[int, float]  # how well each unit does this year, around its usual strength


@dataclass(slots=True, eq=False)
class UnitResult:
    unit: DemoUnit
    total: Decimal
    self_total: Decimal
    rank: int
    position: int
    band: str | None
    disqualified: bool


# --- the builder ------------------------------------------------------------------------------


class _Builder:
    def __init__(self, rng: random.Random, *, years: int, units: int, criteria: int, current_year: int) -> None:
        self.rng = rng
        self.n_units = units
        self.n_criteria = criteria
        self.current = current_year
        self.first = current_year - years + 1
        self.bloc_name = bloc_name_for(units)
        self.spec = self._table_spec()
        self.s: Session
        self.award: dict[str, int] = {}
        self.units: list[DemoUnit] = []
        self.used_names: set[str] = set()

    # -- entry point --

    def populate(self, s: Session) -> None:
        self.s = s
        bloc = s.scalars(select(Bloc)).one()
        bloc.short_name = "Khối Đảng tỉnh" if self.n_units <= len(D.CORE_UNITS) else "Khối Đảng – sở, ngành"
        bloc.kind, bloc.level, bloc.province = BlocKind.KHOI, BlocLevel.TINH, D.PROVINCE
        bloc.organising_body = D.UBND_TINH
        bloc.founding_decision = ("Quyết định số 1527/QĐ-UBND ngày 20 tháng 11 năm 2020 của Ủy ban nhân dân tỉnh "
                                  "Lai Châu về việc chia cụm, khối thi đua của tỉnh")
        bloc.symbol = "KTĐ"
        bloc.note = "Sổ thi đua minh họa: tên người, số và ngày văn bản là giả định."
        self.award = dict(s.execute(select(AwardType.code, AwardType.id)).all())
        ministry = AwardType(code="BK_BO", name="Bằng khen của Bộ, ban, ngành, đoàn thể Trung ương",
                             short_name="BK Bộ, ngành", category=AwardCategory.FORM, recipient=RecipientKind.ANY,
                             level=AwardLevel.BO_TINH, decided_by="Bộ trưởng, Thủ trưởng cơ quan Trung ương",
                             legal_ref="Điều 74", position=len(self.award) + 1)
        s.add(ministry)
        s.flush()
        self.award[ministry.code] = ministry.id
        self._make_units()
        history = History(self)
        rotation = self.rng.sample(self.units, len(self.units))

        def line_up(i: int) -> tuple[DemoUnit, list[DemoUnit]]:
            """Year i's Trưởng khối and Phó khối: each deputy leads the bloc a year or two later."""
            n = len(rotation)
            return rotation[i % n], [rotation[(i + k) % n] for k in range(1, min(n, MAX_DEPUTIES + 1))]

        for i, year in enumerate(range(self.first, self.current + 1)):
            y = self._year(year, *line_up(i))
            history.run_year(y, *line_up(i + 1))
        history.before_first_year()

    # -- units and people --

    def _make_units(self) -> None:
        rng = self.rng
        rows = list(D.CORE_UNITS)
        extra = [(name, _shorten(name), sym, sup, typ, post, cp) for name, sym, sup, typ, post, cp in D.OTHER_UNITS]
        symbols = {r[2] for r in rows} | {r[2] for r in extra}
        for place in D.COMMUNES:
            initials = "".join(w[0].upper() for w in place.split()[1:])
            for prefix, sym, sup, typ, post, cp in (
                    ("Đảng ủy", "ĐU", D.TINH_UY, UnitType.DANG, "Bí thư", "Ban Tổ chức Trung ương"),
                    ("Ủy ban nhân dân", "UB", D.UBND_TINH, UnitType.DIA_PHUONG, "Chủ tịch", "Bộ Nội vụ")):
                symbol, k = sym + initials, 2
                while symbol in symbols:
                    symbol, k = f"{sym}{initials}{k}", k + 1
                symbols.add(symbol)
                extra.append((f"{prefix} {place}", _shorten(f"{prefix} {place}"), symbol, sup, typ, post, cp))
        departments, communes = extra[: len(D.OTHER_UNITS)], extra[len(D.OTHER_UNITS):]
        rng.shuffle(departments)
        rng.shuffle(communes)
        chosen = (rows + departments + communes)[: self.n_units]
        objects = []
        for name, short, symbol, superior, utype, post, counterpart in chosen:
            ascii_symbol = symbol.replace("Đ", "D").lower()
            unit = Unit(official_name=name, short_name=short, symbol=symbol, superior_body=superior, unit_type=utype,
                        address=f"Phường Tân Phong, tỉnh {D.PROVINCE}", phone=f"0213 38{rng.randint(10000, 99999)}",
                        email=f"{ascii_symbol}@laichau.gov.vn", holds_seal=True,
                        joined_year=self.first - rng.randint(0, 6))
            objects.append(unit)
        self.s.add_all(objects)
        self.s.flush()
        for unit, (name, short, symbol, superior, utype, post, counterpart) in zip(objects, chosen):
            female = 85.0 if symbol in D.WOMEN_LED else rng.uniform(25, 65)
            self.units.append(DemoUnit(unit.id, name, short, symbol, superior, utype, post, _title(post, name),
                                       counterpart, rng.uniform(0.86, 0.97), female))
        persons, heads = [], []
        for u in self.units:
            start = date(self.first - rng.randint(1, 6), rng.randint(1, 12), 1)
            women_led = u.symbol in D.WOMEN_LED
            first = self._person(u.title, female=women_led or rng.random() < 0.2, born=(1964, 1978))
            u.heads.append(DemoHead(first, start, None))
            if self.current > self.first and rng.random() < 0.25:  # a new head during the bloc's years
                change = date(rng.randint(self.first + 1, self.current), rng.randint(3, 10), 1)
                u.heads[0].end = change - timedelta(days=1)
                u.heads.append(DemoHead(self._person(u.title, female=women_led or rng.random() < 0.2,
                                                     born=(1968, 1980)), change, None))
            posts = D.PRESS_POSTS if u.symbol == "BLC" else D.STAFF_POSTS
            u.staff.append(self._person("Phó " + u.title, female=women_led or rng.random() < 0.4,
                                        born=(1970, 1985)))
            for post in rng.sample(posts, rng.randint(1, 3)):
                u.staff.append(self._person(post, female=women_led or rng.random() < 0.55, born=(1975, 1998)))
            for p in [h.person for h in u.heads] + u.staff:
                retired = p is u.heads[0].person and u.heads[0].end is not None
                persons.append(Person(unit_id=u.id, full_name=p.name, gender=p.gender, birth_year=p.born,
                                      post=("Nguyên " + p.post) if retired else p.post, active=not retired,
                                      note="Nghỉ hưu theo chế độ" if retired else None))
        self.s.add_all(persons)
        self.s.flush()
        by_name = {p.full_name: p for p in persons}
        for u in self.units:
            for p in [h.person for h in u.heads] + u.staff:
                p.id = by_name[p.name].id
            heads.extend(UnitHead(unit_id=u.id, person_id=h.person.id, post=u.head_post, start_date=h.start,
                                  end_date=h.end) for h in u.heads)
        self.s.add_all(heads)

    def _person(self, post: str, *, female: bool, born: tuple[int, int]) -> DemoPerson:
        return DemoPerson(self.new_name(female), Gender.NU if female else Gender.NAM, post, self.rng.randint(*born))

    def new_name(self, female: bool) -> str:
        """A Vietnamese full name (Kinh, Thái or Mông) not given to anyone else in the workbook."""
        rng = self.rng
        while True:
            family = rng.choice(rng.choice((D.KINH, D.KINH, D.THAI, D.HMONG)))
            if female:
                middle = "Thị" if family in D.HMONG else rng.choice(D.MIDDLE_FEMALE)
                given = rng.choice(D.GIVEN_FEMALE)
            elif family in D.HMONG:
                middle, given = "A", rng.choice(D.GIVEN_HMONG_MALE)
            else:
                middle = "Văn" if family in D.THAI else rng.choice(D.MIDDLE_MALE)
                given = rng.choice(D.GIVEN_MALE)
            name = f"{family} {middle} {given}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    # -- the score table --

    def _table_spec(self) -> list[tuple]:
        """Sections with their criteria: (code, title, max, scored_by, evidence, items), where an item is
        (heading text or None, [(leaf, max points)])."""
        counts = _largest_remainder(self.n_criteria, SECTION_SHARES, minimum=1)
        spec = []
        for (code, title, top, by, evidence, groups, topics), count in zip(D.SECTIONS, counts):
            items: list[tuple[str | None, list]] = []
            left = count
            for heading, leaves in groups:
                if left <= 0:
                    break
                items.append((heading, list(leaves[:left])))
                left -= len(items[-1][1])
            children = [leaf for leaf in D.TOPIC_LEAVES
                        if by is not ScoredBy.PROVINCIAL or leaf[1] not in (CriterionKind.RATIO,
                                                                            CriterionKind.INVERSE_RATIO)]
            round_no = 1
            while left > 0:
                for topic in topics:
                    if left <= 0:
                        break
                    take = min(left, self.rng.choice((2, 3, 3, 4)), len(children))
                    heading = topic if round_no == 1 else f"{topic} (nội dung bổ sung {round_no})"
                    items.append((heading, list(children[:take])))
                    left -= take
                round_no += 1
            flat = [leaf for _, leaves in items for leaf in leaves]
            points = _split(Decimal(top), [leaf[4] for leaf in flat])
            it = iter(points)
            spec.append((code, title, Decimal(top), by, evidence,
                         [(heading, [(leaf, next(it)) for leaf in leaves]) for heading, leaves in items]))
        return spec

    def _table(self, year_id: int, year: int, signed: datetime) -> DemoTable:
        s = self.s
        table = ScoreTable(year_id=year_id, version=1, name=f"Bảng điểm thi đua năm {year} của {self.bloc_name}",
                           max_points=Decimal(100), quantitative_bonus_cap=Decimal(20),
                           state=ScoreTableState.FROZEN, frozen_at=signed, created_at=signed - timedelta(days=20))
        s.add(table)
        s.flush()
        sections = [ScoreSection(table_id=table.id, position=i, code=code, title=title, max_points=top, scored_by=by)
                    for i, (code, title, top, by, _, _) in enumerate(self.spec)]
        s.add_all(sections)
        s.flush()
        leaves: list[DemoLeaf] = []
        position = number = 0
        for section, (_, _, _, by, evidence, items) in zip(sections, self.spec):
            for heading, children in items:
                parent = None
                if heading is not None and len(children) > 1:  # "3" heading "3.1", "3.2" …
                    number += 1
                    parent = Criterion(table_id=table.id, section_id=section.id, position=position, code=str(number),
                                       text=heading, max_points=sum((p for _, p in children), Decimal(0)),
                                       kind=CriterionKind.MANUAL)
                    s.add(parent)
                    s.flush()
                    position += 1
                made = []
                for k, ((text, kind, uom, plan, _, guidance), top) in enumerate(children, start=1):
                    if parent is None:
                        number += 1
                        if heading is not None:  # a topic cut down to one criterion keeps its name
                            text = f"{heading}: {text[0].lower()}{text[1:]}"
                    c = Criterion(table_id=table.id, section_id=section.id, parent_id=parent.id if parent else None,
                                  position=position, code=f"{number}.{k}" if parent else str(number), text=text,
                                  max_points=top, kind=kind, unit_of_measure=uom,
                                  bonus_cap_pct=Decimal(10) if plan is not None else None,
                                  guidance=guidance or D.GUIDANCE[kind], evidence_expected=evidence)
                    if kind is CriterionKind.GRADE:  # left unset otherwise: JSON would store a 'null'
                        c.grade_points = _grade_map(top)
                    made.append((c, plan, uom))
                    position += 1
                s.add_all(c for c, _, _ in made)
                s.flush()
                for c, plan, uom in made:
                    rule = CriterionRule(c.code, c.max_points, c.kind, grade_points=c.grade_points,
                                         **({"bonus_cap_pct": c.bonus_cap_pct} if c.bonus_cap_pct is not None else {}))
                    leaves.append(DemoLeaf(c.id, c.code, section.code, by, rule, plan, uom))
        rules = {}
        for i, (code, kind, text, points, per, cap, by, disq) in enumerate(D.ADJUSTMENTS):
            row = AdjustmentRule(table_id=table.id, position=i, kind=kind, code=code, text=text, points=Decimal(points),
                                 per_occurrence=per, cap=None if cap is None else Decimal(cap), scored_by=by,
                                 disqualifies=disq)
            s.add(row)
            s.flush()
            rules[code] = (row.id, scoring.AdjustmentRule(code, kind, Decimal(points), per,
                                                  None if cap is None else Decimal(cap), disq), by)
        return DemoTable(table.id, leaves, tuple(sec.code for sec in sections), rules, table.quantitative_bonus_cap)

    # -- a year --

    def _year(self, year: int, leader: DemoUnit, deputies: list[DemoUnit]) -> DemoYear:
        s, rng = self.s, self.rng
        past = year < self.current
        row = EmulationYear(year=year, state=YearState.HANDED_OVER if past else YearState.SCORING,
                            theme=D.THEMES.get(year, D.DEFAULT_THEME), place_name=D.PROVINCE,
                            registration_deadline=date(year, 1, 5), covenant_deadline=date(year, 1, 31),
                            mid_year_deadline=date(year, 7, 31), year_end_deadline=date(year + 1, 1, 10),
                            dossier_deadline=date(year + 1, 1, 20))
        s.add(row)
        s.flush()
        s.add_all(LegalBasis(year_id=row.id, position=i, text=t) for i, t in enumerate(self._legal_bases(year)))
        s.add_all(Quota(year_id=row.id, award_type_id=self.award[code], max_count=n,
                        note="Theo hướng dẫn của Hội đồng Thi đua – Khen thưởng tỉnh")
                  for code, n in defaults.QUOTAS.items())
        s.add(VotingRule(year_id=row.id, **defaults.VOTING))
        s.add_all(ScoreBand(year_id=row.id, min_score=m, label=label) for m, label in BANDS)
        female = {u.id: Decimal(str(round(min(95.0, max(5.0, u.female_pct + rng.uniform(-3, 3))), 2)))
                  for u in self.units}
        roles = {u.id: MemberRole.PHO for u in deputies} | {leader.id: MemberRole.TRUONG}
        s.execute(bulk_insert(Membership), [
            {"year_id": row.id, "unit_id": u.id, "role": roles.get(u.id, MemberRole.THANH_VIEN),
             "female_share_pct": female[u.id]} for u in self.units])
        signed = datetime(year, 1, rng.randint(12, 26), 8, 0)
        table = self._table(row.id, year, signed)
        return DemoYear(year, row.id, past, leader, deputies, table, female,
                        tuple(TieBreak(c) for c in defaults.VOTING["tie_break_order"]), signed,
                        {u.id: rng.gauss(0, 0.03) for u in self.units})

    def _legal_bases(self, year: int) -> list[str]:
        law, nd152, tt15 = defaults.LEGAL_BASES
        if year <= 2017:
            lines = [D.LAW_2003, D.ND_42]
        elif year <= 2023:
            lines = [D.LAW_2003, D.ND_91]
        elif year == 2024:
            lines = [law, D.ND_98]
        elif year == 2025:
            lines = [law, D.ND_98, nd152, tt15]
        else:
            lines = [law, nd152, tt15]
        provincial = [text for since, text in D.PROVINCIAL_RULES if since <= year][-1]
        return [*lines, provincial, D.BLOC_PLAN.format(year=year, bloc=self.bloc_name)]

    # -- scores of a period --

    def score_period(self, y: DemoYear, kind: PeriodKind, *, locked_at: datetime | None, locked_by: str | None,
                     adjustments: list[tuple[DemoUnit, str, int | None, int, str]],
                     unscored: frozenset[int] = frozenset(), partial: frozenset[int] = frozenset(),
                     final_override: bool = False) -> dict[int, UnitResult]:
        """Add a period with its scores and adjustments and, if locked, its PeriodResult rows.
        Returns the results by unit id (none for an open period)."""
        s, rng = self.s, self.rng
        deadline = date(y.year, 7, 31) if kind is PeriodKind.MID_YEAR else date(y.year + 1, 1, 10)
        period = EvaluationPeriod(year_id=y.id, kind=kind, score_table_id=y.table.id, deadline=deadline,
                                  locked=locked_at is not None, locked_at=locked_at, locked_by=locked_by)
        s.add(period)
        s.flush()
        appraised = locked_at is not None
        appraisers = [y.leader, *y.deputies]
        rows_by_unit: dict[int, dict[int, dict]] = {}
        all_rows = []
        for i, u in enumerate(self.units):
            if u.id in unscored:
                continue
            q_unit = u.strength + y.form[u.id] + rng.gauss(0, 0.015 if kind is PeriodKind.MID_YEAR else 0.01)
            appraiser = next((a for a in appraisers[i % len(appraisers):] + appraisers if a is not u), y.leader)
            leaves = y.table.leaves
            if u.id in partial:
                leaves = [leaf for leaf in leaves if leaf.section == y.table.sections[0]]
            mine = rows_by_unit.setdefault(u.id, {})
            for leaf in leaves:
                if not appraised and leaf.by is ScoredBy.PROVINCIAL:
                    continue
                row = dict.fromkeys(_SCORE_KEYS)
                row.update(period_id=period.id, unit_id=u.id, criterion_id=leaf.id)
                self._inputs(row, leaf, u, min(1.0, q_unit + rng.gauss(0, 0.05)), kind, appraised, y.year)
                if appraised and leaf.by is not ScoredBy.PROVINCIAL:
                    row["appraiser_unit_id"] = appraiser.id
                mine[leaf.id] = row
                all_rows.append(row)
        if final_override:  # the meeting agreed one figure other than the appraised one
            tops = {leaf.id: leaf.rule.max_points for leaf in y.table.leaves}
            candidates = [r for r in all_rows if r["appraised_value"] is not None
                          and r["appraised_value"] + _QUARTER <= tops[r["criterion_id"]]]
            if candidates:
                row = rng.choice(candidates)
                row["final_value"] = row["appraised_value"] + _QUARTER
                row["final_note"] = "Hội nghị Khối thống nhất điều chỉnh sau khi đơn vị bổ sung tài liệu kiểm chứng."
        if all_rows:
            s.execute(bulk_insert(Score), all_rows)
        adj_rows = []
        for unit, code, self_occ, occ, note in adjustments:
            adj_rows.append({"period_id": period.id, "unit_id": unit.id, "rule_id": y.table.rules[code][0],
                             "self_occurrences": self_occ, "occurrences": occ, "note": note, "evidence": None})
        if adj_rows:
            s.execute(bulk_insert(ScoreAdjustment), adj_rows)
        if not appraised:
            return {}
        results = self._results(y, rows_by_unit, adjustments)
        s.add_all(PeriodResult(period_id=period.id, unit_id=r.unit.id, self_total=r.self_total, total=r.total,
                               rank=r.rank, band=r.band, disqualified=r.disqualified) for r in results.values())
        return results

    def _inputs(self, row: dict, leaf: DemoLeaf, u: DemoUnit, q: float, kind: PeriodKind, appraised: bool,
                year: int) -> None:
        rng, rule = self.rng, leaf.rule
        top, k = rule.max_points, rule.kind
        if leaf.by is ScoredBy.PROVINCIAL:
            if k is CriterionKind.GRADE:
                row["provincial_grade"] = _grade(q)
            elif k is CriterionKind.YES_NO:
                row["provincial_value"] = Decimal(int(rng.random() < q + 0.06))
            else:
                row["provincial_value"] = _steps(top, q)
            return
        lowered = appraised and rng.random() < 0.13
        if k is CriterionKind.MANUAL:
            own = _steps(top, min(1.0, q + 0.03))
            row["self_value"] = own
            step = _QUARTER if top % _QUARTER == 0 else _CENT
            row["appraised_value"] = max(Decimal(0), own - step * rng.randint(1, 2)) if lowered else own
        elif k is CriterionKind.YES_NO:
            own = Decimal(int(rng.random() < min(0.99, q + 0.08)))
            row["self_value"] = own
            row["appraised_value"] = Decimal(0) if lowered and own else own
        elif k is CriterionKind.GRADE:
            own = _grade(min(1.0, q + 0.02))
            row["self_grade"] = own
            row["appraised_grade"] = "ABCD"[min(3, "ABCD".index(own) + 1)] if lowered else own
        else:
            plan = leaf.plan if kind is PeriodKind.YEAR_END or leaf.uom == "%" else float(-(-leaf.plan // 2))
            if k is CriterionKind.RATIO:
                ratio = q + 0.06 + rng.gauss(0, 0.04)
                if leaf.uom == "%":
                    actual = round(min(100.0, plan * ratio), 1)
                    cut = round(actual * 0.97, 1)
                else:
                    actual = float(max(0, round(plan * ratio)))
                    cut = max(0.0, actual - 1)
            else:
                actual = float(max(0, round(rng.gauss(plan * (1.4 - q) - 0.3, 0.8))))
                cut = actual + 1
            row["self_actual"], row["self_plan"] = actual, plan
            row["appraised_actual"], row["appraised_plan"] = (cut if lowered else actual), plan
        if not appraised:
            for key in ("appraised_value", "appraised_grade", "appraised_actual", "appraised_plan"):
                row[key] = None
        elif lowered:
            row["appraisal_note"] = rng.choice(D.APPRAISAL_NOTES)
        if rng.random() < 0.25:
            day = date(year, 6 if kind is PeriodKind.MID_YEAR else 12, rng.randint(1, 10))
            row["evidence"] = f"Báo cáo số {u.doc_no(rng.randint(20, 380), 'BC')} ngày {day:%d/%m/%Y}"

    def _results(self, y: DemoYear, rows_by_unit: dict[int, dict[int, dict]],
                 adjustments: list[tuple[DemoUnit, str, int | None, int, str]]) -> dict[int, UnitResult]:
        """The period's results by the same rules the program applies (domain/period.py)."""
        model = PeriodModel(
            sections=y.table.sections,
            criteria=[CriterionLine(leaf.id, leaf.section, leaf.by, leaf.rule) for leaf in y.table.leaves],
            rules={rule_id: line for rule_id, line, _ in y.table.rules.values()},
            units=[UnitLine(u.id, u.name, y.female[u.id]) for u in self.units],
            inputs={(unit_id, leaf_id): inputs_from(row) for unit_id, rows in rows_by_unit.items()
                    for leaf_id, row in rows.items()},
            quantitative_bonus_cap=y.table.bonus_cap, tie_breaks=y.tie_breaks, bands=tuple(BANDS))
        for unit, code, self_occ, occ, _ in adjustments:
            model.adjustments.setdefault(unit.id, []).append(AdjustmentLine(y.table.rules[code][0], self_occ, occ))
        by_id = {u.id: u for u in self.units}
        return {r.unit.id: UnitResult(by_id[r.unit.id], r.agreed.total, r.own.total, r.rank, r.position, r.band,
                                      r.agreed.disqualified)
                for r in score_period(model).rows}


# --- helpers ---------------------------------------------------------------------------------


def _title(post: str, unit: str) -> str:
    """"Trưởng ban" + "Ban Tổ chức Tỉnh ủy" → "Trưởng Ban Tổ chức Tỉnh ủy"."""
    words = post.split()
    for k in range(len(words) - 1, 0, -1):
        tail = " ".join(words[k:])
        if unit.lower().startswith(tail.lower() + " "):
            return " ".join(words[:k]) + " " + unit
    return f"{post} {unit}"


def _shorten(name: str) -> str:
    for long, short in D.SHORTEN:
        name = name.replace(long, short)
    return name


def _largest_remainder(total: int, shares: tuple[Fraction, ...], *, minimum: int) -> list[int]:
    raw = [total * share for share in shares]
    counts = [max(minimum, int(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    i = 0
    while sum(counts) < total:
        counts[order[i % len(order)]] += 1
        i += 1
    while sum(counts) > total:
        counts[max(range(len(counts)), key=lambda j: counts[j])] -= 1
    return counts


def _split(total: Decimal, weights: list[int]) -> list[Decimal]:
    """Share `total` among the weights in round steps (1, 0.5, 0.25 … 0.01), each at least one step."""
    n = len(weights)
    for step in (Decimal(1), Decimal("0.5"), _QUARTER, Decimal("0.05"), _CENT):
        units = int(total / step)
        if units >= 2 * n:
            break
    whole = sum(weights)
    raw = [Fraction(units * w, whole) for w in weights]
    alloc = [max(1, int(r)) for r in raw]
    order = sorted(range(n), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    i = 0
    while sum(alloc) < units:
        alloc[order[i % n]] += 1
        i += 1
    while sum(alloc) > units:
        alloc[max(range(n), key=lambda j: alloc[j])] -= 1
    return [a * step for a in alloc]


def _plain(d: Decimal) -> str:
    return format(d.normalize(), "f")


def _grade_map(top: Decimal) -> dict[str, str]:
    return {g: _plain((top * Decimal(share)).quantize(_CENT, ROUND_HALF_UP)) for g, share in D.GRADE_SHARES.items()}


def _grade(q: float) -> str:
    return "A" if q >= 0.93 else "B" if q >= 0.84 else "C" if q >= 0.72 else "D"


def _steps(top: Decimal, q: float) -> Decimal:
    step = _QUARTER if top % _QUARTER == 0 else _CENT
    value = (top * Decimal(str(round(q, 4))) / step).quantize(Decimal(1), ROUND_HALF_UP) * step
    return min(top, max(Decimal(0), value))
