"""集团公司成员企业备案 (A0105001) in force: once the bureau approves it, the member's goods count
as 视同自产 (STZC) for the group enterprise — its 视同自产货物清单 row naming the member is
accepted and an export line of 业务类型 STZC may be saved; before, both are refused at the field
with the reason, nothing written. Through the real simulators."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rebate.accounts.tests.factories import make_enterprise, onboard_at_eport
from rebate.declarations.choices import BatchStatus
from rebate.goods.groups import group_members
from rebate.goods.models import DeemedOwnProduct, ExportLine
from rebate.goods.tests.test_pages import LINE

from .conftest import declare, feedback
from .factories import make_group_member

pytestmark = pytest.mark.django_db

MEMBER_USCC, MEMBER_CODE = "91440300MA5FHK4H1F", "4403960M01"
DEEMED = {
    "period": "202603", "business_types": "STZC-01", "supplier_tax_id": MEMBER_USCC,
    "invoice_no": "00001234", "invoice_date": "2026-02-20", "commodity_code": "8501109990",
    "commodity_name": "微电机", "unit": "台", "quantity": "10", "taxable_amount": "500.00",
    "tax_amount": "65.00", "levy_rate": "0.13",
}  # fmt: skip


def errors(response: Any, field: str) -> list[str]:
    form = response.context["form"]
    return list(form.errors.get(field, []))


def test_an_approved_group_member_makes_its_goods_deemed_own(client: Client, clerk: Any) -> None:
    e = clerk.enterprise
    client.force_login(clerk)
    add_deemed, add_line = reverse("goods:deemedownproduct_add"), reverse("goods:exportline_add")
    stzc_line = {**LINE, "business_types": "STZC-01"}

    # no approved member: both refused at the field, nothing written
    refused = client.post(add_deemed, DEEMED)
    assert refused.status_code == 400
    assert any(
        "不是本企业审核通过的集团公司成员企业" in m for m in errors(refused, "supplier_tax_id")
    )
    line = client.post(add_line, stzc_line)
    assert any("没有审核通过的集团公司成员企业备案" in m for m in errors(line, "business_types"))
    assert not DeemedOwnProduct.objects.exists() and not ExportLine.objects.exists()

    # a filing still at the bureau changes nothing
    onboard_at_eport(
        make_enterprise(name="示范成员企业", uscc=MEMBER_USCC, customs_code=MEMBER_CODE)
    )
    make_group_member(e)
    declare(clerk, "A0105001")
    assert group_members(e) == {}
    assert client.post(add_deemed, DEEMED).status_code == 400

    batch = feedback(clerk)
    assert batch is not None and batch.status == BatchStatus.PASSED, batch.bureau_reasons
    assert list(group_members(e)) == [MEMBER_USCC]
    saved = client.post(add_deemed, DEEMED)
    assert saved.status_code == 302, errors(saved, "supplier_tax_id")
    assert DeemedOwnProduct.objects.get(enterprise=e).supplier_tax_id == MEMBER_USCC
    assert client.post(add_line, stzc_line).status_code == 302
    assert ExportLine.objects.get(enterprise=e).business_types == "STZC-01"

    # a supplier outside the group is still refused
    other = client.post(add_deemed, {**DEEMED, "supplier_tax_id": "91440300MA5F000011"})
    assert any("91440300MA5F000011不是本企业" in m for m in errors(other, "supplier_tax_id"))
    assert DeemedOwnProduct.objects.count() == 1
