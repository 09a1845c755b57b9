"""The OpenAPI document checked against a LIVE test server by schemathesis: no 5xx, and every
response (status, content type, body) as the schema says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rebate.accounts.tests.factories import make_user

from .factories import bearer_client, token_for

pytestmark = pytest.mark.django_db(transaction=True)
CHECKS = ",".join([
    "not_a_server_error", "status_code_conformance", "content_type_conformance",
    "response_schema_conformance",
])  # fmt: skip


def test_schemathesis_finds_no_server_error_and_no_response_off_the_schema(
    live_server, tmp_path
) -> None:
    user = make_user()
    token = token_for(user)
    # The document is fetched here (building it takes longer than schemathesis waits on this
    # machine), then every operation is called on the live server.
    document = bearer_client(user, token).get("/api/schema/", {"format": "json"})
    assert document.status_code == 200
    schema = tmp_path / "openapi.json"
    schema.write_bytes(document.content)
    binary = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run(
        [
            str(binary), "run", str(schema), "--url", live_server.url,
            "-H", f"Authorization: Bearer {token}", "--checks", CHECKS,
            "--max-examples", os.environ.get("SCHEMATHESIS_EXAMPLES", "3"),
            "--phases", "examples,fuzzing", "--generation-deterministic",
            "--request-timeout", "30", "--suppress-health-check", "all",
        ],
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    report = Path(__file__).resolve().parents[3] / "test-output" / "schemathesis.txt"
    report.parent.mkdir(exist_ok=True)
    report.write_text(result.stdout)  # every failure with its curl line, for people to read
    summary = result.stdout[-6000:]
    print(summary)
    assert result.returncode == 0, summary
