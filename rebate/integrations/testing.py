"""Onboarding at the simulated parties for tests: the simulator issues a credential (its own
``sim_credentials`` command, run in-process here) and the product stores it, as
``bootstrap_demo`` does across processes for `make run`."""

from __future__ import annotations

import html
import io
import re

import httpx
from django.core.management import call_command

from .credentials import store_issued

SMS_ACCOUNT = "ckts"


def _issue_and_store(**options: str) -> None:
    out = io.StringIO()
    call_command("sim_credentials", stdout=out, **options)
    store_issued(out.getvalue())


def onboard(customs_code: str) -> None:
    """Credentials of an enterprise already registered at the e-port and the bureau."""
    _issue_and_store(customs_code=customs_code)


def onboard_sms() -> None:
    _issue_and_store(sms_account=SMS_ACCOUNT)


def onboard_rates() -> None:
    """The installation's account at the rate source (人民币汇率中间价)."""
    _issue_and_store(rates_account=SMS_ACCOUNT)


def register_phone(number: str, pin: str) -> None:
    """A simulated handset at the SMS simulator (its own ``sim_phone`` command)."""
    call_command("sim_phone", number=number, pin=pin, stdout=io.StringIO())


def phone_messages(client: httpx.Client, number: str, pin: str) -> list[str]:
    """The texts the simulated phone shows once unlocked with its PIN (newest first)."""
    form = client.get("/sms/phone/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    assert token is not None, form.text
    unlocked = client.post(
        "/sms/phone/",
        data={"number": number, "pin": pin, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": str(form.url)},
    )
    if unlocked.status_code != 200:
        raise PermissionError(unlocked.status_code)
    return [
        html.unescape(t) for t in re.findall(r'<span class="sms-text">(.*?)</span>', unlocked.text)
    ]
