"""生成备案申报数据 opens on the latest work, as the other families' pages open on their latest
所属期: the dialog's 选择想要申报的业务 on the filing last saved and not yet declared, and the
batch just generated ticked for 远程申报."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rebate.declarations.tests.factories import generate_signed

from .conftest import later
from .factories import make_waiver, make_withdrawal

pytestmark = pytest.mark.django_db
WAIVER, WITHDRAWAL = "A0409004", "A0103001"


def page(client: Client) -> str:
    return client.get(reverse("filings:generate")).content.decode()


def chosen_business(html: str) -> list[str]:
    dialog = html[html.index('id="dlg-package"') :]
    select = dialog[dialog.index('name="business"') : dialog.index("</select>")]
    return re.findall(r'<option value="(A\d+)"[^>]*\bselected\b', select)


def ticked_batches(html: str) -> list[str]:
    return re.findall(r'<input type="radio" name="batch" value="(\d+)"[^>]*\bchecked\b', html)


def test_the_dialog_opens_on_the_filing_last_saved(
    client: Client, clerk: Any, monkeypatch: Any
) -> None:
    client.force_login(clerk)
    assert chosen_business(page(client)) == []  # nothing entered: the list's first, unmarked
    waiver = make_waiver(clerk.enterprise)
    later(monkeypatch, seconds=5)
    make_withdrawal(clerk.enterprise)
    assert chosen_business(page(client)) == [WITHDRAWAL]
    later(monkeypatch, seconds=10)
    waiver.save()  # edited again: the latest work
    assert chosen_business(page(client)) == [WAIVER]


def test_a_declared_filing_is_no_longer_the_latest_work(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    make_withdrawal(clerk.enterprise)
    make_waiver(clerk.enterprise)
    generate_signed(clerk, "", family="filings", business=WAIVER)  # the waiver is in a batch
    assert chosen_business(page(client)) == [WITHDRAWAL]


def test_the_batch_just_generated_is_ticked_for_remote_declaration(
    client: Client, clerk: Any
) -> None:
    client.force_login(clerk)
    make_waiver(clerk.enterprise)
    make_withdrawal(clerk.enterprise)
    first = generate_signed(clerk, "", family="filings", business=WAIVER)
    assert ticked_batches(page(client)) == [str(first.pk)]  # signed: 已生成, 远程申报 next
    second = generate_signed(clerk, "", family="filings", business=WITHDRAWAL)
    assert ticked_batches(page(client)) == [str(second.pk)]
