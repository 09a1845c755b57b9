"""What an approved 其他申报 declaration changes in the product (read in from feedback):

* 出口信息查询 (A0401001): each queried document shows the bureau's answer (有/无电子信息);
* 无电子信息申报 (A0402001): the lines' 申报期限 is extended (rebate.calc.other.extended_deadline);
  the deadline checks read it through rebate.codes' hook (``deadline_extensions``);
* 购进自用货物 / 出口已使用设备 / 出口非自产货物: each line gets the bureau's 核准退税额.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rebate.accounts.models import Enterprise, User
from rebate.calc.other import extended_deadline

from . import INFO_QUERY, NO_INFO, NON_OWN, SELF_USE, USED_EQUIPMENT, models
from .choices import InfoStatus

if TYPE_CHECKING:
    from rebate.declarations.models import ReviewRecord

REFUNDED: dict[str, Any] = {
    SELF_USE: models.SelfUseGoods,
    USED_EQUIPMENT: models.UsedEquipment,
    NON_OWN: models.NonOwnProduct,
}


def _line_figures(review: ReviewRecord) -> dict[str, dict[str, Any]]:
    return {line.line_no: dict(line.figures) for line in review.lines.all()}


def on_approved(
    *, enterprise: Enterprise, actor: User, review: ReviewRecord, item_keys: list[str]
) -> None:
    if review.batch_id is None:
        return  # known only from feedback: no rows of ours to update
    code, batch_id = review.business_code, review.batch_id
    if code == INFO_QUERY:
        for line_no, figures in _line_figures(review).items():
            present = figures.get("info_present")
            if present is None:
                continue
            status = InfoStatus.PRESENT if Decimal(str(present)) == 1 else InfoStatus.ABSENT
            models.InfoQuery.objects.filter(
                enterprise=enterprise, declaration_batch_id=batch_id, sequence_no=line_no
            ).update(info_status=status)
    elif code == NO_INFO:
        rows = models.NoInfoDeclaration.objects.filter(
            enterprise=enterprise, declaration_batch_id=batch_id, declaration_deadline__isnull=False
        )
        for row in rows:
            assert row.declaration_deadline is not None
            row.extended_to = extended_deadline(row.declaration_deadline)
            row.save(update_fields=["extended_to", "updated_at"])
    elif code in REFUNDED:
        model = REFUNDED[code]
        for line_no, figures in _line_figures(review).items():
            refund = figures.get("refund")
            if refund is None:
                continue
            model.objects.filter(
                enterprise=enterprise, declaration_batch_id=batch_id, sequence_no=line_no
            ).update(confirmed_refund=Decimal(str(refund)))


def extensions(enterprise: Enterprise, entry_ids: Iterable[str]) -> dict[str, date]:
    """报关单号 → the extended 申报期限 of an approved 无电子信息申报 (the lower layers' hook)."""
    wanted = {key[:18] for key in entry_ids}
    # The enterprise's approved extensions are few and read whole, then kept for the wanted
    # numbers: an IN list of a 100,000-line period's keys cost more to build than to run.
    rows = models.NoInfoDeclaration.objects.filter(
        enterprise=enterprise, extended_to__isnull=False
    ).values_list("entry_id", "extended_to")
    found: dict[str, date] = {}
    for entry_id, extended in rows:
        if extended is not None and entry_id in wanted:
            found[entry_id] = max(extended, found.get(entry_id, extended))
    return found
