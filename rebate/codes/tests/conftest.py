from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from rebate.accounts.tests.factories import make_user
from rebate.codes.choices import CodeTable
from rebate.codes.models import RateLibraryVersion
from rebate.codes.services import rate_library_import
from rebate.codes.services.reference import load_customs_table

from .archive import Row, build_archive


@pytest.fixture
def small_tables(db: None) -> None:
    """The customs tables the tests need (fast: a few hundred rows)."""
    for table in (
        CodeTable.CURRENCY,
        CodeTable.COUNTRY,
        CodeTable.UNIT,
        CodeTable.TRADE_MODE,
        CodeTable.EXTENSION_TYPE,
    ):
        load_customs_table(table)


@pytest.fixture
def archive(tmp_path: Path) -> Callable[..., Path]:
    def make(rows: Sequence[Row], name: str = "CMCODE2026B.zip", **options: object) -> Path:
        return build_archive(tmp_path / name, rows, **options)  # type: ignore[arg-type]

    return make


@pytest.fixture
def library(db: None, archive: Callable[..., Path]) -> Callable[..., RateLibraryVersion]:
    def make(rows: Sequence[Row], version: str = "T1", **options: object) -> RateLibraryVersion:
        path = archive(rows, name=f"CMCODE{version}.zip", **options)
        return rate_library_import(path=path)

    return make


@pytest.fixture
def user(db: None):
    return make_user()


@pytest.fixture
def staff(db: None):
    person = make_user()
    person.is_staff = True
    person.save(update_fields=["is_staff"])
    return person
