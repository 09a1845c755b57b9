"""Typed content of a 免抵退 declaration package (A0305001, ``…_scsb.xml``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..errors import WireError

BUSINESS_CODE = "A0305001"
SHORT_NAME = "scsb"
FILENAME = re.compile(r"(?P<code>[0-9]{4}[0-9A-Z]{6})_(?P<period>[0-9]{6})_(?P<short>[a-z_]+)\.xml")


@dataclass(frozen=True, slots=True)
class PackageHead:
    customs_code: str  # 海关企业代码
    uscc: str  # 统一社会信用代码 / 纳税人识别号
    taxpayer_name: str
    period: str  # 所属期 YYYYMM
    business_code: str = BUSINESS_CODE
    short_name: str = SHORT_NAME
    batch_no: str = ""
    created_on: date | None = None
    software: str = ""


@dataclass(frozen=True, slots=True)
class GoodsLine:
    """One line of 《生产企业出口货物劳务免抵退税申报明细表》 (TSSB, DOMAIN §7.1)."""

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


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    card_no: str
    algorithm: str
    canonicalization: str
    digest: str
    value: str


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """What the writer produced: the file name, the signed digest and the line count."""

    filename: str
    digest: str
    goods_count: int


@dataclass(frozen=True, slots=True)
class PackageContent:
    """Everything but the goods lines (those stream through a callback)."""

    head: PackageHead
    summary: tuple[SummaryRow, ...]
    forms: Mapping[str, Sequence[Mapping[str, object]]]
    signature: SignatureBlock
    digest: str  # recomputed from the document (compare with signature.digest)
    goods_count: int
    version: str = "1.0"
    extra: Mapping[str, str] = field(default_factory=dict)


def package_filename(customs_code: str, period: str, short_name: str = SHORT_NAME) -> str:
    """``{海关企业代码}_{所属期}_{业务简称}.xml`` (DOMAIN §6.3)."""
    return f"{customs_code}_{period}_{short_name}.xml"


def parse_filename(filename: str) -> tuple[str, str, str]:
    """(customs_code, period, short_name) of a package file name, or ``WireError``."""
    match = FILENAME.fullmatch(filename)
    if match is None:
        raise WireError(
            f"申报文件名“{filename}”不符合“海关企业代码_所属期_业务简称.xml”的格式",
            code="filename",
        )
    return match["code"], match["period"], match["short"]
