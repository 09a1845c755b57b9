"""The customs simulator's HTTP API spoken directly (the port is tested in rebate.integrations)."""

from __future__ import annotations

import io

import pytest

from rebate.integrations.wire.customs.reader import read_declarations
from sim.access.testing import credential
from sim.customs import models
from sim.generator.testing import SMALL

URL = "/customs/api/v1"


def _get(client, path, **params):
    """As the enterprise named by trade_code, holding its e-port credential."""
    return client.get(URL + path, params, **credential("customs", params["trade_code"]))


def test_date_range_is_paged_with_a_cursor(client, seeded_db):
    code = SMALL.customs_code
    expected = models.Declaration.objects.filter(enterprise__customs_code=code).count()
    seen, cursor = [], ""
    while True:
        response = _get(
            client, "/declarations", trade_code=code, date_from="2026-01-01",
            date_to="2026-12-31", limit="7", cursor=cursor,
        )  # fmt: skip
        assert response.status_code == 200
        page = read_declarations(io.BytesIO(response.content))
        seen += [d.entry_id for d in page.declarations]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert len(seen) == len(set(seen)) == expected


def test_unknown_enterprise_is_a_clear_404(client, seeded_db):
    response = _get(client, "/declarations", trade_code="0000000000", date_from="2026-01-01",
                    date_to="2026-01-31")  # fmt: skip
    assert response.status_code == 404
    assert "未在电子口岸注册" in response.json()["error"]


def test_bad_dates_and_cursor_are_refused(client, seeded_db):
    code = SMALL.customs_code
    assert "日期格式错误" in _get(client, "/declarations", trade_code=code, date_from="2026/1/1",
                                 date_to="2026-01-31").json()["error"]  # fmt: skip
    response = _get(client, "/declarations", trade_code=code, date_from="2026-01-01",
                    date_to="2026-01-31", cursor="xyz")  # fmt: skip
    assert response.status_code == 400 and "游标" in response.json()["error"]


def test_a_declaration_of_another_enterprise_is_not_found(client, seeded_db):
    entry_id = models.Declaration.objects.filter(enterprise__customs_code=SMALL.customs_code)[0]
    response = _get(client, f"/declarations/{entry_id.entry_id}", trade_code="4419960T02")
    assert response.status_code == 404


def test_card_registration_errors_change_nothing(client, seeded_db):
    before = models.Card.objects.count()
    auth = credential("customs", SMALL.customs_code)
    bad_json = client.post(URL + "/cards", data=b"{", content_type="application/json", **auth)
    assert bad_json.status_code == 400 and "请求格式错误" in bad_json.json()["error"]
    bad_key = client.post(
        URL + "/cards",
        {"customs_code": SMALL.customs_code, "card_no": "CK0000001", "public_key_pem": "x"},
        content_type="application/json",
        **auth,
    )
    assert bad_key.status_code == 400 and "公钥" in bad_key.json()["error"]
    assert models.Card.objects.count() == before


@pytest.mark.parametrize("path", ["/declarations", "/manuals", "/amendments", "/returns"])
def test_every_download_refuses_an_unknown_enterprise(client, seeded_db, path):
    response = _get(client, path, trade_code="4403000000", date_from="2026-01-01",
                    date_to="2026-01-31")  # fmt: skip
    assert response.status_code == 404 and "未在电子口岸注册" in response.json()["error"]


@pytest.mark.parametrize("path", ["/declarations", "/amendments", "/returns"])
def test_ranges_need_both_dates(client, seeded_db, path):
    response = _get(client, path, trade_code=SMALL.customs_code, date_from="2026-01-01")
    assert response.status_code == 400 and "date_to" in response.json()["error"]


def test_wrong_method_is_refused(client, seeded_db):
    auth = credential("customs", SMALL.customs_code)
    assert client.post(URL + "/declarations", **auth).status_code == 405
