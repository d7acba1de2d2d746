"""The award catalogue a new workbook starts with: the titles and forms of Luật TĐKT 06/2022/QH15.

Rows are marked builtin but stay editable; codes are stable identifiers used by quotas,
voting rules and imports, so they are never reused for another award.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from thidua_desktop.domain.enums import AwardCategory as C
from thidua_desktop.domain.enums import AwardLevel as L
from thidua_desktop.domain.enums import RecipientKind as R

from .models import AwardType

_PM = "Thủ tướng Chính phủ"
_CT_TINH = "Chủ tịch UBND tỉnh"
_THU_TRUONG = "Thủ trưởng cơ quan, đơn vị"

# code, name, short name, category, recipient, level, decided by, article of the Law
BUILTIN_AWARD_TYPES: tuple[tuple[str, str, str, C, R, L, str, str], ...] = (
    # Danh hiệu thi đua — tập thể (Điều 20)
    ("CO_CP", "Cờ thi đua của Chính phủ", "Cờ CP", C.TITLE, R.COLLECTIVE, L.CHINH_PHU, "Chính phủ", "Điều 25"),
    ("CO_TINH", "Cờ thi đua của Ủy ban nhân dân tỉnh", "Cờ tỉnh", C.TITLE, R.COLLECTIVE, L.BO_TINH, _CT_TINH, "Điều 26"),
    ("TTLDXS", "Tập thể lao động xuất sắc", "TTLĐXS", C.TITLE, R.COLLECTIVE, L.BO_TINH, _CT_TINH, "Điều 27"),
    ("DVQT", "Đơn vị quyết thắng", "ĐVQT", C.TITLE, R.COLLECTIVE, L.BO_TINH, "Bộ trưởng Bộ Quốc phòng, Bộ Công an", "Điều 27"),
    ("TTLDTT", "Tập thể lao động tiên tiến", "TTLĐTT", C.TITLE, R.COLLECTIVE, L.CO_SO, _THU_TRUONG, "Điều 28"),
    ("DVTT", "Đơn vị tiên tiến", "ĐVTT", C.TITLE, R.COLLECTIVE, L.CO_SO, _THU_TRUONG, "Điều 28"),
    ("XA_TIEU_BIEU", "Xã, phường, thị trấn tiêu biểu", "Xã tiêu biểu", C.TITLE, R.COLLECTIVE, L.BO_TINH, _CT_TINH, "Điều 29"),
    ("THON_VAN_HOA", "Thôn, tổ dân phố văn hóa", "Thôn văn hóa", C.TITLE, R.COLLECTIVE, L.CO_SO, "Chủ tịch UBND xã", "Điều 30"),
    ("GIA_DINH_VAN_HOA", "Gia đình văn hóa", "GĐVH", C.TITLE, R.HOUSEHOLD, L.CO_SO, "Chủ tịch UBND xã", "Điều 31"),
    # Danh hiệu thi đua — cá nhân (Điều 19)
    ("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", "CSTĐ toàn quốc", C.TITLE, R.INDIVIDUAL, L.CHINH_PHU, _PM, "Điều 21"),
    ("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", "CSTĐ tỉnh", C.TITLE, R.INDIVIDUAL, L.BO_TINH, _CT_TINH, "Điều 22"),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "CSTĐCS", C.TITLE, R.INDIVIDUAL, L.CO_SO, _THU_TRUONG, "Điều 23"),
    ("LDTT", "Lao động tiên tiến", "LĐTT", C.TITLE, R.INDIVIDUAL, L.CO_SO, _THU_TRUONG, "Điều 24"),
    ("CHIEN_SI_TT", "Chiến sĩ tiên tiến", "CSTT", C.TITLE, R.INDIVIDUAL, L.CO_SO, _THU_TRUONG, "Điều 24"),
    # Hình thức khen thưởng (Điều 9)
    ("HC_SAO_VANG", "Huân chương Sao vàng", "HC Sao vàng", C.FORM, R.COLLECTIVE, L.NHA_NUOC, "Chủ tịch nước", "Điều 34"),
    ("HC_HCM", "Huân chương Hồ Chí Minh", "HC Hồ Chí Minh", C.FORM, R.COLLECTIVE, L.NHA_NUOC, "Chủ tịch nước", "Điều 35"),
    ("HC_DOC_LAP_1", "Huân chương Độc lập hạng Nhất", "HCĐL hạng Nhất", C.FORM, R.ANY, L.NHA_NUOC, "Chủ tịch nước", "Điều 36"),
    ("HC_DOC_LAP_2", "Huân chương Độc lập hạng Nhì", "HCĐL hạng Nhì", C.FORM, R.ANY, L.NHA_NUOC, "Chủ tịch nước", "Điều 36"),
    ("HC_DOC_LAP_3", "Huân chương Độc lập hạng Ba", "HCĐL hạng Ba", C.FORM, R.ANY, L.NHA_NUOC, "Chủ tịch nước", "Điều 36"),
    ("HC_LAO_DONG_1", "Huân chương Lao động hạng Nhất", "HCLĐ hạng Nhất", C.FORM, R.ANY, L.NHA_NUOC, "Chủ tịch nước", "Điều 41"),
    ("HC_LAO_DONG_2", "Huân chương Lao động hạng Nhì", "HCLĐ hạng Nhì", C.FORM, R.ANY, L.NHA_NUOC, "Chủ tịch nước", "Điều 41"),
    ("HC_LAO_DONG_3", "Huân chương Lao động hạng Ba", "HCLĐ hạng Ba", C.FORM, R.ANY, L.NHA_NUOC, "Chủ tịch nước", "Điều 41"),
    ("HUY_CHUONG", "Huy chương", "Huy chương", C.FORM, R.INDIVIDUAL, L.NHA_NUOC, "Chủ tịch nước", "Điều 9"),
    ("DH_VINH_DU", "Danh hiệu vinh dự nhà nước", "Danh hiệu vinh dự", C.FORM, R.INDIVIDUAL, L.NHA_NUOC, "Chủ tịch nước", "Điều 9"),
    ("GT_HCM", "Giải thưởng Hồ Chí Minh", "Giải thưởng HCM", C.FORM, R.INDIVIDUAL, L.NHA_NUOC, "Chủ tịch nước", "Điều 9"),
    ("GT_NHA_NUOC", "Giải thưởng Nhà nước", "Giải thưởng NN", C.FORM, R.INDIVIDUAL, L.NHA_NUOC, "Chủ tịch nước", "Điều 9"),
    ("KY_NIEM_CHUONG", "Kỷ niệm chương", "Kỷ niệm chương", C.FORM, R.INDIVIDUAL, L.BO_TINH, "Bộ, ban, ngành, tỉnh", "Điều 9"),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "BK Thủ tướng", C.FORM, R.ANY, L.CHINH_PHU, _PM, "Điều 73"),
    ("BK_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "BK tỉnh", C.FORM, R.ANY, L.BO_TINH, _CT_TINH, "Điều 74"),
    ("GIAY_KHEN", "Giấy khen", "Giấy khen", C.FORM, R.ANY, L.CO_SO, _THU_TRUONG, "Điều 75"),
)


def seed_award_types(session: Session) -> None:
    """Add the builtin catalogue (a new workbook, before any user edit)."""
    session.add_all(
        AwardType(code=code, name=name, short_name=short, category=cat, recipient=rec, level=lvl,
                  decided_by=by, legal_ref=ref, position=i, builtin=True)
        for i, (code, name, short, cat, rec, lvl, by, ref) in enumerate(BUILTIN_AWARD_TYPES, start=1)
    )
