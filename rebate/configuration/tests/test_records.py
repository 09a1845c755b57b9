"""导入 and 批量修改 of the 配置 lists go through the same services (and checks) as 新建."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from rebate.accounts.tests.factories import make_uscc
from rebate.configuration.models import EnterpriseCurrency, Principal
from rebate.configuration.records import CURRENCY, PRINCIPAL
from rebate.core.bulk import bulk_update
from rebate.core.imports import ImportFailed, run_import


def workbook(*rows: list[str]) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.mark.django_db
def test_import_currencies_fills_names_and_refuses_bad_rows(tables, user) -> None:
    ent = user.enterprise
    good = workbook(["币别代码", "备注"], ["USD", ""], ["HKD", "香港客户"])
    assert run_import(CURRENCY, enterprise=ent, actor=user, upload=good) == 2
    names = dict(EnterpriseCurrency.objects.values_list("currency_code", "name"))
    assert names == {"USD": "美元", "HKD": "港币"}
    bad = workbook(["币别代码", "备注"], ["EUR", ""], ["USD", "重复"])
    with pytest.raises(ImportFailed) as caught:
        run_import(CURRENCY, enterprise=ent, actor=user, upload=bad)
    assert any("该币别已存在" in error.message for error in caught.value.errors)
    assert EnterpriseCurrency.objects.count() == 2  # EUR rolled back too


@pytest.mark.django_db
def test_bulk_edit_principals_keeps_their_identity(user) -> None:
    ent = user.enterprise
    rows = [
        Principal.objects.create(enterprise=ent, name=f"委托{i}", taxpayer_id=make_uscc(700 + i))
        for i in range(3)
    ]
    assert bulk_update(PRINCIPAL, enterprise=ent, actor=user, objects=rows,
                       data={"contact": "王五"}) == 3  # fmt: skip
    assert set(Principal.objects.values_list("contact", flat=True)) == {"王五"}
    assert [p.taxpayer_id for p in Principal.objects.order_by("name")] == [
        make_uscc(700 + i) for i in range(3)
    ]
