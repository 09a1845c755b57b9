"""忘记密码 end to end over real HTTP (SPEC PT-07/PT-08): the product sends the code through the
SMS simulator's own server (a separate process with its own database, as `make run` starts it);
the clerk reads it on the simulated phone after unlocking it with the phone's PIN, resets the
password and signs in with the new one. The phone shows nothing to anyone without the PIN."""

from __future__ import annotations

import re
import socket

import httpx
import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.core import simulators
from rebate.integrations.credentials import store_issued
from rebate.integrations.http import route_through
from tests.e2e.manual.steps import spec_step

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE, PIN = "13712345678", "31415926"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def sms_server(tmp_path, monkeypatch, settings):
    """The simulators' server in its own process, var dir and database, reached over HTTP."""
    monkeypatch.setenv("REBATE_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("SIM_DATABASE_URL", raising=False)
    simulators.manage("migrate", "--noinput", "-v", "0")
    simulators.manage("sim_phone", "--number", PHONE, "--pin", PIN)
    port = free_port()
    with simulators.running(port):
        base = f"http://127.0.0.1:{port}"
        settings.SMS_ENDPOINT = f"{base}/sms"
        route_through(None)  # the real network, not the in-process simulators
        # Onboarding: the gateway issues the product's account credential, the product keeps it.
        store_issued(simulators.manage("sim_credentials", "--sms-account", "ckts"))
        yield base


def test_forgot_password_with_the_code_read_on_the_simulated_phone(live_server, page, shot,
                                                                   sms_server):  # fmt: skip
    user = make_user(phone=PHONE)
    page.goto(live_server.url + reverse("accounts:login"))
    spec_step(page, "PT-07", check=lambda: page.wait_for_url("**/password/forgot/**"))
    page.fill("#id_username", user.username)
    page.fill("#id_captcha_1", "PASSED")
    page.click("#forgot-next")
    page.wait_for_url("**/password/reset/")
    shot("forgot-01-code-sent")

    # Anyone who knows the number gets nothing: no outbox API, no messages without the PIN.
    anonymous = httpx.get(f"{sms_server}/sms/api/v1/messages", params={"phone": PHONE})
    assert anonymous.status_code == 401 and "验证码" not in anonymous.text
    phone = page.context.new_page()
    phone.goto(f"{sms_server}/sms/phone/")
    phone.fill("#id_number", PHONE)
    phone.fill("#id_pin", "00000000")
    phone.click("#phone-unlock-submit")
    assert "手机号码或解锁密码错误" in phone.inner_text("#phone-error")
    assert phone.locator("#sms-list").count() == 0
    phone.fill("#id_pin", PIN)
    phone.click("#phone-unlock-submit")
    text = phone.locator(".sms-text").first.inner_text()
    shot("forgot-02-simulated-phone", phone)
    code = re.search(r"验证码为(\d{6})", text)
    assert code is not None, text

    page.fill("#id_code", code.group(1))
    page.fill("#id_new_password", "New-pass-2026")
    page.fill("#id_confirm_password", "New-pass-2026")
    spec_step(page, "PT-08", role="button", check=lambda: page.wait_for_url("**/accounts/login/**"))
    assert "密码已重置" in page.content()
    page.fill("#id_username", user.username)
    page.fill("#id_password", "New-pass-2026")
    page.fill("#id_captcha_1", "PASSED")
    page.click("#login-submit")
    page.wait_for_url("**/ckts/")
    shot("forgot-03-signed-in")
