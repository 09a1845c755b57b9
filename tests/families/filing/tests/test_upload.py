"""远程申报 (services.batch_upload) of the test filing family through the real bureau simulator:
refusals in Chinese, one upload per double click, 税局退回 → 撤销 frees the records."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from rebate.core.models import RecordStatus, StatusChange
from rebate.declarations import services
from rebate.declarations.choices import BatchStatus
from rebate.declarations.tests.factories import generate_signed, make_batch

from ..models import FilingRecord
from .conftest import CODE
from .factories import make_filing

pytestmark = pytest.mark.django_db


def generated(clerk: Any) -> Any:
    """Two filings generated into a batch and signed by the clerk's card."""
    e = clerk.enterprise
    make_filing(e, contract_no="HT-1"), make_filing(e, contract_no="HT-2", amount=Decimal("2"))
    return generate_signed(clerk, "", family="testfiling")


def test_only_a_signed_batch_of_a_family_with_the_step_is_uploaded(clerk):
    e = clerk.enterprise
    mdt = make_batch(e)
    with pytest.raises(ValidationError, match="免抵退税申报没有“远程申报”功能"):
        services.batch_upload(enterprise=e, actor=clerk, batch_id=mdt.pk)
    unsigned = make_batch(e, family="testfiling", business_code="T0101001", period="",
                          status=BatchStatus.UNSIGNED)  # fmt: skip
    with pytest.raises(ValidationError, match="只有“已生成”（已签名）的申报数据可以远程申报"):
        services.batch_upload(enterprise=e, actor=clerk, batch_id=unsigned.pk)


def test_a_double_click_uploads_once_and_the_audit_keeps_the_receipt(clerk):
    batch = generated(clerk)
    once = services.batch_upload(enterprise=clerk.enterprise, actor=clerk, batch_id=batch.pk)
    again = services.batch_upload(enterprise=clerk.enterprise, actor=clerk, batch_id=batch.pk)
    assert once.status == again.status == BatchStatus.UPLOADED
    assert again.receipt_no == once.receipt_no
    moves = StatusChange.objects.filter(object_id=str(batch.pk), to_state=BatchStatus.UPLOADED)
    assert [m.note for m in moves] == [f"远程申报上传成功，受理回执号{once.receipt_no}"]
    submissions = apps.get_model("sim_taxbureau", "Submission").objects
    assert submissions.filter(receipt_no=once.receipt_no).count() == 1
    with pytest.raises(ValidationError, match="须待税局反馈退回后方可撤销"):
        services.batch_revoke(enterprise=clerk.enterprise, actor=clerk, batch_id=batch.pk)


def test_a_returned_upload_is_revoked_and_its_records_are_editable_again(clerk):
    sim = apps.get_model("sim_taxbureau", "Enterprise").objects
    sim.filter(customs_code=CODE).update(force_return_reason="备案资料不全")
    batch = generated(clerk)
    e = clerk.enterprise
    services.batch_upload(enterprise=e, actor=clerk, batch_id=batch.pk)
    services.feedback_download(enterprise=e, actor=clerk, family="testfiling", period="")
    batch.refresh_from_db()
    assert (batch.status, batch.bureau_reasons) == (BatchStatus.RETURNED, "备案资料不全")
    services.batch_revoke(enterprise=e, actor=clerk, batch_id=batch.pk, reason="补资料")
    assert set(FilingRecord.objects.values_list("status", flat=True)) == {RecordStatus.COLLECTED}
    assert not FilingRecord.objects.filter(declaration_batch_id__isnull=False).exists()
