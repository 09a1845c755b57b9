"""Test helpers: a clerk onboarded at the simulated e-port and bureau, and the family's steps
through the engine's pages (生成 + IC卡签名, 数据自检 + 自检状态查询, 正式申报, 撤销, 下载)."""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from rebate.accounts.tests.cards import HeldCard, bind_issued_card
from rebate.accounts.tests.factories import make_enterprise, make_user
from rebate.declarations.choices import BatchStatus
from rebate.declarations.models import DeclarationBatch
from rebate.declarations.tests.factories import sign_in_browser
from rebate.integrations.testing import onboard

from .. import KEY

CODE = "4403960Q02"
PERIOD = "202611"


def world(customs_code: str = CODE, card_no: str = "CK4403960Q02") -> tuple[Any, HeldCard]:
    enterprise = make_enterprise(customs_code=customs_code)
    clerk = make_user(enterprise, with_card=False)
    call_command(
        "sim_enterprise", "--customs-code", customs_code, "--uscc", enterprise.uscc,
        "--name", enterprise.name, stdout=io.StringIO(),
    )  # fmt: skip
    onboard(customs_code)
    return clerk, bind_issued_card(clerk, card_no)


def page(name: str) -> str:
    return reverse(f"{KEY}:{name}")


def messages(response: Any) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def generate(client: Client, card: HeldCard, capture: Any, business: str) -> DeclarationBatch:
    with capture(execute=True):
        response = client.post(
            page("package"), {"period": PERIOD, "business": business, **card.proof(client)}
        )
    assert response.status_code == 302, response.content.decode()[-1500:]
    batch = (
        DeclarationBatch.objects.filter(family=KEY, business_code=business)
        .exclude(status=BatchStatus.REVOKED)
        .get()
    )
    sign_in_browser(client, card, batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.GENERATED
    return batch


def self_check(client: Client, card: HeldCard, batch: DeclarationBatch, capture: Any) -> None:
    with capture(execute=True):
        client.post(page("self_check"), {"batch": batch.pk, "period": PERIOD, **card.proof(client)})
    client.post(page("refresh"), {"period": PERIOD})
    batch.refresh_from_db()


def confirm(client: Client, card: HeldCard, batch: DeclarationBatch) -> str:
    response = client.post(
        reverse("declarations:confirm", args=[batch.pk]), card.proof(client), follow=True
    )
    batch.refresh_from_db()
    return messages(response)


def revoke(client: Client, batch: DeclarationBatch, reason: str) -> None:
    client.post(reverse("declarations:revoke_batch", args=[batch.pk]), {"reason": reason})
    batch.refresh_from_db()


def download(client: Client) -> str:
    response = client.post(page("feedback_download"), {"period": PERIOD}, follow=True)
    return messages(response)


def sim_enterprise(customs_code: str = CODE) -> Any:
    from django.apps import apps

    return apps.get_model("sim_taxbureau", "Enterprise").objects.get(customs_code=customs_code)


def plant_einfo(entry_id: str, *, currency: str = "USD", deal_total: str = "2000.00",
                customs_code: str = CODE) -> None:  # fmt: skip
    """The bureau's own 报关单电子信息 of ``entry_id`` (one item)."""
    from datetime import date
    from decimal import Decimal

    from django.apps import apps

    apps.get_model("sim_taxbureau", "CustomsInfo").objects.create(
        enterprise=sim_enterprise(customs_code), item_key=f"{entry_id}001",
        export_date=date(2026, 3, 5), received_on=date(2026, 3, 20), commodity_code="8501109990",
        commodity_name="微电机", unit="001", quantity=Decimal("100"), fob_usd=Decimal("1000.00"),
        fob_cny=Decimal("7100.00"), currency=currency, deal_total=Decimal(deal_total),
    )  # fmt: skip


def plant_invoice(invoice_no: str, amount: str, tax: str, *, code: str = "") -> None:
    from datetime import date
    from decimal import Decimal

    from django.apps import apps

    apps.get_model("sim_taxbureau", "PurchaseInvoice").objects.create(
        enterprise=sim_enterprise(), invoice_code=code, invoice_no=invoice_no,
        supplier_tax_id="91440300MA5F000001", issued_on=date(2022, 5, 6),
        amount=Decimal(amount), tax_rate=Decimal("0.13"), tax=Decimal(tax),
    )  # fmt: skip


def set_bureau_today(day: Any) -> None:
    from django.apps import apps

    clock = apps.get_model("sim_taxbureau", "Clock")
    row = clock.objects.first() or clock()
    row.today = day
    row.save()
