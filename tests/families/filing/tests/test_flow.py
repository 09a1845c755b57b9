"""测试备案申报 end to end through the engine's pages and the real simulators (issue 15's proof):
新建 → 打印 (before generating) → 生成 (IC卡签名) → 远程申报 (上传成功) → 审核结果下载 after the
bureau's delay → 数据查询, for a family without a 所属期 whose only code is its registration."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rebate.accounts.tests.cards import held
from rebate.core.models import RecordStatus
from rebate.declarations import storage
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import DeclarationBatch, ReviewRecord
from rebate.declarations.tests.factories import sign_in_browser
from rebate.integrations.wire.package import read_package

from ..models import FilingRecord
from .conftest import CARD_NO

pytestmark = pytest.mark.django_db
FAMILY = "testfiling"


def page(name: str, **query: str) -> str:
    url = reverse(f"declarations:family_{name}", kwargs={"family": FAMILY})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def bureau_delay(customs_code: str, seconds: int) -> None:
    """The bureau's review takes this long (the simulator's setting, as its operator sets it)."""
    sim = apps.get_model("sim_taxbureau", "Enterprise").objects
    sim.filter(customs_code=customs_code).update(review_delay_seconds=seconds)


def test_collect_print_generate_upload_feedback_query(
    client: Client, clerk: Any, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    client.force_login(clerk)
    card = held(CARD_NO)
    add = reverse("testfiling:filingrecord_add")
    for contract, amount in (("HT-2026-001", "1000.00"), ("HT-2026-002", "250.50")):
        r = client.post(add, {"contract_no": contract, "amount": amount})
        assert r.status_code == 302, r.content.decode()
    first, second = FilingRecord.objects.order_by("sequence_no")
    assert (first.sequence_no, second.sequence_no, first.period) == ("0001", "0002", "")

    # 打印 before 生成: every collected record with its form, preview and PDF
    html = client.get(page("print")).content.decode()
    assert "测试备案申请表" in html and f'data-pk="{second.pk}"' in html
    assert "打印申报报表" in html and "打印退税申报报表" not in html  # not 免抵退's name
    preview = reverse("declarations:print_record", args=[first.pk])
    query = f"?family={FAMILY}&form=filing"
    sheet = client.get(preview + query).content.decode()
    assert "测试备案申请表" in sheet and "HT-2026-001" in sheet and "1000.00" in sheet
    assert "所属期" not in sheet and "申报序号：0001" in sheet
    pdf = client.get(preview + query + "&format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    # 生成申报数据: no 所属期, the only business; the card signs the digest
    generate = client.get(page("generate")).content.decode()
    assert "所属期" not in generate and 'id="btn-upload"' in generate
    assert "<h1" in generate and "生成申报数据" in generate and "生成退税申报数据" not in generate
    assert 'id="btn-self-check"' not in generate
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page("package"), card.proof(client))
    batch = DeclarationBatch.objects.get(family=FAMILY)
    assert (batch.status, batch.period, batch.business_code) == ("unsigned", "", "T0101001")
    sign_in_browser(client, card, batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.GENERATED
    assert batch.package_name == f"{clerk.enterprise.customs_code}_XH01_tbsq.xml"
    assert set(FilingRecord.objects.values_list("status", flat=True)) == {RecordStatus.GENERATED}
    with storage.open_package(batch.package_path) as package:
        content = read_package(package)
    assert content.line_count == 2 and content.business.code == "T0101001"

    # 远程申报: the bureau answers 上传成功; the records are declared
    bureau_delay(clerk.enterprise.customs_code, 3600)  # the bureau reviews an hour later
    r = client.post(page("upload"), {"batch": batch.pk, **card.proof(client)}, follow=True)
    assert f"申报数据{batch.number}远程申报上传成功" in r.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UPLOADED and batch.receipt_no
    assert "上传成功" in client.get(page("generate")).content.decode()
    assert set(FilingRecord.objects.values_list("status", flat=True)) == {RecordStatus.DECLARED}
    edit = reverse("testfiling:filingrecord_edit", args=[first.pk])
    client.post(edit, {"contract_no": "changed", "amount": "1.00"})
    first.refresh_from_db()
    assert first.contract_no == "HT-2026-001"  # read-only once declared

    # 审核结果下载 before the bureau's delay: still under review; after it: 审核通过
    client.post(page("feedback_download"))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UPLOADED
    assert ReviewRecord.objects.get(receipt_no=batch.receipt_no).get_result_display() == "审核中"
    now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: now() + timedelta(hours=2))  # two hours on
    r = client.post(page("feedback_download"), follow=True)
    assert "反馈读入成功" in r.content.decode()
    assert "<th>申报业务</th>" not in r.content.decode()  # one business: no column for it
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PASSED
    review = ReviewRecord.objects.get(receipt_no=batch.receipt_no)
    assert (review.result, review.period, review.batch_id, review.line_count) == (
        "passed", "", batch.pk, 2,
    )  # fmt: skip

    # 数据查询 shows the declaration beside the bureau's result
    html = client.get(page("query")).content.decode()
    assert batch.number in html and "审核通过" in html
    assert Decimal(sum(r.amount for r in FilingRecord.objects.all())) == Decimal("1250.50")
