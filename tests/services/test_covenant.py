"""Registration and the covenant on a new year of the demo bloc."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from thidua_desktop.db.models import EmulationYear
from thidua_desktop.domain.enums import YearState
from thidua_desktop.services import covenant as cov
from thidua_desktop.services import score_tables as st
from thidua_desktop.services import years as year_svc
from thidua_desktop.services.workspace import ChangeRefused, Workspace


@pytest.fixture
def new_year(ws: Workspace) -> int:
    with ws.read() as s:
        last = s.scalars(select(EmulationYear.year).order_by(EmulationYear.year.desc())).first()
    return year_svc.create_year(ws, last + 1)


def test_registration_of_targets_and_titles(ws: Workspace, new_year: int) -> None:
    rows = cov.registrations(ws, new_year)
    assert rows and all(r.received_on is None for r in rows)
    unit = rows[0].unit_id
    cov.set_registration(ws, new_year, unit, received_on=date(2027, 1, 3), targets="Hoàn thành 100% chỉ tiêu",
                         award_codes=["CO_TINH", "TTLDXS"], document_ref="12/CV-VPTU")
    row = next(r for r in cov.registrations(ws, new_year) if r.unit_id == unit)
    assert (row.received_on, row.award_codes, row.document_ref) == (date(2027, 1, 3), ("CO_TINH", "TTLDXS"),
                                                                    "12/CV-VPTU")
    cov.set_registration(ws, new_year, unit, received_on=date(2027, 1, 3), targets="x", award_codes=["BK_TINH"])
    assert next(r for r in cov.registrations(ws, new_year) if r.unit_id == unit).award_codes == ("BK_TINH",)
    with pytest.raises(ChangeRefused, match="KHONG_CO"):
        cov.set_registration(ws, new_year, unit, received_on=None, targets=None, award_codes=["KHONG_CO"])


def test_signing_freezes_the_table_and_moves_the_year_on(ws: Workspace, new_year: int) -> None:
    with pytest.raises(ChangeRefused, match="soạn giao ước"):
        cov.sign_covenant(ws, new_year)
    table = st.copy_previous_year(ws, new_year)
    covenant_id = cov.save_covenant(ws, new_year, title="Giao ước thi đua năm 2027", content="Các đơn vị cam kết…",
                                    signed_on=date(2027, 1, 20), place="Lai Châu")
    covenant = cov.covenant_of(ws, new_year)
    assert covenant.score_table_id == table
    assert len(covenant.signatories) == len(year_svc.members(ws, new_year))
    assert all(x.signer_name and x.signer_post for x in covenant.signatories)  # heads in office on 20/01/2027
    first = covenant.signatories[0]
    cov.set_signatory(ws, covenant_id, first.unit_id, signer_name="Phó Thủ trưởng A", signer_post="Phó Giám đốc",
                      signed=False)
    cov.sign_covenant(ws, new_year)
    assert st.table_view(ws, table).frozen
    assert all(x.signed for x in cov.covenant_of(ws, new_year).signatories)
    with ws.read() as s:
        assert s.get(EmulationYear, new_year).state is YearState.COVENANT_SIGNED
    with pytest.raises(ChangeRefused, match="phiên bản mới"):
        st.add_rule(ws, table, "bonus", "T9", "Thưởng", Decimal(1))


def test_a_table_that_does_not_add_up_cannot_be_signed(ws: Workspace, new_year: int) -> None:
    table = st.create_table(ws, new_year, "Bảng điểm 2027")
    st.add_section(ws, table, "I", "Phần I", Decimal(100))
    cov.save_covenant(ws, new_year, title="Giao ước 2027", content=None, signed_on=date(2027, 1, 20), place=None)
    with pytest.raises(ChangeRefused, match="chưa ký được"):
        cov.sign_covenant(ws, new_year)
