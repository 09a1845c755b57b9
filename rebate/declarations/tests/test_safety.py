"""A killed job leaves nothing; two clerks racing end with one batch; CK-05 on the pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rebate.declarations import selectors, services
from rebate.declarations.families import mdt_package
from rebate.declarations.models import DeclarationBatch, Summary
from rebate.declarations.services import generate as generate_module
from rebate.goods.models import ExportLine

from .conftest import PERIOD

pytestmark = pytest.mark.django_db
D = Decimal


def summary(clerk):
    services.summary_generate(
        enterprise=clerk.enterprise,
        actor=clerk,
        family="mdt",
        period=PERIOD,
        vat_transfer_out=D("0"),
        ending_credit=D("0"),
    )


def test_a_job_killed_half_way_leaves_no_batch_and_can_run_again(clerk, lines, monkeypatch):
    lines()
    summary(clerk)
    real = mdt_package.write_package

    def dies(out, head, **kw):
        goods = kw["goods"]
        next(iter(goods))  # a line was written …
        raise RuntimeError("worker killed")  # … then the process dies

    monkeypatch.setattr(mdt_package, "write_package", dies)
    with pytest.raises(RuntimeError, match="worker killed"):
        services.batch_generate(
            enterprise=clerk.enterprise,
            actor=clerk,
            family="mdt",
            period=PERIOD,
            card_no=clerk.card.card_no,
        )
    assert not DeclarationBatch.objects.exists()
    assert not ExportLine.objects.filter(declaration_batch_id__isnull=False).exists()
    assert Summary.objects.get().batch is None
    monkeypatch.setattr(mdt_package, "write_package", real)
    batch = services.batch_generate(
        enterprise=clerk.enterprise,
        actor=clerk,
        family="mdt",
        period=PERIOD,
        card_no=clerk.card.card_no,
    )
    assert batch.batch_no == "01" and batch.line_count == 2


def test_two_clerks_generating_at_once_end_with_one_batch(clerk, lines, monkeypatch):
    """The second clerk's check ran before the first committed: the constraint decides."""
    lines()
    summary(clerk)
    first = services.batch_generate(
        enterprise=clerk.enterprise,
        actor=clerk,
        family="mdt",
        period=PERIOD,
        card_no=clerk.card.card_no,
    )
    calls = iter([None, first])
    monkeypatch.setattr(generate_module, "live_batch", lambda *a: next(calls))
    with pytest.raises(ValidationError, match="已有申报数据"):
        services.batch_generate(
            enterprise=clerk.enterprise,
            actor=clerk,
            family="mdt",
            period=PERIOD,
            card_no=clerk.card.card_no,
        )
    assert DeclarationBatch.objects.count() == 1


def test_card_must_match_to_generate(client, clerk, lines):
    lines()
    summary(clerk)
    client.force_login(clerk)
    session = client.session
    session["card_no"] = "CK9999999999"
    session.save()
    response = client.post(reverse("declarations:package"), {"period": PERIOD}, follow=True)
    assert "未检测到IC卡" in response.content.decode() or "不一致" in response.content.decode()
    assert not DeclarationBatch.objects.exists()


def test_removed_card_refuses_signing(clerk, lines, settings):
    lines()
    summary(clerk)
    for pem in (settings.CARD_READER_DIR).glob("*.pem"):
        pem.unlink()
    with pytest.raises(ValidationError, match="未检测到IC卡"):
        services.batch_generate(
            enterprise=clerk.enterprise,
            actor=clerk,
            family="mdt",
            period=PERIOD,
            card_no=clerk.card.card_no,
        )
    assert selectors.live_batch(clerk.enterprise, "mdt", PERIOD) is None
