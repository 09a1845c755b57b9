"""The 2026 deadlines in 免抵退 (DOMAIN §9, §16): late after the April window, refused after 36
months — in 数据一致性检查 and again in 生成申报数据, on both sides of each date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from rebate.declarations import services
from rebate.declarations.models import DeclarationBatch
from rebate.declarations.tests.conftest import CLEAN_PERIOD, october
from rebate.declarations.tests.factories import generate_unsigned
from rebate.mdt import checks
from rebate.mdt import services as mdt_services

pytestmark = pytest.mark.django_db
LIMIT = date(2029, 10, 31)  # an export of 2026-10-05: last day of 2026-10 + 36 months


def _today(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr(checks, "timezone", SimpleNamespace(localdate=lambda: day))


def _issues(clerk):
    run = services.consistency_check(
        enterprise=clerk.enterprise, actor=clerk, family="mdt", period=CLEAN_PERIOD
    )
    return {i.code: i for i in run.issues.all()}


def _summary(clerk) -> None:
    mdt_services.summary_generate(
        enterprise=clerk.enterprise, actor=clerk, period=CLEAN_PERIOD,
        vat_transfer_out=Decimal("0.00"), ending_credit=Decimal("100000.00"),
    )  # fmt: skip


def test_late_after_april_is_a_skippable_warning(clerk, lines, rates, monkeypatch):
    lines(october(1))
    _today(monkeypatch, date(2027, 4, 15))
    assert "LOCAL_DEADLINE_LATE" not in _issues(clerk)
    _today(monkeypatch, date(2027, 4, 16))
    late = _issues(clerk)["LOCAL_DEADLINE_LATE"]
    assert late.skippable and "收汇材料" in late.message
    assert "LOCAL_DEADLINE" not in _issues(clerk)


def test_past_36_months_is_a_domestic_sale_refused_at_check_and_generate(
    clerk, lines, rates, monkeypatch, bureau
):
    bureau.vat_returns[CLEAN_PERIOD] = Decimal("100000.00")  # filed first (Art. 15)
    lines(october(1))
    _summary(clerk)  # made in time, before the limit passed
    _today(monkeypatch, LIMIT + date.resolution)
    refused = _issues(clerk)["LOCAL_DEADLINE"]  # the check run after the limit
    assert not refused.skippable
    assert "视同内销" in refused.message and "D2026_36M" in refused.message
    with pytest.raises(ValidationError) as caught:
        generate_unsigned(clerk, CLEAN_PERIOD)
    text = " ".join(caught.value.messages)
    assert "不能生成申报数据" in text and "视同内销" in text and "2029-10-31" in text
    assert not DeclarationBatch.objects.filter(enterprise=clerk.enterprise).exists()
    _today(monkeypatch, LIMIT)  # the last day is still in time: checked again, only late
    assert "LOCAL_DEADLINE" not in _issues(clerk)
    batch = generate_unsigned(clerk, CLEAN_PERIOD)
    assert batch.line_count == 1
