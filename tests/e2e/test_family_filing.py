"""The test filing family's pages at 1366×768: the print page lists the collected records
before anything is generated; the generate page shows an 上传成功 batch without a 所属期."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.declarations.choices import BatchStatus
from rebate.declarations.tests.factories import make_batch
from tests.e2e.test_goods import sign_in
from tests.families.filing.tests.factories import make_filing

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def url(live_server, page: str) -> str:
    return live_server.url + reverse(f"declarations:family_{page}", kwargs={"family": "testfiling"})


def test_print_first_and_an_uploaded_batch(live_server, laptop, shot) -> None:
    user = make_user(password="pw-Test-2026")
    for n in range(1, 4):
        make_filing(user.enterprise, contract_no=f"HT-2026-{n:03d}")
    sign_in(laptop, live_server, user)
    laptop.goto(url(live_server, "print"))
    rows = laptop.locator("#print-records-filing tbody tr")
    assert rows.count() == 3 and "HT-2026-003" in rows.first.inner_text()
    assert laptop.locator("#print-records-filing .print-pdf").count() == 3
    shot("family-filing-01-print-first")

    make_batch(user.enterprise, family="testfiling", business_code="T0101001", period="",
               status=BatchStatus.UPLOADED, receipt_no="4403960F01001",
               package_name=f"{user.enterprise.customs_code}_XH01_tbsq.xml")  # fmt: skip
    laptop.goto(url(live_server, "generate"))
    row = laptop.locator("#batches tbody tr").first
    assert row.locator(".batch-status").inner_text() == "上传成功"
    assert laptop.locator("#btn-upload").is_visible()
    assert laptop.locator("#btn-self-check").count() == 0
    assert "所属期" not in laptop.locator("#batches thead").inner_text()
    shot("family-filing-02-uploaded")
