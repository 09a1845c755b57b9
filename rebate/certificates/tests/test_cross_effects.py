"""Where certificates count outside the family (through goods.evidence, which this app fills):
an issued 退运已补税证明 satisfies MDT_CKHW_BGD_HZCJ_TY on a 红字冲减-退运 line (within its 退运
人民币离岸价), and the 报关单 page lists the certificates applied for on its items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rebate.codes.choices import CodeTable
from rebate.codes.services.reference import load_customs_table
from rebate.customs.models import Declaration
from rebate.declarations.tests.conftest import line_input
from rebate.goods.services import export_lines_create
from rebate.mdt.checks import RETURN_UNCERTIFIED, mdt_local_checks

from .. import models
from .factories import make_agency

pytestmark = pytest.mark.django_db


def returned_certificate(enterprise: Any, item_key: str, fob_cny: str, number: str) -> None:
    models.ReturnedGoods.objects.create(
        enterprise=enterprise, period="202611", fill_date=date(2026, 11, 20),
        entry_id=item_key[:18], item_no=int(item_key[19:]), returned_quantity=Decimal("10"),
        returned_fob_usd=Decimal("1.00"), returned_fob_cny=Decimal(fob_cny),
        certificate_no=number, issued_on=date(2026, 11, 25) if number else None,
    )  # fmt: skip


def hzcj_ty(clerk: Any) -> list[Any]:
    _, issues = mdt_local_checks(clerk.enterprise, "202503")
    return [i for i in issues if i.code == RETURN_UNCERTIFIED]


@pytest.fixture
def return_line(clerk: Any) -> Any:
    """A collected 红字冲减-退运 line of 所属期 202503."""
    load_customs_table(CodeTable.UNIT)
    made = line_input(1, business_types="HZCJ-TY", quantity=Decimal("-10"),
                      fob_usd=Decimal("-100.00"), fob_cny=Decimal("-710.00"))  # fmt: skip
    (line,) = export_lines_create(enterprise=clerk.enterprise, actor=clerk, lines=[made])
    return line


def test_a_return_line_needs_an_issued_return_certificate(clerk: Any, return_line: Any) -> None:
    line = return_line
    (doubt,) = hzcj_ty(clerk)
    assert doubt.skippable and "没有税务机关开具的出口货物退运已补税" in doubt.message
    assert doubt.record_id == line.pk

    returned_certificate(clerk.enterprise, line.item_key, "710.00", "")  # applied, not issued
    assert len(hzcj_ty(clerk)) == 1
    models.ReturnedGoods.objects.update(certificate_no="TGBS440320260000001")
    assert hzcj_ty(clerk) == []  # the issued certificate satisfies it

    models.ReturnedGoods.objects.update(returned_fob_cny=Decimal("700.00"))
    (beyond,) = hzcj_ty(clerk)
    assert "人民币离岸价710.00超过退运证明TGBS440320260000001的退运人民币离岸价700.00" in (
        beyond.message
    )


def test_the_declaration_page_lists_its_certificates(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    row = make_agency(clerk.enterprise)
    models.Agency.objects.update(certificate_no="DLZM440320260000009")
    declaration = Declaration.objects.get(enterprise=clerk.enterprise, entry_id=row.entry_id)
    html = client.get(reverse("customs:items", args=[declaration.pk])).content.decode()
    assert "单证（1）" in html and "代理出口货物证明" in html and "DLZM440320260000009" in html
