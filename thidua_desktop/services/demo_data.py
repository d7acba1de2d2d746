"""Names and texts of the demo workbook (services.demo): units of Lai Châu, Vietnamese names,
the criteria of the score table, bonus and penalty lines. Data only, no logic."""

from __future__ import annotations

from thidua_desktop.domain.enums import AdjustmentKind as AK
from thidua_desktop.domain.enums import CriterionKind as K
from thidua_desktop.domain.enums import ScoredBy
from thidua_desktop.domain.enums import UnitType as T

PROVINCE = "Lai Châu"
TINH_UY = "Tỉnh ủy Lai Châu"
UBND_TINH = "Ủy ban nhân dân tỉnh Lai Châu"

# official name, short name, symbol, superior body, type, head's post, central body giving Bằng khen
CORE_UNITS: tuple[tuple[str, str, str, str, T, str, str], ...] = (
    ("Văn phòng Tỉnh ủy", "VP Tỉnh ủy", "VPTU", TINH_UY, T.DANG, "Chánh Văn phòng",
     "Văn phòng Trung ương Đảng"),
    ("Ban Tổ chức Tỉnh ủy", "Ban Tổ chức", "BTCTU", TINH_UY, T.DANG, "Trưởng ban", "Ban Tổ chức Trung ương"),
    ("Ủy ban Kiểm tra Tỉnh ủy", "UBKT Tỉnh ủy", "UBKTTU", TINH_UY, T.DANG, "Chủ nhiệm",
     "Ủy ban Kiểm tra Trung ương"),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban TG và DV", "BTGDVTU", TINH_UY, T.DANG, "Trưởng ban",
     "Ban Tuyên giáo và Dân vận Trung ương"),
    ("Ban Nội chính Tỉnh ủy", "Ban Nội chính", "BNCTU", TINH_UY, T.DANG, "Trưởng ban", "Ban Nội chính Trung ương"),
    ("Báo Lai Châu", "Báo Lai Châu", "BLC", TINH_UY, T.SU_NGHIEP, "Tổng Biên tập", "Hội Nhà báo Việt Nam"),
    ("Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh", "ĐU Khối CQ và DN", "ĐUK", TINH_UY, T.DANG, "Bí thư",
     "Ban Tổ chức Trung ương"),
    ("Trường Chính trị tỉnh Lai Châu", "Trường Chính trị", "TCT", TINH_UY, T.SU_NGHIEP, "Hiệu trưởng",
     "Học viện Chính trị quốc gia Hồ Chí Minh"),
    ("Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh", "Ban BVCSSKCB", "BBVSKCB", TINH_UY, T.DANG, "Trưởng ban",
     "Bộ Y tế"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lai Châu", "UBMTTQ tỉnh", "MTTQ",
     "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", T.DOAN_THE, "Chủ tịch", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    ("Tỉnh đoàn Lai Châu", "Tỉnh đoàn", "TĐ", "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", T.DOAN_THE, "Bí thư",
     "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("Hội Liên hiệp Phụ nữ tỉnh Lai Châu", "Hội LHPN tỉnh", "HLHPN", "Trung ương Hội Liên hiệp Phụ nữ Việt Nam",
     T.DOAN_THE, "Chủ tịch", "Trung ương Hội Liên hiệp Phụ nữ Việt Nam"),
    ("Hội Nông dân tỉnh Lai Châu", "Hội Nông dân tỉnh", "HND", "Trung ương Hội Nông dân Việt Nam", T.DOAN_THE,
     "Chủ tịch", "Trung ương Hội Nông dân Việt Nam"),
    ("Liên đoàn Lao động tỉnh Lai Châu", "LĐLĐ tỉnh", "LĐLĐ", "Tổng Liên đoàn Lao động Việt Nam", T.DOAN_THE,
     "Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam"),
)
PARTY_CORE = 9  # the first nine are the Party's own bodies: a "Khối các cơ quan Đảng"
WOMEN_LED = {"HLHPN"}

# Departments, boards and centres of the province, used when the bloc is larger than CORE_UNITS.
OTHER_UNITS: tuple[tuple[str, str, str, T, str, str], ...] = (
    ("Sở Nội vụ", "SNV", UBND_TINH, T.HANH_CHINH, "Giám đốc", "Bộ Nội vụ"),
    ("Sở Tài chính", "STC", UBND_TINH, T.HANH_CHINH, "Giám đốc", "Bộ Tài chính"),
    ("Sở Tư pháp", "STP", UBND_TINH, T.HANH_CHINH, "Giám đốc", "Bộ Tư pháp"),
    ("Sở Y tế", "SYT", UBND_TINH, T.HANH_CHINH, "Giám đốc", "Bộ Y tế"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", UBND_TINH, T.HANH_CHINH, "Giám đốc", "Bộ Giáo dục và Đào tạo"),
    ("Sở Xây dựng", "SXD", UBND_TINH, T.HANH_CHINH, "Giám đốc", "Bộ Xây dựng"),
    ("Sở Công Thương", "SCT", UBND_TINH, T.HANH_CHINH, "Giám đốc", "Bộ Công Thương"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT", UBND_TINH, T.HANH_CHINH, "Giám đốc", "Bộ Nông nghiệp và Môi trường"),
    ("Sở Khoa học và Công nghệ", "SKHCN", UBND_TINH, T.HANH_CHINH, "Giám đốc", "Bộ Khoa học và Công nghệ"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", UBND_TINH, T.HANH_CHINH, "Giám đốc",
     "Bộ Văn hóa, Thể thao và Du lịch"),
    ("Sở Dân tộc và Tôn giáo", "SDTTG", UBND_TINH, T.HANH_CHINH, "Giám đốc", "Bộ Dân tộc và Tôn giáo"),
    ("Sở Ngoại vụ", "SNGV", UBND_TINH, T.HANH_CHINH, "Giám đốc", "Bộ Ngoại giao"),
    ("Thanh tra tỉnh", "TTT", UBND_TINH, T.HANH_CHINH, "Chánh Thanh tra", "Thanh tra Chính phủ"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "VPUBND", UBND_TINH, T.HANH_CHINH, "Chánh Văn phòng", "Văn phòng Chính phủ"),
    ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "VPĐĐBQH", "Hội đồng nhân dân tỉnh Lai Châu",
     T.HANH_CHINH, "Chánh Văn phòng", "Văn phòng Quốc hội"),
    ("Ban Quản lý Khu kinh tế tỉnh", "BQLKKT", UBND_TINH, T.HANH_CHINH, "Trưởng ban", "Bộ Tài chính"),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh", "BQLDADD", UBND_TINH,
     T.SU_NGHIEP, "Giám đốc", "Bộ Xây dựng"),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh", "BQLDAGT", UBND_TINH, T.SU_NGHIEP,
     "Giám đốc", "Bộ Xây dựng"),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn tỉnh", "BQLDANN",
     UBND_TINH, T.SU_NGHIEP, "Giám đốc", "Bộ Nông nghiệp và Môi trường"),
    ("Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC", "Văn phòng Ủy ban nhân dân tỉnh", T.SU_NGHIEP, "Giám đốc",
     "Văn phòng Chính phủ"),
    ("Trung tâm Kiểm soát bệnh tật tỉnh", "CDC", "Sở Y tế", T.SU_NGHIEP, "Giám đốc", "Bộ Y tế"),
    ("Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh", "TTXTĐT", UBND_TINH, T.SU_NGHIEP, "Giám đốc",
     "Bộ Tài chính"),
    ("Trung tâm Lưu trữ lịch sử tỉnh", "TTLTLS", "Sở Nội vụ", T.SU_NGHIEP, "Giám đốc", "Bộ Nội vụ"),
    ("Bệnh viện Đa khoa tỉnh Lai Châu", "BVĐK", "Sở Y tế", T.SU_NGHIEP, "Giám đốc", "Bộ Y tế"),
    ("Trường Cao đẳng Cộng đồng Lai Châu", "CĐCĐ", UBND_TINH, T.SU_NGHIEP, "Hiệu trưởng", "Bộ Giáo dục và Đào tạo"),
    ("Đài Phát thanh và Truyền hình Lai Châu", "PTTH", UBND_TINH, T.SU_NGHIEP, "Giám đốc", "Hội Nhà báo Việt Nam"),
    ("Bảo hiểm xã hội tỉnh Lai Châu", "BHXH", "Bảo hiểm xã hội Việt Nam", T.TRUNG_UONG, "Giám đốc",
     "Bảo hiểm xã hội Việt Nam"),
    ("Ngân hàng Chính sách xã hội chi nhánh tỉnh Lai Châu", "NHCSXH", "Ngân hàng Chính sách xã hội", T.TRUNG_UONG,
     "Giám đốc", "Ngân hàng Nhà nước Việt Nam"),
    ("Công ty Điện lực Lai Châu", "PCLC", "Tổng công ty Điện lực miền Bắc", T.DOANH_NGHIEP, "Giám đốc",
     "Bộ Công Thương"),
)

# Communes and wards of Lai Châu (after the 2025 reform): their Party committees and people's committees.
COMMUNES = (
    "phường Tân Phong", "phường Đoàn Kết", "xã Bình Lư", "xã Tả Lèng", "xã Khun Há", "xã Sin Suối Hồ",
    "xã Phong Thổ", "xã Dào San", "xã Sì Lở Lầu", "xã Khổng Lào", "xã Mường Tè", "xã Mù Cả", "xã Thu Lũm",
    "xã Pa Ủ", "xã Hua Bum", "xã Tà Tổng", "xã Bum Tở", "xã Bum Nưa", "xã Nậm Nhùn", "xã Mường Mô",
    "xã Pa Tần", "xã Nậm Hàng", "xã Lê Lợi", "xã Sìn Hồ", "xã Hồng Thu", "xã Nậm Tăm", "xã Tủa Sín Chải",
    "xã Pu Sam Cáp", "xã Nậm Mạ", "xã Than Uyên", "xã Pắc Ta", "xã Mường Than", "xã Mường Kim", "xã Khoen On",
    "xã Tân Uyên", "xã Mường Khoa", "xã Nậm Sỏ", "xã Bản Bo",
)

# --- people ----------------------------------------------------------------------------------

KINH = ("Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Dương", "Đinh", "Mai")
THAI = ("Lò", "Lường", "Tòng", "Lù", "Đèo", "Hà")
HMONG = ("Giàng", "Sùng", "Vàng", "Tẩn", "Chẻo", "Phàn", "Lý")
MIDDLE_MALE = ("Văn", "Đức", "Mạnh", "Quang", "Hữu", "Minh", "Xuân", "Tiến", "Ngọc", "Thanh", "Công", "Trọng")
MIDDLE_FEMALE = ("Thị", "Thị", "Thu", "Thanh", "Ngọc", "Hồng", "Thùy", "Phương", "Kim", "Thị Thu", "Minh")
GIVEN_MALE = ("Thắng", "Long", "Hùng", "Dũng", "Tuấn", "Bình", "Hải", "Sơn", "Cường", "Chiến", "Phong", "Khoa",
              "Trung", "Hưng", "Nam", "Quân", "Toàn", "Thành", "Lâm", "Huy", "Kiên", "Tùng", "Vinh", "Hiếu", "Duy",
              "Khải", "Lợi", "Tâm", "Quyết", "Đông")
GIVEN_HMONG_MALE = ("Chứ", "Páo", "Sử", "Dơ", "Lử", "Tráng", "Sình", "Vừ", "Chinh", "Tính", "Chá", "Phổng")
GIVEN_FEMALE = ("Hoa", "Lan", "Hương", "Mai", "Thảo", "Hằng", "Nga", "Linh", "Huyền", "Yến", "Phương", "Dung",
                "Thủy", "Hà", "Trang", "Nhung", "Vân", "Liên", "Hạnh", "Oanh", "Loan", "Thơm", "Xuân", "Quyên",
                "Ánh", "Diệp")
STAFF_POSTS = ("Trưởng phòng Tổng hợp", "Trưởng phòng Hành chính – Tổ chức", "Phó Trưởng phòng Tổng hợp",
               "Chuyên viên chính", "Chuyên viên", "Chuyên viên", "Kế toán", "Văn thư")
PRESS_POSTS = ("Trưởng phòng Thời sự", "Phóng viên", "Biên tập viên", "Kỹ thuật viên")

# --- the score table -------------------------------------------------------------------------

# A leaf: text, kind, unit of measure, year plan (ratio kinds), weight, guidance (None: by kind).
Leaf = tuple[str, K, str | None, float | None, int, str | None]
GUIDANCE = {
    K.MANUAL: "Trưởng khối, Phó khối thẩm định trên cơ sở báo cáo và tài liệu kiểm chứng của đơn vị.",
    K.RATIO: "Điểm = (thực hiện ÷ kế hoạch) × điểm chuẩn. Vượt kế hoạch: mỗi 1% vượt được cộng 1% điểm chuẩn, "
             "tối đa 10% điểm chuẩn (tính vào điểm thưởng định lượng).",
    K.INVERSE_RATIO: "Chỉ tiêu giảm: điểm = (kế hoạch ÷ thực hiện) × điểm chuẩn; không để xảy ra (bằng 0) "
                     "được đủ điểm và điểm thưởng tối đa.",
    K.GRADE: "Xếp loại A (tốt): đủ điểm chuẩn; B (khá), C (trung bình), D (yếu) theo thang điểm của Khối.",
    K.YES_NO: "Có thực hiện, đúng thời hạn: đủ điểm; không thực hiện hoặc thực hiện chậm: 0 điểm.",
}

# code, title, max points, scored by, evidence expected, groups (heading or None, leaves), topics
SECTIONS = (
    ("I", "Thực hiện nhiệm vụ chính trị, chuyên môn được giao", 40, ScoredBy.SELF_APPRAISAL,
     "Báo cáo kết quả thực hiện nhiệm vụ năm của đơn vị; kế hoạch, văn bản chỉ đạo; số liệu thống kê có xác nhận.",
     (
         ("Tham mưu, thực hiện chương trình công tác năm của Tỉnh ủy, Ban Thường vụ Tỉnh ủy", (
             ("Tỷ lệ nhiệm vụ trong chương trình công tác năm được giao hoàn thành đúng tiến độ", K.RATIO, "%",
              100.0, 3, None),
             ("Số văn bản tham mưu trình Thường trực, Ban Thường vụ Tỉnh ủy bị chậm so với thời hạn",
              K.INVERSE_RATIO, "văn bản", 2.0, 2, None),
             ("Chất lượng văn bản tham mưu (nghị quyết, chỉ thị, kết luận, đề án) được cấp có thẩm quyền đánh giá",
              K.GRADE, None, None, 3, "A: không phải chỉnh sửa lớn; B: phải chỉnh sửa một phần; C: phải chỉnh sửa "
              "nhiều; D: phải xây dựng lại."),
             ("Ban hành kế hoạch thực hiện nhiệm vụ chính trị năm trước ngày 31 tháng 01", K.YES_NO, None, None, 1,
              None),
         )),
         ("Thực hiện nhiệm vụ chuyên môn, nghiệp vụ theo chức năng, nhiệm vụ", (
             ("Kết quả thực hiện các nhiệm vụ chuyên môn trọng tâm theo chức năng, nhiệm vụ", K.MANUAL, None, None,
              4, "Mỗi nhiệm vụ trọng tâm không hoàn thành trừ 1 điểm; hoàn thành chậm trừ 0,5 điểm."),
             ("Tỷ lệ văn bản đến được xử lý, giải quyết đúng thời hạn", K.RATIO, "%", 100.0, 2, None),
             ("Thực hiện chế độ thông tin, báo cáo định kỳ, đột xuất với Tỉnh ủy và Khối thi đua", K.GRADE, None,
              None, 2, None),
             ("Số báo cáo gửi Khối thi đua chậm so với thời hạn", K.INVERSE_RATIO, "báo cáo", 1.0, 1, None),
         )),
         ("Cải cách hành chính, chuyển đổi số", (
             ("Tỷ lệ văn bản, hồ sơ công việc được xử lý trên môi trường mạng", K.RATIO, "%", 90.0, 2, None),
             ("Sử dụng chữ ký số trong phát hành văn bản đi", K.YES_NO, None, None, 1, None),
             ("Kết quả thực hiện cải cách hành chính, văn hóa công sở", K.GRADE, None, None, 2, None),
         )),
         ("Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực", (
             ("Xây dựng và thực hiện quy chế chi tiêu nội bộ, quy chế quản lý tài sản công", K.YES_NO, None, None,
              1, None),
             ("Tỷ lệ tiết kiệm chi thường xuyên so với dự toán được giao", K.RATIO, "%", 10.0, 1, None),
             ("Kê khai, công khai tài sản, thu nhập; phòng, chống tham nhũng, lãng phí, tiêu cực", K.MANUAL, None,
              None, 2, None),
         )),
         (None, (
             ("Bảo vệ bí mật nhà nước, bảo đảm an toàn, an ninh mạng trong cơ quan", K.YES_NO, None, None, 1, None),
             ("Công tác văn thư, lưu trữ; lập hồ sơ công việc và nộp lưu vào lưu trữ cơ quan", K.MANUAL, None, None,
              2, None),
         )),
     ),
     ("Công tác tổ chức, cán bộ", "Công tác kiểm tra, giám sát", "Công tác tuyên truyền, báo chí, xuất bản",
      "Công tác dân vận", "Công tác nội chính, phòng, chống tham nhũng", "Công tác đối ngoại",
      "Công tác tài chính, quản lý tài sản công", "Công tác đào tạo, bồi dưỡng cán bộ",
      "Công tác bảo vệ chính trị nội bộ", "Tiếp công dân, giải quyết khiếu nại, tố cáo",
      "Chương trình mục tiêu quốc gia phát triển kinh tế – xã hội vùng đồng bào dân tộc thiểu số và miền núi",
      "Chương trình mục tiêu quốc gia giảm nghèo bền vững", "Sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, "
      "hiệu quả", "Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
      "Phòng, chống thiên tai, tìm kiếm cứu nạn", "Quốc phòng, an ninh tại cơ quan")),
    ("II", "Tổ chức các phong trào thi đua, các cuộc vận động", 20, ScoredBy.SELF_APPRAISAL,
     "Kế hoạch phát động, báo cáo sơ kết, tổng kết phong trào; ảnh, tin bài đã đăng.",
     (
         ("Tổ chức phát động và triển khai phong trào thi đua", (
             ("Tổ chức phát động phong trào thi đua thường xuyên, theo chuyên đề gắn với nhiệm vụ chính trị",
              K.MANUAL, None, None, 2, None),
             ("Số đợt thi đua theo chuyên đề được tổ chức so với đăng ký", K.RATIO, "đợt", 3.0, 2, None),
             ("Đăng ký danh hiệu thi đua, ký giao ước thi đua với Khối đúng thời hạn", K.YES_NO, None, None, 1,
              None),
         )),
         ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", (
             ("Xây dựng mô hình, điển hình “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”",
              K.GRADE, None, None, 2, None),
             ("Số điển hình tiên tiến được biểu dương, nhân rộng", K.RATIO, "điển hình", 4.0, 1, None),
         )),
         (None, (
             ("Tham gia đầy đủ các hoạt động của Khối (hội nghị, giao lưu văn hóa, thể thao, hội thảo)", K.MANUAL,
              None, None, 2, None),
             ("Số tin, bài tuyên truyền về phong trào thi đua trên Báo Lai Châu, Cổng thông tin điện tử tỉnh",
              K.RATIO, "tin, bài", 12.0, 1, None),
             ("Thực hiện văn hóa công sở, quy tắc ứng xử của cán bộ, công chức, viên chức", K.GRADE, None, None, 1,
              None),
         )),
     ),
     ("Phong trào “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”",
      "Phong trào “Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau”",
      "Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”", "Phong trào thi đua “Dân vận khéo”",
      "Phong trào “Bình dân học vụ số”", "Phong trào thi đua xóa nhà tạm, nhà dột nát",
      "Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”",
      "Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”",
      "Phong trào “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời”",
      "Đợt thi đua chào mừng đại hội đảng bộ các cấp", "Phong trào thi đua đổi mới sáng tạo và chuyển đổi số")),
    ("III", "Thực hiện công tác thi đua, khen thưởng (do cơ quan thường trực Hội đồng Thi đua – Khen thưởng tỉnh "
     "chấm)", 15, ScoredBy.PROVINCIAL,
     "Hồ sơ, báo cáo đã gửi cơ quan thường trực Hội đồng Thi đua – Khen thưởng tỉnh; sổ theo dõi của Sở Nội vụ.",
     (
         (None, (
             ("Kiện toàn Hội đồng Thi đua – Khen thưởng và bố trí cán bộ làm công tác thi đua, khen thưởng",
              K.YES_NO, None, None, 1, None),
             ("Chất lượng hồ sơ đề nghị khen thưởng gửi cơ quan thường trực (đúng quy trình, thủ tục, thời hạn)",
              K.GRADE, None, None, 3, None),
             ("Thực hiện chế độ báo cáo công tác thi đua, khen thưởng định kỳ", K.GRADE, None, None, 2, None),
             ("Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến", K.MANUAL, None, None, 2, None),
             ("Khen thưởng đúng đối tượng, tiêu chuẩn; ưu tiên người trực tiếp lao động, công tác", K.MANUAL, None,
              None, 2, None),
             ("Công khai danh sách đề nghị khen thưởng tại cơ quan trước khi trình", K.YES_NO, None, None, 1, None),
             ("Ứng dụng phần mềm quản lý hồ sơ thi đua, khen thưởng", K.YES_NO, None, None, 1, None),
         )),
     ),
     ("Hồ sơ đề nghị Cờ thi đua, Bằng khen", "Hồ sơ đề nghị danh hiệu Chiến sĩ thi đua",
      "Báo cáo tổng kết công tác thi đua, khen thưởng năm", "Báo cáo sơ kết công tác thi đua 6 tháng",
      "Tham dự tập huấn nghiệp vụ thi đua, khen thưởng", "Tuyên truyền gương điển hình tiên tiến",
      "Quản lý, lưu trữ hồ sơ khen thưởng", "Trích lập, sử dụng Quỹ thi đua, khen thưởng")),
    ("IV", "Công tác xây dựng Đảng, đoàn thể và cơ quan vững mạnh", 25, ScoredBy.SELF_APPRAISAL,
     "Quyết định xếp loại tổ chức đảng, đoàn thể; nghị quyết, biên bản sinh hoạt chi bộ; báo cáo của đơn vị.",
     (
         ("Xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh", (
             ("Kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng", K.GRADE, None, None, 3,
              "A: Hoàn thành xuất sắc nhiệm vụ; B: Hoàn thành tốt nhiệm vụ; C: Hoàn thành nhiệm vụ; "
              "D: Không hoàn thành nhiệm vụ."),
             ("Tỷ lệ đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên", K.RATIO, "%", 90.0, 2, None),
             ("Số đảng viên bị xử lý kỷ luật trong năm", K.INVERSE_RATIO, "đảng viên", 1.0, 1, None),
             ("Thực hiện các nghị quyết, kết luận của Trung ương về xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
              K.GRADE, None, None, 2, None),
         )),
         ("Xây dựng tổ chức công đoàn, đoàn thanh niên, hội phụ nữ vững mạnh", (
             ("Kết quả xếp loại công đoàn cơ sở, chi đoàn, chi hội", K.GRADE, None, None, 2, None),
             ("Tổ chức hoạt động văn hóa, văn nghệ, thể dục thể thao; chăm lo đời sống cán bộ, người lao động",
              K.MANUAL, None, None, 2, None),
         )),
         (None, (
             ("Giữ vững danh hiệu “Cơ quan đạt chuẩn văn hóa”", K.YES_NO, None, None, 1, None),
             ("Thực hiện Quy chế dân chủ ở cơ sở, quy chế làm việc của cơ quan", K.MANUAL, None, None, 2, None),
             ("Công tác quốc phòng, an ninh, phòng cháy và chữa cháy tại cơ quan", K.YES_NO, None, None, 1, None),
         )),
     ),
     ("Sinh hoạt chi bộ, sinh hoạt chuyên đề", "Công tác kiểm tra, giám sát của chi bộ",
      "Học tập, quán triệt và triển khai nghị quyết của Đảng", "Công tác phát triển đảng viên",
      "Hoạt động của công đoàn cơ sở", "Hoạt động của chi đoàn thanh niên", "Hoạt động của chi hội phụ nữ",
      "Hoạt động của chi hội cựu chiến binh", "Công tác bảo vệ chính trị nội bộ của chi bộ",
      "Thực hiện quy định về trách nhiệm nêu gương của cán bộ, đảng viên")),
)

# Children of a heading made from a topic, in order (provincial sections take the manual kinds only).
TOPIC_LEAVES: tuple[Leaf, ...] = (
    ("Ban hành kế hoạch, văn bản triển khai kịp thời", K.YES_NO, None, None, 1, None),
    ("Tỷ lệ nhiệm vụ hoàn thành đúng tiến độ, kế hoạch", K.RATIO, "%", 100.0, 2, None),
    ("Chất lượng, hiệu quả thực hiện", K.GRADE, None, None, 2, None),
    ("Kết quả kiểm tra, đánh giá của cấp có thẩm quyền", K.MANUAL, None, None, 2, None),
)
GRADE_SHARES = {"A": 1, "B": "0.8", "C": "0.6", "D": "0.2"}

# code, kind, text, points, per occurrence, cap, scored by, disqualifies
ADJUSTMENTS = (
    ("T1", AK.BONUS, "Có cách làm sáng tạo, hiệu quả trong tổ chức phong trào thi đua, được Khối ghi nhận",
     5, False, None, ScoredBy.SELF_APPRAISAL, False),
    ("T2", AK.BONUS, "Thực hiện tốt các quy định về thi đua, khen thưởng; phát hiện, nhân rộng điển hình tiên tiến "
     "(cơ quan thường trực Hội đồng Thi đua – Khen thưởng tỉnh chấm)", 5, False, None, ScoredBy.PROVINCIAL, False),
    ("T3", AK.BONUS, "Mỗi tập thể, cá nhân của đơn vị được khen thưởng đột xuất từ cấp tỉnh trở lên", 2, True, 6,
     ScoredBy.SELF_APPRAISAL, False),
    ("TR1", AK.PENALTY, "Mỗi lần lãnh đạo đơn vị vắng các hoạt động của Khối không có lý do", 5, True, 15,
     ScoredBy.SELF_APPRAISAL, False),
    ("TR2", AK.PENALTY, "Mỗi hồ sơ đề nghị khen thưởng cấp tỉnh trở lên bị trả lại do không đúng quy định", 5, True,
     10, ScoredBy.PROVINCIAL, False),
    ("TR3", AK.PENALTY, "Mỗi báo cáo gửi chậm từ 05 đến dưới 10 ngày", 5, True, 10, ScoredBy.SELF_APPRAISAL, False),
    ("TR4", AK.PENALTY, "Người đứng đầu hoặc cấp phó của đơn vị bị kỷ luật khiển trách", 10, False, None,
     ScoredBy.SELF_APPRAISAL, False),
    ("TR5", AK.PENALTY, "Đơn vị Trưởng khối, Phó khối không hoàn thành nhiệm vụ được giao, để xảy ra mất đoàn kết",
     10, False, None, ScoredBy.PROVINCIAL, False),
    ("TR6", AK.PENALTY, "Người đứng đầu hoặc cấp phó bị kỷ luật cảnh cáo trở lên (đơn vị không được xét đề nghị Cờ "
     "thi đua, Bằng khen)", 20, False, None, ScoredBy.SELF_APPRAISAL, True),
)

THEMES = {
    2021: "Đoàn kết, kỷ cương, chủ động thích ứng, phòng, chống dịch Covid-19, hoàn thành xuất sắc nhiệm vụ",
    2022: "Đoàn kết, kỷ cương, đổi mới, sáng tạo, thi đua hoàn thành xuất sắc nhiệm vụ chính trị",
    2023: "Đoàn kết, kỷ cương, đổi mới, sáng tạo, thi đua hoàn thành xuất sắc nhiệm vụ chính trị",
    2024: "Thi đua lập thành tích chào mừng đại hội đảng bộ các cấp, nhiệm kỳ 2025 – 2030",
    2025: "Thi đua sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả; chào mừng Đại hội đại biểu "
          "toàn quốc lần thứ XIV của Đảng",
    2026: "Thi đua thực hiện thắng lợi Nghị quyết Đại hội XIV của Đảng và nghị quyết đại hội đảng bộ các cấp",
}
DEFAULT_THEME = "Đoàn kết, kỷ cương, đổi mới, sáng tạo, hoàn thành xuất sắc nhiệm vụ chính trị được giao"

LAW_2003 = ("Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều "
            "của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013")
ND_42 = ("Căn cứ Nghị định số 42/2010/NĐ-CP ngày 15 tháng 4 năm 2010 của Chính phủ quy định chi tiết thi hành "
         "một số điều của Luật Thi đua, khen thưởng")
ND_91 = ("Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành "
         "một số điều của Luật Thi đua, khen thưởng")
ND_98 = ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
         "một số điều của Luật Thi đua, khen thưởng")
# The province's own regulation in force from a year on (numbers are illustrative).
PROVINCIAL_RULES = (
    (0, "Căn cứ Quyết định số 12/2015/QĐ-UBND ngày 20 tháng 4 năm 2015 của Ủy ban nhân dân tỉnh Lai Châu ban hành "
        "Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh"),
    (2018, "Căn cứ Quyết định số 23/2018/QĐ-UBND ngày 25 tháng 7 năm 2018 của Ủy ban nhân dân tỉnh Lai Châu ban hành "
           "Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh"),
    (2024, "Căn cứ Quyết định số 30/2024/QĐ-UBND ngày 21 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh Lai Châu ban hành "
           "Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh"),
    (2025, "Căn cứ Quyết định số 45/2025/QĐ-UBND ngày 15 tháng 9 năm 2025 của Ủy ban nhân dân tỉnh Lai Châu ban hành "
           "Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh"),
)
BLOC_PLAN = "Căn cứ Kế hoạch tổ chức phong trào thi đua năm {year} của {bloc}"

# Long words shortened in generated short names.
SHORTEN = (("Ban Quản lý dự án đầu tư xây dựng các công trình", "BQLDA"), ("Ủy ban nhân dân", "UBND"),
           ("Đoàn đại biểu Quốc hội và Hội đồng nhân dân", "Đoàn ĐBQH và HĐND"), ("Văn phòng", "VP"),
           ("Trung tâm", "TT"), ("nông nghiệp và phát triển nông thôn", "NN và PTNT"),
           ("Ngân hàng Chính sách xã hội chi nhánh", "NHCSXH"), ("Bảo hiểm xã hội", "BHXH"),
           ("Ban Quản lý", "BQL"), ("Đảng ủy", "ĐU"), ("Bệnh viện Đa khoa", "BVĐK"),
           ("Đài Phát thanh và Truyền hình", "Đài PT-TH"), ("Công ty Điện lực", "Điện lực"),
           (" tỉnh Lai Châu", " tỉnh"))
APPRAISAL_NOTES = ("Tài liệu kiểm chứng chưa đầy đủ.", "Số liệu chưa khớp với báo cáo của đơn vị.",
                   "Một số nhiệm vụ hoàn thành chậm so với kế hoạch.", "Thẩm định lại theo biên bản kiểm tra của Khối.")

COVENANT_CONTENT = (
    "Các đơn vị thành viên {bloc} cùng thống nhất ký kết giao ước thi đua năm {year} với các nội dung:\n"
    "1. Thi đua hoàn thành xuất sắc nhiệm vụ chính trị, chuyên môn được giao; thực hiện tốt chương trình công tác "
    "năm của Tỉnh ủy.\n"
    "2. Đẩy mạnh các phong trào thi đua yêu nước gắn với học tập và làm theo tư tưởng, đạo đức, phong cách "
    "Hồ Chí Minh; phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến.\n"
    "3. Xây dựng tổ chức đảng, đoàn thể trong sạch, vững mạnh; thực hành tiết kiệm, chống lãng phí.\n"
    "4. Thực hiện đúng quy định về thi đua, khen thưởng; tự chấm điểm theo bảng điểm kèm theo và gửi "
    "đơn vị Trưởng khối đúng thời hạn."
)
