"""The closed vocabularies of the bloc's work, with the Vietnamese label users see.

Values are the short codes stored in the workbook file; they never change once shipped
(a rename is a new value plus a migration), while labels may be reworded freely.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a Vietnamese label for display."""

    label: str

    def __new__(cls, value: str, label: str) -> "LabelledEnum":
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj


class BlocKind(LabelledEnum):
    KHOI = "khoi", "Khối thi đua"
    CUM = "cum", "Cụm thi đua"


class BlocLevel(LabelledEnum):
    TINH = "tinh", "Do tỉnh tổ chức"
    NGANH = "nganh", "Do bộ, ban, ngành tổ chức"


class UnitType(LabelledEnum):
    DANG = "dang", "Cơ quan Đảng"
    HANH_CHINH = "hanh_chinh", "Cơ quan hành chính"
    SU_NGHIEP = "su_nghiep", "Đơn vị sự nghiệp"
    DOANH_NGHIEP = "doanh_nghiep", "Doanh nghiệp"
    DOAN_THE = "doan_the", "MTTQ, đoàn thể"
    TRUNG_UONG = "trung_uong", "Cơ quan Trung ương trên địa bàn"
    DIA_PHUONG = "dia_phuong", "Xã, phường, đặc khu"
    KHAC = "khac", "Khác"


class MemberRole(LabelledEnum):
    TRUONG = "truong", "Trưởng khối"
    PHO = "pho", "Phó khối"
    THANH_VIEN = "thanh_vien", "Thành viên"


MAX_DEPUTIES = 2  # HY A.I: at most two Phó trưởng khối units


class Gender(LabelledEnum):
    NAM = "nam", "Nam"
    NU = "nu", "Nữ"


class YearState(LabelledEnum):
    """Where the bloc's year stands; CLOSED and HANDED_OVER years are read-only."""

    SETUP = "setup", "Chuẩn bị"
    COVENANT_SIGNED = "covenant_signed", "Đã ký giao ước"
    MID_YEAR_DONE = "mid_year_done", "Đã sơ kết"
    SCORING = "scoring", "Chấm điểm cuối năm"
    VOTING = "voting", "Bình xét, suy tôn"
    PROPOSALS_SENT = "proposals_sent", "Đã gửi đề nghị"
    DECISIONS_RECORDED = "decisions_recorded", "Đã có quyết định"
    CLOSED = "closed", "Đã khóa sổ"
    HANDED_OVER = "handed_over", "Đã bàn giao"

    @property
    def read_only(self) -> bool:
        return self in (YearState.CLOSED, YearState.HANDED_OVER)


class IssuerMode(LabelledEnum):
    """Who heads the bloc's documents (domain.md open question 10: both occur)."""

    LEADER_UNIT = "leader_unit", "Đơn vị Trưởng khối (dùng con dấu của đơn vị)"
    BLOC = "bloc", "Khối thi đua"


class ScoredBy(LabelledEnum):
    SELF_APPRAISAL = "self_appraisal", "Đơn vị tự chấm, Trưởng/Phó khối thẩm định"
    PROVINCIAL = "provincial", "Cơ quan thường trực tỉnh chấm"


class CriterionKind(LabelledEnum):
    MANUAL = "manual", "Chấm trực tiếp"
    RATIO = "ratio", "Tỷ lệ thực hiện/kế hoạch"
    INVERSE_RATIO = "inverse_ratio", "Tỷ lệ nghịch (kế hoạch/thực hiện)"
    GRADE = "grade", "Xếp loại A/B/C/D"
    YES_NO = "yes_no", "Có/Không"


class AdjustmentKind(LabelledEnum):
    BONUS = "bonus", "Điểm thưởng"
    PENALTY = "penalty", "Điểm trừ"


class ScoreTableState(LabelledEnum):
    DRAFT = "draft", "Dự thảo"
    FROZEN = "frozen", "Đã ký, đóng băng"


class PeriodKind(LabelledEnum):
    MID_YEAR = "mid_year", "Sơ kết 6 tháng"
    YEAR_END = "year_end", "Tổng kết năm"


class CompletionLevel(LabelledEnum):
    """Mức độ hoàn thành nhiệm vụ, the yearly status behind the 'N năm liên tục' standards."""

    HTXSNV = "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"
    HTTNV = "HTTNV", "Hoàn thành tốt nhiệm vụ"
    HTNV = "HTNV", "Hoàn thành nhiệm vụ"
    KHTNV = "KHTNV", "Không hoàn thành nhiệm vụ"


class MeetingKind(LabelledEnum):
    COVENANT_SIGNING = "covenant_signing", "Hội nghị ký kết giao ước thi đua"
    MID_YEAR = "mid_year", "Hội nghị sơ kết 6 tháng"
    YEAR_END = "year_end", "Hội nghị tổng kết, bình xét thi đua"
    HANDOVER = "handover", "Bàn giao Trưởng khối"
    OTHER = "other", "Cuộc họp khác"


class VoterMode(LabelledEnum):
    UNITS_PRESENT = "units_present", "Mỗi đơn vị có mặt một phiếu"
    NAMED_PERSONS = "named_persons", "Các thành viên có tên"


class Denominator(LabelledEnum):
    PRESENT = "present", "Số đơn vị (người) có mặt"
    ALL_MEMBERS = "all_members", "Tổng số thành viên"


class TieBreak(LabelledEnum):
    """Tie-break keys in the order a year configures them (domain.md 3.2, [I])."""

    FEWER_PENALTY = "fewer_penalty", "Ít điểm trừ hơn"
    MORE_GRADE_A = "more_grade_a", "Nhiều tiêu chí xếp loại A hơn"
    MORE_VOTES = "more_votes", "Nhiều phiếu bầu hơn"
    FEMALE_PREFERENCE = "female_preference", "Ưu tiên tập thể có từ 70% nữ trở lên"
    LEADERS_DECIDE = "leaders_decide", "Trưởng khối và Phó khối quyết định"


class RecipientKind(LabelledEnum):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"
    HOUSEHOLD = "household", "Hộ gia đình"
    ANY = "any", "Tập thể và cá nhân"  # for award types only: Bằng khen, Giấy khen, Huân chương


class AwardCategory(LabelledEnum):
    TITLE = "title", "Danh hiệu thi đua"
    FORM = "form", "Hình thức khen thưởng"


class AwardLevel(LabelledEnum):
    NHA_NUOC = "nha_nuoc", "Nhà nước"
    CHINH_PHU = "chinh_phu", "Chính phủ, Thủ tướng"
    BO_TINH = "bo_tinh", "Bộ, ban, ngành, tỉnh"
    CO_SO = "co_so", "Cơ sở"


class ProposalStatus(LabelledEnum):
    PROPOSED = "proposed", "Khối đề nghị"
    SENT = "sent", "Đã trình"
    PASSED_COUNCIL = "passed_council", "Hội đồng TĐKT tỉnh thông qua"
    DECIDED = "decided", "Đã có quyết định"
    REJECTED = "rejected", "Không được chấp thuận"


class CommendationSource(LabelledEnum):
    BLOC = "bloc", "Do khối đề nghị"
    EXTERNAL = "external", "Ngoài khối"


class DocumentType(LabelledEnum):
    """Type abbreviations of NĐ 30/2020 Phụ lục III used by the bloc."""

    BIEN_BAN = "BB", "Biên bản"
    TO_TRINH = "TTr", "Tờ trình"
    BAO_CAO = "BC", "Báo cáo"
    KE_HOACH = "KH", "Kế hoạch"
    THONG_BAO = "TB", "Thông báo"
    QUYET_DINH = "QĐ", "Quyết định"
    GIAO_UOC = "GƯ", "Giao ước"
    CONG_VAN = "CV", "Công văn"


class SignerPrefix(LabelledEnum):
    NONE = "", "(ký trực tiếp)"
    TM = "TM.", "TM. (thay mặt tập thể)"
    KT = "KT.", "KT. (ký thay người đứng đầu)"
    Q = "Q.", "Q. (quyền)"
    TL = "TL.", "TL. (thừa lệnh)"
    TUQ = "TUQ.", "TUQ. (thừa ủy quyền)"


class CertificateMode(LabelledEnum):
    FULL = "full", "In toàn bộ trên giấy trắng"
    OVERLAY = "overlay", "In trên phôi in sẵn"


class AuditAction(LabelledEnum):
    INSERT = "insert", "Thêm"
    UPDATE = "update", "Sửa"
    DELETE = "delete", "Xóa"
