"""The bureau's taxpayer registry and its simulated clock."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from sim.customs.web import BadRequest

from .models import Clock, Enterprise, Filing


def find_enterprise(customs_code: str) -> Enterprise:
    enterprise = Enterprise.objects.filter(customs_code=customs_code).first()
    if enterprise is None:
        raise BadRequest(f"企业{customs_code or '（空）'}未在税务机关办理出口退（免）税备案", 404)
    return enterprise


def register_enterprise(
    *,
    customs_code: str,
    uscc: str,
    name: str,
    category: int,
    filed_on: date,
    planned_allocation_rate: Decimal | None,
) -> Enterprise:
    """备案 (A0101001) and, with a rate, 计划分配率备案 (A0307001); idempotent."""
    enterprise, created = Enterprise.objects.update_or_create(
        customs_code=customs_code,
        defaults={
            "uscc": uscc,
            "name": name,
            "category": category,
            "planned_allocation_rate": planned_allocation_rate,
        },
    )
    if created:
        Filing.objects.create(
            enterprise=enterprise,
            business_code="A0101001",
            short_name="rdxx",
            filed_on=filed_on,
            summary=f"出口退（免）税备案：{name}，退税计算方法 免抵退，分类管理类别 {category}",
        )
        if planned_allocation_rate is not None:
            Filing.objects.create(
                enterprise=enterprise,
                business_code="A0307001",
                short_name="jlba",
                filed_on=filed_on,
                summary="进料加工计划分配率备案",
                planned_allocation_rate=planned_allocation_rate,
            )
    return enterprise


def clock() -> Clock:
    """The clock row; created on first use with the real date (the generator sets its own)."""
    row = Clock.objects.first()
    if row is None:
        row = Clock.objects.create(today=timezone.localdate())
    return row


def set_today(today: date, *, lag_days: int | None = None) -> Clock:
    row = clock()
    row.today = today
    if lag_days is not None:
        row.exchange_lag_days = lag_days
    row.save(update_fields=["today", "exchange_lag_days"])
    return row
