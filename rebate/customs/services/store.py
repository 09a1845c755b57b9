"""Mapping between the customs wire records and the stored rows, and the 改单 difference."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from rebate.accounts.models import Enterprise
from rebate.core import instances
from rebate.goods.models import ExportLine
from rebate.goods.services import read_only_reason
from rebate.integrations.wire.customs import DeclarationItem as WireItem
from rebate.integrations.wire.customs import ExportDeclaration

from ..choices import GenerationStatus
from ..models import Declaration, DeclarationItem

HEAD_FIELDS: tuple[str, ...] = (
    "entry_id", "seq_no", "ie_date", "d_date", "custom_master", "ie_port", "trade_code",
    "trade_name", "trade_co_scc", "owner_code", "owner_name", "agent_code", "agent_name",
    "trade_mode", "cut_mode", "traf_mode", "traf_name", "bill_no", "trade_country",
    "trade_area_code", "distinate_port", "enty_port_code", "trans_mode", "fee_mark", "fee_rate",
    "fee_curr", "insur_mark", "insur_rate", "insur_curr", "other_mark", "other_rate",
    "other_curr", "pack_no", "wrap_type", "gross_wt", "net_wt", "contr_no", "manual_no",
    "license_no", "clearance_date", "amended",
)  # fmt: skip
NULLABLE_HEAD_FIELDS = frozenset(n for n in HEAD_FIELDS if Declaration._meta.get_field(n).null)
ITEM_FIELDS: tuple[str, ...] = (
    "g_no", "code_ts", "g_name", "g_model", "g_qty", "g_unit", "first_qty", "first_unit",
    "second_qty", "second_unit", "decl_price", "decl_total", "trade_curr", "origin_country",
    "destination_country", "duty_mode", "district_code", "fob_orig", "fob_usd", "fob_cny",
    "no_refund",
)  # fmt: skip


def head_values(d: ExportDeclaration, digest: str) -> dict[str, Any]:
    values = {name: getattr(d, name) for name in HEAD_FIELDS}
    for name, value in values.items():
        if value is None and name not in NULLABLE_HEAD_FIELDS:
            values[name] = ""
    values["export_month"] = d.ie_date.strftime("%Y%m")
    values["received_hash"] = digest
    return values


def to_heads(
    enterprise: Enterprise, incoming: Sequence[tuple[ExportDeclaration, str]]
) -> list[Declaration]:
    """Unsaved heads of (declaration, digest) pairs."""
    rows = [head_values(d, digest) for d, digest in incoming]
    heads: list[Declaration] = instances.build(Declaration, rows, enterprise=enterprise)
    return heads


def to_head(enterprise: Enterprise, d: ExportDeclaration, digest: str) -> Declaration:
    return to_heads(enterprise, [(d, digest)])[0]


def to_items(head: Declaration, items: Iterable[WireItem]) -> list[DeclarationItem]:
    """Unsaved items of a saved head."""
    return items_of([(head, items)])


def items_of(pairs: Iterable[tuple[Declaration, Iterable[WireItem]]]) -> list[DeclarationItem]:
    """Unsaved items of saved heads, built in one go."""
    rows = [
        {name: getattr(item, name) for name in ITEM_FIELDS}
        | {"enterprise_id": head.enterprise_id, "declaration_id": head.pk,
           "item_key": f"{head.entry_id}0{item.g_no:02d}", "rebate_code": item.code_ts}
        for head, items in pairs
        for item in items
    ]  # fmt: skip
    built: list[DeclarationItem] = instances.build(DeclarationItem, rows)
    return built


def _text(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value else "0"
    return str(value)


def _label(model: type[Any], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def diff(declaration: Declaration, incoming: ExportDeclaration) -> list[dict[str, str]]:
    """Field-by-field differences between what is stored and what customs now sends."""
    changes: list[dict[str, str]] = []
    for name in HEAD_FIELDS:
        old, new = _text(getattr(declaration, name)), _text(getattr(incoming, name))
        if old != new:
            changes.append({"item": "", "field": _label(Declaration, name), "old": old, "new": new})
    stored = {item.g_no: item for item in declaration.items.all()}
    fresh = {item.g_no: item for item in incoming.items}
    for g_no in sorted(stored.keys() | fresh.keys()):
        changes.extend(_item_diff(g_no, stored.get(g_no), fresh.get(g_no)))
    return changes


def _item_diff(
    g_no: int, old: DeclarationItem | None, new: WireItem | None
) -> list[dict[str, str]]:
    item = str(g_no)
    if old is None:
        return [{"item": item, "field": "商品项", "old": "", "new": "新增"}]
    if new is None:
        return [{"item": item, "field": "商品项", "old": old.g_name, "new": "删除"}]
    changes = []
    for name in ITEM_FIELDS:
        before, after = _text(getattr(old, name)), _text(getattr(new, name))
        if before != after:
            label = _label(DeclarationItem, name)
            changes.append({"item": item, "field": label, "old": before, "new": after})
    return changes


def locked_declaration_ids(enterprise: Enterprise, declaration_ids: Sequence[int]) -> set[int]:
    """Declarations with a generated line that is locked (in a declaration batch) or 已申报."""
    links = (
        DeclarationItem.objects.for_enterprise(enterprise)
        .filter(declaration_id__in=declaration_ids, export_line__isnull=False)
        .values_list("declaration_id", "export_line_id")
    )
    by_line: dict[int, int] = {line_id: decl_id for decl_id, line_id in links}
    lines = ExportLine.objects.for_enterprise(enterprise).filter(pk__in=list(by_line))
    declared = Declaration.objects.for_enterprise(enterprise).filter(
        pk__in=declaration_ids, generation_status=GenerationStatus.DECLARED
    )  # approved by the bureau: declared data is never altered
    return {by_line[line.pk] for line in lines if read_only_reason(line)} | set(
        declared.values_list("pk", flat=True)
    )
