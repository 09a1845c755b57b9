"""海外仓出口货物核对 through the API: the pre-refunded lines with 核对期限, status and 逾期, 核对
through rebate.overseas.services (the bureau told first, nothing kept when it refuses), Chinese
messages beside the fields, 查看 reads only, Idempotency-Key replays the first answer, and
another enterprise's line is not found."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from rebate.accounts.tests.factories import make_user
from rebate.declarations.tests.conftest import bureau  # noqa: F401 — the fake bureau
from rebate.goods.tests.factories import make_export_line
from rebate.integrations.taxbureau import OverseasReport
from rebate.overseas.models import OverseasReconciliation
from rebate.overseas.tests.factories import make_prerefunded

from .factories import bearer_client

pytestmark = pytest.mark.django_db
LINES = "/api/v1/overseas/lines"
SOLD = {"outcome": "sold", "sold_on": "2026-05-06", "sale_amount": "7300.00"}


def post(api, path: str, body: object, **headers: str):
    return api.post(path, json.dumps(body), content_type="application/json", headers=headers)


def test_lines_list_due_status_and_overdue_then_a_sale_is_reported(clerk, bureau) -> None:  # noqa: F811
    overdue = make_prerefunded(clerk.enterprise, export_date=date(2025, 3, 1))
    later = make_prerefunded(clerk.enterprise, export_date=date(2026, 11, 2))
    make_export_line(clerk.enterprise, status="declared")  # declared, not HWC-YT: not listed
    api = bearer_client(clerk)
    listed = api.get(LINES)
    assert listed.status_code == 200, listed.json()
    rows = {row["id"]: row for row in listed.json()["results"]}
    assert set(rows) == {overdue.pk, later.pk}
    first = rows[overdue.pk]
    assert (first["due"], first["status"], first["overdue"], first["reconciliation"]) == (
        "2026-04-15", "未核对", True, None,
    )  # fmt: skip
    assert first["item_key"] == overdue.item_key and first["fob_cny"] == str(overdue.fob_cny)
    assert rows[later.pk]["overdue"] is False

    done = post(api, f"{LINES}/{overdue.pk}/reconciliation", SOLD)
    assert done.status_code == 201, done.json()
    shown = done.json()
    assert (shown["status"], shown["overdue"]) == ("已核对", False)
    assert shown["reconciliation"]["sale_amount"] == "7300.00"
    assert bureau.reports == {overdue.item_key: OverseasReport(
        "sold", date(2026, 5, 6), Decimal("7300.00"))}  # fmt: skip
    assert api.get(f"{LINES}/{overdue.pk}").json()["reconciliation"]["sold_on"] == "2026-05-06"
    again = post(api, f"{LINES}/{overdue.pk}/reconciliation", SOLD)
    assert again.status_code == 400 and "不能重复核对" in again.json()["message"]


def test_bad_input_beside_the_field_in_chinese_nothing_reported(clerk, bureau) -> None:  # noqa: F811
    line = make_prerefunded(clerk.enterprise)
    api = bearer_client(clerk)
    url = f"{LINES}/{line.pk}/reconciliation"
    bad = post(api, url, {"outcome": "sold", "sold_on": "2026-02-30", "sale_amount": "abc"})
    assert bad.status_code == 400
    assert bad.json()["fields"] == {
        "sold_on": ["请输入如2026-03-15的日期"], "sale_amount": ["请输入金额，如12345.67"],
    }  # fmt: skip
    unsold = post(api, url, {"outcome": "unsold", "settle_amount": "0"})
    assert unsold.json()["fields"] == {
        "settlement": ["未售出须选择补缴或调整"],
        "settle_amount": ["补缴/调整金额应大于0"],
        "reason": ["未售出须说明原因"],
    }
    bureau.reports[line.item_key] = OverseasReport("sold", date(2026, 3, 1), Decimal("1.00"))
    refused = post(api, url, SOLD)  # already reconciled at the bureau: its words, nothing kept
    assert refused.status_code == 400 and "海外仓预退税已核对" in refused.json()["message"]
    assert not OverseasReconciliation.objects.exists()
    assert bureau.calls.count("reconcile_overseas") == 1


def test_idempotency_key_replays_the_first_answer(clerk, bureau) -> None:  # noqa: F811
    line = make_prerefunded(clerk.enterprise)
    api = bearer_client(clerk)
    url = f"{LINES}/{line.pk}/reconciliation"
    first = post(api, url, SOLD, **{"Idempotency-Key": "hwc-1"})
    again = post(api, url, SOLD, **{"Idempotency-Key": "hwc-1"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert bureau.calls.count("reconcile_overseas") == 1
    assert OverseasReconciliation.objects.count() == 1


def test_a_viewer_reads_only_and_another_enterprises_line_is_not_found(clerk, bureau) -> None:  # noqa: F811
    mine = make_prerefunded(clerk.enterprise)
    theirs = make_prerefunded(make_user().enterprise)
    viewer = bearer_client(make_user(clerk.enterprise, role="viewer"))
    assert viewer.get(LINES).status_code == 200
    assert post(viewer, f"{LINES}/{mine.pk}/reconciliation", SOLD).status_code == 403
    api = bearer_client(clerk)
    assert [row["id"] for row in api.get(LINES).json()["results"]] == [mine.pk]
    assert api.get(f"{LINES}/{theirs.pk}").status_code == 404
    assert post(api, f"{LINES}/{theirs.pk}/reconciliation", SOLD).status_code == 404
    assert bureau.reports == {} and not OverseasReconciliation.objects.exists()
