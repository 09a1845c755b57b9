from __future__ import annotations

import pytest

from sim.generator.seed import seed
from sim.generator.testing import OTHER, SMALL


@pytest.fixture(scope="session")
def seeded(django_db_setup, django_db_blocker):
    """Two generated enterprises, committed once per test session (tests roll back on top)."""
    with django_db_blocker.unblock():
        seed(SMALL)
        seed(OTHER)
    return SMALL


@pytest.fixture
def seeded_db(seeded, db):
    return seeded
