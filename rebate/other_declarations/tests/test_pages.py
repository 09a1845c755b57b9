"""Every 其他申报 menu entry opens a working page; a form's page saves a row and computes it."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from rebate.customs.tests.factories import make_declaration
from rebate.web import menu

from .. import models
from .factories import make_receipt

pytestmark = pytest.mark.django_db


def test_every_menu_entry_of_the_family_is_built(clerk_client: Any) -> None:
    family = menu.find("qt")
    assert family is not None
    leaves = [leaf for leaf in menu.walk(family.children) if leaf.is_leaf]
    assert len(leaves) == 14
    for leaf in leaves:
        assert leaf.available, leaf.label
        response = clerk_client.get(leaf.url())
        assert response.status_code == 200, leaf.label
        assert "功能暂未开放" not in response.content.decode()


def test_generate_page_offers_the_businesses(clerk_client: Any) -> None:
    page = clerk_client.get(reverse("other_declarations:generate")).content.decode()
    assert "生成其他申报数据" in page
    for label in (
        "出口货物收汇申报",
        "购进自用货物退税申报",
        "出口已使用过的设备退税申报",
        "管理类别评定相关情况报告",
    ):
        assert label in page


def test_used_equipment_page_computes_the_refund(clerk_client: Any, clerk: Any) -> None:
    data = {
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
        "accumulated_depreciation": "50000.00",
    }
    response = clerk_client.post(reverse("other_declarations:usedequipment_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    row = models.UsedEquipment.objects.get(enterprise=clerk.enterprise)
    # 180,000 × (200,000 − 50,000) ÷ 200,000 = 135,000; × 13% = 17,550
    assert (row.net_value, row.tax_basis, row.refund) == (
        Decimal("150000.00"),
        Decimal("135000.00"),
        Decimal("17550.00"),
    )
    assert row.sequence_no == "0001"


def test_proceeds_row_takes_the_declaration_and_its_deadline(clerk: Any) -> None:
    row = make_receipt(clerk.enterprise)
    assert row.export_date == date(2026, 3, 5)
    assert row.receipt_deadline == date(2027, 4, 30)  # 公告2026年第5号: 30 April next year
    assert row.currency and row.transaction_total and row.transaction_total > 0
    assert row.proceeds_state == "已收汇"


def test_overdue_proceeds_are_flagged_on_the_page(clerk_client: Any, clerk: Any) -> None:
    declaration = make_declaration(clerk.enterprise, ie_date=date(2024, 3, 5))
    make_receipt(
        clerk.enterprise,
        entry_id=declaration.entry_id,
        received_on=None,
        receipt_amount=None,
        receipt_currency="",
        voucher_no="",
    )
    page = clerk_client.get(reverse("other_declarations:receipt_list")).content.decode()
    assert "逾期未收汇" in page and "proceeds-overdue" in page
    assert "2025-04-15" in page  # exports before 2026: the 申报期限, 15 April next year
    warned = "1笔出口货物收汇截止日期已过仍未收汇"
    for url in ("other_declarations:generate", "mdt:generate"):  # 免抵退's page warns too
        assert warned in clerk_client.get(reverse(url)).content.decode(), url


def test_fourth_class_enterprise_is_sent_to_the_goods_form(clerk_client: Any, clerk: Any) -> None:
    clerk.enterprise.category = "4"
    clerk.enterprise.save()
    page = clerk_client.get(reverse("other_declarations:receipt_list")).content.decode()
    assert "收汇情况采集" in page


def test_the_goods_pointer_to_receipts_leads_here(clerk_client: Any) -> None:
    """货物采集 › 收汇情况采集 sends a 一至三类 clerk to 其他申报 › 收汇情况: a working page."""
    pointer = clerk_client.get(reverse("goods:receipt_list")).content.decode()
    assert "其他申报 › 收汇情况" in pointer
    page = clerk_client.get(reverse("other_declarations:receipt_list"))
    assert page.status_code == 200 and "功能暂未开放" not in page.content.decode()
    assert 'id="btn-add"' in page.content.decode()
