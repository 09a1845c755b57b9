"""Issue 14 point 1 on fresh simulated data: every 生成退税 line is at the enterprise's rates.

The world's rates come from one series: the product downloaded them from the rate source
(seed_world), customs computed its figures at its monthly rate from the same series. Each line's
人民币离岸价 / 美元离岸价 must be DOMAIN §1.4 over the 原币FOB with the table rates of its rate date
(当天 or 当月1日), customs' own figures must be at the previous month's third Wednesday, and
数据一致性检查 must find no LOCAL_FOB_CNY_USD_MISMATCH.
"""

from __future__ import annotations

from datetime import date

import pytest

from rebate.calc.exchange import RateMethod, customs_rate_date, rate_date
from rebate.calc.fob import line_fob
from rebate.codes.models import ExchangeRate
from rebate.configuration.models import RateMethodChoice
from rebate.declarations import services
from rebate.goods.models import ExportLine
from sim.rates import series

from .test_full_chain import collect

pytestmark = pytest.mark.django_db(transaction=True)
PERIOD = "202609"


def table_rate(currency: str, on: date):
    return ExchangeRate.objects.get(currency=currency, on_date=on).rate


@pytest.mark.parametrize("method", [RateMethod.SAME_DAY, RateMethod.FIRST_OF_MONTH])
def test_generated_lines_are_at_the_enterprise_rates(world, method) -> None:
    e, clerk = world.enterprise, world.clerk
    RateMethodChoice.objects.create(enterprise=e, year=2026, method=method.name)
    collect(world, PERIOD, date(2026, 9, 1), date(2026, 9, 30))
    lines = list(ExportLine.objects.filter(enterprise=e, period=PERIOD))
    assert len(lines) > 50
    currencies = {line.currency for line in lines}
    assert "USD" in currencies and len(currencies) >= 3, currencies  # and non-USD ones
    for line in lines:
        on = rate_date(method, line.export_date)
        rate, usd_rate = table_rate(line.currency, on), table_rate("USD", on)
        # The table holds the source's series (downloaded, not made up by the product).
        assert rate == series.central_parity(line.currency, on)
        assert (line.transaction_rate, line.usd_rate) == (rate, usd_rate)
        assert (line.fob_cny, line.fob_usd) == line_fob(line.transaction_fob, rate, usd_rate)
        # Customs' own figures, kept beside: at its monthly rate from the same series.
        customs = series.customs_rates(line.export_date)
        customs_on = customs_rate_date(line.export_date)
        assert customs_on.weekday() == 2 and customs_on.month != line.export_date.month
        expected = line_fob(line.transaction_fob, customs[line.currency], customs["USD"])
        assert (line.customs_fob_cny, line.customs_fob_usd) == expected
    assert any(line.fob_cny != line.customs_fob_cny for line in lines)
    run = services.consistency_check(enterprise=e, actor=clerk, family="mdt", period=PERIOD)
    assert run.line_count == len(lines)
    codes = set(run.issues.values_list("code", flat=True))
    assert "LOCAL_FOB_CNY_USD_MISMATCH" not in codes, codes
