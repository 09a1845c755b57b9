"""商品代码 pages (PZ-09, PZ-10) and the reference-data pages."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rebate.codes.models import DeadlineRule, ExchangeRate, RateLibraryVersion
from rebate.codes.services import exchange_rate_set, load_default_deadline_rules
from rebate.codes.services.samplelib import SAMPLE_VERSION
from rebate.integrations.testing import onboard_rates

from .archive import Row
from .test_rate_lookup import LIBRARY


def error_next_to(html: str, field: str) -> str:
    match = re.search(rf'class="conv-error" data-for="{field}">([^<]*)<', html)
    return match.group(1) if match else ""


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "labels"),
    [
        (
            "codes:rebate_codes",
            [
                "退税商品码",
                "商品代码",
                "商品名称",
                "计量单位",
                "征税率",
                "退税率",
                "有效期起",
                "有效期止",
                "适用日期",
                "文库版本",
            ],
        ),
        ("codes:nonrefundable_codes", ["不退税或免税商品码", "退税标志", "禁止出口或出口不退税"]),
    ],
)
def test_code_pages_render_with_labels(signed_in, library, name, labels) -> None:
    library(LIBRARY, version="2026B")
    html = signed_in.get(reverse(name)).content.decode()
    for label in labels:
        assert label in html, label
    assert "2026B" in html and "样例文库" not in html


@pytest.mark.django_db
def test_date_answers_what_applied(signed_in, library) -> None:
    library(LIBRARY, version="2026B")
    url = reverse("codes:rebate_codes")
    html = signed_in.get(url, {"code": "8507", "on_date": "2024-11-30"}).content.decode()
    assert "13%" in html and "9%" not in html and "2024-11-30" in html
    html = signed_in.get(url, {"code": "8507", "on_date": "2024-12-01"}).content.decode()
    assert "9%" in html and "长期" in html
    html = signed_in.get(url, {"name": "灯具"}).content.decode()
    assert "940540000001" in html and "8507600090" not in html
    html = signed_in.get(reverse("codes:nonrefundable_codes")).content.decode()
    assert "761699000002" in html and "761699000001" not in html and "8507600090" not in html


@pytest.mark.django_db
def test_bad_code_shows_a_chinese_message_next_to_the_field(signed_in, library) -> None:
    library(LIBRARY, version="2026B")
    response = signed_in.get(reverse("codes:rebate_codes"), {"code": "85ab"})
    assert response.status_code == 400
    assert error_next_to(response.content.decode(), "code") == "商品代码只能包含数字"
    assert "没有符合条件的商品代码" in response.content.decode()


@pytest.mark.django_db
def test_sample_library_is_labelled(signed_in) -> None:
    from django.core.management import call_command

    call_command("load_reference_data")
    html = signed_in.get(reverse("codes:rebate_codes"), {"code": "850760"}).content.decode()
    assert SAMPLE_VERSION in html and "样例文库，非官方数据，不可作为申报依据" in html
    html = signed_in.get(reverse("codes:nonrefundable_codes")).content.decode()
    assert "样例文库" in html


@pytest.mark.django_db
def test_library_import_page_is_for_administrators(client, user, staff, archive) -> None:
    url = reverse("codes:rate_libraries")
    upload = archive([Row("8507600090")], name="CMCODE2026B.zip")
    client.force_login(user)
    assert "需要系统管理员权限" in client.get(url).content.decode()
    data = {"archive": SimpleUploadedFile("CMCODE2026B.zip", upload.read_bytes())}
    assert client.post(url, data).status_code == 403
    client.force_login(staff)
    bad = {"archive": SimpleUploadedFile("CMCODE2026X.zip", b"garbage")}
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "不是有效的zip压缩包" in error_next_to(response.content.decode(), "archive")
    assert not RateLibraryVersion.objects.exists()
    data = {"archive": SimpleUploadedFile("CMCODE2026B.zip", upload.read_bytes())}
    response = client.post(url, data, follow=True)
    assert "已导入退税率文库 2026B（1 条），已启用" in response.content.decode()
    assert RateLibraryVersion.objects.get().active


@pytest.mark.django_db
def test_activate_a_version(client, staff, library) -> None:
    library([Row("8507600090", tsl=13)], version="A")
    library([Row("8507600090", tsl=9)], version="B")
    client.force_login(staff)
    client.post(reverse("codes:rate_library_activate", args=["A"]))
    assert RateLibraryVersion.objects.get(active=True).version == "A"


@pytest.mark.django_db
def test_exchange_rate_pages(client, user, staff, small_tables) -> None:
    row = exchange_rate_set(
        currency="USD", on_date=date(2026, 3, 2), rate=Decimal("7.1"), actor=staff
    )
    client.force_login(user)
    html = client.get(reverse("codes:exchange_rates"), {"currency": "USD"}).content.decode()
    assert "人民币汇率中间价" in html and "7.100000" in html
    assert client.get(reverse("codes:exchange_rate_add")).status_code == 403
    client.force_login(staff)
    edit = reverse("codes:exchange_rate_edit", args=[row.pk])
    response = client.post(edit, {"rate": "7.2"})
    assert response.status_code == 400
    assert "必须填写修改原因" in error_next_to(response.content.decode(), "reason")
    client.post(edit, {"rate": "7.2", "reason": "更正"})
    row.refresh_from_db()
    assert row.rate == Decimal("7.200000")
    html = client.get(reverse("codes:exchange_rate_history", args=[row.pk])).content.decode()
    assert "更正" in html and "7.100000" in html
    add = client.post(
        reverse("codes:exchange_rate_add"),
        {"currency": "EUR", "on_date": "2026-03-02", "rate": "-1"},
    )
    assert "中间价必须大于0" in error_next_to(add.content.decode(), "rate")
    upload = SimpleUploadedFile("r.csv", "日期,美元\n2026-03-03,710.25\n".encode())
    response = client.post(reverse("codes:exchange_rates_import"), {"upload": upload}, follow=True)
    assert "新增 1 条" in response.content.decode()
    bad = SimpleUploadedFile("r.csv", "日期,美元\n2026-03-04,x\n".encode())
    response = client.post(reverse("codes:exchange_rates_import"), {"upload": bad})
    assert "第2行「美元」" in error_next_to(response.content.decode(), "upload")
    assert ExchangeRate.objects.count() == 2


@pytest.mark.django_db
def test_empty_exchange_rates_say_what_to_do_next(client, user, staff) -> None:
    """The empty table tells each reader what comes next: a clerk that the administrator fills
    it, the administrator which of the buttons above does it — and only they see the buttons."""
    assert not ExchangeRate.objects.exists()
    client.force_login(user)
    html = client.get(reverse("codes:exchange_rates")).content.decode()
    assert "没有数据：人民币汇率中间价由管理员下载或导入后在此列出。" in html
    assert 'id="btn-download"' not in html
    client.force_login(staff)
    html = client.get(reverse("codes:exchange_rates")).content.decode()
    assert "没有数据：点击「下载汇率」下载人民币汇率中间价，或点击「新建」「导入」录入。" in html
    assert all(f'id="btn-{b}"' in html for b in ("add", "download", "import"))


@pytest.mark.django_db
def test_deadline_rule_pages(client, user, staff) -> None:
    load_default_deadline_rules()
    rule = DeadlineRule.objects.get(rule_id="D2026_36M")
    client.force_login(user)
    html = client.get(reverse("codes:deadline_rules")).content.decode()
    assert "申报期限规则" in html and "D2012_APRIL" in html
    assert client.get(reverse("codes:deadline_rule_edit", args=[rule.pk])).status_code == 403
    client.force_login(staff)
    data = {
        "purpose": "LIMIT",
        "export_date_from": "2026-01-01",
        "kind": "MONTHS_AFTER_EXPORT",
        "months": "",
        "status": "recalled",
        "enabled": "on",
    }
    response = client.post(reverse("codes:deadline_rule_edit", args=[rule.pk]), data)
    assert "必须填写月数" in error_next_to(response.content.decode(), "months")
    rule.refresh_from_db()
    assert rule.months == 36
    data["months"] = "30"
    client.post(reverse("codes:deadline_rule_edit", args=[rule.pk]), data)
    rule.refresh_from_db()
    assert rule.months == 30


@pytest.mark.django_db
def test_download_page_fetches_from_the_rate_source(client, user, staff, small_tables):
    url = reverse("codes:exchange_rates_download")
    client.force_login(user)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    html = client.get(reverse("codes:exchange_rates")).content.decode()
    assert 'id="btn-download"' in html and "下载汇率" in html
    bad = client.post(url, {"date_from": "2026-10-02", "date_to": "2026-10-01"})
    assert "结束日期不能早于开始日期" in error_next_to(bad.content.decode(), "date_to")
    refused = client.post(url, {"date_from": "2026-10-01", "date_to": "2026-10-02"})
    assert refused.status_code == 400 and "尚未取得中国外汇交易中心的接入凭证" in (
        refused.content.decode()
    )
    assert not ExchangeRate.objects.exists()
    onboard_rates()
    done = client.post(url, {"date_from": "2026-10-01", "date_to": "2026-10-02"}, follow=True)
    assert "下载完成：新增 20 条" in done.content.decode()
    assert ExchangeRate.objects.filter(source="download").count() == 20
