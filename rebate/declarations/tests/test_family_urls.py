"""A second family's pages run that family (issue 15 point 3): every form, button, link and
redirect of the engine's pages goes through views.common.family_url, never 免抵退's names."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rebate.declarations.choices import BatchStatus
from rebate.declarations.families import ALL_STEPS, Family, PackageResult, base
from rebate.declarations.forms import PeriodForm
from rebate.declarations.models import ConsistencyIssue, ConsistencyRun, Doubt

from .factories import make_batch

pytestmark = pytest.mark.django_db
PERIOD = "202604"
URL = re.compile(r'(?:action|formaction|href)="([^"]*)"')
PAGES = ("generate", "check", "summary", "package", "self_check", "refresh", "revoke")


def _no_package(out: Any, request: Any) -> PackageResult:
    raise AssertionError("a page view must not write a package")


class NoSummary:
    """A 生成汇总数据 step with nothing to show: its dialog is the 所属期 alone."""

    form_class = PeriodForm
    template = ""

    def initial(self, enterprise: Any, period: str) -> dict[str, Any]:
        return {}

    def section(self, enterprise: Any, period: str, batch: Any, *, draft: bool) -> dict[str, Any]:
        return {}


SECOND = Family(
    key="testfam",
    business_code="T0000001",
    short_name="test",
    label="测试申报",
    steps=ALL_STEPS,
    sources=(),
    write_package=_no_package,
    summary=NoSummary(),  # type: ignore[arg-type]  # the pages call only these two
    record_detail={"TSSB": "service_exports:taxableservice_detail"},
)


@pytest.fixture
def second(monkeypatch: pytest.MonkeyPatch) -> Family:
    """A family registered for this test only (the registry is restored afterwards)."""
    monkeypatch.setitem(base._REGISTRY, SECOND.key, SECOND)
    return SECOND


@pytest.fixture
def signed_in(client: Client, clerk: Any) -> Client:
    client.force_login(clerk)
    return client


def _own(page: str) -> str:
    return reverse(f"declarations:family_{page}", kwargs={"family": SECOND.key})


def _mdt(page: str) -> str:
    return reverse(f"mdt:{page}")


def _with_records(clerk: Any) -> Any:
    e = clerk.enterprise
    run = ConsistencyRun.objects.create(enterprise=e, family=SECOND.key, period=PERIOD)
    fields = {"level": "E", "skippable": False, "message": "问题", "table": "TSSB"}
    ConsistencyIssue.objects.create(
        enterprise=e, run=run, code="T1", line_no="0001", record_id=7, **fields
    )
    batch = make_batch(
        e, family=SECOND.key, business_code=SECOND.business_code, period=PERIOD,
        status=BatchStatus.CHECKED,
    )  # fmt: skip
    Doubt.objects.create(
        enterprise=e, batch=batch, code="T2", line_no="0001", record_id=8, **fields
    )
    return batch


def test_the_second_familys_page_posts_to_and_links_its_own_pages(signed_in, clerk, second):
    _with_records(clerk)
    html = signed_in.get(_own("generate"), {"period": PERIOD}).content.decode()
    urls = set(URL.findall(html))
    for page in ("check", "summary", "package", "self_check", "refresh"):
        assert _own(page) in urls, page
    engine = _mdt("generate").removesuffix("generate/")
    own = _own("generate").removesuffix("generate/")
    stray = {
        u for u in urls if u.startswith(engine) and not u.startswith((own, engine + "batches/"))
    }
    assert not stray  # no button of this page runs 免抵退
    assert not {_mdt(page) for page in PAGES} & urls
    assert reverse("goods:exportline_detail", args=[7]) not in html
    assert reverse("service_exports:taxableservice_detail", args=[7]) in urls
    assert reverse("service_exports:taxableservice_detail", args=[8]) in urls


def test_row_actions_on_its_batch_come_back_to_its_own_pages(signed_in, clerk, second):
    batch = _with_records(clerk)
    r = signed_in.post(reverse("declarations:confirm", args=[batch.pk]))  # no card: refused
    assert r.status_code == 302 and r["Location"] == f"{_own('generate')}?period={PERIOD}"
    r = signed_in.post(reverse("declarations:revoke_batch", args=[batch.pk]), {"reason": "重报"})
    assert r.status_code == 302 and r["Location"] == _own("revoke")


def test_mdt_keeps_the_menus_urls(signed_in, clerk):
    html = signed_in.get(_mdt("generate")).content.decode()
    urls = set(URL.findall(html))
    assert {_mdt(page) for page in ("check", "summary", "package", "self_check", "refresh")} <= urls


def _opening_period(client: Client, page: str) -> str:
    html = client.get(page).content.decode()
    found = re.search(r'<input type="hidden" name="period" value="(\d{6})"', html)
    assert found
    return found.group(1)


def test_the_page_opens_on_the_period_its_family_provides(signed_in, clerk, lines, monkeypatch):
    """Issue 15 point 2: 免抵退's open 明细表 lines choose 免抵退's period, not another family's."""
    lines()  # 免抵退 lines of 202503, in no batch
    assert _opening_period(signed_in, _mdt("generate")) == "202503"
    monkeypatch.setitem(base._REGISTRY, SECOND.key, SECOND)
    make_batch(clerk.enterprise, family=SECOND.key, period="202511", status=BatchStatus.CHECKED)
    assert _opening_period(signed_in, _own("generate")) == "202511"
    opens = replace(SECOND, open_period=lambda enterprise: "202512")
    monkeypatch.setitem(base._REGISTRY, SECOND.key, opens)
    assert _opening_period(signed_in, _own("generate")) == "202512"
