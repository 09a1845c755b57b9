"""Every screen naming the 明细表 uses the name in force for the period it shows (DOMAIN §16,
公告2026年第5号 Art. 16; calc.mdt.names): the 明细 list and detail, 生成申报数据, 数据查询, the
batch and review pages; a screen without a period names the current filing period's form."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from rebate.calc.mdt.names import detail_form_name
from rebate.calc.periods import filing_period
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import ReviewRecord
from rebate.declarations.tests.factories import make_batch
from rebate.goods.tests.factories import make_export_line

pytestmark = pytest.mark.django_db

OLD = "《生产企业出口货物劳务免抵退税申报明细表》"
NEW = "《生产企业出口货物及修理修配服务免抵退税申报明细表》"


def _marked(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</', html, re.S)
    assert match, element_id
    return match.group(1)


@pytest.mark.parametrize(("period", "name"), [("202512", OLD), ("202601", NEW)])
def test_the_line_list_and_detail_name_the_form_of_the_period(clerk, clerk_client, period, name):
    line = make_export_line(clerk.enterprise, period=period, export_date=date(2025, 12, 20))
    listed = clerk_client.get(reverse("goods:exportline_list") + f"?period={period}")
    assert _marked(listed.content.decode(), "form-name") == name
    detail = clerk_client.get(reverse("goods:exportline_detail", args=[line.pk]))
    assert _marked(detail.content.decode(), "form-name") == name


def test_a_list_without_a_period_names_the_current_filing_period_form(clerk_client):
    html = clerk_client.get(reverse("goods:exportline_list")).content.decode()
    current = str(filing_period(timezone.localdate()))
    assert _marked(html, "form-name") == f"《{detail_form_name(current)}》"
    writeback = clerk_client.get(reverse("goods:writeback_list") + "?period=202511")
    assert _marked(writeback.content.decode(), "form-name") == OLD


@pytest.mark.parametrize(("period", "name"), [("202512", OLD), ("202601", NEW)])
def test_generate_page_names_the_form_of_its_period(clerk_client, period, name):
    html = clerk_client.get(reverse("mdt:generate") + f"?period={period}").content.decode()
    assert _marked(html, "form-names") == name


def test_query_batch_and_review_pages_straddling_2026_show_both_names(clerk, clerk_client):
    reviews = {}
    for period in ("202512", "202601"):
        batch = make_batch(clerk.enterprise, period=period, status=BatchStatus.DECLARED)
        reviews[batch] = ReviewRecord.objects.create(
            enterprise=clerk.enterprise, family="mdt", business_code="A0305001", period=period,
            receipt_no=f"R{period}", result="passed", batch=batch,
        )  # fmt: skip
    html = clerk_client.get(reverse("mdt:query")).content.decode()
    cells = dict(re.findall(r"<td[^>]*>(202\d{3})<br>.*?form-names\">(.*?)</span>", html))
    assert cells == {"202512": OLD, "202601": NEW}
    for (batch, review), name in zip(reviews.items(), (OLD, NEW), strict=True):
        page = clerk_client.get(reverse("declarations:batch_detail", args=[batch.pk]))
        assert _marked(page.content.decode(), "form-names") == name
        shown = clerk_client.get(reverse("declarations:review_detail", args=[review.pk]))
        assert _marked(shown.content.decode(), "form-names") == name
