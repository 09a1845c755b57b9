"""The 免抵退 package of a fixed period, byte for byte (issue 15's proof for the engine refactor).

Recorded on main before 免抵退 was taken out of the lifecycle engine: the same enterprise, lines,
services form, 汇总表 inputs, batch number and day must give the same file, whatever the engine
looks like inside. Only the signature value differs from run to run (ECDSA is randomised), so
it is masked; the digest the card signed is compared like every other byte.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rebate.accounts.tests.cards import bind_local_card
from rebate.accounts.tests.factories import make_enterprise, make_uscc
from rebate.accounts.tests.factories import make_user as _make_user
from rebate.declarations.storage import read
from rebate.declarations.tests.conftest import PERIOD, line_input
from rebate.declarations.tests.factories import generate_signed
from rebate.goods.services import export_lines_create
from rebate.mdt import services as mdt_services
from rebate.service_exports.tests.factories import make_taxable_service

pytestmark = pytest.mark.django_db
D = Decimal
EXPECTED = Path(__file__).parent / "fixtures" / "golden_mdt_package.xml"
GENERATED_AT = datetime(2025, 4, 8, 2, 30, tzinfo=UTC)  # 10:30 in Beijing, within 申报期
SIGNATURE_VALUE = re.compile(rb"<SignatureValue>[^<]*</SignatureValue>")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day the package is made on (its head carries it): the test's input, not today."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: GENERATED_AT)


def _clerk() -> Any:
    enterprise = make_enterprise(
        name="深圳市金样电机有限公司", uscc=make_uscc(424242), customs_code="4403960001"
    )
    user = _make_user(enterprise, with_card=False)
    bind_local_card(user, card_no="CK0000424242")
    return user


def _lines(clerk: Any) -> None:
    rows = [
        line_input(1),
        line_input(2, fob_usd=D("80000.00"), fob_cny=D("580000.00"), unit="千克"),
        line_input(
            3,
            commodity_code="8504409999",
            commodity_name="开关电源（含稀土永磁材料）",
            quantity=D("2500.5"),
            fob_usd=D("12345.67"),
            fob_cny=D("87654.32"),
            rebate_rate=D("0.13"),
            export_date=date(2025, 3, 28),
            trade_mode="0615",
        ),
    ]
    export_lines_create(enterprise=clerk.enterprise, actor=clerk, lines=rows)
    make_taxable_service(
        clerk.enterprise, period=PERIOD, contract_no="HT00042", invoice_no="FW000042"
    )


def _package(clerk: Any) -> bytes:
    mdt_services.summary_generate(
        enterprise=clerk.enterprise,
        actor=clerk,
        period=PERIOD,
        vat_transfer_out=D("60000.00"),
        ending_credit=D("100000.00"),
    )
    batch = generate_signed(clerk, PERIOD)
    assert batch.batch_no == "01"
    return SIGNATURE_VALUE.sub(b"<SignatureValue>*</SignatureValue>", read(batch.package_path))


def test_mdt_package_of_a_fixed_period_is_byte_for_byte_the_recorded_one(units, clock):
    clerk = _clerk()
    _lines(clerk)
    package = _package(clerk)
    assert package.count(b"<SignatureValue>*</SignatureValue>") == 1
    assert package == EXPECTED.read_bytes(), "the 免抵退 package changed (see fixtures/)"
