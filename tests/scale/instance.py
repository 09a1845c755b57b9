"""One product instance's use of the package storage, as a process of its own:

    python -m tests.scale.instance write 7 2000000   -> {"path", "size", "digest"}
    python -m tests.scale.instance read 7/<name>.xml -> {"size", "digest"}
    python -m tests.scale.instance sign 7/<name>.xml -> {"path", "size"}

The environment (STORAGE_URL, AWS_*, REBATE_VAR_DIR) chooses the storage, as for a server.
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import IO, Any

import django


def write(enterprise: str, size: str) -> dict[str, Any]:
    from rebate.declarations import storage

    def produce(out: IO[bytes]) -> str:
        digest = hashlib.sha256()
        line = b"<Record><SBXH>00000001</SBXH><SPMC>\xe6\xb5\x8b\xe8\xaf\x95</SPMC></Record>\n"
        out.write(b"<Package>\n")
        digest.update(b"<Package>\n")
        for _ in range(int(size) // len(line)):
            out.write(line)
            digest.update(line)
        return digest.hexdigest()

    digest, path, written = storage.write(int(enterprise), produce, lambda d: d[:32])
    return {"path": path, "size": written, "digest": digest}


def read(path: str) -> dict[str, Any]:
    from rebate.declarations import storage

    data = storage.read(path)
    return {"size": len(data), "digest": hashlib.sha256(data).hexdigest()}


def sign(path: str) -> dict[str, Any]:
    from rebate.declarations import storage

    def complete(old: IO[bytes], new: IO[bytes]) -> None:
        for chunk in iter(lambda: old.read(65536), b""):
            new.write(chunk)
        new.write(b"<Signature>CK4403960001</Signature>\n")

    new, size = storage.rewrite(path, complete)
    return {"path": new, "size": size, "old_exists": storage.exists(path)}


def main() -> None:
    django.setup()
    action, *args = sys.argv[1:]
    print(json.dumps({"write": write, "read": read, "sign": sign}[action](*args)))


if __name__ == "__main__":
    main()
