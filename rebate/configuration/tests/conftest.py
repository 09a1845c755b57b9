from __future__ import annotations

import pytest

from rebate.accounts.choices import Role
from rebate.accounts.tests.factories import make_user
from rebate.codes.choices import CodeTable
from rebate.codes.services.reference import load_customs_table


@pytest.fixture
def tables(db: None) -> None:
    for table in (CodeTable.CURRENCY, CodeTable.DOMESTIC_DISTRICT, CodeTable.EXTENSION_TYPE):
        load_customs_table(table)


@pytest.fixture
def user(db: None):
    return make_user()


@pytest.fixture
def viewer(db: None):
    return make_user(role=Role.VIEWER)


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client
