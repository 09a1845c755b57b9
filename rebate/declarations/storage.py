"""Where packages and print PDFs live: Django's storage API (``storages["default"]``), under
``declarations/<enterprise>/`` — the local MEDIA_ROOT by default, an S3-compatible bucket in
production (config.settings.files), so every web and worker instance reads what any wrote.

A package is streamed to a local temporary file (FILE_UPLOAD_TEMP_DIR), then saved under its
name (the caller names it, by digest and batch) before the batch row commits: on the local disk
the save is a rename, on object storage one PUT, so no reader ever sees part of a file. A job
killed before the commit leaves at most an unreferenced file, never a batch without its
package. Stored files are never changed in place: ``rewrite`` (adding the card's signature)
saves a new file the caller records, and the old one is deleted once that commit is done.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import IO, TypeVar, cast

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db import transaction

T = TypeVar("T")
ROOT = "declarations"


def _storage() -> Storage:
    return storages["default"]


def _key(relative: str) -> str:
    if not relative or relative.startswith("/") or ".." in relative.split("/"):
        raise ValueError("申报文件位置无效")
    return f"{ROOT}/{relative}"


def _relative(key: str) -> str:
    return key.removeprefix(f"{ROOT}/")


def _stream(produce: Callable[[IO[bytes]], T], name_of: Callable[[T], str]) -> tuple[T, str, int]:
    """Run ``produce`` on a local temporary file, then save it as ``name_of(its result)``.

    Returns the producer's result, the stored relative path and the size in bytes.
    """
    with TemporaryUploadedFile("package.xml", "application/xml", 0, None) as temp:
        out = cast(IO[bytes], temp.file)
        result = produce(out)
        out.flush()
        size = os.path.getsize(temp.temporary_file_path())
        temp.seek(0)
        relative = _relative(_storage().save(_key(name_of(result)), temp))
    return result, relative, size


def write(
    enterprise_id: int, produce: Callable[[IO[bytes]], T], digest_of: Callable[[T], str]
) -> tuple[T, str, int]:
    """Run ``produce`` on a temporary file and keep it under its digest.

    Returns the producer's result, the stored relative path and the size in bytes.
    """
    return _stream(produce, lambda result: f"{enterprise_id}/{digest_of(result)}.xml")


class _Hashing:
    """A binary writer that hashes what passes through it (names the rewritten file)."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out, self.hash = out, hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        return self.out.write(data)

    def __getattr__(self, name: str) -> object:
        return getattr(self.out, name)


def rewrite(relative: str, produce: Callable[[IO[bytes], IO[bytes]], None]) -> tuple[str, int]:
    """Store ``produce(old, new)`` as a new file beside the old one, named by its content.

    Returns the new relative path (the caller records it in the same transaction) and its size.
    The old file goes once the surrounding transaction commits; a rollback keeps it.
    """

    def complete(out: IO[bytes]) -> str:
        hashing = _Hashing(out)
        with open_package(relative) as old:
            produce(old, cast(IO[bytes], hashing))
        return hashing.hash.hexdigest()[:40]

    folder = relative.rsplit("/", 1)[0]
    _, new, size = _stream(complete, lambda digest: f"{folder}/{digest}.xml")
    if new != relative:
        transaction.on_commit(lambda: _storage().delete(_key(relative)))
    return new, size


def write_print(enterprise_id: int, name: str, data: bytes) -> str:
    """Keep a PDF rendered by a print job; returns its relative path (for open_package)."""
    return _relative(_storage().save(_key(f"{enterprise_id}/prints/{name}"), ContentFile(data)))


def exists(relative: str) -> bool:
    return _storage().exists(_key(relative))


def read(relative: str) -> bytes:
    with open_package(relative) as handle:
        return handle.read()


def open_package(relative: str) -> IO[bytes]:
    return cast(IO[bytes], _storage().open(_key(relative), "rb"))
