"""Bad input is refused at the field with a Chinese message, and nothing is written."""

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from rebate.customs.tests.factories import make_declaration

from .. import models

pytestmark = pytest.mark.django_db


def _field_error(response: Any, field: str) -> str:
    assert response.status_code == 400  # the form again, with its messages
    form = response.context["form"]
    assert field in form.errors, form.errors
    return str(form.errors[field][0])


def test_receipt_in_a_currency_the_declaration_does_not_use(clerk_client: Any, clerk: Any) -> None:
    declaration = make_declaration(clerk.enterprise, ie_date=date(2026, 3, 5))
    currency = declaration.items.first().trade_curr
    other = "EUR" if currency != "EUR" else "JPY"
    data = {
        "period": "202611",
        "entry_id": declaration.entry_id,
        "received_on": "2026-05-10",
        "receipt_currency": other,
        "receipt_amount": "1000.00",
    }
    response = clerk_client.post(reverse("other_declarations:receipt_add"), data)
    message = _field_error(response, "receipt_currency")
    assert f"出口收汇货币{other}不是报关单{declaration.entry_id}的成交币制" in message
    assert not models.ProceedsReceipt.objects.exists()


def test_receipt_of_an_unknown_declaration(clerk_client: Any) -> None:
    data = {"period": "202611", "entry_id": "530420269999999999"}
    response = clerk_client.post(reverse("other_declarations:receipt_add"), data)
    assert "不在本企业的报关单采集数据中" in _field_error(response, "entry_id")
    assert not models.ProceedsReceipt.objects.exists()


EQUIPMENT = {
    "period": "202611",
    "equipment_name": "数控机床",
    "entry_id": "530420260000000777",
    "export_date": "2026-10-20",
    "commodity_code": "8458110000",
    "rebate_rate": "0.13",
    "voucher_kind": "1",
    "voucher_no": "44001234",
    "invoice_date": "2022-05-06",
    "taxable_amount": "180000.00",
    "original_value": "200000.00",
    "years_used": "4.5",
}


@pytest.mark.parametrize(
    ("depreciation", "text"),
    [("-100.00", "设备净值不能大于设备原值"), ("200000.01", "不能大于设备原值")],
)
def test_equipment_net_value_above_its_original_value(
    clerk_client: Any, depreciation: str, text: str
) -> None:
    data = {**EQUIPMENT, "accumulated_depreciation": depreciation}
    response = clerk_client.post(reverse("other_declarations:usedequipment_add"), data)
    assert text in _field_error(response, "accumulated_depreciation")
    assert not models.UsedEquipment.objects.exists()


@pytest.mark.parametrize("url", ["capacityreport_add", "riskcontrolreport_add"])
def test_report_year_in_the_future(clerk_client: Any, url: str) -> None:
    year = timezone.localdate().year + 1
    data = {
        "period": "202611",
        "report_year": str(year),
        "contact": "张经理",
        "plant_area": "100",
        "plant_tenure": "1",
        "main_equipment": "x",
        "equipment_value": "1.00",
        "staff_count": "3",
        "main_products": "x",
        "last_year_output": "1.00",
        "last_year_export": "1.00",
        "policies": "x",
        "positions": "x",
        "process_control": "x",
        "systems": "x",
        "self_inspection": "x",
    }
    response = clerk_client.post(reverse(f"other_declarations:{url}"), data)
    assert "报告年度不能晚于当前年度" in _field_error(response, "report_year")
    assert not models.CapacityReport.objects.exists()
    assert not models.RiskControlReport.objects.exists()


def test_self_use_rate_not_in_force_on_the_invoice_date(clerk_client: Any) -> None:
    data = {
        "period": "202611",
        "goods_name": "离心机",
        "quantity": "1",
        "unit": "台",
        "unit_price": "100",
        "taxable_amount": "100.00",
        "levy_rate": "0.16",
        "payment_voucher_no": "FK1",
        "invoice_no": "00000001",
        "invoice_date": "2026-10-12",
        "supplier_tax_id": "91440300MA5F000001",
    }
    response = clerk_client.post(reverse("other_declarations:selfuse_add"), data)
    assert "不是开票日期2026-10-12适用的增值税税率" in _field_error(response, "levy_rate")
    assert not models.SelfUseGoods.objects.exists()


def test_no_info_after_the_deadline(clerk_client: Any) -> None:
    data = {
        "period": "202611",
        "entry_id": "530420240000000001",
        "export_date": "2024-03-05",
        "commodity_code": "8501109990",
        "export_amount": "1000.00",
        "reason": "03",
    }
    response = clerk_client.post(reverse("other_declarations:noinfo_add"), data)
    assert "申报期限2025-04-15已过" in _field_error(response, "export_date")
    assert not models.NoInfoDeclaration.objects.exists()
