"""The 4月20日 核销 deadline as a dated, configurable gate on 免抵退's 生成申报数据 (DOMAIN §5.3):
a warning ahead of the date, a refusal after it (or a warning only, as a rule says), none once
the manuals customs closed last year are declared."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from rebate.core.models import RecordStatus
from rebate.declarations import services
from rebate.declarations.families import get_family
from rebate.declarations.gates import gate_notices
from rebate.declarations.models import DeclarationBatch

from ..gates import WriteoffDeadline
from ..models import Writeoff
from .factories import MANUAL, make_feedback, make_writeoff

pytestmark = pytest.mark.django_db


def notices(enterprise: Any, today: date, family: str = "mdt") -> list[Any]:
    return gate_notices(enterprise, get_family(family), "202603", today)


@pytest.fixture
def closed(clerk: Any, bureau: Any) -> Any:
    """Customs wrote the manual off on 2025-07-25: its 核销 is due by 2026-04-20. The period's
    VAT return is filed, so the only standing rule left is the 核销 date (Art. 15 gate)."""
    bureau.vat_returns["202603"] = Decimal("0.00")
    return make_feedback(clerk.enterprise)


def test_ahead_of_the_date_a_warning_after_it_a_refusal(clerk, closed):
    e = clerk.enterprise
    assert notices(e, date(2026, 3, 20)) == []  # before the 30-day warning window
    [warning] = notices(e, date(2026, 4, 1))
    assert not warning.refuses
    assert f"手（账）册{MANUAL}已于2025年经海关核销" in warning.message
    assert "须在2026年4月20日前完成免抵退核销申报" in warning.message
    assert not notices(e, date(2026, 4, 20))[0].refuses  # the day itself is in time
    [refusal] = notices(e, date(2026, 4, 21))
    assert refusal.refuses and "未在2026年4月20日前完成免抵退核销申报" in refusal.message
    assert notices(e, date(2026, 4, 21), family="processing") == []  # the 核销 itself is free
    assert notices(e, date(2027, 4, 21)) == []  # only last year's closures are due


def test_the_refusal_stops_generate_and_the_warning_shows_on_the_page(
    clerk, closed, client, monkeypatch
):
    e = clerk.enterprise
    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2026, 4, 21))
    with pytest.raises(ValidationError, match="进料加工核销逾期"):
        services.batch_generate(
            enterprise=e, actor=clerk, family="mdt", period="202603", card_no=clerk.card.card_no
        )
    assert not DeclarationBatch.objects.exists()
    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2026, 4, 10))
    client.force_login(clerk)
    html = client.get(reverse("mdt:generate") + "?period=202603").content.decode()
    assert "须在2026年4月20日前完成免抵退核销申报" in html and "alert-warning" in html


def test_a_declared_write_off_lifts_the_rule(clerk, closed):
    row = make_writeoff(clerk.enterprise)
    assert notices(clerk.enterprise, date(2026, 4, 21))  # collected is not declared
    Writeoff.objects.filter(pk=row.pk).update(status=RecordStatus.DECLARED)
    assert notices(clerk.enterprise, date(2026, 4, 21)) == []


def test_the_rule_is_dated_data(clerk, closed, settings):
    """A later rule (another date, a warning only) replaces the default from its own date."""
    settings.PROCESSING_WRITEOFF_DEADLINES = (
        WriteoffDeadline(date(2013, 3, 13)),
        WriteoffDeadline(date(2026, 1, 1), month=5, day=31, warn_days=10, refuses=False),
    )
    e = clerk.enterprise
    assert notices(e, date(2026, 4, 25)) == []  # the old date no longer holds
    [warning] = notices(e, date(2026, 5, 25))
    assert "须在2026年5月31日前" in warning.message
    [late] = notices(e, date(2026, 6, 1))
    assert not late.refuses and "逾期" in late.message
