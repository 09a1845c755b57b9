from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rebate.goods.choices import LineStatus
from rebate.goods.services import (
    export_line_update,
    export_lines_attach_batch,
    export_lines_create,
    export_lines_release_batch,
)
from rebate.goods.tests.factories import export_line_input

pytestmark = pytest.mark.django_db


def test_create_computes_columns_and_numbers(enterprise) -> None:
    lines = export_lines_create(
        enterprise=enterprise,
        actor=None,
        lines=[
            export_line_input(levy_rate=Decimal("0.13"), rebate_rate=Decimal("0.09")),
            export_line_input(
                trade_mode="0615", allocation_rate=Decimal("0.4"), handbook_no="C53041234567"
            ),
        ],
    )
    first, second = lines
    assert (first.sequence_no, second.sequence_no) == ("0001", "0002")
    assert first.non_creditable == Decimal("284.00")  # 7100 × 0.04
    assert first.exempt_credit_refund == Decimal("639.00")
    assert second.bonded_materials_price == Decimal("2840.00")
    assert second.exempt_credit_refund == Decimal("553.80")  # (7100 − 2840) × 0.13


def test_create_is_all_or_nothing(enterprise) -> None:
    with pytest.raises(ValidationError) as info:
        export_lines_create(
            enterprise=enterprise,
            actor=None,
            lines=[export_line_input(), export_line_input(item_key="123")],
        )
    assert "第2行" in str(info.value)
    from rebate.goods.models import ExportLine

    assert not ExportLine.objects.exists()


def test_update_recomputes_and_batch_locks(enterprise) -> None:
    (line,) = export_lines_create(enterprise=enterprise, actor=None, lines=[export_line_input()])
    export_line_update(
        obj=line, enterprise=enterprise, actor=None, data={"rebate_rate": Decimal("0.10")}
    )
    line.refresh_from_db()
    assert line.exempt_credit_refund == Decimal("710.00")
    export_lines_attach_batch(
        enterprise=enterprise,
        actor=None,
        line_ids=[line.pk],
        batch_id=7,
        status=LineStatus.GENERATED,
    )
    line.refresh_from_db()
    with pytest.raises(ValidationError, match="批次 7"):
        export_line_update(obj=line, enterprise=enterprise, actor=None, data={"note": "x"})
    export_lines_release_batch(enterprise=enterprise, actor=None, batch_id=7)
    line.refresh_from_db()
    export_line_update(obj=line, enterprise=enterprise, actor=None, data={"note": "x"})
