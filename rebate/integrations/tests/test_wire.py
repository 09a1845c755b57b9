"""The published formats: round trips, hardened parsing, signatures, XSDs in sync."""

from __future__ import annotations

import base64
import io
from datetime import date
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from rebate.integrations.wire import WireError
from rebate.integrations.wire.canonical import (
    der_from_raw,
    private_key_signer,
    public_key_pem,
    signed_info,
)
from rebate.integrations.wire.customs import DeclarationItem, ExportDeclaration
from rebate.integrations.wire.customs.reader import read_declarations
from rebate.integrations.wire.customs.writer import write_declarations
from rebate.integrations.wire.package import (
    GoodsLine,
    PackageHead,
    SummaryRow,
    complete_package,
    parse_filename,
    read_package,
    verify_signature,
    write_package,
    write_unsigned_package,
)
from rebate.integrations.wire.safexml import parse
from rebate.integrations.wire.xsdgen import SCHEMA_DIR, all_formats, render_xsd

KEY = ec.generate_private_key(ec.SECP256R1())
HEAD = PackageHead("4403960D01", "91440300MA5DEMQ01H", "示范企业", "202610", "A0305001", "scsb")
SUMMARY = [SummaryRow(row, Decimal("0.00"), Decimal("0.00")) for row in range(1, 20)]


def _line(number: int, **changes: object) -> GoodsLine:
    values: dict[str, object] = {
        "line_no": f"{number:04d}",
        "item_key": f"530120260001200{number:03d}001",
        "export_date": date(2026, 10, 3),
        "commodity_code": "8471300000",
        "unit": "001",
        "quantity": Decimal("10"),
        "fob_usd": Decimal("100.00"),
        "fob_cny": Decimal("710.00"),
        "levy_rate": Decimal("0.13"),
        "rebate_rate": Decimal("0.13"),
        "business_types": ("HZCJ",) if number == 2 else (),
    }
    values.update(changes)
    return GoodsLine(**values)  # type: ignore[arg-type]


def _package(lines: list[GoodsLine], **forms: list[dict[str, object]]) -> bytes:
    out = io.BytesIO()
    info = write_package(
        out,
        HEAD,
        sections={"TSSB": lines, "SBHZ": SUMMARY, **forms},
        card_no="CK4403000001",
        signer=private_key_signer(KEY),
    )
    assert info.filename == "4403960D01_202610_scsb.xml" and info.line_count == len(lines)
    return out.getvalue()


def test_package_round_trip_and_signature():
    lines = [_line(1), _line(2, fob_usd=Decimal("-5.00"))]
    data = _package(lines, CYSM=[{"sbxh": "1", "ckbgdh": lines[0].item_key, "yysm": "佣金"}])
    read: list[GoodsLine] = []
    content = read_package(io.BytesIO(data), on_main=read.append)
    assert read == lines
    assert content.head == HEAD and content.sections["SBHZ"] == tuple(SUMMARY)
    assert content.sections["CYSM"][0]["yysm"] == "佣金"
    verify_signature(content, public_key_pem(KEY))


def test_reindented_package_still_verifies():
    from lxml import etree

    data = _package([_line(1)])
    pretty = etree.tostring(
        etree.fromstring(data), pretty_print=True, xml_declaration=True, encoding="utf-8"
    )
    verify_signature(read_package(io.BytesIO(pretty)), public_key_pem(KEY))


def test_an_unsigned_package_completed_with_the_browsers_signature_is_the_same_package():
    """The card signs in the browser: written unsigned, completed later, byte for byte the same."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    fixed = KEY.sign(b"any", ec.ECDSA(hashes.SHA256()))  # one signature value for both ways
    lines = [_line(1), _line(2)]
    at_once = io.BytesIO()
    sections = {"TSSB": lines, "SBHZ": SUMMARY}
    info = write_package(
        at_once, HEAD, sections=sections, card_no="CK4403000001", signer=lambda d: fixed
    )
    unsigned = io.BytesIO()
    assert write_unsigned_package(unsigned, HEAD, sections=sections).digest == info.digest
    assert b"<Signature" not in unsigned.getvalue()
    r, s = decode_dss_signature(KEY.sign(signed_info(info.digest), ec.ECDSA(hashes.SHA256())))
    browser = base64.b64encode(r.to_bytes(32, "big") + s.to_bytes(32, "big")).decode()
    completed = io.BytesIO()
    unsigned.seek(0)
    complete_package(
        unsigned, completed, card_no="CK4403000001", digest=info.digest, value=der_from_raw(browser)
    )
    verify_signature(read_package(io.BytesIO(completed.getvalue())), public_key_pem(KEY))
    value = base64.b64encode(fixed).decode()
    unsigned.seek(0)
    same = io.BytesIO()
    complete_package(unsigned, same, card_no="CK4403000001", digest=info.digest, value=value)
    assert same.getvalue() == at_once.getvalue()
    with pytest.raises(WireError, match="签名格式错误"):
        der_from_raw(base64.b64encode(b"short").decode())


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"<rmblaj>710.00</rmblaj>", b"<rmblaj>711.00</rmblaj>"),
        (b"<nsrmc>", b"<nsrmc>X"),
        (b"<cksl>10</cksl>", b"<cksl>11</cksl>"),
    ],
)
def test_any_change_breaks_the_signature(old, new):
    tampered = _package([_line(1)]).replace(old, new, 1)
    with pytest.raises(WireError, match="篡改"):
        verify_signature(read_package(io.BytesIO(tampered)), public_key_pem(KEY))


def test_another_key_fails():
    content = read_package(io.BytesIO(_package([_line(1)])))
    other = public_key_pem(ec.generate_private_key(ec.SECP256R1()))
    with pytest.raises(WireError, match="数字签名验证失败"):
        verify_signature(content, other)


def test_floats_and_excess_places_are_refused_when_writing():
    with pytest.raises(WireError, match="Decimal"):
        _package([_line(1, fob_usd=100.0)])
    with pytest.raises(WireError, match="小数位数"):
        _package([_line(1, fob_usd=Decimal("1.005"))])


@pytest.mark.parametrize(
    "document",
    [
        b'<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>',
        b'<!DOCTYPE r SYSTEM "http://example.com/x.dtd"><r/>',
        b'<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>',
    ],
)
def test_hardened_parser_refuses_doctypes(document):
    with pytest.raises(WireError, match="DOCTYPE"):
        parse(document)


def test_malformed_and_invalid_documents_are_clear_errors():
    with pytest.raises(WireError, match="XML格式错误"):
        read_declarations(io.BytesIO(b"not xml at all"))
    with pytest.raises(WireError, match="不符合数据格式定义"):
        read_declarations(io.BytesIO(b"<DecDownload/>"))


def test_customs_round_trip_keeps_decimals_and_dates():
    item = DeclarationItem(
        1,
        "8471300000",
        "电脑",
        Decimal("2.50000"),
        "001",
        Decimal("2.5"),
        "001",
        Decimal("100"),
        Decimal("250.00"),
        "USD",
        fob_orig=Decimal("240.00"),
        fob_usd=Decimal("240.00"),
        fob_cny=Decimal("1704.00"),
    )
    declaration = ExportDeclaration(
        "530120260001200001",
        "E",
        date(2026, 10, 1),
        "4403960D01",
        "0110",
        "1",
        items=(item,),
        fee_mark="1",
        fee_rate=Decimal("3"),
        clearance_date=date(2026, 10, 3),
    )
    out = io.BytesIO()
    write_declarations(out, "4403960D01", [declaration], "20261001530120260001200001")
    page = read_declarations(io.BytesIO(out.getvalue()))
    assert page.declarations == (declaration,)
    assert b"<FobOrig>240.00</FobOrig>" in out.getvalue()
    assert page.next_cursor == "20261001530120260001200001"
    assert page.declarations[0].items[0].item_key("530120260001200001") == "530120260001200001001"


def test_filename_rules():
    assert parse_filename("4403960D01_202610_scsb.xml") == ("4403960D01", "202610", "scsb")
    with pytest.raises(WireError, match="文件名"):
        parse_filename("../etc/passwd")


def test_committed_xsds_match_the_specifications():
    for fmt in all_formats():
        assert (SCHEMA_DIR / fmt.schema_file).read_bytes() == render_xsd(fmt), fmt.schema_file
