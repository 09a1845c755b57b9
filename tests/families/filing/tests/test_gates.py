"""A family's standing rule holds back 生成申报数据 through the engine's gate hook: a warning shows
on the page, a refusal stops the package with its message and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rebate.accounts.tests.cards import held
from rebate.core.models import RecordStatus
from rebate.declarations import gates
from rebate.declarations.gates import GateNotice
from rebate.declarations.models import DeclarationBatch

from ..models import FilingRecord
from .conftest import CARD_NO

pytestmark = pytest.mark.django_db
FAMILY = "testfiling"
state = {"refuses": False}


def planted_rule(enterprise: Any, family: Any, period: str, today: date) -> Iterator[GateNotice]:
    if family.key == FAMILY:
        yield GateNotice(f"测试规则：{today:%Y-%m-%d}起暂停申报", refuses=state["refuses"])


@pytest.fixture
def rule() -> Iterator[dict[str, bool]]:
    gates.register_gate(planted_rule)
    yield state
    gates._checks.remove(planted_rule)
    state["refuses"] = False


def page(name: str) -> str:
    return reverse(f"declarations:family_{name}", kwargs={"family": FAMILY})


def test_warning_shows_and_refusal_stops_generate(client: Client, clerk: Any, rule: Any) -> None:
    client.force_login(clerk)
    client.post(reverse("testfiling:filingrecord_add"), {"contract_no": "HT-1", "amount": "10.00"})
    html = client.get(page("generate")).content.decode()
    assert "测试规则" in html and "alert-warning" in html
    rule["refuses"] = True
    r = client.post(page("package"), held(CARD_NO).proof(client), follow=True)
    assert "测试规则" in r.content.decode() and "起暂停申报" in r.content.decode()
    assert not DeclarationBatch.objects.filter(family=FAMILY).exists()
    assert FilingRecord.objects.get().status == RecordStatus.COLLECTED


def test_no_rule_no_notice(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    assert "data-gate" not in client.get(page("generate")).content.decode()
