"""What each 申请表 requires before it is saved (BatchServices.check: the record pages, imports
and 批量修改 alike): a ValidationError keyed by field, shown at the field, nothing written.

- 报关单号 and 项号 against the enterprise's downloaded 出口报关单 (customs), the item's own
  figures returned into the form (出口日期, 商品, 计量单位) and the certified quantity and 离岸价
  no larger than the item's;
- one certificate per 报关单 item and business (a second one is refused);
- the 委托方 / 受托方 / 卷烟出口企业 against 自用业务配置 › 委托企业, its name returned;
- dates in order, and totals equal to 数量 × 单价 (Decimal, rounded to the fen).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError

from rebate.accounts.models import Enterprise
from rebate.configuration.selectors import principals
from rebate.customs.models import DeclarationItem
from rebate.customs.selectors import declarations

from . import models
from .wire import BY_MODEL

CENT = Decimal("0.01")
Errors = dict[str, str]
# Fields the checks fill from the 报关单 or the 委托企业 (grey on the form, saved with the row)
RETURNED: dict[type[models.Certificate], tuple[str, ...]] = {
    models.Agency: ("principal_name", "export_date", "commodity_code", "commodity_name", "unit",
                    "currency", "deal_total"),
    models.ReturnedGoods: ("export_date", "commodity_code", "commodity_name", "unit", "quantity"),
    models.Entrusted: ("trustee_name",),
    models.Cigarette: ("exporter_name",),
    models.InwardWriteoff: ("commodity_code", "commodity_name", "unit"),
    models.CigarettePermit: ("producer_name",),
    models.CigaretteWriteoff: ("export_date", "commodity_code", "unit"),
}  # fmt: skip


def customs_item(enterprise: Enterprise, row: Any, errors: Errors) -> DeclarationItem | None:
    """The downloaded 报关单 item the row names (errors at 报关单号 / 项号 otherwise)."""
    if not row.entry_id or not row.item_no:
        return None
    declaration = declarations(enterprise).filter(entry_id=row.entry_id).first()
    if declaration is None:
        errors["entry_id"] = f"报关单号{row.entry_id}不在本企业已下载的出口报关单中，请先下载报关单"
        return None
    item = declaration.items.filter(g_no=row.item_no).first()
    if item is None:
        count = declaration.items.count()
        errors["item_no"] = f"项号{row.item_no}超出报关单{row.entry_id}的商品项（共{count}项）"
    return item


def once_per_item(enterprise: Enterprise, row: Any, errors: Errors) -> None:
    """A second application of the same business for the same 报关单 item is refused."""
    if "entry_id" in errors or "item_no" in errors or not row.item_key:
        return
    model = type(row)
    other = (
        model.objects.filter(enterprise=enterprise, entry_id=row.entry_id, item_no=row.item_no)
        .exclude(pk=row.pk)
        .first()
    )
    if other is not None:
        label = BY_MODEL[model].label
        errors["item_no"] = (
            f"报关单{row.entry_id}第{row.item_no}项已申请过{label}（所属期{other.period}，"
            f"申报序号{other.sequence_no}），不能重复申请"
        )


def partner(enterprise: Enterprise, row: Any, field: str, name_field: str, role: str,
            errors: Errors) -> None:  # fmt: skip
    taxpayer_id = getattr(row, field)
    if not taxpayer_id:
        return
    found = principals(enterprise).filter(taxpayer_id=taxpayer_id).first()
    if found is None:
        errors[field] = f"{role}{taxpayer_id}未在自用业务配置›委托企业中登记，请先添加委托企业"
        return
    setattr(row, name_field, found.name)


def not_above(row: Any, field: str, limit: Decimal | None, what: str, errors: Errors) -> None:
    value = getattr(row, field)
    if value is not None and limit is not None and value > limit:
        errors[field] = f"{row._meta.get_field(field).verbose_name}{value}超过{what}{limit}"


def in_order(row: Any, earlier: str, later: str, errors: Errors, text: str = "") -> None:
    first: date | None = getattr(row, earlier)
    second: date | None = getattr(row, later)
    if first and second and second < first:
        names = [row._meta.get_field(n).verbose_name for n in (earlier, later)]
        errors[later] = text or f"{names[1]}不得早于{names[0]}（{first:%Y-%m-%d}）"


def product(row: Any, total: str, quantity: str, price: str, errors: Errors) -> None:
    q, p, t = getattr(row, quantity), getattr(row, price), getattr(row, total)
    if q is None or p is None or t is None:
        return
    expected = (q * p).quantize(CENT, ROUND_HALF_UP)
    if t != expected:
        errors[total] = f"总价{t}应等于数量×单价（{expected}）"


def _return_from_item(row: Any, item: DeclarationItem) -> None:
    row.export_date = item.declaration.ie_date
    row.commodity_code = item.rebate_code or item.code_ts
    row.commodity_name = item.g_name
    row.unit = item.first_unit


def check_agency(enterprise: Enterprise, row: models.Agency, errors: Errors) -> None:
    partner(enterprise, row, "principal_taxpayer_id", "principal_name", "委托方", errors)
    item = customs_item(enterprise, row, errors)
    once_per_item(enterprise, row, errors)
    if item is None:
        return
    _return_from_item(row, item)
    row.currency, row.deal_total = item.trade_curr, item.decl_total
    not_above(row, "quantity", item.first_qty, "报关单该项的法定数量", errors)
    not_above(row, "fob_usd", item.fob_usd, "报关单该项的美元离岸价", errors)
    not_above(row, "fob_cny", item.fob_cny, "报关单该项的人民币离岸价", errors)
    in_order(row, "export_date", "fill_date", errors)


def check_returned(enterprise: Enterprise, row: models.ReturnedGoods, errors: Errors) -> None:
    item = customs_item(enterprise, row, errors)
    once_per_item(enterprise, row, errors)
    if item is not None:
        _return_from_item(row, item)
        row.quantity = item.first_qty
        not_above(row, "returned_quantity", item.first_qty, "报关单该项的出口数量", errors)
        not_above(row, "returned_fob_usd", item.fob_usd, "报关单该项的美元离岸价", errors)
        not_above(row, "returned_fob_cny", item.fob_cny, "报关单该项的人民币离岸价", errors)
        in_order(row, "export_date", "fill_date", errors)
        in_order(row, "export_date", "paid_on", errors)
    in_order(row, "paid_on", "fill_date", errors, "填表日期不得早于入库日期")
    if row.refund_status == models.RefundStatus.REFUNDED:
        if not row.offset_period:
            errors["offset_period"] = "已退税的退运货物须填写冲减所属期"
        elif not (len(row.offset_period) == 6 and row.offset_period.isdigit()):
            errors["offset_period"] = "冲减所属期格式应为YYYYMM"
        if row.offset_amount is None:
            errors["offset_amount"] = "已退税的退运货物须填写已冲减免抵退税额"
    if (row.paid_vat is not None) != bool(row.payment_no):
        errors["payment_no"] = "已补增值税额与缴款书号码须同时填写"


def check_inward(enterprise: Enterprise, row: models.InwardProcessing, errors: Errors) -> None:
    if row.manual_no and not declarations(enterprise).filter(manual_no=row.manual_no).exists():
        errors["manual_no"] = f"手（账）册号{row.manual_no}不在本企业已下载的出口报关单中"


def issued_here(
    enterprise: Enterprise, row: Any, field: str, model: type[models.Certificate], errors: Errors
) -> models.Certificate | None:
    """The enterprise's own issued certificate the row quotes (error at the field if none)."""
    number = getattr(row, field)
    if not number:
        return None
    found = model.objects.filter(enterprise=enterprise, certificate_no=number).first()
    if found is None:
        errors[field] = f"{number}不是本企业已开具的{BY_MODEL[model].label}"
    return found


def check_inward_writeoff(
    enterprise: Enterprise, row: models.InwardWriteoff, errors: Errors
) -> None:
    exemption = issued_here(
        enterprise, row, "exemption_certificate_no", models.InwardProcessing, errors
    )
    if isinstance(exemption, models.InwardProcessing) and exemption.manual_no != row.manual_no:
        errors["manual_no"] = f"与来料加工免税证明的手（账）册号{exemption.manual_no}不一致"
    item = customs_item(enterprise, row, errors)
    once_per_item(enterprise, row, errors)
    if item is None:
        return
    if item.declaration.manual_no != row.manual_no:
        errors["entry_id"] = (
            f"报关单{row.entry_id}的备案号{item.declaration.manual_no or '（无）'}"
            f"不是手（账）册{row.manual_no}"
        )
    row.commodity_code, row.commodity_name = item.rebate_code or item.code_ts, item.g_name
    row.unit = item.first_unit
    not_above(row, "export_quantity", item.first_qty, "报关单该项的法定数量", errors)


def check_cigarette_permit(
    enterprise: Enterprise, row: models.CigarettePermit, errors: Errors
) -> None:
    partner(enterprise, row, "producer_taxpayer_id", "producer_name", "卷烟生产企业", errors)
    product(row, "total_amount", "quantity", "unit_price", errors)
    if row.plan_year and not 2000 <= row.plan_year <= 2100:
        errors["plan_year"] = "计划年度应为四位年份，如2026"
    planned, issued = row.plan_quantity, row.issued_quantity or 0
    if row.quantity is not None and planned is not None and row.quantity + issued > planned:
        errors["quantity"] = (
            f"本次数量{row.quantity}加已开具数量{issued}超过出口卷烟计划数量{planned}"
        )


def check_cigarette_writeoff(
    enterprise: Enterprise, row: models.CigaretteWriteoff, errors: Errors
) -> None:
    issued_here(enterprise, row, "permit_no", models.CigarettePermit, errors)
    item = customs_item(enterprise, row, errors)
    once_per_item(enterprise, row, errors)
    if item is None:
        return
    _return_from_item(row, item)
    not_above(row, "export_quantity", item.first_qty, "报关单该项的法定数量", errors)
    not_above(row, "sales_usd", item.fob_usd, "报关单该项的美元离岸价", errors)
    not_above(row, "sales_cny", item.fob_cny, "报关单该项的人民币离岸价", errors)


def check_entrusted(enterprise: Enterprise, row: models.Entrusted, errors: Errors) -> None:
    partner(enterprise, row, "trustee_taxpayer_id", "trustee_name", "受托方", errors)
    if row.entry_id and not (len(row.entry_id) == 18 and row.entry_id.isdigit()):
        errors["entry_id"] = "出口报关单号应为18位数字"
    once_per_item(enterprise, row, errors)


def check_cigarette(enterprise: Enterprise, row: models.Cigarette, errors: Errors) -> None:
    partner(enterprise, row, "exporter_taxpayer_id", "exporter_name", "卷烟出口企业", errors)
    product(row, "total_amount", "quantity", "unit_price", errors)


def check_reissue(enterprise: Enterprise, row: models.Reissue, errors: Errors) -> None:
    pending = (
        models.Reissue.objects.filter(enterprise=enterprise, original_no=row.original_no)
        .exclude(pk=row.pk)
        .exists()
    )
    if row.original_no and pending:
        errors["original_no"] = f"原证明{row.original_no}已申请过补办，不能重复申请"


def check_winning_bid(enterprise: Enterprise, row: models.WinningBid, errors: Errors) -> None:
    product(row, "total_amount", "quantity", "unit_price", errors)
    in_order(row, "applied_on", "fill_date", errors)


CHECKS: dict[type[models.Certificate], Callable[[Enterprise, Any, Errors], None]] = {
    models.InwardProcessing: check_inward,
    models.InwardWriteoff: check_inward_writeoff,
    models.Agency: check_agency,
    models.ReturnedGoods: check_returned,
    models.Entrusted: check_entrusted,
    models.Cigarette: check_cigarette,
    models.CigarettePermit: check_cigarette_permit,
    models.CigaretteWriteoff: check_cigarette_writeoff,
    models.Reissue: check_reissue,
    models.WinningBid: check_winning_bid,
}


def check(enterprise: Enterprise, row: Any) -> None:
    """BatchServices.check of every form: raise the errors at their fields."""
    errors: Errors = {}
    CHECKS[type(row)](enterprise, row, errors)
    if errors:
        raise ValidationError(errors)
