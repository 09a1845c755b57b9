"""Import and activate versions of the 出口退税率文库 (all-or-nothing)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from django.db import connection, transaction

from rebate.codes.extensions import library_activated
from rebate.codes.models import RateEntry, RateLibraryVersion
from rebate.codes.services.ratelib_reader import RateLibraryError, RateRecord, read_rate_library

INSERT_BATCH = 5000
VERSION_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")
FILE_VERSION = re.compile(r"CMCODE[_-]?(?P<version>[0-9A-Za-z._-]+)$", re.IGNORECASE)


def version_from_filename(name: str) -> str:
    """``CMCODE2026B.zip`` → ``2026B``; any other name → its stem."""
    stem = Path(name).stem
    match = FILE_VERSION.search(stem)
    return match.group("version") if match else stem


def _checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_version(version: str) -> None:
    if not VERSION_PATTERN.match(version):
        raise RateLibraryError(
            f"文库版本「{version}」不合法：应为1–40位字母、数字、点、下划线或连字符"
        )
    if RateLibraryVersion.objects.filter(version=version).exists():
        raise RateLibraryError(f"文库版本 {version} 已导入，不能重复导入")


def rate_library_import(
    *,
    path: Path,
    version: str | None = None,
    source_name: str | None = None,
    activate: bool = True,
) -> RateLibraryVersion:
    """Import the official archive at ``path`` as ``version`` (default: from the file name).

    Everything is validated before anything is written; on any problem RateLibraryError is
    raised and the stored versions stay exactly as they were. The new version becomes the
    active one unless ``activate`` is false.
    """
    shown_name = source_name or path.name
    version = (version or version_from_filename(shown_name)).strip()
    _check_version(version)
    if not path.exists():
        raise RateLibraryError(f"找不到文件「{path}」")
    digest = _checksum(path)
    same = RateLibraryVersion.objects.filter(checksum=digest).first()
    if same is not None:
        raise RateLibraryError(f"该文件已作为文库版本 {same.version} 导入，不能重复导入")
    parsed = read_rate_library(path)
    with transaction.atomic():
        _check_version(version)  # a concurrent import of the same version loses here
        library = RateLibraryVersion.objects.create(
            version=version,
            source_name=shown_name[:255],
            checksum=digest,
            row_count=len(parsed.records),
            note=f"含长名称 {parsed.long_names} 条" if parsed.long_names else "",
        )
        _insert_entries(library, parsed.records)
        if activate:
            make_active(library)
    return library


def _insert_entries(library: RateLibraryVersion, records: list[RateRecord]) -> None:
    """Insert the validated rows with executemany: bulk_create spends most of a 50,000-row
    import compiling per-value SQL (SQLite allows ~47 rows per statement). Values are plain
    str/date/Decimal, which both drivers adapt; every row was checked by parse_record."""
    fields = [f for f in RateEntry._meta.concrete_fields if not f.primary_key]
    names = [f.attname for f in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Only the model's own table and column names are interpolated; values are parameters.
    sql = f"INSERT INTO {quote(RateEntry._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    values = {"library_id": library.pk}
    rows = [
        tuple(values[name] if name in values else getattr(record, name) for name in names)
        for record in records
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_BATCH):
            cursor.executemany(sql, rows[start : start + INSERT_BATCH])


def make_active(library: RateLibraryVersion) -> None:
    """Make ``library`` the one that answers lookups; the providers of
    codes.extensions.library_activated then re-flag what the change of version affects."""
    previous = RateLibraryVersion.objects.filter(active=True).exclude(pk=library.pk).first()
    RateLibraryVersion.objects.exclude(pk=library.pk).filter(active=True).update(active=False)
    library.active = True
    library.save(update_fields=["active"])
    if previous is not None:
        library_activated(previous.version, library.version)


@transaction.atomic
def rate_library_activate(*, version: str) -> RateLibraryVersion:
    """Make ``version`` the library that answers lookups."""
    library = RateLibraryVersion.objects.select_for_update().filter(version=version).first()
    if library is None:
        raise RateLibraryError(f"文库版本 {version} 不存在")
    make_active(library)
    return library
