"""The 明细表's name by 所属期 (DOMAIN §16): the print list of batches either side of 2026-01
shows each under its own name, and so does each printed form."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rebate.calc.mdt.names import detail_form_name
from rebate.declarations.choices import BatchStatus
from rebate.declarations.tests.factories import make_batch

OLD = "生产企业出口货物劳务免抵退税申报明细表"
NEW = "生产企业出口货物及修理修配服务免抵退税申报明细表"


@pytest.mark.parametrize(
    ("period", "name"), [("201807", OLD), ("202512", OLD), ("202601", NEW), ("202712", NEW)]
)
def test_the_name_in_force_for_the_period(period: str, name: str) -> None:
    assert detail_form_name(period) == name


@pytest.mark.django_db
def test_a_print_list_straddling_2026_shows_both_names(clerk, clerk_client):
    before, after = (
        make_batch(clerk.enterprise, period=period, status=BatchStatus.DECLARED)
        for period in ("202512", "202601")
    )
    html = clerk_client.get(reverse("mdt:print")).content.decode()
    rows = dict(re.findall(r'<tr data-pk="(\d+)">(.*?)</tr>', html, re.S))
    assert OLD in rows[str(before.pk)] and NEW not in rows[str(before.pk)]
    assert NEW in rows[str(after.pk)] and OLD not in rows[str(after.pk)]
    for batch, name in ((before, OLD), (after, NEW)):
        url = reverse("declarations:print_form", args=[batch.pk]) + "?form=detail"
        page = clerk_client.get(url).content.decode()
        assert f"<h1>{name}</h1>" in page and f"<title>{name}</title>" in page
