"""报关单导入 of a broker's Excel (a row per 商品项, 表头 repeated), the template, the dialog."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from rebate.core.imports import ImportFailed
from rebate.core.models import Job, JobStatus
from rebate.customs.models import Declaration, DeclarationRevision
from rebate.customs.services import declarations_import

from .test_files import ENTRY, xml

pytestmark = pytest.mark.django_db
SECOND = "530420260000770002"
# A broker's own layout: other column names and order than the template, and a column not read.
HEADER = ["海关编号", "项号", "商品编码", "商品名称", "规格型号", "成交数量", "成交单位",
          "法定第一数量", "法定第一单位", "单价", "总价", "币制", "最终目的国", "出口日期",
          "申报日期", "境内收发货人代码", "监管方式", "成交方式", "合同协议号", "备注"]  # fmt: skip


def row(entry: str, g_no: int, hs: str, **over: Any) -> list[Any]:
    values: dict[str, Any] = {
        "海关编号": entry, "项号": g_no, "商品编码": hs, "商品名称": "微电机",
        "规格型号": "0|0|驱动用", "成交数量": 100, "成交单位": 1, "法定第一数量": 100,
        "法定第一单位": 1, "单价": 10, "总价": 1000, "币制": "USD", "最终目的国": "USA",
        "出口日期": "20260305", "申报日期": "2026-03-03", "境内收发货人代码": over.pop("trader"),
        "监管方式": "0110", "成交方式": 3, "合同协议号": "HT-9", "备注": "不读",
    }  # fmt: skip
    values.update(over)
    return [values[h] for h in HEADER]


def sheet(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    workbook = Workbook()
    ws: Any = workbook.active
    ws.append(header)
    for values in rows:
        ws.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def good_rows(code: str) -> list[list[Any]]:
    return [
        row(ENTRY, 1, "8501109990", trader=code),
        row(ENTRY, 2, "6110200090", trader=code, 商品名称="针织衫", 总价=Decimal("512.50")),
        row(SECOND, 1, "8501109990", trader=code, 出口日期="20260310"),
    ]


def run(enterprise, user, data: bytes):
    upload = io.BytesIO(data)
    return declarations_import(enterprise=enterprise, actor=user, upload=upload, name="报关.xlsx")


def test_broker_sheet_is_stored_per_declaration(enterprise, user, reference) -> None:
    summary = run(enterprise, user, sheet(good_rows(enterprise.customs_code)))
    assert summary.new == 2
    first = Declaration.objects.get(entry_id=ENTRY)
    assert first.items.count() == 2 and first.contr_no == "HT-9" and first.trans_mode == "3"
    assert first.d_date.isoformat() == "2026-03-03"
    item = first.items.get(g_no=2)
    assert item.decl_total == Decimal("512.50") and item.g_unit == "001", "a number cell 1 → 001"
    assert Declaration.objects.get(entry_id=SECOND).ie_date.isoformat() == "2026-03-10"
    again = run(enterprise, user, sheet(good_rows(enterprise.customs_code)))
    assert (again.new, again.unchanged) == (0, 2)


def test_broker_sheet_after_the_xml_is_a_revision(enterprise, user, reference) -> None:
    """The same declaration by two routes: the sheet's other 总价 is a 改单 of the XML's."""
    from .test_files import run as run_xml

    run_xml(enterprise, user, xml(enterprise).replace(b"<TradeCurr>502", b"<TradeCurr>USD"))
    rows = [row(ENTRY, 1, "8501109990", trader=enterprise.customs_code, 总价=900)]
    summary = run(enterprise, user, sheet(rows))
    assert summary.updated == 1
    changes = DeclarationRevision.objects.get().changes
    assert {"item": "1", "field": "申报总价", "old": "1000", "new": "900"} in changes
    assert {"item": "2", "field": "商品项", "old": "针织衫", "new": "删除"} in changes


def test_bad_rows_are_named_at_their_row_and_column(enterprise, user, reference) -> None:
    code = enterprise.customs_code
    rows = [
        row(ENTRY, 1, "8501109990", trader=code),
        row(ENTRY, 1, "85011099", trader=code, 出口日期="20260306", 总价="一千"),
        row(SECOND, 1, "8501109990", trader="4403999999", 币制="", 出口日期="2026-02-30"),
    ]
    with pytest.raises(ImportFailed) as failed:
        run(enterprise, user, sheet(rows))
    found = {(e.row, e.column): e.message for e in failed.value.errors}
    assert found[(3, "商品编号")] == "「85011099」格式不正确（应为10位数字）"
    assert found[(3, "总价")] == "「一千」不是数字"
    assert (
        found[(3, "出口日期")].startswith("与第2行（同一报关单")
        and "不一致" in found[(3, "出口日期")]
    )
    assert found[(3, "项号")] == f"项号1与第2行重复（同一报关单{ENTRY}）"
    assert found[(4, "币制")] == "币制为必填项"
    assert found[(4, "出口日期")] == "日期「2026-02-30」不存在"
    assert "不是本企业的海关代码" in found[(4, "境内发货人代码")]
    assert not Declaration.objects.exists()


def test_missing_required_column(enterprise, user, reference) -> None:
    header = [h for h in HEADER if h != "商品编码"]
    with pytest.raises(ImportFailed) as failed:
        run(enterprise, user, sheet([], header))
    assert [(e.row, e.message) for e in failed.value.errors] == [(1, "缺少必填列「商品编号」")]


def test_long_number_cell_is_refused(enterprise, user, reference) -> None:
    rows = [row(ENTRY, 1, "8501109990", trader=enterprise.customs_code, 海关编号=int(ENTRY))]
    with pytest.raises(ImportFailed) as failed:
        run(enterprise, user, sheet(rows))
    assert "数字格式会丢失末位" in failed.value.errors[0].message


@pytest.fixture
def client_in(client, user):
    client.force_login(user)
    return client


def test_template_round_trip(client_in, enterprise, user, reference) -> None:
    response = client_in.get(reverse("customs:declaration_template"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    ws = workbook.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["报关单号", "统一编号", "进出口标志"] and "商品编号" in header
    assert workbook.worksheets[1].title == "填写说明"
    values = {"报关单号": ENTRY, "出口日期": "20260305", "境内发货人代码": enterprise.customs_code,
              "监管方式": "0110", "成交方式": "3", "项号": "1", "商品编号": "8501109990",
              "商品名称": "微电机", "成交数量": "10", "成交计量单位": "001", "法定第一数量": "10",
              "法定第一计量单位": "001", "单价": "1", "总价": "10", "币制": "USD"}  # fmt: skip
    ws.append([values.get(h, "") for h in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert run(enterprise, user, buffer.getvalue()).new == 1


def test_dialog_imports_and_shows_errors(client_in, enterprise, reference) -> None:
    url = reverse("customs:declaration_import")
    assert "报关单导入" in client_in.get(reverse("customs:declarations")).content.decode()
    assert "下载Excel模板" in client_in.get(url).content.decode()
    upload = SimpleUploadedFile("报关单.xml", xml(enterprise).replace(b"502", b"USD"))
    html = client_in.post(url, {"file": upload}).content.decode()
    assert "导入成功，共1张：新增1张" in html
    bad = SimpleUploadedFile("坏.xml", xml(enterprise, **{"<IEFlag>E": "<IEFlag>X"}))
    html = client_in.post(url, {"file": bad}).content.decode()
    assert "导入失败，没有保存任何报关单" in html and "坏.xml" in html and "IEFlag" in html


def test_large_file_runs_as_a_job(
    client_in, enterprise, reference, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    monkeypatch.setattr("rebate.customs.views.INLINE_MAX_BYTES", 100)
    url = reverse("customs:declaration_import")
    with django_capture_on_commit_callbacks(execute=True):
        html = client_in.post(
            url, {"file": SimpleUploadedFile("a.xml", b"<x/>" + b" " * 200)}
        ).content
    job = Job.objects.get(kind="customs.import")
    assert job.status == JobStatus.FAILED and 'data-import-job="' in html.decode()
    shown = client_in.get(url, {"job": job.pk}).content.decode()
    assert "导入失败，没有保存任何报关单" in shown and "根元素应为DecMessage" in shown
    with django_capture_on_commit_callbacks(execute=True):
        client_in.post(url, {"file": SimpleUploadedFile("b.xml", xml(enterprise))})
    done = Job.objects.filter(kind="customs.import").latest("pk")
    assert done.status == JobStatus.SUCCEEDED and "新增1张" in done.result["summary"]


def test_another_enterprises_job_is_not_shown(client, enterprise, reference) -> None:
    from rebate.accounts.tests.factories import make_user

    owner, intruder = make_user(), make_user()
    errors = [{"row": 0, "column": "秘密.xml", "message": "m"}]
    job = Job.objects.create(
        enterprise=owner.enterprise, created_by=owner, kind="customs.import", label="x",
        status=JobStatus.FAILED, result={"errors": errors},
    )  # fmt: skip
    client.force_login(intruder)
    html = client.get(reverse("customs:declaration_import"), {"job": job.pk}).content.decode()
    assert "秘密.xml" not in html and "下载Excel模板" in html
