"""Each 申请表 validates what it requires at the field, nothing written (issue 17): 报关单号 not
downloaded, 项号 beyond the declaration, a second certificate for the same item, a 委托方 not in
委托企业, a date out of order, a total ≠ 数量×单价; and every menu entry of the family opens."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rebate.customs.tests.factories import make_declaration

from .. import models
from .factories import PRINCIPAL_ID, make_agency, principal

pytestmark = pytest.mark.django_db


def agency_post(entry_id: str, **values: str) -> dict[str, str]:
    data = {
        "period": "202611", "principal_taxpayer_id": PRINCIPAL_ID, "entry_id": entry_id,
        "item_no": "1", "quantity": "100", "fob_usd": "1000.00", "fob_cny": "7100.00",
        "contract_no": "WT-1", "fill_date": "2026-11-20",
    }  # fmt: skip
    return {**data, **values}


def errors(response: Any) -> dict[str, list[str]]:
    form = response.context["form"]
    return {k: [str(m) for m in v] for k, v in form.errors.items()}


def test_agency_returns_the_item_and_the_principal(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    e = clerk.enterprise
    declaration = make_declaration(e)
    principal(e)
    r = client.post(reverse("certificates:agency_add"), agency_post(declaration.entry_id))
    assert r.status_code == 302, errors(r)
    row = models.Agency.objects.get()
    assert (row.principal_name, row.commodity_code, row.unit) == (
        "深圳委托制造有限公司",
        "8501109990",
        "001",
    )
    assert row.export_date == declaration.ie_date and row.sequence_no == "0001"
    assert row.item_key == f"{declaration.entry_id}001" and row.deal_total == Decimal("1000.00")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"entry_id": "530420269999999999"}, "entry_id", "不在本企业已下载的出口报关单中"),
        ({"item_no": "3"}, "item_no", "项号3超出报关单"),
        (
            {"principal_taxpayer_id": "91440300MA5F0000X9"},
            "principal_taxpayer_id",
            "未在自用业务配置›委托企业中登记",
        ),
        ({"fob_cny": "7100.01"}, "fob_cny", "超过报关单该项的人民币离岸价7100.00"),
        ({"fill_date": "2026-03-01"}, "fill_date", "填表日期不得早于出口日期"),
        ({"period": "202613"}, "period", "所属期格式应为YYYYMM"),
        ({"quantity": "abc"}, "quantity", ""),
    ],
)
def test_bad_agency_input_is_refused_at_the_field(
    client: Client, clerk: Any, change: dict[str, str], field: str, message: str
) -> None:
    client.force_login(clerk)
    declaration = make_declaration(clerk.enterprise)
    principal(clerk.enterprise)
    data = {**agency_post(declaration.entry_id), **change}
    r = client.post(reverse("certificates:agency_add"), data)
    assert r.status_code == 400
    found = errors(r)
    assert field in found and message in "".join(found[field]), found
    assert not models.Agency.objects.exists()


def test_a_second_certificate_for_the_same_item_is_refused(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    first = make_agency(clerk.enterprise)
    r = client.post(reverse("certificates:agency_add"), agency_post(first.entry_id))
    assert r.status_code == 400
    assert "已申请过代理出口货物证明" in "".join(errors(r)["item_no"])
    assert models.Agency.objects.count() == 1


def test_returned_goods_dates_and_refunded_offsets(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    declaration = make_declaration(clerk.enterprise)
    data = {
        "period": "202611", "entry_id": declaration.entry_id, "item_no": "2",
        "returned_quantity": "150", "returned_fob_usd": "10.00", "returned_fob_cny": "70.00",
        "refund_status": "1", "paid_on": "2026-01-01", "fill_date": "2026-11-20",
    }  # fmt: skip
    r = client.post(reverse("certificates:returnedgoods_add"), data)
    found = errors(r)
    assert "超过报关单该项的出口数量100" in found["returned_quantity"][0]
    assert "入库日期不得早于出口日期" in found["paid_on"][0]
    assert "冲减所属期" in found["offset_period"][0] and "offset_amount" in found
    assert not models.ReturnedGoods.objects.exists()


def test_winning_bid_total_and_application_date(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    e = clerk.enterprise
    data = {
        "period": "202611", "winner_taxpayer_id": e.uscc, "winner_name": e.name,
        "tender_no": "ZB-1", "project_name": "P", "lender": "世界银行", "product_name": "发电机",
        "quantity": "2", "unit_price": "350000", "total_amount": "700000.01",
        "fx_amount": "9.86", "commodity_code": "8502390000", "commodity_name": "发电机组",
        "agency_name": "招标公司", "agency_head": "王", "applied_on": "2026-11-25",
        "fill_date": "2026-11-20",
    }  # fmt: skip
    found = errors(client.post(reverse("certificates:winningbid_add"), data))
    assert "应等于数量×单价（700000.00）" in found["total_amount"][0]
    assert "填表日期不得早于招标机构申请日期" in found["fill_date"][0]
    assert not models.WinningBid.objects.exists()


def test_a_writeoff_quotes_an_issued_exemption_of_the_same_manual(clerk: Any) -> None:
    from django.core.exceptions import ValidationError

    from .factories import make_cigarette_permit, make_inward_writeoff

    with pytest.raises(ValidationError) as refused:
        make_inward_writeoff(clerk.enterprise, exemption_certificate_no="LLJG9")
    assert "LLJG9不是本企业已开具的来料加工免税证明" in str(refused.value.message_dict)
    with pytest.raises(ValidationError) as beyond:
        make_cigarette_permit(clerk.enterprise, quantity=Decimal("81"),
                              total_amount=Decimal("121540.50"))  # fmt: skip
    assert (
        "本次数量81加已开具数量20超过出口卷烟计划数量100" in beyond.value.message_dict["quantity"]
    )
    assert (
        not models.InwardWriteoff.objects.exists() and not models.CigarettePermit.objects.exists()
    )
    assert make_inward_writeoff(clerk.enterprise).commodity_code == "8501109990"


MENU = ("inwardprocessing_list", "agency_list", "returnedgoods_list", "entrusted_list",
        "cigarette_list", "reissue_list", "winningbid_list", "print", "generate",
        "feedback_upload", "feedback_download", "query", "agency_add", "reissue_add",
        "inwardwriteoff_list", "cigarettepermit_list", "cigarettewriteoff_add")  # fmt: skip


@pytest.mark.parametrize("name", MENU)
def test_every_page_of_the_family_opens(client: Client, clerk: Any, name: str) -> None:
    client.force_login(clerk)
    r = client.get(reverse(f"certificates:{name}"))
    assert r.status_code == 200
    assert "功能暂未开放" not in r.content.decode()


def test_titles_are_the_manuals(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    assert "生成单证申报数据" in client.get(reverse("certificates:generate")).content.decode()
    assert "打印单证申报报表" in client.get(reverse("certificates:print")).content.decode()
    page = client.get(reverse("certificates:feedback_download")).content.decode()
    assert "单证审核结果下载" in page
    query = client.get(reverse("certificates:query")).content.decode()
    assert "单证数据查询" in query and "单证申报（）" not in query


def test_the_other_codes_are_a_button_away(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    page = client.get(reverse("certificates:inwardprocessing_list")).content.decode()
    assert f'formaction="{reverse("certificates:inwardwriteoff_list")}">来料加工核销' in page
    page = client.get(reverse("certificates:cigarette_list")).content.decode()
    assert f'formaction="{reverse("certificates:cigarettepermit_list")}"' in page
    assert f'formaction="{reverse("certificates:cigarettewriteoff_list")}"' in page
