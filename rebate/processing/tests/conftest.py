"""A clerk of an enterprise registered at the simulated e-port and bureau, with a bound card."""

from typing import Any

import pytest

from rebate.accounts.tests.cards import bind_issued_card
from rebate.accounts.tests.factories import make_enterprise, make_user, onboard_at_eport
from rebate.declarations.tests.conftest import bureau  # noqa: F401  (the fake bureau, shared)

CODE, CARD_NO = "4403960J01", "CK4403960J01"


@pytest.fixture
def clerk(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    enterprise = onboard_at_eport(make_enterprise(customs_code=CODE))
    user = make_user(enterprise, with_card=False)
    bind_issued_card(user, CARD_NO)
    return user
