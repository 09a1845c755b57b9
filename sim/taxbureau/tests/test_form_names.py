"""Each form of a package is named as in force for its 所属期 (``FormName``, DOMAIN §16): the
bureau's self-check accepts the period's name and reports another one (BBMC_BYZ, blocking)."""

from __future__ import annotations

import io

import pytest

from rebate.integrations.wire.feedback.reader import read_doubts
from rebate.integrations.wire.package.registry import Section
from sim.generator.testing import SMALL
from sim.taxbureau.models import Status

from .helpers import get, package, submit

CODE = SMALL.customs_code
OLD = "生产企业出口货物劳务免抵退税申报明细表"
NEW = "生产企业出口货物及修理修配服务免抵退税申报明细表"


def _checked(client, filename: str, data: bytes) -> tuple[str, list]:
    number = submit(client, CODE, filename, data).json()["receipt_no"]
    status = get(client, CODE, f"/packages/{number}").json()["status"]
    doubts = read_doubts(io.BytesIO(get(client, CODE, f"/packages/{number}/doubts").content))
    return status, [d for d in doubts.doubts if d.code == "BBMC_BYZ"]


def test_a_2026_package_names_the_new_form_and_passes(client, seeded_db):
    filename, data = package(CODE, "202609", clean=True)
    assert f'<TSSB FormName="{NEW}">'.encode() in data
    assert '<SBHZ FormName="免抵退税申报汇总表">'.encode() in data
    status, wrong = _checked(client, filename, data)
    assert status == Status.CHECKED and wrong == []


def test_a_2026_package_under_the_old_name_is_reported(
    client, seeded_db, monkeypatch: pytest.MonkeyPatch
):
    real = Section.label_for
    monkeypatch.setattr(
        Section, "label_for", lambda s, period: OLD if s.name == "TSSB" else real(s, period)
    )
    filename, data = package(CODE, "202609", clean=True)  # signed by the enterprise's card
    monkeypatch.undo()
    assert f'<TSSB FormName="{OLD}">'.encode() in data
    status, wrong = _checked(client, filename, data)
    assert status == Status.BLOCKED
    assert [(d.table, d.message) for d in wrong] == [
        ("TSSB", f"申报表TSSB的表名称《{OLD}》与所属期202609适用的《{NEW}》不一致")
    ]
