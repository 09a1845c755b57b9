"""The bench's floor (a bare Decimal loop, bench/bench_processing.py) and the product's 生成核销表
give the same figures on the bench's data: the ratio compares the same work."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bench import bench_processing as bench
from rebate.accounts.tests.factories import make_enterprise

from .. import services
from ..models import Writeoff

pytestmark = pytest.mark.django_db


def test_product_and_floor_agree_on_the_bench_data():
    enterprise = make_enterprise(customs_code="4403960B02")
    bench.seed(enterprise, 12)
    _, floor_rows = bench.floor(enterprise)
    assert not Writeoff.objects.exists()  # the floor rolled its rows back
    made = services.writeoffs_prefill(
        enterprise=enterprise, actor=None, period="202604", year="2025"
    )
    assert len(made) == 12
    rows = Writeoff.objects.all()
    assert sum((w.non_creditable_adjustment for w in rows), Decimal(0)) == floor_rows["8"]
    assert sum((w.refund_adjustment for w in rows), Decimal(0)) == floor_rows["14"]
    assert floor_rows["14"] != 0
