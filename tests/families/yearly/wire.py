"""The business on the wire: its spec (registered by family.py) and a line's record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rebate.integrations.wire.package import BusinessSpec, PeriodKind, Section
from rebate.integrations.wire.spec import Field, Kind, RecordSpec

from . import BUSINESS

SECTION = "NDMX"
LINE = RecordSpec(
    "Record",
    "测试年度申报明细",
    (
        Field("sbxh", "line_no", label="申报序号", required=True, max_length=10),
        Field("hth", "contract_no", label="合同号", max_length=40),
        Field("dfdw", "counterparty", label="对方单位", required=True, max_length=100),
        Field("je", "amount", Kind.AMOUNT, "金额", required=True),
    ),
)
SPEC = BusinessSpec(
    code=BUSINESS, short_name="tndsb", label="测试年度申报", period_kind=PeriodKind.YEAR,
    self_check=True, published=False, sections=(Section(SECTION, LINE, required=True),),
)  # fmt: skip


def line(row: Any) -> Mapping[str, object]:
    return {
        "line_no": row.sequence_no,
        "contract_no": row.contract_no,
        "counterparty": row.counterparty,
        "amount": row.amount,
    }
