"""报关单导入 of the Single Window's DecMessage XML (one file or a ZIP): stored by the same service
as 信息下载 — idempotent, 改单 detected — and every bad file refused with nothing stored."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from rebate.codes.choices import CodeTable
from rebate.codes.services.reference import load_customs_table
from rebate.core.imports import ImportFailed
from rebate.customs.choices import RevisionKind
from rebate.customs.files.decmessage import read_decmessage
from rebate.customs.models import Declaration, DeclarationItem, DeclarationRevision
from rebate.customs.services import declarations_import, declarations_store
from rebate.goods.services import export_lines_attach_batch

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "decmessage.xml"
FIXTURE_CODE = b"4403960001"
ENTRY = "530420260000770001"


@pytest.fixture
def countries(reference) -> None:
    load_customs_table(CodeTable.COUNTRY)


def xml(enterprise, entry: str = ENTRY, **swaps: str) -> bytes:
    """The fixture as this enterprise's declaration; ``swaps`` replace element texts."""
    data = FIXTURE.read_bytes().replace(FIXTURE_CODE, enterprise.customs_code.encode())
    data = data.replace(ENTRY.encode(), entry.encode())
    for old, new in swaps.items():
        assert old.encode() in data, old
        data = data.replace(old.encode(), new.encode(), 1)
    return data


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def run(enterprise, user, data: bytes, name: str = "报关单.xml"):
    return declarations_import(
        enterprise=enterprise, actor=user, upload=io.BytesIO(data), name=name
    )


def refused(enterprise, user, data: bytes, name: str = "报关单.xml") -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        run(enterprise, user, data, name)
    assert not Declaration.objects.exists(), "a refused import stored something"
    return [f"{e.column}：{e.message}" for e in failed.value.errors]


def test_decmessage_is_stored_like_a_download(enterprise, user, countries) -> None:
    summary = run(enterprise, user, xml(enterprise))
    assert (summary.new, summary.updated, summary.unchanged) == (1, 0, 0)
    d = Declaration.objects.for_enterprise(enterprise).get()
    assert (d.entry_id, d.trade_code, d.trade_mode, d.trans_mode) == (
        ENTRY, enterprise.customs_code, "0110", "1",
    )  # fmt: skip
    assert d.d_date.isoformat() == "2026-03-03" and d.export_month == "202603"
    assert (d.fee_mark, d.fee_rate, d.fee_curr) == ("3", Decimal("60"), "USD")
    assert (d.insur_rate, d.insur_curr, d.other_mark) == (Decimal("0.3"), "", "")
    assert d.gross_wt == Decimal("520.5") and d.pack_no == 20
    first, second = d.items.order_by("g_no")
    assert first.item_key == f"{ENTRY}001" and first.g_model.startswith("0|0|驱动用")
    assert first.second_qty == Decimal("80") and first.fob_usd is None
    assert second.trade_curr == "USD", "the old numeric 币制 502 is read as USD"


def test_reimport_is_idempotent(enterprise, user, countries) -> None:
    run(enterprise, user, xml(enterprise))
    summary = run(enterprise, user, xml(enterprise))
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 1)
    assert DeclarationItem.objects.count() == 2 and not DeclarationRevision.objects.exists()


def test_file_of_a_downloaded_declaration_keeps_customs_figures(enterprise, user, countries):
    """The download carries customs' 离岸价; the same declaration as a file is not a 改单."""
    base = read_decmessage(xml(enterprise))
    figures = {"fob_usd": Decimal("950.00"), "fob_cny": Decimal("6745.00")}
    downloaded = replace(base, items=tuple(replace(i, **figures) for i in base.items))
    declarations_store(enterprise=enterprise, actor=user, declarations=[downloaded])
    summary = run(enterprise, user, xml(enterprise))
    assert summary.unchanged == 1 and not DeclarationRevision.objects.exists()
    assert DeclarationItem.objects.get(g_no=1).fob_usd == Decimal("950.00")


def test_changed_file_is_a_revision(enterprise, user, countries) -> None:
    run(enterprise, user, xml(enterprise))
    changed = xml(enterprise, **{"<FirstQty>100</FirstQty>": "<FirstQty>90</FirstQty>"})
    summary = run(enterprise, user, changed)
    assert summary.updated == 1
    revision = DeclarationRevision.objects.get()
    assert revision.kind == RevisionKind.APPLIED
    assert {"item": "1", "field": "法定第一数量", "old": "100", "new": "90"} in revision.changes
    assert DeclarationItem.objects.get(g_no=1).first_qty == Decimal("90")


def test_changed_file_of_a_declared_line_is_held(enterprise, user, countries) -> None:
    from .test_download import _generate_lines_for

    run(enterprise, user, xml(enterprise))
    line_ids = _generate_lines_for(Declaration.objects.get())
    export_lines_attach_batch(
        enterprise=enterprise, actor=user, line_ids=line_ids, batch_id=7, status="generated"
    )
    summary = run(enterprise, user, xml(enterprise, **{"<DeclTotal>1000.00": "<DeclTotal>990.00"}))
    assert summary.held == 1 and "改单" in summary.warnings[0]
    assert DeclarationRevision.objects.get().kind == RevisionKind.HELD
    assert DeclarationItem.objects.get(g_no=1).decl_total == Decimal("1000.00")


def test_zip_of_several_files(enterprise, user, countries) -> None:
    other = "530420260000770002"
    data = zipped({"a/1.xml": xml(enterprise), "a/2.xml": xml(enterprise, entry=other)})
    summary = run(enterprise, user, data, "报关单.zip")
    assert summary.new == 2
    assert set(Declaration.objects.values_list("entry_id", flat=True)) == {ENTRY, other}


def test_one_bad_file_in_the_zip_stores_nothing(enterprise, user, countries) -> None:
    bad = xml(enterprise, entry="530420260000770002", **{"<CodeTS>8501109990": "<CodeTS>85011"})
    errors = refused(enterprise, user, zipped({"1.xml": xml(enterprise), "2.xml": bad}), "x.zip")
    assert len(errors) == 1 and errors[0].startswith("2.xml：XML不符合数据格式定义")
    assert "CodeTS" in errors[0] and "85011" in errors[0]


def test_not_xml(enterprise, user, countries) -> None:
    errors = refused(enterprise, user, xml(enterprise)[:900], "a.xml")
    assert errors and "XML格式错误" in errors[0]
    errors = refused(enterprise, user, b"\x00\x01 not a file", "a.bin")
    assert "XML" in errors[0]


def test_wrong_root_or_namespace(enterprise, user, countries) -> None:
    plain = xml(enterprise).replace(b' xmlns="http://www.chinaport.gov.cn/dec"', b"")
    assert "根元素应为DecMessage" in refused(enterprise, user, plain)[0]
    field_only = b'<EntryId xmlns="http://www.chinaport.gov.cn/dec">530420260000770001</EntryId>'
    assert "根元素应为DecMessage" in refused(enterprise, user, field_only)[0]


def test_missing_and_bad_fields_are_all_named(enterprise, user, countries) -> None:
    data = xml(
        enterprise,
        **{
            "<TradeMode>0110</TradeMode>": "",
            "<IEDate>20260305": "<IEDate>20261305",
            "<GName>针织衫</GName>": "<GName></GName>",
            "<TradeCurr>502": "<TradeCurr>999",
        },
    )
    errors = refused(enterprise, user, data)
    assert any("表头缺少监管方式（TradeMode）" in e for e in errors), errors
    assert any("表头进出口日期（IEDate）日期「20261305」不存在" in e for e in errors), errors
    assert any("第2个商品项缺少商品名称（GName）" in e for e in errors), errors
    assert any("币制代码「999」不存在" in e for e in errors), errors


def test_xxe_and_entity_expansion_are_refused(enterprise, user, countries, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("4403960001")
    external = (
        xml(enterprise)
        .replace(
            b"<DecMessage ",
            f'<!DOCTYPE DecMessage [<!ENTITY x SYSTEM "file://{secret}">]>\n<DecMessage '.encode(),
        )
        .replace(b"<TradeName>", b"<TradeName>&x;")
    )
    assert "不允许包含DOCTYPE或实体声明" in refused(enterprise, user, external)[0]
    laughs = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;">]>'
    assert "不允许包含DOCTYPE" in refused(enterprise, user, laughs + b"<DecMessage/>")[0]
    undeclared = xml(enterprise).replace(b"<TradeName>", b"<TradeName>&x;", 1)
    assert "XML格式错误" in refused(enterprise, user, undeclared)[0]


def test_oversize_file_and_archive(enterprise, user, countries, monkeypatch) -> None:
    monkeypatch.setattr("rebate.customs.services.files.MAX_XML_BYTES", 2000)
    assert "文件过大" in refused(enterprise, user, xml(enterprise))[0]
    in_zip = refused(enterprise, user, zipped({"big.xml": xml(enterprise)}), "x.zip")
    assert len(in_zip) == 1 and in_zip[0].startswith("big.xml：文件过大")
    monkeypatch.setattr("rebate.customs.services.files.MAX_XML_FILES", 2)
    three = zipped({f"{n}.xml": xml(enterprise, entry=f"53042026000077000{n}") for n in "123"})
    assert "压缩包内文件过多" in refused(enterprise, user, three, "x.zip")[0]
    monkeypatch.setattr("rebate.core.uploads.MAX_INFLATED_BYTES", 1000)
    assert "解压后过大" in refused(enterprise, user, zipped({"1.xml": xml(enterprise)}), "x.zip")[0]


def test_archive_of_other_files_is_refused(enterprise, user, countries) -> None:
    errors = refused(
        enterprise, user, zipped({"1.xml": xml(enterprise), "x.pdf": b"%PDF"}), "z.zip"
    )
    assert errors == ["x.pdf：压缩包中只能有报关单XML文件"]
    errors = refused(enterprise, user, zipped({"1.xml": xml(enterprise), "2.xml": xml(enterprise)}))
    assert errors == [f"—：报关单{ENTRY}在压缩包中出现2次"]


def test_another_enterprises_declaration_is_refused(enterprise, user, countries) -> None:
    """Tenant isolation: a file naming another 境内发货人 is never stored under this enterprise."""
    from rebate.accounts.tests.factories import make_user

    other = make_user()
    run(other.enterprise, other, xml(other.enterprise))
    with pytest.raises(ImportFailed) as failed:
        run(enterprise, user, xml(other.enterprise))
    assert "不是本企业" in failed.value.errors[0].message
    assert not Declaration.objects.for_enterprise(enterprise).exists()
    assert Declaration.objects.for_enterprise(other.enterprise).count() == 1
