"""Tenant isolation, proved for every EnterpriseOwned model and every URL that takes a pk —
the pages with B's session, the API endpoints with a bearer token of B."""

from __future__ import annotations

import pytest
from django.test import Client

from rebate.accounts.tests.factories import make_user
from rebate.core.testing import isolation

isolation.load_declarations()
MODELS = isolation.enterprise_owned_models()
API_METHODS = ("get", "post", "put", "patch", "delete")


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


def _api_object_refused(api: Client, entry: str, pk: int) -> None:
    """Every method of an API object endpoint on A's row: 404, or 405 where it has none."""
    answers = {}
    for method in API_METHODS:
        response = api.generic(
            method.upper(), isolation.object_url(entry, pk), "{}", "application/json"
        )
        answers[method] = response.status_code
    assert set(answers.values()) <= {404, 405}, f"{entry} answered {answers} to enterprise B"
    assert 404 in answers.values(), f"{entry}: no method answered 404 ({answers})"


def _api_list_hides(api: Client, entry: str, pk: int) -> None:
    response = api.get(isolation.list_url(entry))
    if response.status_code == 403 and response.json()["code"] == "unavailable":
        return  # the form is closed to B's enterprise (e.g. 收汇 for a non-四类 one)
    assert response.status_code == 200, f"{entry}: {response.status_code}"
    rows = response.json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    shown = {r.get(key) for r in rows for key in ("id", "batch")}
    assert pk not in shown, f"{entry} lists A's row to enterprise B"


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_enterprise_b_never_sees_enterprise_a(client, model) -> None:
    owner = make_user()
    intruder = make_user()
    row = isolation.DECLARED[model].make(owner.enterprise)
    assert model._default_manager.for_enterprise(intruder.enterprise).filter(pk=row.pk).count() == 0
    client.force_login(intruder)
    api = isolation.api_client(intruder)
    for name in isolation.object_urls(model):
        if isolation.is_api(name):
            _api_object_refused(api, name, row.pk)
            continue
        response = client.get(isolation.object_url(name, row.pk))
        assert response.status_code == 404, f"{name}: {response.status_code} to enterprise B"
        response = client.post(isolation.object_url(name, row.pk))
        assert response.status_code in (404, 405), f"POST {name} answered {response.status_code}"
    for name in isolation.list_urls(model):
        if isolation.is_api(name):
            _api_list_hides(api, name, row.pk)
            continue
        response = client.get(isolation.list_url(name))
        assert response.status_code == 200
        assert f'data-pk="{row.pk}"' not in response.content.decode()
    assert model._default_manager.filter(pk=row.pk).exists(), "B's requests changed A's row"
