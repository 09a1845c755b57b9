"""Bad input to each bureau endpoint: a clear Chinese error and nothing changed."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from rebate.integrations.wire.canonical import private_key_signer
from rebate.integrations.wire.package import read_package
from sim.generator.packages import period_lines, summary_rows
from sim.generator.testing import OTHER, SMALL
from sim.taxbureau.models import Doubt, Submission

from .helpers import get, package, submit

CODE = SMALL.customs_code


@pytest.fixture
def unchanged(seeded_db):
    before = Submission.objects.count(), Doubt.objects.count()
    yield
    assert (Submission.objects.count(), Doubt.objects.count()) == before


def _refused(response, status, words):
    assert response.status_code == status, response.content
    assert words in response.json()["error"]


def test_malformed_xml(client, unchanged):
    filename, data = package(CODE, "202609")
    cut = data.index(b"</Record>") + len(b"</Record>")
    _refused(submit(client, CODE, filename, data[:cut] + b"<Record><sbxh>1</Record>"), 400,
             "XML格式错误")  # fmt: skip


def test_wrong_document(client, unchanged):
    _refused(submit(client, CODE, f"{CODE}_202609_scsb.xml", b"<Other/>"), 400,
             "不符合数据格式定义")  # fmt: skip


def test_document_with_a_doctype_is_refused(client, unchanged):
    filename, data = package(CODE, "202609")
    evil = data.replace(
        b"<DeclarationPackage", b'<!DOCTYPE x [<!ENTITY e "zz">]><DeclarationPackage', 1
    )
    _refused(submit(client, CODE, filename, evil), 400, "DOCTYPE")


def test_invalid_against_the_schema(client, unchanged):
    filename, data = package(CODE, "202609")
    broken = data.replace(b"<mylaj>", b"<mylaj>x", 1)
    _refused(submit(client, CODE, filename, broken), 400, "不符合数据格式定义")


def test_unknown_enterprise(client, unchanged):
    _refused(submit(client, "0000000000", "0000000000_202609_scsb.xml", b"<x/>"), 404,
             "未在税务机关办理出口退（免）税备案")  # fmt: skip


def test_package_of_another_enterprise(client, unchanged):
    filename, data = package(CODE, "202609")
    _refused(submit(client, CODE, filename, data, caller=OTHER.customs_code), 403,
             f"不能由企业{OTHER.customs_code}申报")  # fmt: skip


def test_tampered_package(client, unchanged):
    filename, data = package(CODE, "202609")
    content = read_package(__import__("io").BytesIO(data))
    assert content.line_count
    tampered = data.replace(b"<cksl>", b"<cksl>1", 1)
    _refused(submit(client, CODE, filename, tampered), 403, "篡改")


def test_signature_by_an_unregistered_key(client, unchanged, monkeypatch):
    from sim.generator import packages

    stranger = private_key_signer(ec.generate_private_key(ec.SECP256R1()))
    monkeypatch.setattr(packages, "card_signer", lambda code: (f"SG{code}", stranger))
    filename, data = package(CODE, "202609")
    _refused(submit(client, CODE, filename, data), 403, "数字签名验证失败")


def test_filename_and_head_must_agree(client, unchanged):
    _, data = package(CODE, "202609")
    _refused(submit(client, CODE, f"{CODE}_202608_scsb.xml", data), 400, "不一致")
    _refused(submit(client, CODE, "package.xml", data), 400, "文件名")


def test_receipt_of_another_enterprise_is_not_found(client, seeded_db):
    history = Submission.objects.get(enterprise__customs_code=CODE, period="202607")
    response = get(client, OTHER.customs_code, f"/packages/{history.receipt_no}")
    assert response.status_code == 404


def test_summary_must_have_nineteen_rows(client, unchanged):
    from rebate.calc.periods import Period
    from sim.generator import packages

    lines = period_lines(CODE, Period(2026, 9))
    rows = summary_rows(Period(2026, 9), lines)
    assert len(rows) == 19
    filename, data = packages.reference_package(CODE, Period(2026, 9), lines)
    start = data.index(b"<Row")
    end = data.index(b"</Row>", start) + len(b"</Row>")
    _refused(submit(client, CODE, filename, data[:start] + data[end:]), 400, "第1至19栏")


@pytest.mark.parametrize(
    ("path", "params", "status", "words"),
    [
        ("/packages/NOPE", {}, 404, "未找到受理回执号"),
        ("/packages/NOPE/doubts", {}, 404, "未找到受理回执号"),
        ("/feedback/review", {"period": "202607", "business": "xyz"}, 400, "不受理业务“xyz”"),
        ("/feedback/review", {"period": "202607"}, 400, "缺少参数business"),
        ("/feedback/review", {"period": "26", "business": "A0305001"}, 400, "所属期"),
        ("/feedback/processing", {"year": "abc"}, 400, "整数"),
        ("/feedback/processing", {"year": "1900"}, 400, "核销年度"),
    ],
)
def test_bad_queries(client, unchanged, path, params, status, words):
    _refused(get(client, CODE, path, **params), status, words)


@pytest.mark.parametrize(
    "path", ["/packages/X", "/feedback/review", "/feedback/processing", "/feedback/filings"]
)
def test_unknown_caller(client, unchanged, path):
    _refused(get(client, "0000000000", path, period="202607", year="2026"), 404, "备案")


def test_revoke_needs_json(client, seeded_db):
    from .helpers import post

    history = Submission.objects.get(enterprise__customs_code=CODE, period="202607")
    _refused(post(client, CODE, f"/packages/{history.receipt_no}/revoke", b"[1"), 400,
             "请求格式错误")  # fmt: skip
