"""The IC card is the clerk's: the server hands out challenges and checks signatures only."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from rebate.accounts import cardauth, services
from rebate.accounts.models import Card, SignInEvent
from rebate.accounts.tests.cards import HeldCard, bind_issued_card, issue_at_eport
from rebate.accounts.tests.factories import make_enterprise, make_user, onboard_at_eport
from rebate.integrations.credentials import authorization
from rebate.integrations.models import Party

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[3]


def card_login(client, fields):
    return client.post(reverse("accounts:card_login"), fields, REMOTE_ADDR="10.0.0.7")


def test_card_login_needs_the_bound_cards_signature_of_a_fresh_challenge(client):
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    card = bind_issued_card(user, "CK9000000001")
    response = card_login(client, card.proof(client))
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert SignInEvent.objects.get(user=user).method == "card"


def test_the_card_login_page_lists_no_cards_and_asks_for_the_pin(client):
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    bind_issued_card(user, "CK9000000011")
    html = client.get(reverse("accounts:card_login")).content.decode()
    assert "CK9000000011" not in html and "卡口令（PIN）" in html
    assert 'id="card-pin"' in html and 'name="pin"' not in html  # the PIN never leaves


def test_a_card_login_post_without_a_signature_signs_no_one_in(client):
    """The old hole: one POST with a card number signed its holder in."""
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    bind_issued_card(user, "CK9000000012")
    response = card_login(client, {"card_no": "CK9000000012"})
    assert cardauth.NOT_INSERTED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_card_login_with_another_key_behind_the_number_is_refused(client):
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    bind_issued_card(user, "CK9000000002")
    forged = HeldCard("CK9000000002")  # a different key pair behind the same number
    response = card_login(client, forged.proof(client))
    assert "卡介质签名验证失败" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_challenge_signs_in_once_and_only_in_its_own_session(client, django_user_model):
    from django.test import Client

    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    card = bind_issued_card(user, "CK9000000013")
    stolen = card.proof(Client())  # a challenge of another browser's session
    assert "登录请求已过期" in card_login(client, stolen).content.decode()
    proof = card.proof(client)
    assert card_login(client, proof).status_code == 302
    client.post(reverse("accounts:logout"))
    assert "登录请求已过期" in card_login(client, proof).content.decode()  # replayed


def test_wrong_pins_count_toward_the_lockout_like_passwords(client):
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    card = bind_issued_card(user, "CK9000000014")
    for _ in range(4):
        response = card_login(client, {"card_no": card.card_no, "pin_failed": "1"})
        assert cardauth.WRONG_PIN in response.content.decode()
    card_login(client, {"card_no": card.card_no, "card_signature": "AAAA", "card_text": "x"})
    response = card_login(client, card.proof(client))  # even the right card is refused now
    assert response.status_code == 403 and "账号已被锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username=user.username).failures_since_start == 5
    assert SignInEvent.objects.filter(user=user, success=False).count() == 5


def test_data_operations_need_a_bound_card():
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    with pytest.raises(PermissionDenied, match="您无权限操作该数据"):
        services.require_bound_card(user)


def test_declaring_with_another_card_names_both_numbers():
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    card = bind_issued_card(user, "CK9000000003")
    other = HeldCard("CK9000000004").sign_any_challenge()
    with pytest.raises(PermissionDenied) as info:
        services.require_signing_card(user, other, is_fresh=lambda text: True)
    assert str(info.value) == (
        "当前卡号 CK9000000004 与用户注册信息卡号 CK9000000003 不一致，无法进行申报"
    )
    mine = card.sign_any_challenge()
    assert (
        services.require_signing_card(user, mine, is_fresh=lambda t: True).card_no == card.card_no
    )
    with pytest.raises(PermissionDenied, match="卡介质签名验证失败"):
        services.require_signing_card(user, mine, is_fresh=lambda text: False)


def test_a_pulled_card_cannot_sign():
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    bind_issued_card(user, "CK9000000005")
    with pytest.raises(PermissionDenied, match="未检测到IC卡/Ikey，请插入卡介质后重试"):
        services.require_signing_card(user, None, is_fresh=lambda text: True)


def test_card_page_binds_the_inserted_card_with_the_key_the_eport_issued(client):
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    card = issue_at_eport(user.enterprise.customs_code, "CK9000000006")
    client.force_login(user)
    page = client.get(reverse("accounts:card")).content.decode()
    assert "尚未绑定电子口岸IC卡" in page and 'id="card-insert"' in page
    response = client.post(reverse("accounts:card"), card.proof(client))
    assert response.status_code == 302
    assert Card.objects.get(user=user).public_key_pem == card.public_key_pem


def test_binding_refuses_a_card_the_browser_does_not_hold(client):
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    issue_at_eport(user.enterprise.customs_code, "CK9000000015")
    client.force_login(user)
    impostor = HeldCard("CK9000000015")
    response = client.post(reverse("accounts:card"), impostor.proof(client))
    assert "卡介质签名验证失败" in response.content.decode()
    assert not Card.objects.filter(user=user).exists()


def test_a_card_bound_to_someone_else_cannot_be_bound_again(client):
    owner = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    card = bind_issued_card(owner, "CK9000000007")
    other = make_user(owner.enterprise, with_card=False)
    client.force_login(other)
    response = client.post(reverse("accounts:card"), card.proof(client))
    assert "卡号 CK9000000007 已绑定其他用户" in response.content.decode()
    assert not Card.objects.filter(user=other).exists()


def test_binding_is_refused_when_the_enterprise_has_no_eport_credential():
    user = make_user(with_card=False)  # never onboarded at the e-port
    card = HeldCard("CK9000000016")
    with pytest.raises(ValidationError, match="尚未取得中国电子口岸的接入凭证"):
        services.card_bind(user=user, card_no=card.card_no, signed=card.sign_any_challenge())
    assert not Card.objects.filter(user=user).exists()


def test_a_card_of_another_enterprise_or_never_issued_cannot_be_bound():
    user = make_user(onboard_at_eport(make_enterprise()), with_card=False)
    elsewhere = onboard_at_eport(make_enterprise())
    card = issue_at_eport(elsewhere.customs_code, "CK9000000008")
    with pytest.raises(ValidationError, match="不是电子口岸发给本企业的IC卡"):
        services.card_bind(user=user, card_no=card.card_no, signed=card.sign_any_challenge())
    never = HeldCard("CK9000000009")
    with pytest.raises(ValidationError, match="未在电子口岸发卡或已注销"):
        services.card_bind(user=user, card_no=never.card_no, signed=never.sign_any_challenge())
    assert not Card.objects.filter(user=user).exists()


def test_the_eport_issues_a_pin_protected_key_file_and_keeps_the_public_key(tmp_path, sim_http):
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.hashes import SHA256
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    enterprise = onboard_at_eport(make_enterprise())
    out = tmp_path / "CK9000000010.json"
    args = ["--customs-code", enterprise.customs_code, "--card-no", "CK9000000010"]
    pin_args = ["--pin", "12345678", "--out", str(out), "--iterations", "1000"]
    call_command("sim_issue_card", *args, *pin_args, stdout=io.StringIO())
    data = json.loads(out.read_text())
    assert data["format"] == "ckts-card-1" and "PRIVATE" not in out.read_text()
    published = sim_http.get(
        "/customs/api/v1/cards/CK9000000010",
        headers=authorization(Party.CUSTOMS, enterprise.customs_code),
    ).json()
    assert published["public_key_pem"] == data["public_key"]
    assert published["customs_code"] == enterprise.customs_code

    def unlock(pin: str) -> bytes:
        """What card.js does with WebCrypto, here in the test process."""
        kdf = data["kdf"]
        key = PBKDF2HMAC(
            algorithm=SHA256(),
            length=32,
            salt=base64.b64decode(kdf["salt"]),
            iterations=kdf["iterations"],
        ).derive(pin.encode())
        iv = base64.b64decode(data["cipher"]["iv"])
        return AESGCM(key).decrypt(iv, base64.b64decode(data["private_key"]), b"CK9000000010")

    with pytest.raises(InvalidTag):
        unlock("00000000")
    private = serialization.load_der_private_key(unlock("12345678"), password=None)
    assert (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
        == data["public_key"]
    )
    call_command("sim_issue_card", *args, *pin_args, stdout=io.StringIO())  # again: same card
    assert json.loads(out.read_text()) == data


def test_no_private_key_is_read_or_held_by_the_product():
    """The product's code names no private-key API; only the simulators and tests make keys."""
    forbidden = ("load_pem_private_key", "load_der_private_key", "generate_private_key", "pkcs8")
    product = [p for p in (REPO / "rebate").rglob("*.py") if "tests" not in p.parts]
    offenders = [
        str(p.relative_to(REPO))
        for p in product
        if any(name in p.read_text(encoding="utf-8") for name in forbidden)
    ]
    assert offenders == []


def test_make_run_has_the_eport_issue_the_demo_cards_as_key_files():
    from rebate.accounts.demo import (
        DEMO_CARD_PIN,
        DEMO_ENTERPRISE,
        DEMO_USERS,
        demo_card_file,
        demo_card_issues,
    )
    from rebate.integrations.testing import onboard

    call_command(
        "sim_enterprise",
        customs_code=DEMO_ENTERPRISE["customs_code"],
        uscc=DEMO_ENTERPRISE["uscc"],
        name=DEMO_ENTERPRISE["name"],
        stdout=io.StringIO(),
    )
    for arguments in demo_card_issues():  # bootstrap_demo runs them in the sims' process
        call_command(*arguments, stdout=io.StringIO())
    onboard(DEMO_ENTERPRISE["customs_code"])
    out = io.StringIO()
    call_command("create_demo", stdout=out)
    assert f"PIN {DEMO_CARD_PIN}" in out.getvalue()
    for spec in DEMO_USERS:
        data = json.loads(demo_card_file(spec.card_no).read_text())
        assert Card.objects.get(user__username=spec.username).public_key_pem == data["public_key"]
    for arguments in demo_card_issues():
        call_command(*arguments, stdout=io.StringIO())
    call_command("create_demo", stdout=io.StringIO())  # every `make run`: the same cards
    first = DEMO_USERS[0]
    data = json.loads(demo_card_file(first.card_no).read_text())
    assert Card.objects.get(card_no=first.card_no).public_key_pem == data["public_key"]
    demo_card_file(first.card_no).unlink()  # a fresh var/: the card is issued again
    for arguments in demo_card_issues():
        call_command(*arguments, stdout=io.StringIO())
    call_command("create_demo", stdout=io.StringIO())
    again = json.loads(demo_card_file(first.card_no).read_text())
    assert again["public_key"] != data["public_key"]
    assert Card.objects.get(card_no=first.card_no).public_key_pem == again["public_key"]
