"""报关单导入 in the browser at 1366×768: an XXE file refused with its reason, the Single Window's
DecMessage XML imported, the row listed, then the changed file shown as 改单 (issue 23)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.accounts.tests.factories import make_user
from rebate.codes.choices import CodeTable
from rebate.codes.services.reference import load_customs_table
from rebate.customs.models import Declaration
from rebate.customs.tests.test_files import ENTRY, xml

from .test_customs import close_dialog_and_reload, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def upload(page, path) -> None:
    page.set_input_files("#declaration-file", str(path))
    page.click("#btn-declaration-upload")


def test_import_decmessage_in_the_dialog(live_server, laptop, shot, tmp_path) -> None:
    page = laptop
    user = make_user()
    for table in (CodeTable.CURRENCY, CodeTable.UNIT, CodeTable.TRADE_MODE):
        load_customs_table(table)
    sign_in(page, live_server, user)
    page.goto(live_server.url + reverse("customs:declarations"))

    page.click("#btn-declaration-import")
    page.wait_for_selector("#declaration-import-form")
    assert page.inner_text("#dialog-title") == "报关单导入"
    hostile = tmp_path / "外部实体.xml"
    hostile.write_bytes(
        xml(user.enterprise).replace(
            b"<DecMessage ", b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><DecMessage '
        )
    )
    upload(page, hostile)
    page.wait_for_selector(".import-errors")
    assert "不允许包含DOCTYPE或实体声明" in page.inner_text(".import-errors")
    assert "外部实体.xml" in page.inner_text(".import-errors")
    shot("decfiles-01-xxe-refused")
    assert not Declaration.objects.exists()

    good = tmp_path / "报关单.xml"
    good.write_bytes(xml(user.enterprise))
    upload(page, good)
    page.wait_for_selector(".result-success")
    assert "导入成功，共1张：新增1张" in page.inner_text(".result-success")
    shot("decfiles-02-imported")
    close_dialog_and_reload(page)
    row = page.locator("#declaration-table tbody tr[data-pk]", has_text=ENTRY)
    assert row.count() == 1

    page.click("#btn-declaration-import")
    page.wait_for_selector("#declaration-import-form")
    changed = tmp_path / "改单.xml"
    changed.write_bytes(
        xml(user.enterprise, **{"<FirstQty>100</FirstQty>": "<FirstQty>90</FirstQty>"})
    )
    upload(page, changed)
    page.wait_for_selector(".result-success")
    assert "更新1张" in page.inner_text(".result-success")
    close_dialog_and_reload(page)
    page.locator("#declaration-table tbody tr[data-pk]", has_text=ENTRY).click()
    page.wait_for_selector("#item-table")
    items_pane = page.inner_text("#items-pane")
    assert "改单记录（1）" in items_pane and "90.00000" in items_pane
    shot("decfiles-03-revision")
