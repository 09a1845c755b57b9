"""Every simulator endpoint refuses a caller without the party's credential.

The endpoints are enumerated from the simulators' own URLconf (config.sim_urls mounts every
installed sim.* app), so an endpoint or a simulator added later is covered without editing this
test. A sign-in page (the simulated phone) is the one kind of page that answers an anonymous GET,
and it must show nothing but its form.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from sim.access.credentials import issue

pytestmark = pytest.mark.django_db
SIM_URLCONF = "config.sim_urls"


def endpoints() -> list[tuple[str, object]]:
    """(a concrete path, its view) for every pattern; path converters get a sample value."""
    found: list[tuple[str, object]] = []

    def walk(patterns: list[object], prefix: str) -> None:
        for p in patterns:
            route = str(p.pattern)  # type: ignore[attr-defined]
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + route)
            elif isinstance(p, URLPattern):
                concrete = route
                for name in p.pattern.regex.groupindex:
                    concrete = concrete.replace(f"<str:{name}>", "X1").replace(f"<{name}>", "X1")
                found.append(("/" + prefix + concrete, p.callback))

    walk(get_resolver(SIM_URLCONF).url_patterns, "")
    return found


ENDPOINTS = endpoints()


def test_every_simulator_and_its_api_is_enumerated():
    paths = {path for path, _ in ENDPOINTS}
    for expected in ("/customs/api/v1/declarations", "/customs/api/v1/cards",
                     "/taxbureau/api/v1/packages/X1/revoke", "/taxbureau/api/v1/feedback/review",
                     "/taxbureau/api/v1/uploads",
                     "/sms/api/v1/messages", "/sms/phone/"):  # fmt: skip
        assert expected in paths
    assert len(ENDPOINTS) >= 16


def _party(path: str) -> str:
    return path.split("/")[1]


def wrong_credentials(path: str) -> list[dict[str, str]]:
    party = _party(path)
    other = "sms" if party != "sms" else "customs"
    return [
        {},  # anonymous
        {"HTTP_AUTHORIZATION": "Bearer 4403960T01:not-the-secret"},
        {"HTTP_AUTHORIZATION": "Basic NDQwMzk2MFQwMTp4"},
        {"HTTP_AUTHORIZATION": f"Bearer {issue(other, '4403960T01')}"},  # another party's
        {"HTTP_X_CUSTOMS_CODE": "4403960T01"},  # naming an enterprise proves nothing
    ]


@pytest.mark.parametrize(("path", "view"), ENDPOINTS, ids=[p for p, _ in ENDPOINTS])
def test_endpoint_refuses_callers_without_the_partys_credential(client, settings, path, view):
    settings.ROOT_URLCONF = SIM_URLCONF
    if getattr(view, "sim_sign_in_page", False):
        form = client.get(path)
        assert form.status_code == 200 and "sms-list" not in form.content.decode()
        wrong = client.post(path, {"number": "13800000001", "pin": "000000"})
        assert wrong.status_code == 403 and "sms-list" not in wrong.content.decode()
        return
    for headers in wrong_credentials(path):
        for method in (client.get, client.post):
            response = method(path, **headers)
            assert response.status_code in (401, 403), (path, method, headers, response)
            assert response.json()["error"]
