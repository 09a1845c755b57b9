"""A review's figures are the family's (issue 15 point 1): 免抵退 reads its approved amounts
from the bureau's result, a family that declares none stores none and its pages show none."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rebate.declarations import services
from rebate.declarations.families import base, known_family
from rebate.declarations.models import ReviewedLine, ReviewRecord
from rebate.integrations.wire import feedback as wire
from rebate.integrations.wire.feedback import writer

from .test_family_urls import SECOND
from .test_feedback import review_bytes

pytestmark = pytest.mark.django_db
D = Decimal


def _generic_review(code: str) -> bytes:
    """A passed review of the test family's business (no 免抵退 amounts)."""
    out = io.BytesIO()
    writer.write_review(
        out,
        customs_code=code,
        family="testfam",
        period="2026",
        results=[
            wire.ReviewResult(
                receipt_no="T2026001",
                business_code=SECOND.business_code,
                period="2026",
                result=wire.PASSED,
                line_count=1,
                fob_usd_total=D("0.00"),
                fob_cny_total=D("0.00"),
                reviewed_on=date(2026, 11, 20),
                lines=(
                    wire.ReviewedLine(
                        "0001", "530420260000000000001", D("0"), D("0.00"), D("0.00")
                    ),
                ),
            )
        ],
    )
    return out.getvalue()


def test_mdt_review_keeps_its_approved_figures_as_exact_strings(clerk: Any, client: Client) -> None:
    code = clerk.enterprise.customs_code
    services.feedback_read(enterprise=clerk.enterprise, actor=clerk, data=review_bytes(code, "H1"))
    review = ReviewRecord.objects.get(receipt_no="H1")
    assert review.figures == {
        "fob_usd_total": "280000.00",
        "fob_cny_total": "2000000.00",
        "exempt_credit_refund": "200000.00",
        "refund_due": "100000.00",
        "exempt_credit": "100000.00",
    }
    line = ReviewedLine.objects.get(review=review)
    assert line.figure("fob_cny") == D("1420000.00") and line.item_key == "530420250000000001001"
    client.force_login(clerk)
    page = client.get(reverse("declarations:review_detail", args=[review.pk])).content.decode()
    assert "核准应退税额" in page and "100000.00" in page and "出口报关单号" in page
    listing = client.get(reverse("mdt:feedback_download")).content.decode()
    assert "核准免抵退税额" in listing and "200000.00" in listing


def test_a_family_without_review_figures_stores_and_shows_none(
    clerk: Any, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    family = replace(SECOND, period_kind=base.PeriodKind.YEAR)
    monkeypatch.setitem(base._REGISTRY, family.key, family)
    data = _generic_review(clerk.enterprise.customs_code)
    services.feedback_read(enterprise=clerk.enterprise, actor=clerk, data=data)
    review = ReviewRecord.objects.get(receipt_no="T2026001")
    assert review.family == "testfam" and known_family("testfam") is family
    assert review.figures == {} and ReviewedLine.objects.get(review=review).figures == {}
    client.force_login(clerk)
    page = client.get(reverse("declarations:review_detail", args=[review.pk])).content.decode()
    assert "申报年" in page and "审核通过" in page
    assert "核准" not in page and "出口报关单号" not in page and "离岸价" not in page
    url = reverse("declarations:family_feedback_download", kwargs={"family": "testfam"})
    listing = client.get(url).content.decode()
    assert "T2026001" in listing and "核准免抵退税额" not in listing
