"""The tenant-isolation harness.

Every concrete EnterpriseOwned model must be declared here, by its app's `tests/factories.py`:

    isolation.register(MyModel, make=lambda enterprise: MyModelFactory(enterprise=enterprise),
                       urls=["app:mymodel_detail", "app:mymodel_edit"])

`make` builds one row of the given enterprise; `urls` are the URL names that take the row's pk,
each with the query string it needs if any ("app:page?form=x"; RecordType pages are found
automatically). The harness test (rebate/core/tests/test_isolation.py)
proves for every model that a user of enterprise B gets 404 on each of A's object URLs, never sees
A's row in the record list, and that every URL pattern with a pk belongs to a declared model.
API endpoints ("api:v1:…", rebate.api) are walked alike with a bearer token of B: every method on
A's row answers 404 (or 405), A's row is in no list of B, and every API endpoint is either such
an object or list URL or exempt with its reason (rebate/api/tests/test_isolation_api.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models

from rebate.core.models import EnterpriseOwned
from rebate.core.records import REGISTRY


@dataclass
class Declaration:
    model: type[models.Model]
    make: Callable[[Any], models.Model]
    urls: list[str] = field(default_factory=list)
    list_urls: list[str] = field(default_factory=list)


DECLARED: dict[type[models.Model], Declaration] = {}
# URL names with a pk that address no EnterpriseOwned row (e.g. a simulator's own id space).
EXEMPT_URLS: dict[str, str] = {}


def register(
    model: type[models.Model],
    *,
    make: Callable[[Any], models.Model],
    urls: list[str] | None = None,
    list_urls: list[str] | None = None,
) -> None:
    DECLARED[model] = Declaration(model, make, list(urls or []), list(list_urls or []))


def exempt_url(url_name: str, reason: str) -> None:
    EXEMPT_URLS[url_name] = reason


# How the harness calls an API endpoint as a user: set by the API's tests/factories.py (the
# kernel names no app above it), a function user → test client sending that user's token.
API_CLIENT: list[Callable[[Any], Any]] = []


def register_api_client(make: Callable[[Any], Any]) -> None:
    API_CLIENT[:] = [make]


def api_client(user: Any) -> Any:
    if not API_CLIENT:
        raise LookupError("no API client registered (rebate/api/tests/factories.py)")
    return API_CLIENT[0](user)


def load_declarations() -> None:
    """Import every product, simulator and test-only app's tests/factories.py (they call
    register()).

    The URLconf is loaded first: RecordTypes register themselves when their urls.py is imported.
    """
    importlib.import_module(settings.ROOT_URLCONF)
    for app in apps.get_app_configs():
        # tests.*: the families registered only in tests (tests/families/)
        if not app.name.startswith(("rebate.", "sim.", "tests.")):
            continue
        try:
            importlib.import_module(f"{app.name}.tests.factories")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{app.name}.tests", f"{app.name}.tests.factories"):
                raise


def enterprise_owned_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if issubclass(m, EnterpriseOwned) and not m._meta.abstract and not m._meta.proxy
    ]


def object_urls(model: type[models.Model]) -> list[str]:
    """Its pages and API endpoints that take a row's pk (the records' found by themselves)."""
    declared = DECLARED[model].urls if model in DECLARED else []
    generic = [
        r.url_name(action)
        for r in REGISTRY
        if r.model is model
        for action in ("detail", "edit", "delete")
        if r.has(action)
    ]
    api = [
        r.api_url_name("detail")
        for r in REGISTRY
        if r.model is model and any(r.has(a) for a in ("detail", "edit", "delete"))
    ]
    return [*generic, *api, *declared]


def list_urls(model: type[models.Model]) -> list[str]:
    declared = DECLARED[model].list_urls if model in DECLARED else []
    generic = [r.url_name("list") for r in REGISTRY if r.model is model]
    api = [r.api_url_name("list") for r in REGISTRY if r.model is model and r.has("list")]
    return [*generic, *api, *declared]


def list_url(entry: str) -> str:
    """The path of a declared list URL, with its query string ("api:v1:doubt-list?family=mdt")."""
    from django.urls import reverse

    name, _, query = entry.partition("?")
    return reverse(name) + (f"?{query}" if query else "")


def is_api(entry: str) -> bool:
    """An API endpoint: called with a bearer token (not the session) and answering JSON."""
    return entry.startswith("api:v1:")


def url_names(prefix: str = "") -> list[str]:
    """Every named URL pattern of the product (those starting with ``prefix``)."""
    return [name for name, _ in _walk() if name.startswith(prefix)]


def _walk() -> list[tuple[str, Any]]:
    """(namespaced name, pattern) of every named URL pattern of the URLconf."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: list[tuple[str, Any]] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                found.append((f"{namespace}{p.name}", p))

    walk(get_resolver(settings.ROOT_URLCONF).url_patterns, "")
    return found


def pk_url_names() -> list[str]:
    """Every named URL pattern of the product that takes a pk."""
    return [name for name, p in _walk() if "pk" in p.pattern.regex.groupindex]


def url_name(entry: str) -> str:
    """The URL name of a declared object URL (without its query string)."""
    return entry.partition("?")[0]


def object_url(entry: str, pk: int) -> str:
    """The path of a declared object URL for the row ``pk``, with its query string."""
    from django.urls import reverse

    name, _, query = entry.partition("?")
    return reverse(name, args=[pk]) + (f"?{query}" if query else "")
