"""Who may use 先退税后核销 (qualification) and 收汇情况 (四类 only); library defaults of 新建."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rebate.goods import services
from rebate.goods.access import refund_first_unavailable
from rebate.goods.forms import ExportLineForm
from rebate.goods.tests.test_pages import LINE

pytestmark = pytest.mark.django_db


def test_receipts_notice_for_other_classes(clerk_client) -> None:
    page = clerk_client.get(reverse("goods:receipt_list")).content.decode()
    assert "其他申报 › 收汇情况" in page and "不是四类企业" in page
    # Not a dead end: the notice links where the clerk goes instead.
    assert f'href="{reverse("other_declarations:receipt_list")}"' in page
    assert f'href="{reverse("configuration:enterprise_info")}"' in page


def test_refund_first_notice_links_the_qualification(clerk_client) -> None:
    page = clerk_client.get(reverse("goods:refundfirst_list")).content.decode()
    assert "未取得先退税后核销资格" in page
    assert f'href="{reverse("filings:refundfirst_add")}"' in page


def test_refund_first_needs_the_qualification(enterprise) -> None:
    assert "未取得先退税后核销资格" in refund_first_unavailable(enterprise)
    data = {"period": "202603", "item_key": "530420260000000123001",
            "export_date": date(2026, 3, 5), "commodity_code": "8501109990",
            "commodity_name": "微电机", "fob_cny": Decimal("1.00")}  # fmt: skip
    with pytest.raises(ValidationError, match="先退税后核销资格"):
        services.refund_first.create(enterprise=enterprise, actor=None, data=data)
    services.refund_first_qualification_set(
        enterprise=enterprise, actor=None, approved_on=date(2025, 1, 1)
    )
    assert refund_first_unavailable(enterprise) == ""
    services.refund_first.create(enterprise=enterprise, actor=None, data=data)
    services.refund_first_qualification_set(
        enterprise=enterprise,
        actor=None,
        approved_on=date(2025, 1, 1),
        revoked_on=date(2026, 1, 1),
    )
    assert refund_first_unavailable(enterprise)


def test_new_line_rates_default_from_the_library(monkeypatch) -> None:
    from rebate.goods import selectors

    def fake(code, on_date):
        return {"levy_rate": Decimal("0.13"), "rebate_rate": Decimal("0.09"), "unit": "台"}, ""

    monkeypatch.setattr("rebate.goods.forms.library_rates", fake)
    data = {k: v for k, v in LINE.items() if k not in ("levy_rate", "rebate_rate", "unit")}
    form = ExportLineForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["rebate_rate"] == Decimal("0.09")
    monkeypatch.setattr(
        "rebate.goods.forms.library_rates", lambda c, d: (None, "尚未导入退税率文库")
    )
    form = ExportLineForm(data)
    assert not form.is_valid() and "尚未导入退税率文库" in str(form.errors["rebate_rate"])
    assert selectors.library_rates("8501109990", date(2026, 3, 5))[0] is None  # no library


def test_fob_difference_computed(enterprise) -> None:
    from rebate.goods.tests.factories import make_fob_difference

    row = make_fob_difference(enterprise)
    assert row.difference_cny == Decimal("710.00")
    assert row.difference_rate == Decimal("0.100000")
    assert row.explanation_required is True
    small = make_fob_difference(enterprise, invoice_fob_usd=Decimal("1000.50"))
    assert small.explanation_required is False
