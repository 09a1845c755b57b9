"""The generated enterprise's 增值税纳税申报表 per month, filed at the bureau before its 免抵退
declaration (公告2026年第5号 Art. 15), so that 生成汇总数据 has a row 17 to take.

The figures are believable, not real: 销项 on domestic sales and 进项 on purchases scale with the
month's exports; 期末留抵 = 上期留抵 + 进项 − 销项 when positive, else 应纳税额 is the rest. The
ratios vary so that the 期末留抵 is sometimes above and sometimes below the month's 免抵退税额
(then 应退税额 = 期末留抵, DOMAIN §3 row 18).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from rebate.calc.money import ZERO, round_amount
from rebate.calc.periods import Period
from sim.taxbureau.models import Enterprise, VatReturn

from .customs_month import GeneratedDeclaration

FILING_DAY = 15  # the VAT return is filed by the 15th of the following month


def write_vat_return(
    bureau: Enterprise,
    period: Period,
    declarations: list[GeneratedDeclaration],
    rng: random.Random,
    today: date,
) -> VatReturn:
    exports = sum((item.fob_cny or ZERO for g in declarations for item in g.items), ZERO)
    before = VatReturn.objects.filter(enterprise=bureau, period=str(period.previous())).first()
    opening = before.ending_credit if before is not None else ZERO
    output_tax = round_amount(exports * Decimal(str(round(rng.uniform(0.01, 0.04), 4))))
    input_tax = round_amount(exports * Decimal(str(round(rng.uniform(0.03, 0.12), 4))))
    balance = opening + input_tax - output_tax
    filed_on = min(period.last_day + timedelta(days=FILING_DAY), today)
    row, _ = VatReturn.objects.update_or_create(
        enterprise=bureau,
        period=str(period),
        defaults={
            "filed_on": filed_on, "output_tax": output_tax, "input_tax": input_tax,
            "opening_credit": opening, "ending_credit": max(balance, ZERO),
            "tax_payable": max(-balance, ZERO),
        },
    )  # fmt: skip
    return row
