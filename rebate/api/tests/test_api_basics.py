"""Tokens, the error body, records through the API, bulk create, Idempotency-Key, throttling."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from rebate.accounts.tests.factories import make_user
from rebate.api.models import ApiToken
from rebate.api.services import token_digest
from rebate.goods.models import ExportLine

from .factories import bearer_client, token_for

pytestmark = pytest.mark.django_db
LINES = "/api/v1/records/goods/exportline"


def line(n: int = 1, **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "period": "202604", "item_key": f"5304202600000000{n:02d}001",
        "export_date": "2026-04-02", "commodity_code": "8501100001",
        "commodity_name": "微电机", "unit": "台", "quantity": "10", "fob_usd": "100.00",
        "fob_cny": "710.00", "levy_rate": "0.13", "rebate_rate": "0.09",
    }  # fmt: skip
    values.update(overrides)
    return values


def post(api: Client, path: str, body: object, **headers: str):
    return api.post(path, json.dumps(body), content_type="application/json", headers=headers)


def test_the_command_prints_the_token_once_and_stores_only_its_digest(clerk) -> None:
    out = io.StringIO()
    call_command("api_token", clerk.username, "--name", "ERP", stdout=out)
    raw = out.getvalue().strip()
    token = ApiToken.objects.get(user=clerk, name="ERP")
    assert raw.startswith("rbt_") and token.token_hash == token_digest(raw)
    assert raw not in str(list(ApiToken.objects.values_list()))
    assert bearer_client(clerk, raw).get("/api/v1/jobs").status_code == 200


def test_no_revoked_expired_or_unknown_token_gets_in(clerk) -> None:
    raw = token_for(clerk)
    assert Client().get("/api/v1/jobs").status_code == 401
    assert bearer_client(clerk, "rbt_nonsense").get("/api/v1/jobs").status_code == 401
    ApiToken.objects.filter(token_hash=token_digest(raw)).update(revoked_at=timezone.now())
    refused = bearer_client(clerk, raw).get("/api/v1/jobs")
    assert refused.status_code == 401
    assert refused.json() == {"code": "authentication_failed",
                              "message": "API令牌无效、已撤销或已过期", "fields": {}}  # fmt: skip
    late = token_for(clerk)
    past = timezone.now() - datetime.timedelta(seconds=1)
    ApiToken.objects.filter(token_hash=token_digest(late)).update(expires_at=past)
    assert bearer_client(clerk, late).get("/api/v1/jobs").status_code == 401


def test_a_viewer_token_reads_but_cannot_write(enterprise, clerk) -> None:
    viewer = make_user(enterprise, role="viewer")
    api = bearer_client(viewer)
    assert api.get(LINES).status_code == 200
    refused = post(api, LINES, line())
    assert refused.status_code == 403
    assert refused.json()["message"] == "当前用户为查看角色，不能修改数据"
    assert not ExportLine.objects.exists()


def test_records_create_read_update_delete_through_the_form_and_services(clerk) -> None:
    api = bearer_client(clerk)
    created = post(api, LINES, line())
    assert created.status_code == 201, created.json()
    row = created.json()
    assert row["sequence_no"] == "0001" and row["exempt_credit_refund"] == "63.90"  # 710 × 0.09
    assert api.get(f"{LINES}/{row['id']}").json()["fob_cny"] == "710.00"
    changed = api.patch(f"{LINES}/{row['id']}", json.dumps({"fob_cny": "1000.00"}),
                        content_type="application/json")  # fmt: skip
    assert changed.status_code == 200 and changed.json()["exempt_credit_refund"] == "90.00"
    assert ExportLine.objects.get().fob_cny == Decimal("1000.00")
    listed = api.get(LINES, {"period": "202604"}).json()
    assert [r["id"] for r in listed["results"]] == [row["id"]] and "next" in listed
    assert api.get(LINES, {"period": "202605"}).json()["results"] == []
    assert api.delete(f"{LINES}/{row['id']}").status_code == 204
    assert not ExportLine.objects.exists()


def test_bad_input_names_the_field_in_chinese_and_changes_nothing(clerk) -> None:
    api = bearer_client(clerk)
    bad = post(api, LINES, line(rebate_rate="13", item_key="123"))
    assert bad.status_code == 400
    body = bad.json()
    assert body["code"] == "invalid" and set(body["fields"]) >= {"rebate_rate", "item_key"}
    assert "不是13" in " ".join(body["fields"]["rebate_rate"])
    unknown = post(api, LINES, {**line(), "exempt_credit_refund": "1.00"})
    assert unknown.status_code == 400 and "exempt_credit_refund" in unknown.json()["fields"]
    assert not ExportLine.objects.exists()


def test_bulk_create_is_all_or_nothing_with_row_and_field_errors(clerk) -> None:
    api = bearer_client(clerk)
    rows = [line(1), line(2, rebate_rate="1.3"), line(3, item_key="12345")]
    refused = post(api, f"{LINES}/bulk", {"rows": rows})
    assert refused.status_code == 400
    fields = refused.json()["fields"]
    assert set(fields) == {"rows[1].退税率", "rows[2].出口报关单号"}, fields
    assert not ExportLine.objects.exists()
    done = post(api, f"{LINES}/bulk", {"rows": [line(n) for n in range(1, 4)]})
    assert done.status_code == 201 and done.json() == {"created": 3}
    stored = ExportLine.objects.order_by("sequence_no")
    assert [r.sequence_no for r in stored] == ["0001", "0002", "0003"]
    assert {r.exempt_credit_refund for r in stored} == {Decimal("63.90")}


def test_a_repeated_idempotency_key_returns_the_first_result(clerk) -> None:
    api = bearer_client(clerk)
    first = post(api, LINES, line(), **{"Idempotency-Key": "erp-1"})
    again = post(api, LINES, line(), **{"Idempotency-Key": "erp-1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert ExportLine.objects.count() == 1
    other = post(api, LINES, line(2), **{"Idempotency-Key": "erp-1"})
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    assert ExportLine.objects.count() == 1


def test_over_the_rate_a_token_gets_429_with_retry_after(clerk, settings) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE_LIMIT = "3/min"
    api = bearer_client(clerk)
    answers = [api.get("/api/v1/jobs").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = api.get("/api/v1/jobs")
    assert int(limited.headers["Retry-After"]) > 0
    assert limited.json()["code"] == "throttled" and "请求过于频繁" in limited.json()["message"]
    assert bearer_client(clerk).get("/api/v1/jobs").status_code == 200  # per token
    cache.clear()


def test_a_path_no_endpoint_matches_is_a_json_404_under_api(clerk, client) -> None:
    answer = bearer_client(clerk).get("/api/v1/batches/not-a-number")
    assert answer.status_code == 404 and answer["Content-Type"] == "application/json"
    assert answer.json() == {"code": "not_found", "message": "未找到该接口或数据", "fields": {}}
    assert client.get("/ckts/nowhere/").status_code == 404


def test_bulk_rows_without_rates_take_the_library_rates_as_新建_does(clerk) -> None:
    from rebate.codes.tests.factories import make_library_entry

    make_library_entry("8501100001")
    api = bearer_client(clerk)
    rows = [{k: v for k, v in line(n).items() if k not in ("levy_rate", "rebate_rate")}
            for n in (1, 2)]  # fmt: skip
    answer = post(api, f"{LINES}/bulk", {"rows": rows})
    assert answer.status_code == 201, answer.content
    stored = ExportLine.objects.all()
    assert {(r.levy_rate, r.rebate_rate) for r in stored} == {(Decimal("0.13"), Decimal("0.09"))}
    assert {r.exempt_credit_refund for r in stored} == {Decimal("63.90")}


def test_a_bulk_create_sends_as_many_queries_for_40_rows_as_for_4(clerk) -> None:
    """The rows' rules run per row in Python; the library is asked once per (商品代码, 出口日期),
    not per row (10,000 rows sent 20,000 queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rebate.codes.tests.factories import make_library_entry

    make_library_entry("8501100001")
    api = bearer_client(clerk)

    def queries(first: int, count: int) -> int:
        rows = [line(n, export_date=f"2026-04-0{1 + n % 2}") for n in range(first, first + count)]
        with CaptureQueriesContext(connection) as captured:
            assert post(api, f"{LINES}/bulk", {"rows": rows}).status_code == 201
        return len(captured.captured_queries)

    queries(1, 2)  # the token's last use, stamped once a while
    assert queries(10, 4) == queries(20, 40)
    assert ExportLine.objects.count() == 46


def test_a_bulk_body_over_the_pages_post_limit_is_read_within_the_apis(clerk, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000  # the pages' cap, far below this body
    answer = post(bearer_client(clerk), f"{LINES}/bulk", {"rows": [line(n) for n in (1, 2, 3, 4)]})
    assert answer.status_code == 201, answer.content
    settings.API_MAX_BODY_BYTES = 500
    too_big = post(bearer_client(clerk), f"{LINES}/bulk", {"rows": [line(5), line(6)]})
    assert too_big.status_code == 413 and too_big.json()["code"] == "too_large"


def test_a_refusal_echoing_a_nul_in_a_key_is_kept_for_replay(clerk) -> None:
    """PostgreSQL's jsonb holds no \\u0000: the 400 naming the caller's key was lost to a 500."""
    api = bearer_client(clerk)
    rows = {"rows": [{**line(1), "bad\u0000key": "x"}]}
    first = post(api, f"{LINES}/bulk", rows, **{"Idempotency-Key": "erp-nul"})
    again = post(api, f"{LINES}/bulk", rows, **{"Idempotency-Key": "erp-nul"})
    assert first.status_code == again.status_code == 400, first.content[:300]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert json.loads(json.dumps(first.json()).replace("\\u0000", "\\ufffd")) == again.json()
    assert not ExportLine.objects.exists()
