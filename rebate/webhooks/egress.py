"""Egress safety: where a delivery may go, and the one way it is sent.

An endpoint is an address typed by a user, and the worker calls it from inside the
installation's network: without care it is a way to reach internal services (SSRF). So
- only https, except plain http to loopback (127.0.0.1, ::1, localhost) for tests and local
  trials, and loopback at all only where WEBHOOKS_ALLOW_LOOPBACK is set (not in prod);
- every address the host name resolves to must be public: private, link-local (cloud metadata
  169.254.169.254), shared, multicast, reserved and unspecified ranges are refused;
- the check is repeated when sending, on the address actually connected to (a network backend
  that resolves, checks and connects to that same address), so a name that re-resolves to an
  internal address after it was registered (DNS rebinding) is refused too;
- no proxy from the environment, no redirects followed, short timeouts, bounded response read.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx
from django.conf import settings

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
RESPONSE_EXCERPT = 2000  # characters of the receiver's answer kept on the delivery
READ_LIMIT = 64 * 1024  # bytes read from the answer at most (the rest is not even received)

HTTPS_ONLY = "推送地址必须使用HTTPS（仅本机地址127.0.0.1、::1、localhost可使用http）"
NO_LOOPBACK = "不允许推送到本机地址"
NOT_PUBLIC = "推送地址解析到内网或保留地址（{address}），不允许推送"
UNRESOLVED = "无法解析推送地址的域名：{host}"
BAD_URL = "推送地址格式不正确，应为 https://域名/路径"


class EgressRefused(Exception):
    """The address may not be called; the message is Chinese, for the page."""


@dataclass(frozen=True)
class Answer:
    status: int
    excerpt: str


def _loopback_allowed() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_LOOPBACK", False))


def check_address(address: str) -> None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        if not _loopback_allowed():
            raise EgressRefused(NO_LOOPBACK)
        return
    if not ip.is_global or ip.is_multicast:
        raise EgressRefused(NOT_PUBLIC.format(address=ip))


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise EgressRefused(UNRESOLVED.format(host=host)) from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def checked_addresses(host: str, port: int) -> list[str]:
    """The host's addresses when every one may be called; refused otherwise."""
    addresses = resolve(host, port)
    for address in addresses:
        check_address(address)
    return addresses


def check_url(url: str) -> None:
    """Refuse what may not be an endpoint (the form's check; sending checks again)."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port
    except ValueError:
        raise EgressRefused(BAD_URL) from None
    if not host or parts.scheme not in ("http", "https") or parts.username or parts.password:
        raise EgressRefused(BAD_URL)
    if parts.scheme == "http" and host not in LOOPBACK_NAMES:
        raise EgressRefused(HTTPS_ONLY)
    checked_addresses(host, port or (443 if parts.scheme == "https" else 80))


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to an address that passed check_address, the one it resolved itself."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = checked_addresses(host, port)[0]
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


def _client() -> httpx.Client:
    transport = httpx.HTTPTransport(retries=0)
    transport._pool._network_backend = GuardedBackend()  # httpx offers no public hook for it
    return httpx.Client(
        transport=transport, timeout=TIMEOUT, follow_redirects=False, trust_env=False
    )


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """POST the body; raises EgressRefused or httpx.HTTPError (timeouts included)."""
    check_url(url)
    with _client() as client, client.stream("POST", url, content=body, headers=headers) as r:
        received = b""
        for chunk in r.iter_bytes():
            received += chunk
            if len(received) >= READ_LIMIT:
                break
        text = received[:READ_LIMIT].decode(r.encoding or "utf-8", errors="replace")
        return Answer(r.status_code, text[:RESPONSE_EXCERPT])
