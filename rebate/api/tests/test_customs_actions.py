"""数据检查 and 生成退税 through the API: the page's services over the declarations named by
id, the page's dialog rules, Idempotency-Key, and another enterprise's ids refused."""

from __future__ import annotations

import json

import pytest

from rebate.accounts.tests.factories import make_user
from rebate.customs.choices import CheckStatus, GenerationStatus
from rebate.customs.tests.conftest import reference  # noqa: F401 — the rate library
from rebate.customs.tests.factories import make_declaration
from rebate.goods.models import ExportLine

from .factories import bearer_client

pytestmark = pytest.mark.django_db
CHECK, GENERATE = "/api/v1/customs/declarations/check", "/api/v1/customs/declarations/generate"
INVOICE = "26442000000012345678"


def post(api, path: str, body: object, **headers: str):
    return api.post(path, json.dumps(body), content_type="application/json", headers=headers)


def test_check_then_generate_makes_the_lines_as_the_page_does(reference, clerk) -> None:  # noqa: F811
    d = make_declaration(clerk.enterprise)
    api = bearer_client(clerk)
    checked = post(api, CHECK, {"declaration_ids": [d.pk]})
    assert checked.status_code == 200, checked.json()
    assert checked.json() == {
        "message": "数据检查完成：通过1张，未通过0张",
        "passed": 1,
        "failed": 0,
    }
    body = {"declaration_ids": [d.pk], "period": "202603", "invoice_no": INVOICE}
    done = post(api, GENERATE, body, **{"Idempotency-Key": "gen-1"})
    assert done.status_code == 200, done.json()
    assert done.json() == {
        "message": "生成退税成功：1张报关单，生成出口明细2条", "declarations": 1, "lines": 2,
        "refused": [],
    }  # fmt: skip
    d.refresh_from_db()
    assert d.generation_status == GenerationStatus.GENERATED
    lines = ExportLine.objects.for_enterprise(clerk.enterprise)
    assert sorted(lines.values_list("item_key", flat=True)) == [
        f"{d.entry_id}001", f"{d.entry_id}002",
    ]  # fmt: skip
    assert {line.invoice_no for line in lines} == {INVOICE}
    # A retry with the same key gets the first answer back, never a second generation.
    again = post(api, GENERATE, body, **{"Idempotency-Key": "gen-1"})
    assert again.status_code == 200 and again.json() == done.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    # Without the key it is a new request, refused as the page refuses it.
    twice = post(api, GENERATE, body)
    assert twice.status_code == 400
    assert twice.json()["message"] == f"报关单{d.entry_id}已生成退税数据，不能重复生成"
    assert lines.count() == 2


def test_the_dialogs_rules_refuse_in_chinese_and_nothing_changes(reference, clerk) -> None:  # noqa: F811
    d = make_declaration(clerk.enterprise)
    api = bearer_client(clerk)
    post(api, CHECK, {"declaration_ids": [d.pk]})
    bad = post(api, GENERATE, {"declaration_ids": [d.pk], "period": "2026-3"})
    assert bad.status_code == 400
    fields = bad.json()["fields"]
    assert fields["period"] == ["所属期格式应为YYYYMM，如202603"]
    assert "invoice_no" in fields  # no 出口发票号 of its own: the dialog requires one
    nothing = post(api, GENERATE, {"declaration_ids": [], "period": "202603"})
    assert nothing.status_code == 400 and nothing.json()["message"] == "请先勾选报关单"
    wrong = post(api, CHECK, {"declaration_ids": "1,2"})
    assert wrong.status_code == 400 and "declaration_ids" in wrong.json()["fields"]
    assert not ExportLine.objects.exists()
    d.refresh_from_db()
    assert d.generation_status == GenerationStatus.NOT_GENERATED


def test_another_enterprises_declarations_are_not_found_and_a_viewer_cannot_act(
    reference,  # noqa: F811
    clerk,
) -> None:
    theirs = make_declaration(make_user().enterprise)
    api = bearer_client(clerk)
    for path in (CHECK, GENERATE):
        refused = post(api, path, {"declaration_ids": [theirs.pk], "period": "202603",
                                   "invoice_no": INVOICE})  # fmt: skip
        assert refused.status_code == 400
        assert refused.json()["message"] == "勾选的报关单不存在或已被删除"
    theirs.refresh_from_db()
    assert theirs.check_status == CheckStatus.UNCHECKED
    mine = make_declaration(clerk.enterprise)
    viewer = bearer_client(make_user(clerk.enterprise, role="viewer"))
    assert post(viewer, CHECK, {"declaration_ids": [mine.pk]}).status_code == 403
