"""随附单据 and 备案单证目录 in the browser at 1366×768 (issue 20): with the card inserted the clerk
attaches a PDF to a declaration declared 12 days ago, sees it in the catalogue (即将到期), exports
the catalogue as Excel and PDF (rendered to PNG and looked at), and is refused deleting the entry
inside the 10 years; a renamed executable is refused at the file field with nothing stored.
Screenshots: test-output/e2e/documents-*."""

from __future__ import annotations

import io
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from rebate.accounts.services import card_bind
from rebate.accounts.tests.factories import make_enterprise, make_user, onboard_at_eport
from rebate.declarations.choices import BatchStatus
from rebate.declarations.tests.factories import make_batch
from rebate.documents.models import CatalogueEntry, Document
from rebate.documents.tests.factories import pdf_bytes
from tests.e2e.conftest import SHOTS
from tests.e2e.test_declarations import card_sign_in
from tests.integration.conftest import issue_card_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CODE, CARD = "4403960D20", "CK4403960D20"


@pytest.fixture
def clerk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    enterprise = onboard_at_eport(make_enterprise(customs_code=CODE))
    user = make_user(enterprise, with_card=False, password="pw-Test-2026")
    user.card_file = issue_card_file(tmp_path / "card.json", customs_code=CODE, card_no=CARD)
    card_bind(user=user, card_no=CARD, signed=None)
    return user


def test_attach_see_export_and_keep(live_server, laptop, shot, clerk, tmp_path) -> None:
    page, base = laptop, live_server.url
    declared = timezone.now() - timedelta(days=12)
    batch = make_batch(clerk.enterprise, status=BatchStatus.DECLARED, declared_at=declared)
    card_sign_in(page, base, clerk.card_file)
    page.wait_for_url("**/ckts/")
    page.goto(base + "/ckts/documents/")
    assert "即将到期：还剩3天" in page.locator(f'tr[data-pk="{batch.pk}"]').inner_text()
    shot("documents-01-declarations")
    page.locator(f'tr[data-pk="{batch.pk}"] a.catalogue-link').click()
    page.wait_for_selector("#attach-form")

    exe = tmp_path / "合同.pdf"  # an executable renamed to .pdf
    exe.write_bytes(b"MZ\x90\x00\x03" + b"\x00" * 500)
    page.select_option("#id_kind", "contract")
    page.fill("#id_title", "外销合同 HT-2026-118")
    page.select_option("#id_keeping", "digital")
    page.set_input_files("#id_file", str(exe))
    page.click("#btn-attach")
    page.locator('.conv-error[data-for="file"]', has_text="只能上传PDF或图片").wait_for()
    assert not Document.objects.exists() and not CatalogueEntry.objects.exists()
    shot("documents-02-renamed-exe-refused")

    contract = tmp_path / "外销合同HT-2026-118.pdf"
    contract.write_bytes(pdf_bytes("HT-2026-118"))
    page.fill("#id_title", "外销合同 HT-2026-118")
    page.select_option("#id_keeping", "digital")
    page.set_input_files("#id_file", str(contract))
    page.click("#btn-attach")
    page.locator(".alert-success", has_text="随附单据已上传").wait_for()
    row = page.locator("#catalogue tbody tr").first
    assert "外销合同 HT-2026-118" in row.inner_text() and "数字化" in row.inner_text()
    assert "即将到期：还剩3天" in page.locator("#due-flag").inner_text()
    assert Document.objects.get().card_no == CARD
    shot("documents-03-catalogue")

    with page.expect_download() as info:
        page.click("#btn-xlsx")
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[5][3:6] == ["合同", "外销合同 HT-2026-118", "数字化"]

    pdf = page.request.get(base + (page.locator("#btn-pdf").get_attribute("href") or ""))
    assert pdf.headers["content-type"] == "application/pdf"
    (tmp_path / "catalogue.pdf").write_bytes(pdf.body())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(tmp_path / "catalogue.pdf"),
         str(tmp_path / "catalogue")],
        check=True,
    )  # fmt: skip
    png = next(tmp_path.glob("catalogue*.png")).read_bytes()
    (SHOTS / "documents-04-catalogue-pdf.png").write_bytes(png)
    assert int.from_bytes(png[16:20], "big") > int.from_bytes(png[20:24], "big")  # landscape

    page.click(".btn-delete-entry")
    refused = page.locator(".alert-danger", has_text="备案单证目录条目须自申报之日起保存10年")
    refused.wait_for()
    assert page.locator("#catalogue tbody tr").count() == 1
    assert CatalogueEntry.objects.count() == 1
    page.click(".btn-delete-file")
    page.locator(".alert-danger", has_text="随附单据须自上传之日起保存10年").wait_for()
    assert Document.objects.count() == 1
    shot("documents-05-delete-refused")


def test_a_draft_is_listed_as_such_and_opens_back(live_server, laptop, shot, clerk) -> None:
    """暂存 (core.drafts) on a record form: half a line kept without checks, shown as 暂存."""
    page, base = laptop, live_server.url
    card_sign_in(page, base, clerk.card_file)
    page.wait_for_url("**/ckts/")
    page.goto(base + "/ckts/goods/exportline/add/")
    page.fill("#id_commodity_name", "微电机")
    page.fill("#id_fob_usd", "abc")  # not a number: 暂存 keeps it as typed
    page.click("#btn-draft")
    page.locator(".alert-success", has_text="已暂存").wait_for()
    row = page.locator("#drafts tbody tr").first
    assert "暂存" in row.inner_text() and "微电机" in row.inner_text()
    shot("documents-06-draft-listed")
    row.locator("a.draft-open").click()
    page.wait_for_selector("#draft-note")
    assert page.input_value("#id_fob_usd") == "abc"
    page.click("#btn-save")  # saved normally: the full checks run
    page.locator('.conv-error[data-for="fob_usd"]', has_text="输入一个数字").wait_for()
    shot("documents-07-draft-checked")
