"""calc answers exactly the CLI's JSON; rates answer exactly rate_lookup's; the schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .factories import bearer_client

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parents[2] / "calc" / "tests" / "examples"


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.expected.json")), ids=lambda p: p.name)
def test_calc_answers_the_cli_examples(clerk, example) -> None:
    command = example.name.split("-")[0]
    source = example.with_name(example.name.replace(".expected.json", ".json"))
    response = bearer_client(clerk).post(
        f"/api/v1/calc/{command}", source.read_bytes(), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json() == json.loads(example.read_text())


def test_bad_calc_input_is_400_with_the_cli_message(clerk, tmp_path) -> None:
    document = {"period": "202603", "goods": [{"id": "1", "fob_usd": 1000}]}
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document))
    cli = subprocess.run(
        [sys.executable, "-m", "rebate.calc", "period", str(source)], capture_output=True, text=True
    )
    assert cli.returncode == 2
    response = bearer_client(clerk).post("/api/v1/calc/period", json.dumps(document),
                                         content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["message"] == cli.stderr.strip()


def test_a_viewer_may_calculate(enterprise) -> None:
    from rebate.accounts.tests.factories import make_user

    viewer = make_user(enterprise, role="viewer")
    source = EXAMPLES / "fob-cif.json"
    response = bearer_client(viewer).post("/api/v1/calc/fob", source.read_bytes(),
                                          content_type="application/json")  # fmt: skip
    assert response.status_code == 200


def test_the_schema_is_openapi_3_and_needs_a_caller(clerk, client) -> None:
    assert client.get("/api/schema/").status_code in (401, 403)
    schema = bearer_client(clerk).get("/api/schema/", {"format": "json"}).json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/records/goods/exportline/bulk" in schema["paths"]
    assert "/api/v1/calc/period" in schema["paths"]
