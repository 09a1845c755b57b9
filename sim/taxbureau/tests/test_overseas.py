"""The bureau's own list of pre-refunded 海外仓 (HWC-YT, 公告2025年第3号) lines: recorded from
the declared package at 确认申报, listed unreconciled to their enterprise only (an anonymous
caller is refused), taken off once the enterprise reports a sale or a 补缴/调整; a declaration
returned by its review paid no refund and lists nothing."""

from __future__ import annotations

import dataclasses
import json

from rebate.calc.periods import Period
from sim.generator.packages import clean_lines, reference_package
from sim.generator.testing import OTHER, SMALL
from sim.taxbureau.models import OverseasLine, Status, Submission, VatReturn

from .helpers import URL, get, post, submit

CODE, PERIOD = SMALL.customs_code, "202609"
LIST = "/overseas-lines"


def _declare(client, *, before_declare=None) -> tuple[Submission, list[str]]:
    """A clean package whose first two lines carry HWC-YT, self-checked and declared."""
    lines = clean_lines(CODE, Period.parse(PERIOD))
    lines[:2] = [dataclasses.replace(line, business_types=("HWC-YT",)) for line in lines[:2]]
    filename, data = reference_package(CODE, Period.parse(PERIOD), lines)
    number = submit(client, CODE, filename, data).json()["receipt_no"]
    assert get(client, CODE, f"/packages/{number}").json()["status"] == Status.CHECKED
    if before_declare is not None:
        before_declare()
    assert post(client, CODE, f"/packages/{number}/declare").status_code == 200
    return Submission.objects.get(receipt_no=number), [line.item_key for line in lines[:2]]


def _reconcile(client, item_key: str, body: dict, caller: str = CODE):
    path = f"{LIST}/{item_key}/reconciliation"
    return post(client, caller, path, json.dumps(body).encode())


def test_declared_hwc_lines_are_listed_to_their_enterprise_until_reconciled(client, seeded_db):
    submission, keys = _declare(client)
    assert OverseasLine.objects.filter(submission=submission).count() == 2
    listed = get(client, CODE, LIST)
    assert listed.status_code == 200
    rows = listed.json()["lines"]
    assert [r["item_key"] for r in rows] == sorted(keys, key=keys.index)
    assert rows[0]["period"] == PERIOD and rows[0]["receipt_no"] == submission.receipt_no
    assert rows[0]["exempt_credit_refund"] is not None  # the bureau's own recomputed amount
    # anonymous: refused; another enterprise: its own (empty) list, never these lines
    assert client.get(URL + LIST).status_code in (401, 403)
    assert get(client, OTHER.customs_code, LIST).json() == {"lines": []}
    assert _reconcile(client, keys[0], {"outcome": "sold"}, OTHER.customs_code).status_code == 404

    sold = {"outcome": "sold", "sold_on": "2026-10-08", "sale_amount": "52000.00"}
    answer = _reconcile(client, keys[0], sold)
    assert answer.status_code == 201, answer.content
    assert answer.json()["sale_amount"] == "52000.00" and answer.json()["reconciled_at"]
    unsold = {"outcome": "unsold", "settlement": "repay", "settle_amount": "1300.00",
              "reason": "海外仓退货，未售出"}  # fmt: skip
    assert _reconcile(client, keys[1], unsold).status_code == 201
    assert get(client, CODE, LIST).json() == {"lines": []}
    again = _reconcile(client, keys[0], sold)
    assert again.status_code == 409 and "已核对" in again.json()["error"]
    row = OverseasLine.objects.get(item_key=keys[1])
    assert (row.outcome, row.settlement, str(row.settle_amount)) == ("unsold", "repay", "1300.00")


def test_bad_reports_are_refused_in_chinese_and_change_nothing(client, seeded_db):
    _submission, keys = _declare(client)
    cases = [
        ({"outcome": "lost"}, "outcome应为sold"),
        ({"outcome": "sold", "sold_on": "2026-13-01", "sale_amount": "1.00"}, "销售日期格式错误"),
        ({"outcome": "sold", "sold_on": "2020-01-01", "sale_amount": "1.00"}, "不能早于出口日期"),
        ({"outcome": "sold", "sold_on": "2026-10-08", "sale_amount": "-5"}, "销售金额应为大于0"),
        ({"outcome": "unsold", "settlement": "repay", "settle_amount": "10.00"}, "须说明原因"),
    ]
    for body, message in cases:
        answer = _reconcile(client, keys[0], body)
        assert answer.status_code == 400 and message in answer.json()["error"], body
    assert _reconcile(client, "5304" * 5 + "0", {"outcome": "sold"}).status_code == 404
    assert len(get(client, CODE, LIST).json()["lines"]) == 2


def test_a_returned_declaration_lists_no_prerefund(client, seeded_db):
    drop_vat_return = VatReturn.objects.filter(enterprise__customs_code=CODE, period=PERIOD).delete
    submission, _keys = _declare(client, before_declare=drop_vat_return)
    assert get(client, CODE, LIST).json() == {"lines": []}
    submission.refresh_from_db()
    assert submission.status == Status.RETURNED


def test_the_recorded_reconciliation_reads_back_to_its_enterprise_only(client, seeded_db):
    _submission, keys = _declare(client)
    path = f"{LIST}/{keys[0]}/reconciliation"
    assert get(client, CODE, path).status_code == 404  # unreconciled: nothing recorded yet
    sold = {"outcome": "sold", "sold_on": "2026-10-08", "sale_amount": "52000.00"}
    assert _reconcile(client, keys[0], sold).status_code == 201
    answer = get(client, CODE, path)
    assert answer.status_code == 200
    body = answer.json()
    assert (body["outcome"], body["sold_on"], body["sale_amount"]) == (
        "sold", "2026-10-08", "52000.00",
    )  # fmt: skip
    assert get(client, OTHER.customs_code, path).status_code == 404
