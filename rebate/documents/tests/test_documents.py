"""上传随附单据 and the 备案单证目录 through the pages: the card (CK-05), the content check, the
size bound, storing once by SHA-256, declaration order, the due flag, exports and keeping."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from rebate.accounts.tests.cards import HeldCard, bind_local_card
from rebate.accounts.tests.factories import make_user
from rebate.declarations.choices import BatchStatus
from rebate.declarations.tests.factories import make_batch
from rebate.documents import content, selectors, services
from rebate.documents.models import CatalogueEntry, Document
from rebate.goods.tests.factories import make_export_line

from .factories import pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def clerk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    user = make_user(with_card=False)
    user.held = bind_local_card(user)
    return user


@pytest.fixture
def batch(clerk):
    declared = datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)
    return make_batch(clerk.enterprise, status=BatchStatus.DECLARED, declared_at=declared)


def post(client, clerk, batch, *, card=True, **fields):
    client.force_login(clerk)
    data = {"kind": "contract", "title": "外销合同 HT-2026-001", "keeping": "image", **fields}
    if card:
        data.update(clerk.held.proof(client))
    return client.post(reverse("documents:catalogue", args=[batch.pk]), data)


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT / "documents"
    return [str(p) for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_pdf_with_the_card_is_stored_once_by_its_digest(client, clerk, batch, settings):
    response = post(client, clerk, batch, file=upload())
    assert response.status_code == 302
    entry = CatalogueEntry.objects.get(batch=batch)
    document = entry.document
    assert document is not None and document.content_type == content.PDF
    assert document.storage_name.endswith(f"{document.sha256}.pdf")
    assert storages["default"].open(document.storage_name).read() == pdf_bytes()
    assert document.card_no == clerk.held.card_no
    response = post(client, clerk, batch, file=upload("副本.pdf"), title="外销合同 副本")
    assert response.status_code == 302
    assert Document.objects.count() == 1 and CatalogueEntry.objects.count() == 2
    assert len(stored_files(settings)) == 1
    page = client.get(reverse("documents:catalogue", args=[batch.pk])).content.decode()
    assert "外销合同 HT-2026-001" in page and "影像" in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("合同.pdf", b"MZ\x90\x00" + b"\x00" * 200, content.NOT_ALLOWED),  # a renamed .exe
        ("合同.pdf", pdf_bytes()[:-40], content.BROKEN_PDF),  # cut short
        ("发票.png", png_bytes()[:30], content.BROKEN_IMAGE),
        ("发票.jpg", b"\xff\xd8\xff" + b"not a jpeg", content.BROKEN_IMAGE),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_with_nothing_stored(
    client, clerk, batch, settings, name, data, message
):
    response = post(client, clerk, batch, file=upload(name, data))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CatalogueEntry.objects.exists() and not Document.objects.exists()
    assert stored_files(settings) == []


def test_an_oversized_file_is_refused_with_nothing_stored(client, clerk, batch, settings):
    settings.DOCUMENTS_MAX_BYTES = 1024 * 1024
    big = pdf_bytes() + b"%" + b"0" * (1024 * 1024)
    response = post(client, clerk, batch, file=upload("大文件.pdf", big))
    assert response.status_code == 400
    assert "文件过大：超过1MB的上限" in response.content.decode()
    assert not Document.objects.exists() and stored_files(settings) == []


def test_without_the_card_or_with_another_card_nothing_is_stored(client, clerk, batch, settings):
    response = post(client, clerk, batch, card=False, file=upload())
    assert response.status_code == 403
    assert "未检测到IC卡/Ikey" in response.content.decode()
    another = HeldCard("CK9999999999").proof(client)  # a real card, not the account's
    response = post(client, clerk, batch, card=False, file=upload(), **another)
    assert response.status_code == 403
    expected = f"当前卡号 CK9999999999 与用户注册信息卡号 {clerk.held.card_no} 不一致，无法进行申报"
    assert expected in response.content.decode()
    assert not CatalogueEntry.objects.exists() and not Document.objects.exists()
    assert stored_files(settings) == []


def test_paper_is_catalogued_without_a_file_and_a_png_is_accepted(client, clerk, batch):
    assert post(client, clerk, batch, keeping="paper", kind="transport").status_code == 302
    response = post(client, clerk, batch, keeping="paper", file=upload())
    assert services.PAPER_HAS_NO_FILE in response.content.decode()
    response = post(client, clerk, batch, kind="receipt", file=upload("收汇.png", png_bytes()))
    assert response.status_code == 302
    assert Document.objects.get().content_type == content.PNG
    assert post(client, clerk, batch).status_code == 400  # 影像 without a file
    assert CatalogueEntry.objects.count() == 2


def test_the_catalogue_is_in_declaration_order(client, clerk):
    batch = make_batch(clerk.enterprise, status=BatchStatus.GENERATED, period="202611")
    lines = [make_export_line(clerk.enterprise, period="202611") for _ in range(2)]
    for line in lines:
        type(line).objects.filter(pk=line.pk).update(declaration_batch_id=batch.pk)
    found = selectors.batch_lines(clerk.enterprise, batch)
    assert [line.line_no for line in found] == [line.sequence_no for line in lines]
    second, first = found[1], found[0]
    post(client, clerk, batch, keeping="paper", line=second.value, title="第二行的运单")
    post(client, clerk, batch, keeping="paper", title="整份的合同")
    post(client, clerk, batch, keeping="paper", line=first.value, title="第一行的发票")
    titles = [e.title for e in selectors.catalogue(clerk.enterprise, batch)]
    assert titles == ["整份的合同", "第一行的发票", "第二行的运单"]
    other = make_batch(clerk.enterprise)
    response = post(client, clerk, other, keeping="paper", line=first.value)
    assert response.status_code == 400  # a line of another declaration is no choice here


def test_due_fifteen_days_after_declaring_flagged_before_and_after(clerk, batch):
    assert selectors.due(batch, None, today=date(2026, 11, 25)).flag == "未到期：还剩10天"
    soon = selectors.due(batch, None, today=date(2026, 12, 2))
    assert (soon.due, soon.flag, soon.tone) == (date(2026, 12, 5), "即将到期：还剩3天", "warning")
    late = selectors.due(batch, None, today=date(2026, 12, 6))
    assert (late.flag, late.tone) == ("已逾期1天", "danger")
    assert selectors.due(batch, date(2026, 12, 5), today=date(2026, 12, 6)).flag == "已按期备案"
    assert selectors.due(batch, date(2026, 12, 6), today=date(2026, 12, 6)).flag == "已逾期1天"
    undeclared = make_batch(clerk.enterprise)
    assert selectors.due(undeclared, None).due is None


def test_the_declarations_page_flags_by_the_first_entry(client, clerk):
    declared = timezone.now() - timedelta(days=30)
    kept = make_batch(clerk.enterprise, status=BatchStatus.DECLARED, declared_at=declared)
    late = make_batch(clerk.enterprise, status=BatchStatus.DECLARED, declared_at=declared)
    entry = CatalogueEntry.objects.create(
        enterprise=clerk.enterprise, batch=kept, kind="other", title="x", keeping="paper"
    )
    CatalogueEntry.objects.filter(pk=entry.pk).update(created_at=declared + timedelta(days=1))
    client.force_login(clerk)
    page = client.get(reverse("documents:batches")).content.decode()
    rows = {pk: page.split(f'data-pk="{pk}"')[1].split("</tr>")[0] for pk in (kept.pk, late.pk)}
    assert "已按期备案" in rows[kept.pk] and "已逾期15天" in rows[late.pk]
    assert "免抵退" in page


def test_exports_list_every_entry(client, clerk, batch):
    post(client, clerk, batch, file=upload())
    post(client, clerk, batch, keeping="paper", kind="transport", title="=HYPERLINK(1)")
    response = client.get(reverse("documents:catalogue_xlsx", args=[batch.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "备案单证目录"
    assert "备案期限：2026-12-05" in values[3][0]
    assert values[4][:6] == [
        "序号",
        "申报序号",
        "所属明细",
        "单证种类",
        "单证名称及编号",
        "存放方式",
    ]
    assert values[5][3:6] == ["合同", "外销合同 HT-2026-001", "影像"]
    assert values[6][4] == "'=HYPERLINK(1)"  # neutralised, never a formula
    response = client.get(reverse("documents:catalogue_pdf", args=[batch.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert content.sniff(response.content) == content.PDF


def test_deleting_inside_the_ten_years_is_refused_by_the_service(client, clerk, batch):
    post(client, clerk, batch, file=upload())
    entry = CatalogueEntry.objects.get()
    document = entry.document
    assert document is not None
    response = client.post(reverse("documents:entry_delete", args=[entry.pk]), follow=True)
    assert "备案单证目录条目须自申报之日起保存10年（至2036-11-20），保存期内不能删除" in (
        response.content.decode()
    )
    with pytest.raises(services.ValidationError, match="随附单据须自上传之日起保存10年"):
        services.document_delete(enterprise=clerk.enterprise, actor=clerk, document=document)
    assert CatalogueEntry.objects.exists() and Document.objects.exists()
    after = date(2036, 11, 21)
    with pytest.raises(services.ValidationError, match="随附单据须"):  # uploaded today
        services.document_delete(
            enterprise=clerk.enterprise, actor=clerk, document=document, today=after
        )
    services.entry_delete(enterprise=clerk.enterprise, actor=clerk, entry=entry, today=after)
    later = timezone.localdate() + timedelta(days=3700)
    services.document_delete(
        enterprise=clerk.enterprise, actor=clerk, document=document, today=later
    )
    assert not Document.objects.exists()
    assert not storages["default"].exists(document.storage_name)


def test_the_file_is_served_to_its_enterprise_only(client, clerk, batch):
    post(client, clerk, batch, file=upload())
    document = Document.objects.get()
    response = client.get(reverse("documents:document_file", args=[document.pk]))
    assert response.content == pdf_bytes() and response["X-Content-Type-Options"] == "nosniff"
    client.force_login(make_user())
    assert client.get(reverse("documents:document_file", args=[document.pk])).status_code == 404
