"""The lifecycle against a fake bureau: generate → 自检 → 确认申报 → 审核通过, and the refusals."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rebate.accounts.models import Card
from rebate.core.batch import read_only_reason
from rebate.declarations import services
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import DeclarationBatch
from rebate.declarations.storage import read
from rebate.goods.models import ExportLine
from rebate.integrations.wire import feedback as wire
from rebate.integrations.wire.package import read_package, verify_signature
from rebate.mdt import services as mdt_services

from .conftest import PERIOD
from .factories import generate_signed

pytestmark = pytest.mark.django_db
D = Decimal


def generate(clerk, period=PERIOD, ending_credit="100000.00"):
    e = clerk.enterprise
    mdt_services.summary_generate(
        enterprise=e,
        actor=clerk,
        period=period,
        vat_transfer_out=D("60000.00"),
        ending_credit=D(ending_credit),
    )
    return generate_signed(clerk, period)


def test_generate_writes_a_signed_package_and_locks_the_lines(clerk, lines):
    lines()
    batch = generate(clerk)
    assert batch.status == BatchStatus.GENERATED
    assert batch.batch_no == "01" and batch.number == f"A0305001-{PERIOD}-01"
    assert batch.package_name == f"{clerk.enterprise.customs_code}_{PERIOD}_scsb.xml"
    content = read_package(io.BytesIO(read(batch.package_path)))
    verify_signature(content, Card.objects.get(user=clerk).public_key_pem)
    assert content.line_count == 2 == batch.line_count
    rows = {row.row: row for row in content.sections["SBHZ"]}
    assert rows[11].current == D("200000.00") and rows[18].current == D("100000.00")
    assert rows[19].current == D("100000.00") and rows[9].vat_difference == D("0.00")
    assert batch.figure("refund_due") == D("100000.00")
    assert batch.figure("exempt_credit_refund") == D("200000.00")
    for line in ExportLine.objects.filter(enterprise=clerk.enterprise):
        assert line.declaration_batch_id == batch.pk
        assert "不能修改" in read_only_reason(line)


def test_full_lifecycle_with_fake_bureau(clerk, lines, bureau):
    lines()
    e = clerk.enterprise
    batch = generate(clerk)
    services.batch_self_check(enterprise=e, actor=clerk, batch_id=batch.pk)
    services.batch_self_check(enterprise=e, actor=clerk, batch_id=batch.pk)  # double click
    assert bureau.calls.count("submit") == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CHECKING
    services.refresh_pending(enterprise=e, actor=clerk, family="mdt")
    assert DeclarationBatch.objects.get(pk=batch.pk).status == BatchStatus.CHECKING
    bureau.next_doubts = (
        wire.Doubt("MDT_CKHW_BGD_LSSBJL", "I", True, "可能重复申报", "TSSB", "0001"),
    )
    bureau.finish_self_check()
    services.refresh_pending(enterprise=e, actor=clerk, family="mdt")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CHECKED
    doubt = batch.doubts.get()
    assert doubt.pass_label == "可跳过" and doubt.record_id is not None
    services.batch_confirm(enterprise=e, actor=clerk, batch_id=batch.pk)
    services.batch_confirm(enterprise=e, actor=clerk, batch_id=batch.pk)  # double click
    assert bureau.calls.count("declare") == 1
    assert set(ExportLine.objects.values_list("status", flat=True)) == {"declared"}
    bureau.review()
    services.refresh_pending(enterprise=e, actor=clerk, family="mdt")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PASSED
    review = batch.reviews.get()
    assert review.figure("refund_due") == batch.figure("refund_due")
    assert review.figure("exempt_credit") == batch.figure("exempt_credit")
    with pytest.raises(ValidationError, match=r"已审核通过，不能撤销"):
        services.batch_revoke(enterprise=e, actor=clerk, batch_id=batch.pk)


def test_blocking_doubt_refuses_confirm_then_revoke_and_regenerate(clerk, lines, bureau):
    lines()
    e = clerk.enterprise
    batch = generate(clerk)
    services.batch_self_check(enterprise=e, actor=clerk, batch_id=batch.pk)
    bureau.next_doubts = (
        wire.Doubt("MDT_CKHW_BGD_WDZXX", "E", False, "无电子信息", "TSSB", "0002"),
    )
    bureau.finish_self_check()
    services.batch_refresh(enterprise=e, actor=clerk, batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.BLOCKED
    with pytest.raises(ValidationError, match="存在不可跳过疑点，不能确认申报"):
        services.batch_confirm(enterprise=e, actor=clerk, batch_id=batch.pk)
    assert "declare" not in bureau.calls
    services.batch_revoke(enterprise=e, actor=clerk, batch_id=batch.pk, reason="修改明细")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.REVOKED and bureau.calls.count("revoke") == 1
    assert read(batch.package_path)  # the old package stays in the history
    assert not ExportLine.objects.filter(declaration_batch_id__isnull=False).exists()
    again = generate(clerk)
    assert again.batch_no == "02" and again.pk != batch.pk
    assert DeclarationBatch.objects.filter(enterprise=e).count() == 2


def test_second_generation_of_a_period_is_refused_in_chinese(clerk, lines):
    lines()
    first = generate(clerk)
    with pytest.raises(ValidationError, match="已有申报数据"):
        services.batch_generate(
            enterprise=clerk.enterprise,
            actor=clerk,
            family="mdt",
            period=PERIOD,
            card_no=clerk.card.card_no,
        )
    assert DeclarationBatch.objects.get().pk == first.pk
