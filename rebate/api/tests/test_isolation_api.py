"""Every API endpoint is in the tenant-isolation harness: an object or list URL of a declared
model (walked with B's token by rebate/core/tests/test_isolation.py) or exempt with a reason.
A new endpoint that is neither fails here."""

from __future__ import annotations

from rebate.core.testing import isolation

isolation.load_declarations()


def test_every_api_endpoint_is_walked_by_the_harness_or_exempt_with_a_reason() -> None:
    models = isolation.enterprise_owned_models()
    covered = {
        isolation.url_name(entry)
        for m in models
        for entry in [*isolation.object_urls(m), *isolation.list_urls(m)]
    }
    endpoints = isolation.url_names("api:v1:")
    assert len(endpoints) > 50, "the URLconf walk found too few API endpoints"
    stray = [n for n in endpoints if n not in covered and n not in isolation.EXEMPT_URLS]
    assert not stray, f"API endpoints the isolation harness does not walk: {stray}"
