"""A clerk of an enterprise registered at the simulated e-port and bureau, with a bound card."""

from typing import Any

import pytest
from django.test import Client

from rebate.accounts.tests.cards import bind_issued_card
from rebate.accounts.tests.factories import make_enterprise, make_user, onboard_at_eport

CODE, CARD_NO = "4403960Q01", "CK4403960Q01"


@pytest.fixture
def clerk(db: Any, settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    enterprise = onboard_at_eport(make_enterprise(customs_code=CODE))
    user = make_user(enterprise, with_card=False)
    bind_issued_card(user, CARD_NO)
    return user


@pytest.fixture
def clerk_client(clerk: Any) -> Client:
    client = Client()
    client.force_login(clerk)
    return client


@pytest.fixture
def world(client: Client, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any):
    """A signed-in clerk onboarded at the simulated e-port and bureau, its card, and the
    on-commit capture the engine's background steps run under."""
    from . import flow

    settings.MEDIA_ROOT = tmp_path / "media"
    clerk, card = flow.world()
    client.force_login(clerk)
    return clerk, card, django_capture_on_commit_callbacks
