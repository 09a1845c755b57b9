"""集团公司成员企业备案 (A0105001) in force: the members of the enterprise's filings the bureau
approved, provided to goods (rebate.goods.groups) so that their goods count as 视同自产 (STZC)."""

from __future__ import annotations

from rebate.accounts.models import Enterprise
from rebate.declarations.choices import ReviewResultKind
from rebate.declarations.models import ReviewRecord
from rebate.goods.groups import Member, provide_group_members

from .models import GroupMember

GROUP = "A0105001"


def approved_members(enterprise: Enterprise) -> list[Member]:
    approved = dict(
        ReviewRecord.objects.for_enterprise(enterprise)
        .filter(business_code=GROUP, result=ReviewResultKind.PASSED, batch__isnull=False)
        .values_list("batch_id", "reviewed_on")
    )
    rows = GroupMember.objects.for_enterprise(enterprise).filter(
        declaration_batch_id__in=list(approved)
    )
    return [
        Member(
            taxpayer_id=row.member_taxpayer_id,
            name=row.member_name,
            group_name=row.group_name,
            approved_on=approved[row.declaration_batch_id] or row.filled_on,
        )
        for row in rows.order_by("sequence_no", "id")
    ]


provide_group_members(approved_members)
