"""Rules comparing a declared line with its customs record and earlier declarations (§8.2).

[verified: TAX-SYS PROC_XXBD_MDT_TSSB_BGD] for the conditions; thresholds are context data.
Each function yields findings for one line whose customs record exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from rebate.calc.checks.finding import Finding, on_line
from rebate.calc.checks.model import (
    CHINA_COUNTRY_CODE,
    RED_LETTER,
    RED_LETTER_RETURN,
    CheckContext,
    CustomsRecord,
    DeclaredLine,
)

CustomsRule = Callable[[DeclaredLine, CustomsRecord, CheckContext], Iterator[Finding]]

_BGD = "MDT_CKHW_BGD_"
DEPARTURE_PORT = "QYGTS"  # 启运港退税
BONDED_ZONE = "BSQ"  # 经保税区出口
BONDED_ZONE_TRANSPORT = "0"
BONDED_WAREHOUSE_TRANSPORT = "8"
PILOT_ZONE_TRANSPORT = "T"
# 业务类型 ↔ 监管方式 pairs (DOMAIN §7.7, §8.2). "22" is how TAX-SYS writes 3422 in the
# older two-digit 贸易方式 scheme [inferred].
BUSINESS_TYPE_TRADE_MODES = (
    ("DWCB", frozenset({"3422", "22"})),
    ("JWTZ", frozenset({"2210"})),
    ("DWYZ", frozenset({"3511"})),
)
REPAIR = "XLXP"
REPAIR_TRADE_MODE = "1300"
BORDER_TRADE = "LMYCL"


def declared_fob_usd(
    line: DeclaredLine, record: CustomsRecord, ctx: CheckContext
) -> Iterator[Finding]:
    """USDLAJ_CY (blocking) / USDLAJ_GD (skippable when a 改单 record matches)."""
    if line.is_red_letter or line.has_fob_difference_note:
        return
    if not fob_differs_beyond_tolerance(line.fob_usd, record.fob_usd, ctx):
        return
    params = {"declared": line.fob_usd, "customs": record.fob_usd}
    amended = record.amended_fob_usd
    if amended is not None and not fob_differs_beyond_tolerance(line.fob_usd, amended, ctx):
        yield on_line(_BGD + "USDLAJ_GD", line, **params)
    else:
        yield on_line(_BGD + "USDLAJ_CY", line, **params)


def fob_differs_beyond_tolerance(declared: Decimal, customs: Decimal, ctx: CheckContext) -> bool:
    """More than 1 USD **and** more than 5 % of the customs value apart."""
    gap = abs(declared - customs)
    return gap > ctx.fob_difference_usd and gap > abs(customs) * ctx.fob_difference_ratio


def no_refund_flag(
    line: DeclaredLine, record: CustomsRecord, ctx: CheckContext
) -> Iterator[Finding]:
    if record.no_refund:
        yield on_line(_BGD + "BYTS", line)


def commodity_code(
    line: DeclaredLine, record: CustomsRecord, ctx: CheckContext
) -> Iterator[Finding]:
    """SPDM: compared on the common prefix length (the 文库 may split an HS code)."""
    length = min(len(line.commodity_code), len(record.commodity_code))
    if line.commodity_code[:length] != record.commodity_code[:length]:
        yield on_line(
            _BGD + "SPDM", line, declared=line.commodity_code, customs=record.commodity_code
        )


def trade_mode(line: DeclaredLine, record: CustomsRecord, ctx: CheckContext) -> Iterator[Finding]:
    """MYXZ_BCZ (missing) and MYXZ_BTS (not refundable)."""
    if not record.trade_mode:
        yield on_line(_BGD + "MYXZ_BCZ", line)
    elif record.trade_mode in ctx.non_refundable_trade_modes:
        yield on_line(_BGD + "MYXZ_BTS", line, trade_mode=record.trade_mode)


def border_trade(line: DeclaredLine, record: CustomsRecord, ctx: CheckContext) -> Iterator[Finding]:
    """LMYCL lines must go to China (142); the code keeps TAX-SYS's spelling ``MTS_``."""
    if BORDER_TRADE in line.business_types and record.destination_country != CHINA_COUNTRY_CODE:
        yield on_line("MTS_CKHW_BGD_LMYCL_ZZMDG", line, country=record.destination_country)


def export_date(line: DeclaredLine, record: CustomsRecord, ctx: CheckContext) -> Iterator[Finding]:
    """CKRQ: QYGTS compares with the 启运日期; BSQ lines are not checked."""
    if BONDED_ZONE in line.business_types:
        return
    expected = record.export_date
    if DEPARTURE_PORT in line.business_types and record.departure_date is not None:
        expected = record.departure_date
    if line.export_date != expected:
        yield on_line(
            _BGD + "CKRQ", line, declared=line.export_date.isoformat(), customs=expected.isoformat()
        )


def departure_port_class(
    line: DeclaredLine, record: CustomsRecord, ctx: CheckContext
) -> Iterator[Finding]:
    """QYGTS_FLGLCD: 启运港退税 only for 一类/二类 enterprises [verified: DOMAIN §10]."""
    if DEPARTURE_PORT not in line.business_types or ctx.enterprise_class is None:
        return
    if ctx.enterprise_class not in (1, 2):
        yield on_line(_BGD + "QYGTS_FLGLCD", line, enterprise_class=ctx.enterprise_class)


def business_type_vs_trade_mode(
    line: DeclaredLine, record: CustomsRecord, ctx: CheckContext
) -> Iterator[Finding]:
    """DWCB/JWTZ/DWYZ _NOT (type without its mode) and _NULL (mode without its type)."""
    mode = record.trade_mode or ""
    for business_type, modes in BUSINESS_TYPE_TRADE_MODES:
        declared = business_type in line.business_types
        if declared and mode not in modes:
            yield on_line(f"{_BGD}{business_type}_NOT", line, trade_mode=mode)
        elif not declared and mode in modes:
            yield on_line(f"{_BGD}{business_type}_NULL", line, trade_mode=mode)


def repair(line: DeclaredLine, record: CustomsRecord, ctx: CheckContext) -> Iterator[Finding]:
    """XLXP_NOT (skippable) / XLXP_NULL (blocking)."""
    declared = REPAIR in line.business_types
    if declared and record.trade_mode != REPAIR_TRADE_MODE:
        yield on_line(_BGD + "XLXP_NOT", line, trade_mode=record.trade_mode)
    elif not declared and record.trade_mode == REPAIR_TRADE_MODE:
        yield on_line(_BGD + "XLXP_NULL", line, trade_mode=record.trade_mode)


def transport_mode(
    line: DeclaredLine, record: CustomsRecord, ctx: CheckContext
) -> Iterator[Finding]:
    """BSQ_NOT/_NULL, BSCKZNX (保税仓库转内销) and CKPZH_YSFS (综合试验区)."""
    mode = record.transport_mode
    bonded_zone = BONDED_ZONE in line.business_types
    if bonded_zone and mode != BONDED_ZONE_TRANSPORT:
        yield on_line(_BGD + "BSQ_NOT", line, transport_mode=mode)
    elif not bonded_zone and mode == BONDED_ZONE_TRANSPORT:
        yield on_line(_BGD + "BSQ_NULL", line, transport_mode=mode)
    if mode == BONDED_WAREHOUSE_TRANSPORT and record.destination_country == CHINA_COUNTRY_CODE:
        yield on_line(_BGD + "BSCKZNX", line)
    if mode == PILOT_ZONE_TRANSPORT:
        yield on_line("MDT_CKHW_CKPZH_YSFS", line)


def already_declared(line: DeclaredLine, ctx: CheckContext) -> Iterator[Finding]:
    """LSSBJL: the item was used in an earlier declaration (a red-letter line is expected to)."""
    if not line.is_red_letter and line.item_key in ctx.earlier:
        yield on_line(_BGD + "LSSBJL", line)


def red_letter_reverses_earlier(line: DeclaredLine, ctx: CheckContext) -> Iterator[Finding]:
    """HZCJ_BYZ: a plain HZCJ line (a data correction) must be exactly −(what was declared
    earlier for the item). A 退运 line (HZCJ-TY) is not held to it (DOMAIN §8.2)."""
    if RED_LETTER not in line.business_types or RED_LETTER_RETURN in line.business_types:
        return
    for field_name, declared, before in _against_earlier(line, ctx):
        if before is None or declared != -before:
            expected = "无" if before is None else -before
            yield on_line(
                _BGD + "HZCJ_BYZ", line, field=field_name, expected=expected, declared=declared
            )
            return


def _against_earlier(
    line: DeclaredLine, ctx: CheckContext
) -> tuple[tuple[str, Decimal, Decimal | None], ...]:
    earlier = ctx.earlier.get(line.item_key)
    return (
        ("出口数量", line.quantity, earlier.quantity if earlier else None),
        ("美元离岸价", line.fob_usd, earlier.fob_usd if earlier else None),
        ("人民币离岸价", line.fob_cny, earlier.fob_cny if earlier else None),
    )


def red_letter_return(line: DeclaredLine, ctx: CheckContext) -> Iterator[Finding]:
    """A 红字冲减-退运 line (HZCJ-TY, goods returned) may reverse part of what was declared —
    the manual's 冲减可以部分冲掉 — but never more (HZCJ_TY_CG, 不可挑过); with the issued
    退运已补税证明 in the context its 人民币离岸价 must be within the certificate (HZCJ_TY)."""
    if RED_LETTER_RETURN not in line.business_types:
        return
    for field_name, declared, before in _against_earlier(line, ctx):
        if declared > 0 or before is None or -declared > before:
            available = "无" if before is None else before
            yield on_line(
                _BGD + "HZCJ_TY_CG", line, field=field_name, available=available,
                declared=-declared,
            )  # fmt: skip
            break
    if ctx.returned_goods is None:
        return
    cert = ctx.returned_goods.get(line.item_key)
    if cert is None:
        problem = "没有税务机关开具的出口货物退运已补税（未退税）证明"
    elif cert.returned_fob_cny is not None and -line.fob_cny > cert.returned_fob_cny:
        problem = (
            f"：人民币离岸价{-line.fob_cny}超过退运证明{cert.number}的"
            f"退运人民币离岸价{cert.returned_fob_cny}"
        )
    else:
        return
    yield on_line(_BGD + "HZCJ_TY", line, problem=problem)


# Rules against earlier declarations: they need no customs record, so they always run.
HISTORY_RULES: tuple[Callable[[DeclaredLine, CheckContext], Iterator[Finding]], ...] = (
    red_letter_reverses_earlier,
    red_letter_return,
    already_declared,
)

CUSTOMS_RULES: tuple[CustomsRule, ...] = (
    declared_fob_usd,
    no_refund_flag,
    commodity_code,
    trade_mode,
    border_trade,
    export_date,
    departure_port_class,
    business_type_vs_trade_mode,
    repair,
    transport_mode,
)
