"""The package names each form as in force for its period (``FormName``, DOMAIN §16): the
明细表 by its old name before 所属期 202601 and its new one from then; a package written before
the attribute existed still validates and reads."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest

from rebate.integrations.wire.package import (
    BUSINESS_CODE,
    GoodsLine,
    PackageHead,
    SummaryRow,
    read_package,
    write_unsigned_package,
)

OLD = "生产企业出口货物劳务免抵退税申报明细表"
NEW = "生产企业出口货物及修理修配服务免抵退税申报明细表"
D = Decimal


def _package(period: str) -> bytes:
    head = PackageHead("4403960001", "91440300MA5FXXXX0A", "深圳市金样电机有限公司", period,
                       BUSINESS_CODE, "scsb")  # fmt: skip
    line = GoodsLine(
        line_no="0001", item_key="530120250000123450001", export_date=date(2025, 12, 30),
        commodity_code="8501109990", unit="007", quantity=D("10"), fob_usd=D("100.00"),
        fob_cny=D("710.00"), levy_rate=D("0.13"), rebate_rate=D("0.13"),
    )  # fmt: skip
    rows = [SummaryRow(row, D("0.00"), D("0.00")) for row in range(1, 20)]
    out = io.BytesIO()
    write_unsigned_package(out, head, sections={"TSSB": [line], "SBHZ": rows})
    return out.getvalue() + b""


def _read(data: bytes):
    """The document with a dummy signature appended (only the reader's structure matters)."""
    signature = (
        b"<Signature><CardNo>CK0000000001</CardNo><Algorithm>ECDSA-P256-SHA256</Algorithm>"
        b"<Canonicalization>ckts-c14n-1</Canonicalization><DigestValue>" + b"0" * 64
        + b"</DigestValue><SignatureValue>AA==</SignatureValue></Signature>"
    )  # fmt: skip
    signed = data.replace(b"</DeclarationPackage>", signature + b"</DeclarationPackage>")
    return read_package(io.BytesIO(signed))


@pytest.mark.parametrize(("period", "name"), [("202512", OLD), ("202601", NEW)])
def test_the_detail_form_is_named_by_the_period(period, name):
    content = _read(_package(period))
    assert content.form_names == {"TSSB": name, "SBHZ": "免抵退税申报汇总表"}


def test_a_package_without_form_names_still_reads():
    older = re.sub(rb' FormName="[^"]*"', b"", _package("202601"))
    assert b"FormName" not in older
    content = _read(older)
    assert content.form_names == {} and content.line_count == 1
