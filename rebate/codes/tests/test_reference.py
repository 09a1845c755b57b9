"""Customs tables, commodity list, sample library and the load_reference_data command."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from rebate.codes import selectors
from rebate.codes.choices import CodeTable, RebateType
from rebate.codes.models import (
    CodeTableVersion,
    CustomsCode,
    DeadlineRule,
    ExchangeRate,
    RateLibraryVersion,
)
from rebate.codes.services.reference import TABLES, load_customs_table


@pytest.mark.django_db
def test_loading_a_table_twice_changes_nothing() -> None:
    first = load_customs_table(CodeTable.CURRENCY)
    second = load_customs_table(CodeTable.CURRENCY)
    assert first.created and not second.created and first.version == second.version
    assert CustomsCode.objects.filter(table=CodeTable.CURRENCY).count() == 22
    assert CodeTableVersion.objects.filter(table=CodeTable.CURRENCY).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "name", "rebate_type"),
    [
        ("0110", "一般贸易", RebateType.REFUNDABLE),
        ("0214", "来料加工", RebateType.NON_REFUNDABLE),
        ("0615", "进料对口", RebateType.PROCESSING),
        ("0715", "进料非对口", RebateType.PROCESSING),
        ("9710", "跨境电子商务企业对企业直接出口", RebateType.REFUNDABLE),
        ("9810", "跨境电子商务出口海外仓", RebateType.REFUNDABLE),
        ("3511", "援助物资", RebateType.NON_REFUNDABLE),
    ],
)
def test_trade_modes_with_rebate_type(small_tables, code, name, rebate_type) -> None:
    info = selectors.trade_mode(code)
    assert info is not None and (info.name, info.rebate_type) == (name, rebate_type)
    assert selectors.trade_mode_rebate_type(code) is rebate_type


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lookup", "query", "code", "name"),
    [
        (selectors.currency, "USD", "USD", "美元"),
        (selectors.currency, "usd", "USD", "美元"),
        (selectors.currency, "502", "USD", "美元"),
        (selectors.currency, "840", "USD", "美元"),
        (selectors.currency, "142", "CNY", "人民币"),
        (selectors.currency, "300", "EUR", "欧元"),
        (selectors.country, "USA", "USA", "美国"),
        (selectors.country, "502", "USA", "美国"),
        (selectors.country, "116", "JPN", "日本"),
        (selectors.unit, "035", "035", "千克"),
        (selectors.unit, "007", "007", "个"),
    ],
)
def test_code_lookups(small_tables, lookup, query, code, name) -> None:
    info = lookup(query)
    assert info is not None and (info.code, info.name) == (code, name)


@pytest.mark.django_db
def test_unknown_codes_give_none(small_tables) -> None:
    assert selectors.currency("XXX") is None
    assert selectors.country("999") is None
    assert selectors.unit("999") is None
    assert selectors.trade_mode("1111") is None
    assert selectors.trade_mode_rebate_type("1111") is None


@pytest.mark.django_db
def test_load_reference_data_is_complete_labelled_and_idempotent(capsys) -> None:
    call_command("load_reference_data")
    out = capsys.readouterr().out
    assert "样例退税率文库 SAMPLE2026（非官方，仅供演示）" in out
    # The product makes no rates up: they are downloaded from the rate source or imported.
    assert "汇率" not in out and not ExchangeRate.objects.exists()
    counts = (CustomsCode.objects.count(), ExchangeRate.objects.count())
    assert set(CodeTableVersion.objects.values_list("table", flat=True)) == {
        *TABLES,
        CodeTable.EXTENSION_TYPE,
        CodeTable.COMMODITY,
    }
    library = RateLibraryVersion.objects.get()
    assert library.is_sample and library.active and "SAMPLE" in library.version
    assert "非官方" in library.note
    assert DeadlineRule.objects.count() == 6  # 2026: window, 36-month limit, 收汇 rules
    commodity = selectors.commodity("0101210010")
    assert commodity is not None and commodity.vat_rate == Decimal("0.09")

    call_command("load_reference_data")
    assert (CustomsCode.objects.count(), ExchangeRate.objects.count()) == counts
    assert RateLibraryVersion.objects.count() == 1

    # the sample library: rebate = levy, with the dated exception groups of DOMAIN §11.3
    assert selectors.rate_lookup("8501109990", date(2025, 1, 1)).rebate_rate == Decimal("0.13")
    pv = (
        selectors.rate_lookup("8507600090", date(2024, 11, 30)),
        selectors.rate_lookup("8507600090", date(2024, 12, 1)),
    )
    assert [row.rebate_rate for row in pv] == [Decimal("0.13"), Decimal("0.09")]
    steel = selectors.rate_lookup("7208100000", date(2021, 5, 1))
    assert steel.rebate_rate == 0 and steel.is_sample
    oil = selectors.rate_lookup("2710121000", date(2022, 1, 1))
    assert (oil.rebate_rate, oil.special_flag) == (0, "1")
    assert selectors.rate_lookup("8541430000", date(2025, 1, 1)).rebate_rate == Decimal("0.09")


@pytest.mark.django_db
def test_rates_are_downloaded_from_the_rate_source_idempotently(
    small_tables, rate_source, capsys
) -> None:
    """`make run`'s rates step: the source's series, stored with history, repeatable."""
    call_command("download_exchange_rates", "--from", "2026-09-01", "--to", "2026-10-31")
    assert "新增 610 条" in capsys.readouterr().out  # 61 days × 10 currencies
    usd = selectors.exchange_rate("USD", date(2026, 10, 17))
    assert Decimal("6.4") < usd < Decimal("7.7") and usd == usd.quantize(Decimal("0.000001"))
    row = ExchangeRate.objects.get(currency="USD", on_date=date(2026, 10, 17))
    assert row.source == "download" and row.changes.get().reason == "下载 2026-09-01至2026-10-31"
    call_command("download_exchange_rates", "--from", "2026-10-01", "--to", "2026-10-31")
    assert "新增 0 条，修改 0 条，未变 310 条" in capsys.readouterr().out
    assert ExchangeRate.objects.count() == 610
