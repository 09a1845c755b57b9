"""The 2021 《免抵退税申报汇总表》 (19 rows, column a = 当期) and its link to the VAT return.

Row rules [verified: SD-HZB, SH-FORMS; DOMAIN §3]::

    1 = 2 + 3           5 = 6 + 7          9 = 5 + 8          10 = 11 + 12
    13 = previous row 16 (上期结转需冲减的免抵退税额)
    15 = max(10 − 13 + 14, 0)               16 = 13 − 10 − 14 + 15
    17 = 期末留抵税额 of the current VAT return
    18 = min(15, 17)                         19 = 15 − 18
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal

from rebate.calc.mdt.lines import (
    GoodsColumns,
    GoodsLine,
    GoodsTotals,
    ServiceLine,
    ServiceLineResult,
    ServiceTotals,
    compute_goods,
    compute_services,
)
from rebate.calc.money import ZERO
from rebate.calc.periods import Period

ROW_COUNT = 19


class PeriodInputError(ValueError):
    """The period input is inconsistent (e.g. both or neither of ending credit / VAT return)."""


@dataclass(frozen=True, slots=True)
class SummaryRows:
    """One column of the 汇总表. Field order is row order (row 1 first)."""

    export_sales_usd: Decimal  # 1 免抵退税出口销售额（美元）
    goods_sales_usd: Decimal  # 2 出口货物劳务销售额（美元）
    services_sales_usd: Decimal  # 3 跨境应税行为销售额（美元）
    export_sales_cny: Decimal  # 4 免抵退税出口销售额（人民币）
    non_creditable: Decimal  # 5 免抵退税不得免征和抵扣税额
    goods_non_creditable: Decimal  # 6 出口货物劳务不得免征和抵扣税额
    services_non_creditable: Decimal  # 7 跨境应税行为不得免征和抵扣税额
    writeoff_non_creditable_adjustment: Decimal  # 8 进料加工核销应调整不得免征和抵扣税额
    non_creditable_total: Decimal  # 9 免抵退税不得免征和抵扣税额合计
    exempt_credit_refund: Decimal  # 10 免抵退税额
    goods_exempt_credit_refund: Decimal  # 11 出口货物劳务免抵退税额
    services_exempt_credit_refund: Decimal  # 12 跨境应税行为免抵退税额
    carried_offset: Decimal  # 13 上期结转需冲减的免抵退税额
    writeoff_refund_adjustment: Decimal  # 14 进料加工核销应调整免抵退税额
    exempt_credit_refund_total: Decimal  # 15 免抵退税额合计
    offset_to_carry: Decimal  # 16 结转下期需冲减的免抵退税额
    ending_credit: Decimal  # 17 增值税纳税申报表期末留抵税额
    refund_due: Decimal  # 18 应退税额
    exempt_credit: Decimal  # 19 免抵税额

    def row(self, number: int) -> Decimal:
        """The value of row ``number`` (1..19)."""
        if not 1 <= number <= ROW_COUNT:
            raise IndexError(f"汇总表 has rows 1..{ROW_COUNT}, not {number}")
        value: Decimal = getattr(self, _FIELD_NAMES[number - 1])
        return value

    def as_rows(self) -> dict[int, Decimal]:
        return {number: self.row(number) for number in range(1, ROW_COUNT + 1)}

    @classmethod
    def from_rows(cls, rows: Mapping[int, Decimal]) -> SummaryRows:
        return cls(*(rows[number] for number in range(1, ROW_COUNT + 1)))


_FIELD_NAMES = tuple(field.name for field in fields(SummaryRows))


@dataclass(frozen=True, slots=True)
class ProcessingWriteoff:
    """进料加工核销 adjustments confirmed since the last declaration (rows 8 and 14)."""

    non_creditable_adjustment: Decimal = ZERO
    refund_adjustment: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class VatReturn:
    """The figures of the same period's VAT return that the 免抵退 calculation needs."""

    output_tax: Decimal  # 当期销项税额
    input_tax: Decimal  # 当期全部进项税额
    previous_credit: Decimal  # 上期留抵税额


@dataclass(frozen=True, slots=True)
class VatOutcome:
    non_creditable: Decimal  # 进项税额转出 = 汇总表 row 9
    tax_payable: Decimal  # 当期应纳税额 (negative = credit)
    ending_credit: Decimal  # 期末留抵税额 = max(−tax_payable, 0)


def vat_outcome(vat_return: VatReturn, non_creditable_total: Decimal) -> VatOutcome:
    """当期应纳税额 = 销项 − (进项 − 不得免征和抵扣税额) − 上期留抵 (DOMAIN §1.2).

    ``non_creditable_total`` is 汇总表 row 9, i.e. it includes the 核销 adjustment of row 8.
    """
    tax_payable = (
        vat_return.output_tax
        - (vat_return.input_tax - non_creditable_total)
        - vat_return.previous_credit
    )
    return VatOutcome(non_creditable_total, tax_payable, max(-tax_payable, ZERO))


def non_creditable_total(
    goods: GoodsTotals, services: ServiceTotals | None, writeoff: ProcessingWriteoff
) -> Decimal:
    """Row 9 = row 6 + row 7 + row 8."""
    service_part = services.non_creditable if services is not None else ZERO
    return goods.non_creditable + service_part + writeoff.non_creditable_adjustment


def summarise(
    goods: GoodsTotals,
    services: ServiceTotals | None,
    writeoff: ProcessingWriteoff,
    carried_offset: Decimal,
    ending_credit: Decimal,
) -> SummaryRows:
    """Fill the 19 rows of column (a) from the line totals."""
    services_usd = services.usd if services is not None else ZERO
    services_cny = services.cny if services is not None else ZERO
    services_nc = services.non_creditable if services is not None else ZERO
    services_ecr = services.exempt_credit_refund if services is not None else ZERO
    row5 = goods.non_creditable + services_nc
    row10 = goods.exempt_credit_refund + services_ecr
    row15 = max(row10 - carried_offset + writeoff.refund_adjustment, ZERO)
    row16 = carried_offset - row10 - writeoff.refund_adjustment + row15
    row18 = min(row15, ending_credit)
    return SummaryRows(
        export_sales_usd=goods.fob_usd + services_usd,
        goods_sales_usd=goods.fob_usd,
        services_sales_usd=services_usd,
        export_sales_cny=goods.fob_cny + services_cny,
        non_creditable=row5,
        goods_non_creditable=goods.non_creditable,
        services_non_creditable=services_nc,
        writeoff_non_creditable_adjustment=writeoff.non_creditable_adjustment,
        non_creditable_total=row5 + writeoff.non_creditable_adjustment,
        exempt_credit_refund=row10,
        goods_exempt_credit_refund=goods.exempt_credit_refund,
        services_exempt_credit_refund=services_ecr,
        carried_offset=carried_offset,
        writeoff_refund_adjustment=writeoff.refund_adjustment,
        exempt_credit_refund_total=row15,
        offset_to_carry=row16,
        ending_credit=ending_credit,
        refund_due=row18,
        exempt_credit=row15 - row18,
    )


@dataclass(frozen=True, slots=True)
class PeriodInput:
    """Everything one 所属期's 免抵退 calculation needs.

    Exactly one of ``ending_credit`` (row 17 taken from the VAT return) and ``vat_return``
    (row 17 computed from it) must be given.
    """

    period: Period
    goods: Sequence[GoodsLine]
    services: Sequence[ServiceLine] | None = None
    writeoff: ProcessingWriteoff = ProcessingWriteoff()
    carried_offset: Decimal = ZERO
    ending_credit: Decimal | None = None
    vat_return: VatReturn | None = None

    def __post_init__(self) -> None:
        if (self.ending_credit is None) == (self.vat_return is None):
            raise PeriodInputError("give exactly one of ending_credit and vat_return")
        if self.carried_offset < 0:
            raise PeriodInputError("carried_offset (row 13) cannot be negative")
        if self.ending_credit is not None and self.ending_credit < 0:
            raise PeriodInputError("ending_credit (row 17) cannot be negative")


@dataclass(frozen=True, slots=True)
class PeriodResult:
    period: Period
    goods: GoodsColumns
    services: tuple[ServiceLineResult, ...] | None
    vat: VatOutcome | None
    summary: SummaryRows

    @property
    def credit_carried_forward(self) -> Decimal:
        """留抵 left for the next VAT return after the refund: row 17 − row 18 [recalled]."""
        return self.summary.ending_credit - self.summary.refund_due


def calculate_period(period_input: PeriodInput) -> PeriodResult:
    """Lines → totals → (VAT return →) the 19 rows of column (a)."""
    goods = compute_goods(period_input.goods)
    services: tuple[ServiceLineResult, ...] | None = None
    service_totals: ServiceTotals | None = None
    if period_input.services is not None:
        services, service_totals = compute_services(period_input.services)
    vat: VatOutcome | None = None
    ending_credit = period_input.ending_credit
    if period_input.vat_return is not None:
        row9 = non_creditable_total(goods.totals, service_totals, period_input.writeoff)
        vat = vat_outcome(period_input.vat_return, row9)
        ending_credit = vat.ending_credit
    assert ending_credit is not None  # guaranteed by PeriodInput.__post_init__
    summary = summarise(
        goods.totals,
        service_totals,
        period_input.writeoff,
        period_input.carried_offset,
        ending_credit,
    )
    return PeriodResult(period_input.period, goods, services, vat, summary)


def difference_to_vat_return(summary: SummaryRows, vat_return_transfer_out: Decimal) -> Decimal:
    """Column (c) of row 9: 不得免征和抵扣税额 minus what the VAT return transferred out.

    [verified: SD-HZB column names; TAX-SYS ``bdmzdkseynsbce``]. Zero when both agree.
    """
    return summary.non_creditable_total - vat_return_transfer_out
