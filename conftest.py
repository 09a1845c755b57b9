"""Project-wide fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _card_files_dir(settings, tmp_path):
    """Demo card key files a test issues stay out of var/."""
    settings.CARD_FILES_DIR = tmp_path / "cards"


@pytest.fixture(autouse=True)
def _simulators_in_process():
    """The product's clients reach the simulators in this process (httpx.WSGITransport on the
    sim URLconf and the test database) instead of the network; set up here, for tests only."""
    from rebate.integrations.http import route_through
    from sim.inprocess import transport

    route_through(transport())
    yield
    route_through(None)


@pytest.fixture
def sim_http():
    """An HTTP client of the in-process simulators, as an outside caller (e.g. a phone) uses it."""
    import httpx

    from sim.inprocess import transport

    with httpx.Client(base_url="http://127.0.0.1", transport=transport()) as client:
        yield client


@pytest.fixture
def sms_gateway(db):
    """The product holds its account's credential at the SMS gateway (onboarding)."""
    from rebate.integrations.testing import onboard_sms

    onboard_sms()


@pytest.fixture
def rate_source(db):
    """The installation holds its credential at the rate source (人民币汇率中间价, onboarding)."""
    from rebate.integrations.testing import onboard_rates

    onboard_rates()


@pytest.fixture(autouse=True)
def _forget_process_caches():
    """A rolled-back test's rows must not answer the next test from a per-process cache."""
    from rebate.codes.selectors import forget_active_library

    forget_active_library()


@pytest.fixture
def enterprise(db):
    from rebate.accounts.tests.factories import make_enterprise

    return make_enterprise()


@pytest.fixture
def clerk(enterprise):
    from rebate.accounts.tests.factories import make_user

    return make_user(enterprise)


@pytest.fixture
def new_member(db):
    """A user of a new enterprise made with the given fields: the kernel's generic record tests
    (rebate.core.testing) sign in through this, since core may not import accounts."""
    from rebate.accounts.tests.factories import make_enterprise, make_user

    def make(**enterprise_fields):
        return make_user(make_enterprise(**enterprise_fields))

    return make


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def pytest_collection_modifyitems(config, items):
    """Generic record-page tests exist only for the actions a form offers (no skipped tests)."""
    from rebate.core.testing.record_tests import applicable

    keep = [item for item in items if applicable(item)]
    dropped = [item for item in items if not applicable(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
