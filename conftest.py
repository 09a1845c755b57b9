"""Project-wide fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _card_reader_dir(settings, tmp_path):
    """Each test gets an empty simulated card reader."""
    settings.CARD_READER_DIR = tmp_path / "card-reader"


@pytest.fixture
def enterprise(db):
    from rebate.accounts.tests.factories import make_enterprise

    return make_enterprise()


@pytest.fixture
def clerk(enterprise):
    from rebate.accounts.tests.factories import make_user

    return make_user(enterprise)


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client
