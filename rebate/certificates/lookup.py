"""The family's answer to goods.evidence: the certificates an export item has (the forms that
name a 报关单 item: 代理证明, 退运已补税证明, 委托出口货物证明)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from rebate.accounts.models import Enterprise
from rebate.core.models import RecordStatus
from rebate.goods.evidence import Certificate

from . import models
from .wire import BY_MODEL

ON_ITEMS = (models.Agency, models.ReturnedGoods, models.Entrusted)
CHUNK = 1000


def _candidates(model: Any, enterprise: Enterprise, entries: list[str]) -> Iterator[Any]:
    """The enterprise's rows that may be on ``entries``: all of them when they are no more than
    the entries (one query; 数据一致性检查 asks for a whole period's items, and building IN lists
    of 100,000 keys cost seconds for the usual handful of certificates), else by IN chunks."""
    everything = model.objects.filter(enterprise=enterprise)
    if everything.count() <= len(entries):
        yield everything
        return
    for start in range(0, len(entries), CHUNK):
        yield everything.filter(entry_id__in=entries[start : start + CHUNK])


def item_certificates(
    enterprise: Enterprise, item_keys: Sequence[str]
) -> dict[str, list[Certificate]]:
    wanted = {(key[:18], int(key[19:21])) for key in item_keys if len(key) == 21 and key.isdigit()}
    entries = sorted({entry for entry, _ in wanted})
    found: dict[str, list[Certificate]] = {}
    labels = dict(RecordStatus.choices)
    for model in ON_ITEMS:
        for rows in _candidates(model, enterprise, entries):
            for row in rows:
                if (row.entry_id, row.item_no) not in wanted:
                    continue
                found.setdefault(row.item_key, []).append(
                    Certificate(
                        business_code=BY_MODEL[model].code, label=BY_MODEL[model].label,
                        item_key=row.item_key,
                        status="已开具" if row.certificate_no else labels[row.status],
                        number=row.certificate_no, issued_on=row.issued_on,
                        returned_fob_cny=getattr(row, "returned_fob_cny", None),
                    )
                )  # fmt: skip
    return found
