"""Test callers of the simulators: a freshly issued credential as request headers."""

from __future__ import annotations

from .credentials import issue


def credential(party: str, account: str) -> dict[str, str]:
    """Django test-client extra headers authenticating `account` at `party`."""
    return {"HTTP_AUTHORIZATION": f"Bearer {issue(party, account)}"}
