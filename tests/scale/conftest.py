"""Scale tests: real worker and web processes on a database of their own (tests.processes'
machinery) seeded with several enterprises; object storage on a loopback S3 server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.processes.conftest import Databases, Site

ENTERPRISES = 5


@pytest.fixture(scope="session")
def scale_databases(tmp_path_factory: Any) -> Iterator[Databases]:
    """Copies of a PostgreSQL template with ENTERPRISES seeded enterprises (PostgreSQL only:
    the queue many machines share is PostgreSQL's; no PostgreSQL is a failure, not a skip)."""
    url = os.environ.get("DATABASE_URL", "")
    assert url.startswith(("postgres://", "postgresql://")), (
        f"the scale tests run on PostgreSQL (make test-postgres), DATABASE_URL={url!r}"
    )
    tag = "scale_" + os.environ.get("PYTEST_XDIST_WORKER", "main").replace("gw", "w")
    root = tmp_path_factory.mktemp("scale")
    kind = Site("", root, settings="tests.scale.settings", scripts="tests.scale.scripts")
    found = Databases(url, root, tag, kind=kind, seed=["seed", ENTERPRISES])
    yield found
    found.drop_all()


@pytest.fixture
def scale_site(scale_databases: Databases) -> Iterator[Site]:
    copy = scale_databases.copy()
    yield copy
    copy.stop_all()
