"""Plain inputs of the doubt rules: a declared line, the customs record, the 文库 row, …

A rule group runs only when the context carries the data it needs: with ``customs=None``
the customs-comparison rules are skipped (the client may not have the electronic
information yet), while a mapping without the line's key raises WDZXX.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Final

from rebate.calc.deadlines import DEFAULT_RULES, DeadlineRule, FilingCalendar
from rebate.calc.exchange import RateMethod, RateSource
from rebate.calc.mdt.summary import SummaryRows
from rebate.calc.money import ZERO
from rebate.calc.periods import Period

RED_LETTER = "HZCJ"  # 红字冲减
RED_LETTER_RETURN = "HZCJ-TY"  # 红字冲减-退运
CHINA_COUNTRY_CODE = "142"

# 来料加工 family: exempt, no rebate (退税类型 0) [inferred: DOMAIN §12.4, CUSTOMS-PARAMS names].
DEFAULT_NON_REFUNDABLE_TRADE_MODES: Final = frozenset(
    {"0214", "0245", "0255", "0258", "0265", "0300", "0345", "0445", "0845", "0865"}
)


@dataclass(frozen=True, slots=True)
class DeclaredLine:
    """A 明细表 line as the enterprise declares it."""

    line_id: str  # 申报序号
    item_key: str  # 出口报关单号: 18-digit 海关编号 + "0" + 2-digit 项号
    export_date: date
    commodity_code: str
    unit: str  # 法定第一计量单位 code
    quantity: Decimal
    fob_usd: Decimal
    fob_cny: Decimal
    levy_rate: Decimal
    rebate_rate: Decimal
    business_types: frozenset[str] = frozenset()  # 业务类型 codes (HZCJ, XLXP, …)
    manual_no: str | None = None  # 进料加工手（账）册号
    allocation_rate: Decimal | None = None
    trade_mode: str | None = None  # the client's own collected 监管方式 (local checks)
    currency: str | None = None  # 成交币种 (local exchange-rate check)
    invoice_no: str | None = None
    has_fob_difference_note: bool = False  # a 离岸价差异原因说明表 line exists
    table: str = "TSSB"

    @property
    def is_red_letter(self) -> bool:
        return RED_LETTER in self.business_types or RED_LETTER_RETURN in self.business_types


@dataclass(frozen=True, slots=True)
class CustomsRecord:
    """The customs electronic record of one export item (DOMAIN §12.3, BGD201)."""

    item_key: str
    export_date: date
    commodity_code: str
    trade_mode: str | None
    transport_mode: str | None
    destination_country: str | None  # 最终目的国 numeric code
    manual_no: str | None  # 备案号
    quantity: Decimal  # 第一法定数量
    fob_usd: Decimal
    fob_cny: Decimal
    no_refund: bool = False  # 不予退税标志
    amended_fob_usd: Decimal | None = None  # from a 改单 record
    departure_date: date | None = None  # 启运日期 (启运港退税)
    returned_quantity: Decimal = ZERO  # 退运
    returned_fob_usd: Decimal = ZERO
    returned_fob_cny: Decimal = ZERO
    agent_quantity: Decimal = ZERO  # 代理申报
    agent_fob_usd: Decimal = ZERO
    agent_fob_cny: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class EarlierDeclared:
    """What earlier declarations already used of one item key."""

    quantity: Decimal = ZERO
    fob_usd: Decimal = ZERO
    fob_cny: Decimal = ZERO
    declarations: int = 1


@dataclass(frozen=True, slots=True)
class ReturnCertificate:
    """An issued 出口货物退运已补税（未退税）证明 of one item (what HZCJ_TY checks against)."""

    number: str
    returned_fob_cny: Decimal | None = None  # 退运人民币离岸价 (None: not stated)


@dataclass(frozen=True, slots=True)
class LibraryRow:
    """A 退税率文库 row (DOMAIN §11)."""

    code: str
    valid_from: date
    valid_to: date
    unit: str
    levy_rate: Decimal
    rebate_rate: Decimal
    is_basic: bool = True  # 基本商品标志


LibraryLookup = Callable[[str, date], LibraryRow | None]


def library_from_rows(rows: Iterable[LibraryRow]) -> LibraryLookup:
    """A lookup by exact code valid on the date (the real prefix lookup lives in ``codes``)."""
    by_code: dict[str, list[LibraryRow]] = {}
    for row in rows:
        by_code.setdefault(row.code, []).append(row)

    def lookup(code: str, on: date) -> LibraryRow | None:
        for row in by_code.get(code, ()):
            if row.valid_from <= on <= row.valid_to:
                return row
        return None

    return lookup


@dataclass(frozen=True, slots=True)
class WriteoffCycle:
    """A written-off manual's cycle and its 实际分配率 (GS_JLJG_HXJG)."""

    start: date
    end: date
    actual_rate: Decimal

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class CheckContext:
    period: Period | None = None
    customs: Mapping[str, CustomsRecord] | None = None
    earlier: Mapping[str, EarlierDeclared] = field(default_factory=dict)
    # item key → its issued 退运已补税证明; None when the caller holds no certificates (the
    # HZCJ_TY comparison is skipped, the never-beyond-declared rule still runs)
    returned_goods: Mapping[str, ReturnCertificate] | None = None
    library: LibraryLookup | None = None
    # Current valid 计划分配率 (JHFPLV_NEW when ≠ 0, else JHFPLV); None skips SJFPLV_WHX.
    planned_allocation_rate: Decimal | None = None
    writeoffs: Mapping[str, Sequence[WriteoffCycle]] = field(default_factory=dict)
    enterprise_class: int | None = None  # 分类管理 1..4
    non_refundable_trade_modes: frozenset[str] = DEFAULT_NON_REFUNDABLE_TRADE_MODES
    exchange_rates: RateSource | None = None
    rate_method: RateMethod = RateMethod.SAME_DAY
    deadline_rules: Sequence[DeadlineRule] = DEFAULT_RULES
    filing_calendar: FilingCalendar | None = None
    today: date | None = None  # the declaration date; None skips the deadline check
    # 报关单号 (18 digits) → a later 申报期限 granted for it (an approved 无相关电子信息申报)
    deadline_extensions: Mapping[str, date] = field(default_factory=dict)
    deadline_warn_days: int = 30
    summary: SummaryRows | None = None  # a 汇总表 column to check arithmetically
    fob_difference_usd: Decimal = Decimal(1)  # USDLAJ_CY: more than 1 USD …
    fob_difference_ratio: Decimal = Decimal("0.05")  # … and more than 5 %
    remaining_tolerance: Decimal = Decimal(1)  # CKSL / USDLAJ / RMBLAJ "+ 1"
    cny_usd_tolerance: Decimal = Decimal(1)  # LOCAL_FOB_CNY_USD_MISMATCH, yuan
    # Values a rule derives from this context alone, kept for the run (the 申报期限 of an
    # export date is the same for each of its lines); not an input, so replace() starts afresh.
    memo: dict[object, object] = field(default_factory=dict, init=False, repr=False, compare=False)
