"""Where a delivery may go: https, loopback only for tests, never an internal address."""

from __future__ import annotations

import pytest

from rebate.webhooks import egress


@pytest.mark.parametrize(
    "url",
    [
        "https://10.1.2.3/hook",
        "https://172.16.0.9/hook",
        "https://192.168.1.1/hook",
        "https://169.254.169.254/latest/meta-data",  # cloud metadata (link-local)
        "https://100.64.0.1/hook",  # shared address space
        "https://[fd00::1]/hook",
        "https://[fe80::1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook",
    ],
)
def test_internal_addresses_are_refused(url: str) -> None:
    with pytest.raises(egress.EgressRefused, match="内网或保留地址"):
        egress.check_url(url)


@pytest.mark.parametrize("url", ["http://erp.example.com/hook", "http://10.0.0.1/hook"])
def test_plain_http_only_to_loopback(url: str) -> None:
    with pytest.raises(egress.EgressRefused, match="必须使用HTTPS"):
        egress.check_url(url)


@pytest.mark.parametrize(
    "url", ["ftp://erp.example.com/", "https://", "https://u:p@erp.example.com/"]
)
def test_malformed_addresses_are_refused(url: str) -> None:
    with pytest.raises(egress.EgressRefused, match="格式不正确"):
        egress.check_url(url)


def test_loopback_for_tests_and_local_trials(settings) -> None:
    for url in ("http://127.0.0.1:8010/hook", "http://localhost/hook", "http://[::1]:9/hook"):
        egress.check_url(url)
    settings.WEBHOOKS_ALLOW_LOOPBACK = False  # as in config.settings.prod
    with pytest.raises(egress.EgressRefused, match="不允许推送到本机地址"):
        egress.check_url("http://127.0.0.1:8010/hook")


def test_a_public_address_passes() -> None:
    egress.check_url("https://8.8.8.8/hook")


def test_a_name_that_now_resolves_inside_is_refused_when_connecting(monkeypatch) -> None:
    """DNS rebinding: the connection itself checks the address it connects to."""
    monkeypatch.setattr(egress, "resolve", lambda host, port: ["93.184.216.34", "10.0.0.7"])
    with pytest.raises(egress.EgressRefused, match=r"10\.0\.0\.7"):
        egress.GuardedBackend().connect_tcp("erp.example.com", 443, timeout=1)
    with pytest.raises(egress.EgressRefused, match=r"10\.0\.0\.7"):
        egress.post("https://erp.example.com/hook", b"{}", {})
