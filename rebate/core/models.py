"""The kernel's models: the tenant-owned base, the status audit log and background jobs.

The kernel knows no tax concept; the tenant is referenced by its label only.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

TENANT_MODEL = "accounts.Enterprise"
# The kernel's `enterprise` and `actor` parameters stay Any: naming Enterprise or User means
# importing accounts, a domain app above the kernel in pyproject's layers contract (which counts
# TYPE_CHECKING imports too), and a neutral type (models.Model, AbstractBaseUser) does not fit
# the ORM fields, which django-stubs resolves to accounts' classes. Callers above are typed.


class EnterpriseQuerySet(models.QuerySet[Any]):
    def for_enterprise(self, enterprise: Any) -> Self:
        return self.filter(enterprise=enterprise)


EnterpriseManager = models.Manager.from_queryset(EnterpriseQuerySet)


class EnterpriseOwned(models.Model):
    """Base of every row that belongs to one enterprise. Reads go through for_enterprise()."""

    enterprise = models.ForeignKey(
        TENANT_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="企业"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = EnterpriseManager()

    class Meta:
        abstract = True


period_validator = RegexValidator(r"^\d{4}(0[1-9]|1[0-2])$", "所属期格式应为YYYYMM")
# A form declared by 申报年 keeps the year in BatchRecord.period (its own field, this validator)
year_validator = RegexValidator(r"^[12]\d{3}$", "申报年格式应为YYYY")
fraction_validators = [
    MinValueValidator(0, "税率应为0至1之间的小数，如 0.13"),
    MaxValueValidator(1, "税率应为0至1之间的小数，如 0.13（不是13）"),
]


class RecordStatus(models.TextChoices):
    """Where a batch record stands in the declaration lifecycle; only COLLECTED is writable.
    The lifecycle engine moves records (rebate.declarations.sources)."""

    COLLECTED = "collected", "已采集"
    GENERATED = "generated", "已生成申报数据"
    DECLARED = "declared", "已正式申报"


class BatchRecord(EnterpriseOwned):
    """A record of a form declared in batches: numbered per 所属期, and read-only while it sits
    in a generated or declared batch (a plain id, so the kernel and the domain apps do not import
    the lifecycle engine; `status` says how far the batch went). Its RecordType (core.batch.
    batch_record) names the family and business whose batches it joins."""

    period = models.CharField("所属期", max_length=6, validators=[period_validator])
    sequence_no = models.CharField("申报序号", max_length=8, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=RecordStatus.choices, default=RecordStatus.COLLECTED
    )
    declaration_batch_id = models.BigIntegerField("申报批次", null=True, blank=True, db_index=True)

    class Meta:
        abstract = True


class StatusChange(EnterpriseOwned):
    """One row per state transition of any object: the audit trail auditors read."""

    object_type = models.CharField("对象类型", max_length=100)
    object_id = models.CharField("对象编号", max_length=64)
    field = models.CharField("字段", max_length=50, default="status")
    from_state = models.CharField("原状态", max_length=40)
    to_state = models.CharField("新状态", max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    note = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "状态变更记录"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["enterprise", "object_type", "object_id"])]
        ordering = ["-created_at", "-id"]


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "执行中"
    SUCCEEDED = "succeeded", "已完成"
    FAILED = "failed", "失败"


class Job(EnterpriseOwned):
    """A unit of background work the user waits for: shown as a progress bar."""

    kind = models.CharField("任务类型", max_length=60)
    label = models.CharField("任务名称", max_length=200)
    status = models.CharField(
        "状态", max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    message = models.CharField("信息", max_length=1000, blank=True)
    params = models.JSONField("参数", default=dict, blank=True)
    result = models.JSONField("结果", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="创建人",
    )
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    # The lease of the worker running the job ("host:pid:worker id"), renewed by its heartbeat
    # thread: a job whose worker died is found by rebate.core.jobs.jobs_reap.
    worker = models.CharField("执行进程", max_length=200, blank=True)
    heartbeat_at = models.DateTimeField("心跳时间", null=True, blank=True)
    # How many times a worker started it: a job whose worker died is queued again up to
    # settings.JOB_ATTEMPTS starts (rebate.core.jobs).
    attempts = models.PositiveSmallIntegerField("执行次数", default=0)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-id"]

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)


class Draft(EnterpriseOwned):
    """暂存 (SPEC §12): a record form saved as typed, without the form's checks. It is not a row
    of the form's model, so no batch, check or print can take it; saved normally (with the full
    checks) it becomes the record and goes (rebate.core.drafts)."""

    record = models.CharField("表单", max_length=100)  # RecordType key, namespace:name
    object_id = models.BigIntegerField("修改的记录", null=True, blank=True)  # None: 新建
    data = models.JSONField("暂存内容", default=dict)  # field name → the posted values
    summary = models.CharField("摘要", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="暂存人",
    )

    class Meta:
        verbose_name = "暂存"
        verbose_name_plural = verbose_name
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["enterprise", "record"])]

    def __str__(self) -> str:
        return self.summary or self.record
