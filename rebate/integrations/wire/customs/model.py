"""Typed records of the customs download (modelled on the Single Window DecMessage, DOMAIN §12).

Amounts are ``Decimal``; dates are ``date``; codes stay strings (leading zeros matter).
``fob_orig`` (原币离岸价), ``fob_usd`` and ``fob_cny`` per item are the values customs computes
(DOMAIN §12.3, §12.5): the product computes its line from ``fob_orig`` at the enterprise's rates
(deriving it from the 成交总价 when absent) and keeps customs' USD/RMB figures for comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class DeclarationItem:
    """DecList: one 商品项 of a 报关单."""

    g_no: int  # 项号 1..50
    code_ts: str  # 商品编号, 10 digits
    g_name: str
    g_qty: Decimal  # 成交数量
    g_unit: str  # 成交计量单位
    first_qty: Decimal  # 法定第一数量 (rebates use it)
    first_unit: str
    decl_price: Decimal  # 申报单价
    decl_total: Decimal  # 申报总价
    trade_curr: str  # 成交币制 (ISO alpha-3)
    g_model: str = ""  # 规格型号 (申报要素 joined by "|")
    second_qty: Decimal | None = None
    second_unit: str = ""
    origin_country: str = ""
    destination_country: str = ""  # 最终目的国 (alpha-3)
    duty_mode: str = ""  # 征免方式
    district_code: str = ""  # 境内货源地
    fob_orig: Decimal | None = None  # 原币离岸价: FOB in the transaction currency (customs)
    fob_usd: Decimal | None = None  # 美元离岸价 (customs-computed)
    fob_cny: Decimal | None = None  # 人民币离岸价 (customs-computed)
    no_refund: bool = False  # 不予退税标志

    def item_key(self, entry_id: str) -> str:
        """The 21-character rebate key: 报关单号 + "0" + 2-digit 项号 (DOMAIN §12.1)."""
        return f"{entry_id}0{self.g_no:02d}"


@dataclass(frozen=True, slots=True)
class ExportDeclaration:
    """DecHead with its DecList items."""

    entry_id: str  # 报关单号 (海关编号), 18 digits
    ie_flag: str  # E / I
    ie_date: date  # 出口日期
    trade_code: str  # 境内收发货人 海关企业代码
    trade_mode: str  # 监管方式
    trans_mode: str  # 成交方式 1..7
    items: tuple[DeclarationItem, ...] = ()
    seq_no: str = ""
    d_date: date | None = None  # 申报日期
    custom_master: str = ""  # 申报地海关
    ie_port: str = ""  # 出境关别
    trade_name: str = ""
    trade_co_scc: str = ""
    owner_code: str = ""
    owner_name: str = ""
    agent_code: str = ""
    agent_name: str = ""
    cut_mode: str = ""  # 征免性质
    traf_mode: str = ""  # 运输方式
    traf_name: str = ""
    bill_no: str = ""
    trade_country: str = ""  # 运抵国
    trade_area_code: str = ""  # 贸易国
    distinate_port: str = ""  # 指运港
    enty_port_code: str = ""  # 离境口岸
    fee_mark: str = ""
    fee_rate: Decimal | None = None
    fee_curr: str = ""
    insur_mark: str = ""
    insur_rate: Decimal | None = None
    insur_curr: str = ""
    other_mark: str = ""
    other_rate: Decimal | None = None
    other_curr: str = ""
    pack_no: int | None = None
    wrap_type: str = ""
    gross_wt: Decimal | None = None
    net_wt: Decimal | None = None
    contr_no: str = ""  # 合同协议号
    manual_no: str = ""  # 备案号 (进料加工手册)
    license_no: str = ""
    clearance_date: date | None = None  # 结关日期 (extension: e-info goes to tax after it)
    amended: bool = False  # 改单标志 (extension)


@dataclass(frozen=True, slots=True)
class ManualRecord:
    """One import or export 报关单 item booked against a 手（账）册 (DOMAIN §5.2)."""

    ie_flag: str  # I / E
    entry_id: str
    g_no: int
    trade_mode: str
    ie_date: date
    amount_cny: Decimal
    code_ts: str = ""


@dataclass(frozen=True, slots=True)
class Manual:
    """加工贸易手（账）册 with its records."""

    manual_no: str
    trade_code: str
    manual_type: str  # C 进料加工手册, B 来料加工手册, E 电子账册
    valid_from: date
    valid_to: date
    planned_import_total: Decimal
    planned_export_total: Decimal
    status: str  # 执行 / 核销
    writeoff_date: date | None = None  # 海关核销 (结案) 日期
    records: tuple[ManualRecord, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Amendment:
    """改单: a field of an item changed after release (old and new values)."""

    entry_id: str
    g_no: int
    amend_date: date
    reason: str = ""
    old_code_ts: str = ""
    new_code_ts: str = ""
    old_qty: Decimal | None = None
    new_qty: Decimal | None = None
    old_fob_usd: Decimal | None = None
    new_fob_usd: Decimal | None = None
    old_fob_cny: Decimal | None = None
    new_fob_cny: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ReturnRecord:
    """退运: goods of an export item returned (or the whole 报关单 withdrawn, 撤单)."""

    entry_id: str
    g_no: int
    return_date: date
    certificate_no: str  # 退运证明编号
    quantity: Decimal
    fob_usd: Decimal
    fob_cny: Decimal
    withdrawn: bool = False  # 撤单


@dataclass(frozen=True, slots=True)
class DeclarationPage:
    """One page of a date-range download; ``next_cursor`` is empty on the last page."""

    declarations: tuple[ExportDeclaration, ...]
    next_cursor: str
