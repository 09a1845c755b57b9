"""In-place fixes offered by 数据检查: enter a missing exchange rate, or map an expired code.

The rate is stored by codes' exchange-rate service; the code mapping keeps customs data as it is
(商品编号) and sets the item's 退税商品代码, recording the 商品码失效调整 (TS-07) through goods.
Both re-check the declarations concerned so that the list shows the new result at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from rebate.accounts.models import Enterprise, User
from rebate.codes import selectors as codes
from rebate.codes.services import exchange_rate_set
from rebate.goods import services as goods_services

from ..models import DeclarationItem
from .check import CheckReport, declarations_check

RATE_REASON = "数据检查中配置汇率"
CODE = re.compile(r"\d{10}")


@transaction.atomic
def declaration_rate_fix(
    *,
    enterprise: Enterprise,
    actor: User,
    currency: str,
    on_date: date,
    rate: Decimal,
    declaration_ids: Iterable[int],
) -> CheckReport:
    """配置汇率: store the missing 中间价 (RMB per 1 unit), then re-check."""
    exchange_rate_set(
        currency=currency, on_date=on_date, rate=rate, actor=actor, reason=RATE_REASON
    )
    return declarations_check(enterprise=enterprise, actor=actor, declaration_ids=declaration_ids)


@transaction.atomic
def declaration_item_map_code(
    *, enterprise: Enterprise, actor: User, item_id: int, new_code: str
) -> CheckReport:
    """配置商品代码: the item's expired code is replaced by its successor for rebate purposes."""
    item = (
        DeclarationItem.objects.for_enterprise(enterprise)
        .select_for_update()
        .select_related("declaration")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise ValidationError("商品信息不存在")
    if item.export_line_id is not None:
        raise ValidationError("该商品已生成退税数据，不能调整商品代码")
    code = new_code.strip()
    if not CODE.fullmatch(code):
        raise ValidationError({"new_code": "调整后商品代码应为10位数字"})
    export_date = item.declaration.ie_date
    try:
        row = codes.rate_lookup(code, export_date)
    except codes.RateNotFound as exc:
        raise ValidationError({"new_code": str(exc)}) from exc
    _record_adjustment(enterprise, actor, item, row)
    item.rebate_code = code
    item.save(update_fields=["rebate_code", "updated_at"])
    return declarations_check(
        enterprise=enterprise, actor=actor, declaration_ids=[item.declaration_id]
    )


def _record_adjustment(
    enterprise: Enterprise, actor: User, item: DeclarationItem, row: codes.RateRow
) -> None:
    """The 《海关出口商品代码、名称、退税率调整对应表》 row (TS-07). Its 所属期 starts as the export
    month and follows the lines when 生成退税 puts them in a period."""
    declaration = item.declaration
    goods_services.code_adjustment_create(
        enterprise=enterprise,
        actor=actor,
        data={
            "period": declaration.export_month,
            "item_key": item.item_key,
            "export_date": declaration.ie_date,
            "commodity_code": item.code_ts,
            "commodity_name": item.g_name[:200],
            "rebate_rate": row.rebate_rate,
            "adjusted_commodity_code": row.code[:10],
            "adjusted_commodity_name": row.name[:200],
            "adjusted_rebate_rate": row.rebate_rate,
            "declaration_date": declaration.d_date,
        },
    )
