"""Driving the family's batches through the engine and the real bureau simulator."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rebate.declarations import services
from rebate.declarations.models import DeclarationBatch

from .. import FILING


def declare(clerk: Any, business: str, period: str) -> DeclarationBatch:
    """生成申报数据 → IC卡签名 → 远程申报 (上传成功) → 审核结果下载 (the bureau's review)."""
    from rebate.declarations.tests.factories import generate_signed

    e = clerk.enterprise
    batch = generate_signed(clerk, period, family="processing", business=business)
    services.batch_upload(enterprise=e, actor=clerk, batch_id=batch.pk)
    services.feedback_download(enterprise=e, actor=clerk, family="processing", period=period)
    batch.refresh_from_db()
    return batch


def file_planned_rate(
    clerk: Any, manual_no: str, imports: Decimal, exports: Decimal, since: date, period: str
) -> DeclarationBatch:
    """计划分配率备案 (JL-01) 新建, then declared: the rate is on file from ``since``."""
    from ..records import planned_service

    planned_service.create(
        enterprise=clerk.enterprise, actor=clerk,
        data={"period": period, "manual_no": manual_no, "planned_imports": imports,
              "planned_exports": exports, "valid_from": since},
    )  # fmt: skip
    return declare(clerk, FILING, period)
