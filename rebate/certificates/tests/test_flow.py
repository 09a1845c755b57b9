"""代理出口货物证明 (A0201001 dlzm) through the family's pages and the real (in-process)
simulators: 新建 → 打印 → 生成单证申报数据 (IC卡签名) → 远程申报 (数据自检) → 自检结果查询 reads in
the bureau's doubts (报关单无电子信息, 委托方未办理备案) → 撤销 → the bureau receives the data →
regenerate → 自检 passes → 正式申报 → 单证审核结果下载 brings the 证明编号 → 单证数据查询."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from rebate.accounts.tests.cards import held
from rebate.core.models import RecordStatus
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import DeclarationBatch
from rebate.declarations.tests.factories import sign_in_browser

from .. import models
from .conftest import CARD_NO
from .factories import PRINCIPAL_ID, make_agency

pytestmark = pytest.mark.django_db


def page(name: str) -> str:
    return reverse(f"certificates:{name}")


def sim(model: str) -> Any:
    return apps.get_model("sim_taxbureau", model).objects


def bureau_receives(enterprise: Any, declaration: models.Agency) -> None:
    """The bureau's customs electronic information of the certified item."""
    sim_enterprise = sim("Enterprise").get(customs_code=enterprise.customs_code)
    sim("CustomsInfo").create(
        enterprise=sim_enterprise, item_key=declaration.item_key,
        export_date=declaration.export_date, received_on=date(2026, 3, 20),
        commodity_code="8501109990", commodity_name="微电机", unit="001",
        quantity=Decimal("100"), fob_usd=Decimal("1000.00"), fob_cny=Decimal("7100.00"),
        currency="USD", deal_total=Decimal("1000.00"),
    )  # fmt: skip


def generate(client: Client, card: Any, capture: Any, business: str) -> DeclarationBatch:
    with capture(execute=True):
        r = client.post(page("package"), {"period": "202611", "business": business,
                                          **card.proof(client)})  # fmt: skip
    assert r.status_code == 302
    batch = DeclarationBatch.objects.exclude(status=BatchStatus.REVOKED).get(family="certificates")
    sign_in_browser(client, card, batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.GENERATED
    return batch


def self_check(client: Client, card: Any, batch: DeclarationBatch, capture: Any) -> None:
    with capture(execute=True):
        client.post(page("self_check"), {"batch": batch.pk, "period": "202611",
                                         **card.proof(client)})  # fmt: skip
    client.post(page("refresh"), {"period": "202611"})
    batch.refresh_from_db()


def test_agency_certificate_from_application_to_its_number(
    client: Client, clerk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(clerk)
    e, card = clerk.enterprise, held(CARD_NO)
    row = make_agency(e)
    make_agency(e)  # a second application: its 报关单 never reaches the bureau

    # 打印 first: the 申请表 preview and PDF of a collected record
    listing = client.get(page("print")).content.decode()
    assert "代理出口货物证明申请表" in listing and f'data-pk="{row.pk}"' in listing
    preview = reverse("declarations:print_record", args=[row.pk])
    sheet = client.get(preview + "?family=certificates&form=agency").content.decode()
    assert "委托方纳税人识别号" in sheet and PRINCIPAL_ID in sheet and row.entry_id in sheet
    pdf = client.get(preview + "?family=certificates&form=agency&format=pdf")
    assert pdf.content.startswith(b"%PDF")

    # 生成: the business is picked; only its records join; the file is named by it
    batch = generate(client, card, django_capture_on_commit_callbacks, "A0201001")
    assert batch.package_name == f"{e.customs_code}_202611_dlzm.xml"
    assert batch.line_count == 2

    # 远程申报 → 自检结果查询: the bureau's own data raise the doubts
    self_check(client, card, batch, django_capture_on_commit_callbacks)
    assert batch.status == BatchStatus.BLOCKED
    messages = sorted(batch.doubts.values_list("message", flat=True))
    assert any("无电子信息" in m for m in messages)
    assert any(f"委托方{PRINCIPAL_ID}未办理出口退（免）税备案" in m for m in messages)
    shown = client.get(page("generate") + "?period=202611").content.decode()
    assert "无电子信息" in shown

    # 撤销, the bureau now knows the 委托方 and the first 报关单; the second is deleted
    client.post(reverse("declarations:revoke_batch", args=[batch.pk]), {"reason": "补资料"})
    sim("Enterprise").create(customs_code="4403999999", uscc=PRINCIPAL_ID, name="深圳委托制造")
    bureau_receives(e, row)
    other = models.Agency.objects.exclude(pk=row.pk).get()
    client.post(reverse("certificates:agency_delete", args=[other.pk]))
    assert models.Agency.objects.count() == 1

    again = generate(client, card, django_capture_on_commit_callbacks, "A0201001")
    self_check(client, card, again, django_capture_on_commit_callbacks)
    assert again.status == BatchStatus.CHECKED and not again.doubts.exists()
    shown = client.get(page("generate") + "?period=202611").content.decode()
    assert ">正式申报</button>" in shown and ">确认申报</button>" not in shown  # DZ-13's label
    r = client.post(
        reverse("declarations:confirm", args=[again.pk]), card.proof(client), follow=True
    )
    assert f"申报数据{again.number}已正式申报" in r.content.decode()
    row.refresh_from_db()
    assert row.status == RecordStatus.DECLARED

    # 单证审核结果下载: approved, the 证明编号 comes back onto the record
    r = client.post(page("feedback_download"), {"period": "202611"}, follow=True)
    said = " ".join(str(m) for m in r.context["messages"])
    assert "反馈读入成功" in said, said
    again.refresh_from_db()
    row.refresh_from_db()
    assert again.status == BatchStatus.PASSED
    assert row.certificate_no.startswith("DLZM4403") and row.issued_on is not None
    issued = sim("IssuedCertificate").get(number=row.certificate_no)
    assert issued.subject == row.item_key

    # 单证数据查询 and the record list show it
    assert again.number in client.get(page("query")).content.decode()
    assert row.certificate_no in client.get(page("agency_list")).content.decode()
