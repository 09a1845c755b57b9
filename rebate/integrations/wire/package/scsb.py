"""The 免抵退 declaration A0305001 (``…_scsb.xml``): one registered business of the envelope.

Its main section is the 明细表 (TSSB, typed ``GoodsLine``), then the 19-row 汇总表 (SBHZ,
typed ``SummaryRow``, rule: exactly rows 1..19) and the other forms of DOMAIN §6.2 as mappings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from rebate.calc.mdt.names import detail_form_name

from .registry import BusinessSpec, PeriodKind, Section, register_business
from .specs import OTHER_FORMS, SBHZ, TSSB

BUSINESS_CODE: Final = "A0305001"
SHORT_NAME: Final = "scsb"
SUMMARY_ROWS: Final = 19


@dataclass(frozen=True, slots=True)
class GoodsLine:
    """One line of the 明细表 (TSSB, DOMAIN §7.1; its name by 所属期: calc.mdt.names)."""

    line_no: str  # 申报序号
    item_key: str  # 出口货物报关单号 (21)
    export_date: date
    commodity_code: str
    unit: str
    quantity: Decimal
    fob_usd: Decimal
    fob_cny: Decimal
    levy_rate: Decimal
    rebate_rate: Decimal
    invoice_no: str = ""
    agent_certificate_no: str = ""
    commodity_name: str = ""
    allocation_rate: Decimal | None = None
    bonded_materials_price: Decimal | None = None
    domestic_duty_free_price: Decimal | None = None
    non_creditable: Decimal | None = None  # 不得免征和抵扣税额
    exempt_credit_refund: Decimal | None = None  # 免抵退税额
    manual_no: str = ""
    business_types: tuple[str, ...] = ()
    contract_no: str = ""
    remark: str = ""
    currency: str = ""
    deal_total: Decimal | None = None
    deal_rate: Decimal | None = None
    usd_rate: Decimal | None = None
    rebate_period: str = ""  # 免抵退税年月


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One of the 19 rows of 《免抵退税申报汇总表》 (SBHZ, DOMAIN §3)."""

    row: int
    current: Decimal  # (a) 当期
    year_to_date: Decimal  # (b) 本年累计
    vat_difference: Decimal | None = None  # (c) 与增值税纳税申报表差额


MDT: Final = register_business(
    BusinessSpec(
        code=BUSINESS_CODE,
        short_name=SHORT_NAME,
        label="生产企业免抵退税申报",
        period_kind=PeriodKind.MONTH,
        sections=(
            Section(
                "TSSB", TSSB, required=True, record_type=GoodsLine, dated_label=detail_form_name
            ),
            Section(
                "SBHZ",
                SBHZ,
                required=True,
                record_type=SummaryRow,
                key="row",
                exact_keys=tuple(range(1, SUMMARY_ROWS + 1)),
                rule_message="免抵退税申报汇总表必须恰好有第1至19栏",
                line_field="row",
            ),
            *(Section(name, record, line_field="sbxh") for name, record in OTHER_FORMS.items()),
        ),
        title="生产企业免抵退税申报数据包 (declaration package, A0305001 scsb)",
        notes=(
            "File name `{海关企业代码}_{所属期YYYYMM}_scsb.xml` (DOMAIN §6.3). The body carries "
            "every form of DOMAIN §6.2; `Signature` holds the card number and an ECDSA P-256 "
            "signature over the canonical form `ckts-c14n-1` of the whole document except the "
            "`Signature` element (docs/wire/signature.md). Build packages with "
            "`rebate.integrations.wire.package.write_package` (streaming).",
        ),
    )
)
