"""A batch's family-defined figures: Decimal in, decimal strings in JSON, Decimal out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rebate.declarations.figures import figures_json, read_figure
from rebate.declarations.models import DeclarationBatch

from .factories import make_batch


def test_amounts_are_stored_as_decimal_strings_and_read_back_exactly():
    stored = figures_json({"refund_due": Decimal("1234.50"), "tiny": Decimal("1E-2")})
    assert stored == {"refund_due": "1234.50", "tiny": "0.01"}
    assert read_figure(stored, "refund_due") == Decimal("1234.50")
    assert read_figure(stored, "absent") is None
    assert read_figure({"bad": 0.1}, "bad") is None  # a float is never taken for an amount


def test_a_float_is_refused_when_written():
    with pytest.raises(TypeError):
        figures_json({"refund_due": 0.1})  # type: ignore[dict-item]


@pytest.mark.django_db
def test_a_batch_keeps_its_figures_to_the_cent(enterprise):
    batch = make_batch(enterprise, figures=figures_json({"refund_due": Decimal("0.10")}))
    again = DeclarationBatch.objects.get(pk=batch.pk)
    assert again.figure("refund_due") == Decimal("0.10")
    assert str(again.figure("refund_due")) == "0.10"
