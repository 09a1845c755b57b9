"""The simulators inside a test process, reached through httpx.WSGITransport.

Tests only (root conftest.py routes the product's integration clients here): real HTTP semantics
— methods, headers, credentials, status codes, bodies — without a socket, against the sim URLconf
and the test database. `make run` and production reach the simulators over real HTTP instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.urls import get_urlconf, set_script_prefix, set_urlconf

SIM_URLCONF = "config.sim_urls"


class InProcessSimulators(WSGIHandler):
    """Django's WSGI handler on the sim URLconf, without request_started/finished signals.

    Those signals close the caller's database connection; an in-process call happens inside the
    caller's request and transaction, so it must leave the connection — and the caller's URLconf
    — alone.
    """

    def __call__(  # type: ignore[override]
        self, environ: dict[str, Any], start_response: Any
    ) -> Iterable[bytes]:
        callers_urlconf = get_urlconf()
        try:
            set_script_prefix("/")
            request = WSGIRequest(environ)
            request.urlconf = SIM_URLCONF
            response = self.get_response(request)
        finally:
            set_urlconf(callers_urlconf)
        status = f"{response.status_code} {response.reason_phrase}"
        headers = [
            *response.items(),
            *(("Set-Cookie", c.output(header="")) for c in response.cookies.values()),
        ]
        start_response(status, headers)
        content: bytes = getattr(response, "content", b"")
        body = b"".join(response) if response.streaming else content
        return [body]


def transport() -> httpx.WSGITransport:
    return httpx.WSGITransport(app=InProcessSimulators())
