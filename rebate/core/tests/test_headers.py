"""Every response carries the security headers; no page needs an inline script or style.

The URLs are enumerated from the URLconf: every pattern without arguments, and every pattern that
takes the pk of a row the isolation harness can make (so detail and edit pages with real data).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rebate.accounts.tests.factories import make_user
from rebate.core.middleware import CONTENT_SECURITY_POLICY, policy
from rebate.core.testing import isolation

isolation.load_declarations()

# What a strict policy (script-src/style-src 'self', no nonces) would block in a page.
INLINE = {
    "inline <script>": re.compile(r"<script(?![^>]*\b(src|nonce)=)[^>]*>", re.I),
    "<style>": re.compile(r"<style(?![^>]*\bnonce=)[^>]*>", re.I),
    "style= attribute": re.compile(r"<[a-z][^>]*\sstyle=", re.I),
    "on…= handler": re.compile(r"<[a-z][^>]*\son[a-z]+=", re.I),
    "javascript: URL": re.compile(r"(href|src|action)=\"javascript:", re.I),
}


def patterns() -> Iterator[tuple[str, URLPattern]]:
    def walk(items: list[Any], namespace: str) -> Iterator[tuple[str, URLPattern]]:
        for p in items:
            if isinstance(p, URLResolver):
                inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
                yield from walk(p.url_patterns, inner)
            elif isinstance(p, URLPattern) and p.name:
                yield f"{namespace}{p.name}", p

    yield from walk(get_resolver(settings.ROOT_URLCONF).url_patterns, "")


def plain_urls() -> list[str]:
    return sorted({reverse(name) for name, p in patterns() if not p.pattern.regex.groups})


# The harness's rows point at package files that were never written.
NO_FILE = {"declarations:download"}


def pk_urls(enterprise: Any) -> list[str]:
    urls = []
    for model in isolation.enterprise_owned_models():
        names = [n for n in isolation.object_urls(model) if n not in NO_FILE]
        if names and model in isolation.DECLARED:
            row = isolation.DECLARED[model].make(enterprise)
            urls += [isolation.object_url(name, row.pk) for name in names]
    return urls


def inline_code(html: str) -> list[str]:
    return [what for what, pattern in INLINE.items() if pattern.search(html)]


def nonced_policy(response: Any) -> str:
    """A print preview's policy: the strict one plus the nonce of its own <style> (only)."""
    found = re.search(r"'nonce-([^']+)'", response.headers.get("Content-Security-Policy", ""))
    html = response.content.decode() if found else ""
    return policy(found.group(1)) if found and f'nonce="{found.group(1)}"' in html else ""


@pytest.fixture
def signed_in(client):
    user = make_user()
    client.force_login(user)
    return client, user


@pytest.mark.django_db
def test_every_signed_in_response_has_the_headers_and_no_inline_code(signed_in) -> None:
    client, user = signed_in
    urls = plain_urls() + pk_urls(user.enterprise)
    assert len(urls) > 100, "the URLconf walk found too few pages"
    wrong: list[str] = []
    for url in urls:
        response = client.get(url)
        csp = response.headers.get("Content-Security-Policy")
        if csp != CONTENT_SECURITY_POLICY and csp != nonced_policy(response):
            wrong.append(f"{url}: Content-Security-Policy {csp!r}")
        if "camera=()" not in response.headers.get("Permissions-Policy", ""):
            wrong.append(f"{url}: Permissions-Policy missing")
        if response.headers.get("Cache-Control") != "no-store":
            wrong.append(f"{url}: Cache-Control {response.headers.get('Cache-Control')!r}")
        if response.headers.get("Content-Type", "").startswith("text/html"):
            wrong += [f"{url}: {what}" for what in inline_code(response.content.decode())]
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_signed_out_pages_have_the_policy_and_may_be_cached(client) -> None:
    for url in [reverse("accounts:login"), "/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert "frame-ancestors 'self'" in CONTENT_SECURITY_POLICY
        assert "no-store" not in response.headers.get("Cache-Control", "")
        assert not inline_code(response.content.decode()), url


def test_the_policy_allows_this_origin_only() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY and "*" not in CONTENT_SECURITY_POLICY
