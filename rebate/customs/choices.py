"""Statuses of 报关单采集 and their transition tables (DESIGN §4 rule 5)."""

from __future__ import annotations

from django.db import models


class GenerationStatus(models.TextChoices):
    """生成状态 (DC-09): whether rebate lines were generated from the declaration."""

    NOT_GENERATED = "0", "未生成"
    GENERATED = "1", "已生成"
    DECLARED = "2", "已申报"  # the bureau approved its lines (history read in from feedback)


# 已生成 → 未生成 only when every generated line has been deleted in 出口货物明细采集.
# 已申报 is final: lines the bureau approved are never generated (declared) again.
GENERATION_TRANSITIONS: dict[str, list[str]] = {
    GenerationStatus.NOT_GENERATED: [GenerationStatus.GENERATED, GenerationStatus.DECLARED],
    GenerationStatus.GENERATED: [GenerationStatus.NOT_GENERATED, GenerationStatus.DECLARED],
    GenerationStatus.DECLARED: [],
}


class CheckStatus(models.TextChoices):
    """Result of the last 数据检查 (DC-04)."""

    UNCHECKED = "unchecked", "未检查"
    PASSED = "passed", "检查通过"
    FAILED = "failed", "检查未通过"


class RevisionKind(models.TextChoices):
    """What happened to a changed download (改单)."""

    APPLIED = "applied", "已更新"
    HELD = "held", "已生成退税，差异未更新"


class DownloadMode(models.TextChoices):
    DATE_RANGE = "range", "按出口日期"
    ENTRY_ID = "entry", "按报关单号"


IMPORT_JOB = "customs.import"  # the job kind of a large 报关单导入 (tasks.run_import)
