"""The VAT return comes first (国家税务总局公告2026年第5号 Art. 15, DOMAIN §16) as a dated rule:
from 所属期 2026-01, 免抵退 of a period is declared — and reviewed — only once that period's
增值税纳税申报表 is filed. Shared by the product (生成申报数据's gate) and the simulated bureau
(its review), so both change together."""

from __future__ import annotations

from dataclasses import dataclass

from rebate.calc.periods import Period


@dataclass(frozen=True, slots=True)
class VatReturnFirst:
    """From ``from_period`` on, the period's filed VAT return is required."""

    from_period: Period
    source: str


VAT_RETURN_FIRST_RULES = (VatReturnFirst(Period(2026, 1), "国家税务总局公告2026年第5号第十五条"),)


def vat_return_first(period: Period) -> VatReturnFirst | None:
    """The rule in force for a 所属期 (the latest starting at or before it); None before any."""
    found = [r for r in VAT_RETURN_FIRST_RULES if r.from_period <= period]
    return max(found, key=lambda r: r.from_period) if found else None
