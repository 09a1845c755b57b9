"""Batch states of the declaration lifecycle (SPEC §5.3, §11) and the one transition table.

Every family uses the same states; a family that has no self-check (进料, 备案) goes
已生成 → 上传成功 → 审核通过/税局退回, the others 已生成 → 自检中 → … (SPEC §11's table). Which
steps a family offers is its configuration (families.Step); the table only says which
state may follow which.
"""

from __future__ import annotations

from django.db import models


class BatchStatus(models.TextChoices):
    # The package is written; the clerk's IC card signs its digest in the browser.
    UNSIGNED = "unsigned", "待签名"
    GENERATED = "generated", "已生成"
    CHECKING = "checking", "自检中"
    CHECKED = "checked", "自检完成"
    BLOCKED = "blocked", "有不可跳过疑点"
    UPLOADED = "uploaded", "上传成功"
    DECLARED = "declared", "已确认申报"
    PASSED = "passed", "审核通过"
    RETURNED = "returned", "税局退回"
    REVOKED = "revoked", "已撤销"


S = BatchStatus
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.UNSIGNED: (S.GENERATED, S.REVOKED),
    S.GENERATED: (S.CHECKING, S.UPLOADED, S.REVOKED),
    S.CHECKING: (S.CHECKED, S.BLOCKED),
    S.CHECKED: (S.DECLARED, S.REVOKED),
    S.BLOCKED: (S.REVOKED,),
    S.UPLOADED: (S.PASSED, S.RETURNED),
    S.DECLARED: (S.PASSED, S.RETURNED),
    S.RETURNED: (S.REVOKED,),
    S.PASSED: (),
    S.REVOKED: (),
}
LABELS: dict[str, str] = {str(value): str(label) for value, label in BatchStatus.choices}

# States in which the batch's data sits at the bureau as a formal declaration (上传成功: a
# family without self-check declares by uploading).
FORMAL = (S.UPLOADED, S.DECLARED, S.PASSED, S.RETURNED)
# States whose doubts came from a finished self-check.
SELF_CHECKED = (S.CHECKED, S.BLOCKED)


class DoubtLevel(models.TextChoices):
    BLOCKING = "E", "错误"
    WARNING = "I", "警告"


class ReviewResultKind(models.TextChoices):
    PASSED = "passed", "审核通过"
    RETURNED = "returned", "税局退回"
    UNDER_REVIEW = "reviewing", "审核中"
    REVOKED = "revoked", "已撤销"


class FeedbackSource(models.TextChoices):
    UPLOAD = "upload", "反馈读入"
    DOWNLOAD = "download", "审核结果下载"
    REFRESH = "refresh", "自检状态查询"
