"""API令牌 page: a token is shown once, listed by prefix, revoked from the page."""

from __future__ import annotations

import re

import pytest

from rebate.api.models import ApiToken

from .factories import bearer_client

pytestmark = pytest.mark.django_db


def test_a_token_made_on_the_page_is_shown_once_and_revoked_there(clerk, clerk_client) -> None:
    page = clerk_client.post("/api/tokens/", {"name": "金蝶ERP", "expires_on": ""})
    assert page.status_code == 200
    shown = re.search(r'id="new-token-value">(rbt_[^<]+)<', page.content.decode())
    assert shown, page.content.decode()[:2000]
    raw = shown.group(1)
    assert bearer_client(clerk, raw).get("/api/v1/jobs").status_code == 200
    again = clerk_client.get("/api/tokens/").content.decode()
    assert raw not in again and raw[:12] in again and "金蝶ERP" in again
    token = ApiToken.objects.get(name="金蝶ERP")
    assert clerk_client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 302
    assert bearer_client(clerk, raw).get("/api/v1/jobs").status_code == 401
    assert "已撤销" in clerk_client.get("/api/tokens/").content.decode()


def test_a_past_expiry_is_refused_next_to_the_field(clerk_client) -> None:
    page = clerk_client.post("/api/tokens/", {"name": "x", "expires_on": "2020-01-01"})
    assert page.status_code == 400 and "有效期不能早于今天" in page.content.decode()
    assert not ApiToken.objects.exists()
