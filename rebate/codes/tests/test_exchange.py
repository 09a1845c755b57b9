"""人民币汇率中间价: entry, correction with history, official-quote import, method lookup."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from rebate.calc.exchange import MissingRateError, RateMethod
from rebate.codes import selectors
from rebate.codes.models import ExchangeRate, ExchangeRateChange
from rebate.codes.services import exchange_rate_set, exchange_rates_import

WIDE_CSV = (
    "日期,美元,欧元,日元,韩元\n2026-03-02,710.25,775.10,4.8512,19345\n2026-03-03,710.30,,4.85,\n"
)


@pytest.mark.django_db
def test_entry_and_correction_keep_history(small_tables, staff) -> None:
    row = exchange_rate_set(
        currency="502", on_date=date(2026, 3, 2), rate=Decimal("7.1025"), actor=staff
    )
    assert (row.currency, row.rate) == ("USD", Decimal("7.102500"))
    with pytest.raises(ValidationError, match="必须填写修改原因"):
        exchange_rate_set(
            currency="USD", on_date=date(2026, 3, 2), rate=Decimal("7.2"), actor=staff
        )
    exchange_rate_set(
        currency="USD",
        on_date=date(2026, 3, 2),
        rate=Decimal("7.1030"),
        actor=staff,
        reason="录入错误更正",
    )
    changes = list(
        ExchangeRateChange.objects.order_by("id").values_list("rate_before", "rate_after", "reason")
    )
    assert changes == [
        (None, Decimal("7.102500"), ""),
        (Decimal("7.102500"), Decimal("7.103000"), "录入错误更正"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("currency", "rate", "message"),
    [
        ("XXX", Decimal("1"), "币制「XXX」不存在"),
        ("CNY", Decimal("1"), "不需要汇率"),
        ("USD", Decimal("0"), "中间价必须大于0"),
        ("USD", Decimal("7.1234567"), "最多6位小数"),
    ],
)
def test_bad_entry_is_refused(small_tables, staff, currency, rate, message) -> None:
    with pytest.raises(ValidationError, match=message):
        exchange_rate_set(currency=currency, on_date=date(2026, 1, 1), rate=rate, actor=staff)
    assert not ExchangeRate.objects.exists()


@pytest.mark.django_db
def test_import_official_quotes_wide_csv(small_tables, staff) -> None:
    summary = exchange_rates_import(content=WIDE_CSV.encode(), filename="rates.csv", actor=staff)
    assert (summary.created, summary.changed, summary.unchanged) == (6, 0, 0)
    rates = dict(
        ExchangeRate.objects.filter(on_date=date(2026, 3, 2)).values_list("currency", "rate")
    )
    assert rates == {
        "USD": Decimal("7.102500"),  # per 100 foreign units
        "EUR": Decimal("7.751000"),
        "JPY": Decimal("0.048512"),
        "KRW": Decimal("0.005169"),  # per 100 CNY: 100 / 19345
    }
    again = exchange_rates_import(
        content=WIDE_CSV.replace("710.30", "710.40").encode("gb18030"),
        filename="r.csv",
        actor=staff,
    )
    assert (again.created, again.changed, again.unchanged) == (0, 1, 5)
    assert ExchangeRate.objects.get(currency="USD", on_date=date(2026, 3, 3)).changes.count() == 2


@pytest.mark.django_db
def test_import_excel_long_layout_goes_through_text_not_float(small_tables, staff) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["日期", "币种", "中间价"])
    sheet.append([date(2026, 3, 2), "USD", 710.25])
    sheet.append(["20260303", "港元", 91.005])
    buffer = io.BytesIO()
    book.save(buffer)
    exchange_rates_import(content=buffer.getvalue(), filename="rates.xlsx", actor=staff)
    assert selectors.exchange_rate("USD", date(2026, 3, 2)) == Decimal("7.102500")
    assert selectors.exchange_rate("110", date(2026, 3, 3)) == Decimal("0.910050")


@pytest.mark.django_db
def test_bad_import_reports_every_row_and_changes_nothing(small_tables, staff) -> None:
    exchange_rate_set(currency="USD", on_date=date(2026, 3, 2), rate=Decimal("7.1"), actor=staff)
    bad = "日期,美元,火星币\n2026-03-02,710.25,1\n2026-02-30,abc,\n"
    with pytest.raises(ValidationError) as caught:
        exchange_rates_import(content=bad.encode(), filename="bad.csv", actor=staff)
    assert caught.value.messages == [
        "第2行「火星币」：未知币制「火星币」",
        "第3行「日期」：「2026-02-30」不是有效日期",
    ]
    assert ExchangeRate.objects.get().rate == Decimal("7.100000")
    with pytest.raises(ValidationError, match="第1列应为「日期」"):
        exchange_rates_import(content=b"x,y\n1,2\n", filename="bad.csv", actor=staff)
    with pytest.raises(ValidationError, match="第2行「美元」：「abc」不是有效的中间价"):
        exchange_rates_import(
            content="日期,美元\n2026-03-04,abc\n".encode(), filename="b.csv", actor=staff
        )


@pytest.mark.django_db
def test_exchange_rate_by_method(small_tables, staff) -> None:
    exchange_rate_set(currency="USD", on_date=date(2026, 3, 1), rate=Decimal("7.1"), actor=staff)
    exchange_rate_set(currency="USD", on_date=date(2026, 3, 17), rate=Decimal("7.2"), actor=staff)
    export = date(2026, 3, 17)
    assert selectors.exchange_rate("USD", export) == Decimal("7.2")
    assert selectors.exchange_rate("USD", export, RateMethod.FIRST_OF_MONTH) == Decimal("7.1")
    assert selectors.exchange_rate("CNY", export) == Decimal(1)
    with pytest.raises(MissingRateError, match="2026-03-18"):
        selectors.exchange_rate("USD", date(2026, 3, 18))
    source = selectors.exchange_rate_source()
    assert source("EUR", export) is None and source("502", export) == Decimal("7.2")
