"""The one write path of 单证匹配: confirm a group (报关单 + 出口发票 + 收汇), undo it, and keep
matched documents unchanged while they are matched."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rebate.accounts.models import Enterprise, User
from rebate.core.services import record_delete, record_update
from rebate.customs.models import Declaration
from rebate.goods.services import export_lines_set_invoice_no

from .models import ExportInvoice, ForeignReceipt, Match

INVOICE_NO_MAX = 40  # 出口发票号 of a 明细表 line
MATCHED = "已确认匹配，不能修改或删除；如有错误请先在单证匹配中撤销该匹配"


def _matched(obj: Any) -> bool:
    return bool(obj.pk) and obj.matches.exists()


def document_update(
    *, obj: Any, enterprise: Enterprise, actor: User, data: Mapping[str, Any]
) -> Any:
    if _matched(obj):
        raise ValidationError(f"「{obj}」{MATCHED}")
    return record_update(obj=obj, enterprise=enterprise, actor=actor, data=data)


def document_delete(*, obj: Any, enterprise: Enterprise, actor: User) -> None:
    if _matched(obj):
        raise ValidationError(f"「{obj}」{MATCHED}")
    record_delete(obj=obj, enterprise=enterprise, actor=actor)


def invoice_numbers(invoices: Sequence[ExportInvoice]) -> str:
    """The 出口发票号 a line gets: every invoice of the match, joined by commas while they fit
    the field's 40 characters, else the first ones and 等 (the match keeps them all)."""
    numbers = sorted(i.invoice_no for i in invoices)
    joined = ",".join(numbers)
    if len(joined) <= INVOICE_NO_MAX:
        return joined
    kept = ""
    for number in numbers:
        candidate = f"{kept},{number}" if kept else number
        if len(candidate) + 1 > INVOICE_NO_MAX:
            break
        kept = candidate
    return f"{kept}等"


def _scoped(model: Any, enterprise: Enterprise, ids: Sequence[int], label: str) -> list[Any]:
    rows = list(model.objects.for_enterprise(enterprise).filter(pk__in=ids))
    if len(rows) != len(set(ids)):
        raise ValidationError(f"所选{label}不存在或不属于本企业")
    return rows


@transaction.atomic
def match_confirm(
    *,
    enterprise: Enterprise,
    actor: User,
    declaration_ids: Sequence[int],
    invoice_ids: Sequence[int],
    receipt_ids: Sequence[int] = (),
    score: int = 0,
) -> Match:
    """The clerk confirms a group: each document joins at most one match; the undeclared lines
    of the declarations get the invoices' 出口发票号 (declared lines are never altered)."""
    if not declaration_ids or not invoice_ids:
        raise ValidationError("请至少选择一张报关单和一张出口发票")
    declarations = _scoped(Declaration, enterprise, declaration_ids, "报关单")
    invoices = _scoped(ExportInvoice, enterprise, invoice_ids, "出口发票")
    receipts = _scoped(ForeignReceipt, enterprise, receipt_ids, "收汇")
    currencies = {i.currency for i in invoices} | {r.currency for r in receipts}
    if len(currencies) > 1:
        raise ValidationError(f"所选发票和收汇的币种不一致（{'、'.join(sorted(currencies))}）")
    taken = Match.objects.for_enterprise(enterprise)
    clash = [
        *(str(d.entry_id) for d in declarations if taken.filter(declarations=d).exists()),
        *(str(i) for i in invoices if i.matches.exists()),
        *(r.bank_reference for r in receipts if r.matches.exists()),
    ]
    if clash:
        raise ValidationError(f"{'、'.join(clash)} 已在其他匹配中，请先撤销原匹配")
    number = invoice_numbers(invoices)
    updated = sum(
        export_lines_set_invoice_no(
            enterprise=enterprise, actor=actor, item_key_prefix=d.entry_id, invoice_no=number
        )
        for d in declarations
    )
    match = Match.objects.create(
        enterprise=enterprise, confirmed_by=actor, score=max(0, min(score, 100)),
        lines_updated=updated,
    )  # fmt: skip
    match.declarations.set(declarations)
    match.invoices.set(invoices)
    match.receipts.set(receipts)
    return match


@transaction.atomic
def match_cancel(*, obj: Match, enterprise: Enterprise, actor: User) -> None:
    """撤销匹配: the documents are open again. 出口发票号 written onto lines stays (the clerk may
    have relied on it; a new match overwrites it on undeclared lines)."""
    if obj.enterprise_id != enterprise.pk:
        raise ValidationError("您无权限操作该数据")
    obj.delete()
