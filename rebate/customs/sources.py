"""Reference data for 数据检查 and 生成退税, read through the codes and 配置 selectors.

One ``Reference`` serves one run and memoises what it looked up: a run over 10,000 declarations
asks the rate library once per code and validity interval, and the rate table once per currency
and day, instead of once per item.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from rebate.accounts.models import Enterprise
from rebate.calc.checks import DEFAULT_NON_REFUNDABLE_TRADE_MODES, LibraryRow
from rebate.calc.exchange import RateMethod, rate_date
from rebate.calc.mdt import ProcessingWriteoff
from rebate.codes import selectors as codes
from rebate.codes.choices import RebateType
from rebate.configuration.selectors import enterprise_rate_method


class Reference:
    def __init__(self, enterprise: Enterprise) -> None:
        self.enterprise = enterprise
        self._methods: dict[int, RateMethod] = {}
        self._fx: dict[tuple[str, date], Decimal | None] = {}
        self._rows: dict[str, list[codes.RateRow]] = {}
        self._misses: dict[tuple[str, date], str] = {}
        self._trade_modes: dict[str, RebateType | None] = {}
        self._units: dict[str, str] = {}
        self._allocation: RateOnDate | None = None

    # ---------------------------------------------------------------- exchange rates
    def rate_method(self, year: int) -> RateMethod:
        if year not in self._methods:
            self._methods[year] = enterprise_rate_method(self.enterprise, year)
        return self._methods[year]

    def stored_rate(self, currency: str, on: date) -> Decimal | None:
        """The stored rate of exactly that day (a calc RateSource). The currency's rates are
        read a month at a time: 10,000 报关单 over a quarter asked 180 queries one day each."""
        key = (currency, on)
        if key not in self._fx:
            first = on.replace(day=1)
            last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
            found = codes.stored_exchange_rates(currency, first, last)
            for n in range(last.day):
                day = first + timedelta(days=n)
                self._fx.setdefault((currency, day), found.get(day))
        return self._fx[key]

    def export_rate(self, currency: str, export_date: date) -> tuple[date, Decimal | None]:
        """The rate date under the enterprise's method and the rate (None when missing)."""
        on = rate_date(self.rate_method(export_date.year), export_date)
        return on, self.stored_rate(currency, on)

    def forget_rate(self, currency: str, on: date) -> None:
        self._fx.pop((currency, on), None)

    # ---------------------------------------------------------------- rate library
    def rate_row(self, code: str, on: date) -> codes.RateRow | None:
        for row in self._rows.get(code, ()):
            if row.valid_from <= on <= row.valid_to:
                return row
        if (code, on) in self._misses:
            return None
        try:
            row = codes.rate_lookup(code, on)
        except codes.RateNotFound as exc:
            self._misses[(code, on)] = str(exc)
            return None
        self._rows.setdefault(code, []).append(row)
        return row

    def miss_reason(self, code: str, on: date) -> str:
        return self._misses.get((code, on), "")

    def library_row(self, code: str, on: date) -> LibraryRow | None:
        """The rate-library row as rebate.calc.checks wants it (unit as its 3-digit code)."""
        row = self.rate_row(code, on)
        if row is None:
            return None
        return LibraryRow(
            code=row.code,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            unit=row.unit_code,
            levy_rate=row.levy_rate,
            rebate_rate=row.rebate_rate,
            is_basic=getattr(row, "is_basic", True),
        )

    def unit_name(self, code: str) -> str:
        """计量单位 name of a 3-digit unit code (the code itself when unknown)."""
        if code not in self._units:
            info = codes.unit(code)
            self._units[code] = info.name if info else code
        return self._units[code]

    # ---------------------------------------------------------------- 进料加工
    def allocation_rate(self, on: date, manual_no: str) -> Decimal | None:
        """The 分配率 of a 进料加工 line exported on ``on`` under ``manual_no`` (read once)."""
        if self._allocation is None:
            self._allocation = allocation_rates(self.enterprise)
        return self._allocation(on, manual_no)

    # ---------------------------------------------------------------- trade modes
    def rebate_type(self, trade_mode: str) -> RebateType | None:
        if trade_mode not in self._trade_modes:
            self._trade_modes[trade_mode] = codes.trade_mode_rebate_type(trade_mode)
        return self._trade_modes[trade_mode]

    def non_refundable(self, trade_modes: set[str]) -> frozenset[str]:
        """The modes among ``trade_modes`` that give no rebate: codes says so, or unknown."""
        refused = {
            mode
            for mode in trade_modes
            if self.rebate_type(mode) not in (RebateType.REFUNDABLE, RebateType.PROCESSING)
        }
        return frozenset(refused | (DEFAULT_NON_REFUNDABLE_TRADE_MODES & trade_modes))


RateOnDate = Callable[[date, str], Decimal | None]  # (export date, 手（账）册号) → 分配率
PlannedRateSource = Callable[[Enterprise], RateOnDate]
WriteoffSource = Callable[[Enterprise, str], ProcessingWriteoff]
Cycles = Mapping[str, Sequence[tuple[date, date, Decimal]]]  # 手册号 → (起, 止, 实际分配率)
CyclesSource = Callable[[Enterprise], Cycles]

# 计划分配率 and the 核销 adjustments belong to 进料加工核销 (rebate.processing), a family: it
# sits above customs in the layers contract, so customs (and 免抵退, another family) may not
# import it. The family hands its selectors in when its app is ready; without it there is no
# rate and no adjustment.
_planned_rate_source: PlannedRateSource | None = None
_writeoff_source: WriteoffSource | None = None
_cycles_source: CyclesSource | None = None


def provide_planned_allocation_rate(source: PlannedRateSource | None) -> PlannedRateSource | None:
    """``source(enterprise)`` gives the resolver of one run (it reads the enterprise's rates
    once): ``resolver(export_date, manual_no)`` → the rate, or None. Returns the previous one."""
    global _planned_rate_source
    previous, _planned_rate_source = _planned_rate_source, source
    return previous


def provide_processing_writeoff(source: WriteoffSource | None) -> None:
    """``source(enterprise, period)``: the confirmed 核销 adjustments for 汇总表 rows 8 and 14."""
    global _writeoff_source
    _writeoff_source = source


def provide_writeoff_cycles(source: CyclesSource | None) -> None:
    """``source(enterprise)``: the written-off manuals' cycles and 实际分配率 (GS_JLJG_HXJG)."""
    global _cycles_source
    _cycles_source = source


def writeoff_cycles(enterprise: Enterprise) -> Cycles:
    """The written-off manuals of the enterprise (empty without the family)."""
    return {} if _cycles_source is None else _cycles_source(enterprise)


def _no_rate(on: date, manual_no: str = "") -> Decimal | None:
    return None


def allocation_rates(enterprise: Enterprise) -> RateOnDate:
    """The resolver of the 分配率 in force (JL-01, DOMAIN §5.4) for one run."""
    return _no_rate if _planned_rate_source is None else _planned_rate_source(enterprise)


def planned_allocation_rate(
    enterprise: Enterprise, on: date, manual_no: str = ""
) -> Decimal | None:
    """计划分配率 in force on ``on`` (a written-off manual's 实际分配率 inside its cycle)."""
    return allocation_rates(enterprise)(on, manual_no)


def processing_writeoff(enterprise: Enterprise, period: str) -> ProcessingWriteoff:
    """汇总表 rows 8 and 14 of ``period`` from confirmed 进料加工核销 (zero without the family)."""
    if _writeoff_source is None:
        return ProcessingWriteoff()
    return _writeoff_source(enterprise, period)
