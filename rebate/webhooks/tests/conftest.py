from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from rebate.accounts.models import User
from rebate.declarations.tests.conftest import (  # noqa: F401 — the engine's fixtures
    _isolated_files,
    bureau,
    clerk,
    lines,
    units,
)
from rebate.webhooks import services
from rebate.webhooks.choices import SUBSCRIBABLE
from rebate.webhooks.models import WebhookEndpoint

from . import receiver as loopback


@pytest.fixture
def receiver() -> Iterator[loopback.Receiver]:
    found, server = loopback.start()
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture
def hook(clerk: User, receiver: loopback.Receiver) -> tuple[WebhookEndpoint, str]:  # noqa: F811
    """An endpoint of the clerk's enterprise on the loopback receiver, every event, its secret."""
    return services.endpoint_create(
        enterprise=clerk.enterprise,
        actor=clerk,
        name="ERP",
        url=receiver.url,
        events=[value for value, _ in SUBSCRIBABLE],
    )


@pytest.fixture
def sent(django_capture_on_commit_callbacks: Any) -> Any:
    """Run the block and the deliveries it committed (the Immediate task backend sends them)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
