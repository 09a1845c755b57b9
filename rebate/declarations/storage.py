"""Where packages live: files named by their digest under MEDIA_ROOT/declarations/.

A package is streamed to a temporary file, then renamed to ``<enterprise>/<name>.xml`` (the
caller names it, by digest and batch) before the batch row commits. A job killed before the
commit leaves at most an unreferenced file (never a batch without its package). ``rewrite``
replaces a file the same way, e.g. to add the card's signature.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

from django.conf import settings

T = TypeVar("T")


def _root() -> Path:
    root = Path(settings.MEDIA_ROOT) / "declarations"
    root.mkdir(parents=True, exist_ok=True)
    return root


def write(
    enterprise_id: int, produce: Callable[[IO[bytes]], T], digest_of: Callable[[T], str]
) -> tuple[T, str, int]:
    """Run ``produce`` on a temporary file and keep it under its digest.

    Returns the producer's result, the stored relative path and the size in bytes.
    """
    folder = _root() / str(enterprise_id)
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            result = produce(out)
        relative = f"{enterprise_id}/{digest_of(result)}.xml"
        size = os.path.getsize(temp_name)
        os.replace(temp_name, _root() / relative)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return result, relative, size


def rewrite(relative: str, produce: Callable[[IO[bytes], IO[bytes]], None]) -> int:
    """Replace a stored file by ``produce(old, new)`` at once (a reader sees old or new bytes).

    Returns the new size in bytes.
    """
    target = path_of(relative)
    handle, temp_name = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out, target.open("rb") as old:
            produce(old, out)
        size = os.path.getsize(temp_name)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return size


def write_print(enterprise_id: int, name: str, data: bytes) -> str:
    """Keep a PDF rendered by a print job; returns its relative path (for path_of)."""
    folder = _root() / str(enterprise_id) / "prints"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return f"{enterprise_id}/prints/{name}"


def path_of(relative: str) -> Path:
    path = (_root() / relative).resolve()
    if _root().resolve() not in path.parents:
        raise ValueError("申报文件位置无效")
    return path


def read(relative: str) -> bytes:
    return path_of(relative).read_bytes()


def open_package(relative: str) -> IO[bytes]:
    return path_of(relative).open("rb")
