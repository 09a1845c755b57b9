from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rebate.accounts.models import PasswordResetCode
from rebate.accounts.tests.factories import make_user
from rebate.integrations.testing import phone_messages, register_phone

pytestmark = pytest.mark.django_db


def request_code(client, username):
    return client.post(
        reverse("accounts:forgot_password"),
        {"username": username, "captcha_0": "x", "captcha_1": "PASSED"},
    )


PIN = "246810"


@pytest.fixture
def outbox(sms_gateway, sim_http):
    """Read the texts on the simulated phone, unlocked with its PIN, as its owner would."""

    def read(phone):
        register_phone(phone, PIN)
        return phone_messages(sim_http, phone, PIN)

    return read


@pytest.fixture
def sent_code(outbox):
    return lambda phone: re.search(r"验证码为(\d{6})", outbox(phone)[0]).group(1)


def reset(client, code, password="New-pass-2026"):
    return client.post(
        reverse("accounts:reset_password"),
        {"code": code, "new_password": password, "confirm_password": password},
    )


def test_code_goes_to_the_registered_phone_and_resets_the_password(client, outbox, sent_code):
    user = make_user(phone="13700000001")
    assert request_code(client, user.username).status_code == 302
    assert len(outbox("13700000001")) == 1
    response = reset(client, sent_code("13700000001"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("New-pass-2026")


def test_wrong_code_is_refused_and_changes_nothing(client, sent_code):
    user = make_user(phone="13700000002")
    request_code(client, user.username)
    good = sent_code("13700000002")
    response = reset(client, "000000" if good != "000000" else "111111")
    assert "短信验证码错误" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("pw-Test-2026")


def test_expired_code_is_refused(client, sent_code):
    user = make_user(phone="13700000003")
    request_code(client, user.username)
    PasswordResetCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = reset(client, sent_code("13700000003"))
    assert "短信验证码已过期" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("pw-Test-2026")


def test_unknown_user_gets_a_message_and_no_sms(client, outbox):
    response = request_code(client, "nobody")
    assert "用户名不存在" in response.content.decode()
    assert outbox("13900000000") == []
