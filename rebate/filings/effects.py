"""What an approved filing puts in force (the bureau's feedback read in, SPEC TS-28/BA-13).

``on_approved`` is the family's hook for a filing declared here that the bureau approved: the
备案表 or its 变更 becomes the 备案 in force in 企业信息查询 (PZ-04) with a history row; the
先退税后核销资格 opens TS-09 (goods); a 放弃, a withdrawn 备案 or a 委托代办 becomes a Standing that
the gates read; 恢复适用 and 委托代办撤回 end theirs. ``on_filings`` reads the bureau's 备案 list
(filing feedback): the latest 备案 or 变更 refreshes 备案日期 and 分类管理类别.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from rebate.accounts.choices import ManagementCategory
from rebate.accounts.models import Enterprise, User
from rebate.configuration.services import enterprise_filing_update, filing_history_add
from rebate.goods import services as goods
from rebate.goods.models import RefundFirstQualification
from rebate.integrations.wire.feedback import FilingFeedback
from rebate.integrations.wire.package.filings import SPECS

from . import content
from .models import Standing
from .records import BUSINESS_ROWS

FILING_CODES = ("A0101001", "A0102001")  # 出口退(免)税备案 / 备案变更
WAIVERS = ("A0409002", "A0409003", "A0409004")
WITHDRAWN, AGENCY = "A0103001", "A0109001"


def _standing(enterprise: Enterprise, code: str, started: datetime.date, **kw: Any) -> None:
    Standing.objects.create(
        enterprise=enterprise, business_code=code, label=SPECS[code].label, started_on=started,
        **kw,
    )  # fmt: skip


def _end(enterprise: Enterprise, code: str, on: datetime.date, **match: Any) -> int:
    live = Standing.objects.for_enterprise(enterprise).filter(
        business_code=code, ended_on__isnull=True, **match
    )
    return int(live.update(ended_on=on))


def _registration(enterprise: Enterprise, row: Any, code: str, on: datetime.date) -> str:
    values = content.values_of(row)
    if enterprise.refund_method != values["refund_method"]:  # 计算方法 drives the declarations
        enterprise.refund_method = values["refund_method"]
        enterprise.save(update_fields=["refund_method"])
    enterprise_filing_update(
        enterprise=enterprise, source_note=f"备案申报 {code} 审核通过", filing_date=on,
        refund_method=content.display("refund_method", values["refund_method"]),
        details=content.details(values),
    )  # fmt: skip
    if code == "A0101001":
        _end(enterprise, WITHDRAWN, on)
        return f"{values['name']}，{content.display('refund_method', values['refund_method'])}"
    return "；".join(f"{c[1]}：{c[2] or '（空）'}→{c[3] or '（空）'}" for c in row.changes)


def _apply(enterprise: Enterprise, actor: User, code: str, row: Any, on: datetime.date,
           receipt: str) -> str:  # fmt: skip
    """The row's effect; the history's summary."""
    if code in FILING_CODES:
        return _registration(enterprise, row, code, on)
    if code == WITHDRAWN:
        _standing(enterprise, code, on, reason=row.get_reason_display(), receipt_no=receipt)
        RefundFirstQualification.objects.for_enterprise(enterprise).filter(
            revoked_on__isnull=True
        ).update(revoked_on=on)
        return f"撤回原因：{row.get_reason_display()}"
    if code == "A0107001":
        goods.refund_first_qualification_set(
            enterprise=enterprise, actor=actor, approved_on=on, document_no=receipt
        )
        return f"合同{row.contract_no}，{row.commodity_name}，出口额（美元）{row.export_amount_usd}"
    if code in WAIVERS:
        _standing(enterprise, code, row.start_on, reason=row.reason, receipt_no=receipt)
        return f"{row.start_on:%Y-%m-%d}起{row.get_kind_display()}，原因：{row.reason}"
    if code == "A0409005":
        _end(enterprise, row.waiver_code, row.resume_from)
        return f"自{row.resume_from:%Y-%m-%d}起恢复适用（原{row.get_waiver_code_display()}）"
    if code == AGENCY:
        _standing(enterprise, code, on, counterpart=row.agent_name, receipt_no=receipt)
        return f"委托{row.agent_name}（{row.agent_customs_code}）代办退税"
    if code == "A0109002":
        _end(enterprise, AGENCY, on, counterpart=row.agent_name)
        return f"撤回委托{row.agent_name}代办退税"
    if code == "A0105001":
        return f"{row.group_name}成员企业：{row.member_name}（{row.member_customs_code}）"
    return f"提醒手机{row.phone1}：{row.items}"  # A0409001


def on_approved(*, enterprise: Enterprise, actor: User, review: Any, item_keys: list[str]) -> None:
    """A filing declared here was approved: apply each of its rows."""
    if review.batch_id is None or review.business_code not in BUSINESS_ROWS:
        return  # known only from feedback: the bureau's 备案 list (on_filings) covers it
    record, scope = BUSINESS_ROWS[review.business_code]
    on = review.reviewed_on or timezone.localdate()
    rows = record.model._default_manager.filter(
        enterprise=enterprise, declaration_batch_id=review.batch_id, **scope
    ).order_by("sequence_no", "id")
    summaries = [
        _apply(enterprise, actor, review.business_code, row, on, review.receipt_no) for row in rows
    ]
    filing_history_add(
        enterprise=enterprise, business_code=review.business_code,
        label=SPECS[review.business_code].label, filed_on=on, summary="；".join(summaries),
        receipt_no=review.receipt_no,
    )  # fmt: skip


def on_filings(*, enterprise: Enterprise, actor: User, feedback: FilingFeedback) -> int:
    """备案反馈: the latest 出口退(免)税备案 or 变更 refreshes the 备案信息 (PZ-04); 1 if it did."""
    filings = sorted(
        (f for f in feedback.filings if f.business_code in FILING_CODES), key=lambda f: f.filed_on
    )
    if not filings:
        return 0
    latest = filings[-1]
    labels = dict(ManagementCategory.choices)
    enterprise_filing_update(
        enterprise=enterprise,
        source_note=f"备案反馈 {latest.business_code} {latest.status}",
        filing_date=latest.filed_on,
        category=labels.get(latest.category, latest.category),
    )
    return 1
