"""Packages through object storage (issue 22): an S3-compatible server on loopback (moto's
server mode, started and stopped here), one instance writes a package, another reads it, a
third signs it (a new object; the old one goes), and nothing lands on any instance's disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tests.processes.conftest import REPO, free_port

BUCKET, PREFIX = "rebate-files", "tenant-a"
KEYS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}  # moto's


@pytest.fixture
def s3() -> Iterator[tuple[str, Any]]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
    )  # fmt: skip
    client.create_bucket(Bucket=BUCKET)
    try:
        yield endpoint, client
    finally:
        server.stop()


def instance(var: Path, endpoint: str, *argv: str) -> dict[str, Any]:
    """A separate process with its own var/ directory, configured as a server would be."""
    env = {
        **os.environ, **KEYS,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{var}/db.sqlite3",
        "REBATE_VAR_DIR": str(var),
        "STORAGE_URL": f"s3://{BUCKET}/{PREFIX}",
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
    }  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "tests.scale.instance", *argv],
        cwd=REPO, env=env, capture_output=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    return dict(json.loads(done.stdout.decode().strip().splitlines()[-1]))


def keys(client: Any) -> list[str]:
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return sorted(o["Key"] for o in listed)


def files_under(var: Path) -> list[Path]:
    return [p for p in var.rglob("*") if p.is_file() and p.name != "db.sqlite3"]


def test_a_package_written_by_one_instance_is_read_by_another(
    s3: tuple[str, Any], tmp_path: Path
) -> None:
    endpoint, client = s3
    one, two, three = (tmp_path / n for n in ("one", "two", "three"))
    wrote = instance(one, endpoint, "write", "7", "3000000")  # multi-part sized (≈3 MB)
    assert wrote["path"] == f"7/{wrote['digest'][:32]}.xml" and wrote["size"] > 2_900_000
    assert keys(client) == [f"{PREFIX}/declarations/{wrote['path']}"]

    read = instance(two, endpoint, "read", wrote["path"])
    assert read == {"size": wrote["size"], "digest": wrote["digest"]}

    signed = instance(three, endpoint, "sign", wrote["path"])
    assert signed["path"] != wrote["path"] and not signed["old_exists"]
    assert keys(client) == [f"{PREFIX}/declarations/{signed['path']}"]  # the old one went
    body = client.get_object(Bucket=BUCKET, Key=f"{PREFIX}/declarations/{signed['path']}")
    data = body["Body"].read()
    assert (
        len(data) == signed["size"] == wrote["size"] + len(b"<Signature>CK4403960001</Signature>\n")
    )
    assert data.endswith(b"<Signature>CK4403960001</Signature>\n")

    # Nothing on the instances' own disks: no package, no temporary file left.
    leftovers = [p for var in (one, two, three) for p in files_under(var)]
    assert [p for p in leftovers if "secret" not in p.name and "pin" not in p.name] == []
