"""The biên bản bàn giao sổ thi đua, laid out by the documents engine (NĐ 30/2020 Mẫu 1.9).

No legal form exists for this minutes (domain.md 1.3): it is an ordinary biên bản, headed by
the outgoing leader unit, listing what the file holds and its SHA-256 in groups of four, so
the receiver can compare it by eye or type it in when opening the file. The number is left
blank to be written by hand: the outgoing workbook is read-only once handed over.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from thidua_desktop.db.models import Handover
from thidua_desktop.documents.model import Column, Document, Header, Para, Signatures, Signer, Table, Title
from thidua_desktop.domain.admin_format import symbol_suffix, time_words
from thidua_desktop.domain.enums import DocumentType
from thidua_desktop.domain.text import format_points

from .document_facts import read_facts
from .handover import HandoverMinutes, handover_minutes
from .workspace import Workspace


def _years_text(years: tuple[int, ...]) -> str:
    if not years:
        return "chưa có năm nào"
    return f"các năm từ {years[0]} đến {years[-1]}" if len(years) > 1 else f"năm {years[0]}"


def handover_document(ws: Workspace, handover_id: int) -> Document:
    """The biên bản of a recorded handover, as the engine's document model."""
    minutes = handover_minutes(ws, handover_id)
    with ws.read() as s:
        facts = read_facts(s, s.get(Handover, handover_id).from_year_id, minutes.handed_at.date())
    header = Header(issuer=facts.issuer.name, superior=facts.issuer.superior,
                    symbol_suffix=symbol_suffix(DocumentType.BIEN_BAN.value, facts.issuer.symbol))
    return _render(minutes, header)


def _render(m: HandoverMinutes, header: Header) -> Document:
    giver, taker = m.from_unit or "…", m.to_unit or "…"
    title = f"Bàn giao sổ thi đua năm {m.from_year} của Khối"
    doc = Document(header, title=title)
    doc.add(Title("BIÊN BẢN", title),
            Para(time_words(m.handed_at) + ".", label="Thời gian bắt đầu:"),
            Para("…", label="Địa điểm:"),
            Para(f"bên giao là {giver} (Trưởng khối năm {m.from_year}), bên nhận là {taker} (Trưởng khối năm "
                 f"{m.to_year}).", label="Thành phần tham dự:"),
            Para(f"bên giao bàn giao cho bên nhận tệp sổ thi đua “{m.file_name}” của {m.bloc_name}, gồm số liệu "
                 f"{_years_text(m.years)}, đã được chương trình kiểm tra toàn vẹn, có số liệu như sau:",
                 label="Nội dung:"),
            _counts_table(m),
            Para("Mã kiểm tra (SHA-256) của tệp bàn giao, để bên nhận đối chiếu khi mở tệp:"),
            *[Para(line, bold=True, align="center", indent=False) for line in m.fingerprint_lines],
            Para("Bên nhận nhập mã này khi mở tệp (Tệp → Nhận sổ bàn giao…); mã không khớp thì tệp đã bị thay "
                 "đổi hoặc hỏng khi chép, không được dùng. Từ nay sổ của bên giao chỉ còn để xem. Biên bản lập "
                 "thành 02 bản, mỗi bên giữ 01 bản."),
            Signatures((Signer("Đại diện bên nhận", prefix=taker.upper()),
                        Signer("Đại diện bên giao", prefix=giver.upper()))))
    return doc


def _counts_table(m: HandoverMinutes) -> Table:
    """Records of each kind, two kinds a row to keep the minutes on one page."""
    cells = [(c.label[:1].upper() + c.label[1:], format_points(Decimal(c.count))) for c in m.counts]
    half = (len(cells) + 1) // 2
    rows = tuple((*cells[i], *(cells[i + half] if i + half < len(cells) else ("", ""))) for i in range(half))
    kind, count = Column("Loại số liệu", 2.6), Column("Số lượng", 1.3, "right")
    return Table((kind, count, kind, count), rows, size=12)


def write_handover_minutes(ws: Workspace, handover_id: int, out: Path, *, docx: bool = True) -> list[Path]:
    """Write the biên bản bàn giao as PDF (and an editable .docx beside it); returns the files."""
    from thidua_desktop.documents.docx_render import write_docx
    from thidua_desktop.documents.pdf_render import write_pdf

    doc = handover_document(ws, handover_id)
    out = Path(out)
    pdf = out if out.suffix.lower() == ".pdf" else out / f"Biên bản bàn giao sổ thi đua {date.today():%Y-%m-%d}.pdf"
    written = [write_pdf(doc, pdf)]
    if docx:
        written.append(write_docx(doc, pdf.with_suffix(".docx")))
    return written
