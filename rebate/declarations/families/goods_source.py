"""The record source of the A0305001 bundle: every goods and services form (goods.batch).

The goods app owns the rows and their read-only rule; the declarations app only asks it to put
a period's rows into a batch, to mark them declared and to release them on 撤销.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from rebate.goods import batch as bundle
from rebate.goods.choices import LineStatus

from .base import RecordLink

# Wire table → "app_label.Model" of the rows it carries (services forms join when they exist).
TABLE_MODELS: dict[str, str] = {
    "TSSB": "goods.ExportLine",
    "CKSH": "goods.Receipt",
    "BNSH": "goods.NonReceipt",
    "CYSM": "goods.FobDifference",
    "HGSPTZ": "goods.CodeAdjustment",
    "STZCQD": "goods.DeemedOwnProduct",
    "XTHH": "goods.RefundFirst",
    "YFSJ": "service_exports.TaxableService",
    "SYYK": "service_exports.ServiceReceipt",
    "GJYS": "service_exports.TransportLine",
    "HKYSQS": "service_exports.SpaceBill",
    "KYHJ": "service_exports.PassengerLetter",
    "TLHY": "service_exports.RailFreight",
}


def model_for(table: str) -> type[models.Model] | None:
    label = TABLE_MODELS.get(table)
    if label is None:
        return None
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def detail_url_name(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}:{model._meta.model_name}_detail"


class GoodsBundleSource:
    def attach(self, *, enterprise: Any, actor: Any, period: str, batch_id: int) -> int:
        return bundle.bundle_attach(
            enterprise=enterprise,
            actor=actor,
            period=period,
            batch_id=batch_id,
            status=LineStatus.GENERATED,
        )

    def mark_declared(self, *, enterprise: Any, actor: Any, batch_id: int) -> int:
        return bundle.bundle_set_status(
            enterprise=enterprise, actor=actor, batch_id=batch_id, status=LineStatus.DECLARED
        )

    def release(self, *, enterprise: Any, actor: Any, batch_id: int) -> int:
        return bundle.bundle_set_status(
            enterprise=enterprise, actor=actor, batch_id=batch_id, status=LineStatus.COLLECTED
        )

    def index(self, *, enterprise: Any, batch_id: int, table: str) -> dict[str, RecordLink]:
        model = model_for(table)
        if model is None:
            return {}
        manager: Any = model._default_manager
        rows = manager.filter(enterprise=enterprise, declaration_batch_id=batch_id).values_list(
            "sequence_no", "pk"
        )
        url_name = detail_url_name(model)
        return {str(line_no): RecordLink(pk, url_name) for line_no, pk in rows if line_no}
