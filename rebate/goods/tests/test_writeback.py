"""货物冲减 (TS-05/06): negative lines, full or partial, never more than what is left."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rebate.goods.models import ExportLine
from rebate.goods.tests.factories import make_export_line
from rebate.goods.writeback import WriteBackItem, export_lines_write_back

pytestmark = pytest.mark.django_db
D = Decimal


def write_back(enterprise, line, quantity, usd, cny, kind="HZCJ"):
    item = WriteBackItem(line.pk, D(quantity), D(usd), D(cny))
    return export_lines_write_back(
        enterprise=enterprise, actor=None, period="202604", kind=kind, items=[item]
    )


def test_full_write_back_cancels_the_line(enterprise) -> None:
    line = make_export_line(enterprise, status="declared", rebate_rate=D("0.09"))
    (negative,) = write_back(enterprise, line, "100", "1000.00", "7100.00", kind="HZCJ-TY")
    assert negative.reverses_id == line.pk and negative.business_types == "HZCJ-TY"
    assert negative.fob_cny == D("-7100.00") and negative.period == "202604"
    assert negative.exempt_credit_refund == -line.exempt_credit_refund
    assert negative.non_creditable == -line.non_creditable


def test_partial_then_no_more_than_what_remains(enterprise) -> None:
    line = make_export_line(enterprise, status="declared")
    write_back(enterprise, line, "40", "400.00", "2840.00")
    with pytest.raises(ValidationError, match="超过可冲减"):
        write_back(enterprise, line, "61", "600.00", "4260.00")
    write_back(enterprise, line, "60", "600.00", "4260.00")
    total = sum(r.fob_cny for r in ExportLine.objects.filter(item_key=line.item_key))
    assert total == 0


def test_only_declared_lines_of_the_enterprise(enterprise) -> None:
    draft = make_export_line(enterprise)
    with pytest.raises(ValidationError, match="已申报"):
        write_back(enterprise, draft, "1", "1.00", "7.10")


def test_write_back_page(clerk_client, clerk) -> None:
    line = make_export_line(clerk.enterprise, status="declared")
    page = clerk_client.get(reverse("goods:writeback_apply"), {"pk": [line.pk]})
    assert page.status_code == 200 and line.item_key in page.content.decode()
    data = {
        "kind": "HZCJ", "period": "202604", "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1",
        "form-0-line_id": str(line.pk), "form-0-quantity": "200", "form-0-fob_usd": "1000.00",
        "form-0-fob_cny": "7100.00",
    }  # fmt: skip
    refused = clerk_client.post(reverse("goods:writeback_apply"), data)
    assert refused.status_code == 400 and "超过可冲减" in refused.content.decode()
    data["form-0-quantity"] = "100"
    assert clerk_client.post(reverse("goods:writeback_apply"), data).status_code == 302
    assert ExportLine.objects.filter(reverses=line).count() == 1
