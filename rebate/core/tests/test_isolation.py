"""Tenant isolation, proved for every EnterpriseOwned model and every URL that takes a pk."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.core.testing import isolation

isolation.load_declarations()
MODELS = isolation.enterprise_owned_models()


def test_every_enterprise_owned_model_is_declared() -> None:
    missing = [m._meta.label for m in MODELS if m not in isolation.DECLARED]
    assert not missing, f"not in the isolation harness: {missing}"


def test_every_pk_url_belongs_to_a_declared_model() -> None:
    covered = {isolation.url_name(entry) for m in MODELS for entry in isolation.object_urls(m)}
    stray = [
        name
        for name in isolation.pk_url_names()
        if name not in covered and name not in isolation.EXEMPT_URLS
    ]
    assert not stray, f"URLs with a pk that the harness does not test: {stray}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_enterprise_b_never_sees_enterprise_a(client, model) -> None:
    owner = make_user()
    intruder = make_user()
    row = isolation.DECLARED[model].make(owner.enterprise)
    assert model._default_manager.for_enterprise(intruder.enterprise).filter(pk=row.pk).count() == 0
    client.force_login(intruder)
    for name in isolation.object_urls(model):
        response = client.get(isolation.object_url(name, row.pk))
        assert response.status_code == 404, f"{name}: {response.status_code} to enterprise B"
        response = client.post(isolation.object_url(name, row.pk))
        assert response.status_code in (404, 405), f"POST {name} answered {response.status_code}"
    for name in isolation.list_urls(model):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert f'data-pk="{row.pk}"' not in response.content.decode()
    assert model._default_manager.filter(pk=row.pk).exists(), "B's requests changed A's row"
