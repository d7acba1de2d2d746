"""The demo workbook's yearly life (services.demo): registrations, covenant, meetings and
periods, then for a past year the ballots, proposals, decisions and commendations, the
completion levels and the handover; before the first year, the units' earlier record."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Insert, insert

from thidua_desktop.db.models import (
    Attendance,
    AwardType,
    Commendation,
    CompletionRecord,
    Covenant,
    CovenantSignatory,
    Decision,
    EmulationYear,
    Handover,
    Meeting,
    Proposal,
    RegisteredAward,
    Registration,
    VoteCandidate,
    VoteCounter,
    VoteRound,
)
from thidua_desktop.domain import defaults
from thidua_desktop.domain.enums import (
    CommendationSource,
    CompletionLevel,
    MeetingKind,
    PeriodKind,
    ProposalStatus,
    UnitType,
)
from thidua_desktop.domain.text import format_points

from . import demo_data as D

if TYPE_CHECKING:
    from .demo import DemoPerson, DemoUnit, DemoYear, UnitResult, _Builder

REFORM = date(2025, 7, 1)  # two-level local government: "thành phố Lai Châu" became wards
CHU_TICH = f"Chủ tịch Ủy ban nhân dân tỉnh {D.PROVINCE}"
Adjustments = list[tuple["DemoUnit", str, "int | None", int, str]]
MODELS_OF_CREATIVITY = ("Mô hình “Chi bộ bốn tốt”", "Mô hình “Dân vận khéo” trong cơ quan",
                        "Sáng kiến số hóa hồ sơ lưu trữ của cơ quan", "Mô hình “Cơ quan không giấy tờ”",
                        "Mô hình “Ngày thứ Bảy tình nguyện”")


def bulk_insert(model: type) -> Insert:
    """An ORM bulk INSERT that writes None as NULL, so rows with different blanks still go in one
    executemany (by default each set of non-None keys is a separate batch, often of one row)."""
    return insert(model).execution_options(render_nulls=True)


class History:
    def __init__(self, builder: "_Builder") -> None:
        self.b = builder
        self.rng = builder.rng
        self.s = builder.s
        self.cstdcs: dict[int, dict[int, "DemoPerson"]] = {}
        self.numbers: set[str] = set()
        name = builder.new_name
        # provincial leaders and officials, before and after the 2025 reorganisation
        self.province = {era: {"chair": name(False), "vice": name(True), "party": name(False), "home": name(False),
                               "officer": name(True)} for era in ("old", "new")}

    # -- one year --

    def run_year(self, y: "DemoYear", next_leader: "DemoUnit", next_deputies: list["DemoUnit"]) -> None:
        rng, units = self.rng, self.b.units
        self._registrations(y)
        self._covenant(y)
        mid_start = datetime(y.year, 7, rng.randint(8, 29), rng.choice((8, 14)), 0)
        absent: dict[int, str] = {}
        if len(units) >= 5:
            others = [u for u in units if u is not y.leader]
            if rng.random() < 0.5:
                absent[rng.choice(others).id] = "Vắng có lý do: đi công tác"
            if rng.random() < 0.45:
                absent.setdefault(rng.choice(others).id, "Vắng không có lý do")
        self._meeting(y, MeetingKind.MID_YEAR, "Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm, "
                      f"triển khai nhiệm vụ 6 tháng cuối năm {y.year}", mid_start, absent)
        secretary = y.leader.staff[-1].name
        mid_adj: Adjustments = [(rng.choice(units), "T3", 1, 1,
                                 "Được Chủ tịch Ủy ban nhân dân tỉnh khen thưởng đột xuất")]
        self.b.score_period(y, PeriodKind.MID_YEAR, locked_at=mid_start + timedelta(hours=3), locked_by=secretary,
                            adjustments=mid_adj)
        no_reason = [u for u in units if absent.get(u.id) == "Vắng không có lý do"]
        if not y.past:
            claims: Adjustments = [(u, "T1", 1, 1, rng.choice(MODELS_OF_CREATIVITY))
                                   for u in rng.sample(units, min(2, len(units)))]
            unscored = [u for u in units if u is not y.leader]
            skip = rng.sample(unscored, min(len(unscored), max(1, len(units) // 8)))
            partial = [u for u in unscored if u not in skip][:1] if len(units) >= 5 else []
            self.b.score_period(y, PeriodKind.YEAR_END, locked_at=None, locked_by=None, adjustments=claims,
                                unscored=frozenset(u.id for u in skip), partial=frozenset(u.id for u in partial))
            return
        end_start = datetime(y.year, 12, rng.randint(15, 29), 8, 0)
        adjustments = self._year_end_adjustments(y, no_reason, mid_start.date())
        results = self.b.score_period(y, PeriodKind.YEAR_END, locked_at=end_start + timedelta(hours=3),
                                      locked_by=secretary, adjustments=adjustments, final_override=True)
        self._year_end(y, results, end_start, next_leader, next_deputies)

    def _year_end_adjustments(self, y: "DemoYear", no_reason: list["DemoUnit"], mid_day: date) -> Adjustments:
        rng, units, first = self.rng, self.b.units, self.b.first
        adj: Adjustments = [(u, "TR1", 0, 1, f"Vắng Hội nghị sơ kết 6 tháng ngày {mid_day:%d/%m/%Y} không có lý do")
                            for u in no_reason]
        strong = sorted(units, key=lambda u: -u.strength)[: max(3, len(units) // 2)]
        creative = rng.sample(strong, min(len(strong), rng.randint(1, 3)))
        for i, u in enumerate(creative):
            refused = i == len(creative) - 1 and len(creative) > 1 and rng.random() < 0.4
            adj.append((u, "T1", 1, 0 if refused else 1, rng.choice(MODELS_OF_CREATIVITY)
                        + ("; Khối chưa công nhận vì chưa được tổng kết, nhân rộng" if refused else "")))
        for u in rng.sample(units, min(len(units), rng.randint(1, 2))):
            adj.append((u, "T2", None, 1, "Cơ quan thường trực Hội đồng Thi đua – Khen thưởng tỉnh đánh giá tốt"))
        for u in rng.sample(units, min(len(units), rng.randint(1, 3))):
            k = rng.randint(1, 3)
            adj.append((u, "T3", k, k, f"{k} tập thể, cá nhân được khen thưởng đột xuất cấp tỉnh"))
        if rng.random() < 0.5:
            adj.append((rng.choice(units), "TR3", 0, 1, "Báo cáo tổng kết gửi chậm 7 ngày"))
        if y.year == first:
            adj.append((rng.choice(units), "TR4", 1, 1, "Cấp phó của đơn vị bị kỷ luật khiển trách"))
        if y.year == first + 1:
            middle = sorted(units, key=lambda u: u.strength)[len(units) // 2]
            adj.append((middle, "TR6", 1, 1, "Người đứng đầu đơn vị bị kỷ luật cảnh cáo; đơn vị không được xét "
                        "đề nghị Cờ thi đua, Bằng khen"))
        return adj

    def _year_end(self, y: "DemoYear", results: dict[int, "UnitResult"], start: datetime,
                  next_leader: "DemoUnit", next_deputies: list["DemoUnit"]) -> None:
        rng, units = self.rng, self.b.units
        n = len(units)
        absent = {}
        if n >= 7 and rng.random() < 0.5:  # never the leader or a deputy: their staff count the votes
            absent[rng.choice([u for u in units if u is not y.leader and u not in y.deputies]).id] = \
                "Vắng có lý do: đi công tác"
        order = sorted(results.values(), key=lambda r: (r.position, r.unit.name))
        top, bottom = order[0], order[-1]
        meeting = self._meeting(y, MeetingKind.YEAR_END, f"Hội nghị tổng kết công tác thi đua, khen thưởng năm "
                                f"{y.year}, bình xét, suy tôn các đơn vị dẫn đầu", start, absent)
        present = n - len(absent)
        counters = ([*y.deputies] + [u for u in units if u is not y.leader and u not in y.deputies] + [y.leader])[:3]
        self.s.add_all(VoteCounter(meeting_id=meeting.id, position=i, full_name=u.staff[0].name,
                                   post=u.detail(u.staff[0]), unit_id=u.id,
                                   role="Trưởng ban" if i == 0 else "Thành viên") for i, u in enumerate(counters))
        eligible = [r for r in order if not r.disqualified]
        co_places, bk_places = defaults.QUOTAS["CO_TINH"], defaults.QUOTAS["BK_TINH"]
        co = self._ballot(meeting.id, "CO_TINH", co_places, eligible[: co_places + 1], n, present)
        rest = [r for r in eligible[: co_places + 1] if r not in [w for w, _ in co]] + eligible[co_places + 1:]
        split = y.year == self.b.first + 2 and n >= 5 and len(rest) >= 2
        bk = self._ballot(meeting.id, "BK_TINH", bk_places, rest[: bk_places + 1], n, present, split=split)
        meeting.minutes = (
            f"Hội nghị đã nghe đồng chí {meeting.chair_name} – {meeting.chair_post}, đại diện đơn vị Trưởng khối, "
            f"trình bày báo cáo tổng kết công tác thi đua, khen thưởng năm {y.year} của Khối; nghe đại diện các đơn vị "
            f"tham luận.\nHội nghị thông qua kết quả chấm điểm, thẩm định của {n} đơn vị: cao nhất {top.unit.name} "
            f"({format_points(top.total)} điểm), thấp nhất {bottom.unit.name} ({format_points(bottom.total)} điểm).\n"
            "Kết quả bỏ phiếu kín: suy tôn " + (", ".join(r.unit.name for r, _ in co) or "không có đơn vị")
            + " đề nghị Ủy ban nhân dân tỉnh tặng Cờ thi đua; "
            + (", ".join(r.unit.name for r, _ in bk) or "không có đơn vị")
            + " đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen.\n"
            f"Hội nghị thống nhất bầu {next_leader.name} làm đơn vị Trưởng khối năm {y.year + 1}"
            + (f"; {' và '.join(u.name for u in next_deputies)} làm đơn vị Phó khối." if next_deputies else "."))
        self._titles(y, results)
        self._awards(y, co, bk, start.date() + timedelta(days=rng.randint(5, 10)))
        self._completion(y, order)
        handed = start + timedelta(days=rng.randint(10, 20), hours=1)
        self.s.add(Handover(from_year_id=y.id, to_year=y.year + 1, from_unit_id=y.leader.id, to_unit_id=next_leader.id,
                            handed_at=handed, handed_by=y.leader.head_on(handed.date()).name,
                            received_at=handed, received_by=next_leader.head_on(handed.date()).name,
                            note=f"Bàn giao sổ thi đua năm {y.year} và hồ sơ của Khối cho đơn vị Trưởng khối năm "
                                 f"{y.year + 1}."))
        row = self.s.get(EmulationYear, y.id)
        row.closed_at = datetime(y.year + 1, 4, rng.randint(1, 15), 16, 0)
        row.closed_by = next_leader.staff[-1].name

    # -- registrations, covenant, meetings --

    def _registrations(self, y: "DemoYear") -> None:
        rng = self.rng
        for u in self.b.units:
            aims = "; đề nghị Ủy ban nhân dân tỉnh tặng Cờ thi đua" if u.strength > 0.93 else ""
            reg = Registration(year_id=y.id, unit_id=u.id, received_on=date(y.year, 1, rng.randint(2, 5)),
                               document_ref=u.doc_no(rng.randint(1, 12), "ĐK"),
                               targets=f"Phấn đấu hoàn thành xuất sắc nhiệm vụ năm {y.year}; 100% cán bộ, công chức "
                                       "hoàn thành tốt nhiệm vụ trở lên; tổ chức đảng đạt trong sạch, vững mạnh; đạt "
                                       "danh hiệu “Tập thể lao động xuất sắc”" + aims + ".")
            reg.awards.append(RegisteredAward(award_type_id=self.b.award["TTLDXS"]))
            if aims:
                reg.awards.append(RegisteredAward(award_type_id=self.b.award["CO_TINH"]))
            reg.awards.append(RegisteredAward(award_type_id=self.b.award["CSTDCS"], person_id=u.staff[0].id))
            reg.awards.extend(RegisteredAward(award_type_id=self.b.award["LDTT"], person_id=p.id) for p in u.staff[1:])
            self.s.add(reg)

    def _covenant(self, y: "DemoYear") -> None:
        signed = y.signed
        cov = Covenant(year_id=y.id, title=f"Giao ước thi đua năm {y.year}",
                       content=D.COVENANT_CONTENT.format(bloc=self.b.bloc_name, year=y.year), signed_on=signed.date(),
                       place=self._place(y.leader, signed.date()), score_table_id=y.table.id)
        for u in self.b.units:
            head = u.head_on(signed.date())
            cov.signatories.append(CovenantSignatory(unit_id=u.id, person_id=head.id, signer_name=head.name,
                                                     signer_post=head.post, signed=True))
        self.s.add(cov)
        self._meeting(y, MeetingKind.COVENANT_SIGNING, f"Hội nghị phát động phong trào thi đua và ký kết giao ước "
                      f"thi đua năm {y.year}", signed, {})

    def _place(self, host: "DemoUnit", day: date) -> str:
        where = f"phường Tân Phong, tỉnh {D.PROVINCE}" if day >= REFORM else f"thành phố {D.PROVINCE}"
        return f"Hội trường {host.name}, {where}"

    def _meeting(self, y: "DemoYear", kind: MeetingKind, title: str, start: datetime,
                 absent: dict[int, str]) -> Meeting:
        rng = self.rng
        chair, secretary = y.leader.head_on(start.date()), y.leader.staff[-1]
        era = self.province["new" if start.date() >= date(2025, 3, 1) else "old"]
        home = "Phó Giám đốc Sở Nội vụ" if start.date() >= date(2025, 3, 1) else \
            "Phó Trưởng Ban Thi đua – Khen thưởng, Sở Nội vụ"
        guests = [f"Đồng chí {era['home']} – {home}",
                  f"Đồng chí {era['officer']} – Chuyên viên phụ trách khối, Sở Nội vụ"]
        if kind is MeetingKind.YEAR_END:
            guests.insert(0, f"Đồng chí {era['party']} – Phó Bí thư Thường trực Tỉnh ủy")
        agenda = {
            MeetingKind.COVENANT_SIGNING: "1. Khai mạc, giới thiệu đại biểu\n2. Phát động phong trào thi đua năm "
                                          f"{y.year}\n3. Thông qua bảng điểm thi đua\n4. Ký kết giao ước thi đua",
            MeetingKind.MID_YEAR: "1. Báo cáo sơ kết 6 tháng đầu năm\n2. Thông qua kết quả tự chấm điểm, thẩm định "
                                  "6 tháng\n3. Thảo luận, triển khai nhiệm vụ 6 tháng cuối năm",
            MeetingKind.YEAR_END: f"1. Khai mạc, giới thiệu đại biểu\n2. Báo cáo tổng kết công tác thi đua, khen "
                                  f"thưởng năm {y.year}\n3. Thông qua kết quả chấm điểm, thẩm định\n4. Bình xét, bỏ "
                                  f"phiếu suy tôn\n5. Bầu đơn vị Trưởng khối, Phó khối năm {y.year + 1}\n"
                                  "6. Thông qua biên bản, bế mạc",
        }[kind]
        meeting = Meeting(year_id=y.id, kind=kind, title=title, starts_at=start,
                          ends_at=start + timedelta(hours=3, minutes=rng.choice((0, 15, 30))),
                          place=self._place(y.leader, start.date()), host_unit_id=y.leader.id, chair_name=chair.name,
                          chair_post=chair.post, secretary_name=secretary.name,
                          secretary_post=y.leader.detail(secretary), guests="\n".join(guests), agenda=agenda,
                          minutes=None if kind is MeetingKind.YEAR_END else
                          f"Hội nghị do đồng chí {chair.name} – {chair.post} chủ trì; các đơn vị thống nhất nội dung "
                          "theo chương trình hội nghị.")
        for u in self.b.units:
            if u.id in absent:
                meeting.attendance.append(Attendance(unit_id=u.id, present=False, note=absent[u.id]))
                continue
            rep = u.head_on(start.date()) if rng.random() < 0.7 or u is y.leader else u.staff[0]
            meeting.attendance.append(Attendance(unit_id=u.id, present=True, person_id=rep.id,
                                                 representative_name=rep.name, representative_post=u.detail(rep)))
        self.s.add(meeting)
        self.s.flush()
        return meeting

    # -- ballots --

    def _ballot(self, meeting_id: int, code: str, places: int, candidates: list["UnitResult"], n: int, present: int,
                *, split: bool = False) -> list[tuple["UnitResult", VoteCandidate]]:
        """Round 1 (and round 2 when round 1 left the place open); returns the winners with their
        candidate rows."""
        if not candidates:
            return []
        winners = self._round(meeting_id, code, places, candidates, n, present, 1, split)
        if split:
            winners = self._round(meeting_id, code, places, candidates, n, present, 2, False)
        return winners

    def _round(self, meeting_id: int, code: str, places: int, candidates: list["UnitResult"], n: int, present: int,
               round_no: int, split: bool) -> list[tuple["UnitResult", VoteCandidate]]:
        rng = self.rng
        rule = defaults.VOTING
        valid = present - (1 if n >= 7 and rng.random() < 0.3 else 0)
        lo = n // 2 + 1  # fewest votes that are "trên 50%" of all members
        votes: list[int] = []
        if split:
            votes = [rng.randint(max(0, lo - 3), lo - 1)]
            votes.append(min(valid - votes[0], lo - 1))
            votes += [0] * (len(candidates) - 2)
        else:
            for i in range(len(candidates)):
                if i < places:
                    votes.append(rng.randint(max(lo, valid - 2), valid))
                else:
                    votes.append(rng.randint(0, max(0, min(lo - 1, valid * places - sum(votes)))))
        threshold = rule["threshold_pct"]
        above = [i for i, v in enumerate(votes) if Decimal(v * 100) > threshold * n]
        chosen = sorted(above, key=lambda i: -votes[i])[:places]
        award = self.s.get(AwardType, self.b.award[code])
        vote_round = VoteRound(meeting_id=meeting_id, award_type_id=award.id, round_no=round_no, places=places,
                               eligible_voters=n, voters_present=present, ballots_issued=present,
                               ballots_returned=present, ballots_valid=valid, ballots_invalid=present - valid,
                               rules={k: v if isinstance(v, (bool, int, list)) else str(v) for k, v in rule.items()},
                               closed=True,
                               note="Bỏ phiếu kín; mỗi đơn vị có mặt một phiếu; đạt khi được trên 50% tổng số đơn vị "
                                    "thành viên đồng ý." + (" Vòng 1 không có đơn vị đạt; bỏ phiếu vòng 2."
                                                            if split else ""))
        self.s.add(vote_round)
        self.s.flush()
        rows = []
        for i, (result, v) in enumerate(zip(candidates, votes)):
            pct = format_points((Decimal(v * 100) / n).quantize(Decimal("0.01")))
            share = f"Đạt {v}/{n} phiếu ({pct}% tổng số thành viên)"
            if i in chosen:
                text = f"{share}, trên {format_points(threshold)}%: được đề nghị tặng {award.name}."
            elif i in above:
                text = f"{share} nhưng ít phiếu hơn các đơn vị trên; Khối chỉ được đề nghị {places} đơn vị."
            else:
                text = f"{share}, không đạt tỷ lệ trên {format_points(threshold)}%."
            rows.append(VoteCandidate(round_id=vote_round.id, position=i, unit_id=result.unit.id,
                                      total_score=result.total, rank=result.rank, votes_for=v, passed=i in chosen,
                                      explanation=text))
        self.s.add_all(rows)
        self.s.flush()
        return [(candidates[i], rows[i]) for i in sorted(chosen)]

    # -- proposals, decisions, commendations --

    def _number(self, low: int, high: int, fmt: str | Callable[[int], str]) -> str:
        """A document number not used yet in the workbook: fmt is "{}/QĐ-UBND" or makes the text."""
        make = fmt.format if isinstance(fmt, str) else fmt
        while True:
            text = make(self.rng.randint(low, high))
            if text not in self.numbers:
                self.numbers.add(text)
                return text

    def _awards(self, y: "DemoYear", co: list, bk: list, sent: date) -> None:
        rng, s, award = self.rng, self.s, self.b.award
        era = self.province["new" if y.year + 1 >= 2025 else "old"]
        day = date(y.year + 1, rng.randint(2, 3), rng.randint(1, 25))
        bloc = self.b.bloc_name
        decisions = {
            "CO_TINH": Decision(year_id=y.id, number=self._number(150, 900, "{}/QĐ-UBND"), signed_on=day,
                                issuer=CHU_TICH, signer_name=era["chair"],
                                signer_post="Chủ tịch Ủy ban nhân dân tỉnh", award_type_id=award["CO_TINH"],
                                content=f"Về việc tặng Cờ thi đua của Ủy ban nhân dân tỉnh năm {y.year} cho các tập "
                                        "thể dẫn đầu các cụm, khối thi đua của tỉnh"),
            "BK_TINH": Decision(year_id=y.id, number=self._number(150, 900, "{}/QĐ-UBND"),
                                signed_on=day + timedelta(days=rng.randint(0, 6)), issuer=CHU_TICH,
                                signer_name=era["vice"], signer_post="Phó Chủ tịch Ủy ban nhân dân tỉnh",
                                award_type_id=award["BK_TINH"],
                                content="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho các tập thể, cá "
                                        f"nhân có thành tích xuất sắc trong phong trào thi đua năm {y.year}"),
        }
        s.add_all(decisions.values())
        s.flush()
        lines: dict[str, list] = {"CO_TINH": [], "BK_TINH": []}
        for code, winners, text in (
                ("CO_TINH", co, f"Đã hoàn thành xuất sắc toàn diện nhiệm vụ, dẫn đầu phong trào thi đua {bloc} năm "
                                f"{y.year}"),
                ("BK_TINH", bk, f"Đã có thành tích xuất sắc trong phong trào thi đua {bloc} năm {y.year}")):
            for result, candidate in winners:
                lines[code].append((Proposal(year_id=y.id, award_type_id=award[code], unit_id=result.unit.id,
                                             achievement=text, total_score=result.total, rank=result.rank,
                                             vote_candidate_id=candidate.id, sent_on=sent),
                                    result.unit.name, result.unit.superior, result.unit.id, None))
        twice = [(u, p) for u in self.b.units if (p := self.cstdcs[y.year].get(u.id)) is not None
                 and self.cstdcs.get(y.year - 1, {}).get(u.id) is p]
        for u, p in rng.sample(twice, min(len(twice), 1 if len(self.b.units) < 20 else 2)):
            lines["BK_TINH"].append((Proposal(year_id=y.id, award_type_id=award["BK_TINH"], person_id=p.id,
                                              achievement=f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm "
                                                          f"{y.year - 1} – {y.year}", sent_on=sent),
                                     p.name, u.detail(p), None, p.id))
        rejected = None
        if y.year == self.b.first + 2:
            u = rng.choice(self.b.units)
            p = u.staff[-1]
            if all(p is not line[4] for line in lines["BK_TINH"]):
                rejected = Proposal(year_id=y.id, award_type_id=award["BK_TINH"], person_id=p.id, sent_on=sent,
                                    achievement=f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {y.year}",
                                    status=ProposalStatus.REJECTED,
                                    note="Hội đồng Thi đua – Khen thưởng tỉnh không thông qua: chưa đủ 02 năm liên tục "
                                         "đạt danh hiệu Chiến sĩ thi đua cơ sở.")
        commendations = []
        for code, entries in lines.items():
            decision = decisions[code]
            start = rng.randint(1, 9 if code == "CO_TINH" else 40)
            for i, (proposal, name, detail, unit_id, person_id) in enumerate(entries):
                proposal.position = i + 1
                proposal.status = ProposalStatus.DECIDED
                proposal.decision_id, proposal.decision_order = decision.id, start + i
                s.add(proposal)
                s.flush()
                commendations.append(Commendation(
                    year=y.year, award_type_id=award[code], unit_id=unit_id, person_id=person_id, recipient_name=name,
                    recipient_detail=detail, achievement=proposal.achievement, source=CommendationSource.BLOC,
                    proposal_id=proposal.id, decision_id=decision.id, decision_number=decision.number,
                    decision_date=decision.signed_on, issuer=decision.issuer, golden_book_no=start + i))
        if rejected is not None:
            rejected.position = len(lines["BK_TINH"]) + 1
            s.add(rejected)
        s.add_all(commendations)

    def _titles(self, y: "DemoYear", results: dict[int, "UnitResult"]) -> None:
        """Lao động tiên tiến and Chiến sĩ thi đua cơ sở given by each unit's head, and Tập thể lao
        động xuất sắc given by the province to the best units (all outside the bloc's proposals)."""
        rng, award = self.rng, self.b.award
        self.cstdcs[y.year] = {}
        rows = []
        for u in self.b.units:
            previous = self.cstdcs.get(y.year - 1, {}).get(u.id)
            person = previous if previous is not None and rng.random() < 0.5 else rng.choice(u.staff)
            self.cstdcs[y.year][u.id] = person
            ldtt = self._number(150, 320, lambda n, u=u: u.doc_no(n, "QĐ"))
            cs = self._number(5, 40, lambda n, u=u: u.doc_no(n, "QĐ"))
            ldtt_day, cs_day = date(y.year, 12, rng.randint(26, 31)), date(y.year + 1, 1, rng.randint(5, 20))
            for i, p in enumerate(u.staff, start=1):
                rows.append(self._external(y.year, "LDTT", p, u, f"Hoàn thành tốt nhiệm vụ năm {y.year}", ldtt,
                                           ldtt_day, u.title, i))
            rows.append(self._external(y.year, "CSTDCS", person, u, f"Đã có thành tích xuất sắc trong thực hiện "
                                       f"nhiệm vụ năm {y.year}", cs, cs_day, u.title, 1))
        best = sorted(results.values(), key=lambda r: r.position)[: math.ceil(len(results) * 0.6)]
        number = self._number(20, 140, "{}/QĐ-UBND")
        day, start = date(y.year + 1, 1, rng.randint(15, 31)), rng.randint(1, 60)
        for i, r in enumerate(r for r in best if not r.disqualified):
            rows.append(self._external(y.year, "TTLDXS", None, r.unit, f"Đã hoàn thành xuất sắc nhiệm vụ năm "
                                       f"{y.year}", number, day, CHU_TICH, start + i))
        self.s.add_all(rows)

    def _external(self, year: int, code: str, person: "DemoPerson | None", unit: "DemoUnit", achievement: str,
                  number: str, day: date, issuer: str, golden: int | None, note: str | None = None) -> Commendation:
        return Commendation(year=year, award_type_id=self.b.award[code], unit_id=None if person else unit.id,
                            person_id=person.id if person else None,
                            recipient_name=person.name if person else unit.name,
                            recipient_detail=unit.detail(person) if person else unit.superior, achievement=achievement,
                            source=CommendationSource.EXTERNAL, decision_number=number, decision_date=day,
                            issuer=issuer, golden_book_no=golden, note=note)

    def _completion(self, y: "DemoYear", order: list["UnitResult"]) -> None:
        rng = self.rng
        rows = []
        excellent = math.ceil(len(order) * 0.6)
        for i, r in enumerate(order):
            level = (CompletionLevel.HTNV if r.disqualified else
                     CompletionLevel.HTXSNV if i < excellent else CompletionLevel.HTTNV)
            rows.append(self._unit_level(r.unit, y.year, level))
        for u in self.b.units:
            star = self.cstdcs[y.year][u.id]
            for p in u.staff:
                level = CompletionLevel.HTXSNV if p is star or rng.random() < 0.2 else CompletionLevel.HTTNV
                reference = "Quyết định số " + u.doc_no(rng.randint(150, 320), "QĐ")
                rows.append({"year": y.year, "unit_id": None, "person_id": p.id, "level": level,
                             "assessed_by": u.title, "reference": reference, "note": None})
        self.s.execute(bulk_insert(CompletionRecord), rows)

    def _unit_level(self, u: "DemoUnit", year: int, level: CompletionLevel) -> dict:
        rng = self.rng
        day = date(year + 1, 1, rng.randint(10, 28))
        if u.party or u.type in (UnitType.DANG, UnitType.DOAN_THE):
            by, ref = "Ban Thường vụ Tỉnh ủy", f"Thông báo số {rng.randint(100, 900)}-TB/TU ngày {day:%d/%m/%Y}"
        else:
            by, ref = CHU_TICH, f"Quyết định số {rng.randint(100, 900)}/QĐ-UBND ngày {day:%d/%m/%Y}"
        return {"year": year, "unit_id": u.id, "person_id": None, "level": level, "assessed_by": by, "reference": ref,
                "note": None}

    # -- before the first year of the file --

    def before_first_year(self) -> None:
        rng, units, first, award = self.rng, self.b.units, self.b.first, self.b.award
        rows = []
        for year in range(first - 3, first):
            for u in units:
                level = CompletionLevel.HTXSNV if rng.random() < u.strength - 0.25 else CompletionLevel.HTTNV
                rows.append(self._unit_level(u, year, level))
        self.s.execute(bulk_insert(CompletionRecord), rows)
        note = "Khen thưởng trước khi lập sổ thi đua điện tử."
        awards = []
        for year in (first - 2, first - 1):
            ranked = sorted(units, key=lambda u: -(u.strength + rng.gauss(0, 0.02)))
            for code, chosen in (("CO_TINH", ranked[:2]), ("BK_TINH", ranked[2:3])):
                number = self._number(150, 900, "{}/QĐ-UBND")
                day = date(year + 1, rng.randint(2, 3), rng.randint(1, 28))
                start = rng.randint(1, 30)
                awards += [self._external(year, code, None, u, f"Đã có thành tích xuất sắc trong phong trào thi đua "
                                          f"năm {year}", number, day, CHU_TICH, start + i, note)
                           for i, u in enumerate(chosen)]
        best = max(units, key=lambda u: u.strength)
        awards.append(self._external(first - 4, "HC_LAO_DONG_3", None, best, "Đã có thành tích xuất sắc trong công tác "
                                     f"từ năm {first - 9} đến năm {first - 5}", self._number(1000, 2400, "{}/QĐ-CTN"),
                                     date(first - 4, rng.randint(4, 11), rng.randint(1, 28)), "Chủ tịch nước", None,
                                     note))
        for u in rng.sample(units, min(2, len(units))):
            awards.append(self._external(first - 3, "BK_TTG", None, u, "Đã có thành tích xuất sắc trong công tác từ "
                                         f"năm {first - 7} đến năm {first - 3}", self._number(900, 1800, "{}/QĐ-TTg"),
                                         date(first - 3, rng.randint(4, 11), rng.randint(1, 28)), "Thủ tướng Chính phủ",
                                         None, note))
        for u in rng.sample(units, max(1, len(units) // 3)):
            year = rng.randint(first - 5, self.b.current - 1)
            awards.append(self._external(year, "BK_BO", None, u, f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ "
                                         f"năm {year}", self._number(100, 999, "{}/QĐ-BK"),
                                         date(year + 1, rng.randint(1, 5), rng.randint(1, 28)), u.counterpart, 1))
        self.s.add_all(awards)
