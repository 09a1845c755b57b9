"""The arithmetic of 其他申报 (SPEC QT-01…QT-08): 周边业务 refunds and the 收汇 deadline.

Pure functions over Decimal (rounding per rebate.calc.money: ROUND_HALF_UP to 0.01 at the
named points). Sources, as far as they were found (FORMS.md Part 2 §4, DOMAIN §16):

* 购进自用货物 (A0304001): 税额 = 计税金额 × 征税税率; 退税额 = 税额 [B: FORMS §4.4, the refund
  is the invoice's tax]. The 征税税率 must be a VAT rate in force on the 开票日期 (dated rows,
  ``VAT_RATES``: 财税〔2017〕37号, 财税〔2018〕32号, 公告2019年第39号).
* 出口已使用设备 (A0303001), 免退税 method [V as restated: 财税〔2012〕39号 第四条(八), via
  5scpa.com 50390; whether 公告2026年第11号 keeps it is NOT verified]:
  净值 = 原值 − 已提累计折旧; 计税依据 = 发票金额 (or 缴款书完税价格) × 净值 ÷ 原值, rounded to
  0.01; 退税额 = 计税依据 × 退税率, rounded to 0.01 [rounding points: project decision].
* 出口非自产货物 退消费税 (A0302001): 消费税退税额 = 计税金额 × 征税税率 (从价定率 only; 从量
  定额 is not computed here) [B].
* 收汇 deadline (公告2026年第5号 第48条 as summarised in DOMAIN §16, exports from 2026-01-01): 30
  April of the year after export; where the contract's last collection date is later, that
  date, but no later than 36 months after export (end of export month + 36). Earlier exports:
  the 申报期限 (15 April of the next year, DOMAIN §9/§10) [recalled].
* 无电子信息申报 extension **[project decision, unverified]**: once approved, the line's
  申报期限 moves ``NO_INFO_EXTENSION_MONTHS`` months on (end of that month).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rebate.calc.money import CONTEXT, round_amount
from rebate.calc.periods import Period

NO_INFO_EXTENSION_MONTHS = 12
PROCEEDS_CAP_MONTHS = 36
REGIME_2026 = date(2026, 1, 1)


class OtherCalcError(ValueError):
    """Inputs the rule cannot compute; ``field`` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class RatePeriod:
    valid_from: date
    valid_to: date | None  # inclusive; None = open
    rates: frozenset[Decimal]
    basis: str


VAT_RATES: tuple[RatePeriod, ...] = (
    RatePeriod(
        date(2017, 7, 1),
        date(2018, 4, 30),
        frozenset(Decimal(r) for r in ("0.17", "0.11", "0.06", "0.03")),
        "财税〔2017〕37号",
    ),
    RatePeriod(
        date(2018, 5, 1),
        date(2019, 3, 31),
        frozenset(Decimal(r) for r in ("0.16", "0.10", "0.06", "0.03")),
        "财税〔2018〕32号",
    ),
    RatePeriod(
        date(2019, 4, 1),
        None,
        frozenset(Decimal(r) for r in ("0.13", "0.09", "0.06", "0.03")),
        "财政部 税务总局 海关总署公告2019年第39号（增值税法施行后税率不变）",
    ),
)


def vat_rates_on(day: date, table: tuple[RatePeriod, ...] = VAT_RATES) -> frozenset[Decimal]:
    for row in table:
        if row.valid_from <= day and (row.valid_to is None or day <= row.valid_to):
            return row.rates
    return frozenset()


@dataclass(frozen=True, slots=True)
class SelfUseRefund:
    tax: Decimal  # 税额
    refund: Decimal  # 退税额


def self_use_refund(
    taxable_amount: Decimal, levy_rate: Decimal, invoice_date: date
) -> SelfUseRefund:
    """购进自用货物: 税额 = 计税金额 × 征税税率 (the rate in force on the 开票日期);
    退税额 = 税额."""
    if taxable_amount <= 0:
        raise OtherCalcError("taxable_amount", "计税金额应大于0")
    allowed = vat_rates_on(invoice_date)
    if levy_rate not in allowed:
        shown = "、".join(f"{r:f}" for r in sorted(allowed, reverse=True)) or "无"
        raise OtherCalcError(
            "levy_rate",
            f"征税税率{levy_rate:f}不是开票日期{invoice_date.isoformat()}适用的增值税税率（{shown}）",
        )
    tax = round_amount(CONTEXT.multiply(taxable_amount, levy_rate))
    return SelfUseRefund(tax=tax, refund=tax)


@dataclass(frozen=True, slots=True)
class UsedEquipmentRefund:
    net_value: Decimal  # 设备净值（折余价值）= 原值 − 已提累计折旧
    tax_basis: Decimal  # 退(免)税计税依据
    refund: Decimal  # 退税额


def used_equipment_refund(
    invoice_amount: Decimal,
    original_value: Decimal,
    accumulated_depreciation: Decimal,
    rebate_rate: Decimal,
) -> UsedEquipmentRefund:
    """出口已使用设备: 计税依据 = 发票金额 × 净值 ÷ 原值; 退税额 = 计税依据 × 退税率."""
    if original_value <= 0:
        raise OtherCalcError("original_value", "设备原值应大于0")
    if accumulated_depreciation < 0:
        raise OtherCalcError(
            "accumulated_depreciation", "已提累计折旧额不能为负数（设备净值不能大于设备原值）"
        )
    if accumulated_depreciation > original_value:
        raise OtherCalcError("accumulated_depreciation", "已提累计折旧额不能大于设备原值")
    if invoice_amount <= 0:
        raise OtherCalcError("taxable_amount", "计税金额应大于0")
    net = original_value - accumulated_depreciation
    basis = round_amount(CONTEXT.divide(CONTEXT.multiply(invoice_amount, net), original_value))
    refund = round_amount(CONTEXT.multiply(basis, rebate_rate))
    return UsedEquipmentRefund(net_value=net, tax_basis=basis, refund=refund)


def consumption_tax_refund(taxable_amount: Decimal, levy_rate: Decimal) -> Decimal:
    """出口非自产货物 消费税退税额 = 计税金额 × 征税税率 (从价定率)."""
    if taxable_amount <= 0:
        raise OtherCalcError("taxable_amount", "计税金额应大于0")
    return round_amount(CONTEXT.multiply(taxable_amount, levy_rate))


def proceeds_deadline(export_date: date, final_receipt_date: date | None = None) -> date:
    """The last day by which an export's proceeds must be collected (收汇)."""
    if export_date < REGIME_2026:
        return date(export_date.year + 1, 4, 15)
    deadline = date(export_date.year + 1, 4, 30)
    if final_receipt_date is not None and final_receipt_date > deadline:
        cap = Period.of(export_date).plus_months(PROCEEDS_CAP_MONTHS).last_day
        deadline = min(final_receipt_date, cap)
    return deadline


def proceeds_overdue(deadline: date, today: date, *, received: bool, deemed: bool) -> bool:
    """An export whose proceeds are neither collected nor 视同收汇 once its deadline passed."""
    return not received and not deemed and today > deadline


def extended_deadline(deadline: date, months: int = NO_INFO_EXTENSION_MONTHS) -> date:
    """The 申报期限 of a line after an approved 无电子信息申报 [project decision]."""
    return Period.of(deadline).plus_months(months).last_day
