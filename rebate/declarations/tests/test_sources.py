"""A batch takes the rows of its own family's record types, picked from the RecordType
registry (issue 15 point 7): a form registered for another family is not swept into a 免抵退
batch, however its model is built, and joins a batch of its own family."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from rebate.core import records as registry
from rebate.core.models import RecordStatus
from rebate.declarations.families import RecordLink, get_family
from rebate.declarations.sources import RecordTypeSource
from rebate.goods import records as goods_records
from rebate.goods.models import ExportLine, Receipt
from rebate.goods.tests.factories import make_export_line, make_receipt

pytestmark = pytest.mark.django_db
PERIOD = "202603"  # the factories' 所属期
MDT = "A0305001"
OTHER = RecordTypeSource(family="other")  # any of its businesses


@pytest.fixture
def receipt_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """收汇证明 registered as a form of another family, with a view of the 明细表 that is no
    batch record (as 货物冲减 is one of 免抵退), for this test only."""
    moved = replace(goods_records.receipt, family="other", business="X0000001")
    view = replace(goods_records.write_back, family="other", business="X0000001")
    swapped = [moved if r is goods_records.receipt else r for r in registry.REGISTRY]
    monkeypatch.setattr(registry, "REGISTRY", [*swapped, view])


def _batch(enterprise: Any, batch_id: int, *, business: str) -> dict[str, Any]:
    return {"enterprise": enterprise, "actor": None, "period": PERIOD, "batch_id": batch_id,
            "business": business}  # fmt: skip


def _state(row: Any) -> tuple[str, int | None]:
    row.refresh_from_db()
    return row.status, row.declaration_batch_id


def test_a_form_of_another_family_is_not_attached_to_a_mdt_batch(
    enterprise: Any, receipt_elsewhere: None
) -> None:
    line, receipt = make_export_line(enterprise), make_receipt(enterprise)
    mdt = get_family("mdt")

    # The 明细表 line once, though 货物冲减 is a second RecordType on ExportLine.
    assert (
        mdt.attach(enterprise=enterprise, actor=None, period=PERIOD, batch_id=7, business=MDT) == 1
    )
    assert _state(line) == (RecordStatus.GENERATED, 7)
    assert _state(receipt) == (RecordStatus.COLLECTED, None)
    assert mdt.record_index(enterprise=enterprise, batch_id=7, table="CKSH") == {}


def test_a_form_joins_the_batch_of_its_own_family(enterprise: Any, receipt_elsewhere: None) -> None:
    line, receipt = make_export_line(enterprise), make_receipt(enterprise)

    assert (
        OTHER.attach(
            enterprise=enterprise, actor=None, period=PERIOD, batch_id=8, business="X0000001"
        )
        == 1
    )
    assert _state(receipt) == (RecordStatus.GENERATED, 8)
    assert _state(line) == (RecordStatus.COLLECTED, None)
    assert OTHER.index(enterprise=enterprise, batch_id=8, table="CKSH") == {
        receipt.sequence_no: RecordLink(receipt.pk, "goods:receipt_detail")
    }
    assert [s.name for s in OTHER.sections()] == ["CKSH"]

    assert OTHER.mark_declared(enterprise=enterprise, actor=None, batch_id=8) == 1
    assert _state(receipt) == (RecordStatus.DECLARED, 8)
    assert OTHER.release(enterprise=enterprise, actor=None, batch_id=8) == 1
    assert _state(receipt) == (RecordStatus.COLLECTED, None)


def test_a_batch_takes_its_business_forms_only(enterprise: Any) -> None:
    make_export_line(enterprise), make_receipt(enterprise)
    elsewhere = RecordTypeSource(family="mdt", business="X0000001")

    assert elsewhere.attach(**_batch(enterprise, 9, business="X0000001")) == 0
    mdt = get_family("mdt")
    assert mdt.attach(**_batch(enterprise, 9, business=MDT)) == 2
    assert set(ExportLine.objects.values_list("status", flat=True)) == {RecordStatus.GENERATED}
    assert set(Receipt.objects.values_list("declaration_batch_id", flat=True)) == {9}


def test_a_source_of_another_business_joins_nothing(enterprise: Any) -> None:
    """A family of several businesses declares each in its own package: a batch of business
    X takes none of business A0305001's collected rows of the same 所属期."""
    line = make_export_line(enterprise)
    bundle = RecordTypeSource(family="mdt", business=MDT)

    assert bundle.attach(**_batch(enterprise, 10, business="X0000002")) == 0
    assert _state(line) == (RecordStatus.COLLECTED, None)
    assert bundle.attach(**_batch(enterprise, 10, business=MDT)) == 1
    assert _state(line) == (RecordStatus.GENERATED, 10)


def test_the_mdt_sections_are_its_record_types_wire_sections() -> None:
    """Every form of the bundle but the 明细表 (the writer streams TSSB itself), in the order
    the forms register: goods first, then services."""
    sections = get_family("mdt").sections
    assert [s.name for s in sections] == [
        "CKSH", "BNSH", "CYSM", "HGSPTZ", "STZCQD", "XTHH",
        "YFSJ", "SYYK", "GJYS", "HKYSQS", "KYHJ", "TLHY",
    ]  # fmt: skip
    assert sections[6].label == "跨境应税行为免抵退税申报明细表"
    assert sections[6].model == "service_exports.TaxableService"
