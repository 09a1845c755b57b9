"""The bureau's doubts raised by planted data and cleared by fixing it: 退运报关单不存在 (tgbs),
补办的原证明不存在 (bbzm); approved, each gets its 证明编号 and a 补办 replaces the lost number."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rebate.accounts.tests.cards import held

from .. import models
from .conftest import CARD_NO
from .factories import make_agency, make_reissue, make_returned
from .test_flow import bureau_receives, generate, page, self_check, sim

pytestmark = pytest.mark.django_db


def declare_and_download(client: Client, card: Any, batch: Any) -> None:
    assert client.post(reverse("declarations:confirm", args=[batch.pk]), card.proof(client))
    client.post(page("feedback_download"), {"period": "202611"})
    batch.refresh_from_db()


def test_returned_goods_need_the_customs_return(
    client: Client, clerk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(clerk)
    e, card, capture = clerk.enterprise, held(CARD_NO), django_capture_on_commit_callbacks
    row = make_returned(e)
    bureau_receives(e, row)  # customs knows the export, but nothing was returned
    batch = generate(client, card, capture, "A0201005")
    assert batch.package_name.endswith("_202611_tgbs.xml")
    self_check(client, card, batch, capture)
    doubt = batch.doubts.get()
    assert doubt.code == "DZ_TGBS_TYBGD" and "退运报关单不存在" in doubt.message
    assert doubt.line_no == row.sequence_no and not doubt.skippable

    client.post(reverse("declarations:revoke_batch", args=[batch.pk]), {"reason": "待海关退运"})
    sim("CustomsInfo").filter(item_key=row.item_key).update(
        returned_quantity=Decimal("40"), returned_fob_cny=Decimal("2840.00")
    )
    again = generate(client, card, capture, "A0201005")
    self_check(client, card, again, capture)
    assert not again.doubts.exists()
    declare_and_download(client, card, again)
    row.refresh_from_db()
    assert again.status == "passed" and row.certificate_no.startswith("TGBS")


def test_a_reissue_needs_an_original_the_bureau_issued(
    client: Client, clerk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(clerk)
    e, card, capture = clerk.enterprise, held(CARD_NO), django_capture_on_commit_callbacks
    agency = make_agency(e)
    reissue = make_reissue(e, original_no="DLZM99999")
    batch = generate(client, card, capture, "A0202001")
    self_check(client, card, batch, capture)
    assert "补办的原证明DLZM99999不存在" in batch.doubts.get().message
    client.post(reverse("declarations:revoke_batch", args=[batch.pk]), {"reason": "原证明号有误"})

    # the original: an agency certificate the bureau issued (its number read back here)
    sim_e = sim("Enterprise").get(customs_code=e.customs_code)
    sim("IssuedCertificate").create(
        enterprise=sim_e, business_code="A0201001", number="DLZM440320260000077",
        issued_on=date(2026, 10, 9),
    )  # fmt: skip
    models.Agency.objects.filter(pk=agency.pk).update(certificate_no="DLZM440320260000077")
    r = client.post(
        reverse("certificates:reissue_edit", args=[reissue.pk]),
        {"period": "202611", "original_kind": "01", "original_no": "DLZM440320260000077",
         "original_bureau": "国家税务总局深圳市税务局", "reason": "证明遗失",
         "fill_date": "2026-11-20"},
    )  # fmt: skip
    assert r.status_code == 302
    again = generate(client, card, capture, "A0202001")
    self_check(client, card, again, capture)
    assert not again.doubts.exists()
    declare_and_download(client, card, again)
    reissue.refresh_from_db()
    agency.refresh_from_db()
    assert reissue.certificate_no.startswith("BBZM")
    assert agency.certificate_no == reissue.certificate_no  # the lost number is replaced
    assert sim("IssuedCertificate").get(number="DLZM440320260000077").replaced
