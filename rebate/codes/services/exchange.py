"""Writes of 人民币汇率中间价: manual entry/correction with history, official-quote import, and
download from the rate source (rebate.integrations.rates). The product never makes rates up."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rebate.accounts.models import User
from rebate.calc.exchange import ExchangeRateError, convert_quote
from rebate.codes.choices import CodeTable, RateSource
from rebate.codes.models import CustomsCode, ExchangeRate, ExchangeRateChange
from rebate.codes.services.reference import BATCH
from rebate.core.uploads import Budget, UploadRefused, check_size, open_workbook, sheet_rows
from rebate.integrations.http import PartyError
from rebate.integrations.rates import RateSourcePort, get_rate_source_port

RATE_STEP = Decimal("0.000001")
DATE_HEADERS = {"日期", "date", "DATE"}
LONG_HEADERS = {"币种", "币制", "currency", "CURRENCY"}
QUOTE_HEADERS = {"中间价", "quote", "QUOTE", "汇率"}
# Names SAFE uses in its column headers that differ from the customs currency table.
CURRENCY_ALIASES = {
    "港元": "HKD", "澳元": "AUD", "日元": "JPY", "韩元": "KRW", "林吉特": "MYR", "卢布": "RUB",
    "泰铢": "THB", "新西兰元": "NZD", "新加坡元": "SGD", "瑞士法郎": "CHF", "加拿大元": "CAD",
    "澳门元": "MOP", "兰特": "ZAR", "迪拉姆": "AED", "里亚尔": "SAR", "福林": "HUF",
    "兹罗提": "PLN", "丹麦克朗": "DKK", "瑞典克朗": "SEK", "挪威克朗": "NOK", "里拉": "TRY",
    "比索": "MXN",
}  # fmt: skip
MAX_ERRORS = 20
MAX_SHEET_ROWS = 20_000  # a sheet of daily quotes: decades of them, blank rows included


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    changed: int
    unchanged: int


def _currency_codes() -> dict[str, str]:
    """Every spelling of a currency (ISO, old numeric code, Chinese name) → ISO code."""
    mapping = dict(CURRENCY_ALIASES)
    rows = CustomsCode.objects.filter(
        table=CodeTable.CURRENCY, table_version__current=True
    ).values_list("code", "name", "old_code")
    for code, name, old_code in rows:
        mapping.update({code: code, name: code})
        if old_code:
            mapping[old_code] = code
    for code in set(mapping.values()):
        mapping[code.lower()] = code
    return mapping


def _validate_rate(rate: Decimal) -> Decimal:
    if not rate.is_finite() or rate <= 0:
        raise ValidationError({"rate": "中间价必须大于0"})
    if rate != rate.quantize(RATE_STEP):
        raise ValidationError({"rate": "中间价最多6位小数"})
    return rate.quantize(RATE_STEP)


@transaction.atomic
def exchange_rate_set(
    *,
    currency: str,
    on_date: date,
    rate: Decimal,
    actor: User,
    reason: str = "",
    source: str = RateSource.MANUAL,
) -> ExchangeRate:
    """Enter or correct the rate of ``currency`` (per 1 unit) on ``on_date``; keeps history.

    A correction of an existing rate needs a reason (修改原因).
    """
    iso = _currency_codes().get(currency.strip())
    if iso is None or iso == "CNY":
        raise ValidationError({"currency": f"币制「{currency}」不存在或不需要汇率"})
    rate = _validate_rate(rate)
    existing = ExchangeRate.objects.select_for_update().filter(currency=iso, on_date=on_date)
    current = existing.first()
    if current is not None and not reason.strip():
        raise ValidationError({"reason": "修改已有汇率时必须填写修改原因"})
    before = current.rate if current else None
    if current is None:
        current = ExchangeRate(currency=iso, on_date=on_date, rate=rate, source=source)
        current.full_clean()
        current.save()
    elif current.rate != rate or current.source != source:
        current.rate = rate
        current.source = source
        current.save(update_fields=["rate", "source", "updated_at"])
    ExchangeRateChange.objects.create(
        exchange_rate=current,
        rate_before=before,
        rate_after=rate,
        source=source,
        reason=reason.strip()[:200],
        actor=actor if getattr(actor, "pk", None) else None,
    )
    return current


def _decimal(value: Any) -> Decimal:
    if isinstance(value, float):
        value = str(value)  # openpyxl gives floats: through their shortest text, never float math
    text = str(value).strip().replace(",", "")
    return Decimal(text)


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def read_table(content: bytes, filename: str) -> list[list[Any]]:
    """Rows of a CSV (UTF-8 or GB18030) or an .xlsx sheet, header first."""
    budget = Budget(MAX_SHEET_ROWS)
    try:
        if filename.lower().endswith((".xlsx", ".xlsm")):
            book = open_workbook(io.BytesIO(content))
            return [list(row) for row in sheet_rows(book, budget) if any(row)]
        check_size(io.BytesIO(content))
        return [row for row in _csv_rows(content, budget) if any(cell.strip() for cell in row)]
    except UploadRefused as refused:
        raise ValidationError(str(refused)) from refused


def _csv_rows(content: bytes, budget: Budget) -> Iterator[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UploadRefused("文件编码无法识别，请使用UTF-8或GB18030编码的CSV")
    try:
        for row in csv.reader(io.StringIO(text)):
            budget.row()
            yield row
    except csv.Error as exc:
        raise UploadRefused("CSV文件格式错误，无法读取") from exc


def _quotes(rows: list[list[Any]]) -> Iterator[tuple[int, str, str, Any, Any]]:
    """(row number, column name, currency spelling, date cell, quote cell) in either layout."""
    header = [str(cell or "").strip() for cell in rows[0]]
    if not header or header[0] not in DATE_HEADERS:
        raise ValidationError("第1行第1列应为「日期」")
    if len(header) >= 3 and header[1] in LONG_HEADERS and header[2] in QUOTE_HEADERS:
        for number, row in enumerate(rows[1:], start=2):
            yield number, header[1], str(row[1] or "").strip(), row[0], row[2]
        return
    for number, row in enumerate(rows[1:], start=2):
        for column, name in enumerate(header[1:], start=1):
            cell = row[column] if column < len(row) else None
            if cell not in (None, "", "-", "—"):
                yield number, name, name, row[0], cell


def parse_official_quotes(rows: list[list[Any]]) -> dict[tuple[str, date], Decimal]:
    """Official quotes (per 100 units) → RMB per 1 unit; all errors at once, with row/column."""
    if not rows:
        raise ValidationError("文件中没有数据")
    codes = _currency_codes()
    errors: list[str] = []
    result: dict[tuple[str, date], Decimal] = {}
    for number, column, spelling, date_cell, quote_cell in _quotes(rows):
        if len(errors) >= MAX_ERRORS:
            break
        iso = codes.get(spelling)
        if iso is None:
            errors.append(f"第{number}行「{column}」：未知币制「{spelling}」")
            continue
        try:
            on = _parse_date(date_cell)
        except ValueError:
            errors.append(f"第{number}行「日期」：「{date_cell}」不是有效日期")
            continue
        try:
            result[(iso, on)] = convert_quote(iso, _decimal(quote_cell))
        except (InvalidOperation, ValueError):
            errors.append(f"第{number}行「{column}」：「{quote_cell}」不是有效的中间价")
        except ExchangeRateError:
            errors.append(f"第{number}行「{column}」：{iso} 的报价方式未知，无法折算")
    if errors:
        raise ValidationError(errors)
    return result


@transaction.atomic
def exchange_rates_import(*, content: bytes, filename: str, actor: User) -> ImportSummary:
    """Import official quotes from CSV/Excel; all-or-nothing; changed rates keep history."""
    rates = parse_official_quotes(read_table(content, filename))
    return _store(rates, RateSource.OFFICIAL, f"导入 {filename}", actor)


def _store(
    rates: Mapping[tuple[str, date], Decimal], source: str, reason: str, actor: User | None
) -> ImportSummary:
    """Upsert RMB-per-unit rates; every new or changed rate gets a history row (bulk writes)."""
    existing = {
        (row.currency, row.on_date): row
        for row in ExchangeRate.objects.select_for_update().filter(
            currency__in={key[0] for key in rates}, on_date__in={key[1] for key in rates}
        )
    }
    new: list[ExchangeRate] = []
    changed: list[tuple[ExchangeRate, Decimal]] = []
    for (currency, on), rate in sorted(rates.items()):
        row = existing.get((currency, on))
        if row is None:
            new.append(ExchangeRate(currency=currency, on_date=on, rate=rate, source=source))
        elif row.rate != rate:
            changed.append((row, row.rate))
            row.rate, row.source = rate, source
    ExchangeRate.objects.bulk_create(new, batch_size=BATCH)
    ExchangeRate.objects.bulk_update([row for row, _ in changed], ["rate", "source", "updated_at"],
                                     batch_size=BATCH)  # fmt: skip
    who = actor if getattr(actor, "pk", None) else None
    history = [
        ExchangeRateChange(exchange_rate=row, rate_before=before, rate_after=row.rate,
                           source=source, reason=reason[:200], actor=who)
        for row, before in [*((row, None) for row in new), *changed]
    ]  # fmt: skip
    ExchangeRateChange.objects.bulk_create(history, batch_size=BATCH)
    return ImportSummary(len(new), len(changed), len(rates) - len(new) - len(changed))


@transaction.atomic
def exchange_rates_download(
    *, date_from: date, date_to: date, actor: User | None, port: RateSourcePort | None = None
) -> ImportSummary:
    """下载汇率: the rate source's central parities of the range, stored like an import (all or
    nothing; a rate that differs from the stored one is replaced and kept in history)."""
    if date_to < date_from:
        raise ValidationError({"date_to": "结束日期不能早于开始日期"})
    try:
        quotes = (port or get_rate_source_port()).central_parities(
            date_from=date_from, date_to=date_to
        )
    except PartyError as exc:
        raise ValidationError(str(exc)) from exc
    rates: dict[tuple[str, date], Decimal] = {}
    for quote in quotes:
        if date_from <= quote.on <= date_to:
            try:
                rates[(quote.currency, quote.on)] = convert_quote(quote.currency, quote.quote)
            except (ExchangeRateError, ValueError) as exc:
                raise ValidationError(
                    f"{quote.on.isoformat()} {quote.currency} 的中间价无法折算：{exc}"
                ) from exc
    reason = f"下载 {date_from.isoformat()}至{date_to.isoformat()}"
    return _store(rates, RateSource.DOWNLOAD, reason, actor)
