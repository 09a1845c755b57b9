"""Load the customs parameter tables and the commodity list from the CSV files in data/.

Each table becomes a ``CodeTableVersion`` named after the data's date and a checksum of its
files: loading the same files again changes nothing; changed files become a new current
version and the old one stays for history.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from rebate.codes.choices import CodeTable, RebateType
from rebate.codes.models import CodeTableVersion, Commodity, CustomsCode

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PARAMS_DIR = DATA_DIR / "customs_params"
ADDITIONS_DIR = DATA_DIR / "additions"
HS_DIR = DATA_DIR / "hs"
BASE_VERSION = "2020.05"  # snowlyg/BeeCustom commit 4ce47d1, 2020-05-19
SOURCE_NOTE = "snowlyg/BeeCustom excel/ @4ce47d1 (2020-05-19), see rebate/codes/data/README.md"
BATCH = 2000


@dataclass(frozen=True, slots=True)
class TableSource:
    file: str
    name_col: str = "name"
    name_en_col: str = ""
    extra_cols: tuple[str, ...] = ()


TABLES: dict[CodeTable, TableSource] = {
    CodeTable.CUSTOMS_DISTRICT: TableSource("customs_districts.csv"),
    CodeTable.TRANSPORT_MODE: TableSource("transport_modes.csv", extra_cols=("old_ciq_name",)),
    CodeTable.TRADE_MODE: TableSource(
        "trade_modes.csv", extra_cols=("old_customs_name", "old_ciq_name")
    ),
    CodeTable.LEVY_KIND: TableSource(
        "levy_kinds.csv", name_col="short_name", extra_cols=("full_name",)
    ),
    CodeTable.COUNTRY: TableSource("countries.csv", name_en_col="name_en"),
    CodeTable.PORT: TableSource("ports.csv", name_en_col="name_en"),
    CodeTable.DOMESTIC_DISTRICT: TableSource("domestic_districts.csv"),
    CodeTable.TRANSACTION_TERM: TableSource("transaction_terms.csv"),
    CodeTable.CURRENCY: TableSource("currencies.csv", name_en_col="name_en"),
    CodeTable.CONTAINER_SPEC: TableSource(
        "container_specs.csv", extra_cols=("old_customs_name", "old_ciq_name")
    ),
    CodeTable.UNIT: TableSource("units.csv"),
    CodeTable.DUTY_MODE: TableSource("duty_modes.csv"),
    CodeTable.PACKAGE_TYPE: TableSource(
        "package_types.csv", extra_cols=("old_customs_name", "old_ciq_name")
    ),
    CodeTable.ENTRY_EXIT_PORT: TableSource("entry_exit_ports.csv"),
    CodeTable.LICENSE_DOC: TableSource("license_docs.csv"),
    CodeTable.PURPOSE: TableSource("purposes.csv"),
    CodeTable.GOODS_ATTRIBUTE: TableSource("goods_attributes.csv"),
    CodeTable.ADMIN_DIVISION: TableSource("admin_divisions.csv"),
    CodeTable.EDOC_TYPE: TableSource("edoc_types.csv"),
}

# Files of the project's own additions that feed a table (README "Project additions").
ADDITION_FILES: dict[CodeTable, tuple[str, ...]] = {
    CodeTable.TRADE_MODE: ("trade_modes_added.csv", "trade_mode_rebate_types.csv"),
    CodeTable.EXTENSION_TYPE: ("extension_types.csv",),
}
HS_FILES = (
    "commodity_codes_2020.csv",
    "commodity_codes_2020_added.csv",
    "commodity_codes_2020_removed.csv",
)


@dataclass(frozen=True, slots=True)
class LoadResult:
    table: str
    version: str
    rows: int
    created: bool


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {key: (value or "").strip() for key, value in row.items()}


def checksum(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _table_paths(table: CodeTable) -> list[Path]:
    paths = [ADDITIONS_DIR / name for name in ADDITION_FILES.get(table, ())]
    source = TABLES.get(table)
    return ([PARAMS_DIR / source.file] if source else []) + paths


def _customs_rows(table: CodeTable) -> list[CustomsCode]:
    rows: list[CustomsCode] = []
    source = TABLES.get(table)
    if source is not None:
        for raw in read_csv(PARAMS_DIR / source.file):
            rows.append(
                CustomsCode(
                    table=table,
                    code=raw["code"],
                    name=raw[source.name_col],
                    name_en=raw.get(source.name_en_col, "") if source.name_en_col else "",
                    old_code=raw.get("old_customs_code", ""),
                    old_ciq_code=raw.get("old_ciq_code", ""),
                    extra={col: raw[col] for col in source.extra_cols if raw.get(col)},
                )
            )
    if table is CodeTable.TRADE_MODE:
        _add_trade_modes(rows)
    if table is CodeTable.EXTENSION_TYPE:
        for raw in read_csv(ADDITIONS_DIR / "extension_types.csv"):
            rows.append(
                CustomsCode(
                    table=table,
                    code=raw["code"],
                    name=raw["name"],
                    extra={"description": raw["description"]},
                )
            )
    return rows


def _add_trade_modes(rows: list[CustomsCode]) -> None:
    """Add 9710/9810 and give every 监管方式 its rebate type (unlisted = non-refundable)."""
    for raw in read_csv(ADDITIONS_DIR / "trade_modes_added.csv"):
        rows.append(
            CustomsCode(
                table=CodeTable.TRADE_MODE,
                code=raw["code"],
                name=raw["name"],
                valid_from=date.fromisoformat(raw["valid_from"]),
                extra={"source": raw["source"]},
            )
        )
    types = {
        raw["code"]: raw["rebate_type"]
        for raw in read_csv(ADDITIONS_DIR / "trade_mode_rebate_types.csv")
    }
    for row in rows:
        row.rebate_type = types.get(row.code, RebateType.NON_REFUNDABLE)


@transaction.atomic
def _store_version(
    table: CodeTable, paths: list[Path], source: str
) -> tuple[CodeTableVersion, bool]:
    digest = checksum(paths)
    version = f"{BASE_VERSION}-{digest[:8]}"
    existing = CodeTableVersion.objects.filter(table=table, version=version).first()
    if existing is not None:
        if not existing.current:
            CodeTableVersion.objects.filter(table=table).update(current=False)
            existing.current = True
            existing.save(update_fields=["current"])
        return existing, False
    CodeTableVersion.objects.filter(table=table).update(current=False)
    return (
        CodeTableVersion.objects.create(
            table=table, version=version, source=source, checksum=digest, current=True
        ),
        True,
    )


def load_customs_table(table: CodeTable) -> LoadResult:
    """Load one customs table from data/ (idempotent)."""
    with transaction.atomic():
        table_version, created = _store_version(table, _table_paths(table), SOURCE_NOTE)
        if created:
            rows = _customs_rows(table)
            for row in rows:
                row.table_version = table_version
            CustomsCode.objects.bulk_create(rows, batch_size=BATCH)
            table_version.row_count = len(rows)
            table_version.save(update_fields=["row_count"])
    return LoadResult(table, table_version.version, table_version.row_count, created)


def load_customs_tables() -> list[LoadResult]:
    """Load every customs table and the project's additions (idempotent)."""
    tables = [*TABLES, CodeTable.EXTENSION_TYPE]
    return [load_customs_table(table) for table in tables]


def _rate(value: str) -> Decimal | None:
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _commodity(raw: dict[str, str], removed: bool) -> Commodity:
    return Commodity(
        code=raw["code"],
        name=raw["name"][:300],
        vat_rate=_rate(raw["vat_rate"]) or Decimal(0),
        export_duty_rate=_rate(raw["export_duty_rate"]),
        consumption_tax_rate=raw["consumption_tax_rate"][:30],
        first_unit=raw["first_unit"],
        second_unit=raw["second_unit"],
        license_codes=raw["license_codes"][:30],
        declaration_elements=raw.get("declaration_elements", ""),
        removed=removed,
    )


def load_commodities() -> LoadResult:
    """Load the 2020 commodity list; codes withdrawn in 2020 are kept, marked 已作废."""
    paths = [HS_DIR / name for name in HS_FILES]
    with transaction.atomic():
        table_version, created = _store_version(
            CodeTable.COMMODITY, paths, SOURCE_NOTE + " (商品信息 2020)"
        )
        if created:
            rows: dict[str, Commodity] = {}
            for raw in read_csv(HS_DIR / HS_FILES[0]):
                rows[raw["code"]] = _commodity(raw, removed=False)
            for raw in read_csv(HS_DIR / HS_FILES[1]):
                rows.setdefault(raw["code"], _commodity(raw, removed=False))
            for raw in read_csv(HS_DIR / HS_FILES[2]):
                rows.setdefault(raw["code"], _commodity(raw, removed=True))
            for row in rows.values():
                row.table_version = table_version
            Commodity.objects.bulk_create(rows.values(), batch_size=BATCH)
            table_version.row_count = len(rows)
            table_version.save(update_fields=["row_count"])
    return LoadResult(CodeTable.COMMODITY, table_version.version, table_version.row_count, created)
