"""The biên bản bàn giao printed through the documents engine: PDF text read back, fonts embedded,
the fingerprint in groups of four exactly as the file's SHA-256, and the editable .docx."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from docx import Document as DocxFile
from pypdf import PdfReader
from year_end_fixtures import ready_to_hand_over

from thidua_desktop.services.handover import hand_over, handover_plan
from thidua_desktop.services.handover_document import write_handover_minutes
from thidua_desktop.services.workspace import Workspace


def test_minutes_print_the_years_counts_and_fingerprint(ws: Workspace, tmp_path: Path) -> None:
    year_id = ready_to_hand_over(ws, 2026)
    plan = handover_plan(ws, year_id)
    result = hand_over(ws, year_id, tmp_path / plan.suggested_name)
    pdf, docx = write_handover_minutes(ws, result.handover_id, tmp_path / "bb.pdf")  # the file is read-only now

    text = unicodedata.normalize("NFC", subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                                       text=True, check=True).stdout)
    flat = " ".join(text.split())
    assert "BIÊN BẢN" in text and "Bàn giao sổ thi đua năm 2026 của Khối" in flat and plan.bloc_name in flat
    assert f"bên giao là {plan.from_unit} (Trưởng khối năm 2026), bên nhận là {plan.to_unit}" in flat
    assert "các năm từ 2023 đến 2027" in flat
    for line in result.minutes.fingerprint_lines:
        assert line in text  # eight groups of four per line, as the receiver compares them
    assert " ".join(result.minutes.fingerprint_lines).replace(" ", "").lower() == result.sha256
    counts = {c.label: c.count for c in result.minutes.counts}
    assert f"Điểm chấm {counts['điểm chấm']:,}".replace(",", ".") in flat
    assert len(PdfReader(pdf).pages) == 1  # the signatures stay on the page of the text
    assert "Đại diện bên giao".upper() in text.upper() and "Đại diện bên nhận".upper() in text.upper()

    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # every font embedded
    paragraphs = " ".join(p.text for p in DocxFile(str(docx)).paragraphs)
    assert result.minutes.fingerprint_lines[0] in paragraphs
