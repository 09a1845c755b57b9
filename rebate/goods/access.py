"""Which goods forms an enterprise may use, and why not (shown instead of the page)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from rebate.accounts.models import Enterprise

from .models import NonReceipt, Receipt, RefundFirst, RefundFirstQualification

FOURTH_CLASS = "4"
NO_REFUND_FIRST = (
    "本企业未取得先退税后核销资格，不能采集《先退税后核销企业免抵退税申报附表》。"
    "请先通过 备案申报 › 先退税后核销资格申请 取得资格。"
)
NOT_FOURTH_CLASS = (
    "本企业分类管理类别为{category}，不是四类企业，退税申报时不报送《出口货物收汇情况表》。"
    "收汇情况请在 其他申报 › 收汇情况 中采集；分类管理类别有误时，请在 配置 › 企业信息 中核对。"
)
# Where the clerk goes instead (label, URL name), linked under the reason.
REFUND_FIRST_QUALIFICATION = (("去申请先退税后核销资格", "filings:refundfirst_add"),)
RECEIPTS_ELSEWHERE = (
    ("去采集收汇情况（其他申报）", "other_declarations:receipt_list"),
    ("核对企业信息", "configuration:enterprise_info"),
)


def refund_first_unavailable(enterprise: Enterprise, on: datetime.date | None = None) -> str:
    on = on or datetime.date.today()
    held = RefundFirstQualification.objects.for_enterprise(enterprise).filter(approved_on__lte=on)
    if held.exclude(revoked_on__lte=on).exists():
        return ""
    return NO_REFUND_FIRST


def receipts_unavailable(enterprise: Enterprise) -> str:
    if enterprise.category == FOURTH_CLASS:
        return ""
    return NOT_FOURTH_CLASS.format(category=enterprise.get_category_display())


def require_refund_first(enterprise: Enterprise, row: RefundFirst) -> None:
    reason = refund_first_unavailable(enterprise)
    if reason:
        raise ValidationError(reason)


def require_fourth_class(enterprise: Enterprise, row: Receipt | NonReceipt) -> None:
    reason = receipts_unavailable(enterprise)
    if reason:
        raise ValidationError(reason)
