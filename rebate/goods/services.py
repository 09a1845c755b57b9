"""Writes of 出口货物明细 (明细表 lines); every change recomputes computed columns (rebate.calc).

Other apps call:
- `export_lines_create(*, enterprise, actor, lines)` — 生成退税 (customs) and imports: bulk, one
  transaction, computed columns by `rebate.calc.mdt.compute_goods`.
- the declarations app puts every form's rows of a period into a batch (read-only) and
  releases them on 撤销申报数据 through their RecordTypes (declarations.sources);
  `export_lines_attach_batch` / `export_lines_release_batch` do it for chosen lines only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rebate.accounts.models import Enterprise, User
from rebate.calc.mdt import GoodsLine, compute_goods
from rebate.calc.money import ZERO
from rebate.core.batch import BatchServices, read_only_reason

from . import access, compute, groups, models
from .choices import LineOrigin, LineStatus
from .models import ExportLine

__all__ = ["ExportLineInput", "export_lines_create", "read_only_reason"]
# recheck_reason: a save through the services (rates returned from the library again) clears
# the flag a new library version set (goods.recheck).
COMPUTED_FIELDS = (
    "bonded_materials_price", "non_creditable", "exempt_credit_refund", "recheck_reason",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ExportLineInput:
    """The entered (non-computed) columns of one 明细表 line; amounts are Decimal."""

    period: str
    item_key: str
    export_date: date
    commodity_code: str
    commodity_name: str
    unit: str
    quantity: Decimal
    fob_usd: Decimal
    fob_cny: Decimal
    levy_rate: Decimal
    rebate_rate: Decimal
    allocation_rate: Decimal | None = None
    domestic_free_materials: Decimal = ZERO
    invoice_no: str = ""
    agency_certificate_no: str = ""
    handbook_no: str = ""
    trade_mode: str = ""
    business_types: str = ""
    contract_no: str = ""
    note: str = ""
    currency: str = ""
    transaction_total: Decimal | None = None
    transaction_fob: Decimal | None = None  # 原币离岸价
    transaction_rate: Decimal | None = None
    usd_rate: Decimal | None = None
    customs_fob_usd: Decimal | None = None  # customs' own figures, for comparison
    customs_fob_cny: Decimal | None = None
    rebate_month: str = ""
    declared_commodity_code: str = ""
    declared_commodity_name: str = ""
    sequence_no: str = ""
    origin: str = LineOrigin.CUSTOMS


INPUT_FIELDS = tuple(f.name for f in fields(ExportLineInput))  # asdict deep-copies: slow
read_inputs = attrgetter(*INPUT_FIELDS)  # one C call per line, not a getattr per field


def compute_columns(lines: Sequence[ExportLine]) -> None:
    """Fill the computed columns of `lines` in place with rebate.calc (never re-derived here)."""
    calc_lines = [
        GoodsLine(
            id=str(index),
            fob_usd=Decimal(line.fob_usd),
            fob_cny=Decimal(line.fob_cny),
            levy_rate=Decimal(line.levy_rate),
            rebate_rate=Decimal(line.rebate_rate),
            allocation_rate=None if line.allocation_rate is None else Decimal(line.allocation_rate),
            duty_free_domestic_materials=Decimal(line.domestic_free_materials or 0),
        )
        for index, line in enumerate(lines)
    ]
    columns = compute_goods(calc_lines)
    # calc's columns as they are: a result object per line was a fifth of a 批量修改.
    for line, bonded, non_creditable, refund in zip(
        lines,
        columns.bonded_materials_price,
        columns.non_creditable,
        columns.exempt_credit_refund,
        strict=True,
    ):
        line.bonded_materials_price = bonded
        line.non_creditable = non_creditable
        line.exempt_credit_refund = refund
        line.recheck_reason = ""


CALC_INPUTS = (
    "fob_usd",
    "fob_cny",
    "levy_rate",
    "rebate_rate",
    "allocation_rate",
    "domestic_free_materials",
)  # fmt: skip — what compute_columns reads
export_line = BatchServices(
    ExportLine,
    compute=compute_columns,
    computed=COMPUTED_FIELDS,
    defaults={"origin": LineOrigin.MANUAL},
    check=groups.require_members_for_stzc,
    check_inputs=groups.STZC_CHECK_READS,
    inputs=CALC_INPUTS,
)
imported_lines = BatchServices(
    ExportLine,
    compute=compute_columns,
    computed=COMPUTED_FIELDS,
    defaults={"origin": LineOrigin.IMPORT},
    check=groups.require_members_for_stzc,
)


@transaction.atomic
def export_lines_create(
    *, enterprise: Enterprise, actor: User, lines: Sequence[ExportLineInput]
) -> list[ExportLine]:
    """Create 明细表 lines in one transaction (bulk insert); all or nothing. Errors name 第N行."""
    return list(
        export_line.create_many(
            enterprise=enterprise,
            actor=actor,
            rows=[dict(zip(INPUT_FIELDS, read_inputs(x), strict=True)) for x in lines],
        )
    )


def export_line_create(
    *, enterprise: Enterprise, actor: User, data: Mapping[str, Any]
) -> ExportLine:
    """新建 (TS-02)."""
    line: ExportLine = export_line.create(enterprise=enterprise, actor=actor, data=data)
    return line


def export_line_update(
    *, obj: ExportLine, enterprise: Enterprise, actor: User, data: Mapping[str, Any]
) -> ExportLine:
    line: ExportLine = export_line.update(obj=obj, enterprise=enterprise, actor=actor, data=data)
    return line


@transaction.atomic
def export_line_delete(*, obj: ExportLine, enterprise: Enterprise, actor: User) -> None:
    if obj.reversals.exists():
        raise ValidationError("该明细已被冲减明细引用，不能删除")
    export_line.delete(obj=obj, enterprise=enterprise, actor=actor)


@transaction.atomic
def export_lines_attach_batch(
    *, enterprise: Enterprise, actor: User, line_ids: Sequence[int], batch_id: int, status: str
) -> int:
    """Chosen lines enter a generated (or declared) batch and become read-only."""
    return (
        ExportLine.objects.for_enterprise(enterprise)
        .filter(pk__in=line_ids)
        .update(declaration_batch_id=batch_id, status=status)
    )


@transaction.atomic
def export_lines_release_batch(*, enterprise: Enterprise, actor: User, batch_id: int) -> int:
    """撤销申报数据: the batch's lines become editable again."""
    return (
        ExportLine.objects.for_enterprise(enterprise)
        .filter(declaration_batch_id=batch_id)
        .update(declaration_batch_id=None, status=LineStatus.COLLECTED)
    )


@transaction.atomic
def export_lines_set_invoice_no(
    *, enterprise: Enterprise, actor: User, item_key_prefix: str, invoice_no: str
) -> int:
    """单证匹配 (matching.services) fills 出口发票号 on the undeclared lines of one 报关单
    (their 出口报关单号 starts with its 18 digits). Only that field is written: the rates and
    computed columns stay as they are, and a line in a batch (已生成/已正式申报) is never
    touched. Returns how many lines changed."""
    return (
        ExportLine.objects.for_enterprise(enterprise)
        .filter(
            item_key__startswith=item_key_prefix,
            status=LineStatus.COLLECTED,
            declaration_batch_id__isnull=True,
        )
        .exclude(invoice_no=invoice_no)
        .update(invoice_no=invoice_no[:40], updated_at=timezone.now())
    )


code_adjustment = BatchServices(models.CodeAdjustment)


def code_adjustment_create(
    *, enterprise: Enterprise, actor: User, data: Mapping[str, Any]
) -> models.CodeAdjustment:
    """商品码失效调整 (TS-07), also recorded by 数据检查's 配置商品代码 in the customs app."""
    row: models.CodeAdjustment = code_adjustment.create(
        enterprise=enterprise, actor=actor, data=data
    )
    return row


@transaction.atomic
def code_adjustments_move_to_period(
    *, enterprise: Enterprise, actor: User, item_keys: Sequence[str], period: str
) -> int:
    """生成退税 puts the items' open 调整对应表 rows into the 所属期 their lines are declared in."""
    open_rows = models.CodeAdjustment.objects.for_enterprise(enterprise).filter(
        declaration_batch_id__isnull=True
    )
    # The open rows are few beside a run's items (30,000 for 10,000 报关单): read them and
    # keep the wanted keys rather than build an IN list of every key.
    wanted = set(item_keys)
    ids = [pk for pk, key in open_rows.values_list("pk", "item_key") if key in wanted]
    return open_rows.filter(pk__in=ids).update(period=period) if ids else 0


fob_difference = BatchServices(
    models.FobDifference,
    compute=compute.fob_difference,
    computed=("difference_cny", "difference_rate", "explanation_required"),
)
refund_first = BatchServices(models.RefundFirst, check=access.require_refund_first)
receipt = BatchServices(
    models.Receipt,
    compute=compute.receipt,
    computed=("receipt_cny",),
    check=access.require_fourth_class,
)
non_receipt = BatchServices(
    models.NonReceipt,
    compute=compute.non_receipt,
    computed=("unreceived_amount", "unreceived_ratio"),
    check=access.require_fourth_class,
)
deemed_own_product = BatchServices(models.DeemedOwnProduct, check=groups.require_member_supplier)


@transaction.atomic
def refund_first_qualification_set(
    *,
    enterprise: Enterprise,
    actor: User,
    approved_on: date,
    revoked_on: date | None = None,
    document_no: str = "",
) -> models.RefundFirstQualification:
    """Record the 先退税后核销 qualification (until 备案申报 BA-03 takes this over)."""
    row, _ = models.RefundFirstQualification.objects.update_or_create(
        enterprise=enterprise,
        defaults={"approved_on": approved_on, "revoked_on": revoked_on, "document_no": document_no},
    )
    return row
