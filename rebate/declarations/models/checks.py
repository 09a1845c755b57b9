"""数据一致性检查 (TS-19) runs and their problems; an empty run means no problem."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from rebate.core.models import EnterpriseOwned

from ..choices import DoubtLevel


class ConsistencyRun(EnterpriseOwned):
    family = models.CharField("业务", max_length=20)
    period = models.CharField("所属期", max_length=6)
    line_count = models.PositiveIntegerField("检查条数", default=0)
    issue_count = models.PositiveIntegerField("问题数", default=0)
    blocking_count = models.PositiveIntegerField("不可跳过问题数", default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "数据一致性检查"
        verbose_name_plural = verbose_name
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"数据一致性检查 {self.period}"


class ConsistencyIssue(EnterpriseOwned):
    run = models.ForeignKey(ConsistencyRun, on_delete=models.CASCADE, related_name="issues")
    code = models.CharField("代码", max_length=60)
    level = models.CharField("级别", max_length=1, choices=DoubtLevel.choices)
    skippable = models.BooleanField("可跳过")
    message = models.CharField("问题描述", max_length=1000)
    table = models.CharField("关联表", max_length=20)
    line_no = models.CharField("申报序号", max_length=10, blank=True)
    item_key = models.CharField("出口报关单号", max_length=21, blank=True)
    record_id = models.BigIntegerField("关联记录", null=True, blank=True)

    class Meta:
        verbose_name = "一致性检查问题"
        verbose_name_plural = verbose_name
        ordering = ["run", "skippable", "line_no", "id"]
