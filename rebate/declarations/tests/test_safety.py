"""A killed job leaves nothing; two clerks racing end with one batch; CK-01/03/05 on the pages."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rebate.accounts.tests.cards import HeldCard, held
from rebate.core.models import Job
from rebate.declarations import services, storage
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import DeclarationBatch
from rebate.declarations.services import generate as generate_module
from rebate.goods.models import ExportLine
from rebate.integrations.wire.package import read_package, verify_signature
from rebate.mdt import package as mdt_package
from rebate.mdt import services as mdt_services
from rebate.mdt.models import Summary

from .conftest import PERIOD
from .factories import generate_unsigned

pytestmark = pytest.mark.django_db
D = Decimal


def summary(clerk):
    mdt_services.summary_generate(
        enterprise=clerk.enterprise,
        actor=clerk,
        period=PERIOD,
        vat_transfer_out=D("0"),
        ending_credit=D("0"),
    )


def test_a_job_killed_half_way_leaves_no_batch_and_can_run_again(clerk, lines, monkeypatch):
    lines()
    summary(clerk)
    real = mdt_package.write_unsigned_package

    def dies(out, head, **kw):
        goods = kw["sections"]["TSSB"]
        next(iter(goods))  # a line was written …
        raise RuntimeError("worker killed")  # … then the process dies

    monkeypatch.setattr(mdt_package, "write_unsigned_package", dies)
    with pytest.raises(RuntimeError, match="worker killed"):
        generate_unsigned(clerk, PERIOD)
    assert not DeclarationBatch.objects.exists()
    assert not ExportLine.objects.filter(declaration_batch_id__isnull=False).exists()
    assert Summary.objects.get().batch is None
    monkeypatch.setattr(mdt_package, "write_unsigned_package", real)
    batch = generate_unsigned(clerk, PERIOD)
    assert batch.batch_no == "01" and batch.line_count == 2


def test_two_clerks_generating_at_once_end_with_one_batch(clerk, lines, monkeypatch):
    """The second clerk's check ran before the first committed: the constraint decides."""
    lines()
    summary(clerk)
    first = generate_unsigned(clerk, PERIOD)
    calls = iter([None, first])
    monkeypatch.setattr(generate_module, "live_batch", lambda *a: next(calls))
    with pytest.raises(ValidationError, match="已有申报数据"):
        generate_unsigned(clerk, PERIOD)
    assert DeclarationBatch.objects.count() == 1


def test_another_card_cannot_generate_and_both_numbers_are_named(client, clerk, lines):
    lines()
    summary(clerk)
    client.force_login(clerk)
    other = HeldCard("CK9999999999")
    response = client.post(
        reverse("mdt:package"), {"period": PERIOD, **other.proof(client)}, follow=True
    )
    assert (
        f"当前卡号 CK9999999999 与用户注册信息卡号 {clerk.card.card_no} 不一致，无法进行申报"
        in response.content.decode()
    )
    assert not Job.objects.exists() and not DeclarationBatch.objects.exists()


def test_a_pulled_card_cannot_generate_and_the_message_links_to_the_card_step(client, clerk, lines):
    lines()
    summary(clerk)
    client.force_login(clerk)
    response = client.post(reverse("mdt:package"), {"period": PERIOD}, follow=True)
    html = response.content.decode()
    assert "未检测到IC卡/Ikey，请插入卡介质后重试" in html
    assert f'href="{reverse("accounts:card")}" class="alert-link" id="card-step-link"' in html
    assert not Job.objects.exists()


def test_a_signature_over_a_stale_or_foreign_challenge_is_refused(client, clerk, lines):
    lines()
    summary(clerk)
    client.force_login(clerk)
    card = held(clerk.card.card_no)
    made_up = card.sign_any_challenge()  # never handed out by this session
    fields = {"card_no": made_up.card_no, "card_text": made_up.text}
    response = client.post(
        reverse("mdt:package"),
        {"period": PERIOD, **fields, "card_signature": made_up.signature},
        follow=True,
    )
    assert "卡介质签名验证失败" in response.content.decode()
    proof = card.proof(client)
    client.post(reverse("mdt:package"), {"period": PERIOD, **proof})
    assert Job.objects.count() == 1
    client.post(reverse("mdt:package"), {"period": PERIOD, **proof})  # replayed
    assert Job.objects.count() == 1


def test_the_package_is_complete_only_with_the_bound_cards_signature(clerk, lines):
    lines()
    summary(clerk)
    batch = generate_unsigned(clerk, PERIOD)
    assert batch.status == BatchStatus.UNSIGNED
    assert b"<Signature" not in storage.read(batch.package_path)
    stranger = HeldCard(clerk.card.card_no)  # the right number, another key
    with pytest.raises(ValidationError, match="卡介质签名验证失败"):
        services.batch_sign(
            enterprise=clerk.enterprise,
            actor=clerk,
            batch_id=batch.pk,
            signed=stranger.sign_package(batch.package_digest),
        )
    card = held(clerk.card.card_no)
    with pytest.raises(ValidationError, match="卡介质签名验证失败"):  # a challenge is no digest
        services.batch_sign(
            enterprise=clerk.enterprise,
            actor=clerk,
            batch_id=batch.pk,
            signed=card.sign_any_challenge(),
        )
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UNSIGNED
    with pytest.raises(ValidationError, match="只有“已生成”的申报数据可以数据自检"):
        services.batch_self_check(enterprise=clerk.enterprise, actor=clerk, batch_id=batch.pk)
    services.batch_sign(
        enterprise=clerk.enterprise,
        actor=clerk,
        batch_id=batch.pk,
        signed=card.sign_package(batch.package_digest),
    )
    batch.refresh_from_db()
    assert batch.status == BatchStatus.GENERATED
    content = read_package(io.BytesIO(storage.read(batch.package_path)))
    verify_signature(content, card.public_key_pem)
    assert content.signature.card_no == clerk.card.card_no
    assert batch.package_size == len(storage.read(batch.package_path))
