"""The simulated phone: the gateway's account sends, only the phone's PIN reads."""

from __future__ import annotations

import pytest

from sim.access.testing import credential
from sim.sms.phone import MAX_FAILURES, register

pytestmark = pytest.mark.django_db
NUMBER, PIN = "13700000009", "27182818"


def send(client, text="【单一窗口】验证码为123456"):
    return client.post("/sms/api/v1/messages", {"phone": NUMBER, "text": text},
                       content_type="application/json", **credential("sms", "ckts"))  # fmt: skip


def unlock(client, pin):
    return client.post("/sms/phone/", {"number": NUMBER, "pin": pin})


def test_the_phone_shows_its_messages_to_its_pin_only(client):
    register(NUMBER, PIN)
    assert send(client).status_code == 201
    assert "123456" not in client.get("/sms/phone/").content.decode()
    wrong = unlock(client, "00000000")
    assert wrong.status_code == 403 and "123456" not in wrong.content.decode()
    right = unlock(client, PIN)
    assert right.status_code == 200 and "验证码为123456" in right.content.decode()


def test_an_unregistered_number_shows_nothing(client):
    send(client)
    response = unlock(client, PIN)
    assert response.status_code == 403 and "123456" not in response.content.decode()


def test_wrong_pins_lock_the_phone(client):
    register(NUMBER, PIN)
    send(client)
    for _ in range(MAX_FAILURES):
        unlock(client, "00000000")
    locked = unlock(client, PIN)
    assert locked.status_code == 403 and "已锁定" in locked.content.decode()
    register(NUMBER, PIN)  # the owner re-registers the handset
    assert unlock(client, PIN).status_code == 200
