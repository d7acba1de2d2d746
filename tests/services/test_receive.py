"""Receiving a handed-over workbook: fingerprint, integrity and identity checked, removable media
copied to the local folder first, another bloc's file refused unless confirmed."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from year_end_fixtures import ready_to_hand_over

from thidua_desktop import paths
from thidua_desktop.db.workbook_file import open_workbook
from thidua_desktop.domain.enums import YearState
from thidua_desktop.services import years
from thidua_desktop.services.handover import HandoverResult, hand_over, handover_plan, handovers
from thidua_desktop.services.receive import (
    RECEIVED_FOLDER,
    Expected,
    ReceiveError,
    ReceiveProblem,
    is_removable,
    receive,
    record_receipt,
)
from thidua_desktop.services.workspace import Workspace

@pytest.fixture
def handed(ws: Workspace, tmp_path: Path) -> HandoverResult:
    """The demo's 2026 handed over onto a "USB stick" folder; the outgoing workbook closed."""
    year_id = ready_to_hand_over(ws, 2026)
    usb = tmp_path / "usb"
    usb.mkdir()
    result = hand_over(ws, year_id, usb / handover_plan(ws, year_id).suggested_name)
    ws.close()
    return result


def _typed(sha: str) -> str:
    """As a user types it from the printed minutes: groups of four, lower case."""
    return " ".join(sha[i:i + 4] for i in range(0, 64, 4)).lower()


def test_right_fingerprint_with_spaces_in_lower_case(handed: HandoverResult) -> None:
    got = receive(handed.path, fingerprint=_typed(handed.sha256), removable=lambda _p: False)
    assert got.fingerprint_checked and got.sha256 == handed.sha256
    assert got.path == handed.path and not got.copied
    assert got.years == handed.minutes.years
    assert got.counts == {c.kind: c.count for c in handed.minutes.counts}
    dashed = "-".join(handed.fingerprint.split(" "))
    assert receive(handed.path, fingerprint=dashed, removable=lambda _p: False).fingerprint_checked


def test_without_a_fingerprint_the_file_is_still_checked(handed: HandoverResult) -> None:
    got = receive(handed.path, fingerprint="  ", removable=lambda _p: False)
    assert not got.fingerprint_checked and got.inspection.summary.current_year == 2027


def test_wrong_fingerprint_is_refused_showing_both(handed: HandoverResult) -> None:
    other = hashlib.sha256(b"another file").hexdigest()
    with pytest.raises(ReceiveError) as refused:
        receive(handed.path, fingerprint=_typed(other), removable=lambda _p: False)
    assert refused.value.problem is ReceiveProblem.FINGERPRINT_MISMATCH and not refused.value.can_confirm
    assert "không khớp với biên bản bàn giao" in refused.value.message
    assert handed.fingerprint in refused.value.message and other[:4].upper() in refused.value.message


def test_a_fingerprint_that_cannot_be_one_is_explained(handed: HandoverResult) -> None:
    with pytest.raises(ReceiveError) as refused:
        receive(handed.path, fingerprint=handed.fingerprint[:-5], removable=lambda _p: False)
    assert refused.value.problem is ReceiveProblem.FINGERPRINT_INVALID
    assert "đúng 64 ký tự" in refused.value.message and "có 60 ký tự." in refused.value.message
    with pytest.raises(ReceiveError, match="ký tự không hợp lệ"):
        receive(handed.path, fingerprint="x" * 64, removable=lambda _p: False)


def test_one_changed_byte_is_caught_by_the_fingerprint(handed: HandoverResult, tmp_path: Path) -> None:
    tampered = tmp_path / "sửa lén.thidua"
    data = bytearray(handed.path.read_bytes())
    at = data.find("Trưởng khối".encode())  # inside a text value: SQLite itself sees nothing wrong
    assert at > 0
    data[at] ^= 0x01
    tampered.write_bytes(bytes(data))
    assert receive(tampered, removable=lambda _p: False).sha256 != handed.sha256  # the file itself still opens
    with pytest.raises(ReceiveError) as refused:
        receive(tampered, fingerprint=handed.fingerprint, removable=lambda _p: False)
    assert refused.value.problem is ReceiveProblem.FINGERPRINT_MISMATCH


def test_a_truncated_copy_is_refused(handed: HandoverResult, tmp_path: Path) -> None:
    cut = tmp_path / "chép dở.thidua"
    cut.write_bytes(handed.path.read_bytes()[:-4096 * 3 - 100])
    with pytest.raises(ReceiveError) as refused:
        receive(cut, removable=lambda _p: False)
    assert refused.value.problem is ReceiveProblem.UNUSABLE and "bị hỏng" in refused.value.message


def test_another_blocs_file_is_refused_unless_confirmed(handed: HandoverResult) -> None:
    ours = Expected(bloc_uuid="0" * 32, bloc_name="Khối các cơ quan Đảng tỉnh")
    with pytest.raises(ReceiveError) as refused:
        receive(handed.path, expected=ours, removable=lambda _p: False)
    assert refused.value.problem is ReceiveProblem.OTHER_BLOC and refused.value.can_confirm
    assert refused.value.message.startswith(f"Tệp “{handed.path.name}” là sổ của {handed.minutes.bloc_name}, "
                                            "không phải sổ của khối anh/chị đang làm việc (Khối các cơ quan")
    got = receive(handed.path, expected=ours, accept_other_bloc=True, removable=lambda _p: False)
    assert got.inspection.summary.bloc_name == handed.minutes.bloc_name


def test_the_expected_year_must_be_in_the_file(handed: HandoverResult) -> None:
    same_bloc = receive(handed.path, removable=lambda _p: False).inspection.bloc_uuid
    receive(handed.path, expected=Expected(bloc_uuid=same_bloc, year=2027), removable=lambda _p: False)
    with pytest.raises(ReceiveError) as refused:
        receive(handed.path, expected=Expected(bloc_uuid=same_bloc, year=2028), removable=lambda _p: False)
    assert refused.value.problem is ReceiveProblem.WRONG_YEAR
    assert "có các năm 2023–2027, chưa có năm 2028" in refused.value.message


def test_the_outgoing_original_is_not_a_handover_copy(handed: HandoverResult, demo_workbook: Path) -> None:
    with pytest.raises(ReceiveError) as refused:
        receive(demo_workbook, removable=lambda _p: False)
    assert refused.value.problem is ReceiveProblem.HANDED_OVER_ORIGINAL
    assert "là sổ gốc đã bàn giao cho" in refused.value.message


def test_a_file_on_removable_media_is_copied_to_the_local_folder(handed: HandoverResult) -> None:
    seen: list[Path] = []

    def on_usb(path: Path) -> bool:
        seen.append(path)
        return True

    got = receive(handed.path, fingerprint=handed.fingerprint, removable=on_usb)
    assert seen == [handed.path] and got.copied and got.source == handed.path
    assert got.path == paths.data_dir() / RECEIVED_FOLDER / handed.path.name
    assert got.path.read_bytes() == handed.path.read_bytes()
    again = receive(handed.path, removable=on_usb)  # never over an earlier received copy
    assert again.path.name == handed.path.stem + " (2).thidua"
    assert sorted(p.name for p in got.path.parent.iterdir()) == sorted([got.path.name, again.path.name])


def test_a_copy_that_fails_a_check_is_not_kept(handed: HandoverResult, tmp_path: Path) -> None:
    local = tmp_path / "nhận"
    with pytest.raises(ReceiveError):
        receive(handed.path, fingerprint="0" * 64, removable=lambda _p: True, local_folder=local)
    assert list(local.iterdir()) == []


def test_work_happens_on_the_local_copy_and_the_receipt_completes_the_handover(handed: HandoverResult) -> None:
    got = receive(handed.path, fingerprint=handed.fingerprint, removable=lambda _p: True)
    ws = Workspace(open_workbook(got.path, operator="Văn thư đơn vị mới"), operator="Văn thư đơn vị mới")
    try:
        assert not ws.read_only
        record_receipt(ws, got)
        row = handovers(ws)[-1]
        assert row.to_year == 2027 and row.sha256 == handed.sha256
        assert row.received_by == "Văn thư đơn vị mới" and row.received_at is not None
        assert row.record_counts["counts"] == {c.kind: c.count for c in handed.minutes.counts}
        assert years.get_year(ws, years.year_id_of(ws, 2026)).state is YearState.HANDED_OVER
        years.update_year(ws, years.year_id_of(ws, 2027), theme="Đoàn kết, sáng tạo")
    finally:
        ws.close()
    assert hashlib.sha256(handed.path.read_bytes()).hexdigest() == handed.sha256  # the stick's file untouched


@pytest.mark.parametrize(("path", "platform", "drive", "expected"), [
    ("/media/thu-ky/USB/sổ.thidua", "linux", None, True),
    ("/run/media/thu-ky/KINGSTON/sổ.thidua", "linux", None, True),
    ("/mnt/usb/sổ.thidua", "linux", None, True),
    ("/home/thu-ky/Tài liệu/sổ.thidua", "linux", None, False),
    ("/media", "linux", None, False),
    ("/Volumes/KINGSTON/sổ.thidua", "darwin", None, True),
    ("/Users/thuky/sổ.thidua", "darwin", None, False),
    ("E:\\Sổ thi đua\\sổ.thidua", "win32", 2, True),
    ("C:\\Users\\thuky\\sổ.thidua", "win32", 3, False),
    ("\\\\may-chu\\chia-se\\sổ.thidua", "win32", None, False),  # a network share: never asked
])
def test_removable_media_detection(path: str, platform: str, drive: int | None, expected: bool) -> None:
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return drive

    assert is_removable(Path(path), platform=platform, drive_type=drive_type) is expected
    assert asked == ([path[:2] + "\\"] if drive is not None else [])
