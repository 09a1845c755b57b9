"""Reads of the reference libraries, for every other app (customs download, 数据检查, 生成退税).

Reference data is shared by all enterprises, so these selectors take no ``enterprise``. Unknown
codes give ``None`` (the caller decides whether that is an error); ``rate_lookup`` and
``exchange_rate`` raise, because a line cannot be computed without them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from django.db.models import Q, QuerySet

from rebate.calc.deadlines import DEFAULT_RULES, FREE_AND_CREDIT_DECLARATION
from rebate.calc.deadlines import DeadlineKind as CalcDeadlineKind
from rebate.calc.deadlines import DeadlinePurpose as CalcDeadlinePurpose
from rebate.calc.deadlines import DeadlineRule as CalcDeadlineRule
from rebate.calc.exchange import CNY, MissingRateError, RateMethod, rate_date
from rebate.codes.choices import CodeTable, RebateType, SpecialFlag
from rebate.codes.models import (
    Commodity,
    CustomsCode,
    DeadlineRule,
    ExchangeRate,
    RateEntry,
    RateLibraryVersion,
)

PARENT_LENGTH = 10


class RateNotFound(LookupError):
    """No rate-library row applies to the code on the date (message in Chinese)."""


class AmbiguousCode(RateNotFound):
    """The 10-digit code has several longer codes with different rates: the user must choose."""

    def __init__(self, message: str, children: tuple[str, ...]) -> None:
        super().__init__(message)
        self.children = children


@dataclass(frozen=True, slots=True)
class RateRow:
    """The rate-library row that applies to a code on a date (rates are fractions)."""

    code: str
    name: str
    unit_code: str
    unit: str
    levy_rate: Decimal
    rebate_rate: Decimal
    valid_from: date
    valid_to: date
    special_flag: str
    version: str
    is_sample: bool
    query_code: str
    match: str  # "exact", "parent" (10-digit parent of a longer code) or "children"

    def as_json(self) -> dict[str, str | bool]:
        """The `rate_lookup` command's JSON object (rates as fraction strings, "0.13")."""
        return {
            "code": self.code,
            "name": self.name,
            "unit_code": self.unit_code,
            "unit": self.unit,
            "levy_rate": fraction_text(self.levy_rate),
            "rebate_rate": fraction_text(self.rebate_rate),
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat(),
            "special_flag": self.special_flag,
            "version": self.version,
            "is_sample": self.is_sample,
        }


def fraction_text(value: Decimal) -> str:
    """0.130000 → "0.13"; 0 → "0"."""
    return f"{value.normalize():f}" if value else "0"


def active_rate_library() -> RateLibraryVersion | None:
    """The library version that answers lookups (the last one imported, unless changed)."""
    return RateLibraryVersion.objects.filter(active=True).first()


ACTIVE_LIBRARY_TTL_S = 1.0
_active_library: list[tuple[float, RateLibraryVersion | None]] = [(0.0, None)]


def _active_library_cached() -> RateLibraryVersion | None:
    """active_rate_library(), remembered for up to a second per process: it answers every
    rate lookup (生成退税 makes thousands) and changes only when a library is imported or
    switched. This process forgets it on any save of a version (apps.py); other processes
    see the switch within ACTIVE_LIBRARY_TTL_S."""
    stamp, library = _active_library[0]
    if library is not None and time.monotonic() - stamp < ACTIVE_LIBRARY_TTL_S:
        return library
    library = active_rate_library()
    if library is not None:
        _active_library[0] = (time.monotonic(), library)
    return library


def forget_active_library(**_: object) -> None:
    _active_library[0] = (0.0, None)


def _library(version: str | None) -> RateLibraryVersion:
    library = (
        RateLibraryVersion.objects.filter(version=version).first()
        if version
        else _active_library_cached()
    )
    if library is None:
        raise RateNotFound(f"退税率文库版本 {version} 不存在" if version else "尚未导入退税率文库")
    return library


def _valid_on(on_date: date) -> Q:
    return Q(valid_from__lte=on_date, valid_to__gte=on_date)


def _row(entry: RateEntry, library: RateLibraryVersion, query: str, match: str) -> RateRow:
    return RateRow(
        code=entry.code,
        name=entry.name,
        unit_code=entry.unit_code,
        unit=entry.unit,
        levy_rate=entry.levy_rate,
        rebate_rate=entry.rebate_rate,
        valid_from=entry.valid_from,
        valid_to=entry.valid_to,
        special_flag=entry.special_flag,
        version=library.version,
        is_sample=library.is_sample,
        query_code=query,
        match=match,
    )


def _exact_or_parent(
    library: RateLibraryVersion, code: str, parent: str | None, on_date: date
) -> RateEntry | None:
    """The code valid on the date, else its 10-digit parent, in one query."""
    rows = RateEntry.objects.filter(
        _valid_on(on_date), library=library, code__in=[code, parent or code]
    )
    found = list(rows.order_by("-valid_from", "-id"))
    return next((e for e in found if e.code == code), found[0] if found else None)


def _from_children(
    library: RateLibraryVersion, base: str, on_date: date, query: str
) -> RateRow | None:
    children = list(
        RateEntry.objects.filter(_valid_on(on_date), library=library, code__startswith=base)
        .exclude(code=base)
        .order_by("code", "-valid_from")
    )
    if not children:
        return None
    kinds = {(c.levy_rate, c.rebate_rate, c.special_flag, c.unit_code) for c in children}
    if len(kinds) > 1:
        codes = tuple(sorted({child.code for child in children}))
        raise AmbiguousCode(
            f"商品代码 {query} 对应多个退税率不同的商品代码：{'、'.join(codes)}，请选择具体代码",
            codes,
        )
    return _row(children[0], library, query, "children")


def rate_lookup(code: str, on_date: date, *, version: str | None = None) -> RateRow:
    """The 征税率/退税率 of ``code`` on ``on_date`` from the active (or given) library version.

    Order (DOMAIN §11.3): the exact code valid on the date; else the 10-digit parent of a
    longer code; else the longer codes under the 10-digit code when they all agree. Raises
    ``AmbiguousCode`` when they differ and ``RateNotFound`` when nothing applies.
    """
    query = code.strip()
    library = _library(version)
    parent = query[:PARENT_LENGTH] if len(query) > PARENT_LENGTH else None
    found = _exact_or_parent(library, query, parent, on_date)
    if found is not None:
        return _row(found, library, query, "exact" if found.code == query else "parent")
    if len(query) >= PARENT_LENGTH:
        row = _from_children(library, query[:PARENT_LENGTH], on_date, query)
        if row is not None:
            return row
    raise RateNotFound(_not_found_message(library, query, on_date))


def _not_found_message(library: RateLibraryVersion, code: str, on_date: date) -> str:
    other = RateEntry.objects.filter(library=library, code=code).order_by("valid_from")
    spans = "、".join(f"{e.valid_from}至{e.valid_to}" for e in other[:5])
    where = f"（文库版本 {library}）"
    if spans:
        return f"商品代码 {code} 在 {on_date} 不在有效期内{where}，有效期：{spans}"
    return f"退税率文库中没有商品代码 {code}{where}"


def rate_entries(
    *,
    code_prefix: str = "",
    name: str = "",
    on_date: date | None = None,
    nonrefundable: bool = False,
    version: str | None = None,
) -> QuerySet[RateEntry]:
    """Rows of the active (or given) library for the 商品代码 pages: prefix / name search,
    optionally only those valid on ``on_date``; ``nonrefundable`` keeps TSFLAG-set or 0 % rows.
    """
    library = _library(version)
    rows = RateEntry.objects.filter(library=library)
    if code_prefix.strip():
        rows = rows.filter(code__startswith=code_prefix.strip())
    if name.strip():
        rows = rows.filter(name__contains=name.strip())
    if on_date is not None:
        rows = rows.filter(_valid_on(on_date))
    if nonrefundable:
        rows = rows.filter(
            Q(special_flag__in=[SpecialFlag.NO_REFUND, SpecialFlag.EXEMPT]) | Q(rebate_rate=0)
        )
    return rows.order_by("code", "valid_from")


@dataclass(frozen=True, slots=True)
class _SearchRow:
    id: int
    code: str
    name: str  # casefolded
    valid_from: date
    valid_to: date
    nonrefundable: bool


@lru_cache(maxsize=4)
def _search_rows(library_id: int, stamp: str) -> tuple[_SearchRow, ...]:
    """Every row of one library in display order, held in memory. A library version never
    changes after its import, so (id, import time, row count) identifies its rows for good."""
    rows = (
        RateEntry.objects.filter(library_id=library_id)
        .order_by("code", "valid_from", "id")
        .values_list("id", "code", "name", "valid_from", "valid_to", "special_flag", "rebate_rate")
    )
    return tuple(
        _SearchRow(pk, code, name.casefold(), start, end, bool(flag) or not rate)
        for pk, code, name, start, end, flag, rate in rows
    )


def rate_entry_ids(
    *,
    code_prefix: str = "",
    name: str = "",
    on_date: date | None = None,
    nonrefundable: bool = False,
    version: str | None = None,
) -> list[int]:
    """The ids of ``rate_entries(...)`` in display order, searched in memory: a name search
    ("%电池%") cannot use an index, and the page needs both the count and one page."""
    library = _library(version)
    stamp = f"{library.imported_at.isoformat()}/{library.row_count}"
    prefix, term = code_prefix.strip(), name.strip().casefold()
    return [
        row.id
        for row in _search_rows(library.pk, stamp)
        if row.code.startswith(prefix)
        and term in row.name
        and (on_date is None or row.valid_from <= on_date <= row.valid_to)
        and (row.nonrefundable or not nonrefundable)
    ]


def rate_entries_by_ids(ids: list[int]) -> list[RateEntry]:
    """The rows of ``ids`` in that order (one page of a search)."""
    found = RateEntry.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One code of a customs table (current version)."""

    table: str
    code: str
    name: str
    name_en: str
    old_code: str
    rebate_type: str


def _info(row: CustomsCode) -> CodeInfo:
    return CodeInfo(row.table, row.code, row.name, row.name_en, row.old_code, row.rebate_type)


def customs_codes(table: CodeTable) -> QuerySet[CustomsCode]:
    """All codes of a customs table in its current version, ordered by code."""
    return CustomsCode.objects.filter(table=table, table_version__current=True).order_by("code")


def customs_code(table: CodeTable, code: str) -> CodeInfo | None:
    """One code of a customs table (current version), or None."""
    row = customs_codes(table).filter(code=code.strip()).first()
    return _info(row) if row else None


def _by_code_or_old(table: CodeTable, code: str, iso_numeric: bool = False) -> CodeInfo | None:
    value = code.strip().upper()
    rows = customs_codes(table)
    row = rows.filter(code=value).first()
    if row is None and value.isdigit():
        row = rows.filter(old_code=value).first()
        if row is None and iso_numeric:
            row = rows.filter(old_ciq_code=value).first()
    return _info(row) if row else None


def currency(code: str) -> CodeInfo | None:
    """币制 by ISO letters (USD), old customs numeric code (502) or ISO numeric code (840).

    A 3-digit code is read as the old customs code first, then as the ISO numeric code.
    """
    return _by_code_or_old(CodeTable.CURRENCY, code, iso_numeric=True)


def country(code: str) -> CodeInfo | None:
    """国别（地区） by alpha-3 (USA) or the old 3-digit customs code (502)."""
    return _by_code_or_old(CodeTable.COUNTRY, code)


def unit(code: str) -> CodeInfo | None:
    """计量单位 by its 3-digit code (035 → 千克)."""
    return customs_code(CodeTable.UNIT, code)


def trade_mode(code: str) -> CodeInfo | None:
    """监管方式 with its ``rebate_type`` (RebateType: refundable / non_refundable / processing)."""
    return customs_code(CodeTable.TRADE_MODE, code)


def trade_mode_rebate_type(code: str) -> RebateType | None:
    """The RebateType of a 监管方式, or None for an unknown code."""
    info = trade_mode(code)
    return RebateType(info.rebate_type) if info and info.rebate_type else None


def commodity(code: str) -> Commodity | None:
    """The 海关商品编码 (10 digits) of the current commodity list, or None."""
    return Commodity.objects.filter(
        table_version__table=CodeTable.COMMODITY, table_version__current=True, code=code.strip()
    ).first()


def stored_exchange_rate(currency_code: str, on_date: date) -> Decimal | None:
    """The stored 中间价 (RMB per 1 unit) of a currency on exactly that date, or None."""
    info = currency(currency_code)
    if info is None:
        return None
    if info.code == CNY:
        return Decimal(1)
    return (
        ExchangeRate.objects.filter(currency=info.code, on_date=on_date)
        .values_list("rate", flat=True)
        .first()
    )


def stored_exchange_rates(currency_code: str, first: date, last: date) -> dict[date, Decimal]:
    """The stored 中间价 of a currency on every day from `first` to `last` that has one (one
    query; CNY is 1 on every day, an unknown currency has none)."""
    info = currency(currency_code)
    if info is None:
        return {}
    if info.code == CNY:
        return {first + timedelta(days=n): Decimal(1) for n in range((last - first).days + 1)}
    rows = ExchangeRate.objects.filter(currency=info.code, on_date__range=(first, last))
    return dict(rows.values_list("on_date", "rate"))


def exchange_rate(
    currency_code: str, on_date: date, method: RateMethod = RateMethod.SAME_DAY
) -> Decimal:
    """The 折合率 for an export on ``on_date`` under ``method`` (当天 or 当月1日).

    Accepts ISO or old numeric currency codes; CNY is 1. Raises rebate.calc's MissingRateError.
    """
    wanted = rate_date(method, on_date)
    rate = stored_exchange_rate(currency_code, wanted)
    if rate is None:
        raise MissingRateError(currency_code, wanted)
    return rate


def exchange_rates(
    currency_code: str = "", date_from: date | None = None, date_to: date | None = None
) -> QuerySet[ExchangeRate]:
    """The stored 中间价, newest first, of one currency and a date range when given (the
    人民币汇率中间价 page and the API list the same rows)."""
    rows = ExchangeRate.objects.order_by("-on_date", "currency")
    if currency_code:
        rows = rows.filter(currency=currency_code)
    if date_from:
        rows = rows.filter(on_date__gte=date_from)
    if date_to:
        rows = rows.filter(on_date__lte=date_to)
    return rows


def exchange_rate_source() -> Callable[[str, date], Decimal | None]:
    """A rate source for rebate.calc.exchange (lookup_rate / rate_for_export)."""
    return stored_exchange_rate


def deadline_rules(business_code: str | None = None) -> tuple[CalcDeadlineRule, ...]:
    """The stored 申报期限 rules as rebate.calc.deadlines.DeadlineRule (disabled ones too)."""
    rows = DeadlineRule.objects.all()
    if business_code:
        rows = rows.filter(business_code=business_code)
    return tuple(
        CalcDeadlineRule(
            rule_id=row.rule_id,
            business_code=row.business_code,
            export_date_from=row.export_date_from,
            export_date_to=row.export_date_to,
            kind=CalcDeadlineKind[row.kind],
            purpose=CalcDeadlinePurpose[row.purpose],
            consequence=row.consequence,
            months=row.months,
            days=row.days,
            legal_basis=row.legal_basis,
            status=row.status,
            enabled=row.enabled,
        )
        for row in rows
    )


def mdt_deadline_rules() -> Sequence[CalcDeadlineRule]:
    """The 免抵退 (A0305001) rules as stored, or calc's defaults before any are loaded."""
    return deadline_rules(FREE_AND_CREDIT_DECLARATION) or DEFAULT_RULES
