"""The dated steps of the SAMPLE rate library (非官方, demo data only), as pure data.

退税率 = 征税率 (the 2020 commodity list's 增值税率) except the groups of DOMAIN §11.3 and §16,
which change on their dates (the numbers are [unverified] there). The product's SAMPLE 文库
(rebate.codes.services.samplelib) and the simulated bureau's own 文库 (sim.generator) are both
built from this one table, so the simulated world has one library, as the real one has one
出口退税率文库: the bureau's review recomputes at it and agrees with lines declared at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

SAMPLE_START = date(2020, 1, 1)
OPEN_END = date(2099, 12, 31)
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class SampleChange:
    """From ``effective`` on, codes starting with one of ``prefixes`` get ``rebate_rate``."""

    prefixes: tuple[str, ...]
    effective: date
    rebate_rate: Decimal
    note: str
    no_refund: bool = False  # 禁止出口或出口不退税 (the library's special flag)


PV = ("8541402000", "8541430000")
BATTERIES = ("850760",)  # 锂离子蓄电池 850760xxxx
ALUMINIUM_COPPER = ("7604", "7606", "7407", "7408", "7409", "7410", "7411")
N2024_15 = "参照财政部 税务总局公告2024年第15号"
N2026_2 = "参照财政部 税务总局公告2026年第2号"

# Dated steps, several per group where the law changed more than once (DOMAIN §16); a group's
# steps are applied in date order. The 2027-01-01 battery step lies in the future on purpose.
SAMPLE_CHANGES: tuple[SampleChange, ...] = (
    SampleChange(
        PV, date(2024, 12, 1), Decimal("0.09"), f"光伏电池/组件 退13%→9%（样例，{N2024_15}）",
    ),
    SampleChange(PV, date(2026, 4, 1), ZERO, f"光伏电池/组件 取消退税（样例，{N2026_2}）"),
    SampleChange(
        BATTERIES, date(2024, 12, 1), Decimal("0.09"),
        f"锂离子蓄电池 退13%→9%（样例，{N2024_15}）",
    ),
    SampleChange(
        BATTERIES, date(2026, 4, 1), Decimal("0.06"), f"锂离子蓄电池 退9%→6%（样例，{N2026_2}）",
    ),
    SampleChange(BATTERIES, date(2027, 1, 1), ZERO, f"锂离子蓄电池 取消退税（样例，{N2026_2}）"),
    SampleChange(
        ALUMINIUM_COPPER, date(2024, 12, 1), ZERO, f"铝材、铜材 取消退税（样例，{N2024_15}）",
    ),
    SampleChange(
        ("7208", "7209", "7210", "7211", "7212"), date(2021, 5, 1), ZERO,
        "部分钢铁产品 取消退税（样例，参照2021年5月1日起调整）",
    ),
    SampleChange(
        ("2710",), SAMPLE_START, ZERO, "成品油 出口不退税（样例）", no_refund=True,
    ),
)  # fmt: skip


def changes_for(code: str) -> list[SampleChange]:
    """The code's steps in date order (empty: 退税率 = 征税率 throughout)."""
    return sorted(
        (change for change in SAMPLE_CHANGES if code.startswith(change.prefixes)),
        key=lambda change: change.effective,
    )


def sample_periods(code: str, levy_rate: Decimal, start: date) -> list[tuple[date, date, Decimal]]:
    """(valid from, valid to, 退税率) of the code from ``start`` on: 退税率 = 征税率 until its
    first step, then each step's rate until the day before the next (the last open-ended)."""
    periods = [(start, OPEN_END, levy_rate)]
    for change in changes_for(code):
        begin, _, _ = periods[-1]
        if change.effective > begin:
            periods[-1] = (begin, change.effective - timedelta(days=1), periods[-1][2])
            periods.append((change.effective, OPEN_END, change.rebate_rate))
        else:
            periods[-1] = (begin, OPEN_END, change.rebate_rate)
    return periods
