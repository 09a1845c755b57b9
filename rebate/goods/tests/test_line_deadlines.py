"""Each 明细 line shows its deadlines from rebate.calc.deadlines (DOMAIN §9, §16), list and
detail, on both sides of 2026-01-01; a 冲减 line has none."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from rebate.goods.tests.factories import make_export_line

pytestmark = pytest.mark.django_db


def _row_of(html: str, item_key: str) -> str:
    match = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{item_key}(?:(?!</tr>).)*</tr>", html, re.S)
    assert match, item_key
    return match.group(0)


def test_list_and_detail_show_the_regime_of_the_export_date(clerk, clerk_client):
    old = make_export_line(clerk.enterprise, period="202512", export_date=date(2025, 12, 31))
    new = make_export_line(clerk.enterprise, period="202601", export_date=date(2026, 1, 1))
    html = clerk_client.get(reverse("goods:exportline_list")).content.decode()
    assert "<th" in html and "申报期限" in html
    old_row, new_row = _row_of(html, old.item_key), _row_of(html, new.item_key)
    assert "申报期限 2026-04-15" in old_row and "收汇期限 2026-04-15" in old_row
    assert "最终申报期限" not in old_row
    assert "正常申报期限 2027-04-15" in new_row
    assert "收汇期限 2027-04-30" in new_row and "最终申报期限 2029-01-31" in new_row
    detail = clerk_client.get(reverse("goods:exportline_detail", args=[new.pk])).content.decode()
    facts = detail[detail.index('id="record-facts"') :]
    assert "最终申报期限" in facts and "2029-01-31（D2026_36M" in facts and "视同内销" in facts
    assert "2027-04-30（R2026_APRIL30" in facts


def test_a_red_letter_line_has_no_deadline(clerk, clerk_client):
    line = make_export_line(clerk.enterprise, business_types="HZCJ")
    response = clerk_client.get(reverse("goods:exportline_detail", args=[line.pk]))
    assert response.status_code == 200 and line.item_key in response.content.decode()
    assert 'id="record-facts"' not in response.content.decode()
