"""Translate the period's collected data into rebate.calc.checks inputs (no rule lives here).

The customs electronic information the client has is what 报关单采集 downloaded; earlier
declarations are the enterprise's declared 明细表 lines of other periods.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db.models import Count, Sum

from rebate.accounts.models import Enterprise
from rebate.calc.checks import (
    CustomsRecord,
    DeclaredLine,
    EarlierDeclared,
    LibraryLookup,
    LibraryRow,
)
from rebate.calc.money import ZERO

IN_CHUNK = 500
LINE_FIELDS = (
    "pk",
    "sequence_no",
    "item_key",
    "export_date",
    "commodity_code",
    "unit",
    "quantity",
    "fob_usd",
    "fob_cny",
    "levy_rate",
    "rebate_rate",
    "business_types",
    "handbook_no",
    "allocation_rate",
    "trade_mode",
    "currency",
    "invoice_no",
)


def chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), IN_CHUNK):
        yield values[start : start + IN_CHUNK]


def collected_lines(enterprise: Enterprise, period: str) -> Any:
    """The 明细表 lines of the period that no live batch holds yet."""
    from rebate.goods.models import ExportLine

    return ExportLine.objects.filter(
        enterprise=enterprise, period=period, declaration_batch_id__isnull=True
    )


def declared_lines(
    rows: Iterable[tuple[Any, ...]], noted: set[str]
) -> tuple[list[DeclaredLine], dict[str, int]]:
    lines: list[DeclaredLine] = []
    ids: dict[str, int] = {}
    for (
        pk,
        seq,
        key,
        day,
        code,
        unit,
        qty,
        usd,
        cny,
        levy,
        rebate,
        types,
        handbook,
        alloc,
        mode,
        currency,
        invoice,
    ) in rows:
        ids[seq] = pk
        lines.append(
            DeclaredLine(
                line_id=seq,
                item_key=key,
                export_date=day,
                commodity_code=code,
                unit=unit,
                quantity=qty,
                fob_usd=usd,
                fob_cny=cny,
                levy_rate=levy,
                rebate_rate=rebate,
                business_types=frozenset(c.strip() for c in types.split(",") if c.strip()),
                manual_no=handbook or None,
                allocation_rate=alloc,
                trade_mode=mode or None,
                currency=currency or None,
                invoice_no=invoice or None,
                has_fob_difference_note=key in noted,
            )
        )
    return lines, ids


def customs_records(enterprise: Enterprise, keys: Sequence[str]) -> dict[str, CustomsRecord] | None:
    """The downloaded customs records of ``keys``; None when nothing was ever downloaded (the
    customs comparison is then skipped rather than reporting every line without e-info)."""
    from rebate.customs.models import DeclarationItem

    if not DeclarationItem.objects.filter(enterprise=enterprise).exists():
        return None
    found: dict[str, CustomsRecord] = {}
    fields = (
        "item_key",
        "declaration__ie_date",
        "code_ts",
        "declaration__trade_mode",
        "declaration__traf_mode",
        "destination_country",
        "declaration__manual_no",
        "first_qty",
        "fob_usd",
        "fob_cny",
        "no_refund",
    )
    for part in chunks(keys):
        rows = DeclarationItem.objects.filter(enterprise=enterprise, item_key__in=part)
        for key, day, code, mode, traf, dest, manual, qty, usd, cny, no_refund in rows.values_list(
            *fields
        ):
            found[key] = CustomsRecord(
                item_key=key,
                export_date=day,
                commodity_code=code,
                trade_mode=mode or None,
                transport_mode=traf or None,
                destination_country=dest or None,
                manual_no=manual or None,
                quantity=qty,
                fob_usd=usd if usd is not None else ZERO,
                fob_cny=cny if cny is not None else ZERO,
                no_refund=no_refund,
            )
    return found


def earlier_declared(
    enterprise: Enterprise, period: str, keys: Sequence[str]
) -> dict[str, EarlierDeclared]:
    from rebate.goods.choices import LineStatus
    from rebate.goods.models import ExportLine

    earlier: dict[str, EarlierDeclared] = {}
    declared = ExportLine.objects.filter(enterprise=enterprise, status=LineStatus.DECLARED).exclude(
        period=period
    )
    # All of them at once when they are no more than the keys (the IN lists of a 100,000-line
    # period cost seconds to build), else by chunks of keys.
    few = declared.count() <= len(keys)
    wanted = set(keys) if few else set()
    for part in [()] if few else chunks(keys):
        rows = (
            (declared if few else declared.filter(item_key__in=part))
            .values("item_key")
            .annotate(
                q=Sum("quantity"),
                u=Sum("fob_usd"),
                c=Sum("fob_cny"),
                n=Count("period", distinct=True),
            )
        )
        for row in rows:
            if few and row["item_key"] not in wanted:
                continue
            earlier[row["item_key"]] = EarlierDeclared(row["q"], row["u"], row["c"], row["n"])
    return earlier


def fob_notes(enterprise: Enterprise, period: str) -> set[str]:
    from rebate.goods.models import FobDifference

    rows = FobDifference.objects.filter(enterprise=enterprise, period=period)
    return set(rows.values_list("item_key", flat=True))


def receipt_keys(enterprise: Enterprise) -> set[str]:
    from rebate.goods.models import NonReceipt, Receipt

    keys = set(Receipt.objects.filter(enterprise=enterprise).values_list("item_key", flat=True))
    keys |= set(NonReceipt.objects.filter(enterprise=enterprise).values_list("item_key", flat=True))
    return keys


def library_lookup() -> LibraryLookup | None:
    """The rate library as a calc lookup (memoised per run), or None when none is imported."""
    from rebate.codes.selectors import RateNotFound, active_rate_library, rate_lookup

    if active_rate_library() is None:
        return None

    @lru_cache(maxsize=65536)
    def lookup(code: str, on: date) -> LibraryRow | None:
        try:
            row = rate_lookup(code, on)
        except RateNotFound:
            return None
        return LibraryRow(
            code, row.valid_from, row.valid_to, row.unit, row.levy_rate, row.rebate_rate
        )

    return lookup


def rate_source() -> Any:
    from rebate.codes.selectors import exchange_rate_source

    source = exchange_rate_source()

    @lru_cache(maxsize=65536)
    def cached(currency: str, on: date) -> Decimal | None:
        return source(currency, on)

    return cached
