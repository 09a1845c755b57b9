"""What an approved 单证 declaration does here: each line's 证明编号 (the bureau's feedback
gives it as the reviewed line's item_key) and its 开具日期 are written onto the record it
certifies, which 单证数据查询, the record pages and the other families' hooks then show; an approved
补办 moves the reissued number onto the record that held the lost one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from rebate.accounts.models import Enterprise, User

from . import models
from .wire import BY_CODE

if TYPE_CHECKING:
    from rebate.declarations.models import ReviewRecord


@transaction.atomic
def certificates_issued(
    *, enterprise: Enterprise, actor: User, review: ReviewRecord, item_keys: list[str]
) -> None:
    kind = BY_CODE.get(review.business_code)
    if kind is None or review.batch_id is None:
        return  # a declaration known only from feedback: its numbers stay on the review
    rows = kind.model.objects.filter(enterprise=enterprise, declaration_batch_id=review.batch_id)
    for line in review.lines.all():
        number = line.item_key[:20]
        rows.filter(sequence_no=line.line_no).update(
            certificate_no=number, issued_on=review.reviewed_on
        )
        if kind.model is models.Reissue:
            reissued = rows.filter(sequence_no=line.line_no).first()
            if reissued is not None:
                replace_lost(enterprise, reissued.original_no, number)


def replace_lost(enterprise: Enterprise, lost: str, number: str) -> None:
    """补办: the record that held the lost certificate now holds the reissued number (the 补办
    record keeps the lost one as its 原出口退税证明编号)."""
    for model in models.FORMS:
        if model is not models.Reissue:
            model.objects.filter(enterprise=enterprise, certificate_no=lost).update(
                certificate_no=number
            )
