"""The business registry: a business registered here (in a test) travels in the shared envelope
with no writer, reader or schema code written for it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from lxml import etree

from rebate.integrations.wire import WireError
from rebate.integrations.wire.canonical import private_key_signer, public_key_pem
from rebate.integrations.wire.package import (
    BUSINESS_CODE,
    BusinessSpec,
    PackageHead,
    PeriodKind,
    Section,
    business,
    business_by_short_name,
    businesses,
    complete_package,
    package_format,
    parse_filename,
    parse_package_filename,
    read_package,
    register_business,
    unregister_business,
    verify_signature,
    write_package,
    write_unsigned_package,
)
from rebate.integrations.wire.spec import Field, Kind, RecordSpec
from rebate.integrations.wire.xsdgen import all_formats, render_xsd

KEY = ec.generate_private_key(ec.SECP256R1())
CODE = "4403960D01"

LINES = RecordSpec(
    "Record",
    "测试申报明细",
    (
        Field("sbxh", "line_no", label="申报序号", required=True, max_length=10),
        Field("hth", "contract_no", label="合同号", max_length=40),
        Field("je", "amount", Kind.AMOUNT, "金额", required=True),
        Field("rq", "day", Kind.DATE, "日期"),
    ),
)
NOTES = RecordSpec("Row", "测试说明", (Field("sm", "text", label="说明", required=True),))

YEARLY = BusinessSpec(
    code="T0000001",
    short_name="tsnd",
    label="测试年度申报",
    period_kind=PeriodKind.YEAR,
    published=False,
    sections=(Section("CSMX", LINES, required=True), Section("CSSM", NOTES)),
)
FILING = BusinessSpec(
    code="T0000002",
    short_name="tsba",
    label="测试备案",
    period_kind=PeriodKind.NONE,
    self_check=False,
    published=False,
    sections=(Section("BAMX", LINES, required=True),),
)


@pytest.fixture
def registered() -> Iterator[None]:
    register_business(YEARLY)
    register_business(FILING)
    yield
    unregister_business(YEARLY.code)
    unregister_business(FILING.code)


def _head(spec: BusinessSpec, period: str) -> PackageHead:
    return PackageHead(CODE, "91440300MA5DEMQ01H", "示范企业", period, spec.code, spec.short_name)


def _line(number: int, **changes: object) -> dict[str, object]:
    return {"line_no": f"{number:04d}", "amount": Decimal("12.50"), **changes}


def _signed(spec: BusinessSpec, period: str, **sections: list[dict[str, object]]) -> bytes:
    out = io.BytesIO()
    write_package(
        out, _head(spec, period), sections=sections, card_no="CK4403000001",
        signer=private_key_signer(KEY),
    )  # fmt: skip
    return out.getvalue()


def test_a_test_business_round_trips_in_the_shared_envelope(registered):
    lines = [_line(1, contract_no="HT-1", day=date(2026, 3, 1)), _line(2)]
    out = io.BytesIO()
    info = write_package(
        out, _head(YEARLY, "2026"), sections={"CSMX": lines, "CSSM": [{"text": "无"}]},
        card_no="CK4403000001", signer=private_key_signer(KEY),
    )  # fmt: skip
    assert info.filename == "4403960D01_2026_tsnd.xml"
    assert (info.line_count, info.record_counts) == (2, {"CSMX": 2, "CSSM": 1})
    data = out.getvalue()
    assert b'xmlns="urn:ckts:wire:package:tsnd:1"' in data and b"<sbnd>2026</sbnd>" in data
    read: list[dict[str, object]] = []
    content = read_package(io.BytesIO(data), on_main=read.append)
    assert content.business is YEARLY and content.head == _head(YEARLY, "2026")
    assert read == [
        {"line_no": "0001", "contract_no": "HT-1", "amount": Decimal("12.50"),
         "day": date(2026, 3, 1)},
        {"line_no": "0002", "amount": Decimal("12.50")},
    ]  # fmt: skip
    assert content.sections == {"CSSM": ({"text": "无"},)}
    verify_signature(content, public_key_pem(KEY))


def test_each_record_of_a_section_can_stream_to_a_callback(registered):
    data = _signed(YEARLY, "2026", CSMX=[_line(1)], CSSM=[{"text": "甲"}, {"text": "乙"}])
    seen: list[tuple[str, object]] = []
    content = read_package(io.BytesIO(data), on_record=lambda name, r: seen.append((name, r)))
    assert seen == [("CSSM", {"text": "甲"}), ("CSSM", {"text": "乙"})]
    assert content.line_count == 1 and content.sections == {"CSSM": ()}


def test_the_business_xsd_is_generated_and_validates_its_documents(registered):
    schema = etree.XMLSchema(etree.fromstring(render_xsd(package_format(YEARLY))))
    data = _signed(YEARLY, "2026", CSMX=[_line(1)])
    assert schema.validate(etree.fromstring(data))
    wrong = data.replace(b"<je>12.50</je>", b"<je>12.505</je>")
    assert not schema.validate(etree.fromstring(wrong))
    with pytest.raises(WireError, match="XML不符合数据格式定义"):
        read_package(io.BytesIO(wrong))
    assert YEARLY.schema_file not in {fmt.schema_file for fmt in all_formats()}  # unpublished


def test_a_filing_without_period_is_named_by_its_sequence_number(registered):
    out = io.BytesIO()
    info = write_unsigned_package(out, _head(FILING, "0007"), sections={"BAMX": [_line(1)]})
    assert info.filename == "4403960D01_XH0007_tsba.xml"
    assert b"<sqxh>0007</sqxh>" in out.getvalue()
    signed = io.BytesIO()
    out.seek(0)
    complete_package(out, signed, card_no="CK4403000001", digest=info.digest, value="AAAA")
    assert b'<Signature xmlns="urn:ckts:wire:package:tsba:1">' in signed.getvalue()
    assert parse_package_filename(info.filename) == (CODE, "0007", FILING)
    assert parse_filename("4403960D01_2026_tsnd.xml") == (CODE, "2026", "tsnd")
    with pytest.raises(WireError, match="XH加申请序号"):
        parse_filename("4403960D01_0007_tsba.xml")
    with pytest.raises(WireError, match="申报年YYYY"):
        parse_filename("4403960D01_202601_tsnd.xml")


def test_unknown_sections_businesses_and_periods_are_refused(registered):
    with pytest.raises(WireError, match=r"未知的申报表：\['TSSB'\]"):
        write_unsigned_package(
            io.BytesIO(), _head(YEARLY, "2026"), sections={"CSMX": [], "TSSB": []}
        )
    with pytest.raises(WireError, match="缺少申报表"):
        write_unsigned_package(io.BytesIO(), _head(YEARLY, "2026"), sections={"CSSM": []})
    with pytest.raises(WireError, match="申报年“202601”格式错误"):
        write_unsigned_package(io.BytesIO(), _head(YEARLY, "202601"), sections={"CSMX": []})
    with pytest.raises(WireError, match="未知字段"):
        write_unsigned_package(
            io.BytesIO(), _head(YEARLY, "2026"), sections={"CSMX": [_line(1, colour="红")]}
        )
    unknown = PackageHead(CODE, "91440300MA5DEMQ01H", "示范企业", "2026", "T9999999", "tsxx")
    with pytest.raises(WireError, match=r"不受理业务“T9999999”.*T0000001 tsnd"):
        write_unsigned_package(io.BytesIO(), unknown, sections={})
    with pytest.raises(WireError, match="不受理业务“tsxx”"):
        parse_filename("4403960D01_2026_tsxx.xml")
    with pytest.raises(WireError, match="业务简称"):
        register_business(BusinessSpec("T0000003", "tsnd", "重名", YEARLY.sections))


def test_the_registry_lists_and_finds_businesses(registered):
    assert business(BUSINESS_CODE).short_name == "scsb"
    assert business_by_short_name("tsnd") is YEARLY
    assert {spec.code for spec in businesses()} >= {BUSINESS_CODE, YEARLY.code, FILING.code}
    unregister_business(YEARLY.code)
    with pytest.raises(WireError, match="不受理业务"):
        business(YEARLY.code)
    register_business(YEARLY)


def test_the_mdt_summary_rule_is_the_sections_own(registered):
    spec = business(BUSINESS_CODE)
    with pytest.raises(WireError, match="第1至19栏"):
        spec.section("SBHZ").check_keys(range(1, 19))
    spec.section("SBHZ").check_keys(range(19, 0, -1))
    assert spec.main.name == "TSSB" and not YEARLY.section("CSMX").exact_keys
