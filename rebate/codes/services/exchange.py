"""Writes of 人民币汇率中间价: manual entry/correction with history, official-quote import, demo."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rebate.calc.exchange import ExchangeRateError, convert_quote
from rebate.codes.choices import CodeTable, RateSource
from rebate.codes.models import CustomsCode, ExchangeRate, ExchangeRateChange
from rebate.codes.services.reference import BATCH

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
    actor: Any,
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
    if filename.lower().endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a bad file
            raise ValidationError(f"无法读取Excel文件：{exc}") from exc
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True) if any(row)]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError("文件编码无法识别，请使用UTF-8或GB18030编码的CSV")
    return [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]


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
def exchange_rates_import(*, content: bytes, filename: str, actor: Any) -> ImportSummary:
    """Import official quotes from CSV/Excel; all-or-nothing; changed rates keep history."""
    rates = parse_official_quotes(read_table(content, filename))
    existing = {
        (row.currency, row.on_date): row
        for row in ExchangeRate.objects.select_for_update().filter(
            currency__in={key[0] for key in rates}, on_date__in={key[1] for key in rates}
        )
    }
    created, changed, unchanged = 0, 0, 0
    history: list[ExchangeRateChange] = []
    who = actor if getattr(actor, "pk", None) else None
    for (currency, on), rate in sorted(rates.items()):
        row = existing.get((currency, on))
        before = row.rate if row else None
        if row is None:
            row = ExchangeRate.objects.create(
                currency=currency, on_date=on, rate=rate, source=RateSource.OFFICIAL
            )
            created += 1
        elif row.rate == rate:
            unchanged += 1
            continue
        else:
            row.rate, row.source = rate, RateSource.OFFICIAL
            row.save(update_fields=["rate", "source", "updated_at"])
            changed += 1
        history.append(
            ExchangeRateChange(
                exchange_rate=row, rate_before=before, rate_after=rate,
                source=RateSource.OFFICIAL, reason=f"导入 {filename}"[:200], actor=who,
            )
        )  # fmt: skip
    ExchangeRateChange.objects.bulk_create(history, batch_size=BATCH)
    return ImportSummary(created, changed, unchanged)


# A plausible DEMO series (RMB per 1 unit); generated, never official.
DEMO_BASES: dict[str, Decimal] = {
    "USD": Decimal("7.1000"), "EUR": Decimal("7.7500"), "JPY": Decimal("0.048500"),
    "HKD": Decimal("0.9100"), "GBP": Decimal("9.0500"), "AUD": Decimal("4.7000"),
    "CAD": Decimal("5.2000"), "SGD": Decimal("5.3000"), "KRW": Decimal("0.005250"),
    "CHF": Decimal("8.0500"),
}  # fmt: skip
DEMO_START = date(2023, 1, 1)


def demo_series(end: date, start: date = DEMO_START) -> Iterable[ExchangeRate]:
    """A seeded random walk in basis points around each base rate, one rate per day."""
    generator = random.Random(2026)
    days = (end - start).days + 1
    for currency, base in DEMO_BASES.items():
        points = 0
        for offset in range(days):
            points = max(-600, min(600, points + generator.randint(-12, 12)))
            rate = (base * (Decimal(10000) + points) / Decimal(10000)).quantize(RATE_STEP)
            yield ExchangeRate(
                currency=currency,
                on_date=start + timedelta(days=offset),
                rate=rate,
                source=RateSource.DEMO,
            )


def load_demo_exchange_rates(end: date | None = None) -> int:
    """Fill the DEMO series from 2023-01-01 to today where no rate exists (idempotent;
    official and manual rates win). The walk is seeded, so a later run continues it."""
    end = end or date.today()
    expected = len(DEMO_BASES) * ((end - DEMO_START).days + 1)
    if ExchangeRate.objects.filter(source=RateSource.DEMO, on_date__lte=end).count() >= expected:
        return 0
    before = ExchangeRate.objects.count()
    ExchangeRate.objects.bulk_create(demo_series(end), batch_size=BATCH, ignore_conflicts=True)
    return ExchangeRate.objects.count() - before
