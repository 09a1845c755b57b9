"""HTTP clients for outside parties.

With an empty endpoint setting the simulator mounted in this process is reached through
httpx.WSGITransport: real HTTP semantics (methods, headers, status codes, bodies) without a
socket. With a URL the same client talks to a separately running endpoint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.urls import set_script_prefix

IN_PROCESS_BASE = "http://127.0.0.1"


class InProcessHandler(WSGIHandler):
    """Django's WSGI handler without the request_started/finished signals.

    Those signals close the caller's database connection; an in-process call happens inside the
    caller's request and transaction, so it must leave the connection alone.
    """

    def __call__(  # type: ignore[override]
        self, environ: dict[str, Any], start_response: Any
    ) -> Iterable[bytes]:
        set_script_prefix("/")
        request = WSGIRequest(environ)
        response = self.get_response(request)
        status = f"{response.status_code} {response.reason_phrase}"
        headers = [
            *response.items(),
            *(("Set-Cookie", c.output(header="")) for c in response.cookies.values()),
        ]
        start_response(status, headers)
        content: bytes = getattr(response, "content", b"")
        body = b"".join(response) if response.streaming else content
        return [body]


_handler: InProcessHandler | None = None


def _in_process_handler() -> InProcessHandler:
    global _handler
    if _handler is None:
        _handler = InProcessHandler()
    return _handler


def make_client(endpoint: str, *, timeout: float = 30.0) -> httpx.Client:
    if endpoint:
        return httpx.Client(base_url=endpoint.rstrip("/"), timeout=timeout)
    transport = httpx.WSGITransport(app=_in_process_handler())
    return httpx.Client(base_url=IN_PROCESS_BASE, transport=transport, timeout=timeout)


class PartyError(Exception):
    """An outside party answered with an error; the message is shown to the user."""

    def __init__(self, message: str, *, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


def raise_for_party(response: httpx.Response, party: str) -> None:
    if response.is_success:
        return
    try:
        detail = response.json().get("error", response.text)
    except ValueError:
        detail = response.text
    raise PartyError(
        f"{party}返回错误（{response.status_code}）：{detail}", status=response.status_code
    )
